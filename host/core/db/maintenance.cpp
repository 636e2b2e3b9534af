#include "db/maintenance.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "db/connection.h"
#include "util/ids.h"

namespace dyad::db {
namespace {

constexpr int kPagesPerStep = 256;

std::string compact_time() {
    std::string time = now_utc_iso();
    std::string compact;
    for (char c : time) {
        if (c != ':' && c != '-') {
            compact += c;
        }
    }
    return compact;
}

// Copies from `from` into `to` (both open) with the backup API.
Status copy_pages(sqlite3* from, sqlite3* to, const Progress& progress) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr) {
        return fail(ErrorCode::Database,
                    std::string("backup could not start: ") + sqlite3_errmsg(to));
    }
    int code = SQLITE_OK;
    while (true) {
        code = sqlite3_backup_step(backup, kPagesPerStep);
        if (code == SQLITE_DONE) {
            break;
        }
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        if (code != SQLITE_OK) {
            break;
        }
        int total = sqlite3_backup_pagecount(backup);
        int remaining = sqlite3_backup_remaining(backup);
        if (progress && total > 0 &&
            !progress(static_cast<double>(total - remaining) / static_cast<double>(total))) {
            sqlite3_backup_finish(backup);
            return fail(ErrorCode::Invalid, "backup cancelled");
        }
    }
    sqlite3_backup_finish(backup);
    if (code != SQLITE_DONE) {
        return std::unexpected(sqlite_error(code, "backup failed", sqlite3_errstr(code)));
    }
    if (progress) {
        progress(1.0);
    }
    return ok();
}

}  // namespace

Result<CheckReport> check_database(const std::string& path) {
    auto connection = Connection::open(path, OpenMode::ReadOnly);
    CheckReport report;
    if (!connection && connection.error().code == ErrorCode::Corrupt) {
        report.healthy = false;
        report.problems.push_back(connection.error().message);
        return report;
    }
    if (!connection) {
        return std::unexpected(connection.error());
    }
    auto integrity = connection->prepare("PRAGMA integrity_check");
    if (!integrity) {
        return fail(ErrorCode::Corrupt, "the database is damaged: " + integrity.error().message);
    }
    while (true) {
        auto row = integrity->step();
        if (!row) {
            report.healthy = false;
            report.problems.push_back(row.error().message);
            break;
        }
        if (!*row) {
            break;
        }
        if (integrity->text(0) != "ok") {
            report.healthy = false;
            report.problems.push_back(integrity->text(0));
        }
    }
    auto foreign_keys = connection->prepare("PRAGMA foreign_key_check");
    if (foreign_keys) {
        while (true) {
            auto row = foreign_keys->step();
            if (!row || !*row) {
                break;
            }
            report.healthy = false;
            report.problems.push_back("row " + std::to_string(foreign_keys->int64(1)) + " of " +
                                      foreign_keys->text(0) + " refers to a missing " +
                                      foreign_keys->text(2));
        }
    }
    return report;
}

Status backup_database(const std::string& source, const std::string& target,
                       const Progress& progress) {
    auto from = Connection::open(source, OpenMode::ReadOnly);
    if (!from) {
        return std::unexpected(from.error());
    }
    std::string partial = target + ".partial";
    std::filesystem::remove(partial);
    sqlite3* to = nullptr;
    if (sqlite3_open_v2(partial.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        std::string message = to ? sqlite3_errmsg(to) : "out of memory";
        sqlite3_close_v2(to);
        return fail(ErrorCode::Io, "cannot write " + target + ": " + message);
    }
    Status copied = copy_pages(from->handle(), to, progress);
    sqlite3_close_v2(to);
    std::error_code error;
    if (!copied) {
        std::filesystem::remove(partial, error);
        return copied;
    }
    std::filesystem::rename(partial, target, error);
    if (error) {
        std::filesystem::remove(partial, error);
        return fail(ErrorCode::Io, "cannot write " + target + ": " + error.message());
    }
    return ok();
}

Result<std::string> restore_database(const std::string& source, const std::string& live) {
    auto report = check_database(source);
    if (!report) {
        return fail(report.error().code, "the backup cannot be read (" + report.error().message +
                                             "); the current database was not touched");
    }
    if (!report->healthy) {
        return fail(ErrorCode::Corrupt, "the backup is damaged (" + report->problems.front() +
                                            "); the current database was not touched");
    }
    {
        auto backup = Connection::open(source, OpenMode::ReadOnly);
        if (!backup) {
            return std::unexpected(backup.error());
        }
        auto ledger = backup->query_int64(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('plugin_schema', 'dyad_client')");
        if (!ledger || !*ledger || **ledger != 2) {
            return fail(ErrorCode::Invalid,
                        "the file is not a Dyad practice backup; the current "
                        "database was not touched");
        }
    }
    std::string kept = live + ".before-restore-" + compact_time();
    if (std::filesystem::exists(live)) {
        DYAD_TRY(backup_database(live, kept));
    }
    auto from = Connection::open(source, OpenMode::ReadOnly);
    if (!from) {
        return std::unexpected(from.error());
    }
    auto to = Connection::open(live, OpenMode::CreateIfMissing);
    if (!to) {
        return std::unexpected(to.error());
    }
    DYAD_TRY(copy_pages(from->handle(), to->handle(), {}));
    return kept;
}

}  // namespace dyad::db
