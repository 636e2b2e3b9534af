// `dyadctl dialogue ...`: scripts, their validator, and the language hints, headless. No wx.
#pragma once

#include <dyad/plugin.hpp>

#include <string>
#include <vector>

#include "hints.h"
#include "record.h"
#include "script.h"

namespace dyad::dialogue {

const char* dialogue_cli_usage();
// args[0] is "dialogue". Exit code: 0 done (validate: the script is valid), 1 refused or
// problems found, 2 usage.
int run_dialogue_cli(dyad::sdk::Host host, DialogueStore& store, const ScriptLibrary& library,
                     const HintRules& hint_rules, const std::vector<std::string>& feelings,
                     const std::vector<std::string>& args, const dyad::sdk::CliOutput& output);

}  // namespace dyad::dialogue
