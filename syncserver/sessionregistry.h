#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

namespace rd::server {

/** What a stop needs from a connection: finish the request under way, then close. */
class StoppableSession {
public:
    virtual ~StoppableSession() = default;
    /** Closes the connection once its current request is answered; closes an idle one at once. */
    virtual void stop() = 0;
};

/**
 * The connections alive, so that a clean stop can tell each to finish and wait, with a bound,
 * until every one has gone. Thread-safe.
 */
class SessionRegistry {
public:
    void add(const std::shared_ptr<StoppableSession> &session);
    /** Called from a session's destructor. */
    void remove(const StoppableSession *session);
    /** Asks every session to stop; sessions added later are stopped as they arrive. */
    void stopAll();
    [[nodiscard]] bool stopping() const;
    /** Waits until no session is left or @p timeout passes; true when none is left. */
    [[nodiscard]] bool waitUntilEmpty(std::chrono::milliseconds timeout);
    [[nodiscard]] std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_emptied;
    std::map<const StoppableSession *, std::weak_ptr<StoppableSession>> m_sessions;
    bool m_stopping = false;
};

} // namespace rd::server
