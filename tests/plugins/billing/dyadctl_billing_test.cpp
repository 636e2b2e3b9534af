// `dyadctl billing ...` end to end with the real plugin libraries: four weekly couple sessions
// booked and attended, charged, one payment split between the partners, the ledger as JSON
// (parsed back), an invoice PDF; a biller may, a therapist may not.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <filesystem>
#include <fstream>
#include <map>
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
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
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

namespace {

std::string pdf_text(const std::string& path) {
    auto result = dyad::test::run_process({DYAD_PDFTOTEXT, "-layout", path, "-"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
}

std::string nth_id(const std::string& json, int n) {
    std::string rest = json;
    for (int i = 0; i < n; ++i) {
        rest = rest.substr(rest.find('}') + 1);
    }
    return first_id(rest);
}

}  // namespace

// The issue's "done when", headless: a couple with an identified patient and a 60/40 split,
// four sessions charged, one payment split, a superbill an out-of-network insurer would accept
// (refused first with the list of what is missing), a Good Faith Estimate for a self-pay couple
// and its $400 watch, and an 837P that node-x12 parses back, its replacement and its status.
TEST(DyadctlBilling, SuperbillEstimateAndClaimsFromTheCommandLine) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    auto units = p.run({"units", "list", "--json"}).out;
    std::string unit = first_id(units);   // Ana & Ben Ortiz
    std::string moss = nth_id(units, 2);  // Dee & Eli Moss
    auto members = p.run({"records", "clients", "--unit", unit, "--json"}).out;
    std::string ana = first_id(members);
    std::string ben = nth_id(members, 1);
    auto booked = p.run({"records", "book", "--unit", unit, "--start", "2026-10-05 10:00",
                         "--minutes", "50", "--repeat", "weekly", "--count", "4"});
    ASSERT_EQ(booked.exit_code, 0) << booked.err;
    std::stringstream ids(booked.out);
    std::string id;
    while (std::getline(ids, id)) {
        ASSERT_EQ(p.run({"records", "session-status", id, "attended"}).exit_code, 0);
    }
    ASSERT_EQ(p.run({"billing", "setup", "--unit", unit, "--kind", "superbill", "--ip", ana,
                     "--split", ana + ":60," + ben + ":40"})
                  .exit_code,
              0);
    ASSERT_EQ(
        p.run({"records", "diagnosis-add", "--unit", unit, "--client", ana, "--code", "F43.23"})
            .exit_code,
        0);
    ASSERT_EQ(p.run({"billing", "charge-sessions", "--unit", unit, "--from", "2026-10-01", "--to",
                     "2026-10-31"})
                  .out,
              "4 charge(s) created\n");
    ASSERT_EQ(p.run({"billing", "pay", "--unit", unit, "--amount", "320", "--method", "card",
                     "--date", "2026-10-31"})
                  .exit_code,
              0);

    // Refused with everything missing, and nothing written.
    std::string superbill = p.dir.file("superbill.pdf");
    auto missing = p.run({"billing", "superbill", "--unit", unit, "--from", "2026-10-01", "--to",
                          "2026-10-31", "--out", superbill});
    EXPECT_EQ(missing.exit_code, 1);
    for (const char* expected : {"billing identity", "address (billing details", "member id"}) {
        EXPECT_NE(missing.err.find(expected), std::string::npos) << expected << missing.err;
    }
    EXPECT_FALSE(std::filesystem::exists(superbill));
    EXPECT_FALSE(std::filesystem::exists(superbill + ".pending"));

    ASSERT_EQ(p.run({"billing", "identity-set", "--legal-name", "Ortiz Couples Therapy", "--tax-id",
                     "98-7654321", "--address", "1 Main St, Portland, OR 97201-1234", "--phone",
                     "503 555 0100", "--clinician", "Dana Reyes", "--npi", "1234567893",
                     "--licence", "LMFT:123456:OR", "--taxonomy", "106H00000X"})
                  .exit_code,
              0);
    // The address and member id come from a file, never the command line.
    std::ofstream(p.dir.file("ana.json"))
        << R"({"sex": "F", "street": "40 Elm Ave", "city": "Portland", "state": "or",
              "zip": "97202"})";
    auto details = p.run({"billing", "details", ana, "--file", p.dir.file("ana.json")});
    ASSERT_EQ(details.exit_code, 0) << details.err;
    auto payer = p.run({"billing", "payer-add", "--name", "Cascade Health", "--payer-id", "CASC1",
                        "--telehealth-pos", "10", "--telehealth-modifier", "95"});
    ASSERT_EQ(payer.exit_code, 0) << payer.err;
    std::string payer_id = payer.out.substr(0, payer.out.size() - 1);
    std::ofstream(p.dir.file("coverage.json"))
        << R"({"payer": )" << payer_id
        << R"(, "member_id": "XYZ123456789", "relation": "self", "from": "2026-01-01"})";
    auto coverage = p.run({"billing", "coverage-add", ana, "--file", p.dir.file("coverage.json")});
    ASSERT_EQ(coverage.exit_code, 0) << coverage.err;
    auto twice = p.run({"billing", "coverage-add", ana, "--file", p.dir.file("coverage.json")});
    EXPECT_EQ(twice.exit_code, 1);
    EXPECT_NE(twice.err.find("priority 1 in force over those dates already"), std::string::npos);

    auto issued = p.run({"billing", "superbill", "--unit", unit, "--from", "2026-10-01", "--to",
                         "2026-10-31", "--out", superbill});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    EXPECT_EQ(issued.out, "superbill SB-000001 ($640.00) written to " + superbill + "\n");
    std::string text = pdf_text(superbill);
    for (const char* expected :
         {"Superbill SB-000001", "Ortiz Couples Therapy", "1234567893", "98-7654321",
          "LMFT 123456 (OR)", "106H00000X", "Ana Ortiz", "Mar 14, 1988", "40 Elm Ave",
          "XYZ123456789", "F43.23", "Oct 5, 2026", "Oct 26, 2026", "POS 11", "90847", "Amount paid",
          "$320.00", "Balance due"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    auto session = p.run({"billing", "superbill", "--unit", unit, "--date", "2026-10-12", "--out",
                          p.dir.file("one.pdf")});
    EXPECT_EQ(session.out.substr(0, 29), "superbill SB-000002 ($160.00)") << session.err;

    // A Good Faith Estimate for the self-pay Moss couple: 52 weekly sessions over 12 months.
    auto moss_members = p.run({"records", "clients", "--unit", moss, "--json"}).out;
    std::string dee = first_id(moss_members);
    std::string eli = nth_id(moss_members, 1);
    ASSERT_EQ(p.run({"billing", "setup", "--unit", moss, "--kind", "self_pay", "--split",
                     dee + ":50," + eli + ":50"})
                  .exit_code,
              0);
    auto too_long = p.run({"billing", "gfe", "--unit", moss, "--from", "2026-11-01", "--to",
                           "2027-11-01", "--items", "90847:52", "--out", p.dir.file("x.pdf")});
    EXPECT_EQ(too_long.exit_code, 1);
    EXPECT_NE(too_long.err.find("at most 12 months"), std::string::npos) << too_long.err;
    std::string gfe = p.dir.file("gfe.pdf");
    auto estimate = p.run({"billing", "gfe", "--unit", moss, "--from", "2026-11-01", "--to",
                           "2027-10-31", "--items", "90847:2", "--out", gfe});
    ASSERT_EQ(estimate.exit_code, 0) << estimate.err;
    EXPECT_EQ(estimate.out, "estimate GFE-000001 ($320.00), written to " + gfe + "\n");
    std::string estimate_text = pdf_text(gfe);
    for (const char* expected :
         {"Good Faith Estimate GFE-000001", "Dee Moss", "Eli Moss", "1234567893", "98-7654321",
          "90847", "Total expected charges", "$320.00", "only an estimate", "at least $400 more",
          "Starting a dispute"}) {
        EXPECT_NE(estimate_text.find(expected), std::string::npos) << expected;
    }
    auto booked_moss = p.run({"records", "book", "--unit", moss, "--start", "2026-11-02 10:00",
                              "--minutes", "50", "--repeat", "weekly", "--count", "5"});
    std::stringstream moss_ids(booked_moss.out);
    while (std::getline(moss_ids, id)) {
        ASSERT_EQ(p.run({"records", "session-status", id, "attended"}).exit_code, 0);
    }
    ASSERT_EQ(p.run({"billing", "charge-sessions", "--unit", moss, "--from", "2026-11-01", "--to",
                     "2026-12-31"})
                  .out,
              "5 charge(s) created\n");
    auto watch = p.run({"billing", "gfe-status", "--unit", moss, "--json"});
    auto watched = Poco::JSON::Parser().parse(watch.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(watched->getValue<std::int64_t>("billed_cents"), 5 * 16000);
    EXPECT_TRUE(watched->getValue<bool>("over")) << "$800 billed on a $320 estimate";
    // A new version for the changed plan replaces the first; the watch follows it.
    auto version = p.run({"billing", "gfe", "--unit", moss, "--from", "2026-11-01", "--to",
                          "2027-10-31", "--items", "90791:1,90847:40", "--out", gfe + "2"});
    EXPECT_EQ(version.out,
              "estimate GFE-000002 ($6,600.00) replaces GFE-000001, written to " + gfe + "2\n");
    watch = p.run({"billing", "gfe-status", "--unit", moss, "--json"});
    watched = Poco::JSON::Parser().parse(watch.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_FALSE(watched->getValue<bool>("over"));

    // Insurance: a telehealth session claimed in an 837P under Ana, then a replacement.
    ASSERT_EQ(p.run({"billing", "setup", "--unit", unit, "--kind", "insurance", "--ip", ana,
                     "--split", ana + ":60," + ben + ":40"})
                  .exit_code,
              0);
    auto tele = p.run({"records", "book", "--unit", unit, "--start", "2026-11-03 10:00",
                       "--minutes", "55", "--telehealth"});
    ASSERT_EQ(tele.exit_code, 0) << tele.err;
    std::string tele_id = tele.out.substr(0, tele.out.find('\n'));
    ASSERT_EQ(p.run({"records", "session-status", tele_id, "attended"}).exit_code, 0);
    ASSERT_EQ(p.run({"billing", "charge-sessions", "--unit", unit, "--from", "2026-11-01", "--to",
                     "2026-11-30"})
                  .out,
              "1 charge(s) created\n");
    std::string claims = p.dir.file("november.837");
    auto no_clearinghouse = p.run({"billing", "claim", "--unit", unit, "--from", "2026-11-01",
                                   "--to", "2026-11-30", "--out", claims});
    EXPECT_EQ(no_clearinghouse.exit_code, 1);
    EXPECT_NE(no_clearinghouse.err.find("submitter and receiver (1000A/1000B)"), std::string::npos)
        << no_clearinghouse.err;
    EXPECT_FALSE(std::filesystem::exists(claims));
    ASSERT_EQ(p.run({"billing", "clearinghouse-set", "--submitter", "DYADSUB01", "--receiver",
                     "CLEARHOUSE", "--receiver-name", "Clear Claims Inc"})
                  .exit_code,
              0);
    auto filed = p.run({"billing", "claim", "--unit", unit, "--from", "2026-11-01", "--to",
                        "2026-11-30", "--out", claims});
    ASSERT_EQ(filed.exit_code, 0) << filed.err;
    EXPECT_EQ(filed.out, "1 claim(s) written to " + claims + " (interchange 1)\n");
    std::string x12;
    {
        std::ifstream in(claims);
        std::stringstream read;
        read << in.rdbuf();
        x12 = read.str();
    }
    EXPECT_NE(x12.find("CLM*CLM-000001*160***10:B:1*Y*A*Y*Y~"), std::string::npos) << x12;
    EXPECT_NE(x12.find("SV1*HC:90847:95*160*UN*1***1~"), std::string::npos) << x12;
    EXPECT_NE(x12.find("HI*ABK:F4323~"), std::string::npos);
    auto parsed = dyad::test::run_process({DYAD_NODE, DYAD_X12_VALIDATOR, claims});
    EXPECT_EQ(parsed.exit_code, 0) << parsed.out << parsed.err;
    EXPECT_NE(parsed.out.find("1 claim(s)"), std::string::npos) << parsed.out;
    auto again = p.run({"billing", "claim", "--unit", unit, "--from", "2026-11-01", "--to",
                        "2026-11-30", "--out", p.dir.file("again.837")});
    EXPECT_EQ(again.exit_code, 1) << "a session is claimed once";
    EXPECT_NE(again.err.find("has a claim already (2026-11-03)"), std::string::npos) << again.err;
    EXPECT_FALSE(std::filesystem::exists(p.dir.file("again.837")));
    auto over = p.run({"billing", "claim", "--unit", unit, "--from", "2026-11-01", "--to",
                       "2026-11-30", "--out", claims});
    EXPECT_NE(over.err.find("exists: choose another name"), std::string::npos) << over.err;

    auto listed = p.run({"billing", "claims", "--unit", unit, "--json"});
    std::string claim_id = first_id(listed.out);
    auto replace_early =
        p.run({"billing", "claim-replace", claim_id, "--out", p.dir.file("r.837")});
    EXPECT_EQ(replace_early.exit_code, 1);
    EXPECT_NE(replace_early.err.find("REF*F8"), std::string::npos) << replace_early.err;
    auto denied_bare = p.run({"billing", "claim-status", claim_id, "denied"});
    EXPECT_EQ(denied_bare.exit_code, 1);
    ASSERT_EQ(p.run({"billing", "claim-status", claim_id, "denied", "--reason",
                     "CO-4 modifier inconsistent", "--payer-number", "PAYER-998877"})
                  .exit_code,
              0);
    auto replaced =
        p.run({"billing", "claim-replace", claim_id, "--out", p.dir.file("replace.837")});
    ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
    EXPECT_EQ(replaced.out, "CLM-000002 written to " + p.dir.file("replace.837") + "\n");
    auto replacement =
        dyad::test::run_process({DYAD_NODE, DYAD_X12_VALIDATOR, p.dir.file("replace.837")});
    EXPECT_EQ(replacement.exit_code, 0) << replacement.out;
    listed = p.run({"billing", "claims", "--unit", unit});
    EXPECT_NE(listed.out.find("CLM-000001\t2026-11-03\tfrequency 1\t$160.00\tdenied: CO-4"),
              std::string::npos)
        << listed.out;
    EXPECT_NE(listed.out.find("CLM-000002\t2026-11-03\tfrequency 7\t$160.00\tcreated"),
              std::string::npos)
        << listed.out;

    // The couple's billing out of Dyad: FHIR R4 the fhir package accepts, and CSV.
    ASSERT_EQ(p.run({"billing", "invoice", "--unit", unit, "--client", ana, "--out",
                     p.dir.file("ana-invoice.pdf")})
                  .exit_code,
              0);
    std::string fhir = p.dir.file("billing.fhir.json");
    auto exported_fhir =
        p.run({"billing", "export", "--unit", unit, "--format", "fhir", "--out", fhir});
    ASSERT_EQ(exported_fhir.exit_code, 0) << exported_fhir.err;
    auto valid = dyad::test::run_process({DYAD_NODE, DYAD_FHIR_VALIDATOR, fhir});
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    {
        std::ifstream in(fhir);
        std::stringstream read;
        read << in.rdbuf();
        for (const char* expected : {"\"ChargeItem\"", "\"PaymentReconciliation\"", "\"Claim\"",
                                     "\"Coverage\"", "\"Invoice\"", "XYZ123456789"}) {
            EXPECT_NE(read.str().find(expected), std::string::npos) << expected;
        }
    }
    std::string csv = p.dir.file("billing.csv");
    ASSERT_EQ(
        p.run({"billing", "export", "--unit", unit, "--format", "csv", "--out", csv}).exit_code, 0);
    {
        std::ifstream in(csv);
        std::string header;
        std::getline(in, header);
        EXPECT_EQ(header,
                  "date,code,label,amount,billed_to,reversed,Ana Ortiz share,Ana Ortiz "
                  "paid,Ben Ortiz share,Ben Ortiz paid\r");
    }

    auto aging = p.run({"billing", "aging", "--as-of", "2026-12-31", "--json"});
    ASSERT_EQ(aging.exit_code, 0) << aging.err;
    auto report = Poco::JSON::Parser().parse(aging.out).extract<Poco::JSON::Object::Ptr>();
    // Ortiz: 4 x $160 + $160 - $320 paid; Moss: 5 x $160.
    EXPECT_EQ(report->getValue<std::int64_t>("total_cents"), 5 * 16000 - 32000 + 5 * 16000);
    EXPECT_EQ(report->getValue<int>("units_owing"), 2);
}

// Receipts, statements and the reversal of a paid charge from the command line.
TEST(DyadctlBilling, ReceiptStatementAndAPaidChargeReversedToCredit) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    std::string unit = first_id(p.run({"units", "list", "--json"}).out);
    auto members = p.run({"records", "clients", "--unit", unit, "--json"});
    ASSERT_EQ(members.exit_code, 0) << members.err;
    std::string ana = first_id(members.out);
    std::string ben = nth_id(members.out, 1);
    ASSERT_EQ(p.run({"billing", "setup", "--unit", unit, "--kind", "self_pay", "--split",
                     ana + ":60," + ben + ":40"})
                  .exit_code,
              0);
    auto charge = p.run({"billing", "charge", "--unit", unit, "--code", "90847", "--date",
                         "2026-11-02", "--fee", "200.00"});
    ASSERT_EQ(charge.exit_code, 0) << charge.err;
    std::string charge_id = charge.out.substr(0, charge.out.find('\n'));
    ASSERT_EQ(p.run({"billing", "pay", "--unit", unit, "--amount", "200.00", "--method", "cheque",
                     "--from", ana, "--date", "2026-11-03", "--reference", "1042"})
                  .exit_code,
              0);
    auto payments = p.run({"billing", "payments", "--unit", unit, "--json"});
    ASSERT_EQ(payments.exit_code, 0) << payments.err;
    auto list = Poco::JSON::Parser().parse(payments.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(list->size(), 1u);
    std::string payment = std::to_string(list->getObject(0)->getValue<std::int64_t>("id"));
    EXPECT_EQ(list->getObject(0)->getValue<std::int64_t>("allocated_cents"), 20000);

    auto receipt = p.run({"billing", "receipt", "--unit", unit, "--payment", payment, "--out",
                          p.dir.file("receipt.pdf")});
    ASSERT_EQ(receipt.exit_code, 0) << receipt.err;
    EXPECT_EQ(receipt.out,
              "receipt RCT-000001 ($200.00) written to " + p.dir.file("receipt.pdf") + "\n");
    std::string text = pdf_text(p.dir.file("receipt.pdf"));
    EXPECT_NE(text.find("cheque 1042"), std::string::npos) << text;
    std::string words;  // The line may wrap: one space between words.
    for (char c : text) {
        bool space = c == ' ' || c == '\n';
        if (!space || (!words.empty() && words.back() != ' ')) {
            words += space ? ' ' : c;
        }
    }
    EXPECT_NE(words.find("Ana Ortiz's share"), std::string::npos) << text;
    auto again = p.run({"billing", "receipt", "--unit", unit, "--payment", payment, "--out",
                        p.dir.file("again.pdf")});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("has receipt RCT-000001 already"), std::string::npos) << again.err;
    EXPECT_EQ(p.run({"billing", "statement", "--unit", unit, "--client", ana}).exit_code, 2);

    // The paid charge reversed: the payment back to the couple's credit, on Ana's statement.
    auto reversed = p.run({"billing", "reverse", charge_id});
    ASSERT_EQ(reversed.exit_code, 0) << reversed.err;
    auto ledger = p.run({"billing", "ledger", "--unit", unit, "--json"});
    auto root = Poco::JSON::Parser().parse(ledger.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(root->getValue<std::int64_t>("credit_cents"), 20000);
    auto statement = p.run({"billing", "statement", "--unit", unit, "--client", ana, "--from",
                            "2026-11-01", "--out", p.dir.file("statement.pdf")});
    ASSERT_EQ(statement.exit_code, 0) << statement.err;
    EXPECT_EQ(statement.out.substr(0, 30), "statement STM-000001 (balance ");
    text = pdf_text(p.dir.file("statement.pdf"));
    EXPECT_NE(text.find("Statement for"), std::string::npos) << text;
    EXPECT_NE(text.find("returned to the couple's credit"), std::string::npos) << text;
    EXPECT_NE(text.find("Credit the couple holds today"), std::string::npos) << text;
    auto refund = p.run({"billing", "refund", "--unit", unit, "--amount", "200.00", "--to", ana,
                         "--method", "cheque"});
    EXPECT_EQ(refund.exit_code, 0) << refund.err;
    // The refund leaves with the couple's billing: a negative reconciliation, a CSV row.
    std::string fhir = p.dir.file("refund.fhir.json");
    ASSERT_EQ(
        p.run({"billing", "export", "--unit", unit, "--format", "fhir", "--out", fhir}).exit_code,
        0);
    auto valid = dyad::test::run_process({DYAD_NODE, DYAD_FHIR_VALIDATOR, fhir});
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    {
        std::ifstream in(fhir);
        std::stringstream read;
        read << in.rdbuf();
        auto bundle = Poco::JSON::Parser().parse(read.str()).extract<Poco::JSON::Object::Ptr>();
        auto entries = bundle->getArray("entry");
        int refunds = 0;
        for (unsigned i = 0; i < entries->size(); ++i) {
            auto resource = entries->getObject(i)->getObject("resource");
            if (resource->optValue<std::string>("disposition", "") == "refund") {
                ++refunds;
                EXPECT_EQ(resource->getObject("paymentAmount")->getValue<double>("value"), -200.0);
            }
        }
        EXPECT_EQ(refunds, 1);
    }
    std::string csv = p.dir.file("refund.csv");
    ASSERT_EQ(
        p.run({"billing", "export", "--unit", unit, "--format", "csv", "--out", csv}).exit_code, 0);
    {
        std::ifstream in(csv);
        std::stringstream read;
        read << in.rdbuf();
        EXPECT_NE(read.str().find(",REFUND,refund by cheque,200.00,refund,no,0.00,0.00,0.00,"
                                  "0.00\r\n"),
                  std::string::npos)
            << read.str();
    }
    auto months = p.run({"billing", "months", "--count", "120", "--json"});
    ASSERT_EQ(months.exit_code, 0) << months.err;
    auto figures = Poco::JSON::Parser().parse(months.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(figures->size(), 120u);
    std::int64_t charged = 0, received = 0;
    for (unsigned i = 0; i < figures->size(); ++i) {
        charged += figures->getObject(i)->getValue<std::int64_t>("charged_cents");
        received += figures->getObject(i)->getValue<std::int64_t>("received_cents");
    }
    EXPECT_EQ(charged, 0) << "charged and reversed";
    EXPECT_EQ(received, 0) << "paid and refunded";
    EXPECT_EQ(p.run({"billing", "months", "--count", "0"}).exit_code, 2);
}

// The billing identity takes the clinician's facts from the Directory Profile (typed once).
TEST(DyadctlBilling, TheIdentityTakesTheCliniciansFactsFromTheDirectoryProfile) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    auto early = p.run({"billing", "identity-set", "--legal-name", "Lopez Couples", "--tax-id",
                        "98-7654321", "--from-directory"});
    EXPECT_EQ(early.exit_code, 1);
    EXPECT_EQ(early.err, "billing: the directory profile has not been saved yet\n");
    std::ofstream(p.dir.file("me.json"))
        << R"({"given_name": "Maya", "family_name": "Lopez", "npi": "1234567893",
              "taxonomy_code": "106H00000X",
              "licences": [{"number": "LMFT 12345", "state": "CA", "kind": "LMFT"}],
              "offices": [{"line": "100 Main St", "city": "Oakland", "state": "CA",
                           "postal_code": "94612"}], "phone": "510 555 0100"})";
    auto profile = p.run({"directory", "profile", "set", p.dir.file("me.json")});
    ASSERT_EQ(profile.exit_code, 0) << profile.err;
    // What the command line gives wins; the rest comes from the profile.
    auto saved = p.run({"billing", "identity-set", "--legal-name", "Lopez Couples", "--tax-id",
                        "98-7654321", "--phone", "510 555 0199", "--from-directory"});
    ASSERT_EQ(saved.exit_code, 0) << saved.err;
    auto shown = p.run({"billing", "identity", "--json"});
    auto facts = Poco::JSON::Parser().parse(shown.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(facts->getValue<std::string>("clinician"), "Maya Lopez");
    EXPECT_EQ(facts->getValue<std::string>("npi"), "1234567893");
    EXPECT_EQ(facts->getValue<std::string>("licence"), "LMFT 12345 (CA)");
    EXPECT_EQ(facts->getValue<std::string>("taxonomy"), "106H00000X");
    EXPECT_EQ(facts->getValue<std::string>("address"), "100 Main St, Oakland, CA 94612");
    EXPECT_EQ(facts->getValue<std::string>("phone"), "510 555 0199");
}

// A group practice: Jordan Lee added as a second clinician, the Ortiz couple moved to Jordan
// between two sessions; a superbill names the clinician who saw its sessions and refuses a
// period seen by both; the practice's figures by clinician; Jordan not retired while a unit is
// still seen by them.
TEST(DyadctlBilling, AGroupPracticeBillsEachSessionUnderTheClinicianWhoSawIt) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    std::string unit = first_id(p.run({"units", "list", "--json"}).out);
    auto members = p.run({"records", "clients", "--unit", unit, "--json"}).out;
    std::string ana = first_id(members);
    std::string ben = nth_id(members, 1);
    ASSERT_EQ(p.run({"billing",      "identity-set",
                     "--legal-name", "Ortiz Couples Therapy",
                     "--tax-id",     "98-7654321",
                     "--group-npi",  "1245319599",
                     "--address",    "1 Main St, Portland, OR 97201-1234",
                     "--phone",      "503 555 0100",
                     "--clinician",  "Dana Reyes",
                     "--npi",        "1234567893",
                     "--licence",    "LMFT:123456:OR",
                     "--taxonomy",   "106H00000X"})
                  .exit_code,
              0);
    auto typo = p.run({"billing", "clinician-set", "--name", "Jordan Lee", "--npi", "1987654321",
                       "--licence", "LCSW:C5678:OR", "--taxonomy", "1041C0700X"});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_NE(typo.err.find("check digit"), std::string::npos) << typo.err;
    auto added = p.run({"billing", "clinician-set", "--name", "Jordan Lee", "--npi", "1987654328",
                        "--licence", "LCSW:C5678:OR", "--taxonomy", "1041C0700X"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    std::string jordan = added.out.substr(0, added.out.size() - 1);
    auto listed = p.run({"billing", "clinicians", "--json"});
    auto array = Poco::JSON::Parser().parse(listed.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(array->size(), 1u);
    EXPECT_EQ(array->getObject(0)->getValue<std::string>("licence"), "LCSW C5678 (OR)");

    auto booked = p.run({"records", "book", "--unit", unit, "--start", "2026-10-05 10:00",
                         "--minutes", "50", "--repeat", "weekly", "--count", "2"});
    ASSERT_EQ(booked.exit_code, 0) << booked.err;
    std::stringstream ids(booked.out);
    std::string id;
    while (std::getline(ids, id)) {
        ASSERT_EQ(p.run({"records", "session-status", id, "attended"}).exit_code, 0);
    }
    ASSERT_EQ(p.run({"billing", "setup", "--unit", unit, "--kind", "superbill", "--ip", ana,
                     "--split", ana + ":60," + ben + ":40"})
                  .exit_code,
              0);
    ASSERT_EQ(
        p.run({"records", "diagnosis-add", "--unit", unit, "--client", ana, "--code", "F43.23"})
            .exit_code,
        0);
    std::ofstream(p.dir.file("ana.json"))
        << R"({"sex": "F", "street": "40 Elm Ave", "city": "Portland", "state": "OR",
              "zip": "97202"})";
    ASSERT_EQ(p.run({"billing", "details", ana, "--file", p.dir.file("ana.json")}).exit_code, 0);
    auto payer = p.run({"billing", "payer-add", "--name", "Cascade Health", "--payer-id", "CASC1"});
    std::ofstream(p.dir.file("coverage.json"))
        << R"({"payer": )" << payer.out.substr(0, payer.out.size() - 1)
        << R"(, "member_id": "XYZ123456789", "relation": "self", "from": "2026-01-01"})";
    ASSERT_EQ(
        p.run({"billing", "coverage-add", ana, "--file", p.dir.file("coverage.json")}).exit_code,
        0);
    EXPECT_EQ(p.run({"billing", "charge-sessions", "--unit", unit, "--from", "2026-10-05", "--to",
                     "2026-10-05"})
                  .out,
              "1 charge(s) created\n");
    auto moved = p.run({"billing", "unit-clinician", "--unit", unit, "--clinician", jordan,
                        "--since", "2026-10-06"});
    ASSERT_EQ(moved.exit_code, 0) << moved.err;
    EXPECT_EQ(p.run({"billing", "charge-sessions", "--unit", unit, "--from", "2026-10-06", "--to",
                     "2026-10-31"})
                  .out,
              "1 charge(s) created\n");

    auto both = p.run({"billing", "superbill", "--unit", unit, "--from", "2026-10-01", "--to",
                       "2026-10-31", "--out", p.dir.file("both.pdf")});
    EXPECT_EQ(both.exit_code, 1);
    EXPECT_NE(both.err.find("more than one clinician (Dana Reyes, Jordan Lee)"), std::string::npos)
        << both.err;
    EXPECT_FALSE(std::filesystem::exists(p.dir.file("both.pdf")));
    std::string superbill = p.dir.file("jordan.pdf");
    auto issued =
        p.run({"billing", "superbill", "--unit", unit, "--date", "2026-10-12", "--out", superbill});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    std::string text = pdf_text(superbill);
    for (const char* expected : {"Jordan Lee, LCSW C5678 (OR)", "1987654328", "1041C0700X",
                                 "1245319599", "Ortiz Couples Therapy"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_EQ(text.find("1234567893"), std::string::npos) << "Dana did not see this session";

    auto figures =
        p.run({"billing", "by-clinician", "--from", "2026-10-01", "--to", "2026-10-31", "--json"});
    ASSERT_EQ(figures.exit_code, 0) << figures.err;
    auto rows = Poco::JSON::Parser().parse(figures.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(rows->size(), 2u) << figures.out;
    EXPECT_EQ(rows->getObject(0)->getValue<std::string>("name"), "Dana Reyes");
    EXPECT_TRUE(rows->getObject(0)->isNull("clinician"));
    EXPECT_EQ(rows->getObject(1)->getValue<std::string>("name"), "Jordan Lee");
    EXPECT_EQ(rows->getObject(1)->getValue<int>("sessions"), 1);
    EXPECT_EQ(rows->getObject(1)->getValue<std::int64_t>("charged_cents"), 16000);

    // The FHIR export names who performed each charge.
    std::string fhir = p.dir.file("billing.json");
    ASSERT_EQ(
        p.run({"billing", "export", "--unit", unit, "--format", "fhir", "--out", fhir}).exit_code,
        0);
    auto valid = dyad::test::run_process({DYAD_NODE, DYAD_FHIR_VALIDATOR, fhir});
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    {
        std::ifstream in(fhir);
        std::stringstream read;
        read << in.rdbuf();
        auto bundle = Poco::JSON::Parser().parse(read.str()).extract<Poco::JSON::Object::Ptr>();
        std::map<std::string, std::string> npi_of;  // fullUrl -> NPI of each Practitioner.
        std::vector<std::string> performers;
        auto entries = bundle->getArray("entry");
        for (std::size_t i = 0; i < entries->size(); ++i) {
            auto entry = entries->getObject(static_cast<unsigned>(i));
            auto resource = entry->getObject("resource");
            std::string type = resource->getValue<std::string>("resourceType");
            if (type == "Practitioner") {
                npi_of[entry->getValue<std::string>("fullUrl")] =
                    resource->getArray("identifier")->getObject(0)->getValue<std::string>("value");
            } else if (type == "ChargeItem") {
                performers.push_back(resource->getArray("performer")
                                         ->getObject(0)
                                         ->getObject("actor")
                                         ->getValue<std::string>("reference"));
            }
        }
        ASSERT_EQ(performers.size(), 2u);
        EXPECT_EQ(npi_of[performers[0]], "1234567893");
        EXPECT_EQ(npi_of[performers[1]], "1987654328");
    }

    auto retire = p.run({"billing", "clinician-retire", jordan});
    EXPECT_EQ(retire.exit_code, 1);
    EXPECT_NE(retire.err.find("still seen by this clinician"), std::string::npos) << retire.err;
    ASSERT_EQ(p.run({"billing", "unit-clinician", "--unit", unit, "--practice"}).exit_code, 0);
    EXPECT_EQ(p.run({"billing", "clinician-retire", jordan}).exit_code, 0);
    EXPECT_EQ(p.run({"billing", "clinicians"}).out, "") << "a retired clinician is not offered";
    EXPECT_NE(p.run({"billing", "clinicians", "--all"}).out.find("retired"), std::string::npos);
}
