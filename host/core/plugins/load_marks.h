// Per-process marks of plugin loads, so that a plugin that crashes the process while loading is
// told apart from a process that was killed, ran out of memory, lost its session or is simply
// still starting next to this one.
//
// Each process keeps one mark file in the folder (a unique name), locked with flock() for as
// long as the process lives and removed when it ends normally. Before a plugin's code first runs
// the file says "loading <path>"; a crash signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
// SIGSYS) arriving while it says so is written into it by the process that still owns it
// ("crashed"), and the previous handler then runs. A file whose lock is free belongs to a process
// that ended: "crashed" means quarantine, "loading" means the process was ended from outside
// (SIGKILL cannot be caught), which is not the plugin's fault.
//
// The file is written once at full size when opened, so marking a load later overwrites blocks
// it already has and works on a full disk. Without a usable folder there are no marks: plugins
// still load, only crash detection is off (logged).
//
// On-disk format (text, 8192 bytes, padded with spaces): "dyad-load-mark 1\n", a state line
// "idle", "loading" or "crashed <signal>", a line with the start time (UTC, ISO 8601) and a line
// with the library's path.
//
// Thread: [main-thread]; the crash handler is async-signal-safe. One LoadMarks per process.
#pragma once

#include <string>
#include <vector>

namespace dyad::plugins {

struct EndedLoad {
    std::string path;        // The library that was loading.
    std::string started_at;  // UTC, ISO 8601.
    bool crashed = false;    // A crash signal while loading (else ended from outside).
    int signal = 0;          // The crash signal when crashed.
};

class LoadMarks {
  public:
    // Opens (creating the folder and file) and locks this process's mark. Never fails: see
    // usable().
    explicit LoadMarks(const std::string& folder);
    ~LoadMarks();  // Removes the mark file.
    LoadMarks(const LoadMarks&) = delete;
    LoadMarks& operator=(const LoadMarks&) = delete;

    bool usable() const { return m_fd >= 0; }

    // Marks of processes that have ended while loading a plugin; their files are removed (also
    // those of processes that ended idle). Marks of running processes are left alone.
    std::vector<EndedLoad> collect_ended();

    // Marks the start of loading path and installs the crash handlers; end() marks idle and
    // restores the previous handlers. Not nested.
    void begin(const std::string& path, const std::string& started_at);
    void end();

  private:
    std::string m_folder;
    std::string m_file;
    int m_fd = -1;
    bool m_active = false;
};

// Parses a mark file's text; false when it is not a mark (ignored, and removed when unlocked).
bool parse_load_mark(const std::string& text, std::string& state, EndedLoad& load);

}  // namespace dyad::plugins
