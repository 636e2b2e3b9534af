// Integrity check, online backup and restore of a practice database.
// Thread: any thread, with its own connections (the GUI runs these on a worker).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "util/error.h"

namespace dyad::db {

struct CheckReport {
    bool healthy = true;
    std::vector<std::string> problems;  // integrity_check lines and foreign key violations.
    std::vector<std::string> notes;     // What the check could not cover, in words.
};

// PRAGMA integrity_check (CHECK constraints included: opened read-write when the file is
// writable) and foreign_key_check on the file at path.
Result<CheckReport> check_database(const std::string& path);

// Verifies a backup file (checksum) and checks the database inside it, without restoring it.
// The database is unpacked next to the backup for the check and removed afterwards.
Result<CheckReport> check_backup(const std::string& backup);

// Progress in [0, 1]; return false to cancel.
using Progress = std::function<bool(double fraction)>;

// Copies the live database at source to target with SQLite's online backup API, a few pages at
// a time so a writer (the GUI) is never blocked for long, in the backup container
// (docs/backup-format.md: length and checksum). target is written to temporary names and
// renamed when complete, so a cancelled or failed backup leaves no partial file.
Status backup_database(const std::string& source, const std::string& target,
                       const Progress& progress = {});

// Replaces the database at live with the backup at source and returns where the previous one
// is kept. The backup is verified first (checksum, a healthy Dyad database whose core schema
// is at most known_core_version; 0 skips that test); the current files are copied as they are
// (damaged or not) to "<live>.before-restore-<time>". Refused while any process has the
// practice open (PracticeLock).
Result<std::string> restore_database(const std::string& source, const std::string& live,
                                     int known_core_version);

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
