#include "plugins/plugin_manager.h"

#include <sqlite3.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <csignal>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "db/confinement.h"
#include "db/migrations.h"
#include "db/sql_text.h"
#include "dyad/show.hpp"
#include "plugins/abi.h"
#include "plugins/connection_prefetch.h"
#include "plugins/elf_inspect.h"
#include "plugins/load_marks.h"
#include "plugins/plugin_context.h"
#include "util/ids.h"
#include "util/log.h"

namespace dyad::plugins {

namespace {

using dyad::show::marked;

// The record's reason in English (the log, dyadctl) and in the window's language.
void give_reason(PluginRecord& record, const Reason& why) {
    record.reason = why.english();
    record.reason_shown = why.shown();
}

std::string describe_signal(int signal) {
    switch (signal) {
        case SIGSEGV:
            return marked("plugin reason", "a segmentation fault");
        case SIGBUS:
            return marked("plugin reason", "a bus error");
        case SIGILL:
            return marked("plugin reason", "an illegal instruction");
        case SIGFPE:
            return marked("plugin reason", "an arithmetic error");
        case SIGABRT:
            return marked("plugin reason", "it aborted");
        case SIGSYS:
            return marked("plugin reason", "a bad system call");
        default:
            return "signal " + std::to_string(signal);
    }
}

}  // namespace

struct PluginManager::Loaded {
    std::string path;
    boost::dll::shared_library library;
    const dyad_plugin_entry* entry = nullptr;
    std::unique_ptr<PluginContext> context;
    dyad_plugin* plugin = nullptr;
    std::vector<std::string> preloadable;  // Its DT_NEEDED, when the start may preload them.
};

const char* to_string(PluginSource source) {
    return source == PluginSource::Installed ? "installed" : "user";
}

const char* to_string(PluginState state) {
    switch (state) {
        case PluginState::Loaded:
            return "loaded";
        case PluginState::Disabled:
            return "disabled";
        case PluginState::Refused:
            return "refused";
        case PluginState::Quarantined:
            return "quarantined";
    }
    return "refused";
}

PluginManager::PluginManager(PluginEnvironment environment)
    : m_environment(std::move(environment)) {}

PluginManager::~PluginManager() {
    unload_all();
    // Libraries unload here, after every plugin is destroyed (Boost.DLL's rule).
    m_retired.clear();
}

void PluginManager::unload_all() {
    // Reverse load order: later plugins may depend on earlier ones' events.
    while (!m_loaded.empty()) {
        std::unique_ptr<Loaded> plugin = std::move(m_loaded.back());
        m_loaded.pop_back();
        discard(std::move(plugin));
    }
}

std::vector<SearchProvider> PluginManager::search_providers() const {
    std::vector<SearchProvider> providers;
    for (const auto& loaded : m_loaded) {
        if (loaded->plugin == nullptr || loaded->plugin->get_extension == nullptr) {
            continue;
        }
        const auto* table = static_cast<const dyad_search_provider_v1*>(
            loaded->plugin->get_extension(loaded->plugin, DYAD_SEARCH_EXTENSION));
        if (table != nullptr) {
            providers.push_back({loaded->entry->id, loaded->plugin, table});
        }
    }
    return providers;
}

std::vector<DemoSeeder> PluginManager::demo_seeders() const {
    std::vector<DemoSeeder> seeders;
    for (const auto& loaded : m_loaded) {
        if (loaded->plugin == nullptr || loaded->plugin->get_extension == nullptr) {
            continue;
        }
        const auto* table = static_cast<const dyad_demo_v1*>(
            loaded->plugin->get_extension(loaded->plugin, DYAD_DEMO_EXTENSION));
        if (table != nullptr) {
            seeders.push_back({loaded->entry->id, loaded->entry->name, loaded->plugin, table,
                               &loaded->context->reported_error});
        }
    }
    return seeders;
}

void PluginManager::discard(std::unique_ptr<Loaded> plugin) {
    if (plugin->context) {
        m_contributions.remove_plugin(plugin->context->plugin_id);
        m_environment.events->unsubscribe_owner(plugin->context->plugin_id);
    }
    if (plugin->plugin != nullptr) {
        try {
            plugin->plugin->destroy(plugin->plugin);
        } catch (...) {
            log_error("a plugin threw from destroy(); it broke the SDK contract");
        }
        plugin->plugin = nullptr;
    }
    if (plugin->context) {
        plugin->context->database.reset();
    }
    m_retired.push_back(std::move(plugin));
}

Reason crash_reason(const std::string& signal, const std::string& started_at) {
    return Reason(marked("plugin reason",
                         "it crashed Dyad while loading ({signal}, {time}); enable it again to "
                         "retry"))
        .word("signal", signal)
        .with("time", started_at);
}

Reason quarantine_words(const std::string& stored) {
    const std::string before = "it crashed Dyad while loading (";
    const std::string after = "); enable it again to retry";
    if (stored.starts_with(before) && stored.ends_with(after) &&
        stored.size() > before.size() + after.size()) {
        std::string inside =
            stored.substr(before.size(), stored.size() - before.size() - after.size());
        std::size_t comma = inside.rfind(", ");
        if (comma != std::string::npos) {
            return crash_reason(inside.substr(0, comma), inside.substr(comma + 2));
        }
    }
    return Reason(stored);
}

void PluginManager::recover_interrupted_loads() {
    // Loads of processes that have ended (marks of running processes are left alone: a second
    // Dyad starting at the same time is not a crash).
    for (const EndedLoad& load : m_marks->collect_ended()) {
        std::string file = std::filesystem::path(load.path).filename().string();
        if (!load.crashed) {
            m_start_notices.push_back(show::fill(
                show::tr("Dyad was ended from outside (killed, out of memory or the session "
                         "closed) while it was loading the plugin {file}. That was not the "
                         "plugin's fault; it was loaded again as usual this time."),
                "file", file));
            log_warning("a previous start was ended while loading " + load.path +
                        " (not a crash; not quarantined)");
            continue;
        }
        std::string signal = describe_signal(load.signal);
        auto quarantine = m_environment.main->prepare(
            "INSERT INTO host_plugin_quarantine (path, reason, since) VALUES (?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET reason = excluded.reason, since = excluded.since");
        if (!quarantine || !quarantine->bind(1, load.path)
                                .bind(2, crash_reason(signal, load.started_at).english())
                                .bind(3, now_utc_iso())
                                .run()) {
            m_start_notices.push_back(show::fill(
                show::fill(show::tr("The plugin {file} crashed Dyad while loading ({signal}), but "
                                    "its quarantine could not be saved (is the disk full?); it "
                                    "will be tried again."),
                           "file", file),
                "signal", show::tr_in(kReasonContext, signal.c_str())));
            continue;
        }
        log_warning("quarantined " + load.path + ": it crashed the host while loading (" + signal +
                    ")");
    }
}

void PluginManager::load_all(const std::vector<std::string>& installed_folders,
                             const std::vector<std::string>& user_folders) {
    m_installed_folders = installed_folders;
    m_user_folders = user_folders;
    if (!m_marks) {
        m_marks = std::make_unique<LoadMarks>(m_environment.marks_folder);
    }
    recover_interrupted_loads();
    std::vector<std::pair<std::string, PluginSource>> files;
    auto scan = [&](const std::string& folder, PluginSource source) {
        for (auto& path : plugin_files(folder)) {  // Sorted: the same order between runs.
            files.emplace_back(std::move(path), source);
        }
    };
    for (const auto& folder : installed_folders) {
        scan(folder, PluginSource::Installed);
    }
    for (const auto& folder : user_folders) {
        scan(folder, PluginSource::User);
    }
    // Their connections open on another thread meanwhile (connection_prefetch.h).
    ConnectionPrefetch prefetch(m_environment.database_path, m_environment.vfs_name, files.size());
    for (const auto& [path, source] : files) {
        PluginRecord record = admit(path, source, prefetch);
        if (record.state == PluginState::Loaded) {
            log_info("loaded plugin " + record.id + " " + record.version);
        } else if (record.state != PluginState::Disabled) {
            log_warning("plugin " + record.id + " " + to_string(record.state) + ": " +
                        record.reason);
        }
        m_records.push_back(std::move(record));
    }
    // A plugin that comes with Dyad is never left out silently.
    for (const auto& record : m_records) {
        if (record.source == PluginSource::Installed && record.state == PluginState::Quarantined) {
            std::string file = std::filesystem::path(record.path).filename().string();
            m_start_notices.push_back(show::fill(
                show::fill(show::tr("The plugin {file} that comes with Dyad is quarantined and "
                                    "was not loaded: {reason}. Enable it in Plugins (dyadctl "
                                    "plugins enable {file}) to try again."),
                           "file", file),
                "reason", record.shown_reason()));
        }
    }
}

PluginRecord PluginManager::admit(const std::string& path, PluginSource source,
                                  ConnectionPrefetch& prefetch) {
    PluginRecord record;
    record.path = path;
    record.id = std::filesystem::path(path).filename().string();
    record.source = source;
    record.state = PluginState::Refused;

    if (auto reason = quarantine_reason(path)) {
        record.state = PluginState::Quarantined;
        give_reason(record, *reason);
        return record;
    }
    // Before any of its code runs: is it a shared library, and does it bring its own SQLite?
    auto elf = inspect_elf(path);
    if (!elf) {
        give_reason(record, Reason(elf.error().message));  // Marked where it is written.
        return record;
    }
    if (Reason reason = second_sqlite_reason(*elf); !reason.empty()) {
        give_reason(record, reason);
        return record;
    }
    // A user-folder plugin an owner trusted must still be the same file (issue 15).
    if (source == PluginSource::User) {
        record.file_hash = file_hash(path);
        auto trusted = trusted_hash(path);
        if (trusted && *trusted != record.file_hash) {
            give_reason(record,
                        Reason(marked("plugin reason",
                                      "the file changed since it was enabled (its BLAKE2b hash is "
                                      "now {now}..., it was {was}...); none of it ran. Enable it "
                                      "again to trust the new file"))
                            .with("now", record.file_hash.substr(0, 16))
                            .with("was", trusted->substr(0, 16)));
            return record;
        }
    }
    // From here every return clears the loading mark; only a crash or a kill leaves it.
    m_marks->begin(path, now_utc_iso());
    struct EndMark {
        LoadMarks* marks;
        ~EndMark() { marks->end(); }
    } end_mark{m_marks.get()};

    auto loaded = std::make_unique<Loaded>();
    loaded->path = path;
    if (source == PluginSource::Installed) {
        loaded->preloadable = preloadable_needed(*elf);
    }
    try {
        loaded->library.load(path,
                             boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& error) {
        give_reason(record, Reason(marked("plugin reason", "it cannot be loaded: {error}"))
                                .with("error", error.what()));
        return record;
    }
    if (!loaded->library.has(DYAD_PLUGIN_ENTRY_SYMBOL)) {
        give_reason(record, Reason(marked("plugin reason",
                                          "it is not a Dyad plugin: it does not export "
                                          "{symbol}"))
                                .with("symbol", DYAD_PLUGIN_ENTRY_SYMBOL));
        m_retired.push_back(std::move(loaded));
        return record;
    }
    const auto& entry = loaded->library.get<const dyad_plugin_entry>(DYAD_PLUGIN_ENTRY_SYMBOL);
    loaded->entry = &entry;
    // SDK 1.0 entries end before `uses`; fields after the size a plugin reports are not read.
    if (entry.struct_size < offsetof(dyad_plugin_entry, uses) || entry.id == nullptr ||
        entry.create == nullptr) {
        give_reason(record,
                    Reason(marked("plugin reason", "its entry is incomplete (struct_size {size})"))
                        .with("size", std::to_string(entry.struct_size)));
        m_retired.push_back(std::move(loaded));
        return record;
    }
    std::string id = entry.id;
    record.name = entry.name != nullptr ? entry.name : id;
    record.vendor = entry.vendor != nullptr ? entry.vendor : "";
    record.version = entry.version != nullptr ? entry.version : "";
    record.description = entry.description != nullptr ? entry.description : "";
    record.sdk_version = to_string(SdkVersion{entry.sdk_version.major, entry.sdk_version.minor});
    if (!is_valid_plugin_id(id)) {
        give_reason(record, Reason(marked("plugin reason",
                                          "its id '{id}' is not a lowercase reverse-DNS name"))
                                .with("id", id));
        m_retired.push_back(std::move(loaded));
        return record;
    }
    record.id = id;
    if (auto reason = check_sdk_version({entry.sdk_version.major, entry.sdk_version.minor},
                                        host_sdk_version())) {
        give_reason(record, *reason);
        m_retired.push_back(std::move(loaded));
        return record;
    }
    if (entry.struct_size >= offsetof(dyad_plugin_entry, uses) + sizeof(entry.uses) &&
        entry.uses != nullptr) {
        record.uses = split_uses(entry.uses);
        if (auto reason = check_uses(*record.uses)) {
            give_reason(record, *reason);
            m_retired.push_back(std::move(loaded));
            return record;
        }
    }
    std::string plugin_tag = entry.abi_tag != nullptr ? entry.abi_tag : "";
    if (auto reason = check_abi_tag(plugin_tag, host_abi_tag(m_environment.host_wx))) {
        give_reason(record, *reason);
        m_retired.push_back(std::move(loaded));
        return record;
    }
    for (const auto& other : m_loaded) {
        if (other->context->plugin_id == id) {
            give_reason(record, Reason(marked("plugin reason",
                                              "another plugin with the id {id} is already loaded "
                                              "from {path}"))
                                    .with("id", id)
                                    .with("path", other->path));
            m_retired.push_back(std::move(loaded));
            return record;
        }
    }
    // A plugin linked against another SQLite (a static copy, or SQLCipher) resolves
    // sqlite3_libversion to a different address than the host's.
    if (loaded->library.has("sqlite3_libversion")) {
        auto& theirs = loaded->library.get<const char*()>("sqlite3_libversion");
        if (&theirs != &sqlite3_libversion) {
            give_reason(record, Reason(marked("plugin reason",
                                              "it links its own copy of SQLite ({library}); two "
                                              "copies in one process corrupt databases"))
                                    .with("library", theirs()));
            m_retired.push_back(std::move(loaded));
            return record;
        }
    }
    auto enabled = enabled_state(id, source);
    if (!enabled) {
        give_reason(record, Reason(marked("plugin reason", "its state could not be read: {error}"))
                                .with("error", enabled.error().message));
        m_retired.push_back(std::move(loaded));
        return record;
    }
    // Enabling is by id, trust by file: a user-folder file nobody trusted stays disabled even
    // when its id is enabled (another file could claim an enabled id).
    bool untrusted = *enabled && source == PluginSource::User && !trusted_hash(path);
    if (!*enabled || untrusted) {
        record.state = PluginState::Disabled;
        give_reason(record,
                    Reason(untrusted ? marked("plugin reason",
                                              "this file was never trusted in this practice; "
                                              "enable it to trust it")
                           : source == PluginSource::User
                               ? marked("plugin reason",
                                        "new plugins from the user folder start disabled; enable "
                                        "it to load")
                               : marked("plugin reason", "disabled")));
        m_retired.push_back(std::move(loaded));
        return record;
    }

    auto context = std::make_unique<PluginContext>();
    context->plugin_id = id;
    context->main = m_environment.main;
    context->records = m_environment.records;
    context->events = m_environment.events;
    context->contributions = &m_contributions;
    context->ui_hooks = m_environment.ui_hooks;
    context->reserved_cli_names = &m_environment.reserved_cli_names;
    context->resource_folders = &m_environment.resource_folders;
    context->data_folder = m_environment.data_folder;
    context->session = m_environment.session;
    context->uses = record.uses;
    context->find_extension = [this](const std::string& plugin_id,
                                     const std::string& extension_id) -> const void* {
        for (const auto& other : m_loaded) {  // Loaded and started plugins only.
            if (other->context->plugin_id == plugin_id && other->plugin != nullptr &&
                other->plugin->get_extension != nullptr) {
                return other->plugin->get_extension(other->plugin, extension_id.c_str());
            }
        }
        return nullptr;
    };
    std::string plugin_wx = abi_component(plugin_tag, "wx");
    context->ui_allowed = m_environment.host_wx != "none" && plugin_wx == m_environment.host_wx;
    bind_host(*context);
    loaded->context = std::move(context);

    try {
        loaded->plugin = entry.create(&loaded->context->host);
    } catch (const std::exception& error) {
        loaded->context->reported_error = error.what();
    } catch (...) {
        loaded->context->reported_error = "an exception escaped create()";
    }
    if (loaded->plugin == nullptr) {
        Reason failed(marked("plugin reason", "create failed: {error}"));
        if (loaded->context->reported_error.empty()) {
            failed.word("error", marked("plugin reason", "it returned no plugin"));
        } else {
            failed.with("error", loaded->context->reported_error);  // The plugin's own words.
        }
        give_reason(record, failed);
        discard(std::move(loaded));
        return record;
    }
    if (auto refused = apply_plugin_schema(*loaded)) {
        give_reason(record, *refused);
        discard(std::move(loaded));
        return record;
    }
    if (Status opened = open_plugin_database(*loaded->context, m_environment.database_path,
                                             m_environment.vfs_name, m_environment.step_budget,
                                             m_environment.time_limit, prefetch.take());
        !opened) {
        give_reason(record,
                    Reason(marked("plugin reason", "its database connection failed: {error}"))
                        .with("error", opened.error().message));
        discard(std::move(loaded));
        return record;
    }
    int started = DYAD_OK;
    if (loaded->plugin->start != nullptr) {
        loaded->context->reported_error.clear();
        started = loaded->plugin->start(loaded->plugin);
        (void)close_abandoned_transaction(*loaded->context);
    }
    if (started != DYAD_OK) {
        give_reason(record, loaded->context->reported_error.empty()
                                ? Reason(marked("plugin reason", "start failed: code {code}"))
                                      .with("code", std::to_string(started))
                                : Reason(marked("plugin reason", "start failed: {error}"))
                                      .with("error", loaded->context->reported_error));
        discard(std::move(loaded));
        return record;
    }
    record.state = PluginState::Loaded;
    record.reason.clear();
    record.reason_shown.clear();
    m_loaded.push_back(std::move(loaded));
    return record;
}

std::vector<std::string> PluginManager::preloadable_libraries() const {
    std::vector<std::string> sonames;
    for (const auto& loaded : m_loaded) {
        sonames.insert(sonames.end(), loaded->preloadable.begin(), loaded->preloadable.end());
    }
    std::sort(sonames.begin(), sonames.end());
    sonames.erase(std::unique(sonames.begin(), sonames.end()), sonames.end());
    return sonames;
}

std::vector<std::string> PluginManager::close_abandoned_transactions() {
    std::vector<std::string> warnings;
    for (auto& plugin : m_loaded) {
        if (auto warning = close_abandoned_transaction(*plugin->context)) {
            warnings.push_back(std::move(*warning));
        }
    }
    return warnings;
}

std::optional<Reason> PluginManager::claim_prefix(const std::string& prefix,
                                                  const std::string& plugin_id) {
    using dyad::show::marked;
    // Every prefix claimed in this practice: the same one must be this plugin's, and none may
    // overlap (one starting with the other), so that a table name has at most one owner.
    auto statement =
        m_environment.main->prepare("SELECT prefix, plugin_id FROM host_plugin_prefix");
    if (!statement) {
        return Reason(statement.error().message);
    }
    bool claimed = false;
    while (true) {
        auto row = statement->step();
        if (!row) {
            return Reason(row.error().message);
        }
        if (!*row) {
            break;
        }
        std::string other_prefix = statement->text(0);
        std::string owner = statement->text(1);
        if (owner == plugin_id) {
            claimed = claimed || other_prefix == prefix;
            continue;
        }
        if (other_prefix == prefix) {
            return Reason(marked("plugin reason",
                                 "its table prefix '{prefix}' belongs to the plugin {owner} in "
                                 "this practice"))
                .with("prefix", prefix)
                .with("owner", owner);
        }
        if (prefixes_overlap(prefix, other_prefix)) {
            return Reason(marked("plugin reason",
                                 "its table prefix '{prefix}' overlaps the prefix '{theirs}' of "
                                 "the plugin {owner} in this practice (one may not start with "
                                 "the other)"))
                .with("prefix", prefix)
                .with("theirs", other_prefix)
                .with("owner", owner);
        }
    }
    if (claimed) {
        return std::nullopt;
    }
    auto insert = m_environment.main->prepare(
        "INSERT INTO host_plugin_prefix (prefix, plugin_id) VALUES (?, ?)");
    if (!insert) {
        return Reason(insert.error().message);
    }
    insert->bind(1, prefix).bind(2, plugin_id);
    if (Status done = insert->run(); !done) {
        return Reason(done.error().message);
    }
    return std::nullopt;
}

namespace {

// After a migration: prepare, under the runtime policy, statements that would fire each of
// the plugin's triggers and read each of its views, so that a trigger writing another plugin's
// table or a view over a core table is refused now rather than at first use. The names come
// from the plugin: each is checked against the plain-identifier pattern and quoted, and every
// probe runs with the plugin's policy installed.
Status verify_schema_objects(sqlite3* db, db::ConfinementPolicy& policy,
                             const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> objects;  // (type, table or view name)
    {
        sqlite3_stmt* list = nullptr;
        std::string like = prefix + "\\_%";
        sqlite3_prepare_v2(db,
                           "SELECT type, CASE type WHEN 'trigger' THEN tbl_name ELSE name END "
                           "FROM sqlite_schema WHERE type IN ('trigger', 'view') AND name LIKE ? "
                           "ESCAPE '\\'",
                           -1, &list, nullptr);
        sqlite3_bind_text(list, 1, like.c_str(), -1, SQLITE_TRANSIENT);
        while (list != nullptr && sqlite3_step(list) == SQLITE_ROW) {
            objects.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)),
                                 reinterpret_cast<const char*>(sqlite3_column_text(list, 1)));
        }
        sqlite3_finalize(list);
    }
    for (const auto& [type, name] : objects) {
        if (!db::is_plain_identifier(name)) {
            return fail(ErrorCode::Refused, "the " + type +
                                                " on a table with an unusual name is "
                                                "not allowed: object names must be "
                                                "letters, digits and '_'");
        }
        std::string quoted = db::quote_identifier(name);
        std::vector<std::string> probes;
        if (type == "view") {
            probes.push_back("SELECT * FROM " + quoted);
        } else {
            probes.push_back("DELETE FROM " + quoted);
            probes.push_back("INSERT INTO " + quoted + " DEFAULT VALUES");
            // UPDATE of every column fires UPDATE OF triggers too.
            std::string assignments;
            sqlite3_stmt* columns = nullptr;
            policy.begin_statement();
            sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &columns, nullptr);
            sqlite3_bind_text(columns, 1, name.c_str(), -1, SQLITE_TRANSIENT);
            while (columns != nullptr && sqlite3_step(columns) == SQLITE_ROW) {
                std::string column = reinterpret_cast<const char*>(sqlite3_column_text(columns, 0));
                std::string quoted_column = db::quote_identifier(column);
                assignments +=
                    (assignments.empty() ? "" : ", ") + quoted_column + " = " + quoted_column;
            }
            sqlite3_finalize(columns);
            if (!assignments.empty()) {
                probes.push_back("UPDATE " + quoted + " SET " + assignments);
            }
        }
        policy.set_mode(db::ConfinementMode::Runtime);
        for (const auto& probe : probes) {
            policy.begin_statement();
            sqlite3_stmt* stmt = nullptr;
            int code = sqlite3_prepare_v2(db, probe.c_str(), -1, &stmt, nullptr);
            std::string message = code != SQLITE_OK ? sqlite3_errmsg(db) : "";
            sqlite3_finalize(stmt);
            if ((code & 0xff) == SQLITE_AUTH) {
                policy.set_mode(db::ConfinementMode::Migration);
                return fail(ErrorCode::Refused, "the " + type + " on " + name +
                                                    " is not allowed: " + policy.last_denial());
            }
            // A view that cannot even be prepared (e.g. over a virtual table, which
            // trusted_schema=OFF refuses) would only fail later, at first use.
            if (code != SQLITE_OK && type == "view") {
                policy.set_mode(db::ConfinementMode::Migration);
                return fail(ErrorCode::Refused, "the view " + name + " cannot be read: " + message);
            }
        }
        policy.set_mode(db::ConfinementMode::Migration);
    }
    return ok();
}

// Interprets a failed migration statement: the step budget or the time limit stopped it.
Status explain_stop(Status done, const db::StepBudget& budget, const db::Watchdog& watchdog) {
    if (done) {
        return done;
    }
    if (budget.exhausted()) {
        return fail(ErrorCode::Refused, "a migration ran past the limit of " +
                                            std::to_string(budget.budget()) +
                                            " steps (a runaway statement?)");
    }
    if (watchdog.fired()) {
        return fail(ErrorCode::Refused, "a migration ran longer than " +
                                            std::to_string(watchdog.limit().count()) +
                                            " ms (a runaway statement?)");
    }
    return done;
}

}  // namespace

Result<db::MigrationReport> apply_confined_migrations(db::Connection& main,
                                                      const std::string& plugin_id,
                                                      const dyad_schema_v1& schema,
                                                      const db::BeforeUpgrade& before_upgrade,
                                                      const MigrationLimits& limits) {
    std::string prefix = schema.table_prefix != nullptr ? schema.table_prefix : "";
    std::vector<db::Migration> migrations;
    for (std::size_t i = 0; i < schema.migration_count; ++i) {
        const dyad_migration& migration = schema.migrations[i];
        migrations.push_back({migration.version, migration.sql != nullptr ? migration.sql : ""});
    }
    db::ConfinementPolicy policy(prefix, db::ConfinementMode::Migration);
    sqlite3* handle = main.handle();
    // The plugin's limits on the host's connection while its SQL runs, and a step budget and
    // time limit, so a runaway migration fails in words instead of hanging start-up.
    db::ScopedPluginLimits scoped_limits(handle);
    db::StepBudget budget(limits.step_budget);
    db::Watchdog watchdog(handle, limits.time_limit);
    auto executor = [&](db::Connection&, const db::Migration& migration) -> Status {
        policy.install(handle);
        budget.install(handle);
        budget.begin_step();
        watchdog.begin();
        Status done = exec_confined(handle, policy, migration.sql);
        watchdog.end();
        done = explain_stop(std::move(done), budget, watchdog);
        if (done) {
            done = verify_schema_objects(handle, policy, prefix);
        }
        sqlite3_progress_handler(handle, 0, nullptr, nullptr);
        db::ConfinementPolicy::uninstall(handle);
        return done;
    };
    auto report = db::apply_migrations(main, plugin_id, migrations, executor, before_upgrade);
    sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    db::ConfinementPolicy::uninstall(handle);
    return report;
}

std::optional<Reason> PluginManager::apply_plugin_schema(Loaded& plugin) {
    using dyad::show::marked;
    const auto* schema = static_cast<const dyad_schema_v1*>(
        plugin.plugin->get_extension(plugin.plugin, DYAD_SCHEMA_EXTENSION));
    if (schema == nullptr) {
        return std::nullopt;  // No tables of its own.
    }
    if (schema->struct_size < sizeof(dyad_schema_v1) || schema->table_prefix == nullptr ||
        (schema->migration_count > 0 && schema->migrations == nullptr)) {
        return Reason(marked("plugin reason", "its schema description is incomplete"));
    }
    std::string prefix = schema->table_prefix;
    if (auto reason = check_table_prefix(prefix)) {
        return reason;
    }
    for (const auto& other : m_loaded) {
        const std::string& other_prefix = other->context->table_prefix;
        if (!other_prefix.empty() && prefixes_overlap(other_prefix, prefix)) {
            return (other_prefix == prefix
                        ? Reason(marked("plugin reason",
                                        "its table prefix '{prefix}' is already used by {other}"))
                        : Reason(marked("plugin reason",
                                        "its table prefix '{prefix}' is already used by {other} "
                                        "(as '{theirs}'; one may not start with the other)"))
                              .with("theirs", other_prefix))
                .with("prefix", prefix)
                .with("other", other->context->plugin_id);
        }
    }
    plugin.context->table_prefix = prefix;
    if (auto refused = claim_prefix(prefix, plugin.context->plugin_id)) {
        return refused;
    }
    auto report =
        apply_confined_migrations(*m_environment.main, plugin.context->plugin_id, *schema,
                                  m_environment.before_upgrade, m_environment.migration_limits);
    if (!report) {
        return Reason(report.error().message);  // The migration's own words (English).
    }
    if (report->applied > 0) {
        log_info(plugin.context->plugin_id + ": schema migrated from version " +
                 std::to_string(report->previous_version) + " to " +
                 std::to_string(report->current_version));
    }
    return std::nullopt;
}

}  // namespace dyad::plugins
