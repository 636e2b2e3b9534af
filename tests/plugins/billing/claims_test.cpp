// Claims and documents insurers read (issue 16), as pure logic: the 837P writer against golden
// files (one identified-patient couple claim, telehealth POS 10 with modifier 95 for a spouse
// of the subscriber, a replacement claim) that the node-x12 package parses back with matching
// segment counts; pre-flight naming every missing element; diagnosis pointers; telehealth per
// payer; every superbill refusal; the Good Faith Estimate's refusals and its $400 watch.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cms1500.h"
#include "details.h"
#include "facts.h"
#include "gfe.h"
#include "superbill.h"
#include "test_support.h"
#include "x837.h"

using namespace dyad::billing;

namespace {

const std::string kGolden = dyad::test::source_dir() + "/tests/plugins/billing/golden/";

Identity provider() {
    Identity p;
    p.legal_name = "Rivera Couples Therapy PLLC";
    p.tax_id_kind = "ein";
    p.tax_id = "123456789";
    p.address = "12 Oak St, Suite 4, Portland, OR 97201-1234";
    p.phone = "503-555-0100";
    p.clinician_name = "Maya Rivera, LMFT";
    p.clinician_npi = "1234567893";
    p.licence_type = "LMFT";
    p.licence_number = "T1234";
    p.licence_state = "OR";
    p.taxonomy = "106H00000X";
    return p;
}

X12Claim couple_claim() {
    X12Claim claim;
    claim.claim_number = "CLM-000001";
    claim.place_of_service = "11";
    claim.diagnoses = {"F43.23", "Z63.0"};
    claim.lines = {{"2026-10-05", "90847", {}, 15000, 1, {1, 2}}};
    claim.coverage.id = 7;
    claim.coverage.member_id = "XYZ123456789";
    claim.coverage.group_number = "G-4400";
    claim.coverage.relation = "self";
    claim.coverage.priority = 1;
    claim.payer = {3, "Cascade Health", "CASC1", "10", "95"};
    claim.patient = {21, "Ana", "Ortiz", "1988-04-02", ""};
    claim.patient_details = {21, "F", {"40 Elm Ave", "Portland", "OR", "97202"}};
    return claim;
}

X12Batch batch(std::vector<X12Claim> claims, std::int64_t control = 1) {
    X12Batch b;
    b.provider = provider();
    b.submitter = {"DYADSUB01", "CLEARHOUSE", "Clear Claims Inc", "5035550100", false};
    b.control_number = control;
    b.date = "2026-11-02";
    b.time = "09:30";
    b.claims = std::move(claims);
    return b;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Compares with the golden file; DYAD_UPDATE_GOLDEN=1 rewrites it (then review the diff).
void expect_golden(const std::string& text, const std::string& name) {
    if (std::getenv("DYAD_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(kGolden + name, std::ios::binary) << text;
    }
    EXPECT_EQ(text, read(kGolden + name)) << name;
}

std::string node_x12(const std::string& path) {
    auto result = dyad::test::run_process({DYAD_NODE, DYAD_X12_VALIDATOR, path});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    return result.out;
}

}  // namespace

TEST(Claim837, IdentifiedPatientCoupleClaimMatchesGoldenAndParsesBack) {
    auto text = write_837p(batch({couple_claim()}));
    ASSERT_TRUE(text) << text.error().front();
    expect_golden(*text, "couple_ip.837");
    EXPECT_NE(text->find("CLM*CLM-000001*150***11:B:1*Y*A*Y*Y~"), std::string::npos);
    EXPECT_NE(text->find("HI*ABK:F4323*ABF:Z630~"), std::string::npos);
    EXPECT_NE(text->find("SV1*HC:90847*150*UN*1***1:2~"), std::string::npos);
    EXPECT_NE(text->find("NM1*85*1*RIVERA*MAYA****XX*1234567893~"), std::string::npos);
    EXPECT_NE(text->find("N4*PORTLAND*OR*972011234~"), std::string::npos);
    EXPECT_EQ(text->find("REF*F8"), std::string::npos);
    EXPECT_EQ(node_x12(kGolden + "couple_ip.837"),
              "valid X12: 1 group(s), 1 transaction(s), 24 segment(s), 1 claim(s)\n");
}

TEST(Claim837, TelehealthAtHomeTakesThePayersPlaceAndModifierForASpouse) {
    X12Claim claim = couple_claim();
    auto [pos, modifier] = place_and_modifier("10", claim.payer);
    EXPECT_EQ(pos, "10");
    EXPECT_EQ(modifier, "95");
    Payer legacy{4, "Old Mutual", "OLD1", "02", "GT"};
    EXPECT_EQ(place_and_modifier("10", legacy),
              std::make_pair(std::string("02"), std::string("GT")));
    EXPECT_EQ(place_and_modifier("11", legacy), std::make_pair(std::string("11"), std::string()));
    claim.place_of_service = pos;
    claim.lines[0].modifiers = {modifier};
    // Ana is covered as her husband's spouse: subscriber loop, then the patient loop.
    claim.coverage.relation = "spouse";
    claim.coverage.subscriber_given = "Ben";
    claim.coverage.subscriber_family = "Ortiz";
    claim.coverage.subscriber_dob = "1986-01-15";
    claim.coverage.subscriber_sex = "M";
    auto text = write_837p(batch({claim}, 2));
    ASSERT_TRUE(text) << text.error().front();
    expect_golden(*text, "telehealth_pos10.837");
    EXPECT_NE(text->find("CLM*CLM-000001*150***10:B:1*Y*A*Y*Y~"), std::string::npos);
    EXPECT_NE(text->find("SV1*HC:90847:95*150*UN*1***1:2~"), std::string::npos);
    EXPECT_NE(text->find("HL*3*2*23*0~\nPAT*01~\nNM1*QC*1*ORTIZ*ANA~"), std::string::npos);
    EXPECT_NE(text->find("NM1*IL*1*ORTIZ*BEN****MI*XYZ123456789~"), std::string::npos);
    EXPECT_EQ(node_x12(kGolden + "telehealth_pos10.837"),
              "valid X12: 1 group(s), 1 transaction(s), 28 segment(s), 1 claim(s)\n");
}

TEST(Claim837, ReplacementCarriesFrequency7AndThePayersClaimNumber) {
    X12Claim claim = couple_claim();
    claim.claim_number = "CLM-000002";
    claim.frequency = "7";
    claim.payer_claim_number = "PAYER-998877";
    claim.lines[0].charge_cents = 17550;  // Corrected fee: a reversal and a new charge.
    X12Claim second = couple_claim();
    second.claim_number = "CLM-000003";
    second.frequency = "7";
    second.payer_claim_number = "PAYER-998878";
    second.lines = {{"2026-10-12", "90847", {}, 15000, 1, {1}},
                    {"2026-10-12", "90840", {}, 7500, 1, {1}}};
    // Covered as her husband's spouse: 2000B then its own 2000C, numbered after the first
    // claim's 2000B.
    second.coverage.relation = "spouse";
    second.coverage.subscriber_given = "Ben";
    second.coverage.subscriber_family = "Ortiz";
    second.coverage.subscriber_dob = "1986-01-15";
    second.coverage.subscriber_sex = "M";
    second.payer.filing_code = "BL";
    auto text = write_837p(batch({claim, second}, 3));
    ASSERT_TRUE(text) << text.error().front();
    expect_golden(*text, "replacement.837");
    EXPECT_NE(text->find("CLM*CLM-000002*175.5***11:B:7*Y*A*Y*Y~\nREF*F8*PAYER-998877~"),
              std::string::npos);
    EXPECT_NE(text->find("CLM*CLM-000003*225***11:B:7*Y*A*Y*Y~"), std::string::npos);
    EXPECT_NE(text->find("HL*3*1*22*1~\nSBR*P**G-4400******BL~"), std::string::npos);
    EXPECT_NE(text->find("HL*4*3*23*0~\nPAT*01~"), std::string::npos);
    EXPECT_NE(text->find("ISA*00*          *00*          *ZZ*DYADSUB01      *ZZ*CLEARHOUSE     "
                         "*261102*0930*^*00501*000000003*0*T*:~"),
              std::string::npos);
    EXPECT_EQ(node_x12(kGolden + "replacement.837"),
              "valid X12: 1 group(s), 1 transaction(s), 45 segment(s), 2 claim(s)\n");
}

TEST(Claim837, GroupNpiBillsAsTheOrganisationWithTheClinicianRendering) {
    X12Batch b = batch({couple_claim()});
    b.provider.group_npi = "1245319599";
    auto text = write_837p(b);
    ASSERT_TRUE(text) << text.error().front();
    EXPECT_NE(text->find("NM1*85*2*RIVERA COUPLES THERAPY PLLC*****XX*1245319599~"),
              std::string::npos);
    EXPECT_NE(text->find("NM1*82*1*RIVERA*MAYA****XX*1234567893~\nPRV*PE*PXC*106H00000X~"),
              std::string::npos);
}

TEST(Claim837, PreflightNamesEveryMissingElement) {
    X12Claim claim = couple_claim();
    claim.coverage.member_id.clear();
    claim.payer.payer_id.clear();
    claim.patient.date_of_birth.clear();
    claim.patient_details.address = {};
    claim.diagnoses.clear();
    claim.lines.push_back({"2026-10-05", "90785", {}, 2000, 1, {}});
    claim.frequency = "8";
    X12Batch b = batch({claim});
    b.provider.address = "somewhere in Portland";
    b.submitter = {};
    b.provider.phone.clear();
    auto text = write_837p(b);
    ASSERT_FALSE(text);
    std::string all;
    for (const auto& problem : text.error()) {
        all += problem + "\n";
    }
    for (const char* expected :
         {"billing provider address (2010AA N3/N4)", "submitter and receiver (1000A/1000B)",
          "submitter contact (1000A PER)", "member id (2010BA NM109)", "payer id (2010BB NM109)",
          "date of birth (DMG02)", "address (N3/N4)", "a diagnosis (HI)",
          "payer's claim number of the original (REF*F8)", "a diagnosis pointer (SV107)",
          "a pointer names a missing diagnosis position"}) {
        EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
    }
    X12Batch nine = batch({couple_claim()});
    nine.provider.address = "12 Oak St, Portland, OR 97201";
    auto zip = write_837p(nine);
    ASSERT_FALSE(zip);
    EXPECT_EQ(zip.error().front(), "billing provider ZIP (2010AA N403): nine digits, ZIP+4");
    X12Claim secondary = couple_claim();
    secondary.coverage.priority = 2;
    auto refused_secondary = write_837p(batch({secondary}));
    ASSERT_FALSE(refused_secondary);
    EXPECT_NE(refused_secondary.error().front().find("2320/2330"), std::string::npos);
    X12Claim bad_reference = couple_claim();
    bad_reference.frequency = "8";
    bad_reference.payer_claim_number = "AB*12~";
    auto refused_reference = write_837p(batch({bad_reference}));
    ASSERT_FALSE(refused_reference);
    EXPECT_NE(refused_reference.error().front().find("REF*F8"), std::string::npos);
    X12Claim z_only = couple_claim();
    z_only.diagnoses = {"Z63.0"};
    z_only.lines[0].pointers = {1};
    auto refused = write_837p(batch({z_only}));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().front().find("beyond a Z-code"), std::string::npos);
}

TEST(Claim837, TextIsCarriedInX12sCharacterSet) {
    EXPECT_EQ(x12_text("José Núñez*~:^"), "JOSE NUNEZ");
    EXPECT_EQ(x12_text("  O'Brien  &  Sons  "), "O'BRIEN & SONS");
    EXPECT_EQ(x12_text("北京"), "");
}

TEST(BillingAddress, ParsesStreetCityStateZip) {
    auto address = parse_address("12 Oak St, Suite 4, Portland, or 97201-1234");
    ASSERT_TRUE(address);
    EXPECT_EQ(address->street, "12 Oak St, Suite 4");
    EXPECT_EQ(address->city, "Portland");
    EXPECT_EQ(address->state, "OR");
    EXPECT_EQ(address->zip, "972011234");
    EXPECT_FALSE(parse_address("12 Oak St Portland OR 97201"));
    EXPECT_FALSE(parse_address("12 Oak St, Portland, Oregon 97201"));
    EXPECT_FALSE(parse_address("12 Oak St, Portland, OR 9720"));
}

TEST(DiagnosisPointers, LinesPointIntoOneListOfAtMostTwelve) {
    auto pointed = point_diagnoses({{"F43.23", "Z63.0"}, {"F41.1", "F43.23"}, {}});
    EXPECT_EQ(pointed.codes, (std::vector<std::string>{"F43.23", "Z63.0", "F41.1"}));
    EXPECT_EQ(pointed.pointers[0], (std::vector<int>{1, 2}));
    EXPECT_EQ(pointed.pointers[1], (std::vector<int>{3, 1}));
    EXPECT_TRUE(pointed.pointers[2].empty());
    std::vector<std::string> many;
    for (int i = 0; i < 14; ++i) {
        many.push_back("F" + std::to_string(10 + i));
    }
    auto capped = point_diagnoses({many});
    EXPECT_EQ(capped.codes.size(), 12u);
    EXPECT_EQ(capped.pointers[0].size(), 4u);
    EXPECT_EQ(pointer_letter(1), 'A');
    EXPECT_EQ(pointer_letter(12), 'L');
}

TEST(Superbill, RefusedWithEverythingMissing) {
    SuperbillFacts none;
    auto problems = superbill_problems(none);
    std::string all;
    for (const auto& problem : problems) {
        all += problem + "\n";
    }
    for (const char* expected :
         {"billing identity", "record cannot be read", "address (billing details",
          "member id (add a coverage", "no session billed to insurance"}) {
        EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
    }
    SuperbillFacts facts;
    facts.provider = provider();
    facts.patient = ClientFacts{21, "Ana", "Ortiz", "1988-04-02", ""};
    facts.patient_details = ClientDetails{21, "F", {"40 Elm Ave", "Portland", "OR", "97202"}};
    facts.coverage = couple_claim().coverage;
    facts.lines = {{1, "2026-10-05", "11", "90847", "", 1, {"F43.23"}, 15000, 15000}};
    EXPECT_TRUE(superbill_problems(facts).empty());
    auto without = [&](auto change) {
        SuperbillFacts copy = facts;
        change(copy);
        auto found = superbill_problems(copy);
        return found.size() == 1 ? found.front() : "(" + std::to_string(found.size()) + ")";
    };
    EXPECT_EQ(without([](auto& f) { f.provider->phone.clear(); }),
              "the practice's phone number (Settings > Billing)");
    EXPECT_EQ(without([](auto& f) { f.patient->date_of_birth.clear(); }),
              "the identified patient's date of birth (the client's details)");
    EXPECT_EQ(without([](auto& f) { f.patient_details->address.zip.clear(); }),
              "the identified patient's address (billing details: street, city, state, ZIP)");
    EXPECT_EQ(without([](auto& f) { f.coverage.reset(); }),
              "the identified patient's insurance member id (add a coverage in force on the "
              "dates of service)");
    EXPECT_EQ(without([](auto& f) { f.lines[0].diagnoses.clear(); }),
              "2026-10-05 90847: no diagnosis in force on that date (Diagnoses tab)");
    EXPECT_EQ(without([](auto& f) { f.lines[0].diagnoses = {"Z63.0"}; }),
              "2026-10-05 90847: only Z-code diagnoses on that date (Z63.0 alone is generally "
              "not reimbursable)");
    EXPECT_EQ(without([](auto& f) { f.lines[0].place_of_service.clear(); }),
              "2026-10-05 90847: the place of service");
}

TEST(GoodFaithEstimate, RefusalsAndTheFourHundredDollarWatch) {
    GfeFacts facts;
    facts.provider = provider();
    facts.unit_kind = "self_pay";
    facts.recipient = ClientFacts{21, "Ana", "Ortiz", "1988-04-02", ""};
    facts.request = {1, std::nullopt, "2026-10-01", "2027-09-30", {{"90847", "Couple", 52, 15000}}};
    EXPECT_TRUE(gfe_problems(facts).empty());
    auto only = [&](auto change) {
        GfeFacts copy = facts;
        change(copy);
        auto found = gfe_problems(copy);
        return found.size() == 1 ? found.front() : "(" + std::to_string(found.size()) + ")";
    };
    EXPECT_EQ(only([](auto& f) { f.request.period_to = "2027-10-01"; }),
              "the period: one estimate covers at most 12 months");
    EXPECT_EQ(only([](auto& f) { f.request.period_to = "2026-09-30"; }),
              "the period: YYYY-MM-DD to YYYY-MM-DD, the first not after the last");
    EXPECT_NE(only([](auto& f) { f.unit_kind = "insurance"; }).find("this unit bills insurance"),
              std::string::npos);
    EXPECT_EQ(only([](auto& f) { f.recipient->date_of_birth.clear(); }),
              "the recipient's date of birth (the client's details)");
    EXPECT_EQ(only([](auto& f) { f.request.items.clear(); }),
              "the expected services: at least one code and how many");
    EXPECT_EQ(only([](auto& f) { f.request.items[0].count = 0; }), "90847: how many, 1 to 366");
    EXPECT_NE(only([](auto& f) { f.provider.reset(); }).find("billing identity"),
              std::string::npos);

    GfeWatch watch{"GFE-000001", "2026-10-01", "2027-09-30", 80000, 119999};
    EXPECT_FALSE(watch.over());
    EXPECT_EQ(gfe_warning(watch), "");
    watch.billed_cents = 120000;  // Exactly $400 over: the client may dispute.
    EXPECT_TRUE(watch.over());
    EXPECT_EQ(gfe_warning(watch),
              "billed $1,200.00 in the period of estimate GFE-000001 ($800.00): at least $400 "
              "over, the client may dispute the bill (45 CFR 149.620)");
}

TEST(Cms1500, TheClaimIsLaidOnTheFormsBoxesSixLinesAPage) {
    dyad::test::TempDir dir;
    X12Claim claim = couple_claim();
    claim.frequency = "7";
    claim.payer_claim_number = "PAYER-998877";
    for (int i = 0; i < 7; ++i) {  // Eight lines: two pages.
        claim.lines.push_back({"2026-10-05", "90785", {}, 2500, 1, {1}});
    }
    std::string path = dir.file("claim.pdf");
    auto written = write_cms1500(batch({claim}), path);
    ASSERT_TRUE(written) << written.error();
    auto text = dyad::test::run_process({DYAD_PDFTOTEXT, "-layout", path, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    for (const char* expected :
         {"HEALTH INSURANCE CLAIM FORM", "Group health plan", "XYZ123456789", "ORTIZ, ANA",
          "04 02 88 F", "A. F4323", "B. Z630", "10 05 26", "90847", "150.00", "AB", "1234567893",
          "EIN 12-3456789", "CLM-000001", "PAYER-998877", "CASCADE HEALTH", "33a NPI 1234567893",
          "11d Another health benefit plan?"}) {
        EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
    }
    EXPECT_EQ(text.out.find("$150.00"), std::string::npos) << "the form's amounts have no $";
    EXPECT_NE(text.out.find("275.00"), std::string::npos) << "page 1: 150 + 5 x 25";
    EXPECT_NE(text.out.find("50.00"), std::string::npos) << "page 2: 2 x 25";
    // pdftotext ends each page with a form feed.
    EXPECT_EQ(std::count(text.out.begin(), text.out.end(), '\f'), 2) << "eight lines, two pages";
    EXPECT_EQ(form_date("2026-10-05"), "10 05 26");
    X12Batch refused = batch({claim});
    refused.claims[0].coverage.member_id.clear();
    EXPECT_FALSE(write_cms1500(refused, dir.file("refused.pdf")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("refused.pdf")));
}
