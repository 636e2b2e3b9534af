#include <gtest/gtest.h>

#include "db/confinement.h"
#include "plugins/plugin_context.h"
#include "practice.h"
#include "records/core_schema.h"
#include "test_support.h"

using namespace dyad;
using db::ConfinementMode;
using db::ConfinementPolicy;

#include "confinement_fixture.h"

using test::ConfinementFixture;

namespace {
using Fixture = ConfinementFixture;
}  // namespace

TEST(Confinement, RuntimePolicyRefusesEveryForbiddenStatement) {
    Fixture f;
    struct {
        const char* sql;
        const char* reason;
    } forbidden[] = {
        {"SELECT * FROM dyad_client", "belongs to the host"},
        {"SELECT count(*) FROM dyad_client", "belongs to the host"},
        {"SELECT * FROM plugin_schema", "belongs to the host"},
        {"SELECT * FROM host_plugin_setting", "belongs to the host"},
        {"SELECT * FROM other_secret", "does not belong to this plugin"},
        {"INSERT INTO other_secret (v) VALUES ('x')", "does not belong to this plugin"},
        {"UPDATE dyad_client SET email = NULL", "dyad.core/1"},
        {"DELETE FROM dyad_audit", "dyad.core/1"},
        {"INSERT INTO core_client (id) VALUES (1)", "dyad.core/1"},
        {"INSERT INTO notes_item (id, unit_id, body) SELECT id, id, email FROM dyad_client",
         "belongs to the host"},
        {"UPDATE notes_item SET body = (SELECT email FROM dyad_client LIMIT 1)",
         "belongs to the host"},
        {"CREATE TABLE notes_extra (id INTEGER)", "migrations"},
        {"DROP TABLE notes_item", "migrations"},
        {"ALTER TABLE notes_item ADD COLUMN x TEXT", "migrations"},
        {"CREATE TEMP TABLE scratch (x)", "temporary"},
        {"ATTACH DATABASE '/tmp/elsewhere.db' AS elsewhere", "ATTACH"},
        // Both would write a second database file, in clear even for an encrypted practice.
        {"VACUUM INTO '/tmp/elsewhere.db'", "ATTACH"},
        {"VACUUM", "ATTACH"},
        {"PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys"},
        {"PRAGMA writable_schema = ON", "PRAGMA writable_schema"},
        {"PRAGMA journal_mode = DELETE", "PRAGMA journal_mode"},
        {"PRAGMA table_info(dyad_client)", "PRAGMA table_info"},
        {"SELECT load_extension('/tmp/evil.so')", "load_extension"},
        {"SELECT id FROM dyad_unit", "belongs to the host"},
    };
    for (const auto& c : forbidden) {
        Status result = f.run(c.sql);
        ASSERT_FALSE(result) << c.sql;
        EXPECT_NE(result.error().message.find(c.reason), std::string::npos)
            << c.sql << " -> " << result.error().message;
    }
}

TEST(Confinement, RuntimePolicyAllowsOwnTablesCoreViewsAndForeignKeys) {
    Fixture f;
    std::int64_t unit = f.any_unit();
    const std::string allowed[] = {
        "INSERT INTO notes_item (id, unit_id, body) VALUES (1, " + std::to_string(unit) +
            ", 'first session went well')",
        "UPDATE notes_item SET body = body || '!' WHERE id = 1",
        "SELECT n.body, u.display_name FROM notes_item n JOIN core_unit u ON u.id = n.unit_id",
        "SELECT given_name FROM core_client",
        "SELECT count(*) FROM core_unit_member",
        "SELECT * FROM notes_view",
        "INSERT INTO notes_fts (rowid, body) VALUES (1, 'first session went well')",
        "SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'session'",
        "SELECT count(*) FROM notes_log",
        "SELECT value FROM json_each('[1, 2]')",
        "PRAGMA table_info(notes_item)",
        "BEGIN; INSERT INTO notes_item (id, unit_id, body) VALUES (2, " + std::to_string(unit) +
            ", 'x'); ROLLBACK;",
        "DELETE FROM notes_item WHERE id = 1",
    };
    for (const auto& sql : allowed) {
        Status result = f.run(sql);
        EXPECT_TRUE(result) << sql << " -> " << result.error().message;
    }
}

// trusted_schema=OFF (set on every connection) keeps triggers and views away from virtual
// tables such as FTS5: plugins update their search index from code, not from a trigger.
TEST(Confinement, TriggersCannotWriteVirtualTablesUnderTrustedSchemaOff) {
    Fixture f;
    ConfinementPolicy migration("notes", ConfinementMode::Migration);
    migration.install(f.host.handle());
    ASSERT_TRUE(plugins::exec_confined(
        f.host.handle(), migration,
        "CREATE TRIGGER notes_index AFTER INSERT ON notes_item BEGIN "
        "  INSERT INTO notes_fts (rowid, body) VALUES (new.id, new.body); END;"));
    ConfinementPolicy::uninstall(f.host.handle());
    Status insert = f.run("INSERT INTO notes_item (id, unit_id, body) VALUES (5, " +
                          std::to_string(f.any_unit()) + ", 'x')");
    ASSERT_FALSE(insert);
    EXPECT_NE(insert.error().message.find("unsafe use of virtual table"), std::string::npos);
}

TEST(Confinement, ForeignKeysStillProtectCoreRecords) {
    Fixture f;
    Status orphan = f.run("INSERT INTO notes_item (id, unit_id, body) VALUES (9, 12345, 'x')");
    ASSERT_FALSE(orphan);
    EXPECT_NE(orphan.error().message.find("FOREIGN KEY"), std::string::npos)
        << orphan.error().message;
}

TEST(Confinement, MigrationPolicyKeepsDdlToOwnNames) {
    Fixture f;
    ConfinementPolicy migration("notes", ConfinementMode::Migration);
    migration.install(f.host.handle());
    struct {
        const char* sql;
        const char* reason;
    } forbidden[] = {
        {"CREATE TABLE records_stolen (id INTEGER)", "objects named notes_"},
        {"CREATE INDEX notes_on_core ON dyad_client (email)", "own tables only"},
        {"CREATE TRIGGER notes_spy AFTER INSERT ON dyad_client BEGIN SELECT 1; END",
         "own tables only"},
        {"DROP TABLE other_secret", "objects named notes_"},
        {"ALTER TABLE dyad_client ADD COLUMN notes TEXT", "objects named notes_"},
        {"CREATE VIRTUAL TABLE notes_rt USING rtree (id, a, b)", "fts5"},
        {"BEGIN", "transactions"},
        {"COMMIT", "transactions"},
    };
    for (const auto& c : forbidden) {
        Status result = plugins::exec_confined(f.host.handle(), migration, c.sql);
        ASSERT_FALSE(result) << c.sql;
        EXPECT_NE(result.error().message.find(c.reason), std::string::npos)
            << c.sql << " -> " << result.error().message;
    }
    ConfinementPolicy::uninstall(f.host.handle());
}

TEST(Confinement, ARunawayQueryIsStoppedWithAClearError) {
    Fixture f;
    Status result = f.run(
        "WITH RECURSIVE forever(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM forever) "
        "SELECT count(*) FROM forever");
    ASSERT_FALSE(result);
    EXPECT_TRUE(f.budget.exhausted());
    // The connection is usable afterwards.
    EXPECT_TRUE(f.run("SELECT count(*) FROM notes_item"));
}
