// Header-only C++17 RAII wrappers over the "dyad.db/1" service. Errors are values: a failed
// prepare gives a Statement whose ok() is false and whose error() says why.
#ifndef DYAD_DB_HPP
#define DYAD_DB_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin.hpp"

namespace dyad::sdk {

// Thread: [main-thread]. Owns its dyad_stmt; finalizes it on destruction. Must not outlive the
// plugin.
class Statement {
  public:
    Statement() = default;
    Statement(const dyad_db_v1* db, dyad_stmt* stmt, std::string error)
        : m_db(db), m_stmt(stmt), m_error(std::move(error)) {}
    Statement(Statement&& other) noexcept
        : m_db(other.m_db),
          m_stmt(std::exchange(other.m_stmt, nullptr)),
          m_error(std::move(other.m_error)),
          m_blob_refused(other.m_blob_refused) {}
    Statement& operator=(Statement&& other) noexcept {
        if (this != &other) {
            close();
            m_db = other.m_db;
            m_stmt = std::exchange(other.m_stmt, nullptr);
            m_error = std::move(other.m_error);
            m_blob_refused = other.m_blob_refused;
        }
        return *this;
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { close(); }

    bool ok() const { return m_stmt != nullptr; }
    const std::string& error() const { return m_error; }

    // Every call on a statement whose prepare failed is a no-op: binds do nothing, step()
    // returns DYAD_ERROR, columns read as 0 / "" / NULL (1.1: before, it crashed).
    Statement& bind(int index, std::int64_t value) {
        if (ok()) {
            m_db->bind_int64(m_stmt, index, value);
        }
        return *this;
    }
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value) {
        if (ok()) {
            m_db->bind_double(m_stmt, index, value);
        }
        return *this;
    }
    Statement& bind(int index, std::string_view text) {
        if (ok()) {
            m_db->bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()));
        }
        return *this;
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    // SDK 1.1: bytes (copied). When they cannot be bound (over 64 MiB, a 1.0 host) the next
    // step() returns DYAD_INVALID and writes nothing.
    Statement& bind_blob(int index, const void* data, std::size_t size) {
        if (ok() && (!has_blobs() || m_db->bind_blob(m_stmt, index, data,
                                                     static_cast<std::int64_t>(size)) != DYAD_OK)) {
            m_blob_refused = true;
        }
        return *this;
    }
    Statement& bind_null(int index) {
        if (ok()) {
            m_db->bind_null(m_stmt, index);
        }
        return *this;
    }

    // DYAD_ROW, DYAD_DONE, or an error code.
    int step() {
        if (m_blob_refused) {
            return DYAD_INVALID;
        }
        return ok() ? m_db->step(m_stmt) : DYAD_ERROR;
    }
    void reset() {
        m_blob_refused = false;  // A refused blob is bound as NULL: bind it again before step.
        if (ok()) {
            m_db->reset(m_stmt);
        }
    }

    std::int64_t int64(int column) const { return ok() ? m_db->column_int64(m_stmt, column) : 0; }
    double real(int column) const { return ok() ? m_db->column_double(m_stmt, column) : 0.0; }
    std::string text(int column) const { return ok() ? m_db->column_text(m_stmt, column) : ""; }
    // SDK 1.1: a column's bytes (empty for NULL, an empty blob, or on a 1.0 host).
    std::vector<std::uint8_t> blob(int column) const {
        if (!ok() || !has_blobs()) {
            return {};
        }
        std::int64_t size = 0;
        const auto* data =
            static_cast<const std::uint8_t*>(m_db->column_blob(m_stmt, column, &size));
        return data == nullptr ? std::vector<std::uint8_t>{}
                               : std::vector<std::uint8_t>(data, data + size);
    }
    bool has_blobs() const {
        return m_db != nullptr &&
               m_db->struct_size >= offsetof(dyad_db_v1, column_blob) + sizeof(void*);
    }
    bool is_null(int column) const {
        return !ok() || m_db->column_type(m_stmt, column) == DYAD_TYPE_NULL;
    }

  private:
    void close() {
        if (m_stmt != nullptr) {
            m_db->finalize(m_stmt);
            m_stmt = nullptr;
        }
    }

    const dyad_db_v1* m_db = nullptr;
    dyad_stmt* m_stmt = nullptr;
    std::string m_error;
    bool m_blob_refused = false;
};

// The plugin's confined connection.
class Database {
  public:
    explicit Database(Host host) : m_host(host), m_db(host.db()) {}

    bool available() const { return m_db != nullptr; }

    Statement prepare(const char* sql) const {
        dyad_stmt* stmt = nullptr;
        if (m_db->prepare(m_host.raw(), sql, &stmt) != DYAD_OK) {
            return Statement(m_db, nullptr, m_db->last_error(m_host.raw()));
        }
        return Statement(m_db, stmt, {});
    }
    // Empty string on success, else the error.
    std::string exec(const char* sql) const {
        if (m_db->exec(m_host.raw(), sql) != DYAD_OK) {
            return m_db->last_error(m_host.raw());
        }
        return {};
    }
    // Transactions nest (savepoints inside). Each returns "" on success, else the error.
    std::string begin() const { return checked(m_db->begin(m_host.raw())); }
    std::string commit() const { return checked(m_db->commit(m_host.raw())); }
    std::string rollback() const { return checked(m_db->rollback(m_host.raw())); }
    std::int64_t changes() const { return m_db->changes(m_host.raw()); }

    std::int64_t new_id() const { return m_db->new_id(m_host.raw()); }
    std::string new_uuid() const {
        char buffer[37] = {};
        m_db->new_uuid(m_host.raw(), buffer);
        return buffer;
    }
    std::string last_error() const { return m_db->last_error(m_host.raw()); }
    const dyad_db_v1* raw() const { return m_db; }

  private:
    std::string checked(int code) const {
        return code == DYAD_OK ? std::string() : std::string(m_db->last_error(m_host.raw()));
    }

    Host m_host;
    const dyad_db_v1* m_db;
};

// A transaction on the plugin's connection that rolls back unless committed, so a refused
// step leaves nothing behind (SDK 1.1 helper). Transactions nest (savepoints inside).
class Transaction {
  public:
    explicit Transaction(const Database& db) : m_db(db), m_error(db.begin()) {}
    ~Transaction() {
        if (!m_done && m_error.empty()) {
            (void)m_db.rollback();
        }
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    // "" when begun; else why not (then do nothing more).
    const std::string& error() const { return m_error; }
    // "" when committed, else the error (the transaction is then over either way).
    std::string commit() {
        m_done = true;
        return m_db.commit();
    }

  private:
    const Database& m_db;
    std::string m_error;
    bool m_done = false;
};

}  // namespace dyad::sdk

#endif  // DYAD_DB_HPP
