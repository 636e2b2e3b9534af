// `dyadctl billing ...` end to end with the real plugin libraries: four weekly couple sessions
// booked and attended, charged, one payment split between the partners, the ledger as JSON
// (parsed back), an invoice PDF; a biller may, a therapist may not.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <filesystem>
#include <sstream>

#include "test_support.h"

namespace {

struct Practice {
    dyad::test::TempDir dir;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)};

    dyad::test::ProcessResult run(std::vector<std::string> args, const std::string& input = "") {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path(),
                                         "--passphrase-fd", "0"};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process_with_input(argv, env, input, 120);
    }
};

std::string first_id(const std::string& json) {
    auto at = json.find("\"id\":");
    return json.substr(at + 5, json.find(',', at) - at - 5);
}

}  // namespace

TEST(DyadctlBilling, FourSessionsChargedOnePaymentSplitLedgerAndInvoice) {
    Practice p;
    ASSERT_EQ(p.run({"demo"}).exit_code, 0);
    std::string unit = first_id(p.run({"units", "list", "--json"}).out);
    auto members = p.run({"records", "clients", "--unit", unit, "--json"});
    ASSERT_EQ(members.exit_code, 0) << members.err;
    std::string ana = first_id(members.out);
    std::string ben = first_id(members.out.substr(members.out.find('}')));

    auto booked = p.run({"records", "book", "--unit", unit, "--start", "2026-10-05 10:00",
                         "--minutes", "50", "--repeat", "weekly", "--count", "4"});
    ASSERT_EQ(booked.exit_code, 0) << booked.err;
    std::stringstream ids(booked.out);
    std::string id;
    while (std::getline(ids, id)) {
        ASSERT_EQ(p.run({"records", "session-status", id, "attended"}).exit_code, 0);
    }
    auto setup = p.run({"billing", "setup", "--unit", unit, "--kind", "superbill", "--ip", ana,
                        "--split", ana + ":60," + ben + ":40"});
    ASSERT_EQ(setup.exit_code, 0) << setup.err;
    // A superbill's couple code needs the identified patient's non-Z diagnosis (from the
    // records plugin): Z63.0 alone is not enough.
    ASSERT_EQ(
        p.run({"records", "diagnosis-add", "--unit", unit, "--client", ana, "--code", "Z63.0"})
            .exit_code,
        0);
    auto blocked = p.run({"billing", "charge-sessions", "--unit", unit, "--from", "2026-10-01",
                          "--to", "2026-10-31"});
    ASSERT_EQ(blocked.exit_code, 0) << blocked.err;
    EXPECT_EQ(blocked.out.substr(0, 20), "0 charge(s) created\n");
    EXPECT_NE(blocked.out.find("has only Z-code diagnoses"), std::string::npos) << blocked.out;
    ASSERT_EQ(
        p.run({"records", "diagnosis-add", "--unit", unit, "--client", ana, "--code", "F43.23"})
            .exit_code,
        0);
    auto charged = p.run({"billing", "charge-sessions", "--unit", unit, "--from", "2026-10-01",
                          "--to", "2026-10-31"});
    ASSERT_EQ(charged.exit_code, 0) << charged.err;
    EXPECT_EQ(charged.out, "4 charge(s) created\n");
    auto paid = p.run({"billing", "pay", "--unit", unit, "--amount", "300.00", "--method", "card",
                       "--from", ana, "--date", "2026-10-31"});
    ASSERT_EQ(paid.exit_code, 0) << paid.err;
    EXPECT_NE(paid.out.find("$300.00 allocated, $0.00 credit"), std::string::npos) << paid.out;

    auto ledger = p.run({"billing", "ledger", "--unit", unit, "--json"});
    ASSERT_EQ(ledger.exit_code, 0) << ledger.err;
    auto root = Poco::JSON::Parser().parse(ledger.out).extract<Poco::JSON::Object::Ptr>();
    auto entries = root->getArray("entries");
    ASSERT_EQ(entries->size(), 5u);
    EXPECT_EQ(entries->getObject(4)->getValue<std::int64_t>("balance_cents"), 4 * 16000 - 30000);
    auto partners = root->getArray("partners");
    ASSERT_EQ(partners->size(), 2u);
    std::int64_t paid_cents = 0;
    for (unsigned i = 0; i < partners->size(); ++i) {
        paid_cents += partners->getObject(i)->getValue<std::int64_t>("paid_cents");
    }
    EXPECT_EQ(paid_cents, 30000) << "both partners' shares took part of the one payment";

    auto invoice = p.run(
        {"billing", "invoice", "--unit", unit, "--client", ana, "--out", p.dir.file("ana.pdf")});
    ASSERT_EQ(invoice.exit_code, 0) << invoice.err;
    EXPECT_EQ(invoice.out.substr(0, 19), "invoice INV-000001 ");
    EXPECT_TRUE(std::filesystem::exists(p.dir.file("ana.pdf")));

    auto no_identity = p.run({"billing", "identity"});
    EXPECT_EQ(no_identity.exit_code, 1);
    auto bad_npi =
        p.run({"billing", "identity-set", "--legal-name", "Ortiz Couples Therapy", "--tax-id",
               "12-3456789", "--address", "1 Main St", "--clinician", "Dana Reyes", "--npi",
               "1234567890", "--licence", "LMFT:123456:CA", "--taxonomy", "106H00000X"});
    EXPECT_EQ(bad_npi.exit_code, 1);
    EXPECT_EQ(bad_npi.err, "billing: clinician NPI: the NPI's check digit is wrong (a typo?)\n");
    auto identity =
        p.run({"billing", "identity-set", "--legal-name", "Ortiz Couples Therapy", "--tax-id",
               "98-7654321", "--address", "1 Main St", "--clinician", "Dana Reyes", "--npi",
               "1234567893", "--licence", "LMFT:123456:CA", "--taxonomy", "106H00000X"});
    ASSERT_EQ(identity.exit_code, 0) << identity.err;
    auto shown = p.run({"billing", "identity", "--json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    auto facts = Poco::JSON::Parser().parse(shown.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(facts->getValue<std::string>("tax_id"), "**-***4321");
    EXPECT_EQ(shown.out.find("987654321"), std::string::npos) << "the whole tax id never shows";

    auto refused = p.run({"billing", "pay", "--unit", unit, "--amount", "-5", "--method", "card"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.err, "billing: the amount cannot be negative\n");

    // With users: the biller bills; a therapist has no billing.
    ASSERT_EQ(p.run({"users", "add", "Olivia", "--role", "owner"}, "olivia's phrase\n").exit_code,
              0);
    ASSERT_EQ(p.run({"--user", "Olivia", "users", "add", "Dana", "--role", "therapist"},
                    "olivia's phrase\ndana's long phrase\n")
                  .exit_code,
              0);
    ASSERT_EQ(p.run({"--user", "Olivia", "users", "add", "Bill", "--role", "biller"},
                    "olivia's phrase\nbill's long phrase\n")
                  .exit_code,
              0);
    auto billed =
        p.run({"--user", "Bill", "billing", "charges", "--unit", unit}, "bill's long phrase\n");
    EXPECT_EQ(billed.exit_code, 0) << billed.err;
    auto therapist =
        p.run({"--user", "Dana", "billing", "charges", "--unit", unit}, "dana's long phrase\n");
    EXPECT_EQ(therapist.exit_code, 1);
    EXPECT_EQ(therapist.err, "billing: the signed-in user's role has no billing\n");
}
