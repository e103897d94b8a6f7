#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rd::server {

/**
 * The threads that check passwords. An argon2id check takes a tenth of a second of a core and
 * 64 MiB: on the request threads, a flood of sign-ins held up every pull and /healthz for over a
 * minute. Here a few threads of their own take the checks from a bounded queue; when it is full,
 * submit() refuses at once, so a flood is answered "busy" rather than queued for minutes. The
 * threads run at a lower priority than the request threads, so a request that arrives during a
 * flood is served first. Thread-safe.
 */
class SigninPool {
public:
    SigninPool(int threads, std::size_t queueLimit);
    /** stop() */
    ~SigninPool();
    SigninPool(const SigninPool &) = delete;
    SigninPool &operator=(const SigninPool &) = delete;

    /** Queues @p job; false, and @p job dropped, when the queue is full or the pool stopped. */
    [[nodiscard]] bool submit(std::function<void()> job);

    /**
     * Lets the jobs under way finish, drops the queued ones (their captures are destroyed, which
     * is how they learn it) and joins the threads. Idempotent.
     */
    void stop();

    /** Jobs taken so far, for tests that check that a refusal cost no password check. */
    [[nodiscard]] std::uint64_t accepted() const;

private:
    void run();

    std::size_t m_queueLimit;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::uint64_t m_accepted = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace rd::server
