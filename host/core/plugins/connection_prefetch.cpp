#include "plugins/connection_prefetch.h"

#include <system_error>
#include <utility>

namespace dyad::plugins {

namespace {
// Opened ahead of the plugins at most: enough to keep the thread ahead of the loading, few
// left to close when the last plugins were refused or disabled.
constexpr std::size_t kAhead = 2;
}  // namespace

ConnectionPrefetch::ConnectionPrefetch(std::string path, std::string vfs, std::size_t count)
    : m_path(std::move(path)), m_vfs(std::move(vfs)), m_count(count) {
    try {
        m_thread = std::thread([this] { run(); });
    } catch (const std::system_error&) {
        m_done = true;  // No thread: take() says none, each plugin opens its own.
    }
}

ConnectionPrefetch::~ConnectionPrefetch() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    m_ready.clear();  // Closes the connections nobody took.
}

void ConnectionPrefetch::run() {
    for (std::size_t i = 0; i < m_count; ++i) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop || m_ready.size() < kAhead; });
            if (m_stop) {
                break;
            }
        }
        std::optional<db::Connection> connection;
        try {
            if (auto opened = db::Connection::open(m_path, db::OpenMode::ReadWrite, m_vfs)) {
                connection = std::move(*opened);
            }
        } catch (const std::exception&) {
            // Out of memory: none here, the plugin opens its own and reports what happens.
        }
        std::lock_guard lock(m_mutex);
        m_ready.push_back(std::move(connection));
        m_changed.notify_all();
    }
    std::lock_guard lock(m_mutex);
    m_done = true;
    m_changed.notify_all();
}

std::optional<db::Connection> ConnectionPrefetch::take() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_ready.empty() || m_done; });
    if (m_ready.empty()) {
        return std::nullopt;
    }
    std::optional<db::Connection> next = std::move(m_ready.front());
    m_ready.pop_front();
    m_changed.notify_all();  // Room for the thread to open the next one.
    return next;
}

}  // namespace dyad::plugins
