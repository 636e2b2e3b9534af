// The encrypting VFS over real files (docs/encryption.md): nothing readable on disk through
// any path SQLite writes, and every kind of damage an error, never plaintext garbage.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "crypto/encrypted_vfs.h"
#include "db/connection.h"
#include "test_support.h"

using dyad::ErrorCode;
using dyad::crypto::EncryptedVfs;
using dyad::crypto::SecretKey;
using dyad::db::Connection;
using dyad::db::OpenMode;

namespace {

const std::string kCanary = "Canary-Wolcott-7f3e";

struct Keyed {
    SecretKey key = std::move(*SecretKey::random());
    std::shared_ptr<EncryptedVfs> vfs =
        std::move(*EncryptedVfs::create(key, dyad::crypto::random_salt()));
};

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Every file in the folder that contains the canary.
std::vector<std::string> files_with_canary(const std::string& folder) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() &&
            read_all(entry.path().string()).find("Canary-") != std::string::npos) {
            found.push_back(entry.path().filename().string());
        }
    }
    return found;
}

Connection open_encrypted(const std::string& path, const EncryptedVfs& vfs,
                          OpenMode mode = OpenMode::CreateIfMissing) {
    auto connection = Connection::open(path, mode, vfs.name());
    EXPECT_TRUE(connection) << connection.error().message;
    return std::move(*connection);
}

void fill(Connection& connection, int rows, const std::string& tag) {
    ASSERT_TRUE(
        connection.exec("CREATE TABLE IF NOT EXISTS note(id INTEGER PRIMARY KEY, body TEXT);"
                        "CREATE VIRTUAL TABLE IF NOT EXISTS note_fts USING fts5(body);"));
    ASSERT_TRUE(connection.exec("BEGIN"));
    for (int i = 0; i < rows; ++i) {
        auto insert = connection.prepare("INSERT INTO note(body) VALUES (?1)");
        std::string body = kCanary + " " + tag + " " + std::to_string(i) + " " +
                           std::string(200, static_cast<char>('a' + i % 26));
        ASSERT_TRUE(insert->bind(1, body).run());
        auto fts = connection.prepare("INSERT INTO note_fts(body) VALUES (?1)");
        ASSERT_TRUE(fts->bind(1, body).run());
    }
    ASSERT_TRUE(connection.exec("COMMIT"));
}

std::int64_t count_rows(Connection& connection) {
    auto count = connection.query_int64("SELECT count(*) FROM note");
    EXPECT_TRUE(count) << (count ? "" : count.error().message);
    return count && *count ? **count : -1;
}

// A child process writes and dies without closing: its WAL stays behind.
void write_and_die(const std::string& path, const EncryptedVfs& vfs, int rows,
                   const std::string& tag) {
    pid_t child = fork();
    if (child == 0) {
        auto connection = Connection::open(path, OpenMode::ReadWrite, vfs.name());
        if (!connection) {
            _exit(2);
        }
        for (int batch = 0; batch < rows; ++batch) {
            std::string sql = "INSERT INTO note(body) VALUES ('" + kCanary + " " + tag + " " +
                              std::to_string(batch) + "')";
            if (!connection->exec(sql)) {
                _exit(3);
            }
        }
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace

TEST(EncryptedVfs, NoPathLeavesAClientsWordsOnDisk) {
    dyad::test::TempDir dir;
    setenv("SQLITE_TMPDIR", dir.path().c_str(), 1);
    Keyed keyed;
    std::string path = dir.file("practice.db");
    {
        Connection connection = open_encrypted(path, *keyed.vfs);
        fill(connection, 400, "insert");
        // The open WAL, before any checkpoint.
        EXPECT_TRUE(files_with_canary(dir.path()).empty());
        // A big sort, a temporary table in memory, VACUUM, a checkpoint.
        auto sorted =
            connection.prepare("SELECT body FROM note ORDER BY substr(body, 20) || random() DESC");
        ASSERT_TRUE(sorted);
        while (*sorted->step()) {
        }
        ASSERT_TRUE(connection.exec("CREATE TEMP TABLE scratch AS SELECT * FROM note"));
        ASSERT_TRUE(connection.exec("VACUUM"));
        ASSERT_TRUE(connection.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        auto matches =
            connection.query_int64("SELECT count(*) FROM note_fts WHERE note_fts MATCH 'insert'");
        ASSERT_TRUE(matches);
        EXPECT_EQ(**matches, 400);
        EXPECT_TRUE(files_with_canary(dir.path()).empty());
        // Rollback-journal mode, with the journal kept on disk (PERSIST).
        ASSERT_TRUE(connection.exec("PRAGMA journal_mode=PERSIST"));
        fill(connection, 50, "journal");
        ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
        EXPECT_GT(std::filesystem::file_size(path + "-journal"), 4096u);
        EXPECT_TRUE(files_with_canary(dir.path()).empty());
        ASSERT_TRUE(connection.exec("PRAGMA journal_mode=WAL"));
    }
    // A crash with a WAL left behind, then recovery.
    write_and_die(path, *keyed.vfs, 30, "crash");
    ASSERT_TRUE(std::filesystem::exists(path + "-wal"));
    EXPECT_TRUE(files_with_canary(dir.path()).empty());
    Connection reopened = open_encrypted(path, *keyed.vfs, OpenMode::ReadWrite);
    EXPECT_EQ(count_rows(reopened), 480);
    auto check = reopened.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check && *check->step());
    EXPECT_EQ(check->text(0), "ok");
    EXPECT_TRUE(files_with_canary(dir.path()).empty());
    unsetenv("SQLITE_TMPDIR");
}

TEST(EncryptedVfs, APlainSqliteAndAWrongKeyAreRefusedAndWriteNothing) {
    dyad::test::TempDir dir;
    Keyed keyed;
    std::string path = dir.file("practice.db");
    {
        Connection connection = open_encrypted(path, *keyed.vfs);
        fill(connection, 20, "refuse");
    }
    std::string before = read_all(path);
    struct stat old_stat {};
    stat(path.c_str(), &old_stat);

    sqlite3* plain = nullptr;
    sqlite3_open_v2(path.c_str(), &plain, SQLITE_OPEN_READWRITE, nullptr);
    int rc = sqlite3_exec(plain, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    EXPECT_EQ(rc, SQLITE_NOTADB);
    sqlite3_close(plain);

    Keyed other;  // Another key and salt: another practice.
    auto wrong = Connection::open(path, OpenMode::ReadWrite, other.vfs->name());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::Corrupt);

    auto same_salt = EncryptedVfs::create(*SecretKey::random(), keyed.vfs->salt());
    auto wrong_key = Connection::open(path, OpenMode::ReadWrite, (*same_salt)->name());
    ASSERT_FALSE(wrong_key);
    EXPECT_NE(wrong_key.error().message.find("integrity check"), std::string::npos)
        << wrong_key.error().message;

    struct stat new_stat {};
    stat(path.c_str(), &new_stat);
    EXPECT_EQ(read_all(path), before) << "byte-identical after every refusal";
    EXPECT_EQ(new_stat.st_mtim.tv_sec, old_stat.st_mtim.tv_sec);
    EXPECT_EQ(new_stat.st_mtim.tv_nsec, old_stat.st_mtim.tv_nsec);
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

// Each kind of damage: a clean error from the read that meets it, never other data.
TEST(EncryptedVfs, FlippedBitsSwappedPagesAndTruncationAreErrors) {
    dyad::test::TempDir dir;
    Keyed keyed;
    std::string path = dir.file("practice.db");
    {
        Connection connection = open_encrypted(path, *keyed.vfs);
        fill(connection, 300, "damage");
    }
    const std::string pristine = read_all(path);
    ASSERT_GE(pristine.size(), 8u * 4096);
    struct Damage {
        const char* what;
        std::size_t offset;  // Bit flipped at this byte, or the page to swap / cut at.
        enum { Flip, Swap, Cut } how;
    };
    const Damage damages[] = {
        {"page 1 payload", 200, Damage::Flip},
        {"page 1 salt", 9, Damage::Flip},
        {"page 3 payload", 2 * 4096 + 1000, Damage::Flip},
        {"page 3 nonce", 2 * 4096 + 4060, Damage::Flip},
        {"page 3 tag", 2 * 4096 + 4090, Damage::Flip},
        {"last page tag", pristine.size() - 3, Damage::Flip},
        {"pages 2 and 3 swapped", 1, Damage::Swap},
        {"cut inside the last page", pristine.size() - 1000, Damage::Cut},
    };
    for (const auto& damage : damages) {
        std::string bytes = pristine;
        if (damage.how == Damage::Flip) {
            bytes[damage.offset] = static_cast<char>(bytes[damage.offset] ^ 0x10);
        } else if (damage.how == Damage::Swap) {
            std::swap_ranges(bytes.begin() + 4096, bytes.begin() + 8192, bytes.begin() + 8192);
        } else {
            bytes.resize(damage.offset);
        }
        write_all(path, bytes);
        auto connection = Connection::open(path, OpenMode::ReadWrite, keyed.vfs->name());
        if (!connection) {
            EXPECT_EQ(connection.error().code, ErrorCode::Corrupt) << damage.what;
            continue;
        }
        // Opened (page 1 intact): reading every row meets the damage.
        auto rows = connection->prepare("SELECT body FROM note ORDER BY id");
        ASSERT_TRUE(rows) << damage.what;
        bool failed = false;
        while (true) {
            auto row = rows->step();
            if (!row) {
                failed = true;
                EXPECT_EQ(row.error().code, ErrorCode::Corrupt)
                    << damage.what << ": " << row.error().message;
                break;
            }
            if (!*row) {
                break;
            }
            EXPECT_EQ(rows->text(0).rfind(kCanary, 0), 0u) << damage.what << ": garbage read";
        }
        auto check = connection->prepare("PRAGMA integrity_check");
        bool check_failed = !check || !check->step() || check->text(0) != "ok";
        EXPECT_TRUE(failed || check_failed) << damage.what << " went unnoticed";
    }
}

TEST(EncryptedVfs, ADamagedWalFrameIsAnErrorAndATornLastFrameEndsTheLog) {
    dyad::test::TempDir dir;
    Keyed keyed;
    std::string path = dir.file("practice.db");
    {
        Connection connection = open_encrypted(path, *keyed.vfs);
        fill(connection, 10, "base");
    }
    write_and_die(path, *keyed.vfs, 5, "wal");  // 5 commits, one frame or more each.
    const std::string wal = read_all(path + "-wal");
    const std::string database = read_all(path);
    const std::size_t frame = 24 + 4096;
    std::size_t frames = (wal.size() - 32) / frame;
    ASSERT_GE(frames, 5u);

    // A frame in the middle: an error, not a shortened log.
    std::string middle = wal;
    middle[32 + frame + 24 + 100] ^= 0x01;
    write_all(path + "-wal", middle);
    std::filesystem::remove(path + "-shm");
    {
        auto connection = Connection::open(path, OpenMode::ReadWrite, keyed.vfs->name());
        bool refused = !connection || !connection->query_int64("SELECT count(*) FROM note");
        EXPECT_TRUE(refused) << "a changed frame in the middle of the log was accepted";
    }
    // The last frame torn (a power cut during the last commit): the log ends before it, like a
    // plain SQLite database; the earlier commits are all there.
    write_all(path, database);
    std::string torn = wal;
    torn[32 + (frames - 1) * frame + 24 + 2000] ^= 0x01;
    write_all(path + "-wal", torn);
    std::filesystem::remove(path + "-shm");
    Connection recovered = open_encrypted(path, *keyed.vfs, OpenMode::ReadWrite);
    EXPECT_EQ(count_rows(recovered), 14);
}

TEST(EncryptedVfs, TemporaryFilesAreRefusedNotWrittenInClear) {
    dyad::test::TempDir dir;
    setenv("SQLITE_TMPDIR", dir.path().c_str(), 1);
    Keyed keyed;
    Connection connection = open_encrypted(dir.file("practice.db"), *keyed.vfs);
    fill(connection, 5, "temp");
    ASSERT_TRUE(connection.exec("PRAGMA temp_store=FILE; PRAGMA cache_size=5"));
    // Two megabytes through a 5-page cache: SQLite must spill to a temporary file.
    auto spilled = connection.exec(
        "CREATE TEMP TABLE copy AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
        "FROM n WHERE i < 2000) SELECT i, (SELECT body FROM note LIMIT 1) || "
        "randomblob(1000) AS body FROM n");
    EXPECT_FALSE(spilled) << "a temporary database file was opened";
    EXPECT_TRUE(files_with_canary(dir.path()).empty());
    unsetenv("SQLITE_TMPDIR");
}
