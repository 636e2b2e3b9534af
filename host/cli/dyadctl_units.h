// `dyadctl units list [--status S] [--json] | members UNIT [--json] |
//  consent UNIT CLIENT [--contact yes|no] [--share yes|no]`.
// Thread: main.
#pragma once

#include <iosfwd>
#include <string>

#include "options.h"

namespace dyad::cli {

// Exit codes: 0 done, 1 refused or failed (said on err), 2 usage.
int command_units(const Options& options, const std::string& exe, std::ostream& out,
                  std::ostream& err);

}  // namespace dyad::cli
