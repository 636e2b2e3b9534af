// `dyadctl forms ...` (list and validate form definitions) and `dyadctl workup ...` (answers
// and exports). No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <string>
#include <vector>

#include "form.h"
#include "response.h"

namespace dyad::workup {

const char* forms_cli_usage();
const char* workup_cli_usage();
// Exit codes: 0 done (validate: valid), 1 refused or problems, 2 usage.
int run_forms_cli(const FormLibrary& library, const std::vector<std::string>& args,
                  const dyad::sdk::CliOutput& output);
int run_workup_cli(dyad::sdk::Host host, ResponseStore& store, const FormLibrary& library,
                   const std::vector<std::string>& args, const dyad::sdk::CliOutput& output);

}  // namespace dyad::workup
