// The v1 service tables served to plugins. Every entry point is noexcept in effect: nothing
// here throws across the C boundary (allocation failure aside, which ends the process anyway).
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

// ---- dyad.core/1 -----------------------------------------------------------------------

std::string actor_of(const PluginContext& context) {
    return "plugin:" + context.plugin_id;
}

int core_fail(PluginContext& context, const Error& error) {
    context.core_error = error.message;
    switch (error.code) {
        case ErrorCode::Invalid:
        case ErrorCode::Conflict:
            return DYAD_INVALID;
        case ErrorCode::NotFound:
            return DYAD_NOT_FOUND;
        case ErrorCode::Refused:
            return DYAD_DENIED;
        default:
            return DYAD_ERROR;
    }
}

dyad_unit_info unit_info(const records::Unit& unit) {
    return {sizeof(dyad_unit_info),    unit.id,
            unit.uuid.c_str(),         unit.kind.c_str(),
            unit.display_name.c_str(), unit.status.c_str(),
            unit.member_count};
}

int core_get_unit(const dyad_host* host, int64_t unit_id, dyad_unit_receiver receive, void* user) {
    PluginContext& context = context_of(host);
    auto unit = context.records->unit(unit_id);
    if (!unit) {
        return core_fail(context, unit.error());
    }
    dyad_unit_info info = unit_info(*unit);
    receive(user, &info);
    return DYAD_OK;
}

int core_list_units(const dyad_host* host, const char* status, const char* search,
                    dyad_unit_visitor visit, void* user) {
    PluginContext& context = context_of(host);
    records::UnitQuery query;
    query.status = text_or_empty(status);
    query.search = text_or_empty(search);
    auto units = context.records->units(query);
    if (!units) {
        return core_fail(context, units.error());
    }
    for (const auto& unit : *units) {
        dyad_unit_info info = unit_info(unit);
        if (visit(user, &info) != 0) {
            break;
        }
    }
    return DYAD_OK;
}

int core_list_members(const dyad_host* host, int64_t unit_id, dyad_member_visitor visit,
                      void* user) {
    PluginContext& context = context_of(host);
    auto members = context.records->members(unit_id);
    if (!members) {
        return core_fail(context, members.error());
    }
    for (const auto& member : *members) {
        dyad_member_info info{sizeof(dyad_member_info), member.client_id, member.role.c_str(),
                              member.given_name.c_str(), member.family_name.c_str()};
        if (visit(user, &info) != 0) {
            break;
        }
    }
    return DYAD_OK;
}

int core_get_client(const dyad_host* host, int64_t client_id, dyad_client_receiver receive,
                    void* user) {
    PluginContext& context = context_of(host);
    auto client = context.records->view_client(client_id, actor_of(context));
    if (!client) {
        return core_fail(context, client.error());
    }
    const auto& f = client->fields;
    dyad_client_info info{sizeof(dyad_client_info), client->id,
                          client->uuid.c_str(),     f.given_name.c_str(),
                          f.family_name.c_str(),    f.preferred_name.c_str(),
                          f.pronouns.c_str(),       f.date_of_birth.c_str(),
                          f.email.c_str(),          f.phone.c_str(),
                          f.status.c_str()};
    receive(user, &info);
    return DYAD_OK;
}

records::ClientFields client_fields(const dyad_new_client& input);

int core_create_client(const dyad_host* host, const dyad_new_client* input, int64_t* out_id) {
    PluginContext& context = context_of(host);
    if (input == nullptr) {
        context.core_error = "no client fields given";
        return DYAD_INVALID;
    }
    auto client = context.records->create_client(client_fields(*input), actor_of(context));
    if (!client) {
        return core_fail(context, client.error());
    }
    if (out_id != nullptr) {
        *out_id = client->id;
    }
    return DYAD_OK;
}

int core_create_unit(const dyad_host* host, const char* kind, const char* display_name,
                     const int64_t* client_ids, const char* const* roles, size_t count,
                     int64_t* out_id) {
    PluginContext& context = context_of(host);
    std::vector<records::MemberSpec> members;
    for (size_t i = 0; i < count; ++i) {
        members.push_back({client_ids[i], text_or_empty(roles[i])});
    }
    auto unit = context.records->create_unit(text_or_empty(kind), text_or_empty(display_name),
                                             members, actor_of(context));
    if (!unit) {
        return core_fail(context, unit.error());
    }
    if (out_id != nullptr) {
        *out_id = unit->id;
    }
    return DYAD_OK;
}

int core_record_export(const dyad_host* host, const char* entity, int64_t record_id,
                       const char* format) {
    PluginContext& context = context_of(host);
    auto done = context.records->record_export(text_or_empty(entity), record_id,
                                               text_or_empty(format), actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

const char* core_last_error(const dyad_host* host) {
    return context_of(host).core_error.c_str();
}

records::ClientFields client_fields(const dyad_new_client& input) {
    records::ClientFields fields;
    fields.given_name = text_or_empty(input.given_name);
    fields.family_name = text_or_empty(input.family_name);
    fields.preferred_name = text_or_empty(input.preferred_name);
    fields.pronouns = text_or_empty(input.pronouns);
    fields.date_of_birth = text_or_empty(input.date_of_birth);
    fields.email = text_or_empty(input.email);
    fields.phone = text_or_empty(input.phone);
    if (input.status != nullptr && *input.status != '\0') {
        fields.status = input.status;
    }
    return fields;
}

int core_update_client(const dyad_host* host, int64_t client_id, const dyad_new_client* input) {
    PluginContext& context = context_of(host);
    if (input == nullptr) {
        context.core_error = "no client fields given";
        return DYAD_INVALID;
    }
    auto client =
        context.records->update_client(client_id, client_fields(*input), actor_of(context));
    return client ? DYAD_OK : core_fail(context, client.error());
}

int core_archive_client(const dyad_host* host, int64_t client_id) {
    PluginContext& context = context_of(host);
    auto done = context.records->archive_client(client_id, actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

int core_set_unit_status(const dyad_host* host, int64_t unit_id, const char* status) {
    PluginContext& context = context_of(host);
    auto done = context.records->set_unit_status(unit_id, text_or_empty(status), actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

int core_create_appointment(const dyad_host* host, const dyad_new_appointment* input,
                            int64_t* out_id) {
    PluginContext& context = context_of(host);
    if (input == nullptr) {
        context.core_error = "no appointment fields given";
        return DYAD_INVALID;
    }
    records::AppointmentFields fields;
    fields.unit_id = input->unit_id;
    fields.starts_at = text_or_empty(input->starts_at);
    fields.ends_at = text_or_empty(input->ends_at);
    fields.session_type = text_or_empty(input->session_type);
    fields.location = text_or_empty(input->location);
    fields.telehealth = input->telehealth != 0;
    auto appointment = context.records->create_appointment(fields, actor_of(context));
    if (!appointment) {
        return core_fail(context, appointment.error());
    }
    if (out_id != nullptr) {
        *out_id = appointment->id;
    }
    return DYAD_OK;
}

int core_list_appointments(const dyad_host* host, const char* from, const char* to,
                           dyad_appointment_visitor visit, void* user) {
    PluginContext& context = context_of(host);
    auto appointments =
        context.records->appointments_between(text_or_empty(from), text_or_empty(to));
    if (!appointments) {
        return core_fail(context, appointments.error());
    }
    for (const auto& appointment : *appointments) {
        const auto& f = appointment.fields;
        dyad_appointment_info info{sizeof(dyad_appointment_info), appointment.id,
                                   appointment.uuid.c_str(),      f.unit_id,
                                   f.starts_at.c_str(),           f.ends_at.c_str(),
                                   f.session_type.c_str(),        f.location.c_str(),
                                   f.telehealth ? 1 : 0,          f.status.c_str()};
        if (visit(user, &info) != 0) {
            break;
        }
    }
    return DYAD_OK;
}

int core_audit(const dyad_host* host, const char* action, const char* entity, int64_t record_id) {
    PluginContext& context = context_of(host);
    std::string verb = text_or_empty(action);
    if (verb != "create" && verb != "update" && verb != "delete" && verb != "view" &&
        verb != "export") {
        context.core_error = "the audit action must be create, update, delete, view or export";
        return DYAD_INVALID;
    }
    if (entity == nullptr || *entity == '\0') {
        context.core_error = "the audited record needs an entity name";
        return DYAD_INVALID;
    }
    auto done = context.records->record_event(verb, context.plugin_id + ":" + entity, record_id, "",
                                              actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

dyad_appointment_info appointment_info(const records::Appointment& appointment) {
    const auto& f = appointment.fields;
    return {sizeof(dyad_appointment_info), appointment.id,
            appointment.uuid.c_str(),      f.unit_id,
            f.starts_at.c_str(),           f.ends_at.c_str(),
            f.session_type.c_str(),        f.location.c_str(),
            f.telehealth ? 1 : 0,          f.status.c_str()};
}

int core_update_appointment(const dyad_host* host, int64_t appointment_id,
                            const dyad_new_appointment* input, const char* status) {
    PluginContext& context = context_of(host);
    if (input == nullptr) {
        context.core_error = "no appointment fields given";
        return DYAD_INVALID;
    }
    records::AppointmentFields fields;
    fields.starts_at = text_or_empty(input->starts_at);
    fields.ends_at = text_or_empty(input->ends_at);
    fields.session_type = text_or_empty(input->session_type);
    fields.location = text_or_empty(input->location);
    fields.telehealth = input->telehealth != 0;
    fields.status = status != nullptr && *status != '\0' ? status : "scheduled";
    auto updated = context.records->update_appointment(appointment_id, fields, actor_of(context));
    return updated ? DYAD_OK : core_fail(context, updated.error());
}

int core_get_appointment(const dyad_host* host, int64_t appointment_id,
                         dyad_appointment_visitor receive, void* user) {
    PluginContext& context = context_of(host);
    auto found = context.records->appointment(appointment_id);
    if (!found) {
        return core_fail(context, found.error());
    }
    dyad_appointment_info info = appointment_info(*found);
    receive(user, &info);
    return DYAD_OK;
}

int core_check_client(const dyad_host* host, const dyad_new_client* input) {
    PluginContext& context = context_of(host);
    if (input == nullptr) {
        context.core_error = "no client fields given";
        return DYAD_INVALID;
    }
    Status valid = records::validate_client(client_fields(*input), today_utc());
    return valid ? DYAD_OK : core_fail(context, valid.error());
}

const dyad_core_v1 kCore = {
    sizeof(dyad_core_v1),     &core_get_unit,          &core_list_units,
    &core_list_members,       &core_get_client,        &core_create_client,
    &core_create_unit,        &core_record_export,     &core_last_error,
    &core_update_client,      &core_archive_client,    &core_set_unit_status,
    &core_create_appointment, &core_list_appointments, &core_audit,
    &core_update_appointment, &core_get_appointment,   &core_check_client};

// ---- dyad.events/1 ---------------------------------------------------------------------

uint64_t events_subscribe(const dyad_host* host, uint32_t kind, dyad_event_callback callback,
                          void* user) {
    PluginContext& context = context_of(host);
    if (kind < DYAD_EVENT_UNIT_SELECTED || kind > DYAD_EVENT_BEFORE_SHUTDOWN ||
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

// ---- dyad.ui/1 -------------------------------------------------------------------------

bool has_text(const char* text) {
    return text != nullptr && *text != '\0';
}

int ui_add_panel(const dyad_host* host, const dyad_panel_desc* desc) {
    PluginContext& context = context_of(host);
    if (desc == nullptr || desc->struct_size < sizeof(dyad_panel_desc) || !has_text(desc->id) ||
        !has_text(desc->title) || desc->create == nullptr || desc->context < DYAD_PANEL_UNIT ||
        desc->context > DYAD_PANEL_DASHBOARD) {
        log_warning(context.plugin_id + ": a panel description was incomplete and was ignored");
        return DYAD_INVALID;
    }
    context.contributions->panels.push_back({context.plugin_id, desc->id, desc->title,
                                             desc->context, desc->order, desc->create,
                                             desc->show_unit, desc->refresh, desc->user});
    return DYAD_OK;
}

int ui_add_command(const dyad_host* host, const dyad_command_desc* desc) {
    PluginContext& context = context_of(host);
    if (desc == nullptr || desc->struct_size < sizeof(dyad_command_desc) || !has_text(desc->id) ||
        !has_text(desc->label) || desc->run == nullptr) {
        log_warning(context.plugin_id + ": a command description was incomplete and was ignored");
        return DYAD_INVALID;
    }
    context.contributions->commands.push_back(
        {context.plugin_id, desc->id, desc->label, has_text(desc->menu) ? desc->menu : "Tools",
         text_or_empty(desc->shortcut), text_or_empty(desc->help), desc->order,
         desc->needs_unit != 0, desc->run, desc->user});
    return DYAD_OK;
}

int ui_add_settings_page(const dyad_host* host, const dyad_settings_page_desc* desc) {
    PluginContext& context = context_of(host);
    if (desc == nullptr || desc->struct_size < sizeof(dyad_settings_page_desc) ||
        !has_text(desc->id) || !has_text(desc->title) || desc->create == nullptr) {
        return DYAD_INVALID;
    }
    context.contributions->settings_pages.push_back(
        {context.plugin_id, desc->id, desc->title, desc->create, desc->apply, desc->user});
    return DYAD_OK;
}

void ui_set_status(const dyad_host* host, const char* text) {
    const UiHooks* hooks = context_of(host).ui_hooks;
    if (hooks != nullptr && hooks->set_status) {
        hooks->set_status(text_or_empty(text));
    }
}

void* ui_main_window(const dyad_host* host) {
    const UiHooks* hooks = context_of(host).ui_hooks;
    return hooks != nullptr && hooks->main_window ? hooks->main_window() : nullptr;
}

int64_t ui_selected_unit(const dyad_host* host) {
    const UiHooks* hooks = context_of(host).ui_hooks;
    return hooks != nullptr && hooks->selected_unit ? hooks->selected_unit() : 0;
}

int ui_select_unit(const dyad_host* host, int64_t unit_id) {
    const UiHooks* hooks = context_of(host).ui_hooks;
    if (hooks == nullptr || !hooks->select_unit) {
        return DYAD_UNAVAILABLE;
    }
    return hooks->select_unit(unit_id) ? DYAD_OK : DYAD_NOT_FOUND;
}

const dyad_ui_v1 kUi = {sizeof(dyad_ui_v1),    &ui_add_panel,  &ui_add_command,
                        &ui_add_settings_page, &ui_set_status, &ui_main_window,
                        &ui_selected_unit,     &ui_select_unit};

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
    if (name == DYAD_DB_SERVICE) {
        return db_service();
    }
    if (name == DYAD_CORE_SERVICE) {
        return &kCore;
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
        return context.ui_allowed ? &kUi : nullptr;
    }
    return nullptr;
}

void report_error(const dyad_host* host, const char* message) {
    context_of(host).reported_error = text_or_empty(message);
}

}  // namespace

void bind_host(PluginContext& context) {
    context.host.struct_size = sizeof(dyad_host);
    context.host.sdk_version = {DYAD_SDK_VERSION_MAJOR, DYAD_SDK_VERSION_MINOR};
    context.host.host_data = &context;
    context.host.get_service = &get_service;
    context.host.report_error = &report_error;
}

}  // namespace dyad::plugins
