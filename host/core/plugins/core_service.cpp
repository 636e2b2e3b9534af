// The dyad.core/1 service: typed reads and validated, audited writes of the core records,
// as the signed-in user (their role's permissions and caseload) and as far as the plugin
// declared it would use them (dyad_plugin_entry.uses, SDK 1.1).
#include "people/consent_rules.h"
#include "plugins/plugin_context.h"
#include "util/ids.h"
#include "util/log.h"

namespace dyad::plugins {
namespace {
using people::Permission;

std::string actor_of(const PluginContext& context) {
    return "plugin:" + context.plugin_id;
}

int core_fail(PluginContext& context, const Error& error) {
    context.core_error = shown_message(error);  // In the window's language (core.h).
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

// Whether the plugin declared `use` and the signed-in user holds `permission`; when not,
// last_error says which of the two refused.
bool allowed(PluginContext& context, const char* use, Permission permission) {
    if (!declares(context, use)) {
        context.core_error = context.plugin_id + " did not declare '" + use + "' in its entry";
        return false;
    }
    if (!session_of(context).may(permission)) {
        context.core_error = "the signed-in user's role may not do this";
        return false;
    }
    return true;
}

dyad_unit_info unit_info(const records::Unit& unit) {
    return {sizeof(dyad_unit_info),    unit.id,
            unit.uuid.c_str(),         unit.kind.c_str(),
            unit.display_name.c_str(), unit.status.c_str(),
            unit.member_count};
}

int core_get_unit(const dyad_host* host, int64_t unit_id, dyad_unit_receiver receive, void* user) {
    PluginContext& context = context_of(host);
    if (!allowed(context, "core:units:read", Permission::ReadDemographics)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:units:read", Permission::ReadDemographics)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:units:read", Permission::ReadDemographics)) {
        return DYAD_DENIED;
    }
    auto members = context.records->members(unit_id);
    if (!members) {
        return core_fail(context, members.error());
    }
    for (const auto& member : *members) {
        dyad_member_info info{sizeof(dyad_member_info),
                              member.client_id,
                              member.role.c_str(),
                              member.given_name.c_str(),
                              member.family_name.c_str(),
                              member.may_contact ? 1 : 0,
                              member.may_share_with_partner ? 1 : 0};
        if (visit(user, &info) != 0) {
            break;
        }
    }
    return DYAD_OK;
}

int core_get_client(const dyad_host* host, int64_t client_id, dyad_client_receiver receive,
                    void* user) {
    PluginContext& context = context_of(host);
    if (!allowed(context, "core:clients:read", Permission::ReadDemographics)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:clients:write", Permission::EditDemographics)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:units:write", Permission::EditDemographics)) {
        return DYAD_DENIED;
    }
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
    std::string what = text_or_empty(entity);
    std::string kind = text_or_empty(format);
    // A core record's name ("unit", "client"); "<plugin id>:..." is how the host files a
    // plugin's own entries (audit()), and no plugin may write into another's (list_audit).
    if (what.empty() || what.find(':') != std::string::npos) {
        context.core_error =
            "record_export names a core record (\"unit\", \"client\"); a "
            "plugin's own records are audited with audit(\"export\", ...)";
        return DYAD_INVALID;
    }
    bool deferred = context.database != nullptr && context.database->transaction_depth > 0;
    if (!deferred) {
        auto done = context.records->record_export(what, record_id, kind, actor_of(context));
        return done ? DYAD_OK : core_fail(context, done.error());
    }
    audit_when_committed(context, [&context, what, record_id, kind] {
        if (auto done = context.records->record_export(what, record_id, kind, actor_of(context));
            !done) {
            log_error(context.plugin_id + ": an export was not audited: " + done.error().message);
        }
    });
    return DYAD_OK;
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
    if (!allowed(context, "core:clients:write", Permission::EditDemographics)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:clients:write", Permission::EditDemographics)) {
        return DYAD_DENIED;
    }
    auto done = context.records->archive_client(client_id, actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

int core_set_unit_status(const dyad_host* host, int64_t unit_id, const char* status) {
    PluginContext& context = context_of(host);
    if (!allowed(context, "core:units:write", Permission::EditDemographics)) {
        return DYAD_DENIED;
    }
    auto done = context.records->set_unit_status(unit_id, text_or_empty(status), actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

int core_create_appointment(const dyad_host* host, const dyad_new_appointment* input,
                            int64_t* out_id) {
    PluginContext& context = context_of(host);
    if (!allowed(context, "core:appointments:write", Permission::EditSchedule)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:appointments:read", Permission::ReadSchedule)) {
        return DYAD_DENIED;
    }
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
    std::string what = context.plugin_id + ":" + entity;
    bool deferred = context.database != nullptr && context.database->transaction_depth > 0;
    if (!deferred) {
        auto done = context.records->record_event(verb, what, record_id, "", actor_of(context));
        return done ? DYAD_OK : core_fail(context, done.error());
    }
    // Inside the plugin's transaction: written when it commits, dropped if it rolls back.
    audit_when_committed(context, [&context, verb, what, record_id] {
        if (auto done = context.records->record_event(verb, what, record_id, "", actor_of(context));
            !done) {
            log_error(context.plugin_id + ": an entry was not audited: " + done.error().message);
        }
    });
    return DYAD_OK;
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
    if (!allowed(context, "core:appointments:write", Permission::EditSchedule)) {
        return DYAD_DENIED;
    }
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
    if (!allowed(context, "core:appointments:read", Permission::ReadSchedule)) {
        return DYAD_DENIED;
    }
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

int core_list_audit(const dyad_host* host, const char* entity, int64_t record_id, int32_t limit,
                    dyad_audit_visitor visit, void* user) {
    PluginContext& context = context_of(host);
    if (visit == nullptr || limit < 0 || limit > 1000) {
        context.core_error = "list_audit needs a visitor and a limit from 0 to 1000";
        return DYAD_INVALID;
    }
    if (!session_of(context).may(Permission::ReadAudit)) {
        context.core_error = "the signed-in user's role may not read the audit trail";
        return DYAD_DENIED;
    }
    // Only what this plugin wrote: "<plugin id>:<entity>", the ':' making "dyad.mai" unable to
    // read "dyad.mail:...".
    std::string prefix = context.plugin_id + ":";
    std::string wanted = text_or_empty(entity);
    auto select = context.main->prepare(
        "SELECT at, actor, action, entity, ifnull(entity_id, 0) FROM dyad_audit WHERE "
        "CASE WHEN ?1 = '' THEN substr(entity, 1, length(?2)) = ?2 ELSE entity = ?2 || ?1 END "
        "AND (?3 = 0 OR entity_id = ?3) ORDER BY seq DESC, at DESC LIMIT ?4");
    if (!select) {
        return core_fail(context, select.error());
    }
    select->bind(1, wanted).bind(2, prefix).bind(3, record_id).bind(4, limit == 0 ? 100 : limit);
    while (true) {
        auto row = select->step();
        if (!row) {
            return core_fail(context, row.error());
        }
        if (!*row) {
            return DYAD_OK;
        }
        std::string at = select->text(0), actor = select->text(1), action = select->text(2);
        std::string own = select->text(3).substr(prefix.size());
        dyad_audit_entry entry{sizeof(dyad_audit_entry), at.c_str(),  actor.c_str(),
                               action.c_str(),           own.c_str(), select->int64(4)};
        if (visit(user, &entry) != 0) {
            return DYAD_OK;
        }
    }
}

int core_set_member_consent(const dyad_host* host, int64_t unit_id, int64_t client_id,
                            int32_t may_contact, int32_t may_share_with_partner) {
    PluginContext& context = context_of(host);
    if (!allowed(context, "core:units:write", Permission::ReadDemographics)) {
        return DYAD_DENIED;
    }
    if ((may_contact != 0 && may_contact != 1) ||
        (may_share_with_partner != 0 && may_share_with_partner != 1)) {
        context.core_error = "consent flags are 0 (no) or 1 (yes)";
        return DYAD_INVALID;
    }
    // Contact is the front desk's too; sharing between partners is the clinician's.
    people::People people(*context.main);
    if (auto may =
            people::may_change_consent(people, session_of(context), *context.records, unit_id,
                                       client_id, may_contact == 1, may_share_with_partner == 1);
        !may) {
        context.core_error = shown_message(may.error());
        return may.error().code == ErrorCode::NotFound ? DYAD_NOT_FOUND : DYAD_DENIED;
    }
    auto done = context.records->set_member_consent(unit_id, client_id, may_contact == 1,
                                                    may_share_with_partner == 1, actor_of(context));
    return done ? DYAD_OK : core_fail(context, done.error());
}

const dyad_core_v1 kCore = {
    sizeof(dyad_core_v1),     &core_get_unit,          &core_list_units,
    &core_list_members,       &core_get_client,        &core_create_client,
    &core_create_unit,        &core_record_export,     &core_last_error,
    &core_update_client,      &core_archive_client,    &core_set_unit_status,
    &core_create_appointment, &core_list_appointments, &core_audit,
    &core_update_appointment, &core_get_appointment,   &core_check_client,
    &core_list_audit,         &core_set_member_consent};

}  // namespace

const dyad_core_v1* core_service() {
    return &kCore;
}

}  // namespace dyad::plugins
