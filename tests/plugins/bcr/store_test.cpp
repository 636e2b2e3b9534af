#include <gtest/gtest.h>

#include "agreement_pdf.h"
#include "plugin_harness.h"
#include "schema.h"
#include "store.h"
#include "test_support.h"

using namespace dyad::bcr;

namespace {

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.bcr", bcr_schema()};
    dyad::sdk::Database db{dyad::sdk::Host(harness.host())};
    BcrStore store{db};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
    std::vector<std::int64_t> partners;

    Fixture() {
        auto members = harness.practice().records().members(couple);
        for (const auto& member : *members) {
            partners.push_back(member.client_id);
        }
    }
    NewFrustration about(std::int64_t sender, std::int64_t receiver, const std::string& text) {
        NewFrustration f;
        f.unit_id = couple;
        f.sender_id = sender;
        f.receiver_id = receiver;
        f.text = text;
        return f;
    }
    std::int64_t count(const std::string& sql) {
        auto select = db.prepare(sql.c_str());
        return select.step() == DYAD_ROW ? select.int64(0) : -1;
    }
    std::int64_t up_to_requests() {
        auto id = store.create({couple, partners[0], partners[1],
                                "I don't like it when you look at your phone while I talk.", "", "",
                                "", "attention"});
        EXPECT_TRUE(id) << id.error();
        EXPECT_TRUE(store.set_desire(*id, "I would like to feel heard when I talk to you."));
        EXPECT_TRUE(store.set_requests(
            *id, {RequestDraft{"Put the phone away for 15 minutes after dinner, 4 evenings a week "
                               "for the next 3 weeks.",
                               5, 2},
                  RequestDraft{"Ask me one question about my day each evening for 3 weeks."},
                  RequestDraft{"Take a 20-minute walk with me on Sundays for the next month."}}));
        return *id;
    }
};

}  // namespace

TEST(BcrStore, FromFrustrationToThreeWeeksOfCheckIns) {
    Fixture f;
    std::int64_t id = f.up_to_requests();
    auto gift = f.store.grant(id, 1, {"2026-11-02", 21, {0, 3}}, "2026-11-02");
    ASSERT_TRUE(gift) << gift.error();
    for (const char* day :
         {"2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19"}) {
        ASSERT_TRUE(f.store.check_in(id, {day, Outcome::Done, 4}, "thank you", "2026-11-26"));
    }
    auto loaded = f.store.frustration(id);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded->state, State::Granted);
    ASSERT_NE(loaded->granted_request(), nullptr);
    EXPECT_EQ(loaded->granted_request()->importance, 5);
    const Gift* current = loaded->current_gift();
    EXPECT_EQ(current->checkins.size(), 6u);
    EXPECT_EQ(current->checkins.front().appreciation, "thank you");
    EXPECT_DOUBLE_EQ(adherence(current->commitment, current->checkins, "2026-11-26").rate(), 1.0);
    EXPECT_EQ(f.store.for_unit(f.couple)->size(), 1u);

    auto renewed = f.store.renew(id);
    ASSERT_TRUE(renewed) << renewed.error();
    auto after = f.store.frustration(id);
    ASSERT_EQ(after->gifts.size(), 2u);
    EXPECT_FALSE(after->gifts[0].active);
    EXPECT_EQ(after->current_gift()->commitment.start, "2026-11-23");
    ASSERT_TRUE(f.store.retire(id));
    auto late = f.store.check_in(id, {"2026-11-24", Outcome::Done, 0}, "", "2026-11-26");
    ASSERT_FALSE(late);
    EXPECT_NE(late.error().find("retired"), std::string::npos);
}

TEST(BcrStore, BadInputIsRefusedAtTheStepAndNothingIsHalfSaved) {
    Fixture f;
    auto no_text = f.store.create(f.about(f.partners[0], f.partners[1], "  "));
    ASSERT_FALSE(no_text);
    EXPECT_NE(no_text.error().find("I don't like it when"), std::string::npos);
    EXPECT_FALSE(f.store.create(f.about(f.partners[0], f.partners[0], "x")));
    EXPECT_FALSE(f.store.create(f.about(f.partners[0], 424242, "x")));

    std::int64_t id = f.up_to_requests();
    std::int64_t requests_before = f.count("SELECT count(*) FROM bcr_request");
    auto empty_request =
        f.store.set_requests(id, {RequestDraft{"a"}, RequestDraft{" "}, RequestDraft{"c"}});
    ASSERT_FALSE(empty_request);
    EXPECT_EQ(empty_request.error(), "Request 2 has no text; offer three requests.");
    EXPECT_EQ(f.count("SELECT count(*) FROM bcr_request"), requests_before);

    EXPECT_FALSE(f.store.grant(id, 4, {"2026-11-02", 21, {}}, "2026-11-02"));
    EXPECT_FALSE(f.store.grant(id, 1, {"2026-11-31", 21, {}}, "2026-11-02"));
    EXPECT_FALSE(f.store.grant(id, 1, {"2026-11-02", 3, {}}, "2026-11-02"));
    EXPECT_FALSE(f.store.grant(id, 1, {"2026-11-02", 21, {7}}, "2026-11-02"));
    ASSERT_TRUE(f.store.grant(id, 2, {"2026-11-10", 14, {}}, "2026-11-10"));
    auto twice = f.store.grant(id, 1, {"2026-11-10", 14, {}}, "2026-11-10");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error(), "A gift has already been chosen for this frustration.");
    EXPECT_EQ(f.count("SELECT count(*) FROM bcr_gift"), 1);

    auto early = f.store.check_in(id, {"2026-11-09", Outcome::Done, 3}, "", "2026-11-20");
    ASSERT_FALSE(early);
    EXPECT_NE(early.error().find("cannot come before"), std::string::npos);
    auto future = f.store.check_in(id, {"2026-11-21", Outcome::Done, 3}, "", "2026-11-20");
    ASSERT_FALSE(future);
    auto after_period = f.store.check_in(id, {"2026-11-24", Outcome::Done, 3}, "", "2026-11-30");
    ASSERT_FALSE(after_period);
    EXPECT_NE(after_period.error().find("renew, revise or retire"), std::string::npos);
    EXPECT_FALSE(f.store.check_in(id, {"2026-11-12", Outcome::Done, 9}, "", "2026-11-20"));
    EXPECT_EQ(f.count("SELECT count(*) FROM bcr_checkin"), 0);

    // Revising ends the gift and asks for new requests; the old round stays in the record.
    ASSERT_TRUE(f.store.revise(id));
    EXPECT_FALSE(f.store.check_in(id, {"2026-11-12", Outcome::Done, 3}, "", "2026-11-20"));
    ASSERT_TRUE(f.store.set_requests(
        id, {RequestDraft{"x 1 time for 2 weeks"}, RequestDraft{"y"}, RequestDraft{"z"}}));
    auto revised = f.store.frustration(id);
    EXPECT_EQ(revised->requests[0].text, "x 1 time for 2 weeks");
    EXPECT_EQ(f.count("SELECT count(*) FROM bcr_request"), 6);
}

TEST(BcrStore, CheckInsDueTodayAcrossThePractice) {
    Fixture f;
    std::int64_t id = f.up_to_requests();
    ASSERT_TRUE(f.store.grant(id, 1, {"2026-11-23", 21, {0, 3}}, "2026-11-23"));
    EXPECT_EQ(*f.store.checkins_due("2026-11-26"), 1);  // Thursday, nothing recorded.
    EXPECT_EQ(*f.store.checkins_due("2026-11-27"), 0);  // Friday: not a check-in day.
    ASSERT_TRUE(f.store.check_in(id, {"2026-11-26", Outcome::Partly, 3}, "", "2026-11-26"));
    EXPECT_EQ(*f.store.checkins_due("2026-11-26"), 0);
    EXPECT_EQ(*f.store.checkins_due("2027-01-04"), 0);  // After the period.
}

TEST(BcrStore, AgreementsPdfListsTheGrantedGiftsOnly) {
    Fixture f;
    std::int64_t granted = f.up_to_requests();
    ASSERT_TRUE(f.store.grant(granted, 2, {"2026-11-02", 21, {0}}, "2026-11-02"));
    f.up_to_requests();  // A second frustration, not granted yet.
    dyad::test::TempDir dir;
    std::string path = dir.path() + "/agreements.pdf";
    auto pages = agreements_pdf(*f.store.for_unit(f.couple),
                                {{f.partners[0], "Ana"}, {f.partners[1], "Ben"}}, "Ana & Ben",
                                "2026-11-26", path);
    ASSERT_TRUE(pages) << pages.error();
    auto text = dyad::test::run_process({DYAD_PDFTOTEXT, path, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Ben gives Ana this gift"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Ask me one question about my day"), std::string::npos);
    EXPECT_NE(text.out.find("We check in on: Monday"), std::string::npos);
    EXPECT_EQ(text.out.find("Put the phone away"), std::string::npos);  // Not granted.
    EXPECT_EQ(text.out.find("look at your phone"), std::string::npos);  // No frustration text.
}
