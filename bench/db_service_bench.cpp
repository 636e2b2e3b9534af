// A statement through the SDK's db service against the same statement through raw sqlite3:
// insert and point lookup on 100k rows, and a three-table join over the core_* views. Both
// connections have the same pragmas; the SDK one also has the confinement authorizer and step
// budget a plugin gets.
//
//   build/bench/db_service_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>

#include "db/connection.h"
#include "plugins/plugin_context.h"
#include "records/core_schema.h"

namespace {

constexpr std::int64_t kRows = 100'000;

struct Bench {
    std::string folder;
    dyad::db::Connection host;
    dyad::plugins::PluginContext context;
    const dyad_db_v1* db = nullptr;

    Bench() {
        folder =
            std::filesystem::temp_directory_path() / ("dyad-bench-" + std::to_string(getpid()));
        std::filesystem::create_directories(folder);
        std::string path = folder + "/bench.db";
        std::filesystem::remove(path);
        host = std::move(*dyad::db::Connection::open(path, dyad::db::OpenMode::CreateIfMissing));
        (void)dyad::records::migrate_core(host);
        (void)host.exec(
            "CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, v TEXT) STRICT;"
            "CREATE TABLE bench_sdk (id INTEGER PRIMARY KEY, v TEXT) STRICT;");
        // Grow the file once and free the pages, so neither insert benchmark pays for
        // growing the file while the other reuses free pages.
        (void)host.exec(
            "CREATE TABLE scratch (v TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION "
            "ALL SELECT i + 1 FROM n WHERE i < 400000) INSERT INTO scratch SELECT "
            "'a short note of a session' FROM n; DROP TABLE scratch;");
        context.plugin_id = "bench.plugin";
        context.table_prefix = "bench";
        dyad::plugins::bind_host(context);
        (void)dyad::plugins::open_plugin_database(context, path, {}, 1'000'000'000);
        db = static_cast<const dyad_db_v1*>(
            context.host.get_service(&context.host, DYAD_DB_SERVICE));
    }
    ~Bench() {
        context.database.reset();
        host = dyad::db::Connection();
        std::filesystem::remove_all(folder);
    }
    sqlite3* raw() { return host.handle(); }
};

Bench& bench() {
    static Bench instance;
    return instance;
}

void BM_RawInsert(benchmark::State& state) {
    sqlite3* db = bench().raw();
    sqlite3_exec(db, "DELETE FROM bench_raw; BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO bench_raw (id, v) VALUES (?, ?)", -1, &insert, nullptr);
    std::int64_t id = 0;
    for (auto _ : state) {
        sqlite3_bind_int64(insert, 1, ++id);
        // SQLITE_TRANSIENT: the SDK copies bound text too (its contract), so this is like for like.
        sqlite3_bind_text(insert, 2, "a short note of a session", -1, SQLITE_TRANSIENT);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}

void BM_SdkInsert(benchmark::State& state) {
    Bench& b = bench();
    const dyad_host* host = &b.context.host;
    b.db->exec(host, "DELETE FROM bench_sdk");
    b.db->begin(host);
    dyad_stmt* insert = nullptr;
    b.db->prepare(host, "INSERT INTO bench_sdk (id, v) VALUES (?, ?)", &insert);
    std::int64_t id = 0;
    for (auto _ : state) {
        b.db->bind_int64(insert, 1, ++id);
        b.db->bind_text(insert, 2, "a short note of a session", -1);
        b.db->step(insert);
        b.db->reset(insert);
    }
    b.db->finalize(insert);
    b.db->commit(host);
}

void fill(const char* table) {
    sqlite3* db = bench().raw();
    std::string sql = std::string("DELETE FROM ") + table +
                      "; WITH RECURSIVE n(i) AS (SELECT 1 "
                      "UNION ALL SELECT i + 1 FROM n WHERE i < " +
                      std::to_string(kRows) + ") INSERT INTO " + table +
                      " SELECT i, 'note ' || i FROM n";
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

void BM_RawPointLookup(benchmark::State& state) {
    fill("bench_raw");
    sqlite3* db = bench().raw();
    sqlite3_stmt* select = nullptr;
    sqlite3_prepare_v2(db, "SELECT v FROM bench_raw WHERE id = ?", -1, &select, nullptr);
    std::mt19937_64 random(42);
    for (auto _ : state) {
        sqlite3_bind_int64(select, 1, static_cast<std::int64_t>(random() % kRows) + 1);
        sqlite3_step(select);
        benchmark::DoNotOptimize(sqlite3_column_text(select, 0));
        sqlite3_reset(select);
    }
    sqlite3_finalize(select);
}

void BM_SdkPointLookup(benchmark::State& state) {
    fill("bench_sdk");
    Bench& b = bench();
    dyad_stmt* select = nullptr;
    b.db->prepare(&b.context.host, "SELECT v FROM bench_sdk WHERE id = ?", &select);
    std::mt19937_64 random(42);
    for (auto _ : state) {
        b.db->bind_int64(select, 1, static_cast<std::int64_t>(random() % kRows) + 1);
        b.db->step(select);
        benchmark::DoNotOptimize(b.db->column_text(select, 0));
        b.db->reset(select);
    }
    b.db->finalize(select);
}

// A three-table join over the core_* views (a unit, its members, their names) for one random
// unit of 10,000 couples: the authorizer decides at prepare time, so the prepared statement
// pays only the step budget and the watchdog; the *Prepare variants prepare it every time.
constexpr const char* kJoin =
    "SELECT u.display_name, c.given_name, c.family_name FROM core_unit u "
    "JOIN core_unit_member m ON m.unit_id = u.id JOIN core_client c ON c.id = m.client_id "
    "WHERE u.id = ?";
constexpr std::int64_t kUnits = 10'000;

void fill_units() {
    static bool filled = false;
    if (filled) {
        return;
    }
    filled = true;
    sqlite3* db = bench().raw();
    std::string sql =
        "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
        std::to_string(kUnits) +
        ") INSERT INTO dyad_unit (id, uuid, kind, display_name, status, created_at, updated_at) "
        "SELECT i, 'u' || i, 'couple', 'Couple ' || i, 'active', 'now', 'now' FROM n;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
        std::to_string(2 * kUnits) +
        ") INSERT INTO dyad_client (id, uuid, given_name, family_name, status, created_at, "
        "updated_at) SELECT i, 'c' || i, 'Given ' || i, 'Family ' || i, 'active', 'now', 'now' "
        "FROM n; INSERT INTO dyad_unit_member (unit_id, client_id, role, joined_at) SELECT "
        "(id + 1) / 2, id, 'partner', 'now' FROM dyad_client; COMMIT;";
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

void BM_RawJoin(benchmark::State& state) {
    fill_units();
    sqlite3* db = bench().raw();
    sqlite3_stmt* select = nullptr;
    std::mt19937_64 random(42);
    if (state.range(0) == 0) {
        sqlite3_prepare_v2(db, kJoin, -1, &select, nullptr);
    }
    for (auto _ : state) {
        if (state.range(0) != 0) {
            sqlite3_prepare_v2(db, kJoin, -1, &select, nullptr);
        }
        sqlite3_bind_int64(select, 1, static_cast<std::int64_t>(random() % kUnits) + 1);
        while (sqlite3_step(select) == SQLITE_ROW) {
            benchmark::DoNotOptimize(sqlite3_column_text(select, 1));
        }
        sqlite3_reset(select);
        if (state.range(0) != 0) {
            sqlite3_finalize(select);
        }
    }
    if (state.range(0) == 0) {
        sqlite3_finalize(select);
    }
}

void BM_SdkJoin(benchmark::State& state) {
    fill_units();
    Bench& b = bench();
    const dyad_host* host = &b.context.host;
    dyad_stmt* select = nullptr;
    std::mt19937_64 random(42);
    if (state.range(0) == 0) {
        b.db->prepare(host, kJoin, &select);
    }
    for (auto _ : state) {
        if (state.range(0) != 0) {
            b.db->prepare(host, kJoin, &select);
        }
        b.db->bind_int64(select, 1, static_cast<std::int64_t>(random() % kUnits) + 1);
        while (b.db->step(select) == DYAD_ROW) {
            benchmark::DoNotOptimize(b.db->column_text(select, 1));
        }
        b.db->reset(select);
        if (state.range(0) != 0) {
            b.db->finalize(select);
        }
    }
    if (state.range(0) == 0) {
        b.db->finalize(select);
    }
}

}  // namespace

BENCHMARK(BM_RawJoin)->Arg(0)->Arg(1);
BENCHMARK(BM_SdkJoin)->Arg(0)->Arg(1);
BENCHMARK(BM_RawInsert)->Iterations(kRows);
BENCHMARK(BM_SdkInsert)->Iterations(kRows);
BENCHMARK(BM_RawPointLookup);
BENCHMARK(BM_SdkPointLookup);
BENCHMARK_MAIN();
