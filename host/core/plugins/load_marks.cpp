#include "plugins/load_marks.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "util/log.h"

namespace dyad::plugins {
namespace {

constexpr std::size_t kMarkSize = 8192;
constexpr const char kHeader[] = "dyad-load-mark 1\n";
constexpr std::size_t kStateOffset = sizeof(kHeader) - 1;
constexpr std::size_t kStateWidth = 12;  // The state line without its newline.
constexpr std::array<int, 6> kCrashSignals = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS};

// The crash handler's whole world: set before a load begins, read in the handler.
int g_mark_fd = -1;
volatile std::sig_atomic_t g_loading = 0;
std::array<struct sigaction, kCrashSignals.size()> g_previous{};

void on_crash_signal(int signal) {
    if (g_loading != 0 && g_mark_fd >= 0) {
        char state[kStateWidth] = {'c', 'r', 'a', 's', 'h', 'e', 'd', ' ', '0', '0', ' ', ' '};
        state[8] = static_cast<char>('0' + (signal / 10) % 10);
        state[9] = static_cast<char>('0' + signal % 10);
        (void)!pwrite(g_mark_fd, state, sizeof state, static_cast<off_t>(kStateOffset));
        g_loading = 0;
    }
    // Hand the signal to whoever had it before (the default: end the process; or a sanitizer).
    for (std::size_t i = 0; i < kCrashSignals.size(); ++i) {
        if (kCrashSignals[i] == signal) {
            sigaction(signal, &g_previous[i], nullptr);
        }
    }
    raise(signal);  // Pending until this handler returns, then delivered to the previous one.
}

std::string mark_text(const std::string& state, const std::string& started_at,
                      const std::string& path) {
    std::string text = kHeader;
    text += state;
    text.append(kStateWidth - std::min(kStateWidth, state.size()), ' ');
    text += '\n';
    text += started_at + '\n';
    text += path.substr(0, kMarkSize - 100) + '\n';
    text.resize(kMarkSize, ' ');
    return text;
}

bool write_all(int fd, const std::string& text) {
    return pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size());
}

std::string trim_right(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) {
        text.pop_back();
    }
    return text;
}

}  // namespace

bool parse_load_mark(const std::string& text, std::string& state, EndedLoad& load) {
    if (text.compare(0, kStateOffset, kHeader) != 0) {
        return false;
    }
    std::istringstream lines(text.substr(kStateOffset));
    std::string state_line;
    std::string started;
    std::string path;
    if (!std::getline(lines, state_line) || !std::getline(lines, started) ||
        !std::getline(lines, path)) {
        return false;
    }
    state_line = trim_right(state_line);
    load.started_at = trim_right(started);
    load.path = trim_right(path);
    load.crashed = false;
    load.signal = 0;
    if (state_line == "idle" || state_line == "loading") {
        state = state_line;
        return true;
    }
    if (state_line.size() == 10 && state_line.compare(0, 8, "crashed ") == 0 &&
        std::isdigit(static_cast<unsigned char>(state_line[8])) != 0 &&
        std::isdigit(static_cast<unsigned char>(state_line[9])) != 0) {
        state = "crashed";
        load.crashed = true;
        load.signal = (state_line[8] - '0') * 10 + (state_line[9] - '0');
        return true;
    }
    return false;
}

LoadMarks::LoadMarks(const std::string& folder) : m_folder(folder) {
    if (folder.empty()) {
        return;
    }
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    std::string name = folder + "/load-XXXXXX";
    int fd = mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        log_warning("plugin load marks are off (cannot create a file in " + folder +
                    "); a plugin crashing Dyad while loading will not be quarantined");
        return;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0 || !write_all(fd, mark_text("idle", "", ""))) {
        log_warning("plugin load marks are off (cannot write " + name +
                    ", the disk may be full); a plugin crashing Dyad while loading will not be "
                    "quarantined");
        unlink(name.c_str());
        close(fd);
        return;
    }
    m_fd = fd;
    m_file = name;
}

LoadMarks::~LoadMarks() {
    if (m_fd >= 0) {
        end();
        unlink(m_file.c_str());
        close(m_fd);
    }
}

std::vector<EndedLoad> LoadMarks::collect_ended() {
    std::vector<EndedLoad> ended;
    if (m_folder.empty()) {
        return ended;
    }
    std::error_code error;
    std::filesystem::directory_iterator it(m_folder, error);
    int seen = 0;
    for (; !error && it != std::filesystem::directory_iterator() && seen < 1000;
         it.increment(error), ++seen) {
        std::string file = it->path().string();
        if (file == m_file || it->path().filename().string().rfind("load-", 0) != 0) {
            continue;
        }
        int fd = open(file.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        if (fd < 0) {
            continue;
        }
        struct stat status {};
        // A held lock: its process is running (perhaps loading right now). Unlinked meanwhile:
        // another process collected it.
        if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &status) != 0 ||
            !S_ISREG(status.st_mode) || status.st_nlink == 0) {
            close(fd);
            continue;
        }
        std::string text(kMarkSize, '\0');
        ssize_t got = pread(fd, text.data(), text.size(), 0);
        text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
        std::string state;
        EndedLoad load;
        if (parse_load_mark(text, state, load) && state != "idle") {
            ended.push_back(load);
        }
        unlink(file.c_str());
        close(fd);
    }
    return ended;
}

void LoadMarks::begin(const std::string& path, const std::string& started_at) {
    if (m_fd < 0) {
        return;
    }
    (void)write_all(m_fd, mark_text("loading", started_at, path));
    g_mark_fd = m_fd;
    struct sigaction action {};
    action.sa_handler = on_crash_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    for (std::size_t i = 0; i < kCrashSignals.size(); ++i) {
        sigaction(kCrashSignals[i], &action, &g_previous[i]);
    }
    g_loading = 1;
    m_active = true;
}

void LoadMarks::end() {
    if (!m_active) {
        return;
    }
    m_active = false;
    g_loading = 0;
    for (std::size_t i = 0; i < kCrashSignals.size(); ++i) {
        sigaction(kCrashSignals[i], &g_previous[i], nullptr);
    }
    (void)write_all(m_fd, mark_text("idle", "", ""));
}

}  // namespace dyad::plugins
