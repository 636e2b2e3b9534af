// One table of hostile statements or migrations per root cause of docs/confinement.md; each
// must be refused with a message that names the rule.
#include <gtest/gtest.h>

#include "confinement_fixture.h"
#include "db/sql_text.h"
#include "plugins/abi.h"
#include "plugins/plugin_manager.h"

using namespace dyad;
using test::ConfinementFixture;

namespace {

struct Hostile {
    std::string sql;
    const char* rule;
};

void expect_refused(ConfinementFixture& f, const std::vector<Hostile>& cases) {
    for (const auto& c : cases) {
        Status result = f.run(c.sql);
        ASSERT_FALSE(result) << c.sql;
        EXPECT_NE(result.error().message.find(c.rule), std::string::npos)
            << c.sql << " -> " << result.error().message;
    }
}

// Applies one migration for plugin "notes" on the fixture's practice.
Status migrate(ConfinementFixture& f, int version, const std::string& sql,
               const plugins::MigrationLimits& limits = {}) {
    dyad_migration migration{version, sql.c_str()};
    dyad_schema_v1 schema{sizeof(dyad_schema_v1), "notes", &migration, 1};
    auto report = plugins::apply_confined_migrations(f.host, "test.notes", schema, {}, limits);
    if (!report) {
        return std::unexpected(report.error());
    }
    return ok();
}

}  // namespace

// Cause 1: a name that looks like a published view is not one.
TEST(ConfinementRules, ACteOrWindowCannotPassForAPublishedView) {
    ConfinementFixture f;
    expect_refused(
        f, {
               {"WITH core_client AS (SELECT * FROM dyad_client) SELECT * FROM core_client",
                "named like a published view (core_client)"},
               {"WITH \"core_client\"(a) AS MATERIALIZED (SELECT given_name FROM dyad_client) "
                "SELECT a FROM core_client",
                "named like a published view"},
               {"WITH x AS (SELECT 1), [CORE_UNIT] AS NOT MATERIALIZED (SELECT display_name FROM "
                "dyad_unit) SELECT * FROM core_unit",
                "named like a published view (CORE_UNIT)"},
               {"WITH `core_unit_member`/* c */AS(SELECT * FROM host_plugin_setting) SELECT * FROM "
                "core_unit_member",
                "named like a published view"},
               {"WITH core_future AS (SELECT 1) SELECT * FROM core_future",
                "named like a published view"},
               {"SELECT count(*) OVER core_client FROM core_client WINDOW core_client AS (ORDER BY "
                "id)",
                "named like a published view"},
               {"WITH x AS (SELECT given_name FROM dyad_client) SELECT * FROM x",
                "belongs to the host (read inside x)"},
               {"WITH dyad_client AS (SELECT 1) SELECT given_name FROM main.dyad_client",
                "name of a table, view or reserved word (dyad_client)"},
               {"WITH notes_item AS (SELECT 1) SELECT * FROM notes_item", "name of a table"},
               {"WITH RECURSIVE dbstat(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM dbstat "
                "WHERE i < 3) SELECT * FROM main.dbstat",
                "reserved word (dbstat)"},
               {"SELECT * FROM (SELECT given_name FROM dyad_client) AS core_client",
                "belongs to the host"},
               {"SELECT * FROM (SELECT given_name FROM dyad_client) core_client",
                "belongs to the host"},
               {"SELECT given_name FROM core_client UNION SELECT given_name FROM dyad_client",
                "belongs to the host"},
               {"SELECT * FROM core_client WHERE id IN (SELECT id FROM dyad_client WHERE "
                "archived_at IS NOT NULL)",
                "belongs to the host"},
               {"SELECT * FROM records_note", "does not belong to this plugin"},
               {"SELECT * FROM other_secret", "does not belong to this plugin"},
               {"SELECT * FROM host_plugin_setting", "belongs to the host"},
               {"SELECT * FROM dyad_audit", "belongs to the host"},
               {"SELECT * FROM main.dyad_client", "belongs to the host"},
           });
    // What a published view shows stays readable, also inside CTEs of other names.
    EXPECT_TRUE(f.run("WITH mine AS (SELECT given_name FROM core_client) SELECT * FROM mine"));
    EXPECT_TRUE(f.run("SELECT * FROM (SELECT display_name FROM core_unit) AS u"));
}

TEST(ConfinementRules, PrefixesCannotOverlapReservedWordsOrEachOther) {
    for (const char* bad : {"dyad",    "dyadx",   "dy",       "core",   "co",     "cores",   "host",
                            "hostess", "sqlite",  "sqlite3",  "sql",    "plugin", "plugins", "temp",
                            "main",    "pragma",  "json",     "js",     "dbstat", "fts",     "fts5",
                            "d",       "Records", "records_", "9lives", "a-b"}) {
        EXPECT_TRUE(plugins::check_table_prefix(bad).has_value()) << bad;
    }
    for (const char* good :
         {"records", "bcr", "dialogue", "workup", "directory", "appreciation", "notes", "hello"}) {
        EXPECT_FALSE(plugins::check_table_prefix(good).has_value()) << good;
    }
    EXPECT_TRUE(plugins::prefixes_overlap("records", "records_note"));
    EXPECT_TRUE(plugins::prefixes_overlap("record", "records"));
    EXPECT_FALSE(plugins::prefixes_overlap("bcr", "workup"));
}

TEST(ConfinementRules, TheHostsListOfPublishedViewsIsTheSchemas) {
    ConfinementFixture f;
    auto statement = f.host.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE 'core\\_%' ESCAPE '\\'");
    ASSERT_TRUE(statement);
    std::size_t seen = 0;
    while (*statement->step()) {
        std::string name = statement->text(0);
        ++seen;
        const db::PublishedView* found = nullptr;
        for (const auto& view : db::published_views()) {
            found = view.name == name ? &view : found;
        }
        ASSERT_NE(found, nullptr) << name << " is in the schema but not in published_views()";
        // Each view reads its one table only: the plugin policy allows exactly that.
        EXPECT_TRUE(f.run("SELECT * FROM " + name)) << name;
    }
    EXPECT_EQ(seen, db::published_views().size());
}

TEST(ConfinementRules, SqlTextReaderFindsEveryDefinitionSpelling) {
    using db::defined_names;
    EXPECT_EQ(defined_names("WITH a AS (SELECT 1), \"b\"\"c\"(x) AS MATERIALIZED (SELECT 2) "
                            "SELECT * FROM a"),
              (std::vector<std::string>{"a", "b\"c"}));
    EXPECT_EQ(defined_names("SELECT 'core_client AS (' -- x AS (\n /* y AS ( */"),
              std::vector<std::string>{});
    EXPECT_EQ(defined_names(std::string("SELECT 1\0WITH z AS (SELECT 1)", 30)),
              std::vector<std::string>{});
    EXPECT_EQ(defined_names("WITH [q r] AS NOT MATERIALIZED(SELECT 1) SELECT 1"),
              std::vector<std::string>{"q r"});
    EXPECT_EQ(defined_names("SELECT x AS y FROM t AS u, (SELECT 1) AS v"),
              std::vector<std::string>{});
    EXPECT_TRUE(db::is_plain_identifier("notes_item2"));
    for (const char* bad : {"", "1a", "a b", "a\"b", "a'b", "a;", "é", "a-b"}) {
        EXPECT_FALSE(db::is_plain_identifier(bad)) << bad;
    }
    EXPECT_EQ(db::quote_identifier("a\"b"), "\"a\"\"b\"");
}

// Cause 2: names a plugin chose never become SQL the host runs unconfined.
TEST(ConfinementRules, HostileMigrationsAreRefusedAndRolledBack) {
    ConfinementFixture f;
    std::vector<Hostile> cases = {
        {"CREATE TABLE \"notes_x\"\"y\" (a)", "letters, digits and '_'"},
        {"CREATE TABLE notes_ok (a); CREATE VIEW \"notes_v'); DELETE FROM dyad_client; --\" AS "
         "SELECT 1",
         "letters, digits and '_'"},
        {"CREATE VIEW notes_v AS WITH core_client AS (SELECT given_name FROM dyad_client) "
         "SELECT * FROM core_client",
         "named like a published view"},
        {"CREATE VIEW notes_v AS SELECT given_name FROM dyad_client", "belongs to the host"},
        {"CREATE VIEW notes_v AS SELECT * FROM dbstat", "cannot be read"},
        {"CREATE VIEW notes_v AS WITH dyad_client AS (SELECT 1) SELECT * FROM main.dyad_client",
         "name of a table, view or reserved word (dyad_client)"},
        {"CREATE TABLE notes_t (a); CREATE TRIGGER notes_spy AFTER INSERT ON notes_t BEGIN "
         "INSERT INTO notes_t SELECT email FROM dyad_client; END",
         "belongs to the host"},
        {"CREATE TABLE records_note_more (a)", "objects named notes_"},
        {"CREATE TABLE notes_copy AS SELECT * FROM records_note", "does not belong"},
        {"CREATE TABLE notes_r (a); ALTER TABLE notes_r RENAME TO escaped_r",
         "may only add columns"},
    };
    int version = 1;
    for (const auto& c : cases) {
        Status result = migrate(f, version, c.sql);
        ASSERT_FALSE(result) << c.sql;
        EXPECT_NE(result.error().message.find(c.rule), std::string::npos)
            << c.sql << " -> " << result.error().message;
    }
    // Nothing of any of them is left.
    EXPECT_EQ(**f.host.query_int64("SELECT count(*) FROM sqlite_schema WHERE name LIKE "
                                   "'notes\\_%' ESCAPE '\\' AND name NOT IN ('notes_item', "
                                   "'notes_item_unit', 'notes_view', 'notes_log', "
                                   "'notes_logged') AND name NOT LIKE 'notes\\_fts%' ESCAPE '\\'"),
              0);
    EXPECT_EQ(**f.host.query_int64("SELECT count(*) FROM dyad_client"), 12);
    // A well-behaved migration still applies.
    EXPECT_TRUE(migrate(f, 1, "CREATE TABLE notes_fine (a TEXT)"));
}

// Cause 3: no rows, but sizes, ids and their order are data too.
TEST(ConfinementRules, StatisticsAndBareIdsAreNotReadable) {
    ConfinementFixture f;
    expect_refused(
        f,
        {
            {"SELECT * FROM dbstat", "statistics table dbstat"},
            {"SELECT pgsize FROM dbstat WHERE name = 'dyad_client'", "statistics table"},
            {"SELECT sql FROM sqlite_stmt", "statistics table sqlite_stmt"},
            {"SELECT * FROM sqlite_stat1", "statistics table sqlite_stat1"},
            {"SELECT id FROM dyad_client", "belongs to the host"},
            {"SELECT id FROM dyad_client INDEXED BY dyad_client_names", "belongs to the host"},
            {"SELECT count(*) FROM dyad_client", "belongs to the host"},
            {"SELECT max(id) FROM dyad_unit", "belongs to the host"},
            {"SELECT 1 WHERE EXISTS (SELECT 1 FROM dyad_client WHERE id = 7)",
             "belongs to the host"},
            {"SELECT n.body FROM notes_item n WHERE n.unit_id IN (SELECT id FROM dyad_unit)",
             "belongs to the host"},
            {"SELECT n.body FROM notes_item n WHERE n.unit_id NOT IN (SELECT id FROM dyad_unit "
             "ORDER BY id)",
             "belongs to the host"},
            {"INSERT INTO notes_log (item_id) SELECT 1 WHERE 5 IN (SELECT id FROM dyad_client "
             "WHERE id > 0)",
             "belongs to the host"},
            {"SELECT n.body FROM notes_item n JOIN dyad_unit u ON u.id = n.unit_id",
             "belongs to the host"},
            {"INSERT INTO notes_item (id, unit_id, body) SELECT 100, id, 'x' FROM dyad_unit",
             "belongs to the host"},
            {"SELECT c.id FROM core_client c, dyad_client d WHERE d.id = 7", "belongs to the host"},
        });
    // Foreign-key checks still read parent ids, from statements and triggers.
    std::string unit = std::to_string(f.any_unit());
    EXPECT_TRUE(f.run("INSERT INTO notes_item (id, unit_id, body) VALUES (1, " + unit + ", 'x')"));
    EXPECT_TRUE(f.run("UPDATE notes_item SET unit_id = " + unit));
    EXPECT_TRUE(f.run("DELETE FROM notes_item"));
}

// Cause 4: limits that cannot be stepped around.
TEST(ConfinementRules, AStatementExpensivePerInstructionIsStoppedByTime) {
    ConfinementFixture f(std::chrono::milliseconds(300));
    // A few thousand instructions, each building a 40 MB string: the step budget never sees it.
    // (The size depends on the row: a constant one is computed once and the loop is cheap.)
    Status result = f.run(
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 2000) "
        "SELECT sum(length(hex(zeroblob(20000000 + i)))) FROM r");
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("interrupt"), std::string::npos)
        << result.error().message;
    EXPECT_TRUE(f.watchdog->fired());
    EXPECT_FALSE(f.budget.exhausted());
    // The connection works afterwards, and a quick statement is not interrupted.
    EXPECT_TRUE(f.run("SELECT count(*) FROM notes_item"));
    EXPECT_FALSE(f.watchdog->fired());
}

TEST(ConfinementRules, RunawayMigrationsFailInWordsAndLeaveNothing) {
    ConfinementFixture f;
    plugins::MigrationLimits steps{1'000'000, std::chrono::seconds(60)};
    Status looped = migrate(f, 1,
                            "CREATE TABLE notes_r (i INTEGER); WITH RECURSIVE r(i) AS (SELECT 1 "
                            "UNION ALL SELECT i + 1 FROM r) INSERT INTO notes_r SELECT i FROM r",
                            steps);
    ASSERT_FALSE(looped);
    EXPECT_NE(looped.error().message.find("ran past the limit of 1000000 steps"), std::string::npos)
        << looped.error().message;
    plugins::MigrationLimits time{2'000'000'000, std::chrono::milliseconds(300)};
    Status slow = migrate(f, 1,
                          "CREATE TABLE notes_s AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL "
                          "SELECT i + 1 FROM r WHERE i < 2000) SELECT "
                          "length(hex(zeroblob(20000000 + i))) AS n FROM r",
                          time);
    ASSERT_FALSE(slow);
    EXPECT_NE(slow.error().message.find("ran longer than"), std::string::npos)
        << slow.error().message;
    // The plugin limits apply to migrations too.
    Status huge = migrate(f, 1, "CREATE TABLE notes_h AS SELECT zeroblob(100000000) AS b");
    ASSERT_FALSE(huge);
    EXPECT_NE(huge.error().message.find("too big"), std::string::npos) << huge.error().message;
    EXPECT_EQ(**f.host.query_int64("SELECT count(*) FROM sqlite_schema WHERE name IN "
                                   "('notes_r', 'notes_s', 'notes_h')"),
              0);
    // The host's own connection is back to its own limits.
    EXPECT_TRUE(f.host.exec("SELECT zeroblob(100000000)"));
}

TEST(ConfinementRules, ATransactionLeftOpenIsRolledBackAndReported) {
    ConfinementFixture f;
    plugins::PluginContext context;
    ASSERT_TRUE(f.open_as_plugin(context, 1'000'000));
    const auto* db = plugins::db_service();
    const dyad_host* host = &context.host;
    EXPECT_FALSE(plugins::close_abandoned_transaction(context).has_value());
    ASSERT_EQ(db->begin(host), DYAD_OK);
    ASSERT_EQ(db->begin(host), DYAD_OK);  // Nested: a savepoint.
    std::string insert = "INSERT INTO notes_item (id, unit_id, body) VALUES (42, " +
                         std::to_string(f.any_unit()) + ", 'x')";
    ASSERT_EQ(db->exec(host, insert.c_str()), DYAD_OK);
    auto warning = plugins::close_abandoned_transaction(context);
    ASSERT_TRUE(warning.has_value());
    EXPECT_NE(warning->find("test.notes left a transaction open"), std::string::npos) << *warning;
    EXPECT_EQ(**f.host.query_int64("SELECT count(*) FROM notes_item WHERE id = 42"), 0);
    // The practice takes writes again, and the plugin can start a new transaction.
    EXPECT_TRUE(f.host.exec("INSERT INTO other_secret (v) VALUES ('after')"));
    ASSERT_EQ(db->begin(host), DYAD_OK);
    ASSERT_EQ(db->commit(host), DYAD_OK);
    context.database.reset();
}
