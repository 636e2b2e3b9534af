#include "plugins/library_preload.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "plugins/elf_inspect.h"

namespace dyad::plugins {

namespace {
constexpr std::size_t kMaxListBytes = 16 * 1024;
constexpr std::size_t kMaxListLines = 256;
constexpr std::size_t kMaxSonameLength = 128;
}  // namespace

bool is_plain_soname(std::string_view name) {
    if (name.size() < 6 || name.size() > kMaxSonameLength || name.substr(0, 3) != "lib" ||
        name.find(".so") == std::string_view::npos) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-' || c == '+';
    });
}

std::vector<std::string> read_preload_list(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {};
    }
    std::string text(kMaxListBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxListBytes) {
        return {};
    }
    std::vector<std::string> sonames;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) {
            continue;
        }
        if (!is_plain_soname(line) || sonames.size() == kMaxListLines) {
            return {};
        }
        sonames.push_back(line);
    }
    return sonames;
}

Status write_preload_list(const std::string& path, const std::vector<std::string>& sonames) {
    std::vector<std::string> kept;
    for (const auto& name : sonames) {
        if (is_plain_soname(name)) {
            kept.push_back(name);
        }
    }
    std::sort(kept.begin(), kept.end());
    kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
    if (kept.size() > kMaxListLines) {
        kept.resize(kMaxListLines);
    }
    std::string temporary = path + ".new." + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        for (const auto& name : kept) {
            out << name << '\n';
        }
        out.close();
        if (!out) {
            std::remove(temporary.c_str());
            return fail(ErrorCode::Io, "cannot write the start-up library list " + temporary);
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return fail(ErrorCode::Io, "cannot replace the start-up library list " + path);
    }
    ::unlink((path + ".loading").c_str());  // A good start: preloading is on again.
    return ok();
}

LibraryPreloader::~LibraryPreloader() {
    wait();
}

namespace {

// The sonames the plugin files in folders link that may be loaded ahead (elf_inspect.h).
std::set<std::string> installed_plugin_libraries(const std::vector<std::string>& folders) {
    std::set<std::string> sonames;
    for (const auto& folder : folders) {
        for (const auto& path : plugin_files(folder)) {
            if (auto elf = inspect_elf(path)) {
                auto needed = preloadable_needed(*elf);
                sonames.insert(needed.begin(), needed.end());
            }
        }
    }
    return sonames;
}

}  // namespace

bool LibraryPreloader::start(const std::string& list_path,
                             std::vector<std::string> installed_plugin_folders) {
    if (m_thread.joinable()) {
        return true;  // Started already.
    }
    std::string loading = list_path + ".loading";
    if (::access(loading.c_str(), F_OK) == 0) {
        return false;  // A start ended while preloading: not this time.
    }
    // Renamed before the first library loads: if this start ends before they all have, the
    // next one finds ".loading" and does not preload.
    if (std::rename(list_path.c_str(), loading.c_str()) != 0) {
        return true;  // No list yet (a first start): nothing to preload.
    }
    std::vector<std::string> sonames = read_preload_list(loading);
    try {
        m_thread = std::thread([this, loading, sonames = std::move(sonames),
                                folders = std::move(installed_plugin_folders)] {
            std::size_t loaded = 0;
            try {
                // Only what an installed plugin file links now: the list chooses among them.
                std::set<std::string> linked = installed_plugin_libraries(folders);
                for (const auto& name : sonames) {
                    // Kept loaded for the process's life, like the plugins that link it.
                    if (linked.count(name) != 0 &&
                        dlopen(name.c_str(), RTLD_LAZY | RTLD_LOCAL) != nullptr) {
                        ++loaded;
                    }
                }
            } catch (const std::exception&) {
                // Out of memory: the plugins load their libraries themselves.
            }
            ::unlink(loading.c_str());
            m_loaded = loaded;
        });
    } catch (const std::system_error&) {
        std::rename(loading.c_str(), list_path.c_str());  // No thread: as if never started.
    }
    return true;
}

std::size_t LibraryPreloader::wait() {
    if (m_thread.joinable()) {
        m_thread.join();
    }
    return m_loaded;
}

}  // namespace dyad::plugins
