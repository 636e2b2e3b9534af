/* Extension "dyad.demo/1" (SDK 1.1): a plugin's part of the demo practice.
 *
 * `dyadctl demo` and the first start's "Open the Demo Practice" create made-up people, client
 * units and their appointments (weekly sessions over the last months and this week's), commit
 * them, and then ask every loaded and started plugin for this extension
 * (dyad_plugin.get_extension) and call seed() once, so that every tab of the demo shows real,
 * recent content: notes, plans, worksheets, dialogues, requests, billing.
 *  - seed() writes only the plugin's own tables (through dyad.db/1, confined as always) and
 *    reads the units and appointments through dyad.core/1. Make every date relative to today.
 *  - Wrap all writes in one transaction (dyad.db/1 begin/commit) and commit only on success:
 *    the host rolls back a transaction left open, but what a plugin committed stays even when
 *    it then returns an error. The host shows a failure with the plugin's name and reason (it
 *    logs only the name) and goes on; the demo opens without that plugin's part.
 *  - If the process is killed while plugins fill, the next `dyadctl demo` or start on the
 *    demo asks every plugin again: filling must skip what is already there.
 *  - Called only on a practice the host has just filled with the demo: never on real clients.
 *    A plugin that finds its tables already filled (a demo filled before) does nothing and
 *    returns DYAD_OK.
 * Thread: [main-thread]. Should take well under a second.
 */
#ifndef DYAD_DEMO_H
#define DYAD_DEMO_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_DEMO_EXTENSION "dyad.demo/1"

typedef struct dyad_demo_request {
    uint32_t struct_size;
    const char* today;       /* The local date the demo is made on, "YYYY-MM-DD". */
    const int64_t* unit_ids; /* The demo's client units, the couple to show first at [0]. */
    uint32_t unit_count;
} dyad_demo_request;

typedef struct dyad_demo_v1 {
    uint32_t struct_size;
    /* DYAD_OK, or another code after host->report_error() saying what failed. */
    int (*seed)(dyad_plugin* plugin, const dyad_demo_request* request);
} dyad_demo_v1;

#ifdef __cplusplus
}
#endif

#endif /* DYAD_DEMO_H */
