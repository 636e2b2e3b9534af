// Discovers, admits, loads and unloads plugins (Boost.DLL), and keeps their state (enabled,
// quarantined) in the practice database.
//
// Admission, in order, each failure a refusal with a reason a person understands: the library
// does not embed SQLite; it loads; it exports dyad_plugin_entry_v1; SDK version and ABI tag
// match; the id is valid and unique; it does not link its own SQLite; it is enabled (plugins
// from the user folder start disabled); create() succeeds; its table prefix is valid and its
// own; its migrations apply (all or nothing, confined to its names); start() succeeds.
//
// While a library loads, this process's mark says so (plugins/load_marks.h); a mark left by a
// process that crashed while loading quarantines the plugin until it is enabled again. A mark
// left by a process that was killed is only a notice; a running process's marks are left alone.
//
// Thread: [main-thread]. Lifetime: the environment's objects outlive the manager; plugins are
// destroyed by unload_all() (call it after the GUI has destroyed their windows); libraries are
// unloaded when the manager is destroyed.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <dyad/demo.h>
#include <dyad/search.h>

#include "db/connection.h"
#include "db/migrations.h"
#include "events.h"
#include "people/users.h"
#include "plugins/contributions.h"
#include "records/core_records.h"
#include "util/reason.h"

namespace dyad::plugins {

enum class PluginSource { Installed = 1, User };
enum class PluginState { Loaded = 1, Disabled, Refused, Quarantined };

const char* to_string(PluginSource source);
const char* to_string(PluginState state);

struct PluginRecord {
    std::string path;
    std::string id;  // The file name while unknown (never loaded).
    std::string name;
    std::string vendor;
    std::string version;
    std::string description;
    std::string sdk_version;  // "1.0" as the plugin was built.
    PluginSource source = PluginSource::Installed;
    PluginState state = PluginState::Refused;
    std::string reason;        // Why it is not loaded, in English (the log, dyadctl); "" loaded.
    std::string reason_shown;  // The same in the language the window shows (util/reason.h).
    // What the window shows: reason_shown, else reason.
    const std::string& shown_reason() const { return reason_shown.empty() ? reason : reason_shown; }
    std::string file_hash;  // BLAKE2b-256 of a user-folder plugin's file (hex), shown to trust it.
    // What it declares it will use (SDK 1.1 entry `uses`); nullopt when it declares nothing.
    std::optional<std::vector<std::string>> uses;
};

// A plugin quarantined for crashing the host while it loaded: the reason from the signal's
// description ("a segmentation fault") and when the load began. Kept in English in the
// practice (dyadctl shows it as it is); quarantine_words reads a kept reason back into its
// parts, so the window says it in its language (any other text is shown as it is).
Reason crash_reason(const std::string& signal, const std::string& started_at);
Reason quarantine_words(const std::string& stored);

// Bounds on a plugin's migrations, which run on the host's connection.
struct MigrationLimits {
    std::uint64_t step_budget = 2'000'000'000;  // VM instructions per migration.
    std::chrono::milliseconds time_limit{60'000};
};

struct PluginEnvironment {
    db::Connection* main = nullptr;
    records::CoreRecords* records = nullptr;
    EventBus* events = nullptr;
    std::string database_path;
    std::string vfs_name;          // The practice's encrypting VFS; empty for a plain practice.
    std::string host_wx = "none";  // "3.2" in the GUI: plugins built for it get the ui service.
    const UiHooks* ui_hooks = nullptr;
    std::vector<std::string> reserved_cli_names;
    std::vector<std::string> resource_folders;  // Most specific first.
    std::string data_folder;
    std::uint64_t step_budget = 500'000'000;       // VM instructions per plugin statement.
    std::chrono::milliseconds time_limit{10'000};  // Per call into SQLite by a plugin.
    MigrationLimits migration_limits;
    db::BeforeUpgrade before_upgrade;  // The practice's backup before an upgrade.
    std::string marks_folder;          // Load marks (see load_marks.h); empty: none.
    // Who is signed in; outlives the manager. Null: the single-user practice's owner.
    const people::Session* session = nullptr;
};

// A loaded plugin's search provider (SDK 1.1 "dyad.search/1"); valid while the plugin lives.
struct SearchProvider {
    std::string plugin_id;
    const dyad_plugin* plugin = nullptr;
    const dyad_search_provider_v1* table = nullptr;
};

// A loaded plugin that fills a part of the demo practice (SDK 1.1 "dyad.demo/1", demo.h).
struct DemoSeeder {
    std::string plugin_id;
    std::string name;
    dyad_plugin* plugin = nullptr;
    const dyad_demo_v1* table = nullptr;
    std::string* reported_error = nullptr;  // What the plugin last told host->report_error().
};

class LoadMarks;

class ConnectionPrefetch;

class PluginManager {
  public:
    explicit PluginManager(PluginEnvironment environment);
    ~PluginManager();
    PluginManager(const PluginManager&) = delete;
    PluginManager& operator=(const PluginManager&) = delete;

    // Finds "*.so" files in each folder (missing folders are skipped) and admits them.
    void load_all(const std::vector<std::string>& installed_folders,
                  const std::vector<std::string>& user_folders);

    const std::vector<PluginRecord>& plugins() const { return m_records; }
    // Where this practice's plugins and data files are looked for (as given to load_all and
    // the environment), most specific first for the data files.
    const std::vector<std::string>& installed_folders() const { return m_installed_folders; }
    const std::vector<std::string>& user_folders() const { return m_user_folders; }
    const std::vector<std::string>& resource_folders() const {
        return m_environment.resource_folders;
    }
    const Contributions& contributions() const { return m_contributions; }
    // The search providers of the loaded and started plugins, in load order (plugin_search.h).
    std::vector<SearchProvider> search_providers() const;
    // The libraries (sonames, sorted, once each) the loaded plugins from installed folders
    // link, leaving out a plugin whose file names its own library search path (RPATH or
    // RUNPATH): what the next start may load ahead of them (library_preload.h).
    std::vector<std::string> preloadable_libraries() const;
    // The demo seeders of the loaded and started plugins, in load order (plugin_demo.h).
    std::vector<DemoSeeder> demo_seeders() const;

    // What the person starting Dyad should be told about this start, in words: an earlier start
    // ended while loading a plugin, a plugin was quarantined, a shipped plugin is left out.
    const std::vector<std::string>& start_notices() const { return m_start_notices; }

    // Persists the choice (takes effect at the next start). Accepts a plugin's path (exactly
    // that file), id or file name. Enabling also lifts a quarantine; enabling a user-folder
    // plugin trusts its file, and with expected_hash only when the file still has that hash
    // (the one the owner was shown).
    Status set_enabled(const std::string& id_or_file, bool enabled,
                       const std::string& expected_hash = {});

    // Rolls back the transaction any plugin left open when its call returned to the host, and
    // returns the warnings (also logged). Cheap: call it after every plugin call (commands,
    // events) and when the GUI is idle.
    std::vector<std::string> close_abandoned_transactions();

    // Destroys every loaded plugin (windows must already be gone). Idempotent.
    void unload_all();

  private:
    struct Loaded;

    void recover_interrupted_loads();
    PluginRecord admit(const std::string& path, PluginSource source, ConnectionPrefetch& prefetch);
    Result<bool> enabled_state(const std::string& id, PluginSource source);
    std::optional<Reason> quarantine_reason(const std::string& path);
    // The hash an owner trusted for a user-folder plugin's file, and trusting one (audited).
    std::optional<std::string> trusted_hash(const std::string& path);
    Status trust(const std::string& path, const std::string& hash);
    // nullopt when the plugin's tables are set up (or it has none), else why not.
    std::optional<Reason> apply_plugin_schema(Loaded& plugin);
    std::optional<Reason> claim_prefix(const std::string& prefix, const std::string& plugin_id);
    void discard(std::unique_ptr<Loaded> plugin);

    PluginEnvironment m_environment;
    std::vector<std::string> m_installed_folders;
    std::vector<std::string> m_user_folders;
    std::vector<PluginRecord> m_records;
    std::vector<std::unique_ptr<Loaded>> m_loaded;
    std::vector<std::unique_ptr<Loaded>> m_retired;  // Destroyed; libraries kept until exit.
    Contributions m_contributions;
    std::unique_ptr<LoadMarks> m_marks;
    std::vector<std::string> m_start_notices;
};

// Applies a plugin's migrations on main under the migration confinement policy, all or
// nothing, and probes its triggers and views under the runtime policy (see docs/design.md).
Result<db::MigrationReport> apply_confined_migrations(db::Connection& main,
                                                      const std::string& plugin_id,
                                                      const dyad_schema_v1& schema,
                                                      const db::BeforeUpgrade& before_upgrade = {},
                                                      const MigrationLimits& limits = {});

}  // namespace dyad::plugins
