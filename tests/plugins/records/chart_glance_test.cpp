// The chart at a glance on a unit's Overview card: last note, notes to sign, diagnoses in
// force, the active plan's goals and review date.
#include <gtest/gtest.h>

#include "chart_glance.h"

using namespace dyad::records_plugin;

TEST(ChartGlance, SaysWhatATherapistReadsBeforeASession) {
    std::vector<NoteSummary> notes = {{1, "2026-11-18", "soap", "progress", "signed", 0},
                                      {2, "2026-11-25", "soap", "progress", "draft", 0}};
    std::vector<Diagnosis> diagnoses = {
        {1, 9, 3, "F43.23", "Adjustment disorder", "active", "", "2026-10-01"},
        {2, 9, 3, "Z63.0", "Relationship distress", "active", "", "2026-10-01"},
        {3, 9, 4, "F41.1", "Generalized anxiety", "resolved", "", "2026-10-01"}};
    Plan plan;
    plan.title = "Imago plan";
    plan.status = "active";
    plan.review_date = "2026-12-01";
    plan.items = {{1, 0, "problem", "Escalating conflict", "", "open"},
                  {2, 1, "goal", "Use the Couple Dialogue at home", "", "open"},
                  {3, 1, "goal", "Weekly appreciation", "", "met"},
                  {4, 1, "goal", "Stopped", "", "discontinued"}};
    EXPECT_EQ(chart_glance(notes, diagnoses, {plan}, "2026-12-02"),
              "Last note: session of Nov 25, 2026\n"
              "1 note to sign\n"
              "Diagnoses: F43.23 Adjustment disorder; Z63.0 Relationship distress\n"
              "Plan: Imago plan, review overdue since Dec 1, 2026\n"
              "  Goal: Use the Couple Dialogue at home\n"
              "  Goal: Weekly appreciation (met)");
    EXPECT_EQ(chart_glance({}, {}, {}, "2026-12-02"),
              "No session notes yet.\nNo diagnosis in force.\nNo active treatment plan.");
    for (int i = 0; i < 5; ++i) {
        plan.items.push_back({10 + i, 1, "goal", "Goal " + std::to_string(i), "", "open"});
    }
    std::string many = chart_glance({}, {}, {plan}, "2026-11-01");
    EXPECT_NE(many.find("review by Dec 1, 2026"), std::string::npos);
    EXPECT_NE(many.find("  and 3 more goals"), std::string::npos) << many;
}
