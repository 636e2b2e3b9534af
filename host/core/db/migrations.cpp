#include "db/migrations.h"

#include <cstdio>

#include "util/ids.h"

namespace dyad::db {

std::string migration_checksum(const std::string& sql) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : sql) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

Status ensure_ledger(Connection& connection) {
    return connection.exec(
        "CREATE TABLE IF NOT EXISTS plugin_schema ("
        " plugin_id TEXT NOT NULL,"
        " version INTEGER NOT NULL CHECK (version > 0),"
        " checksum TEXT NOT NULL,"
        " applied_at TEXT NOT NULL,"
        " PRIMARY KEY (plugin_id, version)"
        ") STRICT");
}

Result<int> applied_version(Connection& connection, const std::string& owner) {
    auto statement = connection.cached(
        "SELECT coalesce(max(version), 0) FROM plugin_schema WHERE plugin_id = ?");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, owner);
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return static_cast<int>(statement->int64(0));
}

namespace {

Status check_sequence(const std::string& owner, std::span<const Migration> migrations) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i) + 1) {
            return fail(ErrorCode::Invalid,
                        owner +
                            ": migrations must be numbered 1, 2, 3, ... without gaps "
                            "(found " +
                            std::to_string(migrations[i].version) + " at position " +
                            std::to_string(i + 1) + ")");
        }
    }
    return ok();
}

Status check_applied_checksums(Connection& connection, const std::string& owner,
                               std::span<const Migration> migrations) {
    auto statement =
        connection.prepare("SELECT version, checksum FROM plugin_schema WHERE plugin_id = ?");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, owner);
    while (true) {
        auto row = statement->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            return ok();
        }
        auto version = statement->int64(0);
        if (version >= 1 && version <= static_cast<std::int64_t>(migrations.size()) &&
            migrations[static_cast<std::size_t>(version - 1)].sql.empty() == false &&
            migration_checksum(migrations[static_cast<std::size_t>(version - 1)].sql) !=
                statement->text(1)) {
            return fail(ErrorCode::Refused, owner + ": migration " + std::to_string(version) +
                                                " was changed after it was applied to this "
                                                "database; ship changes as a new migration");
        }
    }
}

}  // namespace

Result<MigrationReport> apply_migrations(Connection& connection, const std::string& owner,
                                         std::span<const Migration> migrations,
                                         const MigrationExecutor& execute,
                                         const BeforeUpgrade& before_upgrade) {
    DYAD_TRY(check_sequence(owner, migrations));
    DYAD_TRY(ensure_ledger(connection));

    auto transaction = Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto current = applied_version(connection, owner);
    if (!current) {
        return std::unexpected(current.error());
    }
    MigrationReport report;
    report.previous_version = *current;
    report.current_version = *current;
    int newest = static_cast<int>(migrations.size());
    if (*current > newest) {
        return fail(ErrorCode::Refused,
                    owner + ": this database is at schema version " + std::to_string(*current) +
                        ", written by a newer version; this version knows up to " +
                        std::to_string(newest));
    }
    DYAD_TRY(check_applied_checksums(connection, owner, migrations));
    if (before_upgrade && *current > 0 && *current < newest) {
        if (Status ready = before_upgrade(owner, *current, newest); !ready) {
            return fail(ready.error().code, owner + ": not upgraded from schema version " +
                                                std::to_string(*current) + ", nothing changed (" +
                                                ready.error().message + ")");
        }
    }

    for (const Migration& migration : migrations) {
        if (migration.version <= *current) {
            continue;
        }
        Status done = execute ? execute(connection, migration) : connection.exec(migration.sql);
        if (!done) {
            return fail(done.error().code,
                        owner + ": migration " + std::to_string(migration.version) +
                            " failed, nothing was applied (" + done.error().message + ")");
        }
        auto record = connection.prepare(
            "INSERT INTO plugin_schema (plugin_id, version, checksum, applied_at) "
            "VALUES (?, ?, ?, ?)");
        if (!record) {
            return std::unexpected(record.error());
        }
        record->bind(1, owner)
            .bind(2, migration.version)
            .bind(3, migration_checksum(migration.sql))
            .bind(4, now_utc_iso());
        DYAD_TRY(record->run());
        report.current_version = migration.version;
        ++report.applied;
    }
    DYAD_TRY(transaction->commit());
    return report;
}

}  // namespace dyad::db
