#include "listener.h"

#include "httpsession.h"
#include "servercontext.h"
#include "sessionregistry.h"

#include <boost/asio/strand.hpp>

#include <iostream>

namespace rd::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

namespace {

template <class Session>
void startSession(SessionRegistry &registry, const std::shared_ptr<Session> &session)
{
    registry.add(session);
    session->start();
}

} // namespace

Listener::Listener(net::io_context &ioc, ServerContext &context, SessionRegistry &registry,
                   ConnectionLimit &connections, ssl::context *tls)
    : m_ioc(ioc)
    , m_acceptor(net::make_strand(ioc))
    , m_retry(m_acceptor.get_executor())
    , m_context(context)
    , m_registry(registry)
    , m_connections(connections)
    , m_tls(tls)
    , m_acceptLog(std::cerr)
    , m_refusedLog(std::cerr)
{}

beast::error_code Listener::listen(const tcp::endpoint &endpoint)
{
    beast::error_code ec;
    m_acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        m_acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        m_acceptor.bind(endpoint, ec);
    if (!ec)
        m_acceptor.listen(net::socket_base::max_listen_connections, ec);
    return ec;
}

std::uint16_t Listener::port() const
{
    return m_acceptor.local_endpoint().port();
}

void Listener::run()
{
    doAccept();
}

void Listener::stop()
{
    net::post(m_acceptor.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        self->m_acceptor.close(ignored);
        self->m_retry.cancel();
    });
}

void Listener::doAccept()
{
    m_acceptor.async_accept(net::make_strand(m_ioc), beast::bind_front_handler(&Listener::onAccept, shared_from_this()));
}

void Listener::onAccept(beast::error_code ec, tcp::socket socket)
{
    if (ec == net::error::operation_aborted || !m_acceptor.is_open())
        return; // stopped
    if (!ec) {
        m_backoff = kFirstBackoff;
        start(std::move(socket));
        return doAccept();
    }
    // Out of file descriptors, the waiting connection stays queued and accept fails again at once:
    // retrying straight away spins a core and writes the log at a hundred thousand lines a second.
    m_context.metrics().addAcceptError();
    m_acceptLog.write("accept: " + ec.message() + "; trying again in " + std::to_string(m_backoff.count()) + " ms");
    m_retry.expires_after(m_backoff);
    m_backoff = std::min(m_backoff * 2, kMaxBackoff);
    m_retry.async_wait([self = shared_from_this()](beast::error_code wec) {
        if (!wec && self->m_acceptor.is_open())
            self->doAccept();
    });
}

void Listener::start(tcp::socket socket)
{
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    if (ec)
        return; // gone already
    auto client = endpoint.address().to_string();
    auto slot = m_connections.admit(client);
    if (!slot) {
        m_context.metrics().addConnectionRefused();
        m_refusedLog.write("refused a connection from " + client + ": it already has " +
                           std::to_string(m_connections.perAddress()) +
                           " open (--max-connections-per-address)");
        socket.close(ec);
        return;
    }
    if (m_tls)
        startSession(m_registry, std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(
                                     m_context, m_registry, std::move(client), std::move(*slot), std::move(socket),
                                     *m_tls));
    else
        startSession(m_registry, std::make_shared<HttpSession<beast::tcp_stream>>(
                                     m_context, m_registry, std::move(client), std::move(*slot), std::move(socket)));
}

} // namespace rd::server
