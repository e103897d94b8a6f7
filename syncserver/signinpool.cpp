#include "signinpool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <iostream>

namespace rd::server {

namespace {

/** Lowers the calling thread's scheduling priority (Linux: nice applies per thread). */
void lowerThisThreadsPriority()
{
    // Best effort: a failure leaves the thread at normal priority, which is still correct.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
}

} // namespace

SigninPool::SigninPool(int threads, std::size_t queueLimit)
    : m_queueLimit(queueLimit)
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { run(); });
}

SigninPool::~SigninPool()
{
    stop();
}

bool SigninPool::submit(std::function<void()> job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_jobs.size() >= m_queueLimit)
            return false;
        m_jobs.push_back(std::move(job));
        ++m_accepted;
    }
    m_wake.notify_one();
    return true;
}

void SigninPool::stop()
{
    std::deque<std::function<void()>> dropped;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
        dropped.swap(m_jobs);
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        t.join();
    dropped.clear(); // outside the lock: a dropped job's captures may answer "the server is stopping"
}

std::uint64_t SigninPool::accepted() const
{
    std::lock_guard lock(m_mutex);
    return m_accepted;
}

void SigninPool::run()
{
    lowerThisThreadsPriority();
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        try {
            job();
        } catch (const std::exception &e) { // a job answers its own errors; this is a last guard
            std::cerr << "syncserver: sign-in check: " << e.what() << std::endl;
        }
    }
}

} // namespace rd::server
