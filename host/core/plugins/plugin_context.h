// Everything the host keeps for one created plugin; its address is the dyad_host's host_data.
// Internal to host/core. Thread: [main-thread].
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/confinement.h"
#include "db/connection.h"
#include "dyad/sdk.h"
#include "events.h"
#include "people/users.h"
#include "plugins/contributions.h"
#include "records/core_records.h"

namespace dyad::plugins {

// The plugin's confined connection, as the db service uses it.
struct PluginDatabase {
    db::Connection connection;
    std::unique_ptr<db::ConfinementPolicy> policy;
    std::unique_ptr<db::StepBudget> budget;
    std::unique_ptr<db::Watchdog> watchdog;  // Destroyed before the connection (declared after).
    std::string last_error;
    int transaction_depth = 0;
    // Audit entries the plugin asked for inside its open transaction, with the depth they were
    // asked at: written when the outermost transaction commits, dropped with a rollback of
    // their level. (Writing them at once would wait on this connection's write lock.)
    std::vector<std::pair<int, std::function<void()>>> pending_audits;
};

struct PluginContext {
    std::string plugin_id;
    std::string table_prefix;  // Empty until the schema extension names one.
    bool ui_allowed = false;   // GUI host and a plugin built against the same wx.
    std::string reported_error;

    db::Connection* main = nullptr;
    records::CoreRecords* records = nullptr;
    EventBus* events = nullptr;
    Contributions* contributions = nullptr;
    const UiHooks* ui_hooks = nullptr;
    const std::vector<std::string>* reserved_cli_names = nullptr;
    const std::vector<std::string>* resource_folders = nullptr;  // Most specific first.
    std::string data_folder;
    // Who is signed in (the practice's session, which outlives the plugin); null: the
    // single-user practice's owner.
    const people::Session* session = nullptr;
    // What the plugin declared it will use (dyad_plugin_entry.uses, SDK 1.1), split into
    // words; nullopt when it declared nothing (every service, as in 1.0).
    std::optional<std::vector<std::string>> uses;
    // Another loaded plugin's extension (the manager's lookup; unset in tests without one).
    std::function<const void*(const std::string& plugin_id, const std::string& extension_id)>
        find_extension;

    std::unique_ptr<PluginDatabase> database;  // Opened after the prefix is known.
    std::string core_error;
    std::string people_error;

    dyad_host host{};
};

// The context behind a dyad_host the host bound (bind_host).
inline PluginContext& context_of(const dyad_host* host) {
    return *static_cast<PluginContext*>(host->host_data);
}

// A C string from a plugin, "" for NULL.
inline std::string text_or_empty(const char* text) {
    return text != nullptr ? text : "";
}

// A C string from a plugin that is neither NULL nor empty.
inline bool has_text(const char* text) {
    return text != nullptr && *text != '\0';
}

// The signed-in user as the plugin's calls act (the owner of a single-user practice when none).
const people::Session& session_of(const PluginContext& context);

// Whether the plugin declared `word` in its uses (always true when it declared nothing).
bool declares(const PluginContext& context, std::string_view word);

// Fills context.host so that its get_service serves the v1 services (and the 1.1 ones to a
// plugin built for 1.1).
void bind_host(PluginContext& context);

// BLAKE2b-256 of a plugin's file, hex; "" when it cannot be read (plugin_state.cpp).
std::string file_hash(const std::string& path);

// The service tables (core_service.cpp, ui_service.cpp, people_service.cpp).
const dyad_core_v1* core_service();
const dyad_ui_v1* ui_service();
const dyad_people_v1* people_service();

// The dyad.db/1 service table (db_service.cpp).
const dyad_db_v1* db_service();

// Opens the plugin's confined runtime connection on the practice database at path: the
// runtime policy, the plugin limits, a step budget per call and a time limit per call. `vfs`:
// the practice's encrypting VFS name, or empty for a plain practice. `opened`: a connection
// db::Connection::open already made to that database (ConnectionPrefetch), confined here the
// same way; without one, it is opened here.
Status open_plugin_database(PluginContext& context, const std::string& path, const std::string& vfs,
                            std::uint64_t step_budget,
                            std::chrono::milliseconds time_limit = std::chrono::seconds(10),
                            std::optional<db::Connection> opened = std::nullopt);

// Runs `write` (an audit entry the plugin asked for) now, or when the plugin's open
// transaction commits (dropped when it rolls back).
void audit_when_committed(PluginContext& context, std::function<void()> write);

// When the plugin's connection is inside a transaction (its call returned to the host without
// committing), rolls it back and returns the warning it logged; nullopt when there was none.
// Call whenever a plugin's call returns to the host (start, commands, events, GUI idle).
std::optional<std::string> close_abandoned_transaction(PluginContext& context);

// Runs sql (one or more statements) on db under policy, statement by statement. On a denial
// the error names what was refused.
Status exec_confined(sqlite3* db, db::ConfinementPolicy& policy, const std::string& sql);

}  // namespace dyad::plugins
