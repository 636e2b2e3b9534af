#include "plugins/schema_reset.h"

namespace dyad::plugins {
namespace {

constexpr const char* kHost = "host";
constexpr const char* kDevelopment = "development_practice";

// The prefix the plugin holds in this practice.
Result<std::string> prefix_of(db::Connection& connection, const std::string& plugin_id) {
    auto select = connection.prepare("SELECT prefix FROM host_plugin_prefix WHERE plugin_id = ?");
    if (!select) {
        return std::unexpected(select.error());
    }
    select->bind(1, plugin_id);
    auto row = select->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return fail(ErrorCode::NotFound, "no plugin " + plugin_id +
                                             " has tables in this practice (it never loaded here)");
    }
    return select->text(0);
}

// The plugin's objects in drop order: virtual tables (their shadow tables go with them), views,
// triggers, then the remaining tables newest first (indexes go with their tables).
Result<std::vector<std::pair<std::string, std::string>>> objects_of(db::Connection& connection,
                                                                    const std::string& prefix) {
    auto select = connection.prepare(
        "SELECT type, name FROM sqlite_schema WHERE substr(name, 1, length(?1) + 1) = ?1 || '_' "
        "AND type IN ('table', 'view', 'trigger') ORDER BY CASE WHEN sql LIKE 'CREATE VIRTUAL "
        "TABLE%' THEN 0 WHEN type = 'view' THEN 1 WHEN type = 'trigger' THEN 2 ELSE 3 END, "
        "rowid DESC");
    if (!select) {
        return std::unexpected(select.error());
    }
    select->bind(1, prefix);
    std::vector<std::pair<std::string, std::string>> found;
    while (true) {
        auto row = select->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            return found;
        }
        found.emplace_back(select->text(0), select->text(1));
    }
}

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

}  // namespace

Result<bool> is_development_practice(db::Connection& connection) {
    auto select =
        connection.prepare("SELECT value FROM host_plugin_setting WHERE plugin_id = ? AND key = ?");
    if (!select) {
        return std::unexpected(select.error());
    }
    select->bind(1, kHost).bind(2, kDevelopment);
    auto row = select->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return *row && select->text(0) == "yes";
}

Status mark_development_practice(db::Connection& connection, records::CoreRecords& records,
                                 const std::string& actor) {
    auto insert = connection.prepare(
        "INSERT INTO host_plugin_setting (plugin_id, key, value) VALUES (?, ?, 'yes') "
        "ON CONFLICT (plugin_id, key) DO UPDATE SET value = 'yes'");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    insert->bind(1, kHost).bind(2, kDevelopment);
    if (auto done = insert->step(); !done) {
        return std::unexpected(done.error());
    }
    return records.record_event("update", "practice:development", 0, "", actor);
}

Result<SchemaReset> plan_schema_reset(db::Connection& connection, const std::string& plugin_id) {
    auto development = is_development_practice(connection);
    if (!development) {
        return std::unexpected(development.error());
    }
    if (!*development) {
        return fail(ErrorCode::Refused,
                    "this is not a development practice: a plugin's tables are only reset in "
                    "one made by `dyadctl demo` or `dyadctl init --development`, never in a "
                    "practice with real records");
    }
    auto prefix = prefix_of(connection, plugin_id);
    if (!prefix) {
        return std::unexpected(prefix.error());
    }
    auto objects = objects_of(connection, *prefix);
    if (!objects) {
        return std::unexpected(objects.error());
    }
    SchemaReset plan;
    plan.prefix = *prefix;
    for (const auto& [type, name] : *objects) {
        plan.dropped.push_back(type + " " + name);
    }
    return plan;
}

Result<SchemaReset> reset_plugin_schema(db::Connection& connection, records::CoreRecords& records,
                                        const std::string& plugin_id, const std::string& actor) {
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto plan = plan_schema_reset(connection, plugin_id);
    if (!plan) {
        return std::unexpected(plan.error());
    }
    SchemaReset done;
    done.prefix = plan->prefix;
    // Dropping a virtual table drops its shadow tables: read what is left before each drop.
    while (true) {
        auto left = objects_of(connection, plan->prefix);
        if (!left) {
            return std::unexpected(left.error());
        }
        if (left->empty()) {
            break;
        }
        const auto& [type, name] = left->front();
        std::string keyword = type == "view" ? "VIEW" : type == "trigger" ? "TRIGGER" : "TABLE";
        DYAD_TRY(connection.exec("DROP " + keyword + " " + quoted(name)));
        done.dropped.push_back(type + " " + name);
    }
    auto forget = connection.prepare("DELETE FROM plugin_schema WHERE plugin_id = ?");
    if (!forget) {
        return std::unexpected(forget.error());
    }
    forget->bind(1, plugin_id);
    if (auto step = forget->step(); !step) {
        return std::unexpected(step.error());
    }
    DYAD_TRY(records.record_event("delete", "plugin-schema:" + plugin_id, 0, "", actor));
    DYAD_TRY(transaction->commit());
    return done;
}

}  // namespace dyad::plugins
