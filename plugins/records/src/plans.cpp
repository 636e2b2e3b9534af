#include "plans.h"
#include <dyad/show.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "util.h"

#include "notes.h"  // is_session_date

namespace dyad::records_plugin {
namespace {

// Where an item of level (a goal or an objective) belongs, as one sentence to translate.
std::string put_under(const std::string& level) {
    return level == "goal" ? dyad::show::tr("Put a goal under a problem.")
                           : dyad::show::tr("Put an objective under a goal.");
}

const char* parent_level(const std::string& level) {
    if (level == "goal") {
        return "problem";
    }
    if (level == "objective") {
        return "goal";
    }
    return "";
}

std::expected<PlanTemplateItem, std::string> parse_item(const Poco::JSON::Object::Ptr& object,
                                                        const std::string& where,
                                                        const std::string& expected_level) {
    PlanTemplateItem item;
    if (object.isNull() || !object->has("level") || !object->has("text") ||
        !object->get("level").isString() || !object->get("text").isString()) {
        return std::unexpected(where + " needs \"level\" and \"text\"");
    }
    item.level = object->getValue<std::string>("level");
    item.text = object->getValue<std::string>("text");
    if (item.level != expected_level) {
        return std::unexpected(where + ": expected a " + expected_level + " here, found \"" +
                               item.level + "\"");
    }
    if (trimmed(item.text).empty()) {
        return std::unexpected(where + ": \"text\" is empty");
    }
    if (object->has("children")) {
        Poco::JSON::Array::Ptr children = object->getArray("children");
        std::string child_level = item.level == "problem" ? "goal" : "objective";
        if (children.isNull() || item.level == "objective") {
            return std::unexpected(where + ": an objective has no children");
        }
        for (std::size_t i = 0; i < children->size(); ++i) {
            auto child = parse_item(children->getObject(static_cast<unsigned>(i)),
                                    where + ".children[" + std::to_string(i) + "]", child_level);
            if (!child) {
                return std::unexpected(child.error());
            }
            item.children.push_back(std::move(*child));
        }
    }
    return item;
}

}  // namespace

std::expected<PlanTemplate, std::string> parse_plan_template(const std::string& json,
                                                             const std::string& source) {
    auto parsed = parse_json_object(json, source);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    Poco::JSON::Object::Ptr root = *parsed;
    PlanTemplate result;
    if (!root->has("id") || !root->has("title") || !root->get("id").isString() ||
        !root->get("title").isString()) {
        return std::unexpected(source + ": \"id\" and \"title\" must be text");
    }
    result.id = root->getValue<std::string>("id");
    result.title = root->getValue<std::string>("title");
    Poco::JSON::Array::Ptr items = root->getArray("items");
    if (items.isNull() || items->size() == 0) {
        return std::unexpected(source + ": \"items\" must list at least one problem");
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto item = parse_item(items->getObject(static_cast<unsigned>(i)),
                               source + ": items[" + std::to_string(i) + "]", "problem");
        if (!item) {
            return std::unexpected(item.error());
        }
        result.items.push_back(std::move(*item));
    }
    return result;
}

std::vector<PlanTemplate> load_plan_templates(const std::vector<std::string>& folders,
                                              std::vector<std::string>& problems) {
    std::vector<PlanTemplate> templates;
    std::set<std::string> seen;
    for_each_data_file(folders, "plan-templates",
                       [&](const std::string& path, const std::string& content) {
                           auto parsed = parse_plan_template(content, path);
                           if (!parsed) {
                               problems.push_back(parsed.error());
                               return false;
                           }
                           if (seen.insert(parsed->id).second) {
                               templates.push_back(std::move(*parsed));
                           }
                           return true;
                       });
    return templates;
}

std::expected<std::int64_t, std::string> PlanStore::insert_item(std::int64_t plan_id,
                                                                std::int64_t parent_id,
                                                                const std::string& level,
                                                                const std::string& text,
                                                                const std::string& target_date) {
    if (trimmed(text).empty()) {
        return std::unexpected(level == "problem" ? dyad::show::tr("Describe the problem.")
                               : level == "goal"  ? dyad::show::tr("Describe the goal.")
                                                  : dyad::show::tr("Describe the objective."));
    }
    if (!target_date.empty() && !is_session_date(target_date)) {
        return std::unexpected(
            dyad::show::tr("The target date is not a valid date (expected YYYY-MM-DD)."));
    }
    std::string wanted_parent = parent_level(level);
    if (level != "problem" && level != "goal" && level != "objective") {
        return std::unexpected(dyad::show::tr("A plan item is a problem, a goal or an objective."));
    }
    if (wanted_parent.empty() != (parent_id == 0)) {
        return std::unexpected(level == "problem"
                                   ? dyad::show::tr("A problem stands at the top of the plan.")
                                   : put_under(level));
    }
    if (parent_id != 0) {
        auto parent = m_db.prepare("SELECT level, plan_id FROM records_plan_item WHERE id = ?");
        parent.bind(1, parent_id);
        if (parent.step() != DYAD_ROW || parent.int64(1) != plan_id) {
            return std::unexpected(dyad::show::tr("That item is not in this plan."));
        }
        if (parent.text(0) != wanted_parent) {
            return std::unexpected(put_under(level));
        }
    }
    auto position = m_db.prepare(
        "SELECT coalesce(max(position), 0) + 1 FROM records_plan_item WHERE plan_id = ?");
    position.bind(1, plan_id);
    if (position.step() != DYAD_ROW) {
        return std::unexpected(m_db.last_error());
    }
    std::int64_t id = m_db.new_id();
    std::string now = now_utc();
    auto insert = m_db.prepare(
        "INSERT INTO records_plan_item (id, plan_id, parent_id, level, text, target_date, status, "
        "position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)");
    insert.bind(1, id).bind(2, plan_id);
    if (parent_id == 0) {
        insert.bind_null(3);
    } else {
        insert.bind(3, parent_id);
    }
    insert.bind(4, level).bind(5, trimmed(text));
    if (target_date.empty()) {
        insert.bind_null(6);
    } else {
        insert.bind(6, target_date);
    }
    insert.bind(7, position.int64(0)).bind(8, now).bind(9, now);
    if (insert.step() != DYAD_DONE) {
        std::string error = m_db.last_error();
        if (error.find("FOREIGN KEY") != std::string::npos) {
            return std::unexpected(dyad::show::tr("No such plan."));
        }
        return std::unexpected(error);
    }
    return id;
}

std::expected<void, std::string> PlanStore::add_template_items(
    std::int64_t plan_id, std::int64_t parent_id, const std::vector<PlanTemplateItem>& items) {
    for (const auto& item : items) {
        auto id = insert_item(plan_id, parent_id, item.level, item.text, "");
        if (!id) {
            return std::unexpected(id.error());
        }
        if (auto children = add_template_items(plan_id, *id, item.children); !children) {
            return children;
        }
    }
    return {};
}

std::expected<std::int64_t, std::string> PlanStore::create(std::int64_t unit_id,
                                                           const std::string& title,
                                                           const PlanTemplate* from_template) {
    if (trimmed(title).empty()) {
        return std::unexpected(dyad::show::tr("Give the plan a title."));
    }
    if (std::string error = m_db.begin(); !error.empty()) {
        return std::unexpected(error);
    }
    std::int64_t id = m_db.new_id();
    std::string now = now_utc();
    auto insert = m_db.prepare(
        "INSERT INTO records_plan (id, uuid, unit_id, title, template_id, status, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)");
    insert.bind(1, id)
        .bind(2, m_db.new_uuid())
        .bind(3, unit_id)
        .bind(4, trimmed(title))
        .bind(5, from_template != nullptr ? from_template->id : std::string())
        .bind(6, now)
        .bind(7, now);
    if (insert.step() != DYAD_DONE) {
        std::string error = m_db.last_error();
        (void)m_db.rollback();
        return std::unexpected(error.find("FOREIGN KEY") != std::string::npos
                                   ? dyad::show::tr("That client unit does not exist.")
                                   : error);
    }
    if (from_template != nullptr) {
        if (auto added = add_template_items(id, 0, from_template->items); !added) {
            (void)m_db.rollback();
            return std::unexpected(added.error());
        }
    }
    if (std::string error = m_db.commit(); !error.empty()) {
        (void)m_db.rollback();
        return std::unexpected(error);
    }
    return id;
}

std::expected<std::int64_t, std::string> PlanStore::add_item(std::int64_t plan_id,
                                                             std::int64_t parent_id,
                                                             const std::string& level,
                                                             const std::string& text,
                                                             const std::string& target_date) {
    return insert_item(plan_id, parent_id, level, text, target_date);
}

std::expected<void, std::string> PlanStore::update_item(std::int64_t item_id,
                                                        const std::string& text,
                                                        const std::string& target_date) {
    if (trimmed(text).empty()) {
        return std::unexpected(dyad::show::tr("The item needs a description."));
    }
    if (!target_date.empty() && !is_session_date(target_date)) {
        return std::unexpected(
            dyad::show::tr("The target date is not a valid date (expected YYYY-MM-DD)."));
    }
    auto update = m_db.prepare(
        "UPDATE records_plan_item SET text = ?, target_date = ?, updated_at = ? WHERE id = ?");
    update.bind(1, trimmed(text));
    if (target_date.empty()) {
        update.bind_null(2);
    } else {
        update.bind(2, target_date);
    }
    update.bind(3, now_utc()).bind(4, item_id);
    if (update.step() != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("No such plan item."));
    }
    return {};
}

std::expected<void, std::string> PlanStore::set_item_status(std::int64_t item_id,
                                                            const std::string& status) {
    static const std::set<std::string> allowed = {"open", "met", "partly_met", "not_met",
                                                  "discontinued"};
    if (allowed.count(status) == 0) {
        return std::unexpected(
            dyad::show::fill(dyad::show::tr("Unknown status '{status}'."), "status", status));
    }
    auto update =
        m_db.prepare("UPDATE records_plan_item SET status = ?, updated_at = ? WHERE id = ?");
    update.bind(1, status).bind(2, now_utc()).bind(3, item_id);
    if (update.step() != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("No such plan item."));
    }
    return {};
}

std::expected<void, std::string> PlanStore::remove_item(std::int64_t item_id) {
    auto remove = m_db.prepare("DELETE FROM records_plan_item WHERE id = ?");
    remove.bind(1, item_id);
    if (remove.step() != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("No such plan item."));
    }
    return {};
}

std::expected<void, std::string> PlanStore::set_review_date(std::int64_t plan_id,
                                                            const std::string& date) {
    if (!date.empty() && !is_session_date(date)) {
        return std::unexpected(
            dyad::show::tr("The review date is not a valid date (expected YYYY-MM-DD)."));
    }
    auto update =
        m_db.prepare("UPDATE records_plan SET review_date = ?, updated_at = ? WHERE id = ?");
    if (date.empty()) {
        update.bind_null(1);
    } else {
        update.bind(1, date);
    }
    update.bind(2, now_utc()).bind(3, plan_id);
    if (update.step() != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("No such plan."));
    }
    return {};
}

std::expected<void, std::string> PlanStore::set_status(std::int64_t plan_id,
                                                       const std::string& status) {
    if (status != "active" && status != "completed" && status != "discontinued") {
        return std::unexpected(dyad::show::tr("A plan is active, completed or discontinued."));
    }
    auto update = m_db.prepare("UPDATE records_plan SET status = ?, updated_at = ? WHERE id = ?");
    update.bind(1, status).bind(2, now_utc()).bind(3, plan_id);
    if (update.step() != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("No such plan."));
    }
    return {};
}

std::expected<Plan, std::string> PlanStore::plan(std::int64_t plan_id) {
    auto select = m_db.prepare(
        "SELECT id, unit_id, title, status, coalesce(review_date, '') FROM records_plan WHERE id = "
        "?");
    select.bind(1, plan_id);
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::unexpected(dyad::show::tr("No such plan."));
    }
    if (code != DYAD_ROW) {
        return std::unexpected(m_db.last_error());
    }
    Plan result{select.int64(0), select.int64(1), select.text(2),
                select.text(3),  select.text(4),  {}};
    auto items = m_db.prepare(
        "SELECT id, coalesce(parent_id, 0), level, text, coalesce(target_date, ''), status "
        "FROM records_plan_item WHERE plan_id = ? ORDER BY position");
    items.bind(1, plan_id);
    std::vector<PlanItem> flat;
    while (items.step() == DYAD_ROW) {
        flat.push_back({items.int64(0), items.int64(1), items.text(2), items.text(3), items.text(4),
                        items.text(5)});
    }
    // Depth-first: each problem, then its goals each followed by their objectives.
    std::function<void(std::int64_t)> walk = [&](std::int64_t parent) {
        for (const auto& item : flat) {
            if (item.parent_id == parent) {
                result.items.push_back(item);
                walk(item.id);
            }
        }
    };
    walk(0);
    return result;
}

std::expected<std::vector<Plan>, std::string> PlanStore::plans_for_unit(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT id FROM records_plan WHERE unit_id = ? ORDER BY status = 'active' DESC, created_at "
        "DESC");
    select.bind(1, unit_id);
    std::vector<std::int64_t> ids;
    while (select.step() == DYAD_ROW) {
        ids.push_back(select.int64(0));
    }
    std::vector<Plan> plans;
    for (std::int64_t id : ids) {
        auto loaded = plan(id);
        if (!loaded) {
            return std::unexpected(loaded.error());
        }
        plans.push_back(std::move(*loaded));
    }
    return plans;
}

}  // namespace dyad::records_plugin
