// A practice with the demo data, canary rows a plugin must never see, another plugin's table,
// and plugin "notes" migrated under the migration policy; plus the runtime connection the
// notes plugin would get (policy, limits, step budget, time watchdog).
#pragma once

#include <gtest/gtest.h>

#include "db/confinement.h"
#include "plugins/plugin_context.h"
#include "practice.h"
#include "records/core_schema.h"
#include "test_support.h"

namespace dyad::test {

struct ConfinementFixture {
    TempDir dir;
    db::Connection host;
    db::Connection plugin;
    db::ConfinementPolicy runtime{"notes", db::ConfinementMode::Runtime};
    db::StepBudget budget{2'000'000};
    std::unique_ptr<db::Watchdog> watchdog;

    explicit ConfinementFixture(std::chrono::milliseconds time_limit = std::chrono::seconds(30)) {
        host = std::move(*db::Connection::open(dir.file("p.db"), db::OpenMode::CreateIfMissing));
        EXPECT_TRUE(records::migrate_core(host));
        records::CoreRecords records(host, nullptr);
        EXPECT_TRUE(create_demo_practice(records));
        // Canaries: everything here is out of a plugin's reach (archived records, columns the
        // views do not publish, another plugin's rows, settings, the audit log).
        Status canaries = host.exec(
            "CREATE TABLE other_secret (id INTEGER PRIMARY KEY, v TEXT);"
            "INSERT INTO other_secret (v) VALUES ('CANARY_OTHER');"
            "CREATE TABLE records_note (id INTEGER PRIMARY KEY, body TEXT);"
            "INSERT INTO records_note (body) VALUES ('CANARY_NOTE');"
            "INSERT INTO dyad_client (id, uuid, given_name, family_name, email, status, "
            "created_at, updated_at, archived_at) VALUES (7, 'u-7', 'CANARY_ARCHIVED', "
            "'CANARY_FAMILY', 'canary@x', 'active', 'CANARY_TIME', 'CANARY_TIME', 'CANARY_GONE');"
            "UPDATE dyad_practitioner SET email = 'CANARY_EMAIL';"
            "INSERT INTO host_plugin_setting VALUES ('dyad.records', 'k', 'CANARY_SETTING');"
            "INSERT INTO dyad_audit (id, uuid, at, actor, action, entity, detail) VALUES "
            "(9, 'a-9', 'now', 'CANARY_ACTOR', 'view', 'client', 'CANARY_AUDIT');"
            "ANALYZE;");
        EXPECT_TRUE(canaries) << canaries.error().message;
        db::ConfinementPolicy migration("notes", db::ConfinementMode::Migration);
        migration.install(host.handle());
        Status migrated = plugins::exec_confined(
            host.handle(), migration,
            "CREATE TABLE notes_item (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL "
            "REFERENCES dyad_unit (id), body TEXT) STRICT;"
            "CREATE INDEX notes_item_unit ON notes_item (unit_id);"
            "CREATE VIRTUAL TABLE notes_fts USING fts5 (body);"
            "CREATE VIEW notes_view AS SELECT id, body FROM notes_item;"
            "CREATE TABLE notes_log (item_id INTEGER, at TEXT) STRICT;"
            "CREATE TRIGGER notes_logged AFTER INSERT ON notes_item BEGIN "
            "  INSERT INTO notes_log (item_id, at) VALUES (new.id, 'now'); END;");
        EXPECT_TRUE(migrated) << migrated.error().message;
        db::ConfinementPolicy::uninstall(host.handle());

        plugin = std::move(*db::Connection::open(dir.file("p.db"), db::OpenMode::ReadWrite));
        db::apply_plugin_limits(plugin.handle());
        runtime.install(plugin.handle());
        budget.install(plugin.handle());
        watchdog = std::make_unique<db::Watchdog>(plugin.handle(), time_limit);
    }

    ~ConfinementFixture() { watchdog.reset(); }

    Status run(const std::string& sql) {
        budget.begin_step();
        watchdog->begin();
        Status done = plugins::exec_confined(plugin.handle(), runtime, sql);
        watchdog->end();
        return done;
    }

    // Binds context as the notes plugin with its own confined connection (the db service).
    Status open_as_plugin(plugins::PluginContext& context, std::uint64_t step_budget) {
        context.plugin_id = "test.notes";
        context.table_prefix = "notes";
        plugins::bind_host(context);
        return plugins::open_plugin_database(context, dir.file("p.db"), {}, step_budget);
    }

    std::int64_t any_unit() { return **host.query_int64("SELECT id FROM dyad_unit LIMIT 1"); }
};

}  // namespace dyad::test
