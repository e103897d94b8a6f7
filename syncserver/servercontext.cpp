#include "servercontext.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <chrono>
#include <iostream>

namespace rd::server {

void logLine(const std::string &line)
{
    std::cerr << "syncserver: " << line << std::endl;
}

namespace {

SigninThrottle::Limits throttleLimits(const ServerOptions &options)
{
    SigninThrottle::Limits limits;
    limits.accountThreshold = options.signinFailuresPerAccount;
    limits.addressThreshold = options.signinFailuresPerAddress;
    return limits;
}

} // namespace

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
    , m_pushes(std::make_unique<PushQueue>(*this, databasePath))
    , m_signinThrottle(throttleLimits(m_options))
    , m_signinFloodLog(std::cerr)
    , m_attachments(m_options.dataDir.empty() ? std::filesystem::absolute(databasePath).parent_path() / "attachments"
                                              : std::filesystem::absolute(m_options.dataDir) / "attachments")
    , m_signinPool(m_options.signinThreads, m_options.signinQueue)
{
    m_hub.setLog(logLine);
    (void)m_hub.databaseId(); // made here, on the writer, before any read connection looks for it
    // The full-disk test aid: every write goes through this connection, so a limit here is the
    // server's. SQLite keeps the limit at least the database's current size.
    const bool sqlite = !m_store.database().isPostgres();
    if (sqlite && m_options.maxDbPages > 0)
        m_store.database().exec("PRAGMA max_page_count = " + std::to_string(m_options.maxDbPages));
    if (sqlite && databasePath != ":memory:") // checkpoints off the request path
        m_checkpointer = std::make_unique<sql::WalCheckpointer>(m_store.database());
}

PushQueue::Writer::Writer(const std::string &database)
    : store(database)
    , hub(store)
{
    hub.setLog(logLine);
}

PushQueue::PushQueue(ServerContext &context, const std::string &database)
    : m_context(context)
{
    if (context.store().database().isPostgres()) {
        for (int i = 0; i < std::max(1, context.options().pushWriters); ++i)
            m_writers.push_back(std::make_unique<Writer>(database));
    }
    if (m_writers.empty()) {
        m_threads.emplace_back([this] { run(nullptr); });
    } else {
        for (auto &w : m_writers)
            m_threads.emplace_back([this, writer = w.get()] { run(writer); });
    }
}

std::vector<sql::Database *> PushQueue::connections()
{
    std::vector<sql::Database *> out;
    for (auto &w : m_writers)
        out.push_back(&w->store.database());
    return out;
}

PushQueue::~PushQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        t.join();
}

PushQueue::Applied PushQueue::apply(const sync::Principal &who, std::shared_ptr<const sync::Hub::PushRequest> request)
{
    std::future<Applied> answer;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            throw std::runtime_error("the server is stopping");
        auto &job = m_jobs.emplace_back(Job{who, std::move(request), std::chrono::steady_clock::now(), {}});
        answer = job.done.get_future();
    }
    m_wake.notify_one();
    return answer.get();
}

void PushQueue::run(Writer *writer)
{
    // Pushes waiting together are applied in one transaction (Hub::pushGroup), up to a bound, so a
    // burst pays for fewer commits; a push alone goes as it always did. A group never takes the
    // pushes of every request thread: each one waits for its answer, and one of them must be
    // reading the next push meanwhile, or this thread would stand idle after each group.
    const std::size_t maxGroup =
        std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, m_context.options().threads - 1)), 1, 8);
    constexpr std::size_t kMaxGroupMutations = 4000;
    for (;;) {
        std::vector<Job> jobs;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty())
                return; // stopping, and everything queued is answered
            std::size_t mutations = 0;
            while (!m_jobs.empty() && jobs.size() < maxGroup &&
                   (jobs.empty() || mutations + sync::Hub::mutationCount(*m_jobs.front().request) <= kMaxGroupMutations)) {
                mutations += sync::Hub::mutationCount(*m_jobs.front().request);
                jobs.push_back(std::move(m_jobs.front()));
                m_jobs.pop_front();
            }
        }
        std::vector<sync::Hub::GroupedPush> group;
        for (const auto &job : jobs)
            group.push_back({&job.who, job.request.get()});
        try {
            std::unique_lock<std::mutex> lock;
            if (!writer)
                lock = std::unique_lock(m_context.storeMutex());
            const auto start = std::chrono::steady_clock::now();
            auto answers = (writer ? writer->hub : m_context.hub()).pushGroup(group, m_context.now());
            const auto end = std::chrono::steady_clock::now();
            for (std::size_t i = 0; i < jobs.size(); ++i) {
                m_context.metrics().addPushLockTimes(
                    std::chrono::duration<double>(start - jobs[i].queued).count(),
                    i == 0 ? std::chrono::duration<double>(end - start).count() : 0.0);
                if (answers[i].error)
                    jobs[i].done.set_exception(answers[i].error);
                else
                    jobs[i].done.set_value({std::move(answers[i].answer), answers[i].rows});
            }
        } catch (...) {
            for (auto &job : jobs) {
                try {
                    job.done.set_exception(std::current_exception());
                } catch (const std::future_error &) { // already answered
                }
            }
        }
    }
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
