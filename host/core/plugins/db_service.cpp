// The dyad.db/1 service: a plugin's confined connection (docs/confinement.md). Nothing here
// throws across the C boundary.
#include <sqlite3.h>

#include <cstring>
#include <optional>

#include <dyad/text.hpp>

#include "plugins/plugin_context.h"
#include "util/ids.h"
#include "util/log.h"

struct dyad_stmt {
    sqlite3_stmt* stmt = nullptr;
    dyad::plugins::PluginDatabase* owner = nullptr;
};

namespace dyad::plugins {
namespace {

PluginDatabase* database_of(const dyad_host* host) {
    return context_of(host).database.get();
}

int unavailable(const dyad_host* host) {
    (void)host;
    return DYAD_UNAVAILABLE;
}

std::string stopped_by_time(const PluginDatabase& database) {
    return "query stopped: it ran longer than " +
           std::to_string(database.watchdog->limit().count()) + " ms (a runaway query?)";
}

int db_fail(PluginDatabase& database, int code) {
    sqlite3* handle = database.connection.handle();
    if ((code & 0xff) == SQLITE_AUTH) {
        database.last_error = "not allowed: " + database.policy->last_denial();
        return DYAD_DENIED;
    }
    if ((code & 0xff) == SQLITE_INTERRUPT && database.budget->exhausted()) {
        database.last_error = "query stopped: it ran past the limit of " +
                              std::to_string(database.budget->budget()) +
                              " steps (a runaway query?)";
        return DYAD_ERROR;
    }
    if ((code & 0xff) == SQLITE_INTERRUPT && database.watchdog->fired()) {
        database.last_error = stopped_by_time(database);
        return DYAD_ERROR;
    }
    // A full disk and I/O errors in the host's words (the same as for core writes).
    int primary = code & 0xff;
    database.last_error =
        primary == SQLITE_FULL || primary == SQLITE_IOERR
            ? db::sqlite_error(code, "the database could not be written", sqlite3_errmsg(handle))
                  .message
            : std::string(sqlite3_errmsg(handle));
    return primary == SQLITE_CONSTRAINT ? DYAD_INVALID : DYAD_ERROR;
}

int db_exec(const dyad_host* host, const char* sql) {
    PluginDatabase* database = database_of(host);
    if (database == nullptr) {
        return unavailable(host);
    }
    database->budget->begin_step();
    database->watchdog->begin();
    Status done =
        exec_confined(database->connection.handle(), *database->policy, text_or_empty(sql));
    database->watchdog->end();
    if (!done && database->watchdog->fired()) {
        database->last_error = stopped_by_time(*database);
        return DYAD_ERROR;
    }
    if (!done) {
        database->last_error = done.error().message;
        return done.error().code == ErrorCode::Refused ? DYAD_DENIED : DYAD_ERROR;
    }
    return DYAD_OK;
}

int db_prepare(const dyad_host* host, const char* sql, dyad_stmt** out) {
    *out = nullptr;
    PluginDatabase* database = database_of(host);
    if (database == nullptr) {
        return unavailable(host);
    }
    if (sql == nullptr) {
        database->last_error = "the SQL text holds no statement";
        return DYAD_INVALID;
    }
    if (Status checked = database->policy->check_text(sql); !checked) {
        database->last_error = checked.error().message;
        return DYAD_DENIED;
    }
    database->policy->begin_statement();
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int code = sqlite3_prepare_v2(database->connection.handle(), sql, -1, &stmt, &tail);
    if (code != SQLITE_OK) {
        return db_fail(*database, code);
    }
    if (stmt == nullptr) {
        database->last_error = "the SQL text holds no statement";
        return DYAD_INVALID;
    }
    while (tail != nullptr &&
           (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' || *tail == '\r')) {
        ++tail;
    }
    if (tail != nullptr && *tail != '\0') {
        sqlite3_finalize(stmt);
        database->last_error = "prepare takes one statement; use exec for several";
        return DYAD_INVALID;
    }
    *out = new dyad_stmt{stmt, database};
    return DYAD_OK;
}

int db_bind_int64(dyad_stmt* stmt, int index, int64_t value) {
    return sqlite3_bind_int64(stmt->stmt, index, value) == SQLITE_OK ? DYAD_OK : DYAD_INVALID;
}

int db_bind_double(dyad_stmt* stmt, int index, double value) {
    return sqlite3_bind_double(stmt->stmt, index, value) == SQLITE_OK ? DYAD_OK : DYAD_INVALID;
}

int db_bind_text(dyad_stmt* stmt, int index, const char* text, int length) {
    // Text enters the practice here for every plugin: only valid UTF-8 without NUL bytes, so
    // JSON, FHIR and the GUI never meet bytes they cannot show.
    if (text != nullptr) {
        std::string_view view(text,
                              length < 0 ? std::strlen(text) : static_cast<std::size_t>(length));
        if (std::string problem = sdk::text_problem(view, "the text"); !problem.empty()) {
            if (stmt->owner != nullptr) {
                stmt->owner->last_error = problem;
            }
            return DYAD_INVALID;
        }
    }
    return sqlite3_bind_text(stmt->stmt, index, text, length, SQLITE_TRANSIENT) == SQLITE_OK
               ? DYAD_OK
               : DYAD_INVALID;
}

int db_bind_blob(dyad_stmt* stmt, int index, const void* data, int64_t size) {
    constexpr int64_t kLargest = 64LL * 1024 * 1024;
    if (size < 0 || size > kLargest || (data == nullptr && size > 0)) {
        if (stmt->owner != nullptr) {
            stmt->owner->last_error = "a blob is 0 to 64 MiB (keep larger files on disk)";
        }
        // Never the previous row's bytes: a caller that ignores the refusal stores NULL.
        sqlite3_bind_null(stmt->stmt, index);
        return DYAD_INVALID;
    }
    int code = size == 0 ? sqlite3_bind_zeroblob(stmt->stmt, index, 0)
                         : sqlite3_bind_blob64(stmt->stmt, index, data,
                                               static_cast<sqlite3_uint64>(size), SQLITE_TRANSIENT);
    return code == SQLITE_OK ? DYAD_OK : DYAD_INVALID;
}

const void* db_column_blob(dyad_stmt* stmt, int column, int64_t* size) {
    const void* data = sqlite3_column_blob(stmt->stmt, column);
    int bytes = sqlite3_column_bytes(stmt->stmt, column);
    if (size != nullptr) {
        *size = data != nullptr ? bytes : 0;
    }
    return bytes > 0 ? data : nullptr;
}

int db_bind_null(dyad_stmt* stmt, int index) {
    return sqlite3_bind_null(stmt->stmt, index) == SQLITE_OK ? DYAD_OK : DYAD_INVALID;
}

int db_step(dyad_stmt* stmt) {
    PluginDatabase& database = *stmt->owner;
    database.budget->begin_step();
    database.policy->begin_statement();  // A schema change re-prepares inside step.
    database.watchdog->begin();
    int code = sqlite3_step(stmt->stmt);
    database.watchdog->end();
    if (code == SQLITE_ROW || code == SQLITE_DONE) {
        return code;
    }
    return db_fail(database, code);
}

int db_column_count(dyad_stmt* stmt) {
    return sqlite3_column_count(stmt->stmt);
}

int db_column_type(dyad_stmt* stmt, int column) {
    switch (sqlite3_column_type(stmt->stmt, column)) {
        case SQLITE_INTEGER:
            return DYAD_TYPE_INTEGER;
        case SQLITE_FLOAT:
            return DYAD_TYPE_FLOAT;
        case SQLITE_TEXT:
            return DYAD_TYPE_TEXT;
        case SQLITE_BLOB:
            return DYAD_TYPE_BLOB;
        default:
            return DYAD_TYPE_NULL;
    }
}

int64_t db_column_int64(dyad_stmt* stmt, int column) {
    return sqlite3_column_int64(stmt->stmt, column);
}

double db_column_double(dyad_stmt* stmt, int column) {
    return sqlite3_column_double(stmt->stmt, column);
}

const char* db_column_text(dyad_stmt* stmt, int column) {
    const unsigned char* text = sqlite3_column_text(stmt->stmt, column);
    return text != nullptr ? reinterpret_cast<const char*>(text) : "";
}

int db_reset(dyad_stmt* stmt) {
    sqlite3_reset(stmt->stmt);
    return DYAD_OK;
}

void db_finalize(dyad_stmt* stmt) {
    if (stmt != nullptr) {
        sqlite3_finalize(stmt->stmt);
        delete stmt;
    }
}

int db_transaction(const dyad_host* host, const char* outer, const char* inner_format,
                   int depth_change) {
    PluginDatabase* database = database_of(host);
    if (database == nullptr) {
        return unavailable(host);
    }
    int depth = database->transaction_depth;
    if (depth_change < 0 && depth == 0) {
        database->last_error = "no transaction is open";
        return DYAD_INVALID;
    }
    int level = depth_change > 0 ? depth : depth - 1;
    std::string sql = level == 0 ? outer : std::string(inner_format) + std::to_string(level);
    Status done = exec_confined(database->connection.handle(), *database->policy, sql);
    if (!done) {
        database->last_error = done.error().message;
        return DYAD_ERROR;
    }
    database->transaction_depth = depth + depth_change;
    auto& pending = database->pending_audits;
    if (depth_change < 0 && std::string(outer) == "ROLLBACK") {
        // This level's audits go with it (and the outermost rollback drops them all).
        std::erase_if(pending, [depth](const auto& entry) { return entry.first >= depth; });
    } else if (depth_change < 0 && depth == 1) {
        auto writes = std::move(pending);
        pending.clear();
        // One transaction on the practice's connection for them all: one sync to disk, not
        // one per entry (a demo or an import asks for hundreds). Without it, one by one.
        PluginContext& context = context_of(host);
        std::optional<db::Transaction> batch;
        if (writes.size() > 1 && context.main != nullptr) {
            if (auto begun = db::Transaction::begin(*context.main)) {
                batch.emplace(std::move(*begun));
            }
        }
        for (auto& entry : writes) {
            entry.second();
        }
        if (batch && !batch->commit()) {
            (void)batch->rollback();
            log_warning(context.plugin_id + ": its audit entries were written one by one");
            for (auto& entry : writes) {
                entry.second();
            }
        }
    }
    return DYAD_OK;
}

int db_begin(const dyad_host* host) {
    return db_transaction(host, "BEGIN IMMEDIATE", "SAVEPOINT plugin_sp_", 1);
}

int db_commit(const dyad_host* host) {
    return db_transaction(host, "COMMIT", "RELEASE plugin_sp_", -1);
}

int db_rollback(const dyad_host* host) {
    PluginDatabase* database = database_of(host);
    if (database != nullptr && database->transaction_depth > 1) {
        std::string name = "plugin_sp_" + std::to_string(database->transaction_depth - 1);
        Status undone =
            exec_confined(database->connection.handle(), *database->policy, "ROLLBACK TO " + name);
        if (!undone) {
            database->last_error = undone.error().message;
        }
    }
    return db_transaction(host, "ROLLBACK", "RELEASE plugin_sp_", -1);
}

const char* db_last_error(const dyad_host* host) {
    PluginDatabase* database = database_of(host);
    return database != nullptr ? database->last_error.c_str() : "the database is not available";
}

int64_t db_changes(const dyad_host* host) {
    PluginDatabase* database = database_of(host);
    return database != nullptr ? sqlite3_changes64(database->connection.handle()) : 0;
}

int64_t db_new_id(const dyad_host*) {
    return new_record_id();
}

void db_new_uuid(const dyad_host*, char out[37]) {
    std::string uuid = new_uuid();
    std::memcpy(out, uuid.c_str(), 37);
}

}  // namespace

const dyad_db_v1* db_service() {
    static const dyad_db_v1 kDb = {
        sizeof(dyad_db_v1), &db_exec,          &db_prepare,     &db_bind_int64,   &db_bind_double,
        &db_bind_text,      &db_bind_null,     &db_step,        &db_column_count, &db_column_type,
        &db_column_int64,   &db_column_double, &db_column_text, &db_reset,        &db_finalize,
        &db_begin,          &db_commit,        &db_rollback,    &db_last_error,   &db_changes,
        &db_new_id,         &db_new_uuid,      &db_bind_blob,   &db_column_blob,
    };
    return &kDb;
}

Status exec_confined(sqlite3* db, db::ConfinementPolicy& policy, const std::string& sql) {
    DYAD_TRY(policy.check_text(sql));
    const char* cursor = sql.c_str();
    while (cursor != nullptr && *cursor != '\0') {
        policy.begin_statement();
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        int code = sqlite3_prepare_v2(db, cursor, -1, &stmt, &tail);
        if (code != SQLITE_OK) {
            if ((code & 0xff) == SQLITE_AUTH) {
                return fail(ErrorCode::Refused, "not allowed: " + policy.last_denial());
            }
            return fail(ErrorCode::Database, sqlite3_errmsg(db));
        }
        if (stmt != nullptr) {
            while ((code = sqlite3_step(stmt)) == SQLITE_ROW) {
            }
            sqlite3_finalize(stmt);
            if (code != SQLITE_DONE) {
                if ((code & 0xff) == SQLITE_AUTH) {
                    return fail(ErrorCode::Refused, "not allowed: " + policy.last_denial());
                }
                return fail(ErrorCode::Database, sqlite3_errmsg(db));
            }
        }
        cursor = tail;
    }
    return ok();
}

Status open_plugin_database(PluginContext& context, const std::string& path, const std::string& vfs,
                            std::uint64_t step_budget, std::chrono::milliseconds time_limit,
                            std::optional<db::Connection> opened) {
    if (!opened) {
        auto connection = db::Connection::open(path, db::OpenMode::ReadWrite, vfs);
        if (!connection) {
            return std::unexpected(connection.error());
        }
        opened = std::move(*connection);
    }
    auto database = std::make_unique<PluginDatabase>();
    database->connection = std::move(*opened);
    database->policy = std::make_unique<db::ConfinementPolicy>(
        context.table_prefix.empty() ? "-" : context.table_prefix, db::ConfinementMode::Runtime);
    database->budget = std::make_unique<db::StepBudget>(step_budget);
    database->watchdog = std::make_unique<db::Watchdog>(database->connection.handle(), time_limit);
    db::apply_plugin_limits(database->connection.handle());
    // A plugin that declares its uses reads only the core views it declared (SDK 1.1).
    std::vector<std::string> undeclared;
    for (auto [view, use] :
         {std::pair{"core_client", "core:clients:read"}, std::pair{"core_unit", "core:units:read"},
          std::pair{"core_unit_member", "core:units:read"},
          std::pair{"core_appointment", "core:appointments:read"}}) {
        if (!declares(context, use)) {
            undeclared.emplace_back(view);
        }
    }
    database->policy->set_undeclared_views(std::move(undeclared));
    database->policy->install(database->connection.handle());
    database->budget->install(database->connection.handle());
    context.database = std::move(database);
    return ok();
}

void audit_when_committed(PluginContext& context, std::function<void()> write) {
    PluginDatabase* database = context.database.get();
    if (database == nullptr || database->transaction_depth == 0) {
        write();
        return;
    }
    database->pending_audits.emplace_back(database->transaction_depth, std::move(write));
}

std::optional<std::string> close_abandoned_transaction(PluginContext& context) {
    PluginDatabase* database = context.database.get();
    if (database == nullptr || sqlite3_get_autocommit(database->connection.handle()) != 0) {
        return std::nullopt;
    }
    int depth = database->transaction_depth;
    // The host's own ROLLBACK: the plugin's policy allows transaction control at runtime.
    sqlite3_exec(database->connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    database->transaction_depth = 0;
    database->pending_audits.clear();
    std::string message = context.plugin_id +
                          " left a transaction open when its call returned; it was rolled back"
                          " (nesting depth " +
                          std::to_string(depth) + ")";
    log_warning(message);
    return message;
}

}  // namespace dyad::plugins
