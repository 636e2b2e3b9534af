// Treatment plans per client unit: problems, goals under a problem, objectives under a goal,
// with target dates and statuses, a review date per plan, and templates (the Imago six stages)
// as data files in "<resources>/plan-templates". No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::records_plugin {

struct PlanTemplateItem {
    std::string level;  // "problem", "goal", "objective".
    std::string text;
    std::vector<PlanTemplateItem> children;
};

struct PlanTemplate {
    std::string id;
    std::string title;
    std::vector<PlanTemplateItem> items;
};

std::expected<PlanTemplate, std::string> parse_plan_template(const std::string& json,
                                                             const std::string& source);
// Templates from "<folder>/plan-templates/*.json", most specific folder first; broken files
// are listed in problems.
std::vector<PlanTemplate> load_plan_templates(const std::vector<std::string>& folders,
                                              std::vector<std::string>& problems);

struct PlanItem {
    std::int64_t id = 0;
    std::int64_t parent_id = 0;  // 0 for problems.
    std::string level;
    std::string text;
    std::string target_date;  // "" when none.
    std::string status;       // "open", "met", "partly_met", "not_met", "discontinued".
};

struct Plan {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string title;
    std::string status;           // "active", "completed", "discontinued".
    std::string review_date;      // "" when none.
    std::vector<PlanItem> items;  // Problems, each followed by its goals and their objectives.
};

class PlanStore {
  public:
    explicit PlanStore(dyad::sdk::Database database) : m_db(database) {}

    // A new active plan; with a template, its items are added in one transaction.
    std::expected<std::int64_t, std::string> create(std::int64_t unit_id, const std::string& title,
                                                    const PlanTemplate* from_template);
    // A problem has no parent; a goal's parent is a problem; an objective's parent is a goal.
    std::expected<std::int64_t, std::string> add_item(std::int64_t plan_id, std::int64_t parent_id,
                                                      const std::string& level,
                                                      const std::string& text,
                                                      const std::string& target_date);
    std::expected<void, std::string> update_item(std::int64_t item_id, const std::string& text,
                                                 const std::string& target_date);
    std::expected<void, std::string> set_item_status(std::int64_t item_id,
                                                     const std::string& status);
    // Removes the item with everything under it.
    std::expected<void, std::string> remove_item(std::int64_t item_id);
    std::expected<void, std::string> set_review_date(std::int64_t plan_id, const std::string& date);
    std::expected<void, std::string> set_status(std::int64_t plan_id, const std::string& status);

    std::expected<std::vector<Plan>, std::string> plans_for_unit(std::int64_t unit_id);
    std::expected<Plan, std::string> plan(std::int64_t plan_id);

  private:
    std::expected<std::int64_t, std::string> insert_item(std::int64_t plan_id,
                                                         std::int64_t parent_id,
                                                         const std::string& level,
                                                         const std::string& text,
                                                         const std::string& target_date);
    std::expected<void, std::string> add_template_items(std::int64_t plan_id,
                                                        std::int64_t parent_id,
                                                        const std::vector<PlanTemplateItem>& items);

    dyad::sdk::Database m_db;
};

}  // namespace dyad::records_plugin
