/* Service "dyad.core/1": typed reads and validated, audited writes of the core records the host
 * owns (clients, client units and their members).
 *
 * Reads hand records to a callback; the record and its strings are valid only during the
 * callback. Writes validate their input, write an audit entry naming the plugin, and emit a
 * "record changed" event; on DYAD_INVALID last_error() says which field is wrong, in words a
 * therapist understands (in the window's language where the host has them translated; English
 * in dyadctl). Reading a single client with get_client() is audited as a view.
 * Thread: [main-thread]. */
#ifndef DYAD_CORE_H
#define DYAD_CORE_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_CORE_SERVICE "dyad.core/1"

typedef struct dyad_unit_info {
    uint32_t struct_size;
    int64_t id;
    const char* uuid;
    const char* kind;         /* "individual", "couple", "family" or "group" */
    const char* display_name; /* e.g. "Ana & Ben Ortiz" */
    const char* status;       /* "active", "waitlist" or "discharged" */
    int64_t member_count;
} dyad_unit_info;

typedef struct dyad_client_info {
    uint32_t struct_size;
    int64_t id;
    const char* uuid;
    const char* given_name;
    const char* family_name;
    const char* preferred_name; /* "" when none */
    const char* pronouns;       /* "" when none */
    const char* date_of_birth;  /* "YYYY-MM-DD" or "" */
    const char* email;          /* "" when none */
    const char* phone;          /* "" when none */
    const char* status;         /* "active", "waitlist" or "discharged" */
} dyad_client_info;

typedef struct dyad_member_info {
    uint32_t struct_size;
    int64_t client_id;
    const char* role; /* "partner", "self", "parent", "child", "member" */
    const char* given_name;
    const char* family_name;
    /* 1.1 (read them only when struct_size covers them). The member's consent in this unit,
     * recorded by the therapist in the host: 1 when the practice may contact them (reminders,
     * letters, messages), 0 when it may not; 1 when what they tell the therapist alone may be
     * shared with their partner(s) in the unit, 0 (the default) when it may not. A plugin that
     * contacts members or shows one partner's entries to the other honours them. */
    int32_t may_contact;
    int32_t may_share_with_partner;
} dyad_member_info;

/* Fields for create_client. NULL or "" means "not given". */
typedef struct dyad_new_client {
    uint32_t struct_size;
    const char* given_name;  /* required */
    const char* family_name; /* required */
    const char* preferred_name;
    const char* pronouns;
    const char* date_of_birth; /* "YYYY-MM-DD" */
    const char* email;
    const char* phone;
    const char* status; /* NULL means "active" */
} dyad_new_client;

typedef struct dyad_appointment_info {
    uint32_t struct_size;
    int64_t id;
    const char* uuid;
    int64_t unit_id;
    const char* starts_at; /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    const char* ends_at;
    const char* session_type; /* "individual", "couple", "family", "group", "intake" */
    const char* location;     /* "" when none */
    int32_t telehealth;       /* 0 or 1 */
    const char* status;       /* "scheduled", "attended", "cancelled", "no_show" */
} dyad_appointment_info;

/* Fields for create_appointment. */
typedef struct dyad_new_appointment {
    uint32_t struct_size;
    int64_t unit_id;
    const char* starts_at; /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    const char* ends_at;
    const char* session_type;
    const char* location; /* NULL or "" for none */
    int32_t telehealth;
} dyad_new_appointment;

/* 1.1: one audit-trail entry of the plugin's own records (list_audit). */
typedef struct dyad_audit_entry {
    uint32_t struct_size;
    const char* at;     /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    const char* actor;  /* who: a user's name, "NAME via PLUGIN", or the practice's owner */
    const char* action; /* "create", "update", "delete", "view", "export" */
    const char* entity; /* as the plugin gave it to audit() (without "<plugin id>:") */
    int64_t record_id;
} dyad_audit_entry;

/* Visitor callbacks return 0 to go on, non-zero to stop early. */
typedef int (*dyad_unit_visitor)(void* user, const dyad_unit_info* unit);
typedef int (*dyad_member_visitor)(void* user, const dyad_member_info* member);
typedef void (*dyad_client_receiver)(void* user, const dyad_client_info* client);
typedef void (*dyad_unit_receiver)(void* user, const dyad_unit_info* unit);
typedef int (*dyad_appointment_visitor)(void* user, const dyad_appointment_info* appointment);
typedef int (*dyad_audit_visitor)(void* user, const dyad_audit_entry* entry);

typedef struct dyad_core_v1 {
    uint32_t struct_size;

    int (*get_unit)(const dyad_host* host, int64_t unit_id, dyad_unit_receiver receive, void* user);
    /* status: NULL for every status. search: NULL or a prefix of a name. */
    int (*list_units)(const dyad_host* host, const char* status, const char* search,
                      dyad_unit_visitor visit, void* user);
    int (*list_members)(const dyad_host* host, int64_t unit_id, dyad_member_visitor visit,
                        void* user);
    int (*get_client)(const dyad_host* host, int64_t client_id, dyad_client_receiver receive,
                      void* user);

    int (*create_client)(const dyad_host* host, const dyad_new_client* client, int64_t* out_id);
    /* kind as in dyad_unit_info; roles[i] is the role of client_ids[i]; display_name may be NULL
     * (the host derives one from the members' names). */
    int (*create_unit)(const dyad_host* host, const char* kind, const char* display_name,
                       const int64_t* client_ids, const char* const* roles, size_t count,
                       int64_t* out_id);
    /* Records in the audit log that the plugin exported a core record ("unit", "client"; an
     * entity with ':' is DYAD_INVALID since 1.1: the plugin's own records go through audit()
     * with "export") in a format (e.g. "fhir-r4"). */
    int (*record_export)(const dyad_host* host, const char* entity, int64_t record_id,
                         const char* format);

    const char* (*last_error)(const dyad_host* host);

    /* Replaces every field of the client with `client` (NULL or "" clears an optional field;
     * status NULL keeps "active"). Audited with the names of the changed fields. */
    int (*update_client)(const dyad_host* host, int64_t client_id, const dyad_new_client* client);
    /* Archives (never deletes) a client; archived clients leave the core_* views. */
    int (*archive_client)(const dyad_host* host, int64_t client_id);
    /* "active", "waitlist" or "discharged". */
    int (*set_unit_status)(const dyad_host* host, int64_t unit_id, const char* status);
    int (*create_appointment)(const dyad_host* host, const dyad_new_appointment* appointment,
                              int64_t* out_id);
    /* Appointments starting in [from, to) (UTC ISO times), ordered by start. */
    int (*list_appointments)(const dyad_host* host, const char* from, const char* to,
                             dyad_appointment_visitor visit, void* user);
    /* Writes an entry in the practice's audit log for one of the plugin's own records:
     * action "create", "update", "delete", "view" or "export"; entity a name of the plugin's
     * (e.g. "note"), stored as "<plugin id>:<entity>". Never pass client data. Asked inside
     * the plugin's own open transaction (dyad.db/1 begin), the entry is written when that
     * transaction commits and dropped when it rolls back (1.1; record_export likewise). */
    int (*audit)(const dyad_host* host, const char* action, const char* entity, int64_t record_id);
    /* Replaces an appointment's time, type, location and status (its unit stays). status is
     * "scheduled", "attended", "cancelled" or "no_show". */
    int (*update_appointment)(const dyad_host* host, int64_t appointment_id,
                              const dyad_new_appointment* appointment, const char* status);
    int (*get_appointment)(const dyad_host* host, int64_t appointment_id,
                           dyad_appointment_visitor receive, void* user);
    /* Checks client fields by the rules create_client applies, writing nothing: DYAD_OK, or
     * DYAD_INVALID with last_error() naming the field. For dry runs of imports and forms that
     * check as the user types. Not audited (nothing is read or written). */
    int (*check_client)(const dyad_host* host, const dyad_new_client* client);
    /* 1.1. The audit entries the plugin itself wrote (audit() above), newest first: of one
     * entity ("" or NULL: all of the plugin's), of one record (record_id 0: every record), at
     * most limit (1..1000; 0 means 100). Never another plugin's or the host's entries. Needs a
     * signed-in user who may read the audit trail: DYAD_DENIED otherwise (last_error says why).
     * Entries of the plugin's own open transaction appear once it commits. The entry and its
     * strings are valid during the visit. A 1.0 host has no such member (check struct_size). */
    int (*list_audit)(const dyad_host* host, const char* entity, int64_t record_id, int32_t limit,
                      dyad_audit_visitor visit, void* user);
    /* 1.1. Records a member's consent in a unit (dyad_member_info.may_contact and
     * may_share_with_partner; each 0 or 1, else DYAD_INVALID), as the therapist gave it in the
     * plugin's own form. Needs "core:units:write" and a user who may change demographics
     * (DYAD_DENIED). DYAD_NOT_FOUND when the client is not a member of that unit. Audited by
     * the host (ids and flags, no names); the same answers again change nothing. */
    int (*set_member_consent)(const dyad_host* host, int64_t unit_id, int64_t client_id,
                              int32_t may_contact, int32_t may_share_with_partner);
} dyad_core_v1;

#ifdef __cplusplus
}
#endif

#endif
