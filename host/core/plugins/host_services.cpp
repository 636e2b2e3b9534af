// The dyad_host every plugin gets and the small v1 services (log, events, settings, cli,
// paths); dyad.core/1, dyad.ui/1 and dyad.people/1 have files of their own. Only what the
// plugin declared in its entry's `uses` (SDK 1.1) is served. Every entry point is noexcept in
// effect: nothing here throws across the C boundary (allocation failure aside, which ends the
// process anyway).
#include <algorithm>
#include <cstring>

#include "plugins/plugin_context.h"
#include "util/ids.h"
#include "util/log.h"

namespace dyad::plugins {
namespace {

// ---- dyad.log/1 ------------------------------------------------------------------------

void log_write(const dyad_host* host, int level, const char* message) {
    LogLevel mapped = level <= DYAD_LOG_DEBUG     ? LogLevel::Debug
                      : level == DYAD_LOG_INFO    ? LogLevel::Info
                      : level == DYAD_LOG_WARNING ? LogLevel::Warning
                                                  : LogLevel::Error;
    Logger::instance().write(mapped, context_of(host).plugin_id, text_or_empty(message));
}

const dyad_log_v1 kLog = {sizeof(dyad_log_v1), &log_write};

// ---- dyad.events/1 ---------------------------------------------------------------------

uint64_t events_subscribe(const dyad_host* host, uint32_t kind, dyad_event_callback callback,
                          void* user) {
    PluginContext& context = context_of(host);
    if (kind < DYAD_EVENT_UNIT_SELECTED || kind > DYAD_EVENT_STATUS_CHANGED ||
        callback == nullptr) {
        return 0;
    }
    return context.events->subscribe(
        static_cast<EventKind>(kind),
        [callback, user](const Event& event) {
            dyad_event raw{sizeof(dyad_event), static_cast<uint32_t>(event.kind),
                           event.unit_id,      event.entity.c_str(),
                           event.record_id,    event.change.c_str()};
            callback(user, &raw);
        },
        context.plugin_id);
}

void events_unsubscribe(const dyad_host* host, uint64_t token) {
    context_of(host).events->unsubscribe(token);
}

const dyad_events_v1 kEvents = {sizeof(dyad_events_v1), &events_subscribe, &events_unsubscribe};

// ---- dyad.settings/1 -------------------------------------------------------------------

int settings_get(const dyad_host* host, const char* key, dyad_value_receiver receive, void* user) {
    PluginContext& context = context_of(host);
    auto statement = context.main->cached(
        "SELECT value FROM host_plugin_setting WHERE plugin_id = ? AND key = ?");
    if (!statement) {
        return DYAD_ERROR;
    }
    statement->bind(1, context.plugin_id).bind(2, text_or_empty(key));
    auto row = statement->step();
    if (!row) {
        return DYAD_ERROR;
    }
    if (!*row) {
        return DYAD_NOT_FOUND;
    }
    std::string value = statement->text(0);
    receive(user, value.c_str());
    return DYAD_OK;
}

int settings_set(const dyad_host* host, const char* key, const char* value) {
    PluginContext& context = context_of(host);
    if (key == nullptr || *key == '\0' || value == nullptr) {
        return DYAD_INVALID;
    }
    auto statement = context.main->cached(
        "INSERT INTO host_plugin_setting (plugin_id, key, value) VALUES (?, ?, ?) "
        "ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value");
    if (!statement) {
        return DYAD_ERROR;
    }
    statement->bind(1, context.plugin_id).bind(2, std::string(key)).bind(3, std::string(value));
    return statement->run() ? DYAD_OK : DYAD_ERROR;
}

int settings_remove(const dyad_host* host, const char* key) {
    PluginContext& context = context_of(host);
    auto statement =
        context.main->cached("DELETE FROM host_plugin_setting WHERE plugin_id = ? AND key = ?");
    if (!statement) {
        return DYAD_ERROR;
    }
    statement->bind(1, context.plugin_id).bind(2, text_or_empty(key));
    return statement->run() ? DYAD_OK : DYAD_ERROR;
}

const dyad_settings_v1 kSettings = {sizeof(dyad_settings_v1), &settings_get, &settings_set,
                                    &settings_remove};

// ---- dyad.cli/1 ------------------------------------------------------------------------

int cli_add_command(const dyad_host* host, const dyad_cli_command_desc* desc) {
    PluginContext& context = context_of(host);
    if (desc == nullptr || desc->struct_size < sizeof(dyad_cli_command_desc) ||
        !has_text(desc->name) || desc->run == nullptr) {
        return DYAD_INVALID;
    }
    std::string name = desc->name;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            log_warning(context.plugin_id + ": dyadctl command '" + name +
                        "' must be lowercase letters, digits and '-'");
            return DYAD_INVALID;
        }
    }
    if (context.reserved_cli_names != nullptr) {
        for (const auto& reserved : *context.reserved_cli_names) {
            if (reserved == name) {
                log_warning(context.plugin_id + ": dyadctl command '" + name +
                            "' clashes with a built-in command");
                return DYAD_DENIED;
            }
        }
    }
    for (const auto& existing : context.contributions->cli_commands) {
        if (existing.name == name) {
            log_warning(context.plugin_id + ": dyadctl command '" + name +
                        "' is already provided by " + existing.plugin_id);
            return DYAD_DENIED;
        }
    }
    context.contributions->cli_commands.push_back(
        {context.plugin_id, name, text_or_empty(desc->summary), text_or_empty(desc->usage),
         desc->run, desc->user});
    return DYAD_OK;
}

const dyad_cli_v1 kCli = {sizeof(dyad_cli_v1), &cli_add_command};

// ---- dyad.paths/1 ----------------------------------------------------------------------

void paths_resource_folders(const dyad_host* host, dyad_path_visitor visit, void* user) {
    const PluginContext& context = context_of(host);
    if (context.resource_folders == nullptr) {
        return;
    }
    for (const auto& folder : *context.resource_folders) {
        if (visit(user, folder.c_str()) != 0) {
            return;
        }
    }
}

const char* paths_data_folder(const dyad_host* host) {
    return context_of(host).data_folder.c_str();
}

const dyad_paths_v1 kPaths = {sizeof(dyad_paths_v1), &paths_resource_folders, &paths_data_folder};

// ---- dyad_host -------------------------------------------------------------------------

const void* get_service(const dyad_host* host, const char* id) {
    if (host == nullptr || id == nullptr) {
        return nullptr;
    }
    PluginContext& context = context_of(host);
    std::string_view name(id);
    if (name == DYAD_LOG_SERVICE) {
        return &kLog;
    }
    if (!declares(context, name)) {
        // Not a silent NULL: the author reads why in the log.
        log_warning(context.plugin_id + " asked for " + std::string(name).substr(0, 40) +
                    ", which its entry's 'uses' does not declare; not served");
        return nullptr;
    }
    if (name == DYAD_PEOPLE_SERVICE) {
        return people_service();
    }
    if (name == DYAD_DB_SERVICE) {
        return db_service();
    }
    if (name == DYAD_CORE_SERVICE) {
        return core_service();
    }
    if (name == DYAD_EVENTS_SERVICE) {
        return &kEvents;
    }
    if (name == DYAD_SETTINGS_SERVICE) {
        return &kSettings;
    }
    if (name == DYAD_CLI_SERVICE) {
        return &kCli;
    }
    if (name == DYAD_PATHS_SERVICE) {
        return &kPaths;
    }
    if (name == DYAD_UI_SERVICE) {
        return context.ui_allowed ? ui_service() : nullptr;
    }
    return nullptr;
}

void report_error(const dyad_host* host, const char* message) {
    context_of(host).reported_error = text_or_empty(message);
}

const void* plugin_extension(const dyad_host* host, const char* plugin_id,
                             const char* extension_id) {
    if (host == nullptr || !has_text(plugin_id) || !has_text(extension_id)) {
        return nullptr;
    }
    PluginContext& context = context_of(host);
    if (!declares(context, std::string("plugin:") + plugin_id)) {
        log_warning(context.plugin_id + " asked for an extension of " +
                    std::string(plugin_id).substr(0, 60) +
                    ", which its entry's 'uses' does not declare; not served");
        return nullptr;
    }
    if (!context.find_extension || plugin_id == context.plugin_id) {
        return nullptr;
    }
    return context.find_extension(plugin_id, extension_id);
}

}  // namespace

const people::Session& session_of(const PluginContext& context) {
    static const people::Session single_user_owner;
    return context.session != nullptr ? *context.session : single_user_owner;
}

bool declares(const PluginContext& context, std::string_view word) {
    if (!context.uses) {
        return true;
    }
    return std::find(context.uses->begin(), context.uses->end(), word) != context.uses->end();
}

void bind_host(PluginContext& context) {
    context.host.struct_size = sizeof(dyad_host);
    context.host.sdk_version = {DYAD_SDK_VERSION_MAJOR, DYAD_SDK_VERSION_MINOR};
    context.host.host_data = &context;
    context.host.get_service = &get_service;
    context.host.report_error = &report_error;
    context.host.plugin_extension = &plugin_extension;
}

}  // namespace dyad::plugins
