// The same work on the same practice, plain and encrypted (docs/encryption.md), in one run so
// the ratios compare like with like: inserts (one per transaction, and 1000 per transaction),
// point lookups with a warm cache and with a cold one (every page read and decrypted), opening
// the practice (Argon2id aside), and the Argon2id cost of unlocking at the floor and at the
// limits calibrated on this computer. Prints p50/p95 per operation and the ratio.
//   build/bench/encryption_bench [ROWS]     (default 100000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "crypto/practice_keys.h"
#include "db/connection.h"
#include "practice.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Figures {
    double p50 = 0;
    double p95 = 0;
};

Figures measure(int runs, const std::function<void(int)>& work) {
    std::vector<double> ms;
    for (int run = 0; run < runs; ++run) {
        auto start = Clock::now();
        work(run);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2],
            ms[static_cast<std::size_t>(0.95 * static_cast<double>(ms.size() - 1))]};
}

void report(const char* what, Figures plain, Figures encrypted) {
    std::printf(
        "%-34s plain p50 %8.3f p95 %8.3f ms | encrypted p50 %8.3f p95 %8.3f ms | "
        "ratio p50 %.2fx\n",
        what, plain.p50, plain.p95, encrypted.p50, encrypted.p95,
        plain.p50 > 0 ? encrypted.p50 / plain.p50 : 0.0);
}

struct Side {
    std::string data_dir;
    std::optional<dyad::crypto::PracticeKey> key;
    std::unique_ptr<dyad::Practice> practice;

    const dyad::crypto::PracticeKey* key_pointer() const { return key ? &*key : nullptr; }
    void open() {
        dyad::PracticeOptions options;
        options.data_dir = data_dir;
        options.load_plugins = false;
        options.key = key_pointer();
        auto opened = dyad::Practice::open(options, dyad::CreatePractice::IfMissing);
        if (!opened) {
            std::fprintf(stderr, "%s\n", opened.error().message.c_str());
            std::exit(1);
        }
        practice = std::move(*opened);
    }
    dyad::db::Connection& db() { return practice->connection(); }
};

void run_sql(dyad::db::Connection& db, const std::string& sql) {
    if (auto done = db.exec(sql); !done) {
        std::fprintf(stderr, "%s\n", done.error().message.c_str());
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::stoi(argv[1]) : 100'000;
    std::string root = "/tmp/dyad-encryption-bench-" + std::to_string(getpid());
    std::filesystem::remove_all(root);
    Side plain{root + "/plain", std::nullopt, nullptr};
    Side encrypted{root + "/encrypted", std::nullopt, nullptr};
    auto keys =
        dyad::crypto::make_practice_keys("the bench passphrase", dyad::crypto::kArgon2Floor);
    std::filesystem::create_directories(encrypted.data_dir);
    (void)dyad::crypto::write_key_file(
        dyad::crypto::key_file_path(dyad::practice_database_path(encrypted.data_dir)), keys->file);
    encrypted.key = std::move(keys->key);
    std::printf("%d rows of about 120 bytes; synchronous=FULL, WAL, as Dyad runs\n", rows);

    for (Side* side : {&plain, &encrypted}) {
        side->open();
        run_sql(side->db(), "CREATE TABLE bench_note (id INTEGER PRIMARY KEY, body TEXT)");
        run_sql(side->db(), "BEGIN");
        for (int i = 0; i < rows; ++i) {
            auto insert = side->db().cached("INSERT INTO bench_note (body) VALUES (?1)");
            (void)insert
                ->bind(1, "session " + std::to_string(i) +
                              ": the couple practised the intentional dialogue and "
                              "mirrored well; homework follows")
                .run();
        }
        run_sql(side->db(), "COMMIT");
    }
    auto insert_one = [&](Side& side) {
        return [&side](int run) {
            auto insert = side.db().cached("INSERT INTO bench_note (body) VALUES (?1)");
            (void)insert->bind(1, "one more note " + std::to_string(run)).run();
        };
    };
    report("insert, one per transaction", measure(300, insert_one(plain)),
           measure(300, insert_one(encrypted)));
    auto insert_batch = [&](Side& side) {
        return [&side](int run) {
            run_sql(side.db(), "BEGIN");
            for (int i = 0; i < 1000; ++i) {
                auto insert = side.db().cached("INSERT INTO bench_note (body) VALUES (?1)");
                (void)insert->bind(1, "batched note " + std::to_string(run * 1000 + i)).run();
            }
            run_sql(side.db(), "COMMIT");
        };
    };
    report("insert, 1000 per transaction", measure(30, insert_batch(plain)),
           measure(30, insert_batch(encrypted)));

    std::mt19937 random(7);
    std::uniform_int_distribution<int> any_row(1, rows);
    auto lookup = [&](Side& side) {
        return [&](int) {
            for (int i = 0; i < 100; ++i) {
                auto select = side.db().cached("SELECT body FROM bench_note WHERE id = ?1");
                (void)select->bind(1, static_cast<std::int64_t>(any_row(random))).step();
            }
        };
    };
    report("100 point lookups, warm cache", measure(100, lookup(plain)),
           measure(100, lookup(encrypted)));
    for (Side* side : {&plain, &encrypted}) {
        run_sql(side->db(), "PRAGMA cache_size=8");  // Every lookup reads (and decrypts) pages.
    }
    report("100 point lookups, cold cache", measure(100, lookup(plain)),
           measure(100, lookup(encrypted)));

    if (argc > 2 && std::string(argv[2]) == "open-only") {  // For a profiler.
        (void)measure(2000, [&](int) {
            encrypted.practice.reset();
            encrypted.open();
        });
        return 0;
    }
    auto open_close = [&](Side& side) {
        return [&side](int) {
            side.practice.reset();
            side.open();
        };
    };
    report("open the practice (key in hand)", measure(20, open_close(plain)),
           measure(20, open_close(encrypted)));
    plain.practice.reset();
    encrypted.practice.reset();

    std::string database = dyad::practice_database_path(encrypted.data_dir);
    auto unlock = [&](int) {
        (void)dyad::crypto::unlock_with_passphrase(database, "the bench passphrase");
    };
    Figures floor = measure(5, unlock);
    std::printf("%-34s p50 %8.1f ms (64 MiB, 2 passes)\n", "Argon2id unlock at the floor",
                floor.p50);
    auto calibrated = dyad::crypto::calibrate_argon2(std::chrono::milliseconds(500));
    auto calibrated_key = dyad::crypto::unlock_with_passphrase(database, "the bench passphrase");
    (void)dyad::crypto::change_passphrase(database, *calibrated_key, "the bench passphrase",
                                          calibrated);
    Figures tuned = measure(5, unlock);
    std::printf("%-34s p50 %8.1f ms (%llu MiB, %llu passes, calibrated for 500 ms)\n",
                "Argon2id unlock, calibrated", tuned.p50,
                static_cast<unsigned long long>(calibrated.memlimit >> 20),
                static_cast<unsigned long long>(calibrated.opslimit));
    std::filesystem::remove_all(root);
    return 0;
}
