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
};

// PRAGMA integrity_check and foreign_key_check on the file at path.
Result<CheckReport> check_database(const std::string& path);

// Progress in [0, 1]; return false to cancel.
using Progress = std::function<bool(double fraction)>;

// Copies the live database at source to target with SQLite's online backup API, a few pages at
// a time so a writer (the GUI) is never blocked for long. target is written to a temporary
// name and renamed when complete, so a cancelled or failed backup leaves no partial file.
Status backup_database(const std::string& source, const std::string& target,
                       const Progress& progress = {});

// Replaces the database at live with the backup at source. The backup is checked first (it
// must be a healthy Dyad database); the current database is kept as
// "<live>.before-restore-<time>" so nothing is lost.
Result<std::string> restore_database(const std::string& source, const std::string& live);

}  // namespace dyad::db
