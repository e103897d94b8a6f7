#pragma once

#include "auth.h"
#include "metrics.h"
#include "serveroptions.h"
#include "store/store.h"
#include "sync/hub.h"

#include <functional>
#include <mutex>

namespace rd::server {

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
    std::function<Millis()> m_clock;
};

/** The system clock in Unix milliseconds. */
[[nodiscard]] Millis systemNowMillis();

} // namespace rd::server
