// Reads what the host needs to know about a plugin file before running any of its code: the
// libraries it links (DT_NEEDED), whether it names its own library search path, and whether
// its read-only data holds SQLite's file-format string (a copy of SQLite compiled in). Every offset
// is bounds-checked: a truncated or garbage file gives an error, never a crash.
#pragma once

#include <string>
#include <vector>

#include "util/error.h"
#include "util/reason.h"

namespace dyad::plugins {

struct ElfInfo {
    std::vector<std::string> needed;  // Sonames, in the order the file lists them.
    bool embeds_sqlite = false;
    bool own_search_path = false;  // DT_RPATH or DT_RUNPATH: it looks for libraries its own way.
};

Result<ElfInfo> inspect_elf(const std::string& path);

// Why a plugin's libraries mean a second SQLite in the process, or an empty reason when they do
// not. The system libsqlite3 (the host's own copy) is fine.
Reason second_sqlite_reason(const ElfInfo& info);

// The sonames a plugin file links that a start may load ahead of it (library_preload.h): none
// when the file names its own library search path (the system's search could load another
// copy than it would) or links a second SQLite.
std::vector<std::string> preloadable_needed(const ElfInfo& info);

// The plugin files in folder: its regular files named *.so (a link to one counts), by
// canonical path, sorted (the same order at every start). None when it is no folder.
std::vector<std::string> plugin_files(const std::string& folder);

}  // namespace dyad::plugins
