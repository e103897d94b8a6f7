#include "sessionregistry.h"

#include <vector>

namespace rd::server {

void SessionRegistry::add(const std::shared_ptr<StoppableSession> &session)
{
    bool stopNow = false;
    {
        std::lock_guard lock(m_mutex);
        m_sessions.emplace(session.get(), session);
        stopNow = m_stopping;
    }
    // A connection accepted just as the stop began must not keep the server waiting.
    if (stopNow)
        session->stop();
}

void SessionRegistry::remove(const StoppableSession *session)
{
    std::lock_guard lock(m_mutex);
    m_sessions.erase(session);
    if (m_sessions.empty())
        m_emptied.notify_all();
}

void SessionRegistry::stopAll()
{
    std::vector<std::shared_ptr<StoppableSession>> alive;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (const auto &[key, weak] : m_sessions) {
            if (auto s = weak.lock())
                alive.push_back(std::move(s));
        }
    }
    // Outside the lock: a session that ends during stop() calls remove(), which takes it.
    for (const auto &s : alive)
        s->stop();
}

bool SessionRegistry::stopping() const
{
    std::lock_guard lock(m_mutex);
    return m_stopping;
}

bool SessionRegistry::waitUntilEmpty(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_emptied.wait_for(lock, timeout, [this] { return m_sessions.empty(); });
}

std::size_t SessionRegistry::size() const
{
    std::lock_guard lock(m_mutex);
    return m_sessions.size();
}

} // namespace rd::server
