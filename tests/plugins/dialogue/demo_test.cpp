// The Dialogue tab's part of the demo practice: dialogues at the couples' attended sessions,
// senders taking turns, the fidelity checklist rising; filled once.
#include <gtest/gtest.h>

#include <time_text.h>

#include <chrono>
#include <set>
#include <stdexcept>

#include "demo.h"
#include "plugin_harness.h"
#include "practice.h"
#include "record.h"
#include "script.h"
#include "test_support.h"

using namespace dyad::dialogue;

namespace {

// "YYYY-MM-DD" count days before date.
std::string days_before(const std::string& date, int count) {
    using namespace std::chrono;
    sys_days day =
        year_month_day{year(std::stoi(date.substr(0, 4))),
                       month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                       std::chrono::day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
    year_month_day back{day - days(count)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(back.year()),
                  static_cast<unsigned>(back.month()), static_cast<unsigned>(back.day()));
    return text;
}

double mean_fidelity(const std::vector<DialogueRecord>& history, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t i = from; i < to; ++i) {
        sum += history[i].fidelity.count();
    }
    return sum / static_cast<double>(to - from);
}

}  // namespace

TEST(DialogueDemo, FillsTheCouplesHistoriesWithARisingFidelityTrendOnce) {
    dyad::test::PluginHarness harness("dyad.dialogue", dialogue_schema());
    std::vector<std::int64_t> units;
    for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen family",
                             "Farah Khan & Sam Lee", "Omar Haddad"}) {
        units.push_back(harness.unit(name));
    }
    auto history_added = dyad::add_demo_history(harness.practice().records(), units);
    ASSERT_TRUE(history_added) << history_added.error().message;
    dyad::sdk::Host host(harness.host());
    DialogueStore store{dyad::sdk::Database(host)};
    ScriptLibrary library = load_scripts({dyad::test::source_dir() + "/resources"});
    dyad::sdk::DemoRequest request{dyad::datafile::local_today(), units};

    // Without the Couple Dialogue script: refused, nothing written.
    EXPECT_THROW(fill_demo(host, store, ScriptLibrary{}, request), std::runtime_error);
    ASSERT_TRUE(store.history(units[0]));
    EXPECT_TRUE(store.history(units[0])->empty());

    fill_demo(host, store, library, request);

    auto ortiz = store.history(units[0]);
    auto moss = store.history(units[1]);
    ASSERT_TRUE(ortiz) << ortiz.error();
    ASSERT_TRUE(moss) << moss.error();
    ASSERT_EQ(ortiz->size(), 11u);  // Eleven of the last twelve attended sessions.
    EXPECT_EQ(moss->size(), 3u);
    for (std::size_t i = 2; i < units.size(); ++i) {
        EXPECT_TRUE(store.history(units[i])->empty()) << i;
    }

    // On the couple's attended sessions, within the last fifteen weeks, the last one last week.
    std::set<std::string> attended;  // "YYYY-MM-DDTHH" of the Ortiz sessions attended.
    auto appointments =
        harness.practice().records().appointments_between("2000-01-01", "2100-01-01");
    ASSERT_TRUE(appointments);
    for (const auto& appointment : *appointments) {
        if (appointment.fields.unit_id == units[0] && appointment.fields.status == "attended") {
            attended.insert(appointment.fields.starts_at.substr(0, 13));
        }
    }
    std::string today = request.today;
    EXPECT_GE(ortiz->front().started_at.substr(0, 10), days_before(today, 15 * 7 + 1));
    EXPECT_GE(ortiz->back().started_at.substr(0, 10), days_before(today, 14));
    EXPECT_LE(ortiz->back().started_at.substr(0, 10), today);

    auto members = harness.practice().records().members(units[0]);
    ASSERT_TRUE(members);
    std::set<std::int64_t> partners;
    for (const auto& member : *members) {
        partners.insert(member.client_id);
    }
    std::set<std::int64_t> senders;
    std::set<std::string> scripts;
    for (const auto& r : *ortiz) {
        SCOPED_TRACE(r.started_at);
        EXPECT_EQ(attended.count(r.started_at.substr(0, 13)), 1u);
        EXPECT_TRUE(partners.count(r.first_sender));
        senders.insert(r.first_sender);
        scripts.insert(r.script_id);
        EXPECT_NE(library.find(r.script_id), nullptr);
        EXPECT_GT(r.seconds, 300);
        EXPECT_GE(r.steps_reached, 4);
        EXPECT_FALSE(r.notes.empty());
        EXPECT_EQ(r.finished, r.fidelity.roles_switched);
    }
    EXPECT_EQ(senders.size(), 2u);  // Ana and Ben take turns.
    EXPECT_GE(scripts.size(), 3u);
    // What the Overview card draws: from 2 of 5 to 5 of 5, rising on the whole.
    EXPECT_EQ(ortiz->front().fidelity.count(), 2);
    EXPECT_FALSE(ortiz->front().fidelity.validation_given);
    EXPECT_FALSE(ortiz->front().finished);
    EXPECT_EQ(ortiz->back().fidelity.count(), 5);
    EXPECT_TRUE(ortiz->back().finished);
    EXPECT_GT(ortiz->back().more_count, 0);
    EXPECT_GT(mean_fidelity(*ortiz, 7, 11), mean_fidelity(*ortiz, 0, 4) + 1.5);
    EXPECT_NE((*ortiz)[0].first_sender, (*ortiz)[1].first_sender);
    EXPECT_LT(moss->front().fidelity.count(), moss->back().fidelity.count());

    // A second fill finds the histories there and changes nothing.
    fill_demo(host, store, library, request);
    EXPECT_EQ(store.history(units[0])->size(), 11u);
    EXPECT_EQ(store.history(units[1])->size(), 3u);
}
