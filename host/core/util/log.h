// The host log: a bounded in-memory ring (for the Log window) plus an optional file.
// Messages must never contain client data. Thread: any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace dyad {

enum class LogLevel { Debug = 1, Info, Warning, Error };

struct LogLine {
    std::string time;
    LogLevel level = LogLevel::Info;
    std::string source;  // "host" or a plugin id.
    std::string message;
};

const char* log_level_name(LogLevel level);

class Logger {
  public:
    static Logger& instance();

    // Appends to path from now on (created if missing). Empty path: no file.
    void set_file(const std::string& path);
    void set_echo_to_stderr(bool echo) { m_echo = echo; }
    void write(LogLevel level, const std::string& source, const std::string& message);
    std::vector<LogLine> recent() const;
    // Called (on the writing thread) for every new line; the GUI marshals to the main thread.
    void set_listener(std::function<void(const LogLine&)> listener);

  private:
    mutable std::mutex m_mutex;
    std::deque<LogLine> m_lines;
    std::ofstream m_file;
    bool m_echo = false;
    std::function<void(const LogLine&)> m_listener;
};

inline void log_info(const std::string& message) {
    Logger::instance().write(LogLevel::Info, "host", message);
}
inline void log_warning(const std::string& message) {
    Logger::instance().write(LogLevel::Warning, "host", message);
}
inline void log_error(const std::string& message) {
    Logger::instance().write(LogLevel::Error, "host", message);
}

}  // namespace dyad
