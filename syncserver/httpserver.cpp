#include "httpserver.h"

#include "store/database.h"

#include "admincommands.h"
#include "connectionlimit.h"
#include "datadirlock.h"
#include "listener.h"
#include "servercontext.h"
#include "sessionregistry.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/error.hpp>

#include <openssl/ssl.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <thread>
#include <vector>

namespace rd::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

namespace {

constexpr std::chrono::seconds kStopGrace{10};

// Mozilla's "intermediate" configuration (ssl-config.mozilla.org, guidelines 5.7): TLS 1.2 and
// 1.3; for TLS 1.2 only ECDHE key exchange (forward secrecy) with AES-GCM or ChaCha20-Poly1305
// (no CBC, no SHA-1 MACs); the client's order of preference.
constexpr const char *kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char *kTls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
constexpr const char *kGroups = "X25519:P-256:P-384";

/** The TLS settings (above), the operator's certificate chain and key (PEM). */
bool configureTls(ssl::context &tls, const ServerOptions &options, std::ostream &err)
{
    SSL_CTX *ctx = tls.native_handle();
    // No compression (CRIME), no renegotiation, no session tickets: OpenSSL never rotates the
    // ticket key of a long-running server, so one stolen key would open every recorded session.
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
    const bool configured = SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 &&
                            SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) == 1 &&
                            SSL_CTX_set_ciphersuites(ctx, kTls13Suites) == 1 &&
                            SSL_CTX_set1_groups_list(ctx, kGroups) == 1;
    if (!configured) {
        err << "syncserver serve: this OpenSSL cannot be given the TLS settings (TLS 1.2 and 1.3, ECDHE with "
               "AES-GCM or ChaCha20-Poly1305, X25519, P-256, P-384)\n";
        return false;
    }
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
    const std::string database = options.database.empty() ? databasePath(options.dataDir) : options.database;
    // One server per SQLite database; several may share a PostgreSQL one (and its photo folder).
    std::optional<DataDirLock> dataLock;
    if (!sql::isPostgresLocation(database)) {
        std::string why;
        dataLock = DataDirLock::take(options.dataDir, why);
        if (!dataLock) {
            err << "syncserver serve: " << why << "\n";
            return 1;
        }
    }
    // Declared before the io_context, so they are destroyed after every session that uses them.
    ServerContext context(database, options);
    SessionRegistry registry;
    ConnectionLimit connections(options.maxConnectionsPerAddress);
    const int threads = std::max(1, options.threads);
    net::io_context ioc(threads);

    auto listener = std::make_shared<Listener>(ioc, context, registry, connections, tls ? &*tls : nullptr);
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
    // Sign-ins still queued are answered "busy" while the request threads can still send it.
    context.signinPool().stop();
    ioc.stop();
    for (auto &t : pool)
        t.join();
    err << "syncserver: stopped\n";
    return 0;
}

} // namespace rd::server
