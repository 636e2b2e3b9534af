// Storage confinement for plugin connections: an sqlite3_set_authorizer policy, limits and a
// progress handler. This stops bugs and accidental coupling between plugins; it is not a
// sandbox against malicious native code (a plugin runs in the host's process).
//
// Runtime policy (a plugin's own connection): read/write tables named "<prefix>_*"; read core
// data only through the core_* views; no DDL, ATTACH, settings PRAGMAs, writable_schema or
// load_extension. Migration policy (while the host applies the plugin's migrations): DDL on the
// plugin's own names only (FTS5 virtual tables included), no transaction control (the host's
// transaction makes migrations all-or-nothing).
//
// Thread: one policy per connection, used on that connection's thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <set>
#include <string>

namespace dyad::db {

enum class ConfinementMode { Migration = 1, Runtime };

class ConfinementPolicy {
  public:
    ConfinementPolicy(std::string table_prefix, ConfinementMode mode);

    // Installs this policy as the connection's authorizer; the policy must outlive the
    // connection or be uninstalled with uninstall().
    void install(sqlite3* db);
    static void uninstall(sqlite3* db);

    // Call before preparing each statement: some rules depend on what one statement does.
    void begin_statement() { m_readable_without_columns.clear(); }
    void set_mode(ConfinementMode mode) { m_mode = mode; }
    ConfinementMode mode() const { return m_mode; }

    // The authorizer decision (SQLITE_OK or SQLITE_DENY) for one action; on deny,
    // last_denial() says why in a sentence.
    int decide(int action, const char* first, const char* second, const char* database,
               const char* inner_view);
    const std::string& last_denial() const { return m_last_denial; }
    const std::string& table_prefix() const { return m_prefix; }

  private:
    static int callback(void* self, int action, const char* first, const char* second,
                        const char* database, const char* inner_view);
    bool is_own(const char* name) const;
    bool names_real_table(const char* name) const;
    int deny(std::string reason);
    int decide_read(const char* table, const char* column, const char* inner_view);
    int decide_write(const char* table);
    int decide_schema_change(int action, const char* first, const char* second);
    int decide_pragma(const char* name, const char* argument);

    sqlite3* m_db = nullptr;
    std::string m_prefix;  // e.g. "bcr_"
    ConfinementMode m_mode;
    // Core tables this statement read through a core_* view or by id.
    std::set<std::string> m_readable_without_columns;
    std::string m_last_denial;
};

// A step budget for statements on one connection: the progress handler interrupts a statement
// after `budget` virtual-machine instructions since the last begin_step().
class StepBudget {
  public:
    explicit StepBudget(std::uint64_t budget) : m_budget(budget) {}
    void install(sqlite3* db);
    void begin_step() { m_used = 0; }
    bool exhausted() const { return m_used >= m_budget; }
    std::uint64_t budget() const { return m_budget; }
    void set_budget(std::uint64_t budget) { m_budget = budget; }

  private:
    static int callback(void* self);

    std::uint64_t m_budget;
    std::uint64_t m_used = 0;
};

// SQLite limits for plugin connections (no ATTACH at all, bounded sizes).
void apply_plugin_limits(sqlite3* db);

}  // namespace dyad::db
