#include "util/log.h"

#include <iostream>

#include "util/ids.h"

namespace dyad {

namespace {
constexpr std::size_t kMaxLines = 2000;
}

const char* log_level_name(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "debug";
        case LogLevel::Info:
            return "info";
        case LogLevel::Warning:
            return "warning";
        case LogLevel::Error:
            return "error";
    }
    return "info";
}

Logger& Logger::instance() {
    static Logger logger;
    return logger;
}

void Logger::set_file(const std::string& path) {
    std::lock_guard lock(m_mutex);
    m_file.close();
    if (!path.empty()) {
        m_file.open(path, std::ios::app);
    }
}

void Logger::write(LogLevel level, const std::string& source, const std::string& message) {
    LogLine line{now_utc_iso(), level, source, message};
    std::function<void(const LogLine&)> listener;
    {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(line);
        if (m_lines.size() > kMaxLines) {
            m_lines.pop_front();
        }
        std::string text =
            line.time + " " + log_level_name(level) + " [" + source + "] " + message + "\n";
        if (m_file.is_open()) {
            m_file << text;
            m_file.flush();
        }
        if (m_echo) {
            std::cerr << text;
        }
        listener = m_listener;
    }
    if (listener) {
        listener(line);
    }
}

std::vector<LogLine> Logger::recent() const {
    std::lock_guard lock(m_mutex);
    return {m_lines.begin(), m_lines.end()};
}

void Logger::set_listener(std::function<void(const LogLine&)> listener) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(listener);
}

}  // namespace dyad
