// `dyadctl directory ...`: the public profile, its exports and the sync, headless. The sync
// commands (diff, push, connect, ...) are in sync_cli.cpp. No wx here.
#pragma once

#include <cli_args.h>
#include <dyad/plugin.hpp>

#include <map>
#include <string>
#include <vector>

#include "services.h"

namespace dyad::directory {

const char* directory_cli_usage();
// Exit codes: 0 done, 1 refused or failed, 2 usage.
int run_directory_cli(DirectoryServices& services, const std::vector<std::string>& args,
                      const dyad::sdk::CliOutput& output);

// The command line after "directory" (cli_args.h); --json and --token-stdin are its flags.
using dyad::datafile::CliArgs;

// The sync commands; -1 when args are not one of them.
int run_sync_cli(DirectoryServices& services, const CliArgs& args,
                 const dyad::sdk::CliOutput& output);

}  // namespace dyad::directory
