// How the GUI was started. Filled from the command line by the app, directly by GUI tests.
#pragma once

#include <string>
#include <vector>

namespace dyad::app {

struct AppOptions {
    std::string data_dir;                            // Empty: ask (first run) or remember.
    std::vector<std::string> installed_plugin_dirs;  // The program's plugin folders.
    std::vector<std::string> user_plugin_dirs;       // Empty: <data_dir>/plugins.
    std::vector<std::string> installed_resource_dirs;
    bool exit_when_shown = false;  // Benchmarks: quit at the first idle.
};

}  // namespace dyad::app
