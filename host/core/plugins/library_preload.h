// Start-up: loading, on another thread, the system libraries the last start's plugins linked
// (Poco, OpenSSL, poppler...) while the main thread builds the window, so that each plugin's
// own dlopen later finds them loaded and only relocates the plugin. Nothing of a plugin runs
// here: only libraries named by soname, resolved by the system's loader as the plugin's own
// dlopen would resolve them (docs/design.md, "Start-up").
//
// The list is the DT_NEEDED sonames of the plugins the last start admitted from an installed
// folder whose files name no library search path of their own (PluginManager::
// preloadable_libraries). Before anything is loaded the list is renamed "<list>.loading", and
// that file is removed once every library has loaded: if a start ends while preloading (a
// library that brings the process down, or a kill), the file stays and no later start
// preloads again (plugins then load one by one under the quarantine marks, as without a
// list) until someone deletes it.
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
// through a temporary file renamed over path.
Status write_preload_list(const std::string& path, const std::vector<std::string>& sonames);

class LibraryPreloader {
  public:
    LibraryPreloader() = default;
    ~LibraryPreloader();  // Waits for the thread.
    LibraryPreloader(const LibraryPreloader&) = delete;
    LibraryPreloader& operator=(const LibraryPreloader&) = delete;

    // Unless "<list_path>.loading" exists: renames the list to it, reads it, and loads each
    // soname (RTLD_LAZY | RTLD_LOCAL) on a new thread, which removes the file when done. A
    // soname that fails to load is skipped. False when a start was interrupted while
    // preloading (the ".loading" file was found). Call once.
    bool start(const std::string& list_path);
    // Blocks until the thread has finished; how many libraries it loaded. Safe without start.
    std::size_t wait();

  private:
    std::thread m_thread;
    std::size_t m_loaded = 0;  // Written by the thread, read after join.
};

}  // namespace dyad::plugins
