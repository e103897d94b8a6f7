// The real syncserver binary on 127.0.0.1 at the connection level: TLS settings (probed with
// OpenSSL clients), the per-address connection cap, accept errors when file descriptors run out,
// and sign-in answers, which come from the sign-in pool, in order on a pipelined connection.
#include "liveserver.h"
#include "rawconnection.h"
#include "testcert.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

using namespace rd;
using namespace rd::test;
using namespace std::chrono_literals;

namespace {

/** What an OpenSSL client offering only some versions, suites and groups got from the server. */
struct Handshake {
    bool ok = false;
    std::string version;
    std::string cipher;
};

struct TlsOffer {
    int maxVersion = TLS1_3_VERSION;
    const char *tls12Ciphers = nullptr; ///< OpenSSL cipher list for TLS 1.2 and older
    const char *tls13Suites = nullptr;
    const char *groups = nullptr;
};

/** A TLS handshake with the server from a client that offers exactly @p offer (also weak things). */
Handshake handshake(std::uint16_t port, const TlsOffer &offer)
{
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    REQUIRE(ctx);
    // Security level 0, so the client really offers what the test gives it: the server must refuse.
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx.get(), offer.maxVersion);
    if (offer.tls12Ciphers)
        REQUIRE(SSL_CTX_set_cipher_list(ctx.get(), offer.tls12Ciphers) == 1);
    if (offer.tls13Suites)
        REQUIRE(SSL_CTX_set_ciphersuites(ctx.get(), offer.tls13Suites) == 1);
    if (offer.groups)
        REQUIRE(SSL_CTX_set1_groups_list(ctx.get(), offer.groups) == 1);

    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    timeval timeout{10, 0}; // a server that never answers fails the handshake instead of hanging it
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0);
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
    SSL_set_fd(ssl.get(), fd);
    Handshake h;
    h.ok = SSL_connect(ssl.get()) == 1;
    if (h.ok) {
        h.version = SSL_get_version(ssl.get());
        h.cipher = SSL_get_cipher_name(ssl.get());
        SSL_shutdown(ssl.get());
    }
    ERR_clear_error();
    ::close(fd);
    return h;
}

std::string request(const std::string &method, const std::string &target, const std::string &body = {},
                    const std::string &connection = "keep-alive")
{
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + connection + "\r\n";
    if (method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

/** One value of the /metrics text in @p answer, or -1. */
double metricIn(const std::string &answer, const std::string &series)
{
    const auto at = answer.find("\n" + series + " ");
    return at == std::string::npos ? -1.0 : std::stod(answer.substr(at + series.size() + 2));
}

std::size_t count(const std::string &text, const std::string &what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

} // namespace

TEST_CASE("TLS: 1.3 and ECDHE with AES-GCM or ChaCha20 over 1.2 are taken, and the curves are X25519, P-256, "
          "P-384",
          "[server][process][tls]")
{
    TempDir certDir;
    const auto cert = writeSelfSignedCertificate(certDir.path);
    LiveServer s({"--tls-cert", cert.certificate.string(), "--tls-key", cert.privateKey.string()});
    const auto port = s.server->port();

    const auto tls13 = handshake(port, {});
    CHECK(tls13.ok);
    CHECK(tls13.version == "TLSv1.3");
    for (const char *cipher : {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                               "ECDHE-ECDSA-CHACHA20-POLY1305"}) {
        INFO(cipher);
        const auto h = handshake(port, {TLS1_2_VERSION, cipher});
        CHECK(h.ok);
        CHECK(h.version == "TLSv1.2");
        CHECK(h.cipher == cipher);
    }
    for (const char *group : {"X25519", "P-256", "P-384"}) {
        INFO(group);
        CHECK(handshake(port, {TLS1_3_VERSION, nullptr, nullptr, group}).ok);
    }
    CHECK_FALSE(handshake(port, {TLS1_3_VERSION, nullptr, nullptr, "P-521"}).ok);
    CHECK_FALSE(handshake(port, {TLS1_3_VERSION, nullptr, nullptr, "ffdhe2048"}).ok);
    // CBC with SHA-1 MACs, even with ECDHE, and TLS before 1.2 are refused at the handshake.
    CHECK_FALSE(handshake(port, {TLS1_2_VERSION, "ECDHE-ECDSA-AES128-SHA"}).ok);
    CHECK_FALSE(handshake(port, {TLS1_2_VERSION, "ECDHE-ECDSA-AES256-SHA384"}).ok);
    CHECK_FALSE(handshake(port, {TLS1_1_VERSION}).ok);
    CHECK(HttpClient(port, true).get("/healthz").status == 200);
}

TEST_CASE("TLS with an RSA certificate: suites without forward secrecy, CBC and DHE are refused at the handshake",
          "[server][process][tls]")
{
    TempDir certDir;
    const auto cert = writeSelfSignedCertificate(certDir.path, KeyType::Rsa2048);
    LiveServer s({"--tls-cert", cert.certificate.string(), "--tls-key", cert.privateKey.string()});
    const auto port = s.server->port();
    for (const char *weak : {"AES128-SHA", "AES128-GCM-SHA256", "AES256-SHA256", "ECDHE-RSA-AES128-SHA",
                             "DHE-RSA-AES128-GCM-SHA256"}) {
        INFO(weak);
        CHECK_FALSE(handshake(port, {TLS1_2_VERSION, weak}).ok);
    }
    const auto good = handshake(port, {TLS1_2_VERSION, "ECDHE-RSA-AES128-GCM-SHA256"});
    CHECK(good.ok);
    CHECK(good.cipher == "ECDHE-RSA-AES128-GCM-SHA256");
    CHECK(handshake(port, {}).ok);
    CHECK(HttpClient(port, true).get("/healthz").status == 200);
}

TEST_CASE("One address holds at most --max-connections-per-address connections, and gets a slot back when one "
          "closes",
          "[server][process][connections]")
{
    LiveServer s({"--max-connections-per-address", "3"});
    const auto port = s.server->port();
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<RawConnection>(port));
        REQUIRE(held.back()->write(request("GET", "/healthz")));
        CHECK_THAT(held.back()->readAnswers(1, 10s), Catch::StartsWith("HTTP/1.1 200"));
    }
    RawConnection fourth(port); // the kernel takes it; the server closes it at once, unanswered
    (void)fourth.write(request("GET", "/healthz"));
    CHECK(fourth.waitForClose(10s));

    REQUIRE(held[0]->write(request("GET", "/metrics")));
    const auto metrics = held[0]->readAnswers(1, 10s);
    CHECK(metricIn(metrics, "releasedesk_connections_refused_total") == 1);

    // A connection that ends gives its address's slot back before the client sees it close.
    REQUIRE(held[1]->write(request("GET", "/healthz", {}, "close")));
    CHECK_THAT(held[1]->readAnswers(1, 10s), Catch::StartsWith("HTTP/1.1 200"));
    REQUIRE(held[1]->waitForClose(10s));
    RawConnection next(port);
    REQUIRE(next.write(request("GET", "/healthz")));
    CHECK_THAT(next.readAnswers(1, 10s), Catch::StartsWith("HTTP/1.1 200"));
    INFO(s.server->stderrText());
    CHECK_THAT(s.server->stderrText(), Catch::Contains("refused a connection from 127.0.0.1"));
}

TEST_CASE("Out of file descriptors, the server backs off accepting and logs about once a second, then recovers",
          "[server][process][connections]")
{
    LiveServer s;
    const auto port = s.server->port();
    RawConnection held(port); // open before the limit falls: /metrics is read through it
    REQUIRE(held.write(request("GET", "/healthz")));
    REQUIRE_THAT(held.readAnswers(1, 10s), Catch::StartsWith("HTTP/1.1 200"));
    const auto metrics = [&] {
        REQUIRE(held.write(request("GET", "/metrics")));
        return metricIn(held.readAnswers(1, 10s), "releasedesk_accept_errors_total");
    };

    rlimit before{};
    REQUIRE(prlimit(s.server->pid(), RLIMIT_NOFILE, nullptr, &before) == 0);
    const rlimit none{1, before.rlim_max}; // no new descriptor: every accept fails with EMFILE
    REQUIRE(prlimit(s.server->pid(), RLIMIT_NOFILE, &none, nullptr) == 0);
    std::vector<std::unique_ptr<RawConnection>> waiting;
    for (int i = 0; i < 5; ++i)
        waiting.push_back(std::make_unique<RawConnection>(port)); // queued by the kernel, never accepted
    const auto start = std::chrono::steady_clock::now();
    const double errorsAtStart = metrics();
    // Not synchronisation: the window over which the rate of failed accepts is measured.
    std::this_thread::sleep_for(1500ms);
    const double errors = metrics();
    const double window = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(prlimit(s.server->pid(), RLIMIT_NOFILE, &before, nullptr) == 0);

    // Retried after 50 ms, doubling to 1 s: a handful of failures (spinning made ~100,000 a second).
    CHECK(errors >= 1);
    CHECK(errors - errorsAtStart <= window / 0.05 + 2);
    const auto log = s.server->stderrText();
    INFO(log);
    CHECK(count(log, "syncserver: accept: ") >= 1);
    CHECK(count(log, "syncserver: accept: ") <= static_cast<std::size_t>(window) + 2);

    // With descriptors again, the connections that waited are taken and answered.
    REQUIRE(waiting.back()->write(request("GET", "/healthz")));
    CHECK_THAT(waiting.back()->readAnswers(1, 10s), Catch::StartsWith("HTTP/1.1 200"));
}

TEST_CASE("Pipelined requests are answered in order though a sign-in's answer comes from the sign-in pool",
          "[server][process][signin]")
{
    LiveServer s;
    RawConnection c(s.server->port());
    const auto device = newDeviceId();
    REQUIRE(c.write(request("POST", "/api/v1/signin", signinBody("sam", device, "not-the-password")) +
                    request("GET", "/healthz") + request("POST", "/api/v1/signin", signinBody("sam", device)) +
                    request("GET", "/metrics")));
    const auto answers = c.readAnswers(4, 60s);
    INFO(answers);
    REQUIRE(completeAnswers(answers) == 4);
    const auto refused = answers.find("HTTP/1.1 401");
    const auto healthz = answers.find(R"({"status":"ok"})");
    const auto tokens = answers.find("\"access_token\"");
    const auto metrics = answers.find("releasedesk_signin_failures_total{reason=\"bad_credentials\"} 1");
    CHECK(refused < healthz);
    CHECK(healthz < tokens);
    CHECK(tokens < metrics);
    CHECK(metrics != std::string::npos);
}

TEST_CASE("A /healthz sent during a flood of sign-ins is answered before the flood is through",
          "[server][process][signin]")
{
    LiveServer s;
    const auto port = s.server->port();
    // Eight wrong passwords for eight names, each on its own connection, all at once: two pool
    // threads check them two at a time, so the last answer takes four checks' time.
    std::vector<std::future<std::chrono::steady_clock::time_point>> flood;
    for (int i = 0; i < 8; ++i)
        flood.push_back(std::async(std::launch::async, [port, i] {
            const auto a = HttpClient(port).post("/api/v1/signin",
                                                 signinBody("name" + std::to_string(i), newDeviceId(), "guess"));
            CHECK(a.status == 401);
            return std::chrono::steady_clock::now();
        }));
    const auto health = HttpClient(port).get("/healthz");
    const auto answered = std::chrono::steady_clock::now();
    CHECK(health.status == 200);
    auto lastSignin = answered;
    for (auto &f : flood)
        lastSignin = std::max(lastSignin, f.get());
    CHECK(answered < lastSignin);
}
