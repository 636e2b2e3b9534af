#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "db/maintenance.h"
#include "plugin_harness.h"
#include "schedule.h"
#include "schema.h"
#include "test_support.h"

using namespace dyad::records_plugin;

namespace {

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    ScheduleStore store{dyad::sdk::Host(harness.host())};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
};

}  // namespace

TEST(Schedule, WeeklySeriesKeepTheLocalTimeAcrossDaylightSaving) {
    dyad::test::ScopedEnv zone("TZ", "America/New_York");
    // 2026-10-27 17:00 EDT (UTC-4); 2026-11-03 17:00 EST (UTC-5): DST ends on 1 November.
    auto weekly = expand_series("2026-10-27 17:00", 50, Repeat::Weekly, 3);
    ASSERT_TRUE(weekly) << weekly.error();
    ASSERT_EQ(weekly->size(), 3u);
    EXPECT_EQ((*weekly)[0].starts_at, "2026-10-27T21:00:00Z");
    EXPECT_EQ((*weekly)[0].ends_at, "2026-10-27T21:50:00Z");
    EXPECT_EQ((*weekly)[1].starts_at, "2026-11-03T22:00:00Z");
    EXPECT_EQ(utc_to_local((*weekly)[2].starts_at), "2026-11-10 17:00");
    auto biweekly = expand_series("2026-12-30 09:30", 90, Repeat::Biweekly, 2);
    EXPECT_EQ((*biweekly)[1].starts_at, "2027-01-13T14:30:00Z");  // Across the year end.
}

TEST(Schedule, BadBookingsAreRefused) {
    struct {
        const char* start;
        int minutes;
        Repeat repeat;
        int count;
        const char* reason;
    } cases[] = {
        {"2026-11-31 10:00", 50, Repeat::None, 1, "not a valid date and time"},
        {"2026-11-30 25:00", 50, Repeat::None, 1, "not a valid date and time"},
        {"2026-11-30", 50, Repeat::None, 1, "not a valid date and time"},
        {"2026-11-30 10:00", 0, Repeat::None, 1, "between 5 minutes and 8 hours"},
        {"2026-11-30 10:00", 50, Repeat::Weekly, 0, "1 to 104 sessions"},
        {"2026-11-30 10:00", 50, Repeat::None, 3, "1 to 104 sessions"},
    };
    for (const auto& c : cases) {
        auto result = expand_series(c.start, c.minutes, c.repeat, c.count);
        ASSERT_FALSE(result) << c.start;
        EXPECT_NE(result.error().find(c.reason), std::string::npos) << result.error();
    }
}

TEST(Schedule, BookAttendMoveAndExport) {
    dyad::test::ScopedEnv zone("TZ", "Europe/Berlin");
    Fixture f;
    Booking booking;
    booking.unit_id = f.couple;
    booking.first_start = "2027-01-05 16:00";
    booking.duration_minutes = 60;
    booking.location = "Office 2";
    booking.repeat = Repeat::Weekly;
    booking.count = 4;
    auto ids = f.store.book(booking);
    ASSERT_TRUE(ids) << ids.error();
    ASSERT_EQ(ids->size(), 4u);

    ASSERT_TRUE(f.store.set_status((*ids)[0], "attended"));
    EXPECT_FALSE(f.store.set_status((*ids)[1], "postponed"));
    // From the second session on, the series moves to Thursdays at 18:00.
    auto moved = f.store.move((*ids)[1], "2027-01-14 18:00", ScheduleStore::Scope::ThisAndLater);
    ASSERT_TRUE(moved) << moved.error();
    EXPECT_EQ(*moved, 3);
    auto sessions = f.store.sessions(f.couple);
    ASSERT_TRUE(sessions);
    std::vector<std::string> local;
    for (const auto& s : *sessions) {
        if (s.series_id != 0) {
            local.push_back(utc_to_local(s.starts_at) + " " + s.status);
        }
    }
    EXPECT_EQ(local, (std::vector<std::string>{
                         "2027-01-05 16:00 attended", "2027-01-14 18:00 scheduled",
                         "2027-01-21 18:00 scheduled", "2027-01-28 18:00 scheduled"}));
    // Moving one session leaves the rest of the series alone.
    ASSERT_EQ(*f.store.move((*ids)[3], "2027-01-29 09:00", ScheduleStore::Scope::ThisOne), 1);

    auto events = f.store.calendar("2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z");
    ASSERT_TRUE(events);
    EXPECT_EQ(events->size(), 4u);
    std::string ics = to_icalendar(*events, "2026-11-26T10:00:00Z");
    EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
    EXPECT_NE(ics.find("DTSTART:20270105T150000Z\r\n"), std::string::npos) << ics;
    EXPECT_NE(ics.find("SUMMARY:Couple session\r\n"), std::string::npos);
    EXPECT_NE(ics.find("LOCATION:Office 2\r\n"), std::string::npos);
    // No client data: neither names nor the unit.
    EXPECT_EQ(ics.find("Ortiz"), std::string::npos);
    EXPECT_EQ(ics.find("Ana"), std::string::npos);
    // Every line is at most 75 octets and ends with CRLF.
    std::size_t start = 0;
    while (start < ics.size()) {
        std::size_t end = ics.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 75u);
        start = end + 2;
    }
}

TEST(Schedule, ICalendarEscapesAndFoldsText) {
    CalendarEvent event{"u1",
                        "2027-01-05T15:00:00Z",
                        "2027-01-05T16:00:00Z",
                        "individual",
                        "Room 3, 2nd floor; ring the bell\\ " + std::string(80, 'x'),
                        false,
                        "cancelled"};
    std::string ics = to_icalendar({event}, "2026-11-26T10:00:00Z");
    EXPECT_NE(ics.find("LOCATION:Room 3\\, 2nd floor\\; ring the bell\\\\ x"), std::string::npos)
        << ics;
    EXPECT_NE(ics.find("\r\n x"), std::string::npos);  // Folded continuation line.
    EXPECT_NE(ics.find("STATUS:CANCELLED"), std::string::npos);
}

TEST(Schedule, AWeekIsGroupedByLocalDay) {
    dyad::test::ScopedEnv zone("TZ", "America/Los_Angeles");
    EXPECT_EQ(*week_start("2026-11-26", 0), "2026-11-23");  // A Thursday's Monday.
    EXPECT_EQ(*week_start("2026-11-23", 0), "2026-11-23");
    EXPECT_EQ(*week_start("2026-11-29", 0), "2026-11-23");  // Sunday ends the week.
    EXPECT_EQ(*week_start("2026-11-26", 1), "2026-11-30");
    EXPECT_EQ(*week_start("2027-01-01", -1), "2026-12-21");
    EXPECT_FALSE(week_start("2026-02-30", 0));
    auto [from, to] = week_range_utc("2026-11-23");
    EXPECT_EQ(from, "2026-11-23T08:00:00Z");
    EXPECT_EQ(to, "2026-11-30T08:00:00Z");
    // 2026-11-25 23:30 local is already the 26th in UTC; it belongs to Wednesday here.
    std::vector<CalendarEvent> events = {
        {"b", "2026-11-26T07:30:00Z", "2026-11-26T08:20:00Z", "couple", "", true, "scheduled", 2},
        {"a", "2026-11-25T17:00:00Z", "2026-11-25T17:50:00Z", "couple", "", false, "scheduled", 1}};
    auto days = group_by_day("2026-11-23", events);
    ASSERT_EQ(days.size(), 7u);
    EXPECT_EQ(days[2].date, "2026-11-25");
    ASSERT_EQ(days[2].events.size(), 2u);
    EXPECT_EQ(days[2].events[0].uid, "a");  // In time order.
    EXPECT_TRUE(days[3].events.empty());
}

TEST(Schedule, AnOverlappingBookingIsRefusedWhole) {
    dyad::test::ScopedEnv zone("TZ", "UTC");
    Fixture f;
    Booking first;
    first.unit_id = f.couple;
    first.first_start = "2027-03-01 10:00";
    first.duration_minutes = 60;
    ASSERT_TRUE(f.store.book(first));
    Booking series = first;
    series.unit_id = f.harness.unit("Carla Diaz");
    series.first_start = "2027-02-22 10:30";  // The second session would clash.
    series.repeat = Repeat::Weekly;
    series.count = 3;
    auto refused = f.store.book(series);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(),
              "The session on 2027-03-01 10:30 overlaps another session (2027-03-01 10:00); "
              "nothing was booked.");
    EXPECT_EQ(f.store.sessions(series.unit_id)->size(), 1u);  // Only the demo's session.
    // Back to back is fine, and a cancelled session frees its time.
    Booking after = first;
    after.first_start = "2027-03-01 11:00";
    EXPECT_TRUE(f.store.book(after));
    auto sessions = f.store.sessions(f.couple);
    ASSERT_TRUE(f.store.set_status(sessions->back().appointment_id, "cancelled"));
    EXPECT_TRUE(f.store.book(after));
}

TEST(Schedule, TheRestOfASeriesChangesToTelehealth) {
    dyad::test::ScopedEnv zone("TZ", "UTC");
    Fixture f;
    Booking booking;
    booking.unit_id = f.couple;
    booking.first_start = "2027-04-06 09:00";
    booking.location = "Office 2";
    booking.repeat = Repeat::Biweekly;
    booking.count = 3;
    auto ids = f.store.book(booking);
    ASSERT_TRUE(ids);
    auto changed = f.store.change_details((*ids)[1], "couple", "ignored", true,
                                          ScheduleStore::Scope::ThisAndLater);
    ASSERT_TRUE(changed) << changed.error();
    EXPECT_EQ(*changed, 2);
    std::vector<std::string> where;
    auto sessions = f.store.sessions(f.couple);  // Kept alive for the loop.
    for (const auto& s : *sessions) {
        if (s.series_id != 0) {
            where.push_back(s.telehealth ? "telehealth" : s.location);
        }
    }
    EXPECT_EQ(where, (std::vector<std::string>{"Office 2", "telehealth", "telehealth"}));
    auto bad =
        f.store.change_details((*ids)[0], "retreat", "", false, ScheduleStore::Scope::ThisOne);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), "Unknown session type 'retreat'.");
}

// SQLite 3.40-3.41 reported a false "NULL value in" for the WITHOUT ROWID table of version 4,
// so one recurring series made `db check` call the practice damaged (issue 21).
TEST(Schedule, ARecurringSeriesLeavesThePracticeHealthy) {
    dyad::test::ScopedEnv zone("TZ", "UTC");
    Fixture f;
    Booking booking;
    booking.unit_id = f.couple;
    booking.first_start = "2032-01-05 09:00";
    booking.repeat = Repeat::Weekly;
    booking.count = 2;
    ASSERT_TRUE(f.store.book(booking));
    auto report =
        dyad::db::check_database(f.harness.practice().database_path(), f.harness.practice().key());
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->healthy) << (report->problems.empty() ? "" : report->problems.front());
}

// Found by fuzz_local_time (fuzz/regressions): negative hours passed the range check, and a
// year before 1900 gave a UTC text with a two-digit year.
TEST(Schedule, LocalTimesOutOfShapeOrRangeAreRefused) {
    dyad::test::ScopedEnv zone("TZ", "UTC");
    EXPECT_FALSE(local_to_utc("2024-01-01 -1:-5"));
    EXPECT_FALSE(local_to_utc("0026-11-26 15:00"));
    EXPECT_FALSE(local_to_utc("9999-12-31 23:59"));
    auto fine = local_to_utc("2026-11-26 15:00");
    ASSERT_TRUE(fine) << fine.error();
    EXPECT_EQ(*fine, "2026-11-26T15:00:00Z");
}
