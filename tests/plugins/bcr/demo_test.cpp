// The Requests tab's part of the demo practice: requests both ways taken through the process,
// granted weeks ago with their check-ins, one still negotiated; SMART; filled once.
#include <gtest/gtest.h>

#include <time_text.h>

#include <dyad/show.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "demo.h"
#include "plugin_harness.h"
#include "practice.h"
#include "schema.h"
#include "smart_check.h"
#include "store.h"
#include "summary.h"
#include "test_support.h"

using namespace dyad::bcr;

namespace {

std::int64_t count(const dyad::sdk::Database& db, const char* sql) {
    auto select = db.prepare(sql);
    return select.step() == DYAD_ROW ? select.int64(0) : -1;
}

}  // namespace

TEST(BcrDemo, GrantedRequestsWithWeeksOfCheckInsAndOneStillNegotiated) {
    dyad::test::PluginHarness harness("dyad.bcr", bcr_schema());
    std::vector<std::int64_t> units;
    for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen family",
                             "Farah Khan & Sam Lee", "Omar Haddad"}) {
        units.push_back(harness.unit(name));
    }
    auto history_added = dyad::add_demo_history(harness.practice().records(), units);
    ASSERT_TRUE(history_added) << history_added.error().message;
    dyad::sdk::Host host(harness.host());
    dyad::sdk::Database db(host);
    BcrStore store{db};
    const std::string today = dyad::datafile::local_today();

    // Not two couples: refused, nothing written.
    EXPECT_THROW(fill_demo(host, store, {today, {units[0], units[2]}}), std::runtime_error);
    EXPECT_EQ(count(db, "SELECT count(*) FROM bcr_frustration"), 0);

    fill_demo(host, store, {today, units});

    std::vector<std::string> problems;
    auto checker = SmartChecker::load({dyad::test::source_dir() + "/resources"}, problems);
    ASSERT_TRUE(checker) << checker.error();
    std::map<std::int64_t, std::string> names;
    for (const auto& member : host.members(units[0])) {
        names[member.client_id] = member.given_name;
    }

    auto ortiz = store.for_unit(units[0]);
    ASSERT_TRUE(ortiz) << ortiz.error();
    ASSERT_EQ(ortiz->size(), 4u);
    int granted = 0;
    int from_ana = 0;
    bool some_missed = false, some_not_done = false, some_partly = false;
    for (const auto& f : *ortiz) {
        SCOPED_TRACE(f.text);
        from_ana += names[f.sender_id] == "Ana" ? 1 : 0;
        EXPECT_NE(f.sender_id, f.receiver_id);
        EXPECT_FALSE(f.desire.empty());
        EXPECT_FALSE(f.theme.empty());
        ASSERT_EQ(f.requests.size(), 3u);
        for (const auto& request : f.requests) {
            EXPECT_TRUE(checker->check(request.text).empty()) << request.text;
        }
        EXPECT_LE(f.created_at.substr(0, 10), today);
        if (f.state != State::Granted) {
            continue;
        }
        ++granted;
        const Gift* gift = f.current_gift();
        ASSERT_NE(gift, nullptr);
        ASSERT_NE(f.granted_request(), nullptr);
        EXPECT_TRUE(gift->active);
        // Granted eight to ten weeks ago, still running, written before that.
        EXPECT_GE(gift->commitment.start, add_days(today, -70));
        EXPECT_LE(gift->commitment.start, add_days(today, -56));
        EXPECT_GT(gift->commitment.last_day(), today);
        EXPECT_LE(f.created_at.substr(0, 10), gift->commitment.start);
        for (const auto& checkin : gift->checkins) {
            EXPECT_GE(checkin.date, gift->commitment.start);
            EXPECT_LT(checkin.date, today);
            EXPECT_TRUE(gift->commitment.is_check_day(checkin.date));
            some_not_done |= checkin.outcome == Outcome::NotDone;
            some_partly |= checkin.outcome == Outcome::Partly;
        }
        // What the list, the Overview card and the chart show: mostly kept, not perfect.
        Adherence so_far = adherence(gift->commitment, gift->checkins, today);
        EXPECT_GE(so_far.recorded, 7);
        EXPECT_GT(so_far.rate(), 0.6);
        EXPECT_LT(so_far.rate(), 0.95);
        some_missed |= so_far.recorded < so_far.due - 1;
        auto points = weekly(gift->commitment, gift->checkins, today);
        EXPECT_GE(points.size(), 9u);
        auto [low, high] = std::minmax_element(
            points.begin(), points.end(),
            [](const WeekPoint& a, const WeekPoint& b) { return a.adherence < b.adherence; });
        EXPECT_LT(low->adherence, high->adherence);
        EXPECT_GT(points[points.size() - 2].impact, 0);
        auto lines = timeline(f);
        EXPECT_EQ(lines.front(), dyad::show::date(f.created_at, dyad::show::DateStyle::Compact) +
                                     "  frustration written");
    }
    EXPECT_EQ(granted, 3);
    EXPECT_EQ(from_ana, 2);  // Both ways.
    EXPECT_TRUE(some_missed);
    EXPECT_TRUE(some_not_done);
    EXPECT_TRUE(some_partly);
    const Frustration& talking = ortiz->back();  // Written last.
    EXPECT_EQ(talking.state, State::Requests);
    EXPECT_EQ(talking.current_gift(), nullptr);
    EXPECT_GE(talking.created_at.substr(0, 10), add_days(today, -21));
    EXPECT_EQ(names[talking.sender_id], "Ben");
    EXPECT_EQ(themes(*ortiz).size(), 4u);
    EXPECT_EQ(ortiz->front().requests[0].text.rfind("Four evenings a week", 0), 0u);

    auto moss = store.for_unit(units[1]);
    ASSERT_TRUE(moss) << moss.error();
    ASSERT_EQ(moss->size(), 1u);
    EXPECT_EQ(moss->front().state, State::Granted);
    ASSERT_NE(moss->front().current_gift(), nullptr);
    EXPECT_EQ(moss->front().current_gift()->checkins.size(), 4u);
    EXPECT_EQ(moss->front().granted_request()->position, 2);
    for (std::size_t i = 2; i < units.size(); ++i) {
        EXPECT_TRUE(store.for_unit(units[i])->empty()) << i;
    }

    // A second fill finds the requests there and changes nothing.
    std::int64_t checkins = count(db, "SELECT count(*) FROM bcr_checkin");
    fill_demo(host, store, {today, units});
    EXPECT_EQ(count(db, "SELECT count(*) FROM bcr_frustration"), 5);
    EXPECT_EQ(count(db, "SELECT count(*) FROM bcr_checkin"), checkins);
}
