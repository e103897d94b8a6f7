#pragma once

#include "attachmentstore.h"
#include "auth.h"
#include "metrics.h"
#include "ratelimitedlog.h"
#include "serveroptions.h"
#include "signinpool.h"
#include "signinthrottle.h"
#include "store/store.h"
#include "sync/hub.h"
#include "store/walcheckpointer.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rd::server {

/** Writes one line to the server's log: standard error, which systemd keeps in the journal. */
void logLine(const std::string &line);

/**
 * Connections of their own for pulls and for checking tokens: in WAL mode a reader sees a
 * consistent snapshot and never waits for the writer, so tablets pulling, and the next push being
 * authenticated, do not queue behind the push being applied. One per request in flight, made on
 * demand and kept for the next.
 */
class ReadConnections {
    struct Slot {
        explicit Slot(const std::string &path)
            : store(path)
            , hub(store)
            , tokens(store.database(), 0, 0) // reads only: checkAccess
        {
            hub.setLog(logLine); // a read connection may be the first to find a new identity
        }
        Store store;
        sync::Hub hub;
        TokenStore tokens;
    };

public:
    explicit ReadConnections(std::string databasePath)
        : m_path(std::move(databasePath))
    {}

    /** A connection lent for one pull; returned to the pool when the lease ends. */
    class Lease {
    public:
        Lease(ReadConnections &pool, std::unique_ptr<Slot> slot)
            : m_pool(pool)
            , m_slot(std::move(slot))
        {}
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        [[nodiscard]] sync::Hub &hub() noexcept { return m_slot->hub; }
        [[nodiscard]] Store &store() noexcept { return m_slot->store; }
        /** For checkAccess only: tokens are issued and rotated on the writer, under the store lock. */
        [[nodiscard]] TokenStore &tokens() noexcept { return m_slot->tokens; }

    private:
        ReadConnections &m_pool;
        std::unique_ptr<Slot> m_slot;
    };

    [[nodiscard]] Lease acquire();

private:
    std::string m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Slot>> m_free;
};

class ServerContext;

/**
 * Applies pushes on threads of their own, in the order they arrive. The request threads
 * authenticate and read each push body, queue it and wait for its answer; a push thread applies
 * it (each in its own transaction, as Hub::push does), so the write goes straight on to the next
 * push instead of waiting for a sleeping request thread to be woken and scheduled (milliseconds on
 * a busy machine, for every push). Waking the request thread to send the answer is off that path.
 *
 * SQLite: one thread, on the server's own connection under the store lock (one writer at a time).
 * PostgreSQL: ServerOptions::pushWriters threads, each with a connection and a Hub of its own;
 * pushes of the kinds that run beside others (MutationKind::writes) are applied at once, the
 * database's locks ordering the rest (docs/architecture.md, "Several writers").
 */
class PushQueue {
public:
    PushQueue(ServerContext &context, const std::string &database);
    /** Applies what is queued, then stops. */
    ~PushQueue();
    PushQueue(const PushQueue &) = delete;
    PushQueue &operator=(const PushQueue &) = delete;

    /** What applying a push gave: the answer body, and the mutations it applied (for /metrics). */
    struct Applied {
        std::string answer;
        std::int64_t rows = 0;
    };
    /** Queues @p request from @p who and waits for it to be applied; throws what Hub::push throws. */
    Applied apply(const sync::Principal &who, std::shared_ptr<const sync::Hub::PushRequest> request);
    /** PostgreSQL: the push threads' connections (none on SQLite), for tests that change them while no push runs. */
    [[nodiscard]] std::vector<sql::Database *> connections();

private:
    struct Job {
        sync::Principal who;
        std::shared_ptr<const sync::Hub::PushRequest> request;
        std::chrono::steady_clock::time_point queued;
        std::promise<Applied> done;
    };
    /** PostgreSQL: a push thread's own connection. */
    struct Writer {
        explicit Writer(const std::string &database);
        Store store;
        sync::Hub hub;
    };
    /** Applies queued pushes until stopped: on @p writer, or on the server's store under its lock. */
    void run(Writer *writer);

    ServerContext &m_context;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::unique_ptr<Writer>> m_writers;
    std::vector<std::thread> m_threads;
};

/**
 * What every request handler shares: the one Store and the Hub over it, guarded by one mutex
 * (SQLite connections are not shared between threads here, and the Hub is not thread-safe), the
 * token table, the metrics and the options. Built once in `serve`, or directly by tests.
 */
class ServerContext {
public:
    ServerContext(const std::string &databasePath, ServerOptions options);

    [[nodiscard]] const ServerOptions &options() const noexcept { return m_options; }
    /** Held for every use of store(), hub() and tokens(); never while hashing a password. */
    [[nodiscard]] std::mutex &storeMutex() noexcept { return m_storeMutex; }
    [[nodiscard]] Store &store() noexcept { return m_store; }
    [[nodiscard]] sync::Hub &hub() noexcept { return m_hub; }
    [[nodiscard]] TokenStore &tokens() noexcept { return m_tokens; }
    [[nodiscard]] Metrics &metrics() noexcept { return m_metrics; }
    /** Read-only connections for pulls and token checks, used without the store lock. */
    [[nodiscard]] ReadConnections &readConnections() noexcept { return m_readConnections; }
    /** Where pushes are applied (one after another on SQLite, under the store lock). */
    [[nodiscard]] PushQueue &pushes() noexcept { return *m_pushes; }
    /** Where passwords are checked, off the request threads. */
    [[nodiscard]] SigninPool &signinPool() noexcept { return m_signinPool; }
    /** Waits after failed sign-ins, per name and per client address. */
    [[nodiscard]] SigninThrottle &signinThrottle() noexcept { return m_signinThrottle; }
    /** The log for sign-in refusals that come in floods (throttled, busy): a line a second. */
    [[nodiscard]] RateLimitedLog &signinFloodLog() noexcept { return m_signinFloodLog; }

    /** The photo attachments, in `attachments/` beside the database. */
    [[nodiscard]] AttachmentStore &attachments() noexcept { return m_attachments; }

    /** Unix milliseconds; replaceable so tests can move time without sleeping. */
    [[nodiscard]] Millis now() const { return m_clock(); }
    void setClock(std::function<Millis()> clock) { m_clock = std::move(clock); }

private:
    ServerOptions m_options;
    std::mutex m_storeMutex;
    Store m_store;
    sync::Hub m_hub;
    TokenStore m_tokens;
    Metrics m_metrics;
    ReadConnections m_readConnections;
    std::unique_ptr<sql::WalCheckpointer> m_checkpointer;
    std::function<Millis()> m_clock;
    std::unique_ptr<PushQueue> m_pushes; // stopped before everything it uses
    SigninThrottle m_signinThrottle;
    RateLimitedLog m_signinFloodLog;
    AttachmentStore m_attachments;
    SigninPool m_signinPool; // last: stopped first, its jobs use all of the above
};

/** The system clock in Unix milliseconds. */
[[nodiscard]] Millis systemNowMillis();

} // namespace rd::server
