#include "db/maintenance.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include <filesystem>
#include <thread>

#include "db/backup_file.h"
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

Result<PracticeLock> PracticeLock::acquire(const std::string& database_path, Kind kind) {
    std::string path = database_path + ".inuse";
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 && kind == Kind::Shared) {
        fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);  // A read-only folder: still lockable.
    }
    if (fd < 0) {
        if (kind == Kind::Shared) {
            return PracticeLock(-1);  // Cannot mark use (read-only medium); restore is refused.
        }
        return fail(ErrorCode::Io,
                    "cannot lock the practice (" + path + ": " + std::strerror(errno) + ")");
    }
    if (flock(fd, (kind == Kind::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        close(fd);
        return fail(ErrorCode::Conflict,
                    kind == Kind::Shared
                        ? "the practice is being restored from a backup by another Dyad; open "
                          "it again when the restore has finished"
                        : "another Dyad window or dyadctl has this practice open; close it and "
                          "restore again");
    }
    return PracticeLock(fd);
}

PracticeLock::PracticeLock(PracticeLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

PracticeLock& PracticeLock::operator=(PracticeLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

PracticeLock::~PracticeLock() {
    if (m_fd >= 0) {
        close(m_fd);
    }
}

Result<CheckReport> check_database(const std::string& path) {
    // Read-write: integrity_check skips CHECK constraints on a read-only connection. A file
    // this user cannot write is still checked, read-only, and the report says what was left out.
    CheckReport report;
    bool writable = access(path.c_str(), W_OK) == 0;
    auto connection = Connection::open(path, writable ? OpenMode::ReadWrite : OpenMode::ReadOnly);
    if (!writable) {
        report.notes.push_back(
            "the file is read-only for you, so CHECK constraints were not verified");
    }
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

Result<CheckReport> check_backup(const std::string& backup) {
    std::string unpacked = backup + ".checking";
    struct Remove {
        std::string path;
        ~Remove() {
            std::error_code error;
            for (const char* suffix : {"", "-wal", "-shm"}) {
                std::filesystem::remove(path + suffix, error);
            }
        }
    } remove{unpacked};
    bool verified = false;
    DYAD_TRY(read_backup_file(backup, unpacked, &verified));
    auto report = check_database(unpacked);
    if (report && !verified) {
        report->notes.push_back("the backup was made before backups carried a checksum");
    }
    return report;
}

Status backup_database(const std::string& source, const std::string& target,
                       const Progress& progress) {
    auto from = Connection::open(source, OpenMode::ReadOnly);
    if (!from) {
        return std::unexpected(from.error());
    }
    std::string partial = target + ".partial.db";
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    sqlite3* to = nullptr;
    if (sqlite3_open_v2(partial.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        std::string message = to ? sqlite3_errmsg(to) : "out of memory";
        sqlite3_close_v2(to);
        return fail(ErrorCode::Io, "cannot write " + target + ": " + message);
    }
    Status copied = copy_pages(from->handle(), to, progress);
    // One file: the copy is not in WAL mode, so nothing of it is left in a -wal file.
    if (copied) {
        char* message = nullptr;
        if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message) !=
            SQLITE_OK) {
            copied = fail(ErrorCode::Io, "cannot write " + target + ": " +
                                             (message != nullptr ? message : "unknown error"));
        }
        sqlite3_free(message);
    }
    sqlite3_close_v2(to);
    if (copied) {
        copied = write_backup_file(partial, target);
    }
    std::filesystem::remove(partial, ignored);
    std::filesystem::remove(partial + "-journal", ignored);
    return copied;
}

Result<std::string> restore_database(const std::string& source, const std::string& live,
                                     int known_core_version) {
    auto untouched = [](const Error& error) {
        return fail(error.code, error.message + "; the current database was not touched");
    };
    auto lock = PracticeLock::acquire(live, PracticeLock::Kind::Exclusive);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    std::string restoring = live + ".restoring";
    std::error_code ignored;
    struct RemoveRestoring {
        std::string path;
        ~RemoveRestoring() {
            std::error_code error;
            std::filesystem::remove(path, error);
            std::filesystem::remove(path + "-wal", error);
            std::filesystem::remove(path + "-shm", error);
        }
    } remove_restoring{restoring};

    bool verified = false;
    if (Status read = read_backup_file(source, restoring, &verified); !read) {
        return untouched(read.error());
    }
    auto report = check_database(restoring);
    if (!report) {
        return untouched(Error{report.error().code,
                               "the backup cannot be read (" + report.error().message + ")"});
    }
    if (!report->healthy) {
        return untouched(
            Error{ErrorCode::Corrupt, "the backup is damaged (" + report->problems.front() + ")"});
    }
    {
        auto backup = Connection::open(restoring, OpenMode::ReadOnly);
        if (!backup) {
            return untouched(backup.error());
        }
        auto ledger = backup->query_int64(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('plugin_schema', 'dyad_client')");
        if (!ledger || !*ledger || **ledger != 2) {
            return untouched(Error{ErrorCode::Invalid, "the file is not a Dyad practice backup"});
        }
        auto core = backup->query_int64(
            "SELECT max(version) FROM plugin_schema WHERE plugin_id = 'dyad.core'");
        if (core && *core && known_core_version > 0 && **core > known_core_version) {
            return untouched(
                Error{ErrorCode::Invalid, "the backup was made by a newer Dyad (practice schema " +
                                              std::to_string(**core) + ", this Dyad knows " +
                                              std::to_string(known_core_version) +
                                              "); update Dyad to restore it"});
        }
    }
    // Keep the current database as it is, damaged or not: a plain copy of its files. Something
    // that is not a plain file (a folder, a pipe) cannot be kept by copying: moved away first.
    auto live_status = std::filesystem::symlink_status(live, ignored);
    if (std::filesystem::exists(live_status) && !std::filesystem::is_regular_file(live_status) &&
        !std::filesystem::is_symlink(live_status)) {
        return untouched(Error{ErrorCode::Invalid,
                               live + " is not a plain file (a folder or a pipe); move it away, "
                                      "then restore again"});
    }
    std::string kept = live + ".before-restore-" + compact_time();
    for (const char* suffix : {"", "-wal"}) {
        std::string from = live + suffix;
        if (!std::filesystem::exists(from, ignored)) {
            continue;
        }
        std::error_code error;
        std::filesystem::copy_file(from, kept + suffix,
                                   std::filesystem::copy_options::overwrite_existing, error);
        if (error || !sync_file(kept + suffix)) {
            std::filesystem::remove(kept, ignored);
            std::filesystem::remove(kept + "-wal", ignored);
            return untouched(
                Error{ErrorCode::Io, "the current database could not be kept as " + kept + " (" +
                                         (error ? error.message() : "sync failed") + ")"});
        }
    }
    std::filesystem::remove(live + "-wal", ignored);
    std::filesystem::remove(live + "-shm", ignored);
    std::error_code error;
    std::filesystem::rename(restoring, live, error);
    if (error) {
        return fail(ErrorCode::Io, "the backup could not replace " + live + " (" + error.message() +
                                       "); the previous database is kept as " + kept);
    }
    (void)sync_folder(std::filesystem::path(live).parent_path().string());
    return kept;
}

}  // namespace dyad::db
