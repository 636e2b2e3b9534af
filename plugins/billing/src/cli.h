// `dyadctl billing ...`: the couple's billing headless: services, setup, charges from
// sessions, a charge by hand, reversal, payment split between partners, charges and the
// ledger (--json through Poco::JSON), an invoice PDF. Every command needs the signed-in user's
// billing permission. No wx here.
#pragma once

#include <cli_args.h>
#include <json_out.h>

#include <Poco/Dynamic/Var.h>
#include <dyad/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

#include "catalogue.h"
#include "claims.h"
#include "details.h"
#include "ledger.h"

namespace dyad::billing {

// What the billing commands work on; owned by the plugin.
struct BillingContext {
    dyad::sdk::Host host;
    BillingStore& store;
    DetailsStore& details;
    ClaimStore& claims;
    const Catalogue* catalogue;
};

const char* billing_cli_usage();
// A command's JSON answer: the value as one line of JSON text, ending in a newline.
using dyad::datafile::json_text;
// args[0] is "billing"; today is the local date. Exit code: 0 done, 1 refused or failed,
// 2 usage.
int run_billing_cli(BillingContext& context, const std::vector<std::string>& args,
                    const dyad::sdk::CliOutput& output, const std::string& today);
// The details, payer, coverage, superbill, estimate, claim and report commands
// (cli_documents.cpp); nullopt when a.words[0] is none of them. The caller checked the role.
// payments, receipt and statement (cli_statements.cpp); nullopt for any other command.
std::optional<int> run_statements_cli(BillingContext& context, dyad::datafile::CliArgs& a,
                                      const dyad::sdk::CliOutput& output, const std::string& today,
                                      const std::string& by);
// clinicians, clinician-set, clinician-retire, unit-clinician, by-clinician
// (cli_clinicians.cpp); nullopt for any other command.
std::optional<int> run_clinicians_cli(BillingContext& context, dyad::datafile::CliArgs& a,
                                      const dyad::sdk::CliOutput& output, const std::string& today);
std::optional<int> run_documents_cli(BillingContext& context, dyad::datafile::CliArgs& a,
                                     const dyad::sdk::CliOutput& output, const std::string& today,
                                     const std::string& by);

}  // namespace dyad::billing
