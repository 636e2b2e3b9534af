// A practice opened by the host: its database (core schema migrated), core records, event bus
// and plugins. Shared by the GUI and dyadctl.
//
// Thread: [main-thread]. Shutdown order (destructor): BeforeShutdown event, plugins destroyed
// (the GUI must have destroyed plugin windows before), connections closed, libraries unloaded.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/encrypted_vfs.h"
#include "crypto/practice_keys.h"
#include "db/connection.h"
#include "db/maintenance.h"
#include "events.h"
#include "people/users.h"
#include "plugins/plugin_demo.h"
#include "plugins/plugin_manager.h"
#include "records/core_records.h"

namespace dyad {

enum class HostMode { Gui = 1, Cli };
enum class CreatePractice { IfMissing = 1, MustExist };

struct PracticeOptions {
    std::string data_dir;  // Holds practice.db, dyad.log and the user plugin folder.
    std::vector<std::string> installed_plugin_dirs;
    std::vector<std::string> user_plugin_dirs;  // Defaults to <data_dir>/plugins.
    HostMode mode = HostMode::Cli;
    std::string host_wx = "none";
    const plugins::UiHooks* ui_hooks = nullptr;
    bool load_plugins = true;
    std::vector<std::string> reserved_cli_names;
    std::uint64_t step_budget = 500'000'000;       // VM instructions per plugin statement.
    std::chrono::milliseconds time_limit{10'000};  // Per call into SQLite by a plugin.
    plugins::MigrationLimits migration_limits;     // A plugin's migrations.
    // Installed data folders (templates, forms, scripts); see installed_resource_dirs().
    std::vector<std::string> installed_resource_dirs;
    // The unlocked key of an encrypted practice (docs/encryption.md), copied by open(); null
    // for a plain one. A new practice is created encrypted when given one, and its key file
    // (with a slot for key->salt) must already be written.
    const crypto::PracticeKey* key = nullptr;
};

class Practice {
  public:
    static Result<std::unique_ptr<Practice>> open(const PracticeOptions& options,
                                                  CreatePractice create);
    ~Practice();
    Practice(const Practice&) = delete;
    Practice& operator=(const Practice&) = delete;

    db::Connection& connection() { return m_connection; }
    records::CoreRecords& records() { return *m_records; }
    EventBus& events() { return m_events; }
    plugins::PluginManager& plugins() { return *m_plugins; }
    const std::string& database_path() const { return m_database_path; }
    const std::string& data_dir() const { return m_data_dir; }
    // The key of an encrypted practice (for backups and checks), or null for a plain one.
    const crypto::PracticeKey* key() const { return m_key ? &*m_key : nullptr; }
    // The encrypting VFS's name ("" for a plain practice), for connections of its own.
    std::string vfs_name() const { return m_vfs ? m_vfs->name() : std::string(); }
    // Who is signed in (issue 15); a default Session in a practice without users.
    const people::Session& session() const { return m_session; }
    void set_session(people::Session session) {
        m_session = std::move(session);
        m_records->set_signed_in(m_session.user_id == 0 ? std::string() : m_session.name);
        auto scope = people::role_info(m_session.role).scope;
        // Nobody signed in (user -1) is scoped to an empty caseload: no unit is listed.
        bool all = scope == people::UnitScope::All && m_session.signed_in();
        m_records->set_unit_scope(
            {all ? 0 : m_session.user_id, scope == people::UnitScope::CaseloadAndSupervisees});
    }
    bool may(people::Permission permission) const { return m_session.may(permission); }

    // Why the audit trail's head was left as it was at open ("" when all is well).
    const std::string& audit_warning() const { return m_audit_warning; }

    // Publishes BeforeShutdown once (the database is still open, windows still exist).
    void announce_shutdown();
    // Announces shutdown if not done yet, then destroys the plugins; idempotent. The GUI calls
    // it after destroying plugin windows; the destructor calls it otherwise.
    void shut_down();

  private:
    Practice() = default;

    std::string m_data_dir;
    std::string m_database_path;
    // Declared before every connection: destroyed after all of them (SQLite's rule for VFSs).
    std::shared_ptr<crypto::EncryptedVfs> m_vfs;
    std::optional<crypto::PracticeKey> m_key;
    std::optional<db::PracticeLock> m_lock;  // Shared while open: no restore under our feet.
    db::Connection m_connection;
    EventBus m_events;
    std::unique_ptr<records::CoreRecords> m_records;
    std::unique_ptr<plugins::PluginManager> m_plugins;
    people::Session m_session;
    std::string m_audit_warning;  // The chain no longer reaches its head: the head is kept.
    bool m_shutdown_announced = false;
    bool m_shut_down = false;
};

// The file name of the practice database inside a data folder.
std::string practice_database_path(const std::string& data_dir);

// What state the practice's files are in (plain, encrypted, none), after tidying what an
// interrupted encryption or key rotation left; see crypto::inspect_practice.
Result<crypto::PracticeFiles> inspect_practice_files(const std::string& data_dir);

// Whether anything is at the practice path of data_dir (a file, or a folder, pipe or link
// that opening will refuse in words); never throws (a link loop is "present").
bool practice_present(const std::string& data_dir);

// "<data>/backups/before-upgrade-<UTC time>.db": the copy made before migrating an existing
// practice to a newer schema (core or plugin).
std::string upgrade_backup_path(const std::string& data_dir);

// $XDG_DATA_HOME/dyad (or ~/.local/share/dyad).
std::string default_data_dir();

// Plugin folders shipped with the program: $DYAD_PLUGIN_PATH (colon-separated) when set,
// otherwise the build tree's and the installed layout's folders next to the executable.
std::vector<std::string> installed_plugin_dirs(const std::string& executable_path);

// The user plugin folders a practice at `data_dir` loads when PracticeOptions.user_plugin_dirs
// is empty: "<data_dir>/plugins" and, for the demo practice in the default folder
// ("<default_data_dir()>/demo"), the default practice's "plugins" too (what the user installed).
std::vector<std::string> default_user_plugin_dirs(const std::string& data_dir);

// Data folders shipped with the program: "<prefix>/share/dyad" next to the executable and, in
// a build tree, the source tree's resources/ folder.
std::vector<std::string> installed_resource_dirs(const std::string& executable_path);

// Fills a new practice with a therapist, couples, individuals, a family and this week's
// appointments. Refuses a database that already has clients. Returns the demo's units: Ana &
// Ben Ortiz (the couple to show first), Dee & Eli Moss, Carla Diaz, the Nguyen family, Farah
// Khan & Sam Lee (waitlist), Omar Haddad (discharged).
Result<std::vector<std::int64_t>> create_demo_practice(records::CoreRecords& records);

// The weeks before this one for the demo's units as create_demo_practice returned them: weekly
// sessions over the last months, mostly attended, a no-show and a cancellation among them;
// the discharged client's ended three months ago. Invalid for fewer than six units.
Status add_demo_history(records::CoreRecords& records, const std::vector<std::int64_t>& units);

// The demo into an empty practice: create_demo_practice, add_demo_history (when whole) and
// then in_transaction (dyadctl's generated caseload), all in one transaction, so that a kill
// half-way leaves an empty practice; after the commit and when whole, every loaded plugin's
// part (plugin_demo.h), whose problems are in the report, not an error. The demo's units are
// kept as pending until every plugin was asked: a kill while plugins fill is finished by
// finish_demo_practice.
Result<plugins::DemoReport> fill_demo_practice(Practice& practice, bool whole = true,
                                               const std::function<Status()>& in_transaction = {});

// A demo whose plugins' parts were interrupted (killed while filling): asks the plugins again
// (each fills only what it has not) and returns their report; nullopt when nothing is pending.
Result<std::optional<plugins::DemoReport>> finish_demo_practice(Practice& practice);

}  // namespace dyad
