// Integrity check, online backup and restore of a practice database.
// Thread: any thread, with its own connections (the GUI runs these on a worker).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "util/error.h"

struct sqlite3;

namespace dyad::crypto {
struct PracticeKey;
}

namespace dyad::db {

struct CheckReport {
    bool healthy = true;
    std::vector<std::string> problems;  // integrity_check lines and foreign key violations.
    std::vector<std::string> notes;     // What the check could not cover (English; marked).
};

// PRAGMA integrity_check (CHECK constraints included: opened read-write when the file is
// writable) and foreign_key_check on the file at path; `key` for an encrypted database.
Result<CheckReport> check_database(const std::string& path,
                                   const crypto::PracticeKey* key = nullptr);

// The keys a check or restore of a backup may need: the practice's current key (null for a
// plain practice) and, for an encrypted backup made under another key, the passphrase it had
// then or its recovery key (docs/encryption.md, "Backups").
struct BackupKeys {
    const crypto::PracticeKey* current = nullptr;
    std::string passphrase_or_recovery;
};

// Verifies a backup file (checksum, or every encrypted chunk) and checks the database inside
// it, without restoring it. The database is unpacked next to the backup for the check (still
// encrypted, for an encrypted backup) and removed afterwards.
Result<CheckReport> check_backup(const std::string& backup, const BackupKeys& keys = {});

// Progress in [0, 1]; return false to cancel.
using Progress = std::function<bool(double fraction)>;

// Copies from `from` into `to` (both open) with SQLite's backup API, a few pages at a time.
Status copy_pages(sqlite3* from, sqlite3* to, const Progress& progress);

// Copies the live database at source to target with SQLite's online backup API, a few pages at
// a time so a writer (the GUI) is never blocked for long, in the backup container
// (docs/backup-format.md: length and checksum). target is written to temporary names and
// renamed when complete, so a cancelled or failed backup leaves no partial file. With `key`
// (an encrypted practice) the copy is made through the encrypting VFS and sealed
// (docs/encryption.md, "Backups"): no plaintext reaches the disk.
Status backup_database(const std::string& source, const std::string& target,
                       const Progress& progress = {}, const crypto::PracticeKey* key = nullptr);

// Replaces the database at live with the backup at source and returns where the previous one
// is kept. The backup is verified first (checksum, a healthy Dyad database whose core schema
// is at most known_core_version; 0 skips that test); the current files are copied as they are
// (damaged or not) to "<live>.before-restore-<time>". Refused while any process has the
// practice open (PracticeLock). An encrypted backup is restored under the practice's current
// key (re-encrypted when it was made under another); into a folder with no encrypted practice
// it brings its key slots as the key file. A plain backup is refused for an encrypted practice
// (it would put client data on disk unencrypted).
Result<std::string> restore_database(const std::string& source, const std::string& live,
                                     int known_core_version, const BackupKeys& keys = {});

// A process's claim on a practice: shared while it has the practice open, exclusive to
// replace its file (restore). flock on "<database>.inuse"; released when destroyed.
class PracticeLock {
  public:
    enum class Kind { Shared, Exclusive };
    static Result<PracticeLock> acquire(const std::string& database_path, Kind kind);
    PracticeLock(PracticeLock&& other) noexcept;
    PracticeLock& operator=(PracticeLock&& other) noexcept;
    PracticeLock(const PracticeLock&) = delete;
    PracticeLock& operator=(const PracticeLock&) = delete;
    ~PracticeLock();

  private:
    explicit PracticeLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

}  // namespace dyad::db
