// What plugins contributed to the host: UI (panels, commands, settings pages) and dyadctl
// subcommands. Plain data plus the plugin's C callbacks; the GUI turns UI contributions into wx
// widgets. Strings are copies; callbacks and `user` belong to the plugin and are valid until it
// is destroyed, when remove_plugin() drops them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dyad/sdk.h"
#include "people/users.h"

namespace dyad::plugins {

struct PanelContribution {
    std::string plugin_id;
    std::string id;
    std::string title;
    std::uint32_t context = DYAD_PANEL_UNIT;
    std::int32_t order = 0;
    void* (*create)(void* user, void* parent) = nullptr;
    void (*show_unit)(void* user, void* window, std::int64_t unit_id) = nullptr;
    void (*refresh)(void* user, void* window) = nullptr;
    void* user = nullptr;
    std::uint32_t records = 0;  // DYAD_RECORDS_* it shows (SDK 1.1); 0: no client records.
    std::string unit_kinds;     // Unit kinds separated by spaces (SDK 1.1); "": every kind.
    int (*print)(void* user, void* window, int preview) = nullptr;  // SDK 1.1; NULL: none.
    std::string group;  // The side list's section (SDK 1.1: "chart", "imago" ...); "": none.

    // Whether a unit tab or Overview card applies to a unit of this kind.
    bool for_kind(const std::string& kind) const;
};

struct CommandContribution {
    std::string plugin_id;
    std::string id;
    std::string label;
    std::string menu;
    std::string shortcut;
    std::string help;
    std::int32_t order = 0;
    bool needs_unit = false;
    void (*run)(void* user, std::int64_t unit_id) = nullptr;
    void* user = nullptr;
    std::uint32_t records = 0;  // DYAD_RECORDS_* it reads or writes (SDK 1.1); 0: none.
};

struct SettingsPageContribution {
    std::string plugin_id;
    std::string id;
    std::string title;
    void* (*create)(void* user, void* parent) = nullptr;
    int (*apply)(void* user, void* window) = nullptr;
    void* user = nullptr;
};

struct CliContribution {
    std::string plugin_id;
    std::string name;
    std::string summary;
    std::string usage;
    int (*run)(void* user, int argc, const char* const* argv, const dyad_cli_io* io) = nullptr;
    void* user = nullptr;
};

struct Contributions {
    std::vector<PanelContribution> panels;
    std::vector<CommandContribution> commands;
    std::vector<SettingsPageContribution> settings_pages;
    std::vector<CliContribution> cli_commands;

    void remove_plugin(const std::string& plugin_id);
};

// The permission reading (write = false) or changing records of kind (DYAD_RECORDS_*) needs;
// nullopt for 0, an unknown kind, or writing the audit trail (nobody may).
std::optional<people::Permission> records_permission(std::uint32_t kind, bool write);

// Whether a panel or command that declares `records` is shown to the session: 0 (no client
// records) always; otherwise when the user may read that kind. An unknown kind is not shown.
bool shown_to(const people::Session& session, std::uint32_t records);

// Supplied by the GUI so that the ui service can reach the window. Unset in dyadctl.
struct UiHooks {
    std::function<void(const std::string& text)> set_status;
    std::function<void*()> main_window;
    std::function<std::int64_t()> selected_unit;
    std::function<bool(std::int64_t unit_id)> select_unit;
    // SDK 1.1: show the plugin's panels with this id ("": all of its panels) again; false when
    // none is on screen.
    std::function<bool(const std::string& plugin_id, const std::string& panel_id)> refresh_panels;
    // SDK 1.1: lock the window; false when nothing could unlock it.
    std::function<bool()> lock_window;
};

}  // namespace dyad::plugins
