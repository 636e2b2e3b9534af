// `dyadctl plugins list [--json] | enable ID | disable ID | reset-schema ID [--yes]`.
// Thread: main.
#pragma once

#include <iosfwd>
#include <string>

#include "options.h"

namespace dyad::cli {

int command_plugins(const Options& options, const std::string& exe, std::ostream& out,
                    std::ostream& err);

}  // namespace dyad::cli
