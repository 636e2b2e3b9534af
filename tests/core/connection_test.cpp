#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "db/connection.h"
#include "plugins/connection_prefetch.h"
#include "test_support.h"

using dyad::ErrorCode;
using dyad::db::Connection;
using dyad::db::OpenMode;
using dyad::db::Transaction;

namespace {

Connection open_temp(const dyad::test::TempDir& dir) {
    auto connection = Connection::open(dir.file("t.db"), OpenMode::CreateIfMissing);
    EXPECT_TRUE(connection) << connection.error().message;
    return std::move(*connection);
}

std::string pragma_text(Connection& connection, const std::string& pragma) {
    auto statement = connection.prepare("PRAGMA " + pragma);
    EXPECT_TRUE(statement);
    EXPECT_TRUE(*statement->step());
    return statement->text(0);
}

}  // namespace

TEST(Connection, SetsEveryPragmaOfTheDesignNote) {
    dyad::test::TempDir dir;
    Connection connection = open_temp(dir);
    struct {
        const char* pragma;
        const char* expected;
    } cases[] = {{"journal_mode", "wal"}, {"synchronous", "2"},     {"foreign_keys", "1"},
                 {"trusted_schema", "0"}, {"cell_size_check", "1"}, {"temp_store", "2"},
                 {"busy_timeout", "5000"}};
    for (const auto& c : cases) {
        EXPECT_EQ(pragma_text(connection, c.pragma), c.expected) << c.pragma;
    }
}

TEST(Connection, RefusesAFileThatIsNotADatabase) {
    dyad::test::TempDir dir;
    std::ofstream(dir.file("notes.db")) << "these are not the pages you are looking for, padded "
                                           "well past the 100-byte SQLite header size........";
    auto connection = Connection::open(dir.file("notes.db"), OpenMode::ReadWrite);
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().code, ErrorCode::Corrupt);
    EXPECT_NE(connection.error().message.find("not a Dyad practice database"), std::string::npos);
    EXPECT_NE(connection.error().message.find("restore a backup"), std::string::npos);
}

// Issue 21, item 5: files that are not what they seem are refused in words, without hanging.
TEST(Connection, AnEmptyFileAFifoAFolderAndALinkLoopAreRefusedInWords) {
    dyad::test::TempDir dir;
    std::ofstream(dir.file("empty.db")).close();
    mkfifo(dir.file("fifo.db").c_str(), 0600);
    std::filesystem::create_directories(dir.file("folder.db"));
    std::filesystem::create_symlink(dir.file("loop-b.db"), dir.file("loop-a.db"));
    std::filesystem::create_symlink(dir.file("loop-a.db"), dir.file("loop-b.db"));
    struct Case {
        const char* file;
        const char* words;
    };
    for (Case c : {Case{"empty.db", "is empty (0 bytes)"}, Case{"fifo.db", "not a plain file"},
                   Case{"folder.db", "is a folder"}, Case{"loop-a.db", "loop of symbolic links"}}) {
        for (OpenMode mode : {OpenMode::ReadWrite, OpenMode::ReadOnly, OpenMode::CreateIfMissing}) {
            auto connection = Connection::open(dir.file(c.file), mode);
            ASSERT_FALSE(connection) << c.file;
            EXPECT_NE(connection.error().message.find(c.words), std::string::npos)
                << c.file << ": " << connection.error().message;
        }
    }
    // The empty file is still there, untouched: nothing became a new practice.
    EXPECT_EQ(std::filesystem::file_size(dir.file("empty.db")), 0u);
}

TEST(Connection, ReportsAMissingFileAsNotFound) {
    dyad::test::TempDir dir;
    auto connection = Connection::open(dir.file("absent.db"), OpenMode::ReadWrite);
    ASSERT_FALSE(connection);
    EXPECT_EQ(connection.error().code, ErrorCode::NotFound);
}

TEST(Connection, ErrorsAreValuesWithSqliteMessages) {
    dyad::test::TempDir dir;
    Connection connection = open_temp(dir);
    auto statement = connection.prepare("SELEC 1");
    ASSERT_FALSE(statement);
    EXPECT_NE(statement.error().message.find("syntax error"), std::string::npos);
    ASSERT_TRUE(connection.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT"));
    auto insert = connection.prepare("INSERT INTO t (id, v) VALUES (1, NULL)");
    ASSERT_TRUE(insert);
    auto done = insert->run();
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, ErrorCode::Conflict);
}

TEST(Connection, CachedStatementsAreReusedAndSafeWhenNested) {
    dyad::test::TempDir dir;
    Connection connection = open_temp(dir);
    ASSERT_TRUE(
        connection.exec("CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT;"
                        "INSERT INTO t VALUES (1), (2), (3)"));
    const std::string sql = "SELECT id FROM t WHERE id >= ? ORDER BY id";
    sqlite3_stmt* first_handle = nullptr;
    {
        auto outer = connection.cached(sql);
        ASSERT_TRUE(outer);
        first_handle = outer->handle();
        outer->bind(1, 2);
        ASSERT_TRUE(*outer->step());
        // The same SQL while the cached one is mid-iteration: a separate statement.
        auto inner = connection.cached(sql);
        ASSERT_TRUE(inner);
        EXPECT_NE(inner->handle(), first_handle);
        inner->bind(1, 1);
        ASSERT_TRUE(*inner->step());
        EXPECT_EQ(inner->int64(0), 1);
        EXPECT_EQ(outer->int64(0), 2);
    }
    auto again = connection.cached(sql);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->handle(), first_handle);
    again->bind(1, 3);
    ASSERT_TRUE(*again->step());
    EXPECT_EQ(again->int64(0), 3);  // Bindings were cleared and the statement reset.
}

TEST(Transaction, NestedSavepointRollsBackOnlyItsOwnWork) {
    dyad::test::TempDir dir;
    Connection connection = open_temp(dir);
    ASSERT_TRUE(connection.exec("CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT"));
    {
        auto outer = Transaction::begin(connection);
        ASSERT_TRUE(outer);
        ASSERT_TRUE(connection.exec("INSERT INTO t VALUES (1)"));
        {
            auto inner = Transaction::begin(connection);
            ASSERT_TRUE(inner);
            ASSERT_TRUE(connection.exec("INSERT INTO t VALUES (2)"));
            // Destroyed without commit: rolled back to the savepoint.
        }
        ASSERT_TRUE(outer->commit());
    }
    EXPECT_EQ(**connection.query_int64("SELECT group_concat(id) FROM t"), 1);
    EXPECT_EQ(connection.transaction_depth(), 0);
}

TEST(Transaction, UncommittedOuterTransactionLeavesNothing) {
    dyad::test::TempDir dir;
    Connection connection = open_temp(dir);
    ASSERT_TRUE(connection.exec("CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT"));
    {
        auto outer = Transaction::begin(connection);
        ASSERT_TRUE(outer);
        ASSERT_TRUE(connection.exec("INSERT INTO t VALUES (1)"));
        auto inner = Transaction::begin(connection);
        ASSERT_TRUE(connection.exec("INSERT INTO t VALUES (2)"));
        ASSERT_TRUE(inner->commit());
    }
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM t"), 0);
}

// Start-up opens the plugins' connections on a second thread (plugins/connection_prefetch.h).
TEST(ConnectionPrefetch, HandsOutTheConnectionsItOpenedThenNone) {
    dyad::test::TempDir dir;
    {
        Connection main = open_temp(dir);
        ASSERT_TRUE(main.exec("CREATE TABLE t(x INTEGER) STRICT; INSERT INTO t VALUES (7)"));
    }
    dyad::plugins::ConnectionPrefetch prefetch(dir.file("t.db"), "", 2);
    for (int i = 0; i < 2; ++i) {
        auto connection = prefetch.take();
        ASSERT_TRUE(connection) << i;
        auto value = connection->query_int64("SELECT x FROM t");
        ASSERT_TRUE(value);
        EXPECT_EQ(**value, 7);
        // Opened like any connection: foreign keys on.
        EXPECT_EQ(**connection->query_int64("PRAGMA foreign_keys"), 1);
    }
    EXPECT_FALSE(prefetch.take());  // None left: the caller opens its own.
}

TEST(ConnectionPrefetch, AFailedOpenIsNoneAndUntakenOnesCloseAtTheEnd) {
    dyad::test::TempDir dir;
    std::ofstream(dir.file("text.db")) << std::string(4096, 'x');
    {
        dyad::plugins::ConnectionPrefetch broken(dir.file("text.db"), "", 1);
        EXPECT_FALSE(broken.take());  // Not a database: the caller's own open says so.
    }
    { Connection main = open_temp(dir); }
    {
        dyad::plugins::ConnectionPrefetch unused(dir.file("t.db"), "", 3);
        EXPECT_TRUE(unused.take());
    }  // One was taken; the thread stops with at most two opened ahead, closed here.
    // A schema changed after a connection was opened ahead is seen by it.
    dyad::plugins::ConnectionPrefetch ahead(dir.file("t.db"), "", 1);
    auto connection = ahead.take();
    ASSERT_TRUE(connection);
    {
        Connection main = open_temp(dir);
        ASSERT_TRUE(
            main.exec("CREATE TABLE later(y INTEGER) STRICT; INSERT INTO later VALUES (5)"));
    }
    auto value = connection->query_int64("SELECT y FROM later");
    ASSERT_TRUE(value) << value.error().message;
    EXPECT_EQ(**value, 5);
}
