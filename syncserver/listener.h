#pragma once

#include "connectionlimit.h"
#include "ratelimitedlog.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include <chrono>
#include <cstdint>
#include <memory>

namespace rd::server {

class ServerContext;
class SessionRegistry;

/**
 * Accepts connections and starts a session, plain or TLS, on its own strand for each. A
 * connection from an address that already holds the most allowed is closed at once and counted.
 * When accept fails (file descriptors run out, most often), it waits a little before trying again
 * instead of spinning on the error, and logs it at most once a second.
 */
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(boost::asio::io_context &ioc, ServerContext &context, SessionRegistry &registry,
             ConnectionLimit &connections, boost::asio::ssl::context *tls);

    [[nodiscard]] boost::beast::error_code listen(const boost::asio::ip::tcp::endpoint &endpoint);
    [[nodiscard]] std::uint16_t port() const;

    void run();
    /** Stops accepting; connections already open carry on. */
    void stop();

private:
    static constexpr std::chrono::milliseconds kFirstBackoff{50};
    static constexpr std::chrono::milliseconds kMaxBackoff{1000};

    void doAccept();
    void onAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
    void start(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context &m_ioc;
    boost::asio::ip::tcp::acceptor m_acceptor;
    boost::asio::steady_timer m_retry;
    std::chrono::milliseconds m_backoff{kFirstBackoff};
    ServerContext &m_context;
    SessionRegistry &m_registry;
    ConnectionLimit &m_connections;
    boost::asio::ssl::context *m_tls;
    RateLimitedLog m_acceptLog;
    RateLimitedLog m_refusedLog;
};

} // namespace rd::server
