// RAII wrappers over the system SQLite: Connection, Statement (finalized or returned to the
// connection's cache on destruction) and Transaction (nested through savepoints).
//
// Thread: a Connection and its statements belong to one thread at a time. Lifetime: every
// Statement and Transaction must be destroyed before its Connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/error.h"

namespace dyad::db {

enum class OpenMode { ReadWrite, CreateIfMissing, ReadOnly };

class Statement {
  public:
    enum class Ownership { Finalize, ReturnToCache };

    Statement() = default;
    Statement(sqlite3_stmt* stmt, Ownership ownership, bool* in_use_flag = nullptr);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, std::nullptr_t);
    // Binds NULL when the optional is empty.
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    // Binds NULL for an empty string.
    Statement& bind_or_null(int index, const std::string& text);

    // true: a row is ready; false: done.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Status run();
    void reset();

    int column_count() const;
    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;

    sqlite3_stmt* handle() const { return m_stmt; }

  private:
    void release();

    sqlite3_stmt* m_stmt = nullptr;
    Ownership m_ownership = Ownership::Finalize;
    bool* m_in_use = nullptr;
};

class Connection {
  public:
    // Opens path and applies the pragmas every Dyad connection has (WAL, synchronous=FULL,
    // foreign_keys, trusted_schema=OFF, cell_size_check, temp_store=MEMORY, busy_timeout) and
    // SQLite's defensive mode. Fails with a clear message when the file is not a database.
    // `vfs`: the name of a registered VFS (an encrypted practice's crypto::EncryptedVfs, which
    // must outlive the connection), or empty for SQLite's default.
    static Result<Connection> open(const std::string& path, OpenMode mode,
                                   const std::string& vfs = {});

    Connection() = default;
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs one or more statements that return no rows.
    Status exec(std::string_view sql);
    // A new statement, finalized when the Statement is destroyed.
    Result<Statement> prepare(std::string_view sql);
    // A statement from the cache (prepared once per connection); reset and unbound when the
    // Statement is destroyed. Falls back to a fresh statement while the cached one is in use.
    Result<Statement> cached(const std::string& sql);

    // The first column of the first row, or std::nullopt when there is no row.
    Result<std::optional<std::int64_t>> query_int64(const std::string& sql);

    std::string last_error() const;
    std::int64_t changes() const;
    const std::string& path() const { return m_path; }
    // The VFS it was opened with ("" for SQLite's default).
    const std::string& vfs() const { return m_vfs; }
    sqlite3* handle() const { return m_db; }
    bool is_open() const { return m_db != nullptr; }

    // Transaction nesting depth, managed by Transaction.
    int transaction_depth() const { return m_transaction_depth; }
    void set_transaction_depth(int depth) { m_transaction_depth = depth; }

  private:
    struct CachedStatement {
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;
    };

    void close();
    Error error_from_sqlite(std::string_view what) const;

    sqlite3* m_db = nullptr;
    std::string m_path;
    std::string m_vfs;
    std::unique_ptr<std::unordered_map<std::string, CachedStatement>> m_cache;
    int m_transaction_depth = 0;
};

// Rolls back on destruction unless committed. The outermost Transaction on a connection is
// BEGIN IMMEDIATE (so writers queue on busy_timeout instead of failing half-way); nested ones
// are savepoints.
class Transaction {
  public:
    static Result<Transaction> begin(Connection& connection);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status commit();
    Status rollback();

  private:
    Transaction(Connection* connection, int depth) : m_connection(connection), m_depth(depth) {}

    Connection* m_connection = nullptr;
    int m_depth = 0;
    bool m_active = true;
};

// Steps statement to its end and returns read(statement) for every row.
template <class Read>
auto collect_rows(Statement& statement, Read read)
    -> Result<std::vector<decltype(read(statement))>> {
    std::vector<decltype(read(statement))> rows;
    while (true) {
        auto row = statement.step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            return rows;
        }
        rows.push_back(read(statement));
    }
}

// Translates an SQLite error code and message into an Error.
Error sqlite_error(int code, std::string_view what, std::string_view detail);

}  // namespace dyad::db
