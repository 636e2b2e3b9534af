// The measures' part of the demo practice: administrations at the demo units' attended
// sessions, scored by the store, with their cadences; improving believably; filled once.
#include <gtest/gtest.h>

#include <time_text.h>

#include <algorithm>
#include <map>

#include "demo.h"
#include "plugin_harness.h"
#include "schema.h"
#include "store.h"
#include "test_support.h"

using namespace dyad::measures;

namespace {

struct DemoPractice {
    dyad::test::PluginHarness harness{"dyad.measures", measures_schema()};
    dyad::sdk::Host host{harness.host()};
    InstrumentLibrary library = load_instruments({dyad::test::source_dir() + "/resources"});
    MeasuresStore store{host, library};
    dyad::sdk::DemoRequest request;

    DemoPractice() {
        request.today = dyad::datafile::local_today();
        for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen",
                                 "Farah Khan & Sam Lee", "Omar Haddad"}) {
            request.unit_ids.push_back(harness.unit(name));
        }
        auto history = dyad::add_demo_history(harness.practice().records(), request.unit_ids);
        EXPECT_TRUE(history) << history.error().message;
    }
    std::vector<Administration> of(std::int64_t unit) { return *store.history(unit); }
    // The unit's appointments, oldest first.
    std::vector<std::pair<std::string, std::string>> appointments(std::int64_t unit) {
        struct Walk {
            std::int64_t unit;
            std::vector<std::pair<std::string, std::string>> found;
        } walk{unit, {}};
        host.core()->list_appointments(
            host.raw(), "0000-01-01T00:00:00Z", "9999-01-01T00:00:00Z",
            [](void* user, const dyad_appointment_info* info) {
                auto* w = static_cast<Walk*>(user);
                if (info->unit_id == w->unit) {
                    w->found.emplace_back(info->starts_at, info->status);
                }
                return 0;
            },
            &walk);
        return walk.found;
    }
};

std::vector<const Administration*> series(const std::vector<Administration>& history,
                                          std::int64_t client, const std::string& instrument) {
    std::vector<const Administration*> found;
    for (const auto& a : history) {
        if (a.client_id == client && a.instrument_id == instrument) {
            found.push_back(&a);
        }
    }
    return found;
}

}  // namespace

TEST(MeasuresDemo, GivesImprovingMeasuresAtAttendedSessionsOnce) {
    DemoPractice demo;
    fill_demo(demo.host, demo.store, demo.request);
    const auto& units = demo.request.unit_ids;

    // The showcase: the CSI-16 for both partners every third session, Ana's PHQ-9 monthly.
    auto ortiz = demo.of(units[0]);
    auto partners = demo.host.members(units[0]);
    ASSERT_EQ(partners.size(), 2u);
    ASSERT_EQ(partners[0].given_name, "Ana");
    auto ana = series(ortiz, partners[0].client_id, "csi-16");
    auto ben = series(ortiz, partners[1].client_id, "csi-16");
    auto mood = series(ortiz, partners[0].client_id, "phq-9");
    ASSERT_EQ(ana.size(), 5u);
    ASSERT_EQ(ben.size(), 5u);
    ASSERT_EQ(mood.size(), 4u);
    EXPECT_EQ(ortiz.size(), 14u);
    auto sessions = demo.appointments(units[0]);
    ASSERT_FALSE(sessions.empty());
    EXPECT_EQ(ana.front()->date, dyad::datafile::local_date_of(sessions.front().first));
    EXPECT_EQ(ana.front()->score.total, 34);
    EXPECT_TRUE(ana.front()->score.distressed);
    EXPECT_EQ(ana.back()->score.total, 57);
    EXPECT_FALSE(ana.back()->score.distressed);
    EXPECT_EQ(ben.back()->score.total, 58);
    EXPECT_EQ(ana.back()->date, ben.back()->date);
    EXPECT_EQ(ana.back()->mode, "client_view");
    EXPECT_EQ(mood.front()->score.band, "moderate");
    EXPECT_EQ(mood.back()->score.band, "mild");
    std::vector<Point> points;
    for (const auto* a : mood) {
        points.push_back({a->date, a->score.total});
    }
    EXPECT_TRUE(trajectory(*demo.library.find("phq-9"), points, 4).improved);
    std::string eight_weeks_ago = *dyad::datafile::local_midnight_utc(demo.request.today, -8 * 7);
    for (const auto& a : ortiz) {
        EXPECT_NE(a.appointment_id, 0);
        EXPECT_LT(a.date, demo.request.today);
        EXPECT_TRUE(a.score.flags.empty());
    }
    EXPECT_GT(ortiz.back().date, dyad::datafile::local_date_of(eight_weeks_ago));
    EXPECT_EQ(demo.store.cadences(units[0])->size(), 2u);

    // This week's Friday session is the sixteenth: the CSI-16 is due for both partners.
    auto friday = std::find_if(sessions.rbegin(), sessions.rend(),
                               [](const auto& s) { return s.second == "scheduled"; });
    ASSERT_NE(friday, sessions.rend());
    auto due = demo.store.due(dyad::datafile::local_date_of(friday->first), units[0]);
    ASSERT_TRUE(due) << due.error();
    int csi_due = 0;
    for (const auto& d : *due) {
        if (d.instrument_id == "csi-16") {
            ++csi_due;
            EXPECT_EQ(d.session_number, 16);
        }
    }
    EXPECT_EQ(csi_due, 2);

    // Lighter: the Mosses, each partner three times; Carla, the PHQ-9 and GAD-7 four times.
    auto moss = demo.of(units[1]);
    EXPECT_EQ(moss.size(), 6u);
    EXPECT_EQ(demo.store.cadences(units[1])->size(), 1u);
    auto diaz = demo.of(units[2]);
    ASSERT_EQ(diaz.size(), 8u);
    std::int64_t carla = demo.host.members(units[2])[0].client_id;
    auto phq = series(diaz, carla, "phq-9");
    auto gad = series(diaz, carla, "gad-7");
    ASSERT_EQ(phq.size(), 4u);
    ASSERT_EQ(gad.size(), 4u);
    EXPECT_EQ(phq.front()->score.total - phq.back()->score.total, 7);
    EXPECT_EQ(gad.front()->score.total - gad.back()->score.total, 6);
    for (std::size_t unit = 3; unit < units.size(); ++unit) {
        EXPECT_TRUE(demo.of(units[unit]).empty());
    }
    EXPECT_TRUE(demo.store.open_flags()->empty());

    // A second fill finds the measures and adds nothing.
    fill_demo(demo.host, demo.store, demo.request);
    EXPECT_EQ(demo.of(units[0]).size(), 14u);
    EXPECT_EQ(demo.of(units[1]).size(), 6u);
    EXPECT_EQ(demo.of(units[2]).size(), 8u);
    EXPECT_EQ(demo.store.cadences(units[0])->size(), 2u);
}

TEST(MeasuresDemo, DemoAnswersScoreToTheirTotal) {
    InstrumentLibrary library = load_instruments({dyad::test::source_dir() + "/resources"});
    for (const char* id : {"csi-16", "phq-9", "gad-7"}) {
        const Instrument* instrument = library.find(id);
        ASSERT_NE(instrument, nullptr) << id;
        for (double total = instrument->min_total(); total <= instrument->max_total() - 3;
             total += 1) {
            auto scored = score(*instrument, demo_answers(*instrument, total, 3));
            ASSERT_TRUE(scored) << id << " " << total << ": " << scored.error();
            EXPECT_EQ(scored->total, total) << id;
            EXPECT_TRUE(scored->flags.empty()) << id << " " << total;
        }
    }
}
