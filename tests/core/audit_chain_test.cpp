// The audit trail's hash chain (docs/audit-chain.md): the entry hash frozen by a known answer
// (computed independently with Python's hashlib), and `verify` naming the first entry edited,
// deleted, inserted or reordered, and a log cut short or put back, after each tampering.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

#include "practice.h"
#include "records/audit_chain.h"
#include "records/audit_query.h"
#include "test_support.h"

using namespace dyad;

namespace {

records::AuditRow known_row(std::int64_t seq, const char* uuid, const char* at, const char* action,
                            std::optional<std::string> detail) {
    records::AuditRow row;
    row.seq = seq;
    row.uuid = uuid;
    row.at = at;
    row.actor = "therapist";
    row.action = action;
    row.entity = "client";
    row.entity_id = 42;
    row.detail = std::move(detail);
    return row;
}

// A practice with a few dozen audited writes, closed (its head written).
std::string make_practice(const test::TempDir& dir) {
    PracticeOptions options;
    options.data_dir = dir.file("p");
    options.load_plugins = false;
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    EXPECT_TRUE(practice);
    EXPECT_TRUE(create_demo_practice((*practice)->records()));
    return practice_database_path(dir.file("p"));
}

// Raw SQL as someone with the file and sqlite3 would run it: the append-only triggers dropped.
void tamper(const std::string& database, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    std::string script =
        "DROP TRIGGER IF EXISTS dyad_audit_no_update;"
        "DROP TRIGGER IF EXISTS dyad_audit_no_delete;" +
        sql;
    int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &message);
    EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
}

records::ChainReport verify(const std::string& database) {
    auto connection = db::Connection::open(database, db::OpenMode::ReadWrite);
    EXPECT_TRUE(connection);
    auto report =
        records::verify_audit_chain(*connection, records::audit_head_path(database), nullptr);
    EXPECT_TRUE(report) << report.error().message;
    return *report;
}

std::int64_t entries(const std::string& database) {
    auto connection = db::Connection::open(database, db::OpenMode::ReadOnly);
    return **connection->query_int64("SELECT count(*) FROM dyad_audit");
}

}  // namespace

TEST(AuditChain, TheEntryHashIsFrozen) {
    records::AuditHash zero{};
    auto first =
        records::audit_entry_hash(zero, known_row(1, "00000000-0000-4000-8000-000000000001",
                                                  "2026-12-02T08:00:00Z", "create", std::nullopt));
    EXPECT_EQ(records::hex(first),
              "36ee5f497113e640fcfb4e843feb7cc7c45ba9e99e7bf6c5fcf25c4796046fc5");
    auto second = records::audit_entry_hash(
        first, known_row(2, "00000000-0000-4000-8000-000000000002", "2026-12-02T08:01:00Z",
                         "update", std::string("given_name")));
    EXPECT_EQ(records::hex(second),
              "aff35b713525126cbed221bbfa1cb1c67bc19cbeccc8c6d567a5c19e59a0b1a8");
    // NULL and empty differ.
    EXPECT_NE(records::audit_entry_hash(zero, known_row(1, "u", "t", "create", std::nullopt)),
              records::audit_entry_hash(zero, known_row(1, "u", "t", "create", "")));
}

TEST(AuditChain, AnUntouchedTrailVerifiesAndTheTriggersStillRefuseEdits) {
    test::TempDir dir;
    std::string database = make_practice(dir);
    auto report = verify(database);
    EXPECT_TRUE(report.intact) << report.problem;
    EXPECT_GT(report.entries, 10);
    EXPECT_TRUE(report.notes.empty());
    auto connection = db::Connection::open(database, db::OpenMode::ReadWrite);
    EXPECT_FALSE(connection->exec("UPDATE dyad_audit SET actor = 'someone' WHERE seq = 3"));
    EXPECT_FALSE(connection->exec("UPDATE dyad_audit SET hash = NULL WHERE seq = 3"));
    EXPECT_FALSE(connection->exec("DELETE FROM dyad_audit WHERE seq = 3"));
}

TEST(AuditChain, VerifyNamesTheFirstEditedDeletedInsertedOrReorderedEntry) {
    struct Case {
        const char* what;
        std::string sql;
        const char* expected;
    } cases[] = {
        {"edited", "UPDATE dyad_audit SET actor = 'someone else' WHERE seq = 5", "was edited"},
        {"deleted", "DELETE FROM dyad_audit WHERE seq = 6", "entry #6 was deleted"},
        {"inserted",
         "UPDATE dyad_audit SET seq = seq + 1000 WHERE seq >= 4;"
         "UPDATE dyad_audit SET seq = seq - 999 WHERE seq >= 1004;"
         "INSERT INTO dyad_audit (id, uuid, at, actor, action, entity, entity_id, seq, hash) "
         "VALUES (7777, 'forged', '2026-12-02T00:00:00Z', 'therapist', 'view', 'client', 1, 4, "
         "'0000000000000000000000000000000000000000000000000000000000000000')",
         "was inserted"},
        {"reordered",
         "UPDATE dyad_audit SET seq = -seq WHERE seq IN (7, 8);"
         "UPDATE dyad_audit SET seq = 8 WHERE seq = -7;"
         "UPDATE dyad_audit SET seq = 7 WHERE seq = -8",
         "was moved"},
        {"inserted without a place",
         "INSERT INTO dyad_audit (id, uuid, at, actor, action, entity, entity_id) VALUES (8888, "
         "'forged', '2026-12-02T00:00:00Z', 'therapist', 'view', 'client', 1)",
         "inserted outside Dyad"},
        {"cut short", "DELETE FROM dyad_audit WHERE seq > 9", "cut short"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        test::TempDir dir;
        std::string database = make_practice(dir);
        ASSERT_TRUE(verify(database).intact);
        tamper(database, c.sql);
        auto report = verify(database);
        EXPECT_FALSE(report.intact);
        EXPECT_NE(report.problem.find(c.expected), std::string::npos) << report.problem;
    }
}

TEST(AuditChain, AnOlderCopyPutBackIsNoticedAndARestoreStartsTheHeadAgain) {
    test::TempDir dir;
    std::string database = make_practice(dir);
    std::filesystem::copy_file(database, dir.file("older.db"));
    {
        PracticeOptions options;
        options.data_dir = dir.file("p");
        options.load_plugins = false;
        auto practice = Practice::open(options, CreatePractice::MustExist);
        ASSERT_TRUE(practice);
        records::ClientFields fields;
        fields.given_name = "Later";
        fields.family_name = "Client";
        ASSERT_TRUE((*practice)->records().create_client(fields, "therapist"));
    }
    std::int64_t before = entries(database);
    std::filesystem::copy_file(dir.file("older.db"), database,
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(database + "-wal");
    std::filesystem::remove(database + "-shm");
    auto report = verify(database);
    EXPECT_FALSE(report.intact);
    EXPECT_NE(report.problem.find("older copy put back"), std::string::npos) << report.problem;
    // Opening does not paper over it: the head is kept and the practice says why.
    {
        PracticeOptions options;
        options.data_dir = dir.file("p");
        options.load_plugins = false;
        auto practice = Practice::open(options, CreatePractice::MustExist);
        ASSERT_TRUE(practice);
        std::string warning = (*practice)->audit_warning();
        EXPECT_NE(warning.find("no longer reaches"), std::string::npos) << warning;
    }
    EXPECT_FALSE(verify(database).intact);
    EXPECT_LT(entries(database), before);
}

TEST(AuditChain, TheCsvExportQuotesAndDefusesFormulas) {
    std::vector<records::AuditEntry> entries = {
        {"2026-12-02T08:00:00Z", "Dana", "export", "client", 7, "format: pdf, \"chart\""},
        {"2026-12-02T08:01:00Z", "=cmd|' /C calc'!A0", "view", "unit", 3, ""}};
    EXPECT_EQ(records::audit_csv(entries),
              "at,actor,action,entity,entity_id,detail\r\n"
              "2026-12-02T08:00:00Z,Dana,export,client,7,\"format: pdf, \"\"chart\"\"\"\r\n"
              "2026-12-02T08:01:00Z,\"'=cmd|' /C calc'!A0\",view,unit,3,\r\n");
}

// The audit trail's date filter means the days as the window shows the entries: the
// computer's local days, not UTC ones (in New York, 03:30 UTC on the 4th is the evening of the
// 3rd).
TEST(AuditQuery, DatesAreTheComputersLocalDays) {
    test::ScopedEnv zone("TZ", "America/New_York");
    test::TempDir dir;
    PracticeOptions options;
    options.data_dir = dir.file("p");
    options.load_plugins = false;
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    ASSERT_TRUE(practice);
    ASSERT_TRUE((*practice)->connection().exec(
        "INSERT INTO dyad_audit (uuid, at, actor, action, entity, entity_id) VALUES "
        "('a', '2026-12-03T04:59:59Z', 'Dana', 'view', 'unit', 1),"    // The 2nd, 23:59:59.
        "('b', '2026-12-03T05:00:00Z', 'Dana', 'view', 'unit', 1),"    // The 3rd, midnight.
        "('c', '2026-12-04T03:30:00Z', 'Dana', 'view', 'unit', 1),"    // The 3rd, 22:30.
        "('d', '2026-12-04T05:00:00Z', 'Dana', 'view', 'unit', 1)"));  // The 4th, midnight.
    records::AuditFilter filter;
    filter.actor = "Dana";
    filter.from = "2026-12-03";
    filter.to = "2026-12-03";
    auto third = records::query_audit((*practice)->connection(), filter);
    ASSERT_TRUE(third) << third.error().message;
    ASSERT_EQ(third->size(), 2u);
    EXPECT_EQ((*third)[0].at, "2026-12-04T03:30:00Z");
    EXPECT_EQ((*third)[1].at, "2026-12-03T05:00:00Z");
    filter.from = "";
    auto until_third = records::query_audit((*practice)->connection(), filter);
    ASSERT_TRUE(until_third);
    EXPECT_EQ(until_third->size(), 3u);
    filter.to = "2026-02-30";
    auto impossible = records::query_audit((*practice)->connection(), filter);
    ASSERT_FALSE(impossible);
    EXPECT_EQ(impossible.error().code, ErrorCode::Invalid);
    EXPECT_NE(impossible.error().message.find("2026-02-30"), std::string::npos);
}

// A trail written before the chain existed (core schema 5: no hashes; some entries from before
// seq) is chained when the practice is next opened, and verifies.
TEST(AuditChain, EntriesFromBeforeTheChainAreChainedAtTheNextOpen) {
    test::TempDir dir;
    std::string database = make_practice(dir);
    std::int64_t count = entries(database);
    std::filesystem::remove(records::audit_head_path(database));
    tamper(database,
           "UPDATE dyad_audit SET hash = NULL; UPDATE dyad_audit SET seq = NULL "
           "WHERE seq <= 3;");
    {
        PracticeOptions options;
        options.data_dir = dir.file("p");
        options.load_plugins = false;
        auto practice = Practice::open(options, CreatePractice::MustExist);
        ASSERT_TRUE(practice) << practice.error().message;
        records::ClientFields fields;
        fields.given_name = "After";
        fields.family_name = "Chain";
        ASSERT_TRUE((*practice)->records().create_client(fields, "therapist"));
    }
    auto report = verify(database);
    EXPECT_TRUE(report.intact) << report.problem;
    EXPECT_EQ(report.entries, count + 1);
}
