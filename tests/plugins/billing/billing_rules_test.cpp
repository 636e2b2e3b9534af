// Money in cents, the service catalogue and its rules (issue 16): the CPT time rule at every
// boundary, add-on pairing, and a broken catalogue refused with its path and line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "catalogue.h"
#include "identity.h"
#include "money.h"
#include "test_support.h"

#include <dyad/show.hpp>

using namespace dyad::billing;

namespace {

Catalogue shipped() {
    std::ifstream in(dyad::test::source_dir() + "/resources/billing/services.json");
    std::stringstream text;
    text << in.rdbuf();
    auto catalogue = parse_catalogue(text.str(), "services.json");
    EXPECT_TRUE(catalogue) << (catalogue ? "" : catalogue.error().front());
    return catalogue ? *catalogue : Catalogue{};
}

std::string code_for(const Catalogue& catalogue, const std::string& kind, int minutes) {
    const Service* service = catalogue.suggest(kind, minutes);
    return service != nullptr ? service->code : "none";
}

}  // namespace

TEST(Money, AmountsAreParsedToCentsAndShownWithTheirSign) {
    EXPECT_EQ(*parse_cents("150", "x"), 15000);
    EXPECT_EQ(*parse_cents("150.5", "x"), 15050);
    EXPECT_EQ(*parse_cents(" $1,240.00 ", "x"), 124000);
    EXPECT_EQ(*parse_cents("0.07", "x"), 7);
    EXPECT_EQ(parse_cents("-5", "the fee").error(), "the fee cannot be negative");
    EXPECT_EQ(parse_cents("1.234", "the fee").error(), "the fee has more than two decimals");
    EXPECT_EQ(parse_cents("12a", "the fee").error(), "the fee must be an amount like 150.00");
    EXPECT_EQ(parse_cents("", "the fee").error(), "the fee is missing");
    EXPECT_EQ(parse_cents("10000000.01", "the fee").error(), "the fee is over $10,000,000.00");
    EXPECT_EQ(parse_cents("99999999999999999999", "the fee").error(),
              "the fee is over $10,000,000.00");
    EXPECT_EQ(format_cents(124000), "$1,240.00");
    EXPECT_EQ(format_cents(5), "$0.05");
    EXPECT_EQ(format_cents(-9600), "-$96.00");
    EXPECT_EQ(format_cents(100000000000), "$1,000,000,000.00");
}

namespace {

// The separators and money pattern of po/es/dyad.po, as a translator wrote them.
std::string spanish_numbers(const char* context, const char* english, const char*, long long) {
    std::string in = context != nullptr ? context : "";
    if (in == "decimal separator") {
        return ",";
    }
    if (in == "thousands separator") {
        return ".";
    }
    if (in == "money") {
        return "{sign}{amount} $";
    }
    return english;
}

}  // namespace

// Typed in the window: in Spanish "1.240,50" is what it says and "25.50" (US style) is refused,
// never read as 2,550.00; in English as parse_cents. The error says how to type it.
TEST(Money, AnAmountTypedInTheWindowIsReadInTheLanguageShown) {
    EXPECT_EQ(*parse_shown_cents("1,240.50"), 124050);
    EXPECT_EQ(*parse_shown_cents(" $25.5 "), 2550);
    EXPECT_EQ(parse_shown_cents("25,50").error(),
              "Type the amount like $1,240.50: at most two digits of cents, and at most "
              "$10,000,000.00.");
    EXPECT_EQ(parse_shown_cents("").error(), "Type the amount.");
    EXPECT_EQ(parse_shown_cents("-3").error(), "The amount cannot be negative.");

    dyad::show::set_language("es", &spanish_numbers);
    EXPECT_EQ(*parse_shown_cents("1.240,50"), 124050);
    EXPECT_EQ(*parse_shown_cents("25,50"), 2550);
    EXPECT_EQ(*parse_shown_cents("2.500"), 250000);       // Two thousand five hundred.
    EXPECT_EQ(*parse_shown_cents("1.240,50 $"), 124050);  // As Spanish shows it.
    EXPECT_EQ(*parse_shown_cents("90"), 9000);
    auto us_style = parse_shown_cents("25.50");
    EXPECT_FALSE(us_style) << "read as " << *us_style;
    EXPECT_EQ(us_style.error(),
              "Type the amount like 1.240,50 $: at most two digits of cents, and at most "
              "10.000.000,00 $.");
    EXPECT_FALSE(parse_shown_cents("2,500"));  // Three decimals: refused.
    dyad::show::set_language("en", nullptr);
}

TEST(Money, ASplitAlwaysSumsToTheAmount) {
    for (std::int64_t amount : {0, 1, 2, 99, 100, 16000, 16001, 33333}) {
        for (const std::vector<int>& percents :
             {std::vector<int>{60, 40}, {50, 50}, {100, 0}, {0, 100}, {34, 33, 33}}) {
            auto parts = split_cents(amount, percents);
            std::int64_t sum = 0;
            for (std::size_t i = 0; i < parts.size(); ++i) {
                sum += parts[i];
                if (percents[i] == 0 && i + 1 < parts.size()) {
                    EXPECT_EQ(parts[i], 0) << "a 0% partner owes nothing";
                }
            }
            EXPECT_EQ(sum, amount);
        }
    }
    EXPECT_EQ(split_cents(16000, {60, 40}), (std::vector<std::int64_t>{9600, 6400}));
    EXPECT_EQ(split_cents(101, {50, 50}), (std::vector<std::int64_t>{51, 50}));
}

TEST(Catalogue, TheTimeRuleAtEveryBoundary) {
    Catalogue catalogue = shipped();
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 15), "none");
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 16), "90832");
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 37), "90832");
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 38), "90834");
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 52), "90834");
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 53), "90837");
    EXPECT_EQ(code_for(catalogue, "psychotherapy", 90), "90837");
    EXPECT_EQ(code_for(catalogue, "family", 25), "none");
    EXPECT_EQ(code_for(catalogue, "family", 26), "90847") << "the preferred couple code";
    EXPECT_EQ(code_for(catalogue, "crisis", 29), "none");
    EXPECT_EQ(code_for(catalogue, "crisis", 74), "90839");
    EXPECT_EQ(service_kind_for("couple"), "family");
    EXPECT_EQ(service_kind_for("intake"), "evaluation");
    EXPECT_FALSE(catalogue.find("NOSHOW")->insurance) << "never sent to insurance";
}

TEST(Catalogue, AddOnsPairOnlyWithTheirPrimaryCodes) {
    Catalogue catalogue = shipped();
    EXPECT_EQ(catalogue.check_pairing("90785", "90834"), "");
    EXPECT_EQ(catalogue.check_pairing("90785", "90847"),
              "+90785 cannot be billed with 90847 (only with 90791, 90832, 90834, 90837, 90853)");
    EXPECT_EQ(catalogue.check_pairing("90785", "90846").substr(0, 34),
              "+90785 cannot be billed with 90846");
    EXPECT_EQ(catalogue.check_pairing("90840", "90839"), "");
    EXPECT_EQ(catalogue.check_pairing("90834", "90837"), "90834 is not an add-on code");
    EXPECT_EQ(catalogue.check_pairing("99999", "90837"), "99999 is not in the service catalogue");
}

TEST(Catalogue, ABrokenFileIsRefusedWithItsPathAndLine) {
    const std::string broken = R"({
  "version": 1,
  "services": [
    {"code": "90847", "label": "Couple", "kind": "family", "fee": "160.00"},
    {"code": "90847", "label": "Again", "kind": "family", "fee": "-1"},
    {"code": "NOSHOW", "label": "Missed", "kind": "no_show", "fee": "75", "insurance": true},
    {"code": "X1", "label": "Add-on", "kind": "addon", "with": ["90999"], "fee": "5"}
  ]
})";
    auto refused = parse_catalogue(broken, "billing/services.json");
    ASSERT_FALSE(refused);
    const auto& problems = refused.error();
    auto has = [&](const std::string& text) {
        for (const auto& problem : problems) {
            if (problem == text) {
                return true;
            }
        }
        return false;
    };
    std::string all;
    for (const auto& problem : problems) {
        all += problem + "\n";
    }
    SCOPED_TRACE(all);
    EXPECT_TRUE(has("billing/services.json:5: services[1].code: repeats 90847"));
    EXPECT_TRUE(has("billing/services.json:5: services[1].fee: the fee cannot be negative"));
    EXPECT_TRUE(
        has("billing/services.json:6: services[2].insurance: a no-show or late-cancel "
            "fee never goes to insurance"));
    EXPECT_TRUE(
        has("billing/services.json:7: services[3].with: names 90999, which is not in the "
            "catalogue"));
    EXPECT_FALSE(parse_catalogue("[1]", "x.json"));
    EXPECT_FALSE(parse_catalogue("{\"version\": 1, \"services\": []}", "x.json"));
}

TEST(Identity, AnNpiIsCheckedByItsCheckDigitAndTheTaxIdIsShownMasked) {
    EXPECT_EQ(npi_problem("1234567893"), "") << "the CMS example NPI";
    EXPECT_EQ(npi_problem("1234567890"), "the NPI's check digit is wrong (a typo?)");
    EXPECT_EQ(npi_problem("123456789"), "an NPI is ten digits");
    EXPECT_EQ(npi_problem("12345678a3"), "an NPI is ten digits");
    Identity identity;
    identity.tax_id = "12-3456789";
    EXPECT_EQ(masked_tax_id(identity), "**-***6789");
    identity.tax_id_kind = "ssn";
    identity.tax_id = "123-45-6789";
    EXPECT_EQ(masked_tax_id(identity), "***-**-6789");

    Identity empty;
    auto problems = check_identity(empty);
    EXPECT_EQ(problems.size(), 8u);
    Identity good{"Ortiz Couples Therapy LLC",
                  "ein",
                  "12-3456789",
                  "",
                  "1 Main St, Oakland CA",
                  "555-0100",
                  "Dana Reyes",
                  "1234567893",
                  "LMFT",
                  "123456",
                  "CA",
                  "106H00000X"};
    EXPECT_TRUE(check_identity(good).empty());
    EXPECT_EQ(good.tax_id, "123456789") << "kept as its nine digits";
    good.taxonomy = "106H00000";
    good.licence_state = "ca";
    auto two = check_identity(good);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0], "licence state: two capital letters (CA)");
}

// From the review of the first slice: a decimal comma is refused (not read as 100 times the
// amount), the parts of a negative amount sum to it, and a catalogue cannot pair an add-on with
// a fee or give a non-add-on a "with" list.
TEST(Money, ADecimalCommaIsRefusedAndNegativeSplitsSum) {
    EXPECT_EQ(parse_cents("150,00", "the amount").error(),
              "the amount must be an amount like 1,240.00 (a point before the cents)");
    EXPECT_FALSE(parse_cents("1,5", "the amount"));
    EXPECT_FALSE(parse_cents("1,2345.00", "the amount"));
    EXPECT_EQ(*parse_cents("1,234,567.89", "the amount"), 123456789);
    auto parts = split_cents(-5, {50, 50});
    EXPECT_EQ(parts[0] + parts[1], -5);
}

TEST(Catalogue, AddOnPairingsNameSessionCodesOnly) {
    const std::string odd = R"({"version": 1, "services": [
    {"code": "90847", "label": "Couple", "kind": "family", "with": ["90847"], "fee": "1"},
    {"code": "NOSHOW", "label": "Missed", "kind": "no_show", "min_minutes": 5, "fee": "1"},
    {"code": "90785", "label": "IC", "kind": "addon", "with": ["NOSHOW"], "fee": "1"}
  ]})";
    auto refused = parse_catalogue(odd, "s.json");
    ASSERT_FALSE(refused);
    std::string all;
    for (const auto& problem : refused.error()) {
        all += problem + "\n";
    }
    EXPECT_NE(all.find("services[0].with: only an add-on names the codes it goes with"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("services[1].min_minutes: a fee for a missed session has no minutes"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("services[2].with: names NOSHOW, which is not a session code"),
              std::string::npos)
        << all;
}

TEST(Catalogue, SlidingScaleTiersAreCheckedWithTheirPathAndLine) {
    Catalogue catalogue = shipped();
    ASSERT_EQ(catalogue.sliding_scale.size(), 3u);
    ASSERT_NE(catalogue.tier("B"), nullptr);
    EXPECT_EQ(catalogue.tier("B")->percent, 60);
    EXPECT_EQ(catalogue.tier("Z"), nullptr);
    const std::string broken = R"({
  "version": 1,
  "services": [{"code": "90847", "label": "Couple", "kind": "family", "fee": "160.00"}],
  "sliding_scale": [
    {"id": "A", "label": "Tier A", "percent": 0},
    {"id": "A", "label": "Again", "percent": 50},
    {"id": "b c", "label": "Spaces", "percent": 101}
  ]
})";
    auto refused = parse_catalogue(broken, "billing/services.json");
    ASSERT_FALSE(refused);
    std::string all;
    for (const auto& problem : refused.error()) {
        all += problem + "\n";
    }
    EXPECT_NE(all.find("billing/services.json:5: sliding_scale[0].percent: must be a whole "
                       "number from 1 to 100"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("billing/services.json:6: sliding_scale[1].id: repeats A"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("sliding_scale[2].id: must be 1 to 16 capital letters"), std::string::npos)
        << all;
    EXPECT_NE(all.find("sliding_scale[2].percent"), std::string::npos) << all;
}
