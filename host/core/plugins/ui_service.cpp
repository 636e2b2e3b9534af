// The dyad.ui/1 service: the plugin's panels, commands and settings pages, handed to the GUI
// as contributions, and the window hooks.
#include <cstddef>

#include "plugins/plugin_context.h"
#include "util/log.h"

namespace dyad::plugins {
namespace {

// Whether a description a plugin filled in reaches `field` (a field appended in a later 1.x).
template <class Desc, class Field>
bool present(const Desc* desc, Field Desc::*field) {
    const auto* base = reinterpret_cast<const unsigned char*>(desc);
    const auto* at = reinterpret_cast<const unsigned char*>(&(desc->*field));
    return desc->struct_size >= static_cast<std::size_t>(at - base) + sizeof(Field);
}
// ---- dyad.ui/1 -------------------------------------------------------------------------

int ui_add_panel(const dyad_host* host, const dyad_panel_desc* desc) {
    PluginContext& context = context_of(host);
    // SDK 1.0 descriptions end before `records`; later fields are read only when present.
    if (desc == nullptr || desc->struct_size < offsetof(dyad_panel_desc, records) ||
        !has_text(desc->id) || !has_text(desc->title) || desc->create == nullptr ||
        desc->context < DYAD_PANEL_UNIT || desc->context > DYAD_PANEL_UNIT_SUMMARY) {
        log_warning(context.plugin_id + ": a panel description was incomplete and was ignored");
        return DYAD_INVALID;
    }
    std::uint32_t records = present(desc, &dyad_panel_desc::records) ? desc->records : 0;
    std::string kinds =
        present(desc, &dyad_panel_desc::unit_kinds) ? text_or_empty(desc->unit_kinds) : "";
    auto print = present(desc, &dyad_panel_desc::print) ? desc->print : nullptr;
    std::string group = present(desc, &dyad_panel_desc::group) ? text_or_empty(desc->group) : "";
    context.contributions->panels.push_back(
        {context.plugin_id, desc->id, desc->title, desc->context, desc->order, desc->create,
         desc->show_unit, desc->refresh, desc->user, records, kinds, print, group});
    return DYAD_OK;
}

int ui_add_command(const dyad_host* host, const dyad_command_desc* desc) {
    PluginContext& context = context_of(host);
    if (desc == nullptr || desc->struct_size < offsetof(dyad_command_desc, records) ||
        !has_text(desc->id) || !has_text(desc->label) || desc->run == nullptr) {
        log_warning(context.plugin_id + ": a command description was incomplete and was ignored");
        return DYAD_INVALID;
    }
    context.contributions->commands.push_back(
        {context.plugin_id, desc->id, desc->label, has_text(desc->menu) ? desc->menu : "Tools",
         text_or_empty(desc->shortcut), text_or_empty(desc->help), desc->order,
         desc->needs_unit != 0, desc->run, desc->user,
         present(desc, &dyad_command_desc::records) ? desc->records : 0u});
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

int ui_refresh_panels(const dyad_host* host, const char* panel_id) {
    PluginContext& context = context_of(host);
    const UiHooks* hooks = context.ui_hooks;
    if (hooks == nullptr || !hooks->refresh_panels) {
        return DYAD_UNAVAILABLE;
    }
    return hooks->refresh_panels(context.plugin_id, text_or_empty(panel_id)) ? DYAD_OK
                                                                             : DYAD_NOT_FOUND;
}

int ui_lock_window(const dyad_host* host) {
    const UiHooks* hooks = context_of(host).ui_hooks;
    if (hooks == nullptr || !hooks->lock_window) {
        return DYAD_UNAVAILABLE;
    }
    return hooks->lock_window() ? DYAD_OK : DYAD_UNAVAILABLE;
}

const dyad_ui_v1 kUi = {
    sizeof(dyad_ui_v1), &ui_add_panel,     &ui_add_command, &ui_add_settings_page, &ui_set_status,
    &ui_main_window,    &ui_selected_unit, &ui_select_unit, &ui_refresh_panels,    &ui_lock_window};

}  // namespace

const dyad_ui_v1* ui_service() {
    return &kUi;
}

}  // namespace dyad::plugins
