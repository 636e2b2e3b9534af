#include "db/connection.h"

#include <filesystem>
#include <utility>

namespace dyad::db {

Error sqlite_error(int code, std::string_view what, std::string_view detail) {
    ErrorCode kind = ErrorCode::Database;
    int primary = code & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        kind = ErrorCode::Corrupt;
    } else if (primary == SQLITE_CONSTRAINT) {
        kind = ErrorCode::Conflict;
    } else if (primary == SQLITE_AUTH) {
        kind = ErrorCode::Refused;
    } else if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL) {
        kind = ErrorCode::Io;
    }
    if (code == SQLITE_IOERR_DATA) {
        // The encrypting VFS: a page that failed authentication (docs/encryption.md).
        return error_of(ErrorCode::Corrupt,
                        error_reason(show::marked("error",
                                                  "{what}: a page of the practice failed its "
                                                  "integrity check (the file was damaged or "
                                                  "altered); nothing was read from it. Restore a "
                                                  "backup."))
                            .with("what", std::string(what)));
    }
    if (primary == SQLITE_FULL) {
        return Error{ErrorCode::Io, show::marked("error",
                                                 "The disk is full, so nothing was "
                                                 "saved. Free some space and try again.")};
    }
    std::string message(what);
    if (!detail.empty()) {
        message += ": ";
        message += detail;
    }
    return Error{kind, std::move(message)};
}

// --- Statement ---------------------------------------------------------------------------

Statement::Statement(sqlite3_stmt* stmt, Ownership ownership, bool* in_use_flag)
    : m_stmt(stmt), m_ownership(ownership), m_in_use(in_use_flag) {}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_ownership(other.m_ownership),
      m_in_use(std::exchange(other.m_in_use, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        release();
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_ownership = other.m_ownership;
        m_in_use = std::exchange(other.m_in_use, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    release();
}

void Statement::release() {
    if (m_stmt == nullptr) {
        return;
    }
    if (m_ownership == Ownership::Finalize) {
        sqlite3_finalize(m_stmt);
    } else {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        if (m_in_use != nullptr) {
            *m_in_use = false;
        }
    }
    m_stmt = nullptr;
    m_in_use = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind(index, nullptr);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
}

Statement& Statement::bind_or_null(int index, const std::string& text) {
    return text.empty() ? bind(index, nullptr) : bind(index, std::string_view(text));
}

Result<bool> Statement::step() {
    int code = sqlite3_step(m_stmt);
    if (code == SQLITE_ROW) {
        return true;
    }
    if (code == SQLITE_DONE) {
        return false;
    }
    sqlite3* db = sqlite3_db_handle(m_stmt);
    Error error = sqlite_error(sqlite3_extended_errcode(db), "database error", sqlite3_errmsg(db));
    sqlite3_reset(m_stmt);
    return std::unexpected(std::move(error));
}

Status Statement::run() {
    while (true) {
        auto row = step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            return ok();
        }
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
}

int Statement::column_count() const {
    return sqlite3_column_count(m_stmt);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const {
    const unsigned char* text = sqlite3_column_text(m_stmt, column);
    if (text == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return int64(column);
}

// --- Connection --------------------------------------------------------------------------

namespace {

// Every connection gets these explicitly; never rely on build defaults.
constexpr const char* kConnectionPragmas =
    "PRAGMA foreign_keys=ON;"
    "PRAGMA trusted_schema=OFF;"
    "PRAGMA cell_size_check=ON;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA cache_size=-32768;";  // 32 MiB: a 100k-client caseload stays in memory.

// What SQLite's failure to open or read path means, for a person: damage reads differently
// from a full disk, a read-only medium or a missing permission.
Error open_error(const std::string& path, int code, const std::string& detail) {
    auto said = [&](ErrorCode kind, const char* pattern) {
        return error_of(kind, error_reason(pattern).with("path", path).with("detail", detail));
    };
    if (code == SQLITE_IOERR_DATA) {
        return said(ErrorCode::Corrupt,
                    show::marked("error",
                                 "{path} failed its integrity check: an encrypted page was "
                                 "damaged or altered, or the key does not belong to it; nothing "
                                 "was read from it. Restore a backup (File > Restore from "
                                 "Backup, or dyadctl db restore FILE)"));
    }
    switch (code & 0xff) {
        case SQLITE_NOTADB:
            return said(ErrorCode::Corrupt,
                        show::marked("error",
                                     "{path} is not a Dyad practice database (or its first page "
                                     "is damaged); restore a backup (File > Restore from Backup, "
                                     "or dyadctl db restore FILE)"));
        case SQLITE_CORRUPT:
            return said(ErrorCode::Corrupt,
                        show::marked("error",
                                     "{path} is damaged ({detail}); restore a backup (File > "
                                     "Restore from Backup, or dyadctl db restore FILE)"));
        case SQLITE_FULL:
            return said(ErrorCode::Io,
                        show::marked("error",
                                     "the disk holding {path} is full, so the practice cannot be "
                                     "opened for writing; free some space and start again"));
        case SQLITE_READONLY:
            return said(ErrorCode::Io,
                        show::marked("error",
                                     "{path} cannot be written (a read-only file, folder or "
                                     "disk); Dyad needs to write the practice: check the "
                                     "permissions or copy it to a writable folder"));
        case SQLITE_CANTOPEN:
            return said(ErrorCode::Io,
                        show::marked("error",
                                     "{path} cannot be opened: its folder may be read-only, or "
                                     "the disk full or out of inodes (Dyad needs to create its "
                                     "-wal and -shm files next to it)"));
        case SQLITE_IOERR:
            return said(ErrorCode::Io,
                        show::marked("error",
                                     "{path} could not be read or written ({detail}): a failing "
                                     "disk or a removed drive?"));
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return said(ErrorCode::Io, show::marked("error", "no permission to open {path}"));
        default:
            return sqlite_error(code, "cannot open " + path, detail);
    }
}

// Before SQLite sees it: a practice database is a regular file with something in it (a FIFO
// would block the open; a 0-byte file would silently become a new, empty practice).
Status check_database_file(const std::string& path, OpenMode mode) {
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        if (error == std::errc::too_many_symbolic_link_levels) {
            return fail(ErrorCode::Io, path +
                                           " is a loop of symbolic links, not a practice "
                                           "database");
        }
        if (error == std::errc::permission_denied) {
            return fail(ErrorCode::Io, "no permission to open " + path);
        }
        return fail(ErrorCode::Io, "cannot open " + path + ": " + error.message());
    }
    if (!std::filesystem::exists(status)) {
        if (mode == OpenMode::CreateIfMissing) {
            return ok();
        }
        return fail(
            ErrorCode::NotFound,
            error_reason(show::marked("error", "no database at {path}")).with("path", path));
    }
    if (std::filesystem::is_directory(status)) {
        return fail(
            ErrorCode::Invalid,
            error_reason(show::marked("error", "{path} is a folder, not a practice database"))
                .with("path", path));
    }
    if (!std::filesystem::is_regular_file(status)) {
        return fail(ErrorCode::Invalid,
                    error_reason(show::marked("error",
                                              "{path} is not a plain file (a named pipe, socket "
                                              "or device); a practice database is a plain file"))
                        .with("path", path));
    }
    if (std::filesystem::file_size(path, error) == 0 && !error) {
        return fail(ErrorCode::Corrupt,
                    error_reason(show::marked("error",
                                              "{path} is empty (0 bytes), so it holds no "
                                              "practice; restore a backup (File > Restore from "
                                              "Backup, or dyadctl db restore FILE), or move the "
                                              "file away to create a new practice"))
                        .with("path", path));
    }
    return ok();
}

}  // namespace

Result<Connection> Connection::open(const std::string& path, OpenMode mode,
                                    const std::string& vfs) {
    DYAD_TRY(check_database_file(path, mode));
    int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
        case OpenMode::ReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case OpenMode::CreateIfMissing:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
        case OpenMode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
    }
    Connection connection;
    connection.m_path = path;
    connection.m_vfs = vfs;
    connection.m_cache = std::make_unique<std::unordered_map<std::string, CachedStatement>>();
    int code =
        sqlite3_open_v2(path.c_str(), &connection.m_db, flags, vfs.empty() ? nullptr : vfs.c_str());
    if (code != SQLITE_OK) {
        std::string detail = connection.m_db ? sqlite3_errmsg(connection.m_db) : "out of memory";
        return std::unexpected(open_error(path, code, detail));
    }
    if (!vfs.empty()) {
        // An encrypted database: 4096-byte pages ending in 40 reserved bytes for the nonce and
        // tag (docs/encryption.md), set before the first write of a new file.
        int reserve = 40;
        sqlite3_file_control(connection.m_db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        sqlite3_exec(connection.m_db, "PRAGMA page_size=4096", nullptr, nullptr, nullptr);
    }
    sqlite3_extended_result_codes(connection.m_db, 1);
    sqlite3_busy_timeout(connection.m_db, 5000);
    sqlite3_db_config(connection.m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(connection.m_db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(connection.m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);

    // Reading the header here turns "file is not a database" (or a full disk, a read-only
    // folder) into a clear error now.
    auto checked = [&](const char* sql) -> Status {
        code = sqlite3_exec(connection.m_db, sql, nullptr, nullptr, nullptr);
        if (code != SQLITE_OK) {
            return std::unexpected(open_error(path, sqlite3_extended_errcode(connection.m_db),
                                              sqlite3_errmsg(connection.m_db)));
        }
        return ok();
    };
    DYAD_TRY(checked("SELECT count(*) FROM sqlite_schema"));
    if (mode != OpenMode::ReadOnly) {
        sqlite3_stmt* journal = nullptr;
        code =
            sqlite3_prepare_v2(connection.m_db, "PRAGMA journal_mode=WAL", -1, &journal, nullptr);
        std::string result;
        if (code == SQLITE_OK) {
            code = sqlite3_step(journal);
            if (code == SQLITE_ROW) {
                const unsigned char* text = sqlite3_column_text(journal, 0);
                result = text != nullptr ? reinterpret_cast<const char*>(text) : "";
                code = SQLITE_OK;
            }
        }
        int extended = sqlite3_extended_errcode(connection.m_db);
        std::string detail = sqlite3_errmsg(connection.m_db);
        sqlite3_finalize(journal);
        if (code != SQLITE_OK && code != SQLITE_DONE) {
            return std::unexpected(open_error(path, extended, detail));
        }
        if (sqlite3_db_readonly(connection.m_db, "main") == 1) {
            return std::unexpected(open_error(path, SQLITE_READONLY, "read-only"));
        }
        if (result != "wal") {
            return fail(ErrorCode::Io,
                        "cannot switch " + path + " to WAL journal mode (is its folder writable?)");
        }
    }
    DYAD_TRY(connection.exec(kConnectionPragmas));
    auto foreign_keys = connection.query_int64("PRAGMA foreign_keys");
    if (!foreign_keys || *foreign_keys != 1) {
        return fail(ErrorCode::Database, "foreign key enforcement could not be enabled");
    }
    return connection;
}

Connection::Connection(Connection&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_path(std::move(other.m_path)),
      m_vfs(std::move(other.m_vfs)),
      m_cache(std::move(other.m_cache)),
      m_transaction_depth(std::exchange(other.m_transaction_depth, 0)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_vfs = std::move(other.m_vfs);
        m_cache = std::move(other.m_cache);
        m_transaction_depth = std::exchange(other.m_transaction_depth, 0);
    }
    return *this;
}

Connection::~Connection() {
    close();
}

void Connection::close() {
    if (m_db == nullptr) {
        return;
    }
    if (m_cache) {
        for (auto& [sql, entry] : *m_cache) {
            sqlite3_finalize(entry.stmt);
        }
        m_cache->clear();
    }
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Error Connection::error_from_sqlite(std::string_view what) const {
    return sqlite_error(sqlite3_extended_errcode(m_db), what, sqlite3_errmsg(m_db));
}

Status Connection::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int code = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        std::string detail = message != nullptr ? message : sqlite3_errstr(code);
        sqlite3_free(message);
        return std::unexpected(sqlite_error(code, "database error", detail));
    }
    return ok();
}

Result<Statement> Connection::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int code = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (code != SQLITE_OK) {
        return std::unexpected(error_from_sqlite("cannot prepare statement"));
    }
    return Statement(stmt, Statement::Ownership::Finalize);
}

Result<Statement> Connection::cached(const std::string& sql) {
    auto found = m_cache->find(sql);
    if (found == m_cache->end()) {
        sqlite3_stmt* stmt = nullptr;
        int code = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (code != SQLITE_OK) {
            return std::unexpected(error_from_sqlite("cannot prepare statement"));
        }
        found = m_cache->emplace(sql, CachedStatement{stmt, false}).first;
    }
    if (found->second.in_use) {
        return prepare(sql);  // Nested use of the same SQL: a one-off statement.
    }
    found->second.in_use = true;
    return Statement(found->second.stmt, Statement::Ownership::ReturnToCache,
                     &found->second.in_use);
}

Result<std::optional<std::int64_t>> Connection::query_int64(const std::string& sql) {
    auto statement = prepare(sql);
    if (!statement) {
        return std::unexpected(statement.error());
    }
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row || statement->is_null(0)) {
        return std::optional<std::int64_t>{};
    }
    return std::optional<std::int64_t>{statement->int64(0)};
}

std::string Connection::last_error() const {
    return m_db ? sqlite3_errmsg(m_db) : "not open";
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(m_db);
}

// --- Transaction -------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Connection& connection) {
    int depth = connection.transaction_depth();
    Status started = depth == 0 ? connection.exec("BEGIN IMMEDIATE")
                                : connection.exec("SAVEPOINT dyad_sp_" + std::to_string(depth));
    if (!started) {
        return std::unexpected(started.error());
    }
    connection.set_transaction_depth(depth + 1);
    return Transaction(&connection, depth);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_connection(other.m_connection),
      m_depth(other.m_depth),
      m_active(std::exchange(other.m_active, false)) {}

Transaction::~Transaction() {
    if (m_active) {
        (void)rollback();
    }
}

Status Transaction::commit() {
    if (!m_active) {
        return fail(ErrorCode::Invalid, "transaction already finished");
    }
    Status done = m_depth == 0 ? m_connection->exec("COMMIT")
                               : m_connection->exec("RELEASE dyad_sp_" + std::to_string(m_depth));
    if (!done) {
        (void)rollback();
        return done;
    }
    m_active = false;
    m_connection->set_transaction_depth(m_depth);
    return ok();
}

Status Transaction::rollback() {
    if (!m_active) {
        return ok();
    }
    m_active = false;
    m_connection->set_transaction_depth(m_depth);
    if (m_depth == 0) {
        if (sqlite3_get_autocommit(m_connection->handle()) != 0) {
            return ok();  // SQLite already rolled back (e.g. after SQLITE_FULL).
        }
        return m_connection->exec("ROLLBACK");
    }
    std::string name = "dyad_sp_" + std::to_string(m_depth);
    return m_connection->exec("ROLLBACK TO " + name + "; RELEASE " + name);
}

}  // namespace dyad::db
