#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "db/maintenance.h"
#include "practice.h"
#include "records/core_schema.h"
#include "test_support.h"

using namespace dyad;

namespace {

std::unique_ptr<Practice> demo_practice(const std::string& folder) {
    PracticeOptions options;
    options.data_dir = folder;
    options.load_plugins = false;
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    EXPECT_TRUE(practice);
    EXPECT_TRUE(create_demo_practice((*practice)->records()));
    return std::move(*practice);
}

}  // namespace

TEST(Maintenance, HealthyDatabasePassesTheCheck) {
    test::TempDir dir;
    auto practice = demo_practice(dir.path());
    auto report = db::check_database(practice->database_path());
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->healthy);
}

TEST(Maintenance, CheckFindsDamagedPages) {
    test::TempDir dir;
    std::string path;
    {
        auto practice = demo_practice(dir.path());
        path = practice->database_path();
        ASSERT_TRUE(practice->connection().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    // Overwrite every page but the first (the header and schema root) with garbage.
    auto size = std::filesystem::file_size(path);
    ASSERT_GT(size, 8192u);
    {
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(4096);
        std::string garbage(size - 4096, '\x5a');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto report = db::check_database(path);
    if (report) {
        EXPECT_FALSE(report->healthy);
        EXPECT_FALSE(report->problems.empty());
    } else {
        EXPECT_EQ(report.error().code, ErrorCode::Corrupt);
    }
}

TEST(Maintenance, BackupWhileAnotherConnectionWritesIsConsistent) {
    test::TempDir dir;
    auto practice = demo_practice(dir.path());
    std::atomic<bool> stop = false;
    std::atomic<int> written = 0;
    std::thread writer([&] {
        auto connection = db::Connection::open(practice->database_path(), db::OpenMode::ReadWrite);
        ASSERT_TRUE(connection);
        ASSERT_TRUE(
            connection->exec("CREATE TABLE IF NOT EXISTS load (id INTEGER PRIMARY KEY, "
                             "payload TEXT) STRICT"));
        while (!stop) {
            if (connection->exec("INSERT INTO load (payload) VALUES (hex(randomblob(512)))")) {
                ++written;
            }
        }
    });
    while (written < 50) {
        std::this_thread::yield();
    }
    int progress_calls = 0;
    auto done = db::backup_database(practice->database_path(), dir.file("backup.db"),
                                    [&](double) { return ++progress_calls > 0; });
    stop = true;
    writer.join();
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_GT(progress_calls, 0);
    auto report = db::check_backup(dir.file("backup.db"));
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->healthy);
    EXPECT_TRUE(report->notes.empty());
    EXPECT_FALSE(std::filesystem::exists(dir.file("backup.db.partial")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("backup.db.partial.db")));
}

TEST(Maintenance, CancelledBackupLeavesNoFile) {
    test::TempDir dir;
    auto practice = demo_practice(dir.path());
    ASSERT_TRUE(practice->connection().exec(
        "CREATE TABLE pad (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
        "n WHERE i < 3000) INSERT INTO pad SELECT hex(randomblob(500)) FROM n;"));
    auto done = db::backup_database(practice->database_path(), dir.file("backup.db"),
                                    [](double fraction) { return fraction < 0.1; });
    ASSERT_FALSE(done);
    EXPECT_NE(done.error().message.find("cancelled"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.file("backup.db")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("backup.db.partial")));
}

TEST(Maintenance, RestoreKeepsThePreviousDatabaseAndRefusesJunk) {
    test::TempDir dir;
    std::string live;
    {
        auto practice = demo_practice(dir.path());
        live = practice->database_path();
        ASSERT_TRUE(db::backup_database(live, dir.file("monday.db")));
        records::ClientFields extra;
        extra.given_name = "Added";
        extra.family_name = "After Backup";
        ASSERT_TRUE(practice->records().create_client(extra, "user"));
    }
    std::ofstream(dir.file("junk.db")) << std::string(4096, 'j');
    auto junk = db::restore_database(dir.file("junk.db"), live, 0);
    ASSERT_FALSE(junk);
    EXPECT_NE(junk.error().message.find("not touched"), std::string::npos) << junk.error().message;

    auto kept = db::restore_database(dir.file("monday.db"), live, 0);
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_TRUE(std::filesystem::exists(*kept));
    auto restored = db::Connection::open(live, db::OpenMode::ReadWrite);
    EXPECT_EQ(
        **restored->query_int64("SELECT count(*) FROM dyad_client WHERE given_name = 'Added'"), 0);
    auto previous = db::Connection::open(*kept, db::OpenMode::ReadWrite);
    EXPECT_EQ(
        **previous->query_int64("SELECT count(*) FROM dyad_client WHERE given_name = 'Added'"), 1);
}

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A demo practice in folder with a backup at backup; returns the live database's path.
std::string practice_with_backup(const std::string& folder, const std::string& backup) {
    auto practice = demo_practice(folder);
    EXPECT_TRUE(db::backup_database(practice->database_path(), backup));
    return practice->database_path();
}

}  // namespace

// Issue 21, item 3: restore is the safety net on the day the current database is damaged.
TEST(Maintenance, RestoreWorksWhenTheCurrentDatabaseIsDamagedAndKeepsItAsItWas) {
    test::TempDir dir;
    std::string live = practice_with_backup(dir.path(), dir.file("monday.dyadbackup"));
    std::string bytes = read_file(live);
    ASSERT_GT(bytes.size(), 8192u);
    for (std::size_t i = 4096; i < 8192; ++i) {
        bytes[i] = static_cast<char>(0xA5);  // Page 2 is garbage now.
    }
    write_file(live, bytes);
    auto check = db::check_database(live);
    ASSERT_TRUE(!check || !check->healthy) << "the damage was not seen";

    auto kept =
        db::restore_database(dir.file("monday.dyadbackup"), live, records::core_schema_version());
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(read_file(*kept), bytes);  // Kept byte for byte, damage included.
    auto restored = db::check_database(live);
    ASSERT_TRUE(restored) << restored.error().message;
    EXPECT_TRUE(restored->healthy);
}

TEST(Maintenance, ATruncatedOrAlteredBackupIsRefusedBeforeAnythingChanges) {
    test::TempDir dir;
    std::string live = practice_with_backup(dir.path(), dir.file("monday.dyadbackup"));
    std::string backup = read_file(dir.file("monday.dyadbackup"));
    std::string before = read_file(live);

    write_file(dir.file("cut.dyadbackup"), backup.substr(0, backup.size() - 4096));
    auto cut = db::restore_database(dir.file("cut.dyadbackup"), live, 0);
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("cut short"), std::string::npos) << cut.error().message;
    EXPECT_NE(cut.error().message.find("not touched"), std::string::npos);

    std::string altered = backup;
    altered[backup.size() / 2] = static_cast<char>(altered[backup.size() / 2] ^ 1);
    write_file(dir.file("altered.dyadbackup"), altered);
    auto changed = db::restore_database(dir.file("altered.dyadbackup"), live, 0);
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().message.find("altered"), std::string::npos)
        << changed.error().message;

    write_file(dir.file("empty.dyadbackup"), "");
    auto empty = db::restore_database(dir.file("empty.dyadbackup"), live, 0);
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("empty"), std::string::npos) << empty.error().message;

    EXPECT_EQ(read_file(live), before);
    EXPECT_FALSE(std::filesystem::exists(live + ".restoring"));
    auto verified = db::check_backup(dir.file("altered.dyadbackup"));
    EXPECT_FALSE(verified);
}

TEST(Maintenance, ABackupFromANewerDyadIsRefused) {
    test::TempDir dir;
    std::string live;
    {
        auto practice = demo_practice(dir.path());
        live = practice->database_path();
        ASSERT_TRUE(practice->connection().exec(
            "INSERT INTO plugin_schema (plugin_id, version, checksum, applied_at) VALUES "
            "('dyad.core', 999, 'x', '2030-01-01T00:00:00Z')"));
        ASSERT_TRUE(db::backup_database(live, dir.file("future.dyadbackup")));
    }
    auto refused =
        db::restore_database(dir.file("future.dyadbackup"), live, records::core_schema_version());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("newer Dyad"), std::string::npos)
        << refused.error().message;
}

TEST(Maintenance, RestoreIsRefusedWhileAnotherProcessHasThePracticeOpen) {
    test::TempDir dir;
    std::string live = practice_with_backup(dir.path(), dir.file("monday.dyadbackup"));
    PracticeOptions options;
    options.data_dir = dir.path();
    options.load_plugins = false;
    auto open = Practice::open(options, CreatePractice::MustExist);
    ASSERT_TRUE(open);
    auto refused = db::restore_database(dir.file("monday.dyadbackup"), live, 0);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("has this practice open"), std::string::npos)
        << refused.error().message;
    open->reset();
    EXPECT_TRUE(db::restore_database(dir.file("monday.dyadbackup"), live, 0));
}

TEST(Maintenance, TheCheckFindsCheckConstraintViolations) {
    test::TempDir dir;
    std::string live;
    {
        auto practice = demo_practice(dir.path());
        live = practice->database_path();
        ASSERT_TRUE(practice->connection().exec(
            "PRAGMA ignore_check_constraints = ON; UPDATE dyad_unit SET status = 'lost' WHERE "
            "rowid = (SELECT min(rowid) FROM dyad_unit); PRAGMA ignore_check_constraints = OFF;"));
    }
    auto report = db::check_database(live);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_FALSE(report->healthy);
    ASSERT_FALSE(report->problems.empty());
    EXPECT_NE(report->problems.front().find("CHECK constraint failed in dyad_unit"),
              std::string::npos)
        << report->problems.front();
}

// The user plugin folders of a practice: its own, and for the window's demo practice
// (<default>/demo) also the default practice's, where a plugin author installs (issue 22). The
// window reads the plugins' catalogs from the same list (issue 19).
TEST(PracticeFolders, TheDemoPracticeAlsoUsesTheDefaultPracticesPluginFolder) {
    dyad::test::TempDir home;
    dyad::test::ScopedEnv data_home("XDG_DATA_HOME", home.path());
    std::string data = home.path() + "/dyad";
    EXPECT_EQ(dyad::default_user_plugin_dirs(data + "/demo"),
              (std::vector<std::string>{data + "/demo/plugins", data + "/plugins"}));
    EXPECT_EQ(dyad::default_user_plugin_dirs(data + "/demo/"),
              (std::vector<std::string>{data + "/demo/plugins", data + "/plugins"}));
    EXPECT_EQ(dyad::default_user_plugin_dirs(home.path() + "/elsewhere"),
              (std::vector<std::string>{home.path() + "/elsewhere/plugins"}));
}
