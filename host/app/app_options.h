// How the GUI was started. Filled from the command line by the app, directly by GUI tests.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace dyad::plugins {
class LibraryPreloader;
}

namespace dyad::app {

struct AppOptions {
    std::string data_dir;                            // Empty: ask (first run) or remember.
    std::vector<std::string> installed_plugin_dirs;  // The program's plugin folders.
    std::vector<std::string> user_plugin_dirs;       // Empty: <data_dir>/plugins.
    std::vector<std::string> installed_resource_dirs;
    bool exit_when_shown = false;  // Benchmarks: quit at the first idle.
    // Lock after this long without keyboard or mouse input (issue 15); 0 reads the setting
    // "/security/lock_minutes" (default 10 minutes). Tests set seconds.
    std::chrono::seconds idle_lock{0};
    // Start-up only: the thread loading the last start's plugin libraries, waited for before
    // the plugins load, and the list file to write for the next start. Null/empty: neither.
    plugins::LibraryPreloader* preloader = nullptr;
    std::string preload_list;
};

}  // namespace dyad::app
