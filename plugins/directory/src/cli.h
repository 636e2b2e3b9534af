// `dyadctl directory ...`: the public profile and its exports, headless. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <string>
#include <vector>

#include "adapters.h"
#include "profile.h"

namespace dyad::directory {

const char* directory_cli_usage();
// Exit codes: 0 done, 1 refused or failed, 2 usage.
int run_directory_cli(dyad::sdk::Host host, ProfileStore& store, const AdapterLibrary& adapters,
                      const std::vector<std::string>& args, const dyad::sdk::CliOutput& output);

}  // namespace dyad::directory
