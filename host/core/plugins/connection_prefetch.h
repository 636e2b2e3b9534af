// Start-up: the plugins' runtime connections opened ahead, on a second thread, while the main
// thread loads the plugins one by one. Opening a connection parses the practice's whole schema
// (about 1 ms each, eight shipped plugins); done meanwhile, it costs the start nothing.
//
// A connection taken from here is exactly what db::Connection::open made (the same pragmas,
// defensive mode, WAL); nothing is confined yet and no plugin has seen it. open_plugin_database
// installs the runtime policy, limits, budget and watchdog on the main thread before the
// plugin gets it, as for a connection it opens itself. Connections nobody took are closed when
// this is destroyed (the end of PluginManager::load_all); at most two are opened ahead of
// those taken. Thread-safe for one consumer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "db/connection.h"

namespace dyad::plugins {

class ConnectionPrefetch {
  public:
    // Starts opening up to `count` connections to the database at path through `vfs` (empty:
    // the default VFS), one after another, never more than two waiting to be taken. Without a
    // thread (the system refused one) take() returns none.
    ConnectionPrefetch(std::string path, std::string vfs, std::size_t count);
    ~ConnectionPrefetch();  // Stops after the open in progress, joins, closes what is left.
    ConnectionPrefetch(const ConnectionPrefetch&) = delete;
    ConnectionPrefetch& operator=(const ConnectionPrefetch&) = delete;

    // The next connection opened ahead, waiting for it if it is being opened; nullopt when
    // none is left or its open failed (the caller then opens one itself, and reports that
    // open's error as it would without prefetching).
    std::optional<db::Connection> take();

  private:
    void run();

    const std::string m_path;
    const std::string m_vfs;
    const std::size_t m_count;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::optional<db::Connection>> m_ready;  // Guarded by m_mutex.
    bool m_stop = false;                                // Guarded by m_mutex.
    bool m_done = false;                                // Guarded by m_mutex.
    std::thread m_thread;                               // Last: starts once the rest is set.
};

}  // namespace dyad::plugins
