#include "httpclient.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace rd::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

/** Runs one asynchronous step to completion; the stream's own timeout bounds it. */
template <class Start>
beast::error_code runStep(net::io_context &ioc, Start start)
{
    beast::error_code result = net::error::would_block;
    start([&result](beast::error_code ec, auto &&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
}

void check(beast::error_code ec, const char *what)
{
    if (ec)
        throw std::runtime_error(std::string("http client: ") + what + ": " + ec.message());
}

template <class Stream>
HttpAnswer exchange(net::io_context &ioc, Stream &stream, http::request<http::string_body> &req,
                    std::chrono::seconds timeout)
{
    auto &lowest = beast::get_lowest_layer(stream);
    lowest.expires_after(timeout);
    check(runStep(ioc, [&](auto h) { http::async_write(stream, req, h); }), "write");
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    lowest.expires_after(timeout);
    check(runStep(ioc, [&](auto h) { http::async_read(stream, buffer, parser, h); }), "read");
    HttpAnswer a;
    const auto &res = parser.get();
    a.status = res.result_int();
    a.body = res.body();
    for (const auto &f : res) {
        std::string name(f.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        a.headers[name] = std::string(f.value());
    }
    return a;
}

} // namespace

std::string HttpAnswer::errorCode() const
{
    boost::system::error_code ec;
    const auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object())
        return {};
    const auto *e = v.as_object().if_contains("error");
    return e && e->is_string() ? std::string(e->as_string()) : std::string();
}

HttpClient::HttpClient(std::uint16_t port, bool tls, std::chrono::seconds timeout)
    : m_port(port)
    , m_tls(tls)
    , m_timeout(timeout)
{}

HttpAnswer HttpClient::get(const std::string &target, const std::map<std::string, std::string> &headers)
{
    return send("GET", target, {}, headers);
}

HttpAnswer HttpClient::post(const std::string &target, const std::string &body,
                            const std::map<std::string, std::string> &headers)
{
    auto h = headers;
    h.emplace("Content-Type", "application/json");
    return send("POST", target, body, h);
}

HttpAnswer HttpClient::send(const std::string &method, const std::string &target, const std::string &body,
                            const std::map<std::string, std::string> &headers)
{
    net::io_context ioc;
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::connection, "close");
    for (const auto &[k, v] : headers)
        req.set(k, v);
    req.body() = body;
    if (!body.empty() || method == "POST")
        req.prepare_payload();
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), m_port);

    if (!m_tls) {
        beast::tcp_stream stream(ioc);
        stream.expires_after(m_timeout);
        check(runStep(ioc, [&](auto h) { stream.async_connect(endpoint, h); }), "connect");
        return exchange(ioc, stream, req, m_timeout);
    }
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_verify_mode(ssl::verify_none); // the test's certificate is self-signed
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    auto &lowest = beast::get_lowest_layer(stream);
    lowest.expires_after(m_timeout);
    check(runStep(ioc, [&](auto h) { lowest.async_connect(endpoint, h); }), "connect");
    lowest.expires_after(m_timeout);
    check(runStep(ioc, [&](auto h) { stream.async_handshake(ssl::stream_base::client, h); }), "TLS handshake");
    auto answer = exchange(ioc, stream, req, m_timeout);
    lowest.expires_after(std::chrono::seconds(5));
    runStep(ioc, [&](auto h) { stream.async_shutdown(h); }); // the server may just close: fine
    return answer;
}

std::map<std::string, std::string> bearer(const std::string &token)
{
    return {{"Authorization", "Bearer " + token}};
}

} // namespace rd::test
