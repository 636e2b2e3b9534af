// `dyadctl records ...`: the subcommands, their usage text, and the runner. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <string>
#include <vector>

#include "records.h"

namespace dyad::records_plugin {

const char* records_cli_usage();
// args[0] is "records". Returns the process exit code: 0 done, 1 refused or failed, 2 usage.
int run_records_cli(Records& records, const std::vector<std::string>& args,
                    const dyad::sdk::CliOutput& output);

}  // namespace dyad::records_plugin
