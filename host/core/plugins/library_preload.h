// Start-up: loading, on another thread, the system libraries the last start's plugins linked
// (Poco, OpenSSL, poppler...) while the main thread builds the window, so that each plugin's
// own dlopen later finds them loaded and only relocates the plugin. Nothing of a plugin runs
// here: only libraries named by soname, resolved by the system's loader as the plugin's own
// dlopen would resolve them (docs/design.md, "Start-up").
//
// The list is the DT_NEEDED sonames of the plugins the last start admitted from an installed
// folder whose files name no library search path of their own (PluginManager::
// preloadable_libraries). It lives in the user's configuration, so it only chooses: a soname
// is loaded only if a plugin file in an installed folder (root's, in a package) links it now,
// and that file names no search path of its own and no second SQLite.
//
// Before anything is loaded the list is renamed "<list>.loading", and that file is removed
// once every library has loaded. A start that finds it (one crashed or was killed while
// preloading, or another is preloading at this moment) does not preload; its good start
// writes the list again, which removes the ".loading" file and turns preloading back on.
#pragma once

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "util/error.h"

namespace dyad::plugins {

// A soname the list may hold: "lib" + letters, digits, ".", "_", "-", "+", containing ".so",
// at most 128 characters; no "/" (never a path).
bool is_plain_soname(std::string_view name);

// The list at path, one soname per line. Absent, unreadable, larger than 16 KiB, more than 256
// lines, or any line not a plain soname: an empty list (the start is only slower).
std::vector<std::string> read_preload_list(const std::string& path);

// Writes the list (sorted, without duplicates; sonames that are not plain are left out)
// through a temporary file renamed over path, and removes "<path>.loading" (preloading on).
Status write_preload_list(const std::string& path, const std::vector<std::string>& sonames);

class LibraryPreloader {
  public:
    LibraryPreloader() = default;
    ~LibraryPreloader();  // Waits for the thread.
    LibraryPreloader(const LibraryPreloader&) = delete;
    LibraryPreloader& operator=(const LibraryPreloader&) = delete;

    // Unless "<list_path>.loading" exists: renames the list to it, reads it, and on a new
    // thread loads each soname (RTLD_LAZY | RTLD_LOCAL) that a plugin file in
    // installed_plugin_folders links, then removes the file. A soname that fails to load is
    // skipped; no thread (the system refused one): nothing is preloaded and the list stays.
    // False when the ".loading" file was found. Call once.
    bool start(const std::string& list_path, std::vector<std::string> installed_plugin_folders);
    // Blocks until the thread has finished; how many libraries it loaded. Safe without start.
    std::size_t wait();

  private:
    std::thread m_thread;
    std::size_t m_loaded = 0;  // Written by the thread, read after join.
};

}  // namespace dyad::plugins
