/* Service "dyad.events/1": notifications from the host.
 * Callbacks run on the main thread; the event and its strings are valid during the callback.
 * Subscriptions end by unsubscribe() or, at the latest, before the plugin's destroy(). */
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_EVENTS_SERVICE "dyad.events/1"

enum {
    DYAD_EVENT_UNIT_SELECTED = 1,   /* unit_id: the selected unit, 0 when none. */
    DYAD_EVENT_RECORD_CHANGED = 2,  /* entity ("client", "unit", ...), record_id, change. */
    DYAD_EVENT_BEFORE_SHUTDOWN = 3, /* Last chance to save; the database is still open. */
    /* 1.1. A client was archived (entity "client", record_id, change "archived"), or a unit's
     * status was set (entity "unit", unit_id and record_id the unit, change the new status:
     * "active", "waitlist" or "discharged"). Sent after the write is committed, after its
     * RECORD_CHANGED. A 1.0 host answers subscribe() with 0 for it. */
    DYAD_EVENT_STATUS_CHANGED = 4
};

typedef struct dyad_event {
    uint32_t struct_size;
    uint32_t kind;
    int64_t unit_id;
    const char* entity; /* "" unless RECORD_CHANGED */
    int64_t record_id;
    const char* change; /* "create", "update", "delete" or ""; STATUS_CHANGED: see above */
} dyad_event;

typedef void (*dyad_event_callback)(void* user, const dyad_event* event);

typedef struct dyad_events_v1 {
    uint32_t struct_size;
    /* Returns a token > 0, or 0 when kind is unknown. */
    uint64_t (*subscribe)(const dyad_host* host, uint32_t kind, dyad_event_callback callback,
                          void* user);
    void (*unsubscribe)(const dyad_host* host, uint64_t token);
} dyad_events_v1;

#ifdef __cplusplus
}
#endif

#endif
