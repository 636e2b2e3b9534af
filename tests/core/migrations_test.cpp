#include <gtest/gtest.h>

#include "db/migrations.h"
#include "records/core_schema.h"
#include "test_support.h"

using dyad::db::apply_migrations;
using dyad::db::Connection;
using dyad::db::Migration;
using dyad::db::OpenMode;

namespace {

struct Fixture {
    dyad::test::TempDir dir;
    Connection connection;
    Fixture() {
        connection = std::move(*Connection::open(dir.file("m.db"), OpenMode::CreateIfMissing));
    }
    std::int64_t count(const std::string& sql) { return **connection.query_int64(sql); }
    std::int64_t tables(const std::string& name) {
        return count("SELECT count(*) FROM sqlite_schema WHERE name = '" + name + "'");
    }
};

}  // namespace

TEST(Migrations, AppliesInOrderOnceAndRecordsTheLedger) {
    Fixture f;
    std::vector<Migration> migrations = {{1, "CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT;"},
                                         {2, "ALTER TABLE a ADD COLUMN note TEXT;"}};
    auto first = apply_migrations(f.connection, "test.owner", migrations);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->applied, 2);
    EXPECT_EQ(first->current_version, 2);
    auto second = apply_migrations(f.connection, "test.owner", migrations);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->applied, 0);
    EXPECT_EQ(f.count("SELECT count(*) FROM plugin_schema WHERE plugin_id = 'test.owner'"), 2);

    migrations.push_back({3, "CREATE INDEX a_note ON a (note);"});
    auto third = apply_migrations(f.connection, "test.owner", migrations);
    ASSERT_TRUE(third);
    EXPECT_EQ(third->previous_version, 2);
    EXPECT_EQ(third->applied, 1);
}

TEST(Migrations, AFailureHalfWayAppliesNothing) {
    Fixture f;
    std::vector<Migration> migrations = {
        {1, "CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT; INSERT INTO a VALUES (1);"},
        {2,
         "CREATE TABLE b (id INTEGER PRIMARY KEY) STRICT; INSERT INTO a VALUES (2);"
         "INSERT INTO no_such_table VALUES (3);"}};
    auto report = apply_migrations(f.connection, "test.owner", migrations);
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message.find("migration 2 failed, nothing was applied"),
              std::string::npos)
        << report.error().message;
    EXPECT_NE(report.error().message.find("no such table: no_such_table"), std::string::npos);
    EXPECT_EQ(f.tables("a"), 0);
    EXPECT_EQ(f.tables("b"), 0);
    EXPECT_EQ(f.count("SELECT count(*) FROM plugin_schema"), 0);
    EXPECT_EQ(f.connection.transaction_depth(), 0);
}

TEST(Migrations, RefusesGapsChangedHistoryAndNewerDatabases) {
    Fixture f;
    std::vector<Migration> gap = {{1, "SELECT 1;"}, {3, "SELECT 1;"}};
    auto gapped = apply_migrations(f.connection, "test.owner", gap);
    ASSERT_FALSE(gapped);
    EXPECT_NE(gapped.error().message.find("without gaps"), std::string::npos);

    std::vector<Migration> original = {{1, "CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT;"},
                                       {2, "CREATE TABLE b (id INTEGER PRIMARY KEY) STRICT;"}};
    ASSERT_TRUE(apply_migrations(f.connection, "test.owner", original));

    std::vector<Migration> edited = {{1, "CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT) STRICT;"},
                                     {2, original[1].sql}};
    auto changed = apply_migrations(f.connection, "test.owner", edited);
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().message.find("migration 1 was changed"), std::string::npos);

    std::vector<Migration> older = {original[0]};
    auto downgrade = apply_migrations(f.connection, "test.owner", older);
    ASSERT_FALSE(downgrade);
    EXPECT_NE(downgrade.error().message.find("written by a newer version"), std::string::npos);
}

TEST(CoreSchema, IsStrictWithForeignKeysAndAnAppendOnlyAudit) {
    Fixture f;
    ASSERT_TRUE(dyad::records::migrate_core(f.connection));
    EXPECT_EQ(f.count("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE "
                      "'dyad\\_%' ESCAPE '\\' AND sql NOT LIKE '%STRICT%'"),
              0);
    EXPECT_EQ(f.count("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%AUTOINCREMENT%'"), 0);
    ASSERT_TRUE(f.connection.exec(
        "INSERT INTO dyad_audit (id, uuid, at, actor, action, entity) VALUES (1, 'u', 't', 'a', "
        "'view', 'client')"));
    auto update = f.connection.exec("UPDATE dyad_audit SET actor = 'someone else'");
    ASSERT_FALSE(update);
    EXPECT_NE(update.error().message.find("append-only"), std::string::npos);
    EXPECT_FALSE(f.connection.exec("DELETE FROM dyad_audit"));
    auto orphan = f.connection.exec(
        "INSERT INTO dyad_unit_member (unit_id, client_id, role, joined_at) VALUES (1, 2, "
        "'partner', 't')");
    ASSERT_FALSE(orphan);
    EXPECT_NE(orphan.error().message.find("FOREIGN KEY"), std::string::npos);
}

TEST(Migrations, AnUpgradeAsksForItsBackupFirstAndARefusedBackupChangesNothing) {
    Fixture f;
    std::vector<Migration> migrations = {{1, "CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT;"}};
    std::vector<std::string> asked;
    auto hook = [&](const std::string& owner, int from, int to) -> dyad::Status {
        asked.push_back(owner + " " + std::to_string(from) + "->" + std::to_string(to));
        return {};
    };
    ASSERT_TRUE(apply_migrations(f.connection, "test.owner", migrations, {}, hook));
    EXPECT_TRUE(asked.empty()) << "a new database needs no backup";
    ASSERT_TRUE(apply_migrations(f.connection, "test.owner", migrations, {}, hook));
    EXPECT_TRUE(asked.empty()) << "nothing to migrate, nothing to back up";

    migrations.push_back({2, "ALTER TABLE a ADD COLUMN note TEXT;"});
    auto refuse = [](const std::string&, int, int) -> dyad::Status {
        return dyad::fail(dyad::ErrorCode::Io, "the disk is full");
    };
    auto refused = apply_migrations(f.connection, "test.owner", migrations, {}, refuse);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("not upgraded from schema version 1, nothing changed "
                                           "(the disk is full)"),
              std::string::npos)
        << refused.error().message;
    EXPECT_EQ(f.count("SELECT count(*) FROM pragma_table_info('a') WHERE name = 'note'"), 0);

    auto upgraded = apply_migrations(f.connection, "test.owner", migrations, {}, hook);
    ASSERT_TRUE(upgraded);
    EXPECT_EQ(asked, std::vector<std::string>{"test.owner 1->2"});
}
