#include <gtest/gtest.h>

#include "diagnoses.h"
#include "plugin_harness.h"
#include "schedule.h"
#include "schema.h"

using namespace dyad::records_plugin;

namespace {

CodeBook shipped_codes() {
    std::vector<std::string> problems;
    CodeBook book = load_code_book({dyad::test::source_dir() + "/resources"}, problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    return book;
}

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    DiagnosisStore store{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    ScheduleStore schedule{dyad::sdk::Host(harness.host())};
    CodeBook codes = shipped_codes();
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");

    std::int64_t member_id(std::size_t index) {
        std::vector<std::int64_t> ids;
        auto select = dyad::sdk::Database(dyad::sdk::Host(harness.host()))
                          .prepare(
                              "SELECT client_id FROM core_unit_member WHERE unit_id = ? "
                              "ORDER BY client_id");
        select.bind(1, couple);
        while (select.step() == DYAD_ROW) {
            ids.push_back(select.int64(0));
        }
        return ids.at(index);
    }
    void attend_couple_session(const std::string& start) {
        Booking booking;
        booking.unit_id = couple;
        booking.first_start = start;
        auto booked = schedule.book(booking);
        ASSERT_TRUE(booked) << booked.error();
        ASSERT_TRUE(schedule.set_status(booked->front(), "attended"));
    }
};

}  // namespace

TEST(DiagnosisCodes, ShippedListCoversTheChapterAndTheRelationshipCodes) {
    CodeBook book = shipped_codes();
    EXPECT_GT(book.size(), 250u);
    ASSERT_NE(book.find("F43.23"), nullptr);
    EXPECT_EQ(book.find("f4323")->description,
              "Adjustment disorder with mixed anxiety and depressed mood");
    ASSERT_NE(book.find("Z63.0"), nullptr);
    EXPECT_NE(book.find("Z63.0")->description.find("spouse or partner"), std::string::npos);
    EXPECT_NE(book.find("F01.50"), nullptr);
    EXPECT_NE(book.find("F99"), nullptr);
    EXPECT_EQ(book.find("F43.99"), nullptr);
}

TEST(DiagnosisCodes, SearchByCodePrefixOrWords) {
    CodeBook book = shipped_codes();
    auto by_code = book.search("f43.2", 20);
    ASSERT_GE(by_code.size(), 7u);
    EXPECT_EQ(by_code.front().code, "F43.20");
    for (const auto& found : by_code) {
        EXPECT_EQ(found.code.rfind("F43.2", 0), 0u) << found.code;
    }
    auto by_words = book.search("adjust mixed", 20);
    ASSERT_EQ(by_words.size(), 2u);  // F43.23 and F43.25.
    EXPECT_EQ(by_words[0].code, "F43.23");
    auto partner = book.search("partner", 20);
    EXPECT_TRUE(std::any_of(partner.begin(), partner.end(),
                            [](const DiagnosisCode& c) { return c.code == "Z63.0"; }));
    EXPECT_EQ(book.search("F43", 3).size(), 3u);  // The limit holds.
    EXPECT_TRUE(book.search("   ", 20).empty());
    EXPECT_TRUE(book.search("zzzqqq", 20).empty());
}

TEST(DiagnosisCodes, CodeFilesAreReadWithProblemsByLine) {
    CodeBook book;
    std::vector<std::string> problems;
    book.add_text("# comment\nF4323   Adjustment, official file shape\n\nnot-a-code text\nF41.1\n",
                  "clinic.txt", problems);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "clinic.txt:4: expected a code and its description");
    EXPECT_EQ(problems[1], "clinic.txt:5: expected a code and its description");
    ASSERT_NE(book.find("F43.23"), nullptr);
    EXPECT_EQ(normalized_code(" z630 "), "Z63.0");
    EXPECT_EQ(normalized_code("F99"), "F99");
    EXPECT_EQ(normalized_code("99F"), "");
    EXPECT_EQ(normalized_code("F43.2345678"), "");
}

TEST(Diagnoses, AddedToUnitOrMemberAndNeverDeleted) {
    Fixture f;
    auto unit_level = f.store.add(f.couple, 0, *f.codes.find("Z63.0"), "");
    ASSERT_TRUE(unit_level) << unit_level.error();
    auto member_level =
        f.store.add(f.couple, f.member_id(0), *f.codes.find("F43.23"), "2026-09-01");
    ASSERT_TRUE(member_level) << member_level.error();

    auto twice = f.store.add(f.couple, 0, *f.codes.find("Z63.0"), "");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error(), "Z63.0 is already an active diagnosis here.");
    auto stranger = f.store.add(f.couple, 999999, *f.codes.find("F41.1"), "");
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.error(), "That client is not a member of this unit.");
    auto bad_date = f.store.add(f.couple, 0, *f.codes.find("F41.1"), "2026-02-30");
    ASSERT_FALSE(bad_date);
    EXPECT_NE(bad_date.error().find("onset date"), std::string::npos);

    ASSERT_TRUE(f.store.set_status(*unit_level, "entered_in_error"));
    EXPECT_FALSE(f.store.set_status(*unit_level, "deleted"));
    auto listed = f.store.for_unit(f.couple);
    ASSERT_TRUE(listed) << listed.error();
    ASSERT_EQ(listed->size(), 2u);  // Kept, marked, listed last.
    EXPECT_EQ((*listed)[0].code, "F43.23");
    EXPECT_EQ((*listed)[0].client_id, f.member_id(0));
    EXPECT_EQ((*listed)[0].onset_date, "2026-09-01");
    EXPECT_EQ((*listed)[1].status, "entered_in_error");
    // With the first marked in error, the code may be recorded again.
    EXPECT_TRUE(f.store.add(f.couple, 0, *f.codes.find("Z63.0"), ""));
}

TEST(Diagnoses, Z63AloneWarnsOnlyWithBilledCoupleSessions) {
    Fixture f;
    ASSERT_TRUE(f.store.add(f.couple, 0, *f.codes.find("Z63.0"), ""));
    auto diagnoses = f.store.for_unit(f.couple);
    auto billed_before = f.store.billed_couple_sessions(f.couple);
    ASSERT_TRUE(billed_before);
    EXPECT_EQ(billing_warning(*diagnoses, 0), "");

    f.attend_couple_session("2031-03-04 10:00");
    auto billed = f.store.billed_couple_sessions(f.couple);
    ASSERT_TRUE(billed);
    EXPECT_EQ(*billed, *billed_before + 1);
    std::string warning = billing_warning(*diagnoses, *billed);
    EXPECT_NE(warning.find("Z63.0"), std::string::npos);
    EXPECT_NE(warning.find("only diagnosis"), std::string::npos);

    // A covered diagnosis for the identified patient clears it; resolving it brings it back.
    auto covered = f.store.add(f.couple, f.member_id(1), *f.codes.find("F43.23"), "");
    ASSERT_TRUE(covered);
    EXPECT_EQ(billing_warning(*f.store.for_unit(f.couple), *billed), "");
    ASSERT_TRUE(f.store.set_status(*covered, "resolved"));
    EXPECT_NE(billing_warning(*f.store.for_unit(f.couple), *billed), "");
}
