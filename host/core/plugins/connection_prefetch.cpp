#include "plugins/connection_prefetch.h"

#include <utility>

namespace dyad::plugins {

ConnectionPrefetch::ConnectionPrefetch(std::string path, std::string vfs, std::size_t count)
    : m_path(std::move(path)), m_vfs(std::move(vfs)), m_count(count), m_thread([this] { run(); }) {}

ConnectionPrefetch::~ConnectionPrefetch() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_thread.join();
    m_ready.clear();  // Closes the connections nobody took.
}

void ConnectionPrefetch::run() {
    for (std::size_t i = 0; i < m_count; ++i) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) {
                break;
            }
        }
        auto opened = db::Connection::open(m_path, db::OpenMode::ReadWrite, m_vfs);
        std::lock_guard lock(m_mutex);
        m_ready.push_back(opened ? std::optional<db::Connection>(std::move(*opened))
                                 : std::nullopt);
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
    return next;
}

}  // namespace dyad::plugins
