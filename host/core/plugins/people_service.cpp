// The dyad.people/1 service (SDK 1.1): the signed-in user, their role's permissions by record
// kind, their caseload, and co-signatures. Answers come from people::role_may and
// people::People, the same table and queries the host itself enforces.
#include <cstdio>
#include <optional>

#include "plugins/plugin_context.h"
#include "util/ids.h"

namespace dyad::plugins {
namespace {

using people::Permission;

int people_signed_in(const dyad_host* host, dyad_user_receiver receive, void* user) {
    const people::Session& session = session_of(context_of(host));
    std::string role = session.signed_in() ? std::string(people::role_info(session.role).id) : "";
    dyad_user_info info{sizeof(dyad_user_info), session.user_id, session.name.c_str(),
                        role.c_str()};
    if (receive != nullptr) {
        receive(user, &info);
    }
    return DYAD_OK;
}

int people_may(const dyad_host* host, uint32_t kind, uint32_t access) {
    if (access == DYAD_ACCESS_CO_SIGN) {
        return kind == DYAD_RECORDS_CLINICAL && session_of(context_of(host)).may(Permission::CoSign)
                   ? 1
                   : 0;
    }
    if (access != DYAD_ACCESS_READ && access != DYAD_ACCESS_WRITE) {
        return 0;
    }
    auto permission = records_permission(kind, access == DYAD_ACCESS_WRITE);
    return permission && session_of(context_of(host)).may(*permission) ? 1 : 0;
}

bool reaches_unit(PluginContext& context, int64_t unit_id) {
    people::People people(*context.main);
    auto unit = context.records->unit(unit_id);
    if (!unit) {
        context.people_error = "there is no client unit " + std::to_string(unit_id);
        return false;
    }
    auto reach = people.may_see_unit(session_of(context), unit_id);
    if (!reach) {
        context.people_error = shown_message(reach.error());
        return false;
    }
    if (!*reach) {
        context.people_error = "this unit is not on the signed-in user's caseload";
    }
    return *reach;
}

int people_may_see_unit(const dyad_host* host, int64_t unit_id) {
    PluginContext& context = context_of(host);
    if (!session_of(context).may(Permission::ReadClinical)) {
        return 0;
    }
    return reaches_unit(context, unit_id) ? 1 : 0;
}

int people_co_sign(const dyad_host* host, const char* entity, int64_t record_id, int64_t unit_id,
                   char out_time[21]) {
    PluginContext& context = context_of(host);
    const people::Session& session = session_of(context);
    if (!has_text(entity)) {
        context.people_error = "the co-signed record needs an entity name";
        return DYAD_INVALID;
    }
    if (!session.may(Permission::CoSign)) {
        context.people_error = "only a supervisor or the owner may co-sign";
        return DYAD_DENIED;
    }
    if (!reaches_unit(context, unit_id)) {
        return DYAD_DENIED;
    }
    std::string when = now_utc_iso();
    auto done = context.records->record_event("co-sign", context.plugin_id + ":" + entity,
                                              record_id, "", "plugin:" + context.plugin_id);
    if (!done) {
        context.people_error = shown_message(done.error());
        return DYAD_ERROR;
    }
    if (out_time != nullptr) {
        std::snprintf(out_time, 21, "%s", when.c_str());
    }
    return DYAD_OK;
}

const char* people_last_error(const dyad_host* host) {
    return context_of(host).people_error.c_str();
}

const dyad_people_v1 kPeople = {sizeof(dyad_people_v1), &people_signed_in, &people_may,
                                &people_may_see_unit,   &people_co_sign,   &people_last_error};

}  // namespace

const dyad_people_v1* people_service() {
    return &kPeople;
}

}  // namespace dyad::plugins
