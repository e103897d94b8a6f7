#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace rd::test {

/** One HTTP answer as a test reads it. */
struct HttpAnswer {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers; ///< names in lower case
    /** The "error" code of a JSON error body, or empty. */
    [[nodiscard]] std::string errorCode() const;
};

/**
 * A small synchronous HTTP/1.1 client over Boost.Beast for the tests: one connection per request
 * to 127.0.0.1, plain or TLS (without certificate checks, for the test's self-signed one), every
 * operation under a timeout so a broken server fails the test instead of hanging it.
 */
class HttpClient {
public:
    explicit HttpClient(std::uint16_t port, bool tls = false,
                        std::chrono::seconds timeout = std::chrono::seconds(20));

    HttpAnswer get(const std::string &target, const std::map<std::string, std::string> &headers = {});
    HttpAnswer post(const std::string &target, const std::string &body,
                    const std::map<std::string, std::string> &headers = {});
    /** Sends any method; throws std::runtime_error when the exchange fails. */
    HttpAnswer send(const std::string &method, const std::string &target, const std::string &body,
                    const std::map<std::string, std::string> &headers);

private:
    std::uint16_t m_port;
    bool m_tls;
    std::chrono::seconds m_timeout;
};

/** "Bearer <token>" as a header map. */
[[nodiscard]] std::map<std::string, std::string> bearer(const std::string &token);

} // namespace rd::test
