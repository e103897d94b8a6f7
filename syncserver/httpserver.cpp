#include "httpserver.h"

#include "admincommands.h"
#include "httpsession.h"
#include "servercontext.h"
#include "sessionregistry.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>

#include <openssl/ssl.h>

#include <csignal>
#include <filesystem>
#include <ostream>
#include <thread>
#include <vector>

namespace rd::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr std::chrono::seconds kStopGrace{10};

/** Accepts connections and starts a session, plain or TLS, on its own strand for each. */
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context &ioc, ServerContext &context, SessionRegistry &registry, ssl::context *tls)
        : m_ioc(ioc)
        , m_acceptor(net::make_strand(ioc))
        , m_context(context)
        , m_registry(registry)
        , m_tls(tls)
    {}

    [[nodiscard]] beast::error_code listen(const tcp::endpoint &endpoint)
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

    [[nodiscard]] std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }

    void run() { doAccept(); }

    void stop()
    {
        net::post(m_acceptor.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->m_acceptor.close(ignored);
        });
    }

private:
    void doAccept()
    {
        m_acceptor.async_accept(net::make_strand(m_ioc),
                                beast::bind_front_handler(&Listener::onAccept, shared_from_this()));
    }

    void onAccept(beast::error_code ec, tcp::socket socket)
    {
        if (ec == net::error::operation_aborted || !m_acceptor.is_open())
            return; // stopped
        if (ec) {
            std::cerr << "syncserver: accept: " << ec.message() << std::endl;
        } else if (m_tls) {
            start(std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(m_context, m_registry,
                                                                                     std::move(socket), *m_tls));
        } else {
            start(std::make_shared<HttpSession<beast::tcp_stream>>(m_context, m_registry, std::move(socket)));
        }
        doAccept();
    }

    template <class Session>
    void start(const std::shared_ptr<Session> &session)
    {
        m_registry.add(session);
        session->start();
    }

    net::io_context &m_ioc;
    tcp::acceptor m_acceptor;
    ServerContext &m_context;
    SessionRegistry &m_registry;
    ssl::context *m_tls;
};

/** The TLS settings: TLS 1.2 or newer, the operator's certificate chain and key (PEM). */
bool configureTls(ssl::context &tls, const ServerOptions &options, std::ostream &err)
{
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
    beast::error_code ec;
    tls.use_certificate_chain_file(options.tlsCert, ec);
    if (ec) {
        err << "syncserver serve: cannot use the certificate " << options.tlsCert << ": " << ec.message() << "\n";
        return false;
    }
    tls.use_private_key_file(options.tlsKey, ssl::context::pem, ec);
    if (ec) {
        err << "syncserver serve: cannot use the private key " << options.tlsKey << ": " << ec.message() << "\n";
        return false;
    }
    return true;
}

} // namespace

int runServer(const ServerOptions &options, std::ostream &out, std::ostream &err)
{
    // A client that hangs up mid-answer must cost a write error, not the process.
    std::signal(SIGPIPE, SIG_IGN);

    std::optional<ssl::context> tls;
    if (!options.tlsCert.empty() || !options.tlsKey.empty()) {
        if (options.tlsCert.empty() || options.tlsKey.empty()) {
            err << "syncserver serve: --tls-cert and --tls-key go together\n";
            return 2;
        }
        tls.emplace(ssl::context::tls_server);
        if (!configureTls(*tls, options, err))
            return 1;
    }

    beast::error_code ec;
    const auto address = net::ip::make_address(options.host, ec);
    if (ec) {
        err << "syncserver serve: '" << options.host << "' is not an IP address to listen on\n";
        return 2;
    }

    std::filesystem::create_directories(options.dataDir);
    // Declared before the io_context, so it is destroyed after every session that uses it.
    ServerContext context(databasePath(options.dataDir), options);
    SessionRegistry registry;
    const int threads = std::max(1, options.threads);
    net::io_context ioc(threads);

    auto listener = std::make_shared<Listener>(ioc, context, registry, tls ? &*tls : nullptr);
    if (const auto lec = listener->listen({address, options.port})) {
        err << "syncserver serve: cannot listen on " << options.host << ":" << options.port << ": " << lec.message()
            << "\n";
        return 1;
    }

    std::mutex stopMutex;
    std::condition_variable stopAsked;
    bool stopping = false;
    // Installed before the "listening" line, so a signal sent as soon as it is read is handled.
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code sec, int) {
        if (sec)
            return;
        listener->stop();
        registry.stopAll();
        std::lock_guard lock(stopMutex);
        stopping = true;
        stopAsked.notify_all();
    });

    listener->run();
    const bool v6 = address.is_v6();
    out << "syncserver: listening on " << (v6 ? "[" : "") << options.host << (v6 ? "]" : "") << ":"
        << listener->port() << std::endl;

    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&ioc] {
            try {
                ioc.run();
            } catch (const std::exception &e) {
                std::cerr << "syncserver: " << e.what() << std::endl;
            }
        });
    }

    {
        std::unique_lock lock(stopMutex);
        stopAsked.wait(lock, [&] { return stopping; });
    }
    if (!registry.waitUntilEmpty(kStopGrace))
        err << "syncserver: " << registry.size() << " connections still busy after " << kStopGrace.count()
            << " s; stopping anyway\n";
    ioc.stop();
    for (auto &t : pool)
        t.join();
    err << "syncserver: stopped\n";
    return 0;
}

} // namespace rd::server
