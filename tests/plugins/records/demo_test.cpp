// The records plugin's part of the demo practice: a note for every attended session, the
// showcase couple's drafts to sign, diagnoses and Imago plans, filled once and all or nothing.
#include <gtest/gtest.h>

#include <time_text.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <dyad/show.hpp>
#include <stdexcept>

#include "chart_glance.h"
#include "demo.h"
#include "plugin_harness.h"
#include "schema.h"

using namespace dyad::records_plugin;

namespace {

std::string plus_days(const std::string& date, int days) {
    using namespace std::chrono;
    sys_days day =
        year_month_day{year(std::stoi(date.substr(0, 4))),
                       month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                       std::chrono::day(static_cast<unsigned>(std::stoi(date.substr(8))))};
    year_month_day moved{day + std::chrono::days(days)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(moved.year()),
                  static_cast<unsigned>(moved.month()), static_cast<unsigned>(moved.day()));
    return text;
}

struct DemoPractice {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    Records records{dyad::sdk::Host(harness.host())};
    dyad::sdk::DemoRequest request;

    DemoPractice() {
        request.today = dyad::datafile::local_today();
        for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen",
                                 "Farah Khan & Sam Lee", "Omar Haddad"}) {
            request.unit_ids.push_back(harness.unit(name));
        }
        auto history = dyad::add_demo_history(harness.practice().records(), request.unit_ids);
        EXPECT_TRUE(history) << history.error().message;
        EXPECT_TRUE(records.problems.empty()) << records.problems.front();
    }
    std::int64_t unit(std::size_t index) const { return request.unit_ids.at(index); }
    std::vector<NoteSummary> notes(std::size_t index) {
        auto found = records.notes.notes_for_unit(unit(index), Include::WithPsychotherapy);
        EXPECT_TRUE(found) << found.error();
        return found ? *found : std::vector<NoteSummary>{};
    }
    // The local dates of the unit's attended sessions, newest first (as the Notes tab lists).
    std::vector<std::string> attended(std::size_t index) {
        std::vector<std::string> dates;
        auto sessions = records.schedule.sessions(unit(index));
        for (const auto& session : *sessions) {
            if (session.status == "attended") {
                dates.insert(dates.begin(), utc_to_local(session.starts_at).substr(0, 10));
            }
        }
        return dates;
    }
    std::int64_t count(const char* table) {
        auto select = dyad::sdk::Database(records.host)
                          .prepare((std::string("SELECT count(*) FROM ") + table).c_str());
        EXPECT_EQ(select.step(), DYAD_ROW);
        return select.int64(0);
    }
};

}  // namespace

TEST(RecordsDemo, NotesForEverySessionDraftsToSignDiagnosesAndPlansFilledOnce) {
    DemoPractice demo;
    fill_demo(demo.records, demo.request);
    const std::string& today = demo.request.today;

    // A note for every attended session, dated as the session; templates by kind of unit.
    struct Expected {
        std::size_t unit;
        std::size_t notes;
        const char* template_id;
        std::size_t drafts;
    };
    for (const auto& expected :
         {Expected{0, 14, "imago-session", 2}, Expected{1, 9, "imago-session", 1},
          Expected{2, 8, "dap", 0}, Expected{3, 3, "soap", 0}, Expected{5, 17, "birp", 0}}) {
        auto notes = demo.notes(expected.unit);
        ASSERT_EQ(notes.size(), expected.notes) << "unit " << expected.unit;
        std::vector<std::string> dates;
        for (std::size_t i = 0; i < notes.size(); ++i) {
            dates.push_back(notes[i].session_date);
            EXPECT_EQ(notes[i].template_id, expected.template_id);
            EXPECT_EQ(notes[i].kind, "progress");
            EXPECT_EQ(notes[i].status, i < expected.drafts ? "draft" : "signed")
                << "unit " << expected.unit << " note " << i;
            auto note = demo.records.notes.note(notes[i].id);
            ASSERT_TRUE(note) << note.error();
            for (const auto& section : note->sections) {
                EXPECT_FALSE(section.body.empty()) << section.key;
                for (const char* family_name : {"Ortiz", "Moss", "Diaz", "Nguyen", "Haddad"}) {
                    EXPECT_EQ(section.body.find(family_name), std::string::npos) << section.body;
                }
                EXPECT_EQ(section.body.find('{'), std::string::npos) << section.body;
            }
        }
        EXPECT_EQ(dates, demo.attended(expected.unit)) << "unit " << expected.unit;
    }
    EXPECT_TRUE(demo.notes(4).empty());  // The waitlist.

    // The showcase couple: last week's session is the newest note, a draft; older ones signed
    // as the Notes tab signs without users; both partners took part; first names only.
    auto ortiz = demo.notes(0);
    EXPECT_GE(ortiz.front().session_date, plus_days(today, -13));
    EXPECT_LT(ortiz.front().session_date, today);
    EXPECT_LE(ortiz.back().session_date, plus_days(today, -16 * 7 + 6));
    auto newest = demo.records.notes.note(ortiz.front().id);
    EXPECT_NE(newest->body("dialogue").find("Ana sent"), std::string::npos);
    EXPECT_EQ(newest->body("stage"), "Re-Romanticizing");
    EXPECT_EQ(newest->participants.size(), 2u);
    auto signed_note = demo.records.notes.note(ortiz.back().id);
    EXPECT_EQ(signed_note->signed_by, signer_name(demo.records.host));
    // Signed on the evening of its session, months ago, not on the day the demo was made.
    EXPECT_EQ(signed_note->signed_at, signed_note->session_date + "T21:00:00Z");
    EXPECT_EQ(signed_note->body("stage"), "Assessment");
    auto drafts = demo.records.notes.drafts_to_sign();
    ASSERT_TRUE(drafts);
    EXPECT_EQ(drafts->first, 3);
    EXPECT_EQ(drafts->second, ortiz[1].session_date);
    auto hits = demo.records.notes.search("Behavior Change Request", Include::ProgressOnly, 50);
    ASSERT_TRUE(hits);
    EXPECT_GE(hits->size(), 4u);

    // Diagnoses as the Diagnoses tab lists them.
    auto codes = [&](std::size_t index) {
        std::vector<std::string> found;
        auto diagnoses = demo.records.diagnoses.for_unit(demo.unit(index));
        for (const auto& diagnosis : *diagnoses) {
            found.push_back(diagnosis.code + " " + diagnosis.status);
        }
        std::sort(found.begin(), found.end());  // Added in the same second: by code.
        return found;
    };
    EXPECT_EQ(codes(0), (std::vector<std::string>{"F43.22 active", "Z63.0 active"}));
    EXPECT_EQ(codes(1), (std::vector<std::string>{"Z63.0 active"}));
    EXPECT_FALSE(billing_warning(*demo.records.diagnoses.for_unit(demo.unit(1)), 9).empty());
    EXPECT_EQ(codes(2), (std::vector<std::string>{"F43.21 active"}));
    EXPECT_EQ(codes(3), (std::vector<std::string>{"F43.25 active", "Z62.820 active"}));
    EXPECT_EQ(codes(5), (std::vector<std::string>{"F43.23 resolved"}));
    EXPECT_TRUE(codes(4).empty());

    // Plans: the Ortiz six stages with progress, review in five weeks; a lighter Moss plan.
    auto plans = demo.records.plans.plans_for_unit(demo.unit(0));
    ASSERT_TRUE(plans);
    ASSERT_EQ(plans->size(), 1u);
    const Plan& plan = plans->front();
    EXPECT_EQ(plan.status, "active");
    EXPECT_EQ(plan.review_date, plus_days(today, 35));
    ASSERT_EQ(plan.items.size(), 1u + 6u + 7u);
    EXPECT_NE(plan.items[0].text.find("Ana pursues and Ben withdraws"), std::string::npos);
    EXPECT_EQ(plan.items[1].status, "met");
    EXPECT_FALSE(plan.items[1].target_date.empty());
    auto moss = demo.records.plans.plans_for_unit(demo.unit(1));
    ASSERT_EQ(moss->size(), 1u);
    EXPECT_EQ(moss->front().review_date, plus_days(today, 28));
    EXPECT_EQ(std::count_if(moss->front().items.begin(), moss->front().items.end(),
                            [](const PlanItem& item) { return item.level == "goal"; }),
              3);
    EXPECT_TRUE(demo.records.plans.plans_for_unit(demo.unit(2))->empty());

    // The Overview's Chart card of the showcase couple.
    std::string card =
        chart_glance(*demo.records.notes.notes_for_unit(demo.unit(0), Include::ProgressOnly),
                     *demo.records.diagnoses.for_unit(demo.unit(0)), *plans, today);
    EXPECT_NE(
        card.find("Last note: session of " +
                  dyad::show::date(ortiz.front().session_date, dyad::show::DateStyle::Compact)),
        std::string::npos);
    EXPECT_NE(card.find("2 notes to sign"), std::string::npos) << card;
    EXPECT_NE(card.find("Z63.0 Problems in relationship with spouse or partner"), std::string::npos)
        << card;
    EXPECT_NE(card.find("review by " +
                        dyad::show::date(plus_days(today, 35), dyad::show::DateStyle::Compact)),
              std::string::npos)
        << card;
    EXPECT_NE(card.find("Goal: Revisioning"), std::string::npos) << card;
    EXPECT_NE(card.find("(met)"), std::string::npos) << card;
    EXPECT_NE(card.find("and 2 more goals"), std::string::npos) << card;

    // A second fill finds the demo filled and changes nothing.
    std::int64_t notes = demo.count("records_note"), sections = demo.count("records_note_section"),
                 diagnoses = demo.count("records_diagnosis"),
                 items = demo.count("records_plan_item");
    fill_demo(demo.records, demo.request);
    EXPECT_EQ(demo.count("records_note"), notes);
    EXPECT_EQ(demo.count("records_note_section"), sections);
    EXPECT_EQ(demo.count("records_diagnosis"), diagnoses);
    EXPECT_EQ(demo.count("records_plan_item"), items);
    EXPECT_EQ(demo.count("records_plan"), 2);
}

TEST(RecordsDemo, AFailureLeavesNothingBehind) {
    DemoPractice demo;
    // The discharged client's notes come last: without their template, everything before them
    // must be rolled back.
    auto& templates = demo.records.templates.templates;
    templates.erase(std::remove_if(templates.begin(), templates.end(),
                                   [](const NoteTemplate& t) { return t.id == "birp"; }),
                    templates.end());
    try {
        fill_demo(demo.records, demo.request);
        FAIL() << "filled without the BIRP template";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("\"birp\" is not installed"), std::string::npos)
            << error.what();
    }
    for (const char* table : {"records_note", "records_note_section", "records_diagnosis",
                              "records_plan", "records_plan_item"}) {
        EXPECT_EQ(demo.count(table), 0) << table;
    }
    demo.request.unit_ids.resize(4);
    EXPECT_THROW(fill_demo(demo.records, demo.request), std::runtime_error);
}
