#include <gtest/gtest.h>

#include <dyad/show.hpp>
#include <functional>

#include "plan_fixture.h"

using namespace dyad::records_plugin;

TEST(PlanTemplates, TheImagoTemplateHasTheSixStages) {
    std::vector<std::string> problems;
    auto templates = load_plan_templates({dyad::test::source_dir() + "/resources"}, problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    const PlanTemplate* imago = nullptr;
    for (const auto& t : templates) {
        if (t.id == "imago") {
            imago = &t;
        }
    }
    ASSERT_NE(imago, nullptr);
    ASSERT_EQ(imago->items.size(), 1u);
    std::vector<std::string> stages;
    for (const auto& goal : imago->items[0].children) {
        stages.push_back(goal.text.substr(0, goal.text.find(':')));
    }
    EXPECT_EQ(stages, (std::vector<std::string>{"Revisioning", "Recommitting", "Reimaging",
                                                "Removing Negativity", "Restructuring Frustrations",
                                                "Re-Romanticizing"}));
}

TEST(PlanTemplates, BrokenTemplatesAreRefused) {
    struct {
        const char* json;
        const char* reason;
    } cases[] = {
        {"nope", "is not valid JSON"},
        {R"({"id": "x", "title": "X", "items": []})", "at least one problem"},
        {R"({"id": "x", "title": "X", "items": [{"level": "goal", "text": "g"}]})",
         "items[0]: expected a problem here"},
        {R"({"id": "x", "title": "X", "items": [{"level": "problem", "text": "p", "children": [{"level": "objective", "text": "o"}]}]})",
         "items[0].children[0]: expected a goal here"},
        {R"({"id": "x", "title": "X", "items": [{"level": "problem", "text": " "}]})",
         "\"text\" is empty"},
    };
    for (const auto& c : cases) {
        auto parsed = parse_plan_template(c.json, "plan.json");
        ASSERT_FALSE(parsed) << c.json;
        EXPECT_NE(parsed.error().find(c.reason), std::string::npos) << parsed.error();
    }
}

TEST(Plans, FromTheImagoTemplateWithStatusesDatesAndReview) {
    PlanFixture f;
    auto id = f.store.create(f.couple, "Ortiz couple plan", f.imago());
    ASSERT_TRUE(id) << id.error();
    auto plan = f.store.plan(*id);
    ASSERT_TRUE(plan);
    ASSERT_EQ(plan->items.size(), 1u + 6u + 7u);  // Problem, six stage goals, seven objectives.
    EXPECT_EQ(plan->items[0].level, "problem");
    EXPECT_EQ(plan->items[1].level, "goal");
    EXPECT_EQ(plan->items[2].level, "objective");
    EXPECT_EQ(plan->items[2].parent_id, plan->items[1].id);

    std::int64_t objective = plan->items[2].id;
    ASSERT_TRUE(f.store.update_item(objective, "Shared vision ranked by both", "2027-01-15"));
    ASSERT_TRUE(f.store.set_item_status(objective, "met"));
    EXPECT_FALSE(f.store.set_item_status(objective, "finished"));
    ASSERT_TRUE(f.store.set_review_date(*id, "2027-02-01"));
    EXPECT_FALSE(f.store.set_review_date(*id, "2027-02-30"));
    plan = f.store.plan(*id);
    EXPECT_EQ(plan->items[2].status, "met");
    EXPECT_EQ(plan->items[2].target_date, "2027-01-15");
    EXPECT_EQ(plan->review_date, "2027-02-01");
}

TEST(Plans, TheHierarchyIsEnforced) {
    PlanFixture f;
    auto id = f.store.create(f.couple, "Plan", nullptr);
    ASSERT_TRUE(id);
    auto problem = f.store.add_item(*id, 0, "problem", "Escalating arguments", "");
    ASSERT_TRUE(problem);
    auto goal = f.store.add_item(*id, *problem, "goal", "Safe conversations", "");
    ASSERT_TRUE(goal);
    auto objective =
        f.store.add_item(*id, *goal, "objective", "Three dialogues a week", "2027-03-01");
    ASSERT_TRUE(objective);
    EXPECT_EQ(f.store.add_item(*id, 0, "goal", "Floating goal", "").error(),
              "Put a goal under a problem.");
    EXPECT_EQ(f.store.add_item(*id, *problem, "objective", "Skips the goal", "").error(),
              "Put an objective under a goal.");
    EXPECT_EQ(f.store.add_item(*id, *goal, "problem", "Nested problem", "").error(),
              "A problem stands at the top of the plan.");
    EXPECT_FALSE(f.store.add_item(*id, *goal, "objective", "   ", ""));
    EXPECT_FALSE(f.store.add_item(*id, *goal, "objective", "x", "soon"));
    auto other = f.store.create(f.couple, "Other plan", nullptr);
    EXPECT_EQ(f.store.add_item(*other, *goal, "objective", "x", "").error(),
              "That item is not in this plan.");
    // Removing a goal removes its objectives with it.
    ASSERT_TRUE(f.store.remove_item(*goal));
    EXPECT_EQ(f.store.plan(*id)->items.size(), 1u);
    EXPECT_EQ(f.store.create(424242, "Nowhere", nullptr).error(),
              "That client unit does not exist.");
    EXPECT_EQ(f.store.plans_for_unit(f.couple)->size(), 2u);
}

// In Spanish (issue 19) the installed plan templates come from resources/es/plan-templates:
// the same ids and the same tree of problems, goals and objectives, in other words.
TEST(PlanTemplates, TheSpanishTemplatesHaveTheEnglishTree) {
    std::string resources = dyad::test::source_dir() + "/resources";
    std::vector<std::string> problems;
    auto english = load_plan_templates({resources}, problems);
    dyad::show::set_language("es", nullptr);
    auto spanish = load_plan_templates({resources}, problems);
    dyad::show::set_language("en", nullptr);
    EXPECT_TRUE(problems.empty()) << problems.front();
    ASSERT_EQ(spanish.size(), english.size());
    std::function<void(const PlanTemplateItem&, const PlanTemplateItem&)> same_tree =
        [&](const PlanTemplateItem& a, const PlanTemplateItem& b) {
            EXPECT_EQ(a.level, b.level);
            EXPECT_NE(a.text, b.text);
            ASSERT_EQ(a.children.size(), b.children.size()) << a.text;
            for (std::size_t i = 0; i < a.children.size(); ++i) {
                same_tree(a.children[i], b.children[i]);
            }
        };
    for (std::size_t t = 0; t < english.size(); ++t) {
        EXPECT_EQ(spanish[t].id, english[t].id);
        EXPECT_NE(spanish[t].title, english[t].title);
        ASSERT_EQ(spanish[t].items.size(), english[t].items.size());
        for (std::size_t i = 0; i < english[t].items.size(); ++i) {
            same_tree(english[t].items[i], spanish[t].items[i]);
        }
    }
}

namespace {

// Two sentences of po/es/dyad.records.po, as a translator wrote them.
std::string spanish_plans(const char* context, const char* english, const char*, long long) {
    std::string said = english;
    if (context == nullptr && said == "Describe the goal.") {
        return "Describa la meta.";
    }
    if (context == nullptr && said == "Put an objective under a goal.") {
        return "Ponga un objetivo bajo una meta.";
    }
    return said;
}

}  // namespace

// The plan's refusals are in the window's language (the plugin's catalog), each a whole
// sentence: no English level word or article glued into a translated one. English in dyadctl.
TEST(Plans, RefusalsAreSaidInTheLanguageShown) {
    PlanFixture f;
    auto id = f.store.create(f.couple, "Plan", nullptr);
    ASSERT_TRUE(id);
    auto problem = f.store.add_item(*id, 0, "problem", "Escalating arguments", "");
    ASSERT_TRUE(problem);
    EXPECT_EQ(f.store.add_item(*id, *problem, "goal", " ", "").error(), "Describe the goal.");
    dyad::show::set_language("es", &spanish_plans);
    EXPECT_EQ(f.store.add_item(*id, *problem, "goal", " ", "").error(), "Describa la meta.");
    EXPECT_EQ(f.store.add_item(*id, *problem, "objective", "Skips the goal", "").error(),
              "Ponga un objetivo bajo una meta.");
    EXPECT_EQ(f.store.add_item(*id, *problem, "problem", " ", "").error(),
              "Describe the problem.");  // No translation given here: English, never mixed.
    dyad::show::set_language("en", nullptr);
}
