// Header-only C++17 helpers over the C ABI: a plugin is an ordinary C++ class derived from
// dyad::sdk::Plugin plus one DYAD_PLUGIN(...) line. The helpers keep the C ABI's promises for
// the author: every exception is caught before it reaches the host (create() failures are
// reported with the exception's message), std::function callbacks are kept alive for the
// plugin's lifetime, and extension lookups are routed to virtual functions.
#ifndef DYAD_PLUGIN_HPP
#define DYAD_PLUGIN_HPP

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sdk.h"

namespace dyad::sdk {

// A typed view of the dyad_host a plugin was created with. Cheap to copy; valid while the
// plugin lives.
class Host {
  public:
    explicit Host(const dyad_host* host) : m_host(host) {}

    const dyad_host* raw() const { return m_host; }

    // The service table for id, or nullptr where the host does not serve it.
    template <class Service>
    const Service* service(const char* id) const {
        return static_cast<const Service*>(m_host->get_service(m_host, id));
    }
    const dyad_db_v1* db() const { return service<dyad_db_v1>(DYAD_DB_SERVICE); }
    const dyad_core_v1* core() const { return service<dyad_core_v1>(DYAD_CORE_SERVICE); }
    const dyad_ui_v1* ui() const { return service<dyad_ui_v1>(DYAD_UI_SERVICE); }
    const dyad_cli_v1* cli() const { return service<dyad_cli_v1>(DYAD_CLI_SERVICE); }
    const dyad_events_v1* events() const { return service<dyad_events_v1>(DYAD_EVENTS_SERVICE); }
    const dyad_paths_v1* paths() const { return service<dyad_paths_v1>(DYAD_PATHS_SERVICE); }
    // The data folders to search for a data file, most specific first (see paths.h).
    std::vector<std::string> resource_folders() const {
        std::vector<std::string> folders;
        if (const auto* service_table = paths()) {
            service_table->resource_folders(
                m_host,
                [](void* user, const char* folder) {
                    static_cast<std::vector<std::string>*>(user)->emplace_back(folder);
                    return 0;
                },
                &folders);
        }
        return folders;
    }
    // A member of a client unit, copied out of the host's callback.
    struct Member {
        std::int64_t client_id = 0;
        std::string role;
        std::string given_name;
        std::string family_name;
        // SDK 1.1 consent (core.h); from a 1.0 host, which records none: contact yes, share no.
        bool may_contact = true;
        bool may_share_with_partner = false;
        std::string full_name() const { return given_name + " " + family_name; }
    };
    // The unit's members in the host's order; empty when the unit is unknown or dyad.core/1 is
    // not served.
    std::vector<Member> members(std::int64_t unit_id) const {
        std::vector<Member> found;
        if (const auto* core_table = core()) {
            core_table->list_members(
                m_host, unit_id,
                [](void* user, const dyad_member_info* member) {
                    Member copy{member->client_id, member->role, member->given_name,
                                member->family_name};
                    if (member->struct_size >=
                        offsetof(dyad_member_info, may_share_with_partner) + sizeof(int32_t)) {
                        copy.may_contact = member->may_contact != 0;
                        copy.may_share_with_partner = member->may_share_with_partner != 0;
                    }
                    static_cast<std::vector<Member>*>(user)->push_back(std::move(copy));
                    return 0;
                },
                &found);
        }
        return found;
    }
    const dyad_settings_v1* settings() const {
        return service<dyad_settings_v1>(DYAD_SETTINGS_SERVICE);
    }
    // SDK 1.1: another loaded plugin's extension table, or nullptr (also on a 1.0 host).
    template <class Table>
    const Table* plugin_extension(const char* plugin_id, const char* extension_id) const {
        if (m_host->struct_size < offsetof(dyad_host, plugin_extension) + sizeof(void*) ||
            m_host->plugin_extension == nullptr) {
            return nullptr;
        }
        return static_cast<const Table*>(m_host->plugin_extension(m_host, plugin_id, extension_id));
    }
    // SDK 1.1: the audit entries this plugin wrote (core.h list_audit), newest first; entity ""
    // for all, record_id 0 for every record. Empty on a 1.0 host or when the signed-in user may
    // not read the audit trail.
    struct AuditEntry {
        std::string at;
        std::string actor;
        std::string action;
        std::string entity;
        std::int64_t record_id = 0;
    };
    std::vector<AuditEntry> audit_entries(const std::string& entity = "",
                                          std::int64_t record_id = 0, int limit = 100) const {
        std::vector<AuditEntry> found;
        const auto* table = core();
        if (table == nullptr ||
            table->struct_size < offsetof(dyad_core_v1, list_audit) + sizeof(void*)) {
            return found;
        }
        table->list_audit(
            m_host, entity.c_str(), record_id, limit,
            [](void* user, const dyad_audit_entry* entry) {
                static_cast<std::vector<AuditEntry>*>(user)->push_back(
                    {entry->at, entry->actor, entry->action, entry->entity, entry->record_id});
                return 0;
            },
            &found);
        return found;
    }
    // SDK 1.1: who is signed in and what they may see (people.h).
    const dyad_people_v1* people() const { return service<dyad_people_v1>(DYAD_PEOPLE_SERVICE); }
    struct User {
        std::int64_t id = 0;  // 0: a single-user practice's owner
        std::string name;
        std::string role = "owner";
    };
    // The signed-in user; the owner of a single-user practice where dyad.people/1 is not
    // served (a 1.0 host).
    User signed_in() const {
        User found;
        if (const auto* table = people()) {
            table->signed_in(
                m_host,
                [](void* user, const dyad_user_info* info) {
                    auto* out = static_cast<User*>(user);
                    *out = {info->id, info->name, info->role};
                },
                &found);
        }
        return found;
    }
    // Whether the signed-in user may read (write = false) or change records of kind
    // (DYAD_RECORDS_*). Without dyad.people/1: true on a 1.0 host (it has no roles), false on
    // a later one (the plugin did not declare the service in its uses: fail closed).
    bool may(std::uint32_t kind, bool write = false) const {
        const auto* table = people();
        return table == nullptr
                   ? without_people()
                   : table->may(m_host, kind, write ? DYAD_ACCESS_WRITE : DYAD_ACCESS_READ) != 0;
    }
    // Whether the signed-in user may co-sign clinical records (a supervisor, the owner). False
    // where dyad.people/1 is not served.
    bool may_co_sign() const {
        const auto* table = people();
        return table != nullptr &&
               table->may(m_host, DYAD_RECORDS_CLINICAL, DYAD_ACCESS_CO_SIGN) != 0;
    }
    // Records the signed-in user's co-signature of one of the plugin's records of the unit
    // (audited as "co-sign"): the UTC time it was recorded, or "" with *error set.
    std::string co_sign(const char* entity, std::int64_t record_id, std::int64_t unit_id,
                        std::string* error) const {
        const auto* table = people();
        if (table == nullptr) {
            *error = "this Dyad has no co-signatures (SDK 1.0)";
            return {};
        }
        char when[21] = {};
        if (table->co_sign(m_host, entity, record_id, unit_id, when) != DYAD_OK) {
            *error = table->last_error(m_host);
            return {};
        }
        return when;
    }
    // Whether the user's clinical records reach the unit (their caseload). Without
    // dyad.people/1, as may().
    bool may_see_unit(std::int64_t unit_id) const {
        const auto* table = people();
        return table == nullptr ? without_people() : table->may_see_unit(m_host, unit_id) != 0;
    }
    // The answer where dyad.people/1 is not served: yes only on a host older than 1.1.
    bool without_people() const {
        return m_host->sdk_version.major == 1 && m_host->sdk_version.minor == 0;
    }

    // SDK 1.1: asks the host to show the plugin's own panels with id panel_id (nullptr: all
    // of them) again (ui.h refresh_panels). False on a 1.0 host or without a window.
    bool refresh_panels(const char* panel_id = nullptr) const {
        const auto* table = ui();
        return table != nullptr &&
               table->struct_size >= offsetof(dyad_ui_v1, refresh_panels) + sizeof(void*) &&
               table->refresh_panels(m_host, panel_id) == DYAD_OK;
    }
    // SDK 1.1: locks the window (ui.h lock_window). False on a 1.0 host, without a window, or
    // where nothing could unlock it.
    bool lock_window() const {
        const auto* table = ui();
        return table != nullptr &&
               table->struct_size >= offsetof(dyad_ui_v1, lock_window) + sizeof(void*) &&
               table->lock_window(m_host) == DYAD_OK;
    }

    // Never log client data.
    void log(int level, const std::string& message) const {
        if (const auto* log = service<dyad_log_v1>(DYAD_LOG_SERVICE)) {
            log->write(m_host, level, message.c_str());
        }
    }
    void report_error(const std::string& message) const {
        m_host->report_error(m_host, message.c_str());
    }

    // The plugin's setting for key, or fallback when unset or unavailable.
    std::string setting(const char* key, std::string fallback = {}) const {
        const auto* store = settings();
        if (store == nullptr) {
            return fallback;
        }
        std::string value = std::move(fallback);
        store->get(
            m_host, key,
            [](void* user, const char* text) { *static_cast<std::string*>(user) = text; }, &value);
        return value;
    }
    bool set_setting(const char* key, const std::string& value) const {
        const auto* store = settings();
        return store != nullptr && store->set(m_host, key, value.c_str()) == DYAD_OK;
    }

  private:
    const dyad_host* m_host;
};

// Output of a dyadctl subcommand.
class CliOutput {
  public:
    explicit CliOutput(const dyad_cli_io* io) : m_io(io) {}
    void out(const std::string& text) const { m_io->out(m_io, text.c_str()); }
    void err(const std::string& text) const { m_io->err(m_io, text.c_str()); }

  private:
    const dyad_cli_io* m_io;
};

namespace detail {
// Runs fn; turns an escaping exception into a log line. Returns whether fn completed.
template <class Fn>
bool guarded(const Host& host, const char* where, Fn&& fn) noexcept {
    try {
        fn();
        return true;
    } catch (const std::exception& error) {
        try {
            host.log(DYAD_LOG_ERROR, std::string(where) + ": " + error.what());
        } catch (...) {
        }
    } catch (...) {
        try {
            host.log(DYAD_LOG_ERROR, std::string(where) + ": unknown exception");
        } catch (...) {
        }
    }
    return false;
}
}  // namespace detail

// SDK 1.1: one hit of the plugin's search provider (search.h); the host names the unit.
struct SearchHit {
    std::int64_t unit_id = 0;
    std::string title;
    std::string snippet;
    std::string panel_id;
};
using SearchFunction = std::function<std::vector<SearchHit>(const std::string& query, int limit)>;
namespace detail {
int search(const dyad_plugin* plugin, const char* query, std::int32_t limit,
           dyad_search_visitor visit, void* user) noexcept;
}  // namespace detail

// SDK 1.1: what the host asks a plugin to fill for the demo practice (demo.h).
struct DemoRequest {
    std::string today;                   // Local date, "YYYY-MM-DD".
    std::vector<std::int64_t> unit_ids;  // The demo's units, the couple to show first at [0].
};
using DemoFunction = std::function<void(const DemoRequest& request)>;
namespace detail {
int seed_demo(dyad_plugin* plugin, const dyad_demo_request* request) noexcept;
}  // namespace detail

// Base class of a C++ plugin. The constructor receives the Host and is the place to register
// UI, CLI commands and event subscriptions; it must not touch the database (see start()).
// Destroyed [main-thread] after the host has destroyed the plugin's windows.
class Plugin {
  public:
    explicit Plugin(Host host) : m_host(host) {}
    virtual ~Plugin() {
        // Asked only when there is something to unsubscribe: a plugin that never subscribed
        // need not declare dyad.events/1.
        if (const auto* events = m_subscriptions.empty() ? nullptr : m_host.events()) {
            for (std::uint64_t token : m_subscriptions) {
                events->unsubscribe(m_host.raw(), token);
            }
        }
    }
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    // Called after migrations; the plugin's tables exist. Throw to refuse loading.
    virtual void start() {}
    // The plugin's schema, or nullptr when it has no tables.
    virtual const dyad_schema_v1* schema() const { return nullptr; }
    // Further extensions by id.
    virtual const void* extension(const char* /*id*/) const { return nullptr; }

    const Host& host() const { return m_host; }
    // SDK 1.1: the search provider's table once provide_search() was called, else nullptr.
    const dyad_search_provider_v1* search_provider() const {
        return m_search ? &m_search_table : nullptr;
    }
    std::vector<SearchHit> run_search(const std::string& query, int limit) const {
        return m_search(query, limit);
    }
    // SDK 1.1: the demo table once provide_demo() was called, else nullptr.
    const dyad_demo_v1* demo_provider() const { return m_demo ? &m_demo_table : nullptr; }
    void run_demo(const DemoRequest& request) const { m_demo(request); }

  protected:
    using WindowFactory = std::function<void*(void* parent)>;
    using UnitHandler = std::function<void(void* window, std::int64_t unit_id)>;
    using RefreshHandler = std::function<void(void* window)>;
    using PrintHandler = std::function<bool(void* window, bool preview)>;
    using CommandHandler = std::function<void(std::int64_t unit_id)>;
    using CliHandler = std::function<int(const std::vector<std::string>& args, const CliOutput&)>;
    using EventHandler = std::function<void(const dyad_event& event)>;
    using SettingsApply = std::function<bool(void* window)>;

    // SDK 1.1: makes the plugin's text findable by Dyad's search (search.h). records: the
    // DYAD_RECORDS_* kind of the text (required); label: the heading of its hits; search:
    // returns up to limit hits for what the person typed (treat it as text, never as SQL or
    // an FTS expression). An exception it throws is the provider's failure (DYAD_ERROR).
    void provide_search(std::uint32_t records, std::string label, SearchFunction search) {
        m_search_label = std::move(label);
        m_search = std::move(search);
        m_search_table.struct_size = sizeof m_search_table;
        m_search_table.records = records;
        m_search_table.label = m_search_label.c_str();
        m_search_table.search = &detail::search;
    }

    // SDK 1.1: fills the plugin's tables for the demo practice (demo.h). seed runs once, on a
    // practice the host has just filled with the demo; it writes in one transaction of its
    // own. An exception it throws is the failure the host reports (nothing may be left).
    void provide_demo(DemoFunction seed) {
        m_demo = std::move(seed);
        m_demo_table.struct_size = sizeof m_demo_table;
        m_demo_table.seed = &detail::seed_demo;
    }

    // Each add_* returns false where the host has no UI (dyadctl) or refused the description.
    // records (SDK 1.1): the DYAD_RECORDS_* kind the panel or command shows; the host leaves it
    // out for a signed-in user who may not read that kind. 0: no client records.
    // unit_kinds (SDK 1.1): unit tabs and Overview cards only for these unit kinds ("couple",
    // "couple family"); nullptr for every kind.
    // print (SDK 1.1): File > Print and Print Preview while the panel is shown (ui.h); returns
    // false when there is nothing to print now. An exception is logged and reported as failed.
    // group (SDK 1.1): a unit tab's section of the side list ("chart", "imago", "billing",
    // "contact", or a title of your own; ui.h); nullptr for a tab of its own.
    bool add_panel(std::uint32_t context, const char* id, const char* title, std::int32_t order,
                   WindowFactory create, UnitHandler show_unit = {}, RefreshHandler refresh = {},
                   std::uint32_t records = 0, const char* unit_kinds = nullptr,
                   PrintHandler print = {}, const char* group = nullptr) {
        const auto* ui = m_host.ui();
        if (ui == nullptr) {
            return false;
        }
        auto& slot = keep(PanelSlot{m_host, std::move(create), std::move(show_unit),
                                    std::move(refresh), std::move(print)});
        dyad_panel_desc desc{};
        desc.struct_size = sizeof desc;
        desc.id = id;
        desc.title = title;
        desc.context = context;
        desc.order = order;
        desc.create = &PanelSlot::create_window;
        desc.show_unit = slot.show_unit ? &PanelSlot::show : nullptr;
        desc.refresh = slot.refresh ? &PanelSlot::refresh_window : nullptr;
        desc.user = &slot;
        desc.records = records;
        desc.unit_kinds = unit_kinds;
        desc.print = slot.print ? &PanelSlot::print_window : nullptr;
        desc.group = group;
        return ui->add_panel(m_host.raw(), &desc) == DYAD_OK;
    }

    bool add_command(const char* id, const char* label, const char* menu, const char* shortcut,
                     const char* help, std::int32_t order, bool needs_unit, CommandHandler run,
                     std::uint32_t records = 0) {
        const auto* ui = m_host.ui();
        if (ui == nullptr) {
            return false;
        }
        auto& slot = keep(CommandSlot{m_host, std::move(run)});
        dyad_command_desc desc{};
        desc.struct_size = sizeof desc;
        desc.id = id;
        desc.label = label;
        desc.menu = menu;
        desc.shortcut = shortcut;
        desc.help = help;
        desc.order = order;
        desc.needs_unit = needs_unit ? 1u : 0u;
        desc.run = &CommandSlot::call;
        desc.user = &slot;
        desc.records = records;
        return ui->add_command(m_host.raw(), &desc) == DYAD_OK;
    }

    // A page in Edit > Settings. apply returns false (after host().report_error or a message
    // in the page) to keep the dialog open.
    bool add_settings_page(const char* id, const char* title, WindowFactory create,
                           SettingsApply apply) {
        const auto* ui = m_host.ui();
        if (ui == nullptr) {
            return false;
        }
        auto& slot = keep(SettingsSlot{m_host, std::move(create), std::move(apply)});
        dyad_settings_page_desc desc{};
        desc.struct_size = sizeof desc;
        desc.id = id;
        desc.title = title;
        desc.create = &SettingsSlot::create_window;
        desc.apply = &SettingsSlot::apply_window;
        desc.user = &slot;
        return ui->add_settings_page(m_host.raw(), &desc) == DYAD_OK;
    }

    bool add_cli_command(const char* name, const char* summary, const char* usage, CliHandler run) {
        const auto* cli = m_host.cli();
        if (cli == nullptr) {
            return false;
        }
        auto& slot = keep(CliSlot{m_host, std::move(run)});
        dyad_cli_command_desc desc{};
        desc.struct_size = sizeof desc;
        desc.name = name;
        desc.summary = summary;
        desc.usage = usage;
        desc.run = &CliSlot::call;
        desc.user = &slot;
        return cli->add_command(m_host.raw(), &desc) == DYAD_OK;
    }

    bool subscribe(std::uint32_t kind, EventHandler handler) {
        const auto* events = m_host.events();
        if (events == nullptr) {
            return false;
        }
        auto& slot = keep(EventSlot{m_host, std::move(handler)});
        std::uint64_t token = events->subscribe(m_host.raw(), kind, &EventSlot::call, &slot);
        if (token != 0) {
            m_subscriptions.push_back(token);
        }
        return token != 0;
    }

  private:
    struct SlotBase {
        virtual ~SlotBase() = default;
    };
    struct PanelSlot : SlotBase {
        PanelSlot(Host h, WindowFactory c, UnitHandler s, RefreshHandler r, PrintHandler p)
            : host(h),
              create(std::move(c)),
              show_unit(std::move(s)),
              refresh(std::move(r)),
              print(std::move(p)) {}
        Host host;
        WindowFactory create;
        UnitHandler show_unit;
        RefreshHandler refresh;
        PrintHandler print;
        static int print_window(void* user, void* window, int preview) {
            auto* self = static_cast<PanelSlot*>(user);
            bool printed = false;
            if (!detail::guarded(self->host, "printing",
                                 [&] { printed = self->print(window, preview != 0); })) {
                return DYAD_ERROR;
            }
            return printed ? DYAD_OK : DYAD_NOT_FOUND;
        }
        static void* create_window(void* user, void* parent) {
            auto* self = static_cast<PanelSlot*>(user);
            void* window = nullptr;
            detail::guarded(self->host, "creating a panel", [&] { window = self->create(parent); });
            return window;
        }
        static void show(void* user, void* window, std::int64_t unit_id) {
            auto* self = static_cast<PanelSlot*>(user);
            detail::guarded(self->host, "showing a unit",
                            [&] { self->show_unit(window, unit_id); });
        }
        static void refresh_window(void* user, void* window) {
            auto* self = static_cast<PanelSlot*>(user);
            detail::guarded(self->host, "refreshing a panel", [&] { self->refresh(window); });
        }
    };
    struct SettingsSlot : SlotBase {
        SettingsSlot(Host h, WindowFactory c, SettingsApply a)
            : host(h), create(std::move(c)), apply(std::move(a)) {}
        Host host;
        WindowFactory create;
        SettingsApply apply;
        static void* create_window(void* user, void* parent) {
            auto* self = static_cast<SettingsSlot*>(user);
            void* window = nullptr;
            detail::guarded(self->host, "creating a settings page",
                            [&] { window = self->create(parent); });
            return window;
        }
        static int apply_window(void* user, void* window) {
            auto* self = static_cast<SettingsSlot*>(user);
            bool saved = false;
            detail::guarded(self->host, "saving settings", [&] { saved = self->apply(window); });
            return saved ? DYAD_OK : DYAD_INVALID;
        }
    };
    struct CommandSlot : SlotBase {
        CommandSlot(Host h, CommandHandler r) : host(h), run(std::move(r)) {}
        Host host;
        CommandHandler run;
        static void call(void* user, std::int64_t unit_id) {
            auto* self = static_cast<CommandSlot*>(user);
            detail::guarded(self->host, "running a command", [&] { self->run(unit_id); });
        }
    };
    struct CliSlot : SlotBase {
        CliSlot(Host h, CliHandler r) : host(h), run(std::move(r)) {}
        Host host;
        CliHandler run;
        static int call(void* user, int argc, const char* const* argv, const dyad_cli_io* io) {
            auto* self = static_cast<CliSlot*>(user);
            int code = 1;
            CliOutput output(io);
            bool completed = detail::guarded(self->host, "running a dyadctl command", [&] {
                std::vector<std::string> args(argv, argv + argc);
                code = self->run(args, output);
            });
            if (!completed) {
                output.err("the command failed unexpectedly; see the log");
            }
            return code;
        }
    };
    struct EventSlot : SlotBase {
        EventSlot(Host h, EventHandler r) : host(h), handle(std::move(r)) {}
        Host host;
        EventHandler handle;
        static void call(void* user, const dyad_event* event) {
            auto* self = static_cast<EventSlot*>(user);
            detail::guarded(self->host, "handling an event", [&] { self->handle(*event); });
        }
    };

    template <class Slot>
    Slot& keep(Slot slot) {
        auto owned = std::make_unique<Slot>(std::move(slot));
        Slot& reference = *owned;
        m_slots.push_back(std::move(owned));
        return reference;
    }

    Host m_host;
    std::vector<std::unique_ptr<SlotBase>> m_slots;
    std::vector<std::uint64_t> m_subscriptions;
    std::string m_search_label;
    SearchFunction m_search;
    dyad_search_provider_v1 m_search_table{};
    DemoFunction m_demo;
    dyad_demo_v1 m_demo_table{};
};

namespace detail {
struct Instance {
    dyad_plugin abi{};
    std::unique_ptr<Plugin> object;
};

// Reports the exception being handled to the host (which adds "create failed: " etc.).
inline void report_current_exception(const dyad_host* host) noexcept {
    try {
        throw;
    } catch (const std::exception& error) {
        host->report_error(host, error.what());
    } catch (...) {
        host->report_error(host, "unknown exception");
    }
}

inline int start(dyad_plugin* plugin) noexcept {
    auto* instance = static_cast<Instance*>(plugin->plugin_data);
    try {
        instance->object->start();
        return DYAD_OK;
    } catch (...) {
        report_current_exception(instance->object->host().raw());
        return DYAD_ERROR;
    }
}

inline const void* get_extension(const dyad_plugin* plugin, const char* id) noexcept {
    auto* instance = static_cast<Instance*>(plugin->plugin_data);
    try {
        if (std::string(id) == DYAD_SCHEMA_EXTENSION) {
            return instance->object->schema();
        }
        if (std::string(id) == DYAD_SEARCH_EXTENSION && instance->object->search_provider()) {
            return instance->object->search_provider();
        }
        if (std::string(id) == DYAD_DEMO_EXTENSION && instance->object->demo_provider()) {
            return instance->object->demo_provider();
        }
        return instance->object->extension(id);
    } catch (...) {
        return nullptr;
    }
}

inline int search(const dyad_plugin* plugin, const char* query, std::int32_t limit,
                  dyad_search_visitor visit, void* user) noexcept {
    auto* instance = static_cast<Instance*>(plugin->plugin_data);
    try {
        for (const auto& hit : instance->object->run_search(query, limit)) {
            dyad_search_hit abi{sizeof(dyad_search_hit), hit.unit_id, hit.title.c_str(),
                                hit.snippet.c_str(), hit.panel_id.c_str()};
            if (visit(user, &abi) != 0) {
                break;
            }
        }
        return DYAD_OK;
    } catch (...) {
        return DYAD_ERROR;
    }
}

inline int seed_demo(dyad_plugin* plugin, const dyad_demo_request* request) noexcept {
    auto* instance = static_cast<Instance*>(plugin->plugin_data);
    try {
        // The 1.1 fields; a later host's request may be longer.
        if (request == nullptr ||
            request->struct_size <
                offsetof(dyad_demo_request, unit_count) + sizeof(std::uint32_t) ||
            request->today == nullptr ||
            (request->unit_count > 0 && request->unit_ids == nullptr)) {
            throw std::invalid_argument("the demo request is incomplete");
        }
        DemoRequest demo;
        demo.today = request->today;
        demo.unit_ids.assign(request->unit_ids, request->unit_ids + request->unit_count);
        instance->object->run_demo(demo);
        return DYAD_OK;
    } catch (...) {
        report_current_exception(instance->object->host().raw());
        return DYAD_ERROR;
    }
}

inline void destroy(dyad_plugin* plugin) noexcept {
    delete static_cast<Instance*>(plugin->plugin_data);
}

template <class PluginClass>
dyad_plugin* create(const dyad_host* host) noexcept {
    try {
        auto instance = std::make_unique<Instance>();
        instance->object = std::make_unique<PluginClass>(Host(host));
        instance->abi.struct_size = sizeof(dyad_plugin);
        instance->abi.plugin_data = instance.get();
        instance->abi.start = &start;
        instance->abi.get_extension = &get_extension;
        instance->abi.destroy = &destroy;
        return &instance.release()->abi;
    } catch (...) {
        report_current_exception(host);
        return nullptr;
    }
}
}  // namespace detail

}  // namespace dyad::sdk

// Declares the plugin's one exported symbol with what it will use (SDK 1.1; see `uses` in
// plugin.h), e.g. "dyad.db/1 dyad.ui/1 core:units:read". Use once, in one .cpp file, at global
// scope, instead of DYAD_PLUGIN.
#define DYAD_PLUGIN_USES(PluginClass, id, name, vendor, version, description, uses) \
    extern "C" DYAD_EXPORT const dyad_plugin_entry dyad_plugin_entry_v1;            \
    extern "C" DYAD_EXPORT const dyad_plugin_entry dyad_plugin_entry_v1 = {         \
        sizeof(dyad_plugin_entry),                                                  \
        {DYAD_SDK_VERSION_MAJOR, DYAD_SDK_VERSION_MINOR},                           \
        DYAD_ABI_TAG,                                                               \
        id,                                                                         \
        name,                                                                       \
        vendor,                                                                     \
        version,                                                                    \
        description,                                                                \
        &::dyad::sdk::detail::create<PluginClass>,                                  \
        uses};

// Declares the plugin's one exported symbol, declaring no uses (every service is served).
// Use once, in one .cpp file, at global scope.
#define DYAD_PLUGIN(PluginClass, id, name, vendor, version, description) \
    DYAD_PLUGIN_USES(PluginClass, id, name, vendor, version, description, nullptr)

#endif  // DYAD_PLUGIN_HPP
