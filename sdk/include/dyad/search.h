/* Extension "dyad.search/1" (SDK 1.1): a plugin's text found by Dyad's search.
 *
 * Edit > Find in All Records (Ctrl+Shift+F) and `dyadctl search` ask every loaded plugin for
 * this extension (dyad_plugin.get_extension) and call search() with what the person typed.
 * The plugin answers from its own tables with hits, each tied to a client unit; the host then
 *  - asks only providers whose records kind the signed-in user may read (a biller's search
 *    never reaches notes),
 *  - asks for more than it shows (limit may be up to 5 times what it keeps), then drops hits
 *    of units the user does not reach (a therapist's caseload, whatever the kind) and of units
 *    that no longer exist or are archived,
 *  - keeps at most 50 hits per provider, cuts a title at 120 and a snippet at 240 bytes (on a
 *    character boundary), and refuses a hit that is not valid UTF-8,
 *  - shows the unit's name (the plugin does not name clients), and opens the unit and
 *    panel_id when the person picks a hit.
 * The query is what a person typed (1 to 200 bytes of UTF-8, trimmed): treat it as text, never
 * as SQL or an FTS expression (quote it, or bind it to LIKE with escapes). It is client data:
 * never log it.
 * Thread: [main-thread]. A search should answer in well under 100 ms on a large practice:
 * use an index (FTS5 in your tables) rather than a scan.
 */
#ifndef DYAD_SEARCH_H
#define DYAD_SEARCH_H

#include "people.h"
#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_SEARCH_EXTENSION "dyad.search/1"

typedef struct dyad_search_hit {
    uint32_t struct_size;
    int64_t unit_id;      /* the client unit the text belongs to */
    const char* title;    /* what was found, e.g. "Progress note, 2026-11-30"; no client name */
    const char* snippet;  /* the text around the match, or "" */
    const char* panel_id; /* the plugin's unit tab to open with the unit, or NULL/"" */
} dyad_search_hit;

/* Returns 0 to go on, non-zero to stop (the host has enough). The hit and its strings need to
 * live only during the call. */
typedef int (*dyad_search_visitor)(void* user, const dyad_search_hit* hit);

typedef struct dyad_search_provider_v1 {
    uint32_t struct_size;
    /* The kind of record the searched text is (DYAD_RECORDS_* in people.h, e.g. CLINICAL for
     * notes). Required: a provider with 0 or an unknown kind is never asked. */
    uint32_t records;
    /* The heading of this provider's hits ("Notes", "Temperature readings"). */
    const char* label;
    /* Calls visit for up to limit hits for query, best first. DYAD_OK, or DYAD_ERROR (the hits
     * visited so far are kept; the host tells the person this provider failed). */
    int (*search)(const dyad_plugin* plugin, const char* query, int32_t limit,
                  dyad_search_visitor visit, void* user);
} dyad_search_provider_v1;

#ifdef __cplusplus
}
#endif

#endif /* DYAD_SEARCH_H */
