/* Service "dyad.ui/1": the plugin's place in the window. Served only by the GUI host, and only
 * to plugins whose ABI tag names the host's wx version; dyadctl returns NULL for it, so a
 * plugin must work without it.
 *
 * The host owns placement: a plugin describes panels, commands and settings pages; the host
 * decides where they go (a tab for the selected client unit, a window opened from the View
 * menu for practice views, a card on the Home dashboard, a menu item, a page in Settings).
 * Windows cross as void* that are wxWindow*. A window created by create() is a child of the
 * parent passed in and is owned and destroyed by the host, always before the plugin's
 * destroy(). Descriptions are copied by the host; `user` must stay valid until destroy().
 * Thread: [main-thread]. */
#ifndef DYAD_UI_H
#define DYAD_UI_H

#include "people.h"
#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_UI_SERVICE "dyad.ui/1"

enum {
    DYAD_PANEL_UNIT = 1,      /* A tab shown for the selected client unit. */
    DYAD_PANEL_PRACTICE = 2,  /* A practice-level view, opened from the View menu. */
    DYAD_PANEL_DASHBOARD = 3, /* A card on the Home dashboard. */
    /* 1.1. A card on the selected unit's Overview: what the plugin knows of the unit at a
     * glance (show_unit as for a tab). At most 360 pixels wide; taller text wraps. */
    DYAD_PANEL_UNIT_SUMMARY = 4
};

typedef struct dyad_panel_desc {
    uint32_t struct_size;
    const char* id;    /* Unique within the plugin. */
    const char* title; /* Tab, window or card title. */
    uint32_t context;  /* DYAD_PANEL_* */
    int32_t order;     /* Lower comes first among panels of the same context. */
    /* Returns a new wxWindow* whose parent is `parent` (a wxWindow*), or NULL on failure. */
    void* (*create)(void* user, void* parent);
    /* Unit panels: the selected unit changed (0: none). Optional (NULL) for other contexts. */
    void (*show_unit)(void* user, void* window, int64_t unit_id);
    /* Dashboard cards and practice views: the data may have changed. Optional. */
    void (*refresh)(void* user, void* window);
    void* user;
    /* 1.1. The kind of client records the panel shows (DYAD_RECORDS_* in people.h), 0 for
     * none: the host creates it only for a signed-in user who may read that kind. */
    uint32_t records;
    /* 1.1. Unit tabs and Overview cards: the unit kinds they apply to, separated by spaces
     * ("couple", "couple family"); NULL or "" for every kind. For a unit of another kind the
     * tab is hidden (the card too) and show_unit is not called for it. */
    const char* unit_kinds;
    /* 1.1. File > Print (Ctrl+P) and File > Print Preview while this unit tab is shown (or, for
     * an Overview card, while the Overview is: the first card in order that prints): the plugin
     * prints its document of what the window shows through the desktop's print dialog
     * (preview != 0: a print preview instead). Returns DYAD_OK (printed, cancelled, or the
     * plugin told the person what failed), DYAD_NOT_FOUND when there is nothing to print now
     * (the host says so), DYAD_ERROR otherwise. NULL: the menu items are disabled here. */
    int (*print)(void* user, void* window, int preview);
    /* 1.1. Unit tabs: the section of the side list the tab stands in. The host names these:
     * "chart" (notes, plans, diagnoses, measures), "imago" (the couple's exercises: worksheets,
     * dialogues, requests), "billing", "contact" (messages, reminders). Any other text is a
     * section of its own with that text as its title (already in the person's language); NULL
     * or "": a tab of its own after the sections. Read only when struct_size covers it. */
    const char* group;
} dyad_panel_desc;

typedef struct dyad_command_desc {
    uint32_t struct_size;
    const char* id;       /* Unique within the plugin. */
    const char* label;    /* Menu label, e.g. "Say &hello". */
    const char* menu;     /* "File", "Edit", "View", "Client", "Session", "Tools" or "Help". */
    const char* shortcut; /* e.g. "Ctrl+Shift+H", or NULL. Clashes are dropped and logged. */
    const char* help;     /* Status bar help, or NULL. */
    int32_t order;
    uint32_t needs_unit; /* Non-zero: enabled only while a client unit is selected. */
    void (*run)(void* user, int64_t selected_unit_id);
    void* user;
    /* 1.1. The kind of client records the command reads or writes (DYAD_RECORDS_*), 0 for
     * none: the host shows it only to a signed-in user who may read that kind. */
    uint32_t records;
} dyad_command_desc;

typedef struct dyad_settings_page_desc {
    uint32_t struct_size;
    const char* id;
    const char* title;
    void* (*create)(void* user, void* parent);
    /* Saves what the page shows. Returns DYAD_OK or DYAD_INVALID after report_error(). */
    int (*apply)(void* user, void* window);
    void* user;
} dyad_settings_page_desc;

typedef struct dyad_ui_v1 {
    uint32_t struct_size;
    int (*add_panel)(const dyad_host* host, const dyad_panel_desc* panel);
    int (*add_command)(const dyad_host* host, const dyad_command_desc* command);
    int (*add_settings_page)(const dyad_host* host, const dyad_settings_page_desc* page);
    /* Shows text in the status bar for a few seconds. No client data. */
    void (*set_status)(const dyad_host* host, const char* text);
    /* The main window (a wxWindow*), as a parent for the plugin's dialogs. */
    void* (*main_window)(const dyad_host* host);
    /* The selected client unit, 0 when none. */
    int64_t (*selected_unit)(const dyad_host* host);
    /* Selects a client unit in the navigator (widening its filter when needed), as a click
     * would; the unit's tabs then show it. DYAD_NOT_FOUND when there is no such unit. */
    int (*select_unit)(const dyad_host* host, int64_t unit_id);
    /* 1.1. Asks the host to show the plugin's own panels again: those with id panel_id (NULL:
     * all of the plugin's). Unit tabs and Overview cards get show_unit with the selected unit,
     * Home cards refresh (practice views are not refreshed by it). On the main thread, not from
     * inside a panel's own show_unit or refresh (refused); DYAD_NOT_FOUND when the plugin has
     * no such panel on screen, DYAD_UNAVAILABLE without a window (dyadctl). */
    int (*refresh_panels)(const dyad_host* host, const char* panel_id);
    /* 1.1. Locks the window as File > Lock does: client data hidden until the signed-in user
     * (or the practice's passphrase) unlocks it. For a plugin's client-facing screen handing
     * back to the therapist. DYAD_UNAVAILABLE without a window or where nothing can unlock it
     * (a practice with neither users nor a passphrase). */
    int (*lock_window)(const dyad_host* host);
} dyad_ui_v1;

#ifdef __cplusplus
}
#endif

#endif
