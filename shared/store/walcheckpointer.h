#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace rd::sql {
class Database;
}

namespace rd::sql {

/**
 * Copies the write-ahead log back into the database file from a connection and a thread of its
 * own, and turns SQLite's automatic checkpoint off on @p writer, so that no write pays for a
 * checkpoint (the automatic one runs inside the COMMIT of whichever write crosses the threshold:
 * a push on the server, a tap or a pull page on a tablet). Passive checkpoints never block the
 * writer or the readers.
 */
class WalCheckpointer {
public:
    WalCheckpointer(Database &writer, std::chrono::milliseconds interval = std::chrono::milliseconds(250));
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    void run();

    std::string m_path;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace rd::sql
