#include "db/confinement.h"

#include <time.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "db/sql_text.h"

namespace dyad::db {
namespace {

constexpr std::uint64_t kProgressInterval = 10000;

bool is_schema_table(std::string_view name) {
    return equals_nocase(name, "sqlite_master") || equals_nocase(name, "sqlite_schema") ||
           equals_nocase(name, "sqlite_temp_master") || equals_nocase(name, "sqlite_temp_schema");
}

std::string text_or_empty(const char* text) {
    return text != nullptr ? text : "";
}

std::string lowercase(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower;
}

const PublishedView* find_published_view(const char* name) {
    if (name == nullptr) {
        return nullptr;
    }
    for (const auto& view : published_views()) {
        if (equals_nocase(view.name, name)) {
            return &view;
        }
    }
    return nullptr;
}

bool is_host_table(std::string_view name) {
    return starts_with_nocase(name, "dyad_") || starts_with_nocase(name, "host_") ||
           equals_nocase(name, "plugin_schema");
}

// Table-valued functions that read only their arguments (or, for pragma_*, are decided by the
// PRAGMA authorization that follows).
bool is_argument_function(std::string_view name) {
    return equals_nocase(name, "json_each") || equals_nocase(name, "json_tree") ||
           starts_with_nocase(name, "pragma_");
}

}  // namespace

// The host's own list, kept in step with records/core_schema.cpp (a test compares them).
const std::vector<PublishedView>& published_views() {
    static const std::vector<PublishedView> views = {
        {"core_practitioner", "dyad_practitioner"},
        {"core_client", "dyad_client"},
        {"core_unit", "dyad_unit"},
        {"core_unit_member", "dyad_unit_member"},
        {"core_appointment", "dyad_appointment"},
    };
    return views;
}

const std::vector<std::string_view>& foreign_key_targets() {
    static const std::vector<std::string_view> tables = {"dyad_practitioner", "dyad_client",
                                                         "dyad_unit", "dyad_appointment"};
    return tables;
}

ConfinementPolicy::ConfinementPolicy(std::string table_prefix, ConfinementMode mode)
    : m_prefix(std::move(table_prefix) + "_"), m_mode(mode) {}

void ConfinementPolicy::install(sqlite3* db) {
    m_db = db;
    sqlite3_set_authorizer(db, &callback, this);
}

void ConfinementPolicy::uninstall(sqlite3* db) {
    sqlite3_set_authorizer(db, nullptr, nullptr);
}

Status ConfinementPolicy::check_text(std::string_view sql) {
    for (const std::string& name : defined_names(sql)) {
        if (find_published_view(name.c_str()) != nullptr || starts_with_nocase(name, "core_")) {
            deny("a common table expression or window may not be named like a published view (" +
                 name + ")");
            return fail(ErrorCode::Refused, "not allowed: " + m_last_denial);
        }
        // A defined name must not be a real table or view, nor a name SQLite or the host keeps
        // for itself: then a read that names it is the definition's, and only that.
        bool reserved = is_host_table(name) || starts_with_nocase(name, "sqlite_") ||
                        starts_with_nocase(name, "pragma_") || starts_with_nocase(name, "json_") ||
                        equals_nocase(name, "dbstat") || starts_with_nocase(name, "plugin_");
        bool real = m_db != nullptr &&
                    sqlite3_table_column_metadata(m_db, "main", name.c_str(), nullptr, nullptr,
                                                  nullptr, nullptr, nullptr, nullptr) == SQLITE_OK;
        if (reserved || real) {
            deny(
                "a common table expression or window may not have the name of a table, view or "
                "reserved word (" +
                name + ")");
            return fail(ErrorCode::Refused, "not allowed: " + m_last_denial);
        }
        if (m_defined_names.size() < 1000) {
            m_defined_names.insert(lowercase(name));
        }
    }
    return ok();
}

int ConfinementPolicy::callback(void* self, int action, const char* first, const char* second,
                                const char* database, const char* inner_view) {
    return static_cast<ConfinementPolicy*>(self)->decide(action, first, second, database,
                                                         inner_view);
}

bool ConfinementPolicy::is_own(const char* name) const {
    return name != nullptr && starts_with_nocase(name, m_prefix) &&
           std::string_view(name).size() > m_prefix.size();
}

int ConfinementPolicy::deny(std::string reason) {
    m_last_denial = std::move(reason);
    return SQLITE_DENY;
}

int ConfinementPolicy::decide(int action, const char* first, const char* second,
                              const char* database, const char* inner_view) {
    if (action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) {
        m_statement_writes = true;
    }
    if (action == SQLITE_ALTER_TABLE) {
        m_statement_alters = true;
    }
    if (database != nullptr && equals_nocase(database, "temp") && action != SQLITE_PRAGMA &&
        action != SQLITE_FUNCTION) {
        if (m_statement_alters) {
            // RENAME rewrites every schema, the temporary one included; ADD COLUMN does not.
            return deny(
                "ALTER TABLE may only add columns in a plugin's migration; to rename, create "
                "the new table, copy the rows and drop the old one");
        }
        return deny("temporary schema objects are not allowed for plugins");
    }
    if (database != nullptr && !equals_nocase(database, "main") && action != SQLITE_PRAGMA &&
        action != SQLITE_FUNCTION) {
        return deny("plugins may only use the practice database (not '" + text_or_empty(database) +
                    "')");
    }
    switch (action) {
        case SQLITE_SELECT:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        case SQLITE_READ:
            return decide_read(first, second, inner_view);
        case SQLITE_INSERT:
        case SQLITE_UPDATE:
        case SQLITE_DELETE:
            return decide_write(first);
        case SQLITE_TRANSACTION:
            if (m_mode == ConfinementMode::Migration) {
                return deny(
                    "migrations must not control transactions; the host applies them "
                    "all-or-nothing");
            }
            return SQLITE_OK;
        case SQLITE_SAVEPOINT:
            return SQLITE_OK;
        case SQLITE_PRAGMA:
            return decide_pragma(first, second);
        case SQLITE_FUNCTION: {
            static constexpr std::array<std::string_view, 5> forbidden = {
                "load_extension", "fts3_tokenizer", "readfile", "writefile", "edit"};
            std::string_view name = second != nullptr ? second : "";
            for (auto bad : forbidden) {
                if (equals_nocase(name, bad)) {
                    return deny("the SQL function " + std::string(name) +
                                "() is not allowed for plugins");
                }
            }
            return SQLITE_OK;
        }
        case SQLITE_ATTACH:
        case SQLITE_DETACH:
            return deny(
                "ATTACH, DETACH and VACUUM (which attaches a copy) are not allowed for plugins");
        case SQLITE_ANALYZE:
        case SQLITE_REINDEX:
            if (is_own(first)) {
                return SQLITE_OK;
            }
            return deny("ANALYZE and REINDEX are allowed on the plugin's own tables only");
        case SQLITE_CREATE_TEMP_TABLE:
        case SQLITE_CREATE_TEMP_INDEX:
        case SQLITE_CREATE_TEMP_TRIGGER:
        case SQLITE_CREATE_TEMP_VIEW:
        case SQLITE_DROP_TEMP_TABLE:
        case SQLITE_DROP_TEMP_INDEX:
        case SQLITE_DROP_TEMP_TRIGGER:
        case SQLITE_DROP_TEMP_VIEW:
            return deny("temporary schema objects are not allowed for plugins");
        case SQLITE_CREATE_TABLE:
        case SQLITE_CREATE_INDEX:
        case SQLITE_CREATE_VIEW:
        case SQLITE_CREATE_TRIGGER:
        case SQLITE_CREATE_VTABLE:
        case SQLITE_DROP_TABLE:
        case SQLITE_DROP_INDEX:
        case SQLITE_DROP_VIEW:
        case SQLITE_DROP_TRIGGER:
        case SQLITE_DROP_VTABLE:
        case SQLITE_ALTER_TABLE:
            return decide_schema_change(action, first, second);
        default:
            return deny("this kind of statement (authorizer action " + std::to_string(action) +
                        ") is not allowed for plugins");
    }
}

int ConfinementPolicy::decide_read(const char* table, const char* column, const char* inner_view) {
    if (table == nullptr) {
        return deny("a read of an unnamed table is not allowed for plugins");
    }
    std::string_view name = table;
    std::string_view col = column != nullptr ? column : "";
    if (is_own(table)) {
        return SQLITE_OK;
    }
    for (const auto& undeclared : m_undeclared) {
        if (equals_nocase(undeclared, name) ||
            (inner_view != nullptr && equals_nocase(undeclared, inner_view))) {
            return deny("the plugin's entry does not declare that it reads " + undeclared +
                        " (add the core:...:read word to its uses)");
        }
    }
    // A common table expression of the plugin's own SQL (check_text made sure that no table,
    // view or reserved name can be one).
    if (!m_defined_names.empty() && m_defined_names.count(lowercase(name)) > 0) {
        return SQLITE_OK;
    }
    // Inside a published view (check_text keeps CTEs and windows from carrying its name), the
    // view's own table.
    if (const PublishedView* view = find_published_view(inner_view)) {
        if (equals_nocase(view->table, name)) {
            m_readable_without_columns.insert(view->table);
            return SQLITE_OK;
        }
        return deny("the view " + std::string(view->name) + " may not read " + std::string(name));
    }
    // The columns of a published view itself (a view that is not flattened into the query).
    if (find_published_view(table) != nullptr) {
        return SQLITE_OK;
    }
    // count(*) over a flattened published view reads its table "without columns".
    if (col.empty()) {
        for (std::string_view readable : m_readable_without_columns) {
            if (equals_nocase(readable, name)) {
                return SQLITE_OK;
            }
        }
    }
    if (is_schema_table(name)) {
        return SQLITE_OK;
    }
    if (is_argument_function(name)) {
        return SQLITE_OK;
    }
    // A foreign-key check of the plugin's tables reads the parent's id, as a plain read (also
    // inside the plugin's triggers). A query that selects only ids reads the table "without
    // columns" as well, and that read is refused below, so ids cannot be listed, counted or
    // ordered by an index on a protected column.
    if (m_statement_writes && equals_nocase(col, "id") &&
        (inner_view == nullptr || is_own(inner_view))) {
        for (std::string_view target : foreign_key_targets()) {
            if (equals_nocase(target, name)) {
                return SQLITE_OK;
            }
        }
    }
    std::string shown(name);
    std::string where =
        inner_view != nullptr ? " (read inside " + std::string(inner_view) + ")" : "";
    if (is_host_table(name)) {
        return deny("the table " + shown + " belongs to the host" + where +
                    "; read core data through the core_* views (core ids are readable only by "
                    "foreign-key checks)");
    }
    // Statistics and introspection tables leak sizes and other statements' text.
    if (equals_nocase(name, "dbstat") || equals_nocase(name, "sqlite_stmt") ||
        starts_with_nocase(name, "sqlite_stat")) {
        return deny("the statistics table " + shown + " is not available to plugins");
    }
    return deny("the table " + shown + " does not belong to this plugin" + where +
                " (its tables are " + m_prefix + "*)");
}

int ConfinementPolicy::decide_write(const char* table) {
    if (is_own(table)) {
        return SQLITE_OK;
    }
    std::string name = text_or_empty(table);
    if (is_schema_table(name)) {
        // Schema bookkeeping: the plugin's own DDL in migrations, and FTS5 connecting to its
        // tables at runtime. A plugin cannot write the schema table itself: SQLite refuses
        // that without writable_schema (a denied PRAGMA) and in defensive mode.
        return SQLITE_OK;
    }
    if (equals_nocase(name, "sqlite_sequence")) {
        return deny("AUTOINCREMENT is not allowed; use the db service's new_id() for keys");
    }
    if (starts_with_nocase(name, "core_") || starts_with_nocase(name, "dyad_")) {
        return deny("core records are written through the dyad.core/1 service, not SQL (" + name +
                    ")");
    }
    return deny("the table " + name + " does not belong to this plugin (its tables are " +
                m_prefix + "*)");
}

int ConfinementPolicy::decide_schema_change(int action, const char* first, const char* second) {
    if (m_mode == ConfinementMode::Runtime) {
        return deny("schema changes belong in the plugin's migrations");
    }
    const char* object = first;
    const char* table = nullptr;
    switch (action) {
        case SQLITE_CREATE_INDEX:
        case SQLITE_CREATE_TRIGGER:
        case SQLITE_DROP_INDEX:
        case SQLITE_DROP_TRIGGER:
            table = second;
            break;
        case SQLITE_ALTER_TABLE:
            object = second;  // First is the database name.
            break;
        case SQLITE_CREATE_VTABLE:
        case SQLITE_DROP_VTABLE:
            if (second == nullptr || !equals_nocase(second, "fts5")) {
                return deny("virtual tables other than fts5 are not allowed for plugins");
            }
            break;
        default:
            break;
    }
    // SQLite names the indexes behind UNIQUE and PRIMARY KEY constraints itself.
    bool automatic_index = (action == SQLITE_CREATE_INDEX || action == SQLITE_DROP_INDEX) &&
                           object != nullptr && starts_with_nocase(object, "sqlite_autoindex_");
    if (!automatic_index && object != nullptr && !is_plain_identifier(object)) {
        return deny("object names must be letters, digits and '_' (not " + std::string(object) +
                    ")");
    }
    if (!is_own(object) && !automatic_index) {
        return deny("the plugin may only create or change objects named " + m_prefix + "* (not " +
                    text_or_empty(object) + ")");
    }
    if (table != nullptr && !is_own(table)) {
        return deny("indexes and triggers are allowed on the plugin's own tables only (not " +
                    std::string(table) + ")");
    }
    return SQLITE_OK;
}

int ConfinementPolicy::decide_pragma(const char* name, const char* argument) {
    std::string pragma = text_or_empty(name);
    if (equals_nocase(pragma, "data_version")) {
        return SQLITE_OK;  // FTS5 reads it.
    }
    static constexpr std::array<std::string_view, 6> introspection = {
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"};
    for (auto allowed : introspection) {
        if (equals_nocase(pragma, allowed) && is_own(argument)) {
            return SQLITE_OK;
        }
    }
    return deny("PRAGMA " + pragma + " is not allowed for plugins");
}

void StepBudget::install(sqlite3* db) {
    sqlite3_progress_handler(db, static_cast<int>(kProgressInterval), &callback, this);
}

int StepBudget::callback(void* self) {
    auto* budget = static_cast<StepBudget*>(self);
    budget->m_used += kProgressInterval;
    return budget->m_used >= budget->m_budget ? 1 : 0;
}

namespace {

// Milliseconds of the coarse monotonic clock (a few ns to read; resolution of a few ms, plenty
// for limits of seconds). Never 0 or -1 on a running system.
std::int64_t coarse_now_ms() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000 + 1;
}

constexpr std::int64_t kIdle = 0;
constexpr std::int64_t kInterrupting = -1;

}  // namespace

Watchdog::Watchdog(sqlite3* db, std::chrono::milliseconds limit)
    : m_db(db), m_limit(limit), m_thread([this] { run(); }) {}

Watchdog::~Watchdog() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Watchdog::begin() {
    m_fired.store(false, std::memory_order_relaxed);
    m_started.store(coarse_now_ms(), std::memory_order_release);
}

void Watchdog::end() {
    // The watchdog marks a call it interrupts; end() waits until the interrupt was issued, so
    // it can only land on the call that ran too long.
    std::int64_t started = m_started.load(std::memory_order_acquire);
    while (started == kInterrupting ||
           !m_started.compare_exchange_weak(started, kIdle, std::memory_order_acq_rel)) {
        if (started == kInterrupting) {
            std::this_thread::yield();
            started = m_started.load(std::memory_order_acquire);
        }
    }
}

void Watchdog::run() {
    // Checks a few times per limit: an interrupt lands between 1 and 1.25 limits.
    auto period = std::max<std::chrono::milliseconds>(m_limit / 4, std::chrono::milliseconds(5));
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, period);
        std::int64_t started = m_started.load(std::memory_order_acquire);
        if (m_stop || started <= kIdle || coarse_now_ms() - started < m_limit.count()) {
            continue;
        }
        if (m_started.compare_exchange_strong(started, kInterrupting, std::memory_order_acq_rel)) {
            m_fired.store(true);
            sqlite3_interrupt(m_db);
            m_started.store(started, std::memory_order_release);  // end() resets it.
        }
    }
}

namespace {

constexpr std::array<std::pair<int, int>, 8> kPluginLimits = {{
    {SQLITE_LIMIT_ATTACHED, 0},
    {SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024},
    {SQLITE_LIMIT_SQL_LENGTH, 1024 * 1024},
    {SQLITE_LIMIT_COLUMN, 500},
    {SQLITE_LIMIT_EXPR_DEPTH, 200},
    {SQLITE_LIMIT_COMPOUND_SELECT, 100},
    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000},
    {SQLITE_LIMIT_TRIGGER_DEPTH, 10},
}};

}  // namespace

void apply_plugin_limits(sqlite3* db) {
    for (auto [limit, value] : kPluginLimits) {
        sqlite3_limit(db, limit, value);
    }
}

ScopedPluginLimits::ScopedPluginLimits(sqlite3* db) : m_db(db) {
    for (auto [limit, value] : kPluginLimits) {
        m_saved.emplace_back(limit, sqlite3_limit(db, limit, value));
    }
}

ScopedPluginLimits::~ScopedPluginLimits() {
    for (auto [limit, value] : m_saved) {
        sqlite3_limit(m_db, limit, value);
    }
}

}  // namespace dyad::db
