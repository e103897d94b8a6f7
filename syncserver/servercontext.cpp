#include "servercontext.h"

#include <chrono>

namespace rd::server {

Millis systemNowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ServerContext::ServerContext(const std::string &databasePath, ServerOptions options)
    : m_options(std::move(options))
    , m_store(databasePath)
    , m_hub(m_store)
    , m_tokens(m_store.database(), m_options.accessTtlSeconds * 1000, m_options.refreshTtlSeconds * 1000)
    , m_readConnections(databasePath)
    , m_clock(systemNowMillis)
{
    if (databasePath != ":memory:") // checkpoints off the request path
        m_checkpointer = std::make_unique<sql::WalCheckpointer>(m_store.database());
}

ReadConnections::Lease::~Lease()
{
    std::lock_guard lock(m_pool.m_mutex);
    m_pool.m_free.push_back(std::move(m_slot));
}

ReadConnections::Lease ReadConnections::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            auto slot = std::move(m_free.back());
            m_free.pop_back();
            return Lease(*this, std::move(slot));
        }
    }
    return Lease(*this, std::make_unique<Slot>(m_path)); // opened outside the pool's lock
}

} // namespace rd::server
