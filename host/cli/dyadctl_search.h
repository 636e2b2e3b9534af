// `dyadctl search [--json]`: the words to find are read from standard input (a search is client
// data: never on a command line), then every plugin's search provider is asked as in the
// window (plugins/plugin_search.h). Thread: main.
#pragma once

#include <iosfwd>
#include <string>

#include "options.h"

namespace dyad::cli {

// Exit codes: 0 searched (found or not), 1 refused or failed (said on err), 2 usage.
int command_search(const Options& options, const std::string& exe, std::istream& in,
                   std::ostream& out, std::ostream& err);

}  // namespace dyad::cli
