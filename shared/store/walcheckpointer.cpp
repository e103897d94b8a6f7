#include "walcheckpointer.h"

#include "database.h"

#include <iostream>

namespace rd::sql {

WalCheckpointer::WalCheckpointer(Database &writer, std::chrono::milliseconds interval)
    : m_path(writer.path())
    , m_interval(interval)
{
    writer.exec("PRAGMA wal_autocheckpoint=0");
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::run()
{
    try {
        sql::Database db(m_path);
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            // A periodic duty, not a synchronisation: woken early only to stop.
            m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
            lock.unlock();
            try {
                db.exec("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (const std::exception &e) {
                std::cerr << "releasedesk: checkpoint of " << m_path << ": " << e.what() << std::endl; // tried again next time
            }
            lock.lock();
        }
    } catch (const std::exception &e) {
        std::cerr << "releasedesk: checkpoints of " << m_path << " stopped: " << e.what() << std::endl;
    }
}

} // namespace rd::sql
