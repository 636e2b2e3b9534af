#include "db/confinement.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace dyad::db {
namespace {

constexpr std::uint64_t kProgressInterval = 10000;

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(prefix[i]))) {
            return false;
        }
    }
    return true;
}

bool equals_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && starts_with_nocase(a, b);
}

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

}  // namespace

ConfinementPolicy::ConfinementPolicy(std::string table_prefix, ConfinementMode mode)
    : m_prefix(std::move(table_prefix) + "_"), m_mode(mode) {}

void ConfinementPolicy::install(sqlite3* db) {
    m_db = db;
    sqlite3_set_authorizer(db, &callback, this);
}

bool ConfinementPolicy::names_real_table(const char* name) const {
    if (m_db == nullptr) {
        return true;
    }
    return sqlite3_table_column_metadata(m_db, "main", name, nullptr, nullptr, nullptr, nullptr,
                                         nullptr, nullptr) == SQLITE_OK;
}

void ConfinementPolicy::uninstall(sqlite3* db) {
    sqlite3_set_authorizer(db, nullptr, nullptr);
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
    if (database != nullptr && equals_nocase(database, "temp") && action != SQLITE_PRAGMA &&
        action != SQLITE_FUNCTION) {
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
            return deny("ATTACH and DETACH are not allowed for plugins");
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
    if (is_own(table)) {
        return SQLITE_OK;
    }
    if (inner_view != nullptr && starts_with_nocase(inner_view, "core_")) {
        if (table != nullptr) {
            m_readable_without_columns.insert(lowercase(table));
        }
        return SQLITE_OK;
    }
    // Columns of a published view itself (a view that is not flattened into the query). No
    // table can be named core_*: the prefix is reserved.
    if (table != nullptr && starts_with_nocase(table, "core_")) {
        return SQLITE_OK;
    }
    // A read without a database name of something that is not a table in the database is a
    // common table expression or a subquery of the statement itself.
    if (table != nullptr && !names_real_table(table)) {
        return SQLITE_OK;
    }
    // SELECT count(*) over a flattened core_* view, or a query that reads only a core table's
    // id, also reads the table "without columns"; allow it where this statement already read
    // the table through a view or by its id.
    if (table != nullptr && column != nullptr && *column == '\0' &&
        m_readable_without_columns.count(lowercase(table)) > 0) {
        return SQLITE_OK;
    }
    if (table != nullptr && is_schema_table(table)) {
        return SQLITE_OK;
    }
    // A foreign-key check on the plugin's tables reads the parent key of a core table, and
    // SQLite reports it as a plain read, also from inside the plugin's triggers. So the id
    // column of core tables is readable: ids are random numbers, not client data.
    if (table != nullptr && starts_with_nocase(table, "dyad_") && column != nullptr &&
        equals_nocase(column, "id")) {
        m_readable_without_columns.insert(lowercase(table));
        return SQLITE_OK;
    }
    std::string name = text_or_empty(table);
    if (inner_view != nullptr) {
        return deny("the view " + std::string(inner_view) + " reads " + name +
                    ", which this plugin may not read; read core data through the core_* views");
    }
    if (starts_with_nocase(name, "dyad_") || equals_nocase(name, "plugin_schema") ||
        starts_with_nocase(name, "host_")) {
        return deny("the table " + name +
                    " belongs to the host; read core data through the core_* views");
    }
    return deny("the table " + name + " does not belong to this plugin (its tables are " +
                m_prefix + "*)");
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

void apply_plugin_limits(sqlite3* db) {
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1024 * 1024);
    sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 500);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 200);
    sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 100);
    sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000);
    sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
}

}  // namespace dyad::db
