#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "db/maintenance.h"
#include "practice.h"
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
    auto report = db::check_database(dir.file("backup.db"));
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->healthy);
    EXPECT_FALSE(std::filesystem::exists(dir.file("backup.db.partial")));
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
    auto junk = db::restore_database(dir.file("junk.db"), live);
    ASSERT_FALSE(junk);
    EXPECT_NE(junk.error().message.find("not touched"), std::string::npos) << junk.error().message;

    auto kept = db::restore_database(dir.file("monday.db"), live);
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_TRUE(std::filesystem::exists(*kept));
    auto restored = db::Connection::open(live, db::OpenMode::ReadWrite);
    EXPECT_EQ(
        **restored->query_int64("SELECT count(*) FROM dyad_client WHERE given_name = 'Added'"), 0);
    auto previous = db::Connection::open(*kept, db::OpenMode::ReadWrite);
    EXPECT_EQ(
        **previous->query_int64("SELECT count(*) FROM dyad_client WHERE given_name = 'Added'"), 1);
}
