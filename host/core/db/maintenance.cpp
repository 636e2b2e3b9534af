#include "db/maintenance.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include <filesystem>
#include <thread>

#include "crypto/encrypted_vfs.h"
#include "crypto/practice_keys.h"
#include "db/backup_file.h"
#include "db/connection.h"
#include "db/sealed_backup.h"
#include "dyad/show.hpp"
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

}  // namespace

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
            return fail(ErrorCode::Invalid, show::marked("error", "backup cancelled"));
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

Result<PracticeLock> PracticeLock::acquire(const std::string& database_path, Kind kind) {
    std::string path = database_path + ".inuse";
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 && kind == Kind::Shared) {
        fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);  // A read-only folder: still lockable.
    }
    const int open_errno = errno;
    if (fd < 0) {
        if (kind == Kind::Shared) {
            return PracticeLock(-1);  // Cannot mark use (read-only medium); restore is refused.
        }
        return fail(ErrorCode::Io,
                    error_reason(show::marked("error", "cannot lock the practice ({path}: {why})"))
                        .with("path", path)
                        .with("why", std::strerror(open_errno)));
    }
    if (flock(fd, (kind == Kind::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        close(fd);
        return fail(ErrorCode::Conflict,
                    kind == Kind::Shared
                        ? show::marked("error",
                                       "the practice is being restored from a backup by another "
                                       "Dyad; open it again when the restore has finished")
                        : show::marked("error",
                                       "another Dyad window or dyadctl has this practice open; "
                                       "close it and restore again"));
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

Result<CheckReport> check_database(const std::string& path, const crypto::PracticeKey* key) {
    // Read-write: integrity_check skips CHECK constraints on a read-only connection. A file
    // this user cannot write is still checked, read-only, and the report says what was left out.
    CheckReport report;
    bool writable = access(path.c_str(), W_OK) == 0;
    std::shared_ptr<crypto::EncryptedVfs> vfs;  // Outlives the connection below.
    if (key != nullptr) {
        auto created = crypto::EncryptedVfs::create(key->data_key, key->salt);
        if (!created) {
            return std::unexpected(created.error());
        }
        vfs = std::move(*created);
    }
    auto connection = Connection::open(path, writable ? OpenMode::ReadWrite : OpenMode::ReadOnly,
                                       vfs ? vfs->name() : std::string());
    if (!writable) {
        report.notes.push_back(
            show::marked("database check",
                         "the file is read-only for you, so CHECK constraints were not verified"));
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
        return fail(
            ErrorCode::Corrupt,
            error_reason(show::marked("error", "the database is damaged: {why}"))
                .with_both("why", integrity.error().message, shown_message(integrity.error())));
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

namespace {

struct RemoveDatabase {
    std::string path;
    ~RemoveDatabase() {
        std::error_code error;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::filesystem::remove(path + suffix, error);
        }
    }
};

// Unpacks the backup at source to out (still encrypted for a sealed backup) and returns the
// key to read it with (empty for a plain backup); *verified: it carried a checksum or seal.
Result<std::optional<crypto::PracticeKey>> unpack_backup(const std::string& source,
                                                         const std::string& out,
                                                         const BackupKeys& keys, bool* verified) {
    auto kind = backup_kind(source);
    if (!kind) {
        return std::unexpected(kind.error());
    }
    if (*kind != BackupKind::Sealed) {
        DYAD_TRY(read_backup_file(source, out, verified));
        return std::optional<crypto::PracticeKey>();
    }
    auto key = unlock_sealed_backup(source, keys.current, keys.passphrase_or_recovery);
    if (!key) {
        return std::unexpected(key.error());
    }
    DYAD_TRY(read_sealed_backup(source, out, *key));
    *verified = true;
    return std::optional<crypto::PracticeKey>(std::move(*key));
}

// Copies the encrypted database at path (read through vfs_name) into a new file under `to`
// and puts it in its place.
Status reencrypt(const std::string& path, const std::string& vfs_name,
                 const crypto::PracticeKey& to) {
    auto target_vfs = crypto::EncryptedVfs::create(to.data_key, to.salt);
    if (!target_vfs) {
        return std::unexpected(target_vfs.error());
    }
    std::string rekeyed = path + ".rekeyed";
    RemoveDatabase remove{rekeyed};
    {
        auto from = Connection::open(path, OpenMode::ReadOnly, vfs_name);
        if (!from) {
            return std::unexpected(from.error());
        }
        sqlite3* into = nullptr;
        if (sqlite3_open_v2(rekeyed.c_str(), &into, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            (*target_vfs)->name().c_str()) != SQLITE_OK) {
            sqlite3_close_v2(into);
            return fail(ErrorCode::Io, "cannot write " + rekeyed);
        }
        int reserve = 40;
        sqlite3_file_control(into, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        Status copied = copy_pages(from->handle(), into, {});
        sqlite3_close_v2(into);
        DYAD_TRY(copied);
    }
    if (!sync_file(rekeyed)) {
        return fail(ErrorCode::Io, "cannot save " + rekeyed);
    }
    std::error_code error;
    std::filesystem::rename(rekeyed, path, error);
    if (error) {
        return fail(ErrorCode::Io, "cannot replace " + path + ": " + error.message());
    }
    return ok();
}

}  // namespace

Result<CheckReport> check_backup(const std::string& backup, const BackupKeys& keys) {
    std::string unpacked = backup + ".checking";
    RemoveDatabase remove{unpacked};
    bool verified = false;
    auto key = unpack_backup(backup, unpacked, keys, &verified);
    if (!key) {
        return std::unexpected(key.error());
    }
    auto report = check_database(unpacked, *key ? &**key : nullptr);
    if (report && !verified) {
        report->notes.push_back(show::marked(
            "database check", "the backup was made before backups carried a checksum"));
    }
    return report;
}

Status backup_database(const std::string& source, const std::string& target,
                       const Progress& progress, const crypto::PracticeKey* key) {
    std::shared_ptr<crypto::EncryptedVfs> vfs;  // Outlives both connections.
    crypto::KeyFile slots;
    if (key != nullptr) {
        auto carried = crypto::backup_slots(source, *key);
        auto created = crypto::EncryptedVfs::create(key->data_key, key->salt);
        if (!carried || !created) {
            return std::unexpected(!carried ? carried.error() : created.error());
        }
        slots = std::move(*carried);
        vfs = std::move(*created);
    }
    const std::string vfs_name = vfs ? vfs->name() : std::string();
    auto from = Connection::open(source, OpenMode::ReadOnly, vfs_name);
    if (!from) {
        return std::unexpected(from.error());
    }
    std::string partial = target + ".partial.db";
    RemoveDatabase remove{partial};
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    sqlite3* to = nullptr;
    if (sqlite3_open_v2(partial.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        vfs ? vfs_name.c_str() : nullptr) != SQLITE_OK) {
        std::string message = to ? sqlite3_errmsg(to) : "out of memory";
        sqlite3_close_v2(to);
        return fail(ErrorCode::Io, error_reason(show::marked("error", "cannot write {path}: {why}"))
                                       .with("path", target)
                                       .with("why", message));
    }
    if (vfs) {
        int reserve = 40;
        sqlite3_file_control(to, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    }
    Status copied = copy_pages(from->handle(), to, progress);
    // One file: the copy is not in WAL mode, so nothing of it is left in a -wal file.
    if (copied) {
        char* message = nullptr;
        if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message) !=
            SQLITE_OK) {
            copied = fail(ErrorCode::Io,
                          error_reason(show::marked("error", "cannot write {path}: {why}"))
                              .with("path", target)
                              .with("why", message != nullptr ? message : "unknown error"));
        }
        sqlite3_free(message);
    }
    sqlite3_close_v2(to);
    if (copied) {
        copied = key != nullptr ? write_sealed_backup(partial, target, *key, slots)
                                : write_backup_file(partial, target);
    }
    return copied;
}

Result<std::string> restore_database(const std::string& source, const std::string& live,
                                     int known_core_version, const BackupKeys& keys) {
    auto untouched = [](const Error& error) {
        return fail(error.code, error_reason(show::marked("error",
                                                          "{why}; the current database was not "
                                                          "touched"))
                                    .with_both("why", error.message, shown_message(error)));
    };
    auto lock = PracticeLock::acquire(live, PracticeLock::Kind::Exclusive);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    std::string restoring = live + ".restoring";
    std::error_code ignored;
    RemoveDatabase remove_restoring{restoring};
    const std::string live_keys = crypto::key_file_path(live);
    const bool live_encrypted = keys.current != nullptr || std::filesystem::exists(live_keys);

    bool verified = false;
    auto key = unpack_backup(source, restoring, keys, &verified);
    if (!key) {
        return untouched(key.error());
    }
    if (!*key && live_encrypted) {
        return untouched(Error{
            ErrorCode::Refused,
            show::marked("error",
                         "this backup is not encrypted (made before the practice was), and "
                         "restoring it would put client data on disk unencrypted; restore it into "
                         "a new folder (dyadctl --data-dir NEW db restore FILE) and encrypt that "
                         "practice")});
    }
    std::shared_ptr<crypto::EncryptedVfs> vfs;  // Outlives every connection below.
    if (*key) {
        auto created = crypto::EncryptedVfs::create((*key)->data_key, (*key)->salt);
        if (!created) {
            return untouched(created.error());
        }
        vfs = std::move(*created);
    }
    const std::string vfs_name = vfs ? vfs->name() : std::string();
    auto report = check_database(restoring, *key ? &**key : nullptr);
    if (!report) {
        return untouched(
            error_of(report.error().code,
                     error_reason(show::marked("error", "the backup cannot be read ({why})"))
                         .with_both("why", report.error().message, shown_message(report.error()))));
    }
    if (!report->healthy) {
        return untouched(
            error_of(ErrorCode::Corrupt,
                     error_reason(show::marked("error", "the backup is damaged ({problem})"))
                         .with("problem", report->problems.front())));
    }
    {
        auto backup = Connection::open(restoring, OpenMode::ReadOnly, vfs_name);
        if (!backup) {
            return untouched(backup.error());
        }
        auto ledger = backup->query_int64(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('plugin_schema', 'dyad_client')");
        if (!ledger || !*ledger || **ledger != 2) {
            return untouched(
                Error{ErrorCode::Invalid,
                      show::marked("error", "the file is not a Dyad practice backup")});
        }
        auto core = backup->query_int64(
            "SELECT max(version) FROM plugin_schema WHERE plugin_id = 'dyad.core'");
        if (core && *core && known_core_version > 0 && **core > known_core_version) {
            return untouched(
                error_of(ErrorCode::Invalid,
                         error_reason(show::marked("error",
                                                   "the backup was made by a newer Dyad (practice "
                                                   "schema {theirs}, this Dyad knows {ours}); "
                                                   "update Dyad to restore it"))
                             .with("theirs", std::to_string(**core))
                             .with("ours", std::to_string(known_core_version))));
        }
    }
    if (*key && keys.current != nullptr && keys.current->salt != (*key)->salt) {
        // Made under another key (before a key rotation): re-encrypted under the current one.
        if (Status rekeyed = reencrypt(restoring, vfs_name, *keys.current); !rekeyed) {
            return untouched(rekeyed.error());
        }
    }
    // Keep the current database as it is, damaged or not: a plain copy of its files. Something
    // that is not a plain file (a folder, a pipe) cannot be kept by copying: moved away first.
    auto live_status = std::filesystem::symlink_status(live, ignored);
    if (std::filesystem::exists(live_status) && !std::filesystem::is_regular_file(live_status) &&
        !std::filesystem::is_symlink(live_status)) {
        return untouched(error_of(ErrorCode::Invalid,
                                  error_reason(show::marked("error",
                                                            "{path} is not a plain file (a folder "
                                                            "or a pipe); move it away, then "
                                                            "restore again"))
                                      .with("path", live)));
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
                error_of(ErrorCode::Io,
                         error_reason(show::marked("error",
                                                   "the current database could not be kept as "
                                                   "{path} ({why})"))
                             .with("path", kept)
                             .with("why", error ? error.message() : "sync failed")));
        }
    }
    if (*key && keys.current == nullptr) {
        // No encrypted practice here (a new computer, a plain practice): the backup's own key
        // slots become the key file, so its passphrase and recovery key open it.
        auto slots = sealed_backup_slots(source);
        if (!slots) {
            return untouched(slots.error());
        }
        if (Status written = crypto::write_key_file(live_keys, *slots); !written) {
            return untouched(written.error());
        }
    }
    std::filesystem::remove(live + "-wal", ignored);
    std::filesystem::remove(live + "-shm", ignored);
    std::error_code error;
    std::filesystem::rename(restoring, live, error);
    if (error) {
        return fail(ErrorCode::Io, error_reason(show::marked("error",
                                                             "the backup could not replace {path} "
                                                             "({why}); the previous database is "
                                                             "kept as {kept}"))
                                       .with("path", live)
                                       .with("why", error.message())
                                       .with("kept", kept));
    }
    // The restored trail is older than the head kept apart (docs/audit-chain.md): a restore is
    // the one legitimate way back, so the head starts again from the restored trail.
    std::filesystem::remove(live + ".audit-head", ignored);
    (void)sync_folder(std::filesystem::path(live).parent_path().string());
    return kept;
}

}  // namespace dyad::db
