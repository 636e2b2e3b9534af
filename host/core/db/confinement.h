// Storage confinement for plugin connections: an sqlite3_set_authorizer policy, limits, a step
// budget and a time limit. It stops mistakes, runaway SQL and schema damage by SQL; it is not a
// sandbox against deliberate native code (a plugin runs in the host's process and can open the
// database file itself). The rules and why: docs/confinement.md.
//
// Every decision is made from what an object is, never from a name that merely looks right:
// - the plugin owns the real objects named "<prefix>_*", and prefixes are unambiguous (no
//   prefix is, starts or is started by a reserved word or another plugin's prefix);
// - core data is read only inside the host's published views (published_views(): each view
//   and the one table it reads); SQLite names the innermost view as the context of a read, and
//   a common table expression can carry any name, so SQL text that defines a CTE or window
//   named like a published view is refused before it is prepared (check_text);
// - core record ids are readable for foreign-key checks only: only in statements that write, and
//   SQLite reads a FROM-clause table that uses no column but its id "without columns", and that
//   read is refused;
// - virtual tables other than json_each/json_tree and PRAGMA functions (dbstat, sqlite_stmt...)
//   are refused.
// Runtime mode (a plugin's own connection): read/write own tables; no DDL, ATTACH, settings
// PRAGMAs, writable_schema or load_extension. Migration mode (while the host applies the
// plugin's migrations): DDL on own plain names only (FTS5 virtual tables included), no
// transaction control (the host's transaction makes migrations all-or-nothing).
//
// Thread: one policy per connection, used on that connection's thread.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "util/error.h"

namespace dyad::db {

enum class ConfinementMode { Migration = 1, Runtime };

// A view the host publishes to plugins and the one host table it reads.
struct PublishedView {
    std::string_view name;
    std::string_view table;
};
const std::vector<PublishedView>& published_views();

// Host tables a plugin may name as a foreign-key parent (their id column).
const std::vector<std::string_view>& foreign_key_targets();

class ConfinementPolicy {
  public:
    ConfinementPolicy(std::string table_prefix, ConfinementMode mode);

    // Installs this policy as the connection's authorizer; the policy must outlive the
    // connection or be uninstalled with uninstall().
    void install(sqlite3* db);
    static void uninstall(sqlite3* db);

    // Call with every SQL text from the plugin before preparing it: refuses definitions (CTEs,
    // windows) that would carry a published view's name. On refusal last_denial() says why.
    Status check_text(std::string_view sql);

    // Call before preparing each statement: some rules depend on what one statement does.
    void begin_statement() {
        m_readable_without_columns.clear();
        m_statement_writes = false;
        m_statement_alters = false;
    }
    void set_mode(ConfinementMode mode) { m_mode = mode; }
    // Published views the plugin did not declare it reads (SDK 1.1 `uses`): refused, directly
    // and inside the plugin's own views. Empty: every published view (a plugin that declares
    // nothing, as in 1.0).
    void set_undeclared_views(std::vector<std::string> views) { m_undeclared = std::move(views); }
    ConfinementMode mode() const { return m_mode; }

    // The authorizer decision (SQLITE_OK or SQLITE_DENY) for one action; on deny,
    // last_denial() says why in a sentence that names the rule.
    int decide(int action, const char* first, const char* second, const char* database,
               const char* inner_view);
    const std::string& last_denial() const { return m_last_denial; }
    const std::string& table_prefix() const { return m_prefix; }

  private:
    static int callback(void* self, int action, const char* first, const char* second,
                        const char* database, const char* inner_view);
    bool is_own(const char* name) const;
    int deny(std::string reason);
    int decide_read(const char* table, const char* column, const char* inner_view);
    int decide_write(const char* table);
    int decide_schema_change(int action, const char* first, const char* second);
    int decide_pragma(const char* name, const char* argument);

    sqlite3* m_db = nullptr;
    std::string m_prefix;  // e.g. "bcr_"
    std::vector<std::string> m_undeclared;
    ConfinementMode m_mode;
    bool m_statement_writes = false;  // The statement being prepared writes a table.
    bool m_statement_alters = false;  // It is an ALTER TABLE.
    // Names the plugin's SQL text defined as CTEs or windows (none is a real object).
    std::set<std::string> m_defined_names;
    // Host tables this statement read inside a published view (published_views()' strings).
    std::set<std::string_view> m_readable_without_columns;
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

// A time limit for statements on one connection, for work that is expensive per instruction
// (the step budget does not see it): a thread interrupts (sqlite3_interrupt) a call that has
// run longer than the limit. begin()/end() bracket each call into SQLite; they cost a coarse
// clock read and two atomic operations. The destructor stops the thread.
//
// Thread: begin/end/fired on the connection's thread; the watchdog's thread only interrupts.
class Watchdog {
  public:
    Watchdog(sqlite3* db, std::chrono::milliseconds limit);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    void begin();
    void end();
    // Whether the last call was interrupted for running past the limit.
    bool fired() const { return m_fired.load(); }
    std::chrono::milliseconds limit() const { return m_limit; }

  private:
    void run();

    sqlite3* m_db;
    std::chrono::milliseconds m_limit;
    std::mutex m_mutex;  // The thread's sleep and stop only.
    std::condition_variable m_wake;
    // Coarse milliseconds when the running call began; 0 when idle, -1 while interrupting.
    std::atomic<std::int64_t> m_started{0};
    std::atomic<bool> m_fired{false};
    bool m_stop = false;
    std::thread m_thread;
};

// SQLite limits for plugin connections (no ATTACH at all, bounded sizes).
void apply_plugin_limits(sqlite3* db);

// The same limits on a host connection for a while (a plugin's migrations), restored when the
// object is destroyed.
class ScopedPluginLimits {
  public:
    explicit ScopedPluginLimits(sqlite3* db);
    ~ScopedPluginLimits();
    ScopedPluginLimits(const ScopedPluginLimits&) = delete;
    ScopedPluginLimits& operator=(const ScopedPluginLimits&) = delete;

  private:
    sqlite3* m_db;
    std::vector<std::pair<int, int>> m_saved;
};

}  // namespace dyad::db
