// `dyadctl billing ...`: the couple's billing headless: services, setup, charges from
// sessions, a charge by hand, reversal, payment split between partners, charges and the
// ledger (--json through Poco::JSON), an invoice PDF. Every command needs the signed-in user's
// billing permission. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <string>
#include <vector>

#include "catalogue.h"
#include "ledger.h"

namespace dyad::billing {

const char* billing_cli_usage();
// args[0] is "billing"; today is the local date. Exit code: 0 done, 1 refused or failed,
// 2 usage.
int run_billing_cli(dyad::sdk::Host host, BillingStore& store, const Catalogue* catalogue,
                    const std::vector<std::string>& args, const dyad::sdk::CliOutput& output,
                    const std::string& today);

}  // namespace dyad::billing
