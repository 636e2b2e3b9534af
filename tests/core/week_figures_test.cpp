// The Home tab's weeks (issue 19): Monday-to-Sunday weeks ending with today's, every week
// present, each appointment counted once in the week of its local day by its status.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "records/week_figures.h"
#include "test_support.h"

using namespace dyad::records;

namespace {

// Noon UTC: the same calendar day in every time zone within eleven hours of UTC.
Appointment at(const std::string& day, const std::string& status) {
    Appointment appointment;
    appointment.fields.starts_at = day + "T12:00:00Z";
    appointment.fields.ends_at = day + "T12:50:00Z";
    appointment.fields.status = status;
    return appointment;
}

}  // namespace

TEST(WeekFigures, EachSessionCountsOnceInItsWeekByStatus) {
    std::vector<Appointment> all = {
        at("2026-11-01", "attended"),   // Sunday before the first week: left out.
        at("2026-11-02", "attended"),   // Monday of the first week.
        at("2026-11-08", "no_show"),    // Its Sunday.
        at("2026-11-09", "cancelled"),  // The second week.
        at("2026-11-10", "attended"),  at("2026-11-18", "scheduled"),  // Today, a Wednesday.
        at("2026-11-22", "scheduled"),                                 // This Sunday.
        at("2026-11-23", "attended"),                                  // Next week: left out.
    };
    auto weeks = week_figures(all, "2026-11-18", 3);
    ASSERT_EQ(weeks.size(), 3u);
    EXPECT_EQ(weeks[0].monday, "2026-11-02");
    EXPECT_EQ(weeks[1].monday, "2026-11-09");
    EXPECT_EQ(weeks[2].monday, "2026-11-16");
    EXPECT_EQ(weeks[0].attended, 1);
    EXPECT_EQ(weeks[0].no_show, 1);
    EXPECT_EQ(weeks[1].cancelled, 1);
    EXPECT_EQ(weeks[1].attended, 1);
    EXPECT_EQ(weeks[2].scheduled, 2);
    EXPECT_EQ(weeks[2].attended, 0);
    int counted = 0;
    for (const auto& week : weeks) {
        counted += week.attended + week.no_show + week.cancelled + week.scheduled;
    }
    EXPECT_EQ(counted, 6);
}

TEST(WeekFigures, WeeksCrossTheYearAndBadInputGivesNothing) {
    auto weeks = week_figures({at("2026-12-28", "attended")}, "2027-01-01", 1);
    ASSERT_EQ(weeks.size(), 1u);
    EXPECT_EQ(weeks[0].monday, "2026-12-28");
    EXPECT_EQ(weeks[0].attended, 1);
    EXPECT_EQ(week_figures({}, "2027-01-04", 2).front().monday, "2026-12-28") << "a Monday";
    EXPECT_TRUE(week_figures({}, "2026-02-30", 4).empty());
    EXPECT_TRUE(week_figures({}, "2026-11-18", 0).empty());
    EXPECT_TRUE(week_figures({}, "2026-11-18", 53).empty());
    EXPECT_FALSE(week_range("18/11/2026", 4));
    auto range = week_range("2026-11-18", 3);
    ASSERT_TRUE(range);
    EXPECT_LT(range->first, range->second);
    // Local midnight of 2026-11-02 and of 2026-11-23, as UTC: within a day of the dates.
    EXPECT_TRUE(range->first.starts_with("2026-11-01T") || range->first.starts_with("2026-11-02T"))
        << range->first;
    EXPECT_TRUE(range->second.starts_with("2026-11-22T") ||
                range->second.starts_with("2026-11-23T"))
        << range->second;
}

// A day's local start where the clock changes at midnight (Cuba: back from 01:00 to 00:00 on
// the first Sunday of November, so midnight happens twice; forward from 00:00 to 01:00 on the
// second Sunday of March, so it does not happen): the first instant of the day. (glibc's mktime
// reads an ambiguous 00:00 as the first; reading it as standard time would give 05:00Z.)
TEST(WeekFigures, ADaysLocalStartIsItsFirstInstantWhenTheClockChangesAtMidnight) {
    {
        dyad::test::ScopedEnv zone("TZ", "America/Havana");
        EXPECT_EQ(local_day_start("2026-11-01"), "2026-11-01T04:00:00Z");  // 00:00 CDT, not CST.
        EXPECT_EQ(local_day_start("2026-10-31", 1), "2026-11-01T04:00:00Z");
        EXPECT_EQ(local_day_start("2026-11-02"), "2026-11-02T05:00:00Z");
        EXPECT_EQ(local_day_start("2026-03-08"), "2026-03-08T05:00:00Z");  // 01:00 CDT.
    }
    dyad::test::ScopedEnv zone("TZ", "America/New_York");
    EXPECT_EQ(local_day_start("2026-12-03"), "2026-12-03T05:00:00Z");
    EXPECT_EQ(local_day_start("2026-03-08"), "2026-03-08T05:00:00Z");  // Changes at 02:00.
    EXPECT_EQ(local_day_start("2026-03-09"), "2026-03-09T04:00:00Z");
    EXPECT_FALSE(local_day_start("2026-02-30"));
}
