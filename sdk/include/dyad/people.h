/* Service "dyad.people/1" (SDK 1.1): who is signed in, and what they may see.
 *
 * A practice has users with roles (owner, therapist, supervisor, biller, front desk). The host
 * enforces the roles on what it owns (core records, the navigator, exports, backups, plugin
 * management) and hides a plugin's panels and commands that declare a record kind the user may
 * not read (dyad_panel_desc.records, dyad_command_desc.records). Everything else a plugin shows
 * or does is the plugin's to check here: a biller never sees a note's text, the front desk
 * never sees a Workup. A practice without users is a single-user practice: its one person is
 * the owner and may do everything.
 *
 * In a practice with users, nobody is signed in while plugins are created and started (the
 * sign-in follows): then signed_in() reports id -1 and role "", and may() and may_see_unit()
 * answer 0. After the sign-in the user does not change while the plugin lives (the lock screen
 * lets only the same user back in), so answers may be cached for the life of a window, never
 * in create() or start().
 * Served by the GUI and dyadctl (hosts that provide SDK 1.1 or later).
 * Thread: [main-thread]. */
#ifndef DYAD_PEOPLE_H
#define DYAD_PEOPLE_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_PEOPLE_SERVICE "dyad.people/1"

/* Kinds of record a permission covers. 0 in a panel or command description means "no client
 * records" (shown to everyone). */
enum {
    DYAD_RECORDS_DEMOGRAPHICS = 1, /* names, contact details, units and their members */
    DYAD_RECORDS_SCHEDULE = 2,     /* appointments: time, place, kind; never note text */
    DYAD_RECORDS_CLINICAL = 3,     /* notes, plans, diagnoses, Workups, dialogues, requests,
                                      measures: anything about the therapy itself */
    DYAD_RECORDS_BILLING = 4,      /* charges, payments, claims, statements */
    DYAD_RECORDS_AUDIT = 5         /* the audit trail */
};

enum {
    DYAD_ACCESS_READ = 1,
    DYAD_ACCESS_WRITE = 2,
    DYAD_ACCESS_CO_SIGN = 3 /* a supervisor's co-signature (DYAD_RECORDS_CLINICAL only) */
};

typedef struct dyad_user_info {
    uint32_t struct_size;
    int64_t id;       /* 0 in a single-user practice (no users set up): its owner; -1 before
                         anyone has signed in */
    const char* name; /* "" in a single-user practice and before the sign-in */
    const char* role; /* "owner", "therapist", "supervisor", "biller" or "front_desk"; "" before
                         the sign-in */
} dyad_user_info;

typedef void (*dyad_user_receiver)(void* user, const dyad_user_info* info);

typedef struct dyad_people_v1 {
    uint32_t struct_size;
    /* Hands the signed-in user to receive (valid during the call). DYAD_OK. */
    int (*signed_in)(const dyad_host* host, dyad_user_receiver receive, void* user);
    /* 1 when the signed-in user may read (DYAD_ACCESS_READ), change (DYAD_ACCESS_WRITE) or
     * co-sign (DYAD_ACCESS_CO_SIGN) records of kind (DYAD_RECORDS_*), else 0 (also for an
     * unknown kind or access). Caseloads are asked separately (may_see_unit). */
    int (*may)(const dyad_host* host, uint32_t kind, uint32_t access);
    /* 1 when the user's clinical permissions reach the unit: a therapist's caseload, a
     * supervisor's and their supervisees' caseloads, every unit for the owner. 0 otherwise or
     * when the unit does not exist. Demographics and schedule are not limited by caseload. */
    int (*may_see_unit)(const dyad_host* host, int64_t unit_id);
    /* Records a co-signature by the signed-in user on one of the plugin's records (entity as in
     * dyad_core_v1.audit, e.g. "note") of the unit: an audit entry "co-sign" naming the user.
     * Writes the UTC time it recorded ("YYYY-MM-DDTHH:MM:SSZ" and a NUL) into out_time[21]
     * (may be NULL) so the plugin can store who and when with its record. DYAD_DENIED (with
     * last_error) unless the user may co-sign and may see the unit. */
    int (*co_sign)(const dyad_host* host, const char* entity, int64_t record_id, int64_t unit_id,
                   char out_time[21]);
    /* Why the last call failed; owned by the host, valid until the next call. */
    const char* (*last_error)(const dyad_host* host);
} dyad_people_v1;

#ifdef __cplusplus
}
#endif

#endif
