#include "practice.h"

#include <dyad/text.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "db/backup_file.h"
#include "db/maintenance.h"
#include "db/migrations.h"
#include "records/audit_chain.h"
#include "records/core_schema.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/start_trace.h"

namespace dyad {

std::string practice_database_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "practice.db").string();
}

std::string upgrade_backup_path(const std::string& data_dir) {
    std::string stamp = now_utc_iso();
    std::replace(stamp.begin(), stamp.end(), ':', '-');
    return (std::filesystem::path(data_dir) / "backups" /
            ("before-upgrade-" + stamp + ".dyadbackup"))
        .string();
}

// A new practice database is made under a temporary name and renamed into place once its core
// schema is complete, so a start killed half-way leaves no empty or half-made practice.db (an
// empty one is refused as damage, rightly, for an existing practice).
Status create_database(const std::string& path, const std::string& vfs) {
    std::string creating = path + ".creating";
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(creating + suffix, ignored);
    }
    {
        auto fresh = db::Connection::open(creating, db::OpenMode::CreateIfMissing, vfs);
        if (!fresh) {
            return std::unexpected(fresh.error());
        }
        auto migrated = records::migrate_core(*fresh);
        if (!migrated) {
            return std::unexpected(migrated.error());
        }
    }  // Closed: checkpointed into the one file.
    std::error_code error;
    std::filesystem::rename(creating, path, error);
    if (error) {
        std::filesystem::remove(creating, ignored);
        return fail(ErrorCode::Io, "cannot create " + path + ": " + error.message());
    }
    (void)db::sync_folder(std::filesystem::path(path).parent_path().string());
    return {};
}

Result<crypto::PracticeFiles> inspect_practice_files(const std::string& data_dir) {
    return crypto::inspect_practice(practice_database_path(data_dir));
}

bool practice_present(const std::string& data_dir) {
    std::error_code error;
    return std::filesystem::exists(
        std::filesystem::symlink_status(practice_database_path(data_dir), error));
}

std::string default_data_dir() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg != nullptr && *xdg != '\0') {
        return (std::filesystem::path(xdg) / "dyad").string();
    }
    const char* home = std::getenv("HOME");
    return (std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "dyad")
        .string();
}

std::vector<std::string> installed_plugin_dirs(const std::string& executable_path) {
    std::vector<std::string> folders;
    if (const char* configured = std::getenv("DYAD_PLUGIN_PATH")) {
        std::string list = configured;
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t end = list.find(':', start);
            std::string folder = list.substr(start, end == std::string::npos ? end : end - start);
            if (!folder.empty()) {
                folders.push_back(folder);
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        return folders;
    }
    std::filesystem::path bin = std::filesystem::path(executable_path).parent_path();
    folders.push_back((bin.parent_path() / "plugins").string());  // Build tree.
    folders.push_back((bin.parent_path() / "lib" / "dyad" / "plugins").string());
#ifdef DYAD_MULTIARCH
    folders.push_back((bin.parent_path() / "lib" / DYAD_MULTIARCH / "dyad" / "plugins").string());
#endif
    return folders;
}

std::vector<std::string> installed_resource_dirs(const std::string& executable_path) {
    std::filesystem::path bin = std::filesystem::path(executable_path).parent_path();
    std::vector<std::string> folders = {(bin.parent_path() / "share" / "dyad").string()};
#ifdef DYAD_SOURCE_RESOURCES
    // Running from this build tree (not an installed copy): use the sources' resources/.
    if (std::filesystem::exists(bin.parent_path() / "CMakeCache.txt")) {
        folders.push_back(DYAD_SOURCE_RESOURCES);
    }
#endif
    return folders;
}

namespace {

// The demo practice the window opens (`dyad --demo`): "<default_data_dir()>/demo".
bool is_default_demo_folder(const std::string& data_dir) {
    // Both with a trailing separator: ".../demo/" is the same folder as ".../demo".
    return (std::filesystem::path(data_dir) / "").lexically_normal() ==
           (std::filesystem::path(default_data_dir()) / "demo" / "").lexically_normal();
}

}  // namespace

std::vector<std::string> default_user_plugin_dirs(const std::string& data_dir) {
    std::vector<std::string> folders = {(std::filesystem::path(data_dir) / "plugins").string()};
    if (is_default_demo_folder(data_dir)) {
        folders.push_back((std::filesystem::path(default_data_dir()) / "plugins").string());
    }
    return folders;
}

Result<std::unique_ptr<Practice>> Practice::open(const PracticeOptions& options,
                                                 CreatePractice create) {
    dyad::start_mark("practice");
    std::unique_ptr<Practice> practice(new Practice());
    practice->m_data_dir = options.data_dir;
    practice->m_database_path = practice_database_path(options.data_dir);
    std::error_code error;
    if (create == CreatePractice::IfMissing) {
        std::filesystem::create_directories(options.data_dir, error);
        if (error) {
            return fail(ErrorCode::Io,
                        error_reason(show::marked("error",
                                                  "cannot create the data folder {path}: "
                                                  "{why}"))
                            .with("path", options.data_dir)
                            .with("why", error.message()));
        }
    } else if (!practice_present(options.data_dir)) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error",
                                              "no practice in {path} (create one with "
                                              "`dyadctl init` or `dyadctl demo`)"))
                        .with("path", options.data_dir));
    }
    Logger::instance().set_file((std::filesystem::path(options.data_dir) / "dyad.log").string());
    auto lock =
        db::PracticeLock::acquire(practice->m_database_path, db::PracticeLock::Kind::Shared);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    practice->m_lock.emplace(std::move(*lock));
    auto files = crypto::inspect_practice(practice->m_database_path);
    if (!files) {
        return std::unexpected(files.error());
    }
    if (!files->tidied.empty()) {
        log_info("at open: " + files->tidied);
    }
    bool creating = create == CreatePractice::IfMissing && !practice_present(options.data_dir);
    bool encrypted =
        files->protection == crypto::Protection::Encrypted || (creating && options.key != nullptr);
    if (encrypted && options.key == nullptr) {
        return fail(
            ErrorCode::Refused,
            show::marked("error",
                         "this practice is encrypted: unlock it with its passphrase, the key "
                         "remembered on this computer or its recovery key"));
    }
    if (!encrypted && options.key != nullptr) {
        return fail(ErrorCode::Refused,
                    show::marked("error",
                                 "this practice is not encrypted, so it takes no key "
                                 "(encrypt it with dyadctl db encrypt)"));
    }
    if (encrypted) {
        if (!creating && options.key->salt != files->salt) {
            return fail(ErrorCode::Refused,
                        show::marked("error", "the key given belongs to another practice"));
        }
        if (creating) {
            auto key_file = crypto::read_key_file(crypto::key_file_path(practice->m_database_path));
            if (!key_file ||
                key_file->find(crypto::SlotKind::Passphrase, options.key->salt).empty()) {
                return fail(ErrorCode::Invalid,
                            "the key file must be written before an encrypted practice is "
                            "created");
            }
        }
        auto key = options.key->clone();
        if (!key) {
            return std::unexpected(key.error());
        }
        practice->m_key.emplace(std::move(*key));
        auto vfs = crypto::EncryptedVfs::create(practice->m_key->data_key, practice->m_key->salt);
        if (!vfs) {
            return std::unexpected(vfs.error());
        }
        practice->m_vfs = std::move(*vfs);
    }
    if (creating) {
        DYAD_TRY(create_database(practice->m_database_path, practice->vfs_name()));
    }

    auto connection =
        db::Connection::open(practice->m_database_path,
                             create == CreatePractice::IfMissing ? db::OpenMode::CreateIfMissing
                                                                 : db::OpenMode::ReadWrite,
                             practice->vfs_name());
    if (!connection) {
        return std::unexpected(connection.error());
    }
    practice->m_connection = std::move(*connection);
    // An upgraded Dyad (or plugin) migrates an existing practice only after a copy of it is
    // safe in <data>/backups; one copy per start, however many owners migrate.
    auto backed_up = std::make_shared<std::string>();
    db::BeforeUpgrade backup_first = [backed_up, data_dir = options.data_dir,
                                      path = practice->m_database_path, key = practice->key()](
                                         const std::string& owner, int from, int to) -> Status {
        if (!backed_up->empty()) {
            return {};
        }
        std::string target = upgrade_backup_path(data_dir);
        std::error_code folder_error;
        std::filesystem::create_directories(std::filesystem::path(target).parent_path(),
                                            folder_error);
        DYAD_TRY(db::backup_database(path, target, {}, key));
        *backed_up = target;
        log_info("backup before upgrading " + owner + " from schema " + std::to_string(from) +
                 " to " + std::to_string(to) + ": " + target);
        return {};
    };
    auto migrated = records::migrate_core(practice->m_connection, backup_first);
    if (!migrated) {
        return std::unexpected(migrated.error());
    }
    // The audit trail's chain (docs/audit-chain.md): entries from before it are chained once,
    // and the head kept apart moves up to the last entry unless the chain no longer reaches it.
    DYAD_TRY(records::chain_unchained_entries(practice->m_connection));
    auto head = records::advance_audit_head(practice->m_connection,
                                            records::audit_head_path(practice->m_database_path),
                                            practice->key());
    if (!head) {
        log_warning("audit head: " + head.error().message);
    } else if (!head->empty()) {
        log_warning(*head);
        practice->m_audit_warning = *head;
    }
    practice->m_records =
        std::make_unique<records::CoreRecords>(practice->m_connection, &practice->m_events);

    plugins::PluginEnvironment environment;
    environment.main = &practice->m_connection;
    environment.records = practice->m_records.get();
    environment.events = &practice->m_events;
    environment.database_path = practice->m_database_path;
    environment.vfs_name = practice->vfs_name();
    environment.session = &practice->m_session;
    environment.host_wx = options.host_wx;
    environment.ui_hooks = options.ui_hooks;
    environment.reserved_cli_names = options.reserved_cli_names;
    environment.step_budget = options.step_budget;
    environment.time_limit = options.time_limit;
    environment.migration_limits = options.migration_limits;
    environment.before_upgrade = backup_first;
    environment.data_folder = options.data_dir;
    environment.marks_folder = (std::filesystem::path(options.data_dir) / "plugin-loads").string();
    environment.resource_folders.push_back(
        (std::filesystem::path(options.data_dir) / "resources").string());
    // The demo practice the window opens (`dyad --demo`: <default>/demo) also finds what the
    // user installed for the default practice (`cmake --install` of a plugin, its resources),
    // as `dyadctl demo` in the default folder does (issue 22, item 1).
    const std::filesystem::path user_home = default_data_dir();
    if (is_default_demo_folder(options.data_dir)) {
        environment.resource_folders.push_back((user_home / "resources").string());
    }
    if (const char* clinic = std::getenv("DYAD_CLINIC_RESOURCES"); clinic != nullptr && *clinic) {
        environment.resource_folders.emplace_back(clinic);
    }
    for (const auto& folder : options.installed_resource_dirs) {
        environment.resource_folders.push_back(folder);
    }
    // A practice with users has nobody signed in until the window or dyadctl signs someone in:
    // plugins created and started before that may nothing (fail closed).
    if (auto any = people::People(practice->m_connection).any_users(); !any || *any) {
        practice->set_session(people::Session::nobody());
    }
    practice->m_plugins = std::make_unique<plugins::PluginManager>(environment);
    if (options.load_plugins) {
        practice->m_plugins->load_all(options.installed_plugin_dirs,
                                      options.user_plugin_dirs.empty()
                                          ? default_user_plugin_dirs(options.data_dir)
                                          : options.user_plugin_dirs);
    }
    return practice;
}

void Practice::announce_shutdown() {
    if (m_shutdown_announced) {
        return;
    }
    m_shutdown_announced = true;
    m_events.publish(Event{EventKind::BeforeShutdown, 0, "", 0, ""});
}

void Practice::shut_down() {
    if (m_shut_down) {
        return;
    }
    m_shut_down = true;
    announce_shutdown();
    if (m_plugins) {
        m_plugins->unload_all();
    }
}

Practice::~Practice() {
    shut_down();
    m_records.reset();
    if (m_connection.is_open() && m_audit_warning.empty()) {
        if (auto written = records::write_audit_head(
                m_connection, records::audit_head_path(m_database_path), key());
            !written) {
            log_warning("audit head: " + written.error().message);
        }
    }
    // Plugin connections are closed by unload_all; the manager (and libraries) go last.
    m_connection = db::Connection();
    m_plugins.reset();
}

namespace {

// The demo's units while their plugins' parts are not all filled yet: set in the demo's own
// transaction, cleared once every plugin was asked, so a kill in between is finished later.
constexpr const char* kDemoPending = "demo_plugins_pending";

Status set_demo_pending(db::Connection& connection, const std::vector<std::int64_t>& units) {
    std::string ids;
    for (std::int64_t unit : units) {
        ids += (ids.empty() ? "" : " ") + std::to_string(unit);
    }
    auto insert = connection.prepare(
        "INSERT INTO host_plugin_setting (plugin_id, key, value) VALUES ('host', ?, ?) "
        "ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    insert->bind(1, kDemoPending).bind(2, ids);
    if (auto done = insert->step(); !done) {
        return std::unexpected(done.error());
    }
    return ok();
}

Result<plugins::DemoReport> seed_and_clear(Practice& practice, const std::string& today,
                                           const std::vector<std::int64_t>& units) {
    auto report = plugins::seed_plugin_demos(practice.plugins(), today, units);
    DYAD_TRY(practice.connection().exec(
        "DELETE FROM host_plugin_setting WHERE plugin_id = 'host' AND key = '" +
        std::string(kDemoPending) + "'"));
    return report;
}

}  // namespace

Result<plugins::DemoReport> fill_demo_practice(Practice& practice, bool whole,
                                               const std::function<Status()>& in_transaction) {
    std::string today = plugins::local_today();  // Once: the sessions' and the plugins' day.
    auto units = [&]() -> Result<std::vector<std::int64_t>> {
        auto transaction = db::Transaction::begin(practice.connection());
        if (!transaction) {
            return std::unexpected(transaction.error());
        }
        auto created = create_demo_practice(practice.records());
        if (!created) {
            return std::unexpected(created.error());
        }
        if (whole) {
            DYAD_TRY(add_demo_history(practice.records(), *created));
            DYAD_TRY(set_demo_pending(practice.connection(), *created));
        }
        if (in_transaction) {
            DYAD_TRY(in_transaction());
        }
        DYAD_TRY(transaction->commit());
        return created;
    }();
    if (!units) {
        return std::unexpected(units.error());
    }
    if (!whole) {
        return plugins::DemoReport{};
    }
    return seed_and_clear(practice, today, *units);
}

Result<std::optional<plugins::DemoReport>> finish_demo_practice(Practice& practice) {
    std::string ids;
    {
        auto select = practice.connection().prepare(
            "SELECT value FROM host_plugin_setting WHERE plugin_id = 'host' AND key = ?");
        if (!select) {
            return std::unexpected(select.error());
        }
        select->bind(1, kDemoPending);
        auto row = select->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            return std::optional<plugins::DemoReport>();
        }
        ids = select->text(0);
    }
    std::vector<std::int64_t> units;
    for (std::size_t at = 0; at < ids.size();) {
        std::size_t end = ids.find(' ', at);
        end = end == std::string::npos ? ids.size() : end;
        auto id = sdk::parse_integer(ids.substr(at, end - at), "unit", 1, INT64_MAX);
        if (!id) {
            return fail(ErrorCode::Corrupt, "the demo's unfinished part names no units");
        }
        units.push_back(*id);
        at = end + 1;
    }
    auto report = seed_and_clear(practice, plugins::local_today(), units);
    if (!report) {
        return std::unexpected(report.error());
    }
    return std::optional<plugins::DemoReport>(std::move(*report));
}

}  // namespace dyad
