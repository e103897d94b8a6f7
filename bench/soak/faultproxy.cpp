#include "faultproxy.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace rd::soak {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);
// A pull page of 20,000 rows is a few MiB; nothing a tablet or the server sends comes near this.
constexpr std::uint64_t kBodyLimit = 512ull * 1024 * 1024;
// A kept-alive connection the tablet leaves idle is closed after this, as a Wi-Fi access point would.
constexpr std::chrono::seconds kIdle{120};
// One exchange's budget on either side; the server answers a push or a page in far less.
constexpr std::chrono::seconds kExchange{60};

ProxyRoute routeOf(std::string_view target)
{
    if (target.ends_with("/signin"))
        return ProxyRoute::SignIn;
    if (target.ends_with("/refresh"))
        return ProxyRoute::Refresh;
    if (target.ends_with("/push"))
        return ProxyRoute::Push;
    if (target.ends_with("/pull"))
        return ProxyRoute::Pull;
    return ProxyRoute::Other;
}

/** A message as it goes on the wire (headers as received, so Content-Length still holds). */
template <class Message>
std::string wireOf(const Message &m)
{
    std::ostringstream out;
    out << m;
    return std::move(out).str();
}

} // namespace

std::string_view toString(ProxyFault fault) noexcept
{
    switch (fault) {
    case ProxyFault::CutRequest:
        return "cut_request";
    case ProxyFault::CutAnswer:
        return "cut_answer";
    case ProxyFault::LoseAnswer:
        return "answer_lost";
    }
    return "?";
}

std::string_view toString(ProxyRoute route) noexcept
{
    switch (route) {
    case ProxyRoute::SignIn:
        return "signin";
    case ProxyRoute::Refresh:
        return "refresh";
    case ProxyRoute::Push:
        return "push";
    case ProxyRoute::Pull:
        return "pull";
    case ProxyRoute::Other:
        return "other";
    }
    return "?";
}

std::int64_t FaultProxy::Counts::total(ProxyFault fault) const noexcept
{
    std::int64_t n = 0;
    for (const auto c : faults[static_cast<std::size_t>(fault)])
        n += c;
    return n;
}

std::int64_t FaultProxy::Counts::total() const noexcept
{
    return total(ProxyFault::CutRequest) + total(ProxyFault::CutAnswer) + total(ProxyFault::LoseAnswer);
}

struct FaultProxy::Impl {
    explicit Impl(std::uint64_t seed)
        : rng(seed)
    {}

    mutable std::mutex mutex; // guards rng to counts: the proxy's thread and the run's both use them
    std::mt19937_64 rng;
    Rates rates;
    std::uint16_t upstream = 0;
    std::uint64_t generation = 0; ///< one per server run: a restart ends the connections of the last
    Counts counts;

    // The relays under way, by the server run they were opened to; used only on the proxy's thread.
    struct Live {
        std::uint64_t generation = 0;
        beast::tcp_stream *client = nullptr;
    };
    std::map<std::uint64_t, Live> live;
    std::uint64_t nextRelay = 0;

    // Last, so that the relays still under way when it stops end (in the io_context's
    // destructor) while what they use is still there.
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;
    std::uint16_t port = 0;

    /** The server's port and run now. */
    std::pair<std::uint16_t, std::uint64_t> upstreamNow()
    {
        std::lock_guard lock(mutex);
        return {upstream, generation};
    }

    /**
     * Closes the tablets' connections to a server run that ended. When a server process dies, the
     * system closes its connections and the tablets see it at once; a proxy that kept them open
     * would show them a server that takes a request and never answers, which no real one does.
     */
    void closeBefore(std::uint64_t current)
    {
        for (auto &[id, relay] : live) {
            if (relay.generation < current) {
                beast::error_code ignored;
                relay.client->socket().close(ignored);
            }
        }
    }

    /** Whether to break this exchange, and how; counted at once (an exchange under way counts too). */
    std::optional<ProxyFault> decide(ProxyRoute route)
    {
        std::lock_guard lock(mutex);
        ++counts.exchanges;
        const double u = std::uniform_real_distribution<double>(0, 1)(rng);
        std::optional<ProxyFault> fault;
        if (u < rates.cutRequest)
            fault = ProxyFault::CutRequest;
        else if (u < rates.cutRequest + rates.cutAnswer)
            fault = ProxyFault::CutAnswer;
        else if (u < rates.cutRequest + rates.cutAnswer + rates.loseAnswer)
            fault = ProxyFault::LoseAnswer;
        if (fault)
            ++counts.faults[static_cast<std::size_t>(*fault)][static_cast<std::size_t>(route)];
        return fault;
    }

    /** Where to cut @p size bytes: at least one byte goes, at least one does not. */
    std::size_t cutPoint(std::size_t size)
    {
        std::lock_guard lock(mutex);
        return size < 2 ? 0 : std::uniform_int_distribution<std::size_t>(1, size - 1)(rng);
    }

    void refused()
    {
        std::lock_guard lock(mutex);
        ++counts.refused;
    }

    net::awaitable<void> acceptLoop();
    net::awaitable<void> relay(tcp::socket socket);
};

net::awaitable<void> FaultProxy::Impl::acceptLoop()
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
        if (!acceptor.is_open())
            co_return;
        if (ec)
            continue; // a connection that failed before it was ours
        net::co_spawn(ioc, relay(std::move(socket)), net::detached);
    }
}

// Each return closes both connections (the streams' destructors): the tablet sees the server hang up.
net::awaitable<void> FaultProxy::Impl::relay(tcp::socket socket)
{
    beast::tcp_stream client(std::move(socket));
    const auto [to, generation] = upstreamNow();
    if (to == 0) {
        refused();
        co_return;
    }
    beast::tcp_stream server(co_await net::this_coro::executor);
    server.expires_after(std::chrono::seconds(5));
    if (auto [ec] = co_await server.async_connect(tcp::endpoint(net::ip::address_v4::loopback(), to), kNoThrow);
        ec) {
        refused(); // the server is being restarted, or was killed and has not come back yet
        co_return;
    }
    const auto id = nextRelay++;
    live[id] = {generation, &client};
    struct Unlist {
        Impl &p;
        std::uint64_t id;
        ~Unlist() { p.live.erase(id); }
    } unlist{*this, id};
    if (upstreamNow().second != generation)
        co_return; // the server went while this connection was being made
    beast::flat_buffer fromClient;
    beast::flat_buffer fromServer;
    for (;;) {
        http::request_parser<http::string_body> request;
        request.body_limit(kBodyLimit);
        client.expires_after(kIdle);
        if (auto [ec, n] = co_await http::async_read(client, fromClient, request, kNoThrow); ec)
            co_return;
        const auto route = routeOf(request.get().target());
        const auto fault = decide(route);
        const std::string sent = wireOf(request.get());

        server.expires_after(kExchange);
        if (fault == ProxyFault::CutRequest) {
            co_await net::async_write(server, net::buffer(sent.data(), cutPoint(sent.size())), kNoThrow);
            co_return;
        }
        if (auto [ec, n] = co_await net::async_write(server, net::buffer(sent), kNoThrow); ec)
            co_return;

        http::response_parser<http::string_body> response;
        response.body_limit(kBodyLimit);
        if (auto [ec, n] = co_await http::async_read(server, fromServer, response, kNoThrow); ec)
            co_return;
        // The server answers a push only once its transaction has committed: this loses a
        // committed push's answer, the case that tests "nothing twice".
        if (fault == ProxyFault::LoseAnswer)
            co_return;

        const std::string answer = wireOf(response.get());
        client.expires_after(kExchange);
        if (fault == ProxyFault::CutAnswer) {
            co_await net::async_write(client, net::buffer(answer.data(), cutPoint(answer.size())), kNoThrow);
            co_return;
        }
        if (auto [ec, n] = co_await net::async_write(client, net::buffer(answer), kNoThrow); ec)
            co_return;
        if (!response.get().keep_alive() || !request.get().keep_alive())
            co_return;
    }
}

FaultProxy::FaultProxy(std::uint64_t seed)
    : m_impl(std::make_unique<Impl>(seed))
{}

FaultProxy::~FaultProxy()
{
    stop();
}

std::uint16_t FaultProxy::start()
{
    auto &p = *m_impl;
    const tcp::endpoint endpoint(net::ip::address_v4::loopback(), 0);
    p.acceptor.open(endpoint.protocol());
    p.acceptor.set_option(net::socket_base::reuse_address(true));
    p.acceptor.bind(endpoint);
    p.acceptor.listen();
    p.port = p.acceptor.local_endpoint().port();
    net::co_spawn(p.ioc, p.acceptLoop(), net::detached);
    p.thread = std::thread([&p] { p.ioc.run(); });
    return p.port;
}

void FaultProxy::stop()
{
    auto &p = *m_impl;
    if (!p.thread.joinable())
        return;
    net::post(p.ioc, [&p] {
        beast::error_code ignored;
        p.acceptor.close(ignored);
        p.ioc.stop(); // the relays still under way end with the io_context, closing their sockets
    });
    p.thread.join();
}

void FaultProxy::setUpstream(std::uint16_t port)
{
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->upstream == port)
            return;
        m_impl->upstream = port;
        generation = ++m_impl->generation;
    }
    net::post(m_impl->ioc, [p = m_impl.get(), generation] { p->closeBefore(generation); });
}

void FaultProxy::setRates(const Rates &rates)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->rates = rates;
}

FaultProxy::Counts FaultProxy::counts() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->counts;
}

std::uint16_t FaultProxy::port() const noexcept
{
    return m_impl->port;
}

} // namespace rd::soak
