// The plugins' part of the demo practice (SDK 1.1 "dyad.demo/1", sdk/include/dyad/demo.h).
//
// Called once, right after the host committed the demo's people, units and appointments: each
// loaded and started plugin with a demo seeder fills its own tables, in load order. A plugin
// that fails (an error code, or a transaction left open, which is rolled back) is reported by
// name with what it said; the others go on. Nothing of a plugin's part is logged but its name.
// Thread: [main-thread]. No wx.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/plugin_manager.h"

namespace dyad::plugins {

struct DemoReport {
    std::vector<std::string> filled;    // The names of the plugins that filled their part.
    std::vector<std::string> problems;  // In the window's language (English in dyadctl).
};

// today: "YYYY-MM-DD"; units: the demo's client units, the couple to show first at [0].
DemoReport seed_plugin_demos(PluginManager& manager, const std::string& today,
                             const std::vector<std::int64_t>& units);

// The local date now, "YYYY-MM-DD" (the day the demo's dates are relative to).
std::string local_today();

}  // namespace dyad::plugins
