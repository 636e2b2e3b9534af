// Upgrading a practice written by an earlier version of the plugin: its notes stay findable.
#include <gtest/gtest.h>

#include "db/maintenance.h"
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

// The demo practice in dir with the core schema only: each test applies the plugin's older
// migrations itself.
std::unique_ptr<dyad::Practice> demo_without_plugins(const dyad::test::TempDir& dir) {
    dyad::PracticeOptions options;
    options.data_dir = dir.path();
    options.load_plugins = false;
    auto practice = dyad::Practice::open(options, dyad::CreatePractice::IfMissing);
    EXPECT_TRUE(practice) << practice.error().message;
    if (!practice || !dyad::create_demo_practice((*practice)->records())) {
        ADD_FAILURE() << "the demo practice could not be made";
        return nullptr;
    }
    return std::move(*practice);
}

}  // namespace

TEST(RecordsMigrations, NotesIndexedBeforeVersion6AreReindexedNewestFirst) {
    dyad::test::TempDir dir;
    auto practice = demo_without_plugins(dir);
    ASSERT_TRUE(practice);
    dyad::db::Connection& db = practice->connection();

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

TEST(RecordsMigrations, ASeriesWrittenBeforeVersion8KeepsItsAppointmentsAndChecksHealthy) {
    dyad::test::TempDir dir;
    auto practice = demo_without_plugins(dir);
    ASSERT_TRUE(practice);
    dyad::db::Connection& db = practice->connection();

    const dyad_schema_v1* full = dyad::records_plugin::records_schema();
    dyad_schema_v1 version7 = *full;
    version7.migration_count = 7;
    ASSERT_TRUE(dyad::plugins::apply_confined_migrations(db, "dyad.records", version7));
    auto written = db.exec(R"sql(
        INSERT INTO records_series (id, unit_id, repeat, created_at)
        SELECT 7, unit_id, 'weekly', '2031-12-01T10:00:00Z' FROM dyad_appointment LIMIT 1;
        INSERT INTO records_series_appointment (series_id, appointment_id, position)
        SELECT 7, id, row_number() OVER (ORDER BY id) FROM dyad_appointment
        WHERE unit_id = (SELECT unit_id FROM records_series WHERE id = 7);
    )sql");
    ASSERT_TRUE(written) << written.error().message;
    std::int64_t members = count(db, "SELECT count(*) FROM records_series_appointment");
    ASSERT_GT(members, 0);

    auto upgraded = dyad::plugins::apply_confined_migrations(db, "dyad.records", *full);
    ASSERT_TRUE(upgraded) << upgraded.error().message;
    EXPECT_EQ(count(db, "SELECT count(*) FROM records_series_member WHERE series_id = 7"), members);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM sqlite_schema WHERE name = "
                    "'records_series_appointment'"),
              0);
    auto report = dyad::db::check_database(practice->database_path());
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->healthy) << (report->problems.empty() ? "" : report->problems.front());
}
