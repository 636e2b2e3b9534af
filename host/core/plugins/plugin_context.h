// Everything the host keeps for one created plugin; its address is the dyad_host's host_data.
// Internal to host/core. Thread: [main-thread].
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "db/confinement.h"
#include "db/connection.h"
#include "dyad/sdk.h"
#include "events.h"
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

    std::unique_ptr<PluginDatabase> database;  // Opened after the prefix is known.
    std::string core_error;

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

// Fills context.host so that its get_service serves the v1 services.
void bind_host(PluginContext& context);

// The dyad.db/1 service table (db_service.cpp).
const dyad_db_v1* db_service();

// Opens the plugin's confined runtime connection on the practice database at path: the
// runtime policy, the plugin limits, a step budget per call and a time limit per call. `vfs`:
// the practice's encrypting VFS name, or empty for a plain practice.
Status open_plugin_database(PluginContext& context, const std::string& path, const std::string& vfs,
                            std::uint64_t step_budget,
                            std::chrono::milliseconds time_limit = std::chrono::seconds(10));

// When the plugin's connection is inside a transaction (its call returned to the host without
// committing), rolls it back and returns the warning it logged; nullopt when there was none.
// Call whenever a plugin's call returns to the host (start, commands, events, GUI idle).
std::optional<std::string> close_abandoned_transaction(PluginContext& context);

// Runs sql (one or more statements) on db under policy, statement by statement. On a denial
// the error names what was refused.
Status exec_confined(sqlite3* db, db::ConfinementPolicy& policy, const std::string& sql);

}  // namespace dyad::plugins
