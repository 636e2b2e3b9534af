// Which records each `dyadctl records` subcommand reads or writes, checked against the
// signed-in user's role and caseload before it runs (issue 15): a biller never reads a note
// from the command line either. The table is the one place these rules live for the CLI.
#pragma once

#include <cstdint>
#include <dyad/plugin.hpp>
#include <string>

namespace dyad::records_plugin {

// "" when the signed-in user may run `command` (on unit_id, 0 when none is involved);
// otherwise the refusal in words. An unknown command is not refused here (the CLI says it is
// unknown).
std::string records_cli_refusal(const dyad::sdk::Host& host, const std::string& command,
                                std::int64_t unit_id);

}  // namespace dyad::records_plugin
