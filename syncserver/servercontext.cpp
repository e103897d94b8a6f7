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
    , m_clock(systemNowMillis)
{}

} // namespace rd::server
