// Upgrading a practice written by an earlier version of the plugin: its notes stay findable.
#include <gtest/gtest.h>

#include "plugins/plugin_manager.h"
#include "practice.h"
#include "schema.h"
#include "test_support.h"

namespace {

std::int64_t count(dyad::db::Connection& connection, const std::string& sql) {
    auto value = connection.query_int64(sql);
    EXPECT_TRUE(value) << value.error().message;
    return value && *value ? **value : -1;
}

}  // namespace

TEST(RecordsMigrations, NotesIndexedBeforeVersion6AreReindexedNewestFirst) {
    dyad::test::TempDir dir;
    dyad::PracticeOptions options;
    options.data_dir = dir.path();
    options.load_plugins = false;
    auto practice = dyad::Practice::open(options, dyad::CreatePractice::IfMissing);
    ASSERT_TRUE(practice) << practice.error().message;
    ASSERT_TRUE(dyad::create_demo_practice((*practice)->records()));
    dyad::db::Connection& db = (*practice)->connection();

    // Version 5 of the plugin's schema, with two signed notes indexed the old way (rowid = id).
    const dyad_schema_v1* full = dyad::records_plugin::records_schema();
    dyad_schema_v1 version5 = *full;
    version5.migration_count = 5;
    ASSERT_TRUE(dyad::plugins::apply_confined_migrations(db, "dyad.records", version5));
    auto written = db.exec(R"sql(
        INSERT INTO records_note (id, uuid, unit_id, template_id, template_version, kind,
            session_date, status, created_at, updated_at)
        SELECT 9000000000001, 'u1', id, 'dap', 1, 'progress', '2024-01-10', 'draft',
            '2024-01-10T10:00:00Z', '2024-01-10T10:00:00Z' FROM dyad_unit LIMIT 1;
        INSERT INTO records_note (id, uuid, unit_id, template_id, template_version, kind,
            session_date, status, created_at, updated_at)
        SELECT 42, 'u2', id, 'dap', 1, 'progress', '2025-06-01', 'draft',
            '2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z' FROM dyad_unit LIMIT 1;
        INSERT INTO records_note_section VALUES (9000000000001, 'data', 'mirroring practised');
        INSERT INTO records_note_section VALUES (42, 'data', 'mirroring again');
        UPDATE records_note SET status = 'signed';
        INSERT INTO records_note_search (rowid, body) VALUES
            (9000000000001, 'mirroring practised'), (42, 'mirroring again');
    )sql");
    ASSERT_TRUE(written) << written.error().message;

    auto upgraded = dyad::plugins::apply_confined_migrations(db, "dyad.records", *full);
    ASSERT_TRUE(upgraded) << upgraded.error().message;
    EXPECT_EQ(count(db, "SELECT count(*) FROM records_note WHERE search_rowid IS NULL"), 0);
    EXPECT_EQ(count(db, "SELECT count(*) FROM records_note_search"), 2);
    // Newest session first, straight from the index order.
    EXPECT_EQ(count(db,
                    "SELECT n.id FROM records_note_search s JOIN records_note n ON "
                    "n.search_rowid = s.rowid WHERE records_note_search MATCH 'mirroring' "
                    "ORDER BY s.rowid DESC LIMIT 1"),
              42);
    // The signed-note lock is back in place after the migration.
    EXPECT_FALSE(db.exec("UPDATE records_note SET status = 'draft' WHERE id = 42"));
}
