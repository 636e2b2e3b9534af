// `dyadctl bcr ...`: the Behavior Change Request tracker headless. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <string>
#include <vector>

#include "smart_check.h"
#include "store.h"

namespace dyad::bcr {

const char* bcr_cli_usage();
// args[0] is "bcr"; today is the local date. Exit code: 0 done (lint: the request passes),
// 1 refused or failed (lint: findings), 2 usage.
int run_bcr_cli(dyad::sdk::Host host, BcrStore& store, const SmartChecker* checker,
                const std::vector<std::string>& args, const dyad::sdk::CliOutput& output,
                const std::string& today);

}  // namespace dyad::bcr
