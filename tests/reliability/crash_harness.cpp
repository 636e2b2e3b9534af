// The crash harness (issue 21): real dyadctl writer processes killed with SIGKILL at random,
// seeded moments over the write paths (a note's amendment and its search index, signing, a CSV
// import, a BCR, a check-in, a backup, an invoice with its gap-free number, a new practice's
// migrations and plugin loads), each
// followed by `db check`
// and a check that every write reported done is present, exactly once.
//
//   crash_harness [--kills N] [--seed S] [--dyadctl PATH] [--plugins DIR] [--keep]
//
// Prints the figures (kills, integrity failures, confirmed saves lost, duplicates, crashes,
// hangs, false quarantines) and exits 1 when any of them but kills is not zero.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "db/maintenance.h"
#include "test_support.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Figures {
    int operations = 0;
    int kills = 0;
    int confirmed = 0;
    int integrity_failures = 0;
    int lost = 0;
    int duplicates = 0;
    int crashes = 0;
    int hangs = 0;
    int quarantines = 0;
    int partial_files = 0;
};

struct Outcome {
    bool killed = false;
    bool confirmed = false;  // Exited 0: the command said it was done.
    std::string out;
    std::string err;
};

struct Harness {
    std::string dyadctl;
    std::string plugins;
    std::string root;
    std::string practice;  // The data folder most operations write to.
    std::mt19937 random;
    Figures figures;
    std::map<std::string, std::chrono::milliseconds> typical;  // Per operation, unkilled.

    std::vector<std::string> argv(const std::string& data_dir, std::vector<std::string> args) {
        std::vector<std::string> all = {dyadctl, "--data-dir", data_dir};
        all.insert(all.end(), args.begin(), args.end());
        return all;
    }

    // Runs the command; with kill_after, sends SIGKILL after that long if it still runs.
    Outcome run(const std::vector<std::string>& command,
                std::optional<std::chrono::microseconds> kill_after) {
        std::string out_file = root + "/out.txt";
        std::string err_file = root + "/err.txt";
        pid_t child = fork();
        if (child == 0) {
            std::freopen(out_file.c_str(), "w", stdout);
            std::freopen(err_file.c_str(), "w", stderr);
            std::freopen("/dev/null", "r", stdin);
            std::string path = "DYAD_PLUGIN_PATH=" + plugins;
            putenv(path.data());
            std::vector<char*> args;
            for (const auto& arg : command) {
                args.push_back(const_cast<char*>(arg.c_str()));
            }
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        Outcome outcome;
        auto started = Clock::now();
        int status = 0;
        bool sent = false;
        while (true) {
            pid_t done = waitpid(child, &status, WNOHANG);
            if (done == child) {
                break;
            }
            auto elapsed = Clock::now() - started;
            if (kill_after && !sent && elapsed >= *kill_after) {
                kill(child, SIGKILL);
                sent = true;
            }
            if (elapsed > std::chrono::seconds(120)) {
                ++figures.hangs;
                std::cerr << "HANG: " << command.back() << "\n";
                kill(child, SIGKILL);
                waitpid(child, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        std::ifstream out(out_file);
        outcome.out.assign(std::istreambuf_iterator<char>(out), {});
        std::ifstream err(err_file);
        outcome.err.assign(std::istreambuf_iterator<char>(err), {});
        if (WIFSIGNALED(status)) {
            if (WTERMSIG(status) == SIGKILL && sent) {
                outcome.killed = true;
                ++figures.kills;
            } else {
                ++figures.crashes;
                std::cerr << "CRASH (signal " << WTERMSIG(status) << "): " << outcome.err << "\n";
            }
        } else if (outcome.err.find("Sanitizer") != std::string::npos) {
            ++figures.crashes;
            std::cerr << "SANITIZER: " << outcome.err << "\n";
        } else {
            outcome.confirmed = WEXITSTATUS(status) == 0;
        }
        return outcome;
    }

    // Runs an operation of the given kind, killed at a random moment within its usual length
    // (measured on its first, unkilled run).
    Outcome attempt(const std::string& kind, const std::vector<std::string>& command) {
        ++figures.operations;
        auto known = typical.find(kind);
        if (known == typical.end()) {
            auto started = Clock::now();
            Outcome outcome = run(command, std::nullopt);
            typical[kind] =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started) +
                std::chrono::milliseconds(1);
            return outcome;
        }
        auto span = std::chrono::duration_cast<std::chrono::microseconds>(known->second);
        std::uniform_int_distribution<std::int64_t> when(0, span.count() * 8 / 5);
        return run(command, std::chrono::microseconds(when(random)));
    }

    std::int64_t count(const std::string& database, const std::string& sql,
                       const std::string& parameter) {
        sqlite3* db = nullptr;
        std::int64_t result = -1;
        if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(db, 5000);
            sqlite3_stmt* statement = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
                sqlite3_bind_text(statement, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
                if (sqlite3_step(statement) == SQLITE_ROW) {
                    result = sqlite3_column_int64(statement, 0);
                }
            }
            sqlite3_finalize(statement);
        }
        sqlite3_close(db);
        return result;
    }

    void check_health(const std::string& data_dir, const std::string& after) {
        auto check = run(argv(data_dir, {"db", "check"}), std::nullopt);
        if (!check.confirmed) {
            ++figures.integrity_failures;
            std::cerr << "INTEGRITY after " << after << ": " << check.err << "\n";
        }
        auto listed = run(argv(data_dir, {"plugins", "list", "--json"}), std::nullopt);
        if (listed.out.find("quarantined") != std::string::npos) {
            ++figures.quarantines;
            std::cerr << "QUARANTINE after " << after << ": " << listed.out << "\n";
        }
    }
};

std::string first_id(const std::string& json, const std::string& key) {
    auto at = json.find("\"" + key + "\":");
    if (at == std::string::npos) {
        return {};
    }
    at += key.size() + 3;
    return json.substr(at, json.find_first_of(",}", at) - at);
}

}  // namespace

int main(int argc, char** argv) {
    int kills_wanted = 100;
    unsigned seed = 1;
    bool keep = false;
    Harness h;
    h.dyadctl = dyad::test::dyadctl_path();
    h.plugins = DYAD_BUILD_PLUGIN_DIR;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (arg == "--kills") {
            kills_wanted = std::atoi(next().c_str());
        } else if (arg == "--seed") {
            seed = static_cast<unsigned>(std::atol(next().c_str()));
        } else if (arg == "--dyadctl") {
            h.dyadctl = next();
        } else if (arg == "--plugins") {
            h.plugins = next();
        } else if (arg == "--keep") {
            keep = true;
        } else {
            std::cerr << "usage: crash_harness [--kills N] [--seed S] [--dyadctl PATH] "
                         "[--plugins DIR] [--keep]\n";
            return 2;
        }
    }
    h.random.seed(seed);
    dyad::test::TempDir dir;
    h.root = dir.path();
    h.practice = dir.file("practice");

    // Set-up, not killed: a demo practice, a signed note to amend, a couple for BCRs.
    if (!h.run(h.argv(h.practice, {"demo", "--people-only"}), std::nullopt).confirmed) {
        std::cerr << "set-up failed: demo\n";
        return 1;
    }
    std::string database = h.practice + "/practice.db";
    auto units = h.run(h.argv(h.practice, {"units", "list", "--json"}), std::nullopt);
    std::string unit = first_id(units.out, "id");
    auto note = h.run(h.argv(h.practice, {"records", "note-new", "--unit", unit, "--template",
                                          "dap", "--date", "2026-11-26"}),
                      std::nullopt);
    std::string note_id = note.out.substr(0, note.out.find('\n'));
    for (const char* key : {"data", "assessment", "plan"}) {
        h.run(h.argv(h.practice, {"records", "note-set", note_id, key, "Set-up text"}),
              std::nullopt);
    }
    if (!h.run(h.argv(h.practice, {"records", "note-sign", note_id}), std::nullopt).confirmed) {
        std::cerr << "set-up failed: the note could not be signed\n";
        return 1;
    }
    auto members =
        h.run(h.argv(h.practice, {"records", "clients", "--unit", unit, "--json"}), std::nullopt);
    std::string sender = first_id(members.out, "id");
    std::string receiver = first_id(members.out.substr(members.out.find('}') + 1), "id");

    // The couple billed self-pay 60/40, for invoices (gap-free numbers across kills).
    if (!h.run(h.argv(h.practice, {"billing", "setup", "--unit", unit, "--kind", "self_pay",
                                   "--split", sender + ":60," + receiver + ":40"}),
               std::nullopt)
             .confirmed) {
        std::cerr << "set-up failed: billing\n";
        return 1;
    }

    // A gift granted for the whole year, for check-ins.
    std::string frustration =
        h.run(h.argv(h.practice, {"bcr", "new", "--unit", unit, "--sender", sender, "--receiver",
                                  receiver, "I don't like it when you are late."}),
              std::nullopt)
            .out;
    frustration = frustration.substr(0, frustration.find('\n'));
    h.run(h.argv(h.practice, {"bcr", "desire", frustration, "I want to feel I matter."}),
          std::nullopt);
    h.run(h.argv(h.practice,
                 {"bcr", "requests", frustration,
                  "Text me if you will be more than 10 minutes late, every time for 3 weeks",
                  "Kiss me hello every evening for 3 weeks", "Ask about my day each evening"}),
          std::nullopt);
    if (!h.run(h.argv(h.practice, {"bcr", "grant", frustration, "--request", "1", "--days", "365"}),
               std::nullopt)
             .confirmed) {
        std::cerr << "set-up failed: the gift could not be granted\n";
        return 1;
    }

    std::vector<std::string> amendments;  // Confirmed markers.
    std::vector<std::string> checkins;
    std::vector<std::string> signed_notes;
    std::vector<std::string> frustrations;
    std::map<std::string, std::string> imports;  // Family name -> CSV, until confirmed.
    std::vector<std::string> imported;
    std::vector<std::pair<std::string, std::string>> invoices;  // Number, file.
    int serial = 0;
    std::uniform_int_distribution<int> pick(0, 8);
    auto started = Clock::now();
    while (h.figures.kills < kills_wanted && h.figures.operations < kills_wanted * 20) {
        std::string marker = "mk" + std::to_string(seed) + "x" + std::to_string(++serial);
        int kind = pick(h.random);
        std::string what;
        if (kind == 0) {
            what = "amend";
            auto outcome = h.attempt(
                what, h.argv(h.practice, {"records", "note-amend", note_id, "harness", marker}));
            if (outcome.confirmed) {
                amendments.push_back(marker);
            }
        } else if (kind == 1) {
            what = "import";
            // An unfinished import is run again (it must resume, not duplicate) before a new one.
            std::string family = imports.empty() ? marker : imports.begin()->first;
            if (imports.empty()) {
                std::string csv = h.root + "/" + family + ".csv";
                std::ofstream file(csv);
                file << "given_name,family_name,date_of_birth,unit\n";
                for (int row = 0; row < 12; ++row) {
                    file << "P" << row << "," << family << ",1980-01-0" << (row % 9 + 1) << ","
                         << (row % 3 == 0 ? "" : family + std::to_string(row / 3)) << "\n";
                }
                imports[family] = csv;
            }
            auto outcome = h.attempt(
                what, h.argv(h.practice, {"records", "import", "--csv", imports[family]}));
            // Killed just after it finished: running it again says so (and writes nothing).
            bool finished = outcome.err.find("already imported completely") != std::string::npos;
            if (outcome.confirmed || finished) {
                imports.erase(family);
                imported.push_back(family);
            }
        } else if (kind == 2) {
            what = "bcr";
            auto outcome = h.attempt(
                what, h.argv(h.practice, {"bcr", "new", "--unit", unit, "--sender", sender,
                                          "--receiver", receiver, "I felt alone " + marker}));
            if (outcome.confirmed) {
                frustrations.push_back("I felt alone " + marker);
            }
        } else if (kind == 6) {
            what = "checkin";
            auto outcome =
                h.attempt(what, h.argv(h.practice, {"bcr", "checkin", frustration, "--outcome",
                                                    "done", "--note", marker}));
            if (outcome.confirmed) {
                checkins.push_back(marker);
            }
        } else if (kind == 7) {
            what = "sign";
            auto draft = h.run(h.argv(h.practice, {"records", "note-new", "--unit", unit,
                                                   "--template", "dap", "--date", "2026-11-27"}),
                               std::nullopt);
            std::string id = draft.out.substr(0, draft.out.find('\n'));
            for (const char* key : {"data", "assessment", "plan"}) {
                h.run(h.argv(h.practice, {"records", "note-set", id, key, "Text " + marker}),
                      std::nullopt);
            }
            auto outcome = h.attempt(what, h.argv(h.practice, {"records", "note-sign", id}));
            if (outcome.confirmed) {
                signed_notes.push_back(id);
            }
        } else if (kind == 3) {
            what = "backup";
            std::string target = h.root + "/" + marker + ".dyadbackup";
            auto outcome = h.attempt(what, h.argv(h.practice, {"db", "backup", target}));
            bool exists = std::filesystem::exists(target);
            if (outcome.confirmed && !exists) {
                ++h.figures.lost;
                std::cerr << "LOST: backup " << target << " reported made\n";
            }
            if (exists) {
                auto verified = dyad::db::check_backup(target);
                if (!verified || !verified->healthy) {
                    ++h.figures.partial_files;
                    std::cerr << "PARTIAL backup left: " << target << "\n";
                }
                std::filesystem::remove(target);
            }
        } else if (kind == 4) {
            // An invoice: its number is taken in the transaction that records it, so a kill
            // leaves no gap; a confirmed one has its file.
            what = "invoice";
            int week = serial;
            char when[32];
            std::snprintf(when, sizeof when, "2025-%02d-%02d 09:%02d", 1 + week % 12,
                          1 + (week / 12) % 28, week / 336 % 60);
            auto booked = h.run(h.argv(h.practice, {"records", "book", "--unit", unit, "--start",
                                                    when, "--minutes", "50"}),
                                std::nullopt);
            std::string session = booked.out.substr(0, booked.out.find('\n'));
            h.run(h.argv(h.practice, {"records", "session-status", session, "attended"}),
                  std::nullopt);
            h.run(h.argv(h.practice, {"billing", "charge-sessions", "--unit", unit, "--from",
                                      "2025-01-01", "--to", "2025-12-31"}),
                  std::nullopt);
            std::string file = h.root + "/" + marker + ".pdf";
            auto outcome = h.attempt(what, h.argv(h.practice, {"billing", "invoice", "--unit", unit,
                                                               "--client", sender, "--out", file}));
            if (outcome.confirmed) {
                invoices.emplace_back(outcome.out.substr(8, 10), file);
                if (!std::filesystem::exists(file)) {
                    ++h.figures.partial_files;
                    std::cerr << "MISSING invoice file " << file << "\n";
                }
            }
            std::filesystem::remove(file + ".pending");  // A kill between commit and rename.
        } else {
            // A new practice: core and plugin migrations, the first plugin loads and the whole
            // demo (its sessions, then every plugin's part). Killed, it must start again
            // cleanly: before the commit an empty practice, after it the plugins' part is
            // finished by the next `demo`.
            what = "new-practice";
            std::string fresh = h.root + "/" + marker;
            auto outcome =
                h.attempt(what, h.argv(fresh, {"demo", "--clients", "150", "--units", "60"}));
            if (!outcome.confirmed) {
                auto again = h.run(h.argv(fresh, {"demo", "--clients", "150", "--units", "60"}),
                                   std::nullopt);
                // Killed after everything was done: the whole demo is there, nothing pending.
                bool whole = again.err.find("already has client units") != std::string::npos &&
                             h.count(fresh + "/practice.db",
                                     "SELECT count(*) >= 60 FROM dyad_unit WHERE ?1 = ?1", "") == 1;
                if (h.count(fresh + "/practice.db",
                            "SELECT count(*) FROM host_plugin_setting WHERE key = ?1",
                            "demo_plugins_pending") > 0) {
                    ++h.figures.integrity_failures;
                    std::cerr << "NEW PRACTICE: the demo's plugins are still pending\n";
                }
                if (!again.confirmed && !whole) {
                    ++h.figures.integrity_failures;
                    std::cerr << "NEW PRACTICE after a kill: " << again.err << "\n";
                }
            }
            h.check_health(fresh, what);
            std::filesystem::remove_all(fresh);
        }
        h.figures.confirmed =
            static_cast<int>(amendments.size() + frustrations.size() + imported.size());
        h.check_health(h.practice, what);
    }

    // Every write reported done is there, exactly once, and its search index with it.
    for (const auto& marker : amendments) {
        if (h.count(database, "SELECT count(*) FROM records_note_amendment WHERE body = ?",
                    marker) != 1 ||
            h.count(database,
                    "SELECT count(*) FROM records_note_search WHERE records_note_search MATCH ?",
                    marker) != 1) {
            ++h.figures.lost;
            std::cerr << "LOST: amendment " << marker << "\n";
        }
    }
    for (const auto& text : frustrations) {
        if (h.count(database, "SELECT count(*) FROM bcr_frustration WHERE text = ?", text) != 1) {
            ++h.figures.lost;
            std::cerr << "LOST: frustration " << text << "\n";
        }
    }
    for (const auto& marker : checkins) {
        if (h.count(database, "SELECT count(*) FROM bcr_checkin WHERE appreciation = ?", marker) !=
            1) {
            ++h.figures.lost;
            std::cerr << "LOST: check-in " << marker << "\n";
        }
    }
    for (const auto& id : signed_notes) {
        if (h.count(database,
                    "SELECT count(*) FROM records_note WHERE id = ? AND status = 'signed'",
                    id) != 1) {
            ++h.figures.lost;
            std::cerr << "LOST: signature of note " << id << "\n";
        }
    }
    for (const auto& family : imported) {
        std::int64_t clients =
            h.count(database, "SELECT count(*) FROM dyad_client WHERE family_name = ?", family);
        if (clients < 12) {
            ++h.figures.lost;
            std::cerr << "LOST: import " << family << " has " << clients << " of 12 clients\n";
        } else if (clients > 12) {
            ++h.figures.duplicates;
            std::cerr << "DUPLICATES: import " << family << " has " << clients << " clients\n";
        }
    }
    for (const auto& [number, file] : invoices) {
        if (h.count(database, "SELECT count(*) FROM billing_document WHERE number = ?", number) !=
            1) {
            ++h.figures.lost;
            std::cerr << "LOST: invoice " << number << "\n";
        }
    }
    // Gap-free: numbers 1..n, each once, and the counter's next is n + 1.
    std::int64_t issued =
        h.count(database, "SELECT count(*) FROM billing_document WHERE ?1 = ?1", "");
    if (h.count(database,
                "SELECT count(*) FROM billing_document WHERE kind = 'invoice' AND "
                "CAST(substr(number, 5) AS INTEGER) BETWEEN 1 AND (SELECT count(*) FROM "
                "billing_document) AND ?1 = ?1",
                "") != issued ||
        h.count(database,
                "SELECT coalesce((SELECT next FROM billing_counter WHERE series = 'INV'), 1) "
                "WHERE ?1 = ?1",
                "") != issued + 1) {
        ++h.figures.integrity_failures;
        std::cerr << "GAP in invoice numbers: " << issued << " issued\n";
    }
    std::cout << "invoices: " << invoices.size() << " confirmed, " << issued << " recorded\n";
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count();
    const Figures& f = h.figures;
    std::cout << "crash harness (seed " << seed << "): " << f.operations << " operations, "
              << f.kills << " kills, " << f.confirmed << " confirmed saves checked, "
              << f.integrity_failures << " integrity failures, " << f.lost
              << " confirmed saves lost, " << f.duplicates << " duplicates, " << f.partial_files
              << " partial files, " << f.crashes << " crashes, " << f.hangs << " hangs, "
              << f.quarantines << " false quarantines, " << seconds << " s\n";
    if (keep) {
        std::cout << "kept: " << h.root << "\n";
        std::string kept = h.root + "-kept";
        std::filesystem::rename(h.root, kept);
        std::filesystem::create_directories(h.root);
    }
    bool failed = f.integrity_failures + f.lost + f.duplicates + f.partial_files + f.crashes +
                      f.hangs + f.quarantines >
                  0;
    return failed ? 1 : 0;
}
