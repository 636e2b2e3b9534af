#include <gtest/gtest.h>

#include "process.h"
#include "summary.h"

using namespace dyad::bcr;

TEST(BcrProcess, EveryStateAndEventHasItsOutcome) {
    const State states[] = {State::Frustration, State::Desire, State::Requests, State::Granted,
                            State::Retired};
    const Event events[] = {Event::SetDesire, Event::SetRequests, Event::Grant, Event::CheckIn,
                            Event::Renew,     Event::Revise,      Event::Retire};
    // The expected next state, or nullopt where the step is refused.
    using O = std::optional<State>;
    const O F = State::Frustration, D = State::Desire, R = State::Requests, G = State::Granted,
            X = State::Retired, no = std::nullopt;
    (void)F;
    const O expected[5][7] = {
        // desire requests grant checkin renew revise retire
        {D, no, no, no, no, no, X},    // frustration
        {D, R, no, no, no, no, X},     // desire
        {no, R, G, no, no, no, X},     // requests
        {no, no, no, G, G, R, X},      // granted
        {no, no, no, no, no, no, no},  // retired
    };
    int checked = 0;
    for (int s = 0; s < 5; ++s) {
        for (int e = 0; e < 7; ++e) {
            auto next = next_state(states[s], events[e]);
            SCOPED_TRACE(std::string(to_string(states[s])) + " + " + to_string(events[e]));
            if (expected[s][e]) {
                ASSERT_TRUE(next) << next.error();
                EXPECT_EQ(*next, *expected[s][e]);
            } else {
                ASSERT_FALSE(next);
                EXPECT_FALSE(next.error().empty());
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, 35);
    EXPECT_EQ(next_state(State::Granted, Event::Grant).error(),
              "A gift has already been chosen for this frustration.");
    EXPECT_EQ(next_state(State::Frustration, Event::SetRequests).error(),
              "Name the desire behind the frustration first.");
}

TEST(BcrProcess, DatesAndWeekdays) {
    EXPECT_TRUE(is_date("2026-02-28"));
    EXPECT_FALSE(is_date("2026-02-29"));
    EXPECT_FALSE(is_date("26-02-28"));
    EXPECT_EQ(add_days("2026-12-30", 3), "2027-01-02");
    EXPECT_EQ(days_between("2026-11-01", "2026-11-26"), 25);
    EXPECT_EQ(weekday("2026-11-23"), 0);  // A Monday.
    EXPECT_EQ(weekday("2026-11-29"), 6);  // A Sunday.
    Commitment c{"2026-11-23", 21, {0, 3}};
    EXPECT_EQ(c.last_day(), "2026-12-13");
    EXPECT_TRUE(c.is_check_day("2026-11-26"));  // Thursday.
    EXPECT_FALSE(c.is_check_day("2026-11-27"));
}

TEST(BcrProcess, AdherenceCountsDueDaysOnlyWithPartlyAsHalf) {
    // Three weeks from Monday 2026-11-02, check-ins on Mondays and Thursdays: 6 due days.
    Commitment c{"2026-11-02", 21, {0, 3}};
    std::vector<CheckIn> checkins = {
        {"2026-11-02", Outcome::Done, 4},    {"2026-11-05", Outcome::Partly, 3},
        {"2026-11-09", Outcome::NotDone, 2}, {"2026-11-10", Outcome::Done, 5},    // Not a due day.
        {"2026-11-12", Outcome::Done, 4},    {"2026-11-12", Outcome::Partly, 4},  // Latest wins.
        {"2026-11-16", Outcome::Done, 5},
    };
    Adherence all = adherence(c, checkins, "2026-12-31");
    EXPECT_EQ(all.due, 6);
    EXPECT_EQ(all.recorded, 5);  // 11-19 missing.
    EXPECT_DOUBLE_EQ(all.score, 1 + 0.5 + 0 + 0.5 + 1);
    EXPECT_DOUBLE_EQ(all.rate(), 3.0 / 6);
    // Up to a day inside the period: only the days so far are due.
    Adherence so_far = adherence(c, checkins, "2026-11-09");
    EXPECT_EQ(so_far.due, 3);
    EXPECT_DOUBLE_EQ(so_far.rate(), 1.5 / 3);
    EXPECT_EQ(adherence(c, {}, "2026-11-01").due, 0);
    EXPECT_DOUBLE_EQ(adherence(c, {}, "2026-11-01").rate(), 0);

    auto weeks = weekly(c, checkins, "2026-12-31");
    ASSERT_EQ(weeks.size(), 3u);
    EXPECT_EQ(weeks[0].week_start, "2026-11-02");
    EXPECT_DOUBLE_EQ(weeks[0].adherence, 0.75);  // Done + partly over 2.
    EXPECT_DOUBLE_EQ(weeks[0].impact, 3.5);
    EXPECT_DOUBLE_EQ(weeks[1].adherence, 0.25);                // Not done + partly (latest) over 2.
    EXPECT_DOUBLE_EQ(weeks[1].impact, (2 + 5 + 4 + 4) / 4.0);  // Every recorded impact.
    EXPECT_DOUBLE_EQ(weeks[2].adherence, 0.5);                 // Done, then one missing.
    EXPECT_EQ(weekly(c, checkins, "2026-11-08").size(), 1u);
}

TEST(BcrSummary, ThemesByCountAndATimelineInDateOrder) {
    Frustration a, b, c;
    a.theme = "money";
    b.theme = "attention";
    c.theme = "money";
    std::vector<std::pair<std::string, int>> expected = {{"money", 2}, {"attention", 1}};
    EXPECT_EQ(themes({a, b, c}), expected);
    Frustration untitled;
    EXPECT_EQ(themes({untitled}).front().first, "no theme");

    Frustration f;
    f.created_at = "2026-11-01T10:00:00Z";
    Gift first;
    first.commitment = {"2026-11-02", 7, {}};
    first.checkins = {{"2026-11-04", Outcome::Partly, 3},
                      {"2026-11-03", Outcome::Done, 0, "the quiet dinner"}};
    Gift renewed;
    renewed.commitment = {"2026-11-09", 7, {}};
    f.gifts = {first, renewed};
    f.state = State::Retired;
    std::vector<std::string> lines = timeline(f);
    std::vector<std::string> wanted = {"Nov 1, 2026  frustration written",
                                       "Nov 2, 2026  gift begins, until Nov 8, 2026",
                                       "Nov 3, 2026  check-in: done; appreciated: the quiet dinner",
                                       "Nov 4, 2026  check-in: partly done, felt impact 3/5",
                                       "Nov 9, 2026  gift renewed, until Nov 15, 2026",
                                       "Nov 9, 2026  retired"};
    EXPECT_EQ(lines, wanted);
}
