// `dyadctl measures ...`: instruments, scoring by hand, cadences, what is due, administrations,
// history, flags, the report and the exports, headless. Client answers are read from standard
// input (never the command line); `score` takes them as words because it records nothing and
// names no one. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <istream>
#include <string>
#include <vector>

#include "store.h"

namespace dyad::measures {

const char* measures_cli_usage();
// args[0] is "measures"; today is the local date. Exit code: 0 done (validate: the file is
// valid), 1 refused or failed, 2 usage.
int run_measures_cli(dyad::sdk::Host host, MeasuresStore& store,
                     const std::vector<std::string>& args, const dyad::sdk::CliOutput& output,
                     const std::string& today, std::istream& in);

}  // namespace dyad::measures
