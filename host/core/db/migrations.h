// The migration runner and its ledger, plugin_schema(plugin_id, version, checksum, applied_at).
// The host's own schema is owner "dyad.core"; each plugin is its own owner.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "db/connection.h"

namespace dyad::db {

struct Migration {
    int version = 0;  // 1, 2, 3, ... without gaps.
    std::string sql;
};

// Runs one migration's SQL. The default is Connection::exec; the plugin manager supplies one
// that confines the SQL to the plugin's names.
using MigrationExecutor = std::function<Status(Connection&, const Migration&)>;

struct MigrationReport {
    int previous_version = 0;
    int current_version = 0;
    int applied = 0;
};

// Called once, before the first pending migration of an owner that already has some applied
// (an upgrade, not a new database), with the versions; an error refuses the migration and
// nothing is changed. The practice makes its backup copy here.
using BeforeUpgrade = std::function<Status(const std::string& owner, int from, int to)>;

// Creates the ledger if missing.
Status ensure_ledger(Connection& connection);

// The highest applied version for owner, 0 when none.
Result<int> applied_version(Connection& connection, const std::string& owner);

// Applies every pending migration of owner in one transaction: all or nothing. Refuses, with a
// message naming the owner and version, a list with gaps, an applied migration whose SQL has
// changed since (checksum), and a database already migrated past the newest migration known
// (a newer version of the owner wrote it).
Result<MigrationReport> apply_migrations(Connection& connection, const std::string& owner,
                                         std::span<const Migration> migrations,
                                         const MigrationExecutor& execute = {},
                                         const BeforeUpgrade& before_upgrade = {});

// A stable 64-bit FNV-1a checksum of a migration's SQL, as 16 hex digits.
std::string migration_checksum(const std::string& sql);

}  // namespace dyad::db
