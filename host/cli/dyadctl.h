// dyadctl: the headless command line over host/core. run() is the whole program minus
// main(), so tests can drive it in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace dyad::cli {

// args excludes the program name. Returns the process exit code: 0 on success, 1 on a
// failure (one line on err), 2 on a usage error.
int run(const std::vector<std::string>& args, const std::string& executable_path, std::ostream& out,
        std::ostream& err);

// dyadctl's own command names, which plugins may not take.
const std::vector<std::string>& builtin_command_names();

}  // namespace dyad::cli
