#include <gtest/gtest.h>

#include "csv_import.h"
#include "plugin_harness.h"
#include "schema.h"

using namespace dyad::records_plugin;

namespace {

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    dyad::sdk::Host host{harness.host()};

    std::int64_t count(const char* sql) {
        auto select = dyad::sdk::Database(host).prepare(sql);
        return select.step() == DYAD_ROW ? select.int64(0) : -1;
    }
};

constexpr const char* kGood =
    "\xEF\xBB\xBFgiven_name,family_name,date_of_birth,email,phone,unit,pronouns\r\n"
    "Maya,Lopez,1990-01-02,maya@example.com,+1 555 010 1000,lopez-kim,she/her\r\n"
    "Jun,Kim,1989-05-06,,,lopez-kim,he/him\r\n"
    "\"O'Neil, Jr.\",\"Smith \"\"Sam\"\"\",1970-07-08,,,,\r\n";

}  // namespace

TEST(CsvImport, ParsesQuotesCommasBreaksAndABom) {
    auto rows = parse_csv(
        "\xEF\xBB\xBF"
        "a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n\n,\n");
    ASSERT_TRUE(rows) << rows.error();
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[0], (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ((*rows)[1], (std::vector<std::string>{"x, y", "say \"hi\"\nthere"}));
    EXPECT_EQ((*rows)[2], (std::vector<std::string>{"", ""}));
    auto open = parse_csv("a,b\n1,\"never closed\n2,3\n");
    ASSERT_FALSE(open);
    EXPECT_EQ(open.error(), "line 2: a quoted field is never closed");
}

TEST(CsvImport, DryRunFindsNothingWrongInAGoodFileAndWritesNothing) {
    Fixture f;
    std::int64_t clients_before = f.count("SELECT count(*) FROM core_client");
    ImportPlan plan = plan_import(kGood, f.host);
    EXPECT_TRUE(plan.can_import()) << plan.report();
    ASSERT_EQ(plan.clients.size(), 3u);
    ASSERT_EQ(plan.units.size(), 2u);
    EXPECT_EQ(plan.units[0].kind, "couple");
    EXPECT_EQ(plan.units[1].kind, "individual");
    EXPECT_EQ(plan.clients[2].given_name, "O'Neil, Jr.");
    EXPECT_EQ(plan.clients[2].family_name, "Smith \"Sam\"");
    EXPECT_EQ(f.count("SELECT count(*) FROM core_client"), clients_before);

    auto imported = run_import(plan, f.host);
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_EQ(imported->clients.size(), 3u);
    EXPECT_EQ(f.count("SELECT count(*) FROM core_client"), clients_before + 3);
    EXPECT_EQ(f.count("SELECT count(*) FROM core_unit WHERE display_name LIKE '%Lopez%' AND kind "
                      "= 'couple'"),
              1);
    // Importing the same file again warns of duplicates but does not block.
    ImportPlan again = plan_import(kGood, f.host);
    EXPECT_TRUE(again.can_import());
    EXPECT_NE(again.report().find("row 1: warning: a client with the same name and date of "
                                  "birth is already on file"),
              std::string::npos)
        << again.report();
}

TEST(CsvImport, EveryProblemIsListedByRowAndColumn) {
    Fixture f;
    struct Case {
        std::string csv;
        std::string expected;
    } cases[] = {
        {"", "file: the file is empty"},
        {"given_name,surname\nA,B\n", "file, surname: unknown column \"surname\""},
        {"given_name\nA\n", "file, family_name: the required column is missing"},
        {"given_name,family_name,given_name\nA,B,C\n",
         "file, given_name: the column appears twice"},
        {"given_name,family_name\n", "file: the file has a header but no clients"},
        {"given_name,family_name\nA,B,extra\n", "row 1: has 3 fields; the header has 2"},
        {"given_name,family_name\n,B\n", "row 1, given_name: The first name is missing."},
        {"given_name,family_name,date_of_birth\nA,B,2001-02-30\n",
         "row 1, date_of_birth: The date of birth is not a valid date"},
        {"given_name,family_name,email\nA,B,not-an-email\n",
         "row 1, email: The email address does not look right."},
        {"given_name,family_name,unit\nA,B,solo\n",
         "row 1, unit: unit \"solo\" has only one member; a family needs at least two"},
        {"given_name,family_name,unit,unit_kind\nA,B,k,couple\nC,D,k,couple\nE,F,k,couple\n",
         "row 1, unit: couple \"k\" has 3 members"},
        {"given_name,family_name,unit,unit_kind\nA,B,k,tribe\nC,D,k,tribe\n",
         "row 1, unit_kind: \"tribe\" is not a unit kind"},
        {"given_name,family_name,unit_kind\nA,B,couple\n",
         "row 1, unit_kind: a couple needs a \"unit\" key"},
        {"given_name,family_name,unit,unit_kind\nA,B,k,couple\nC,D,k,family\n",
         "row 2, unit_kind: unit \"k\" is a couple in an earlier row"},
    };
    std::int64_t clients_before = f.count("SELECT count(*) FROM core_client");
    for (const auto& c : cases) {
        ImportPlan plan = plan_import(c.csv, f.host);
        EXPECT_FALSE(plan.can_import()) << c.csv;
        EXPECT_NE(plan.report().find(c.expected), std::string::npos) << "file:\n"
                                                                     << c.csv << "\nreport:\n"
                                                                     << plan.report();
        auto refused = run_import(plan, f.host);
        EXPECT_FALSE(refused);
    }
    EXPECT_EQ(f.count("SELECT count(*) FROM core_client"), clients_before);

    // Two problems in one file: both are listed, not just the first.
    ImportPlan two =
        plan_import("given_name,family_name,email\nA,B,bad\n,D,\nE,F,e@example.com\n", f.host);
    EXPECT_NE(two.report().find("row 1, email"), std::string::npos);
    EXPECT_NE(two.report().find("row 2, given_name"), std::string::npos);
}

TEST(CsvImport, CancellingHalfWayArchivesWhatWasImported) {
    Fixture f;
    std::int64_t clients_before = f.count("SELECT count(*) FROM core_client");
    ImportPlan plan = plan_import(kGood, f.host);
    std::vector<std::size_t> seen;
    auto cancelled = run_import(plan, f.host, [&](std::size_t done, std::size_t total) {
        seen.push_back(done);
        EXPECT_EQ(total, 5u);  // Three clients, two units.
        return done < 2;
    });
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error(),
              "cancelled; 2 of the 2 client(s) this run imported were archived again");
    EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2}));
    EXPECT_EQ(f.count("SELECT count(*) FROM core_client"), clients_before);
}
