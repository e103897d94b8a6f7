#pragma once

#include <boost/json/object.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace rd::server {

class ServerContext;

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

/** Receives the answer to a request: called once, on the caller's thread or (sign-in) another. */
using Respond = std::function<void(Response)>;

/**
 * Answers one request: the whole HTTP API as a function of the request and the shared context,
 * so it is tested without sockets. Never throws for anything a client sends; every 4xx and 5xx
 * carries a JSON error body (docs/sync-protocol.md), and a 500 carries a reference to the log
 * line with the details, never the details. Compresses the answer when the client accepts gzip,
 * and counts it in the metrics. Most answers are given before it returns; a sign-in's comes
 * later, from the thread that checked the password, so no request thread waits for a hash.
 * @p client is the client's IP address (throttling, the log).
 */
void handleRequest(Request &&request, ServerContext &context, const std::string &client, Respond respond);

/** handleRequest, waiting for the answer (a sign-in's too): for tests and tools, not the server. */
[[nodiscard]] Response handleRequest(Request &&request, ServerContext &context,
                                     const std::string &client = "127.0.0.1");

/**
 * A JSON error answer {"error": code, "message": words, ...extra}. An "retry_after_s" in
 * @p extra is also sent as the Retry-After header. Also used by the session for what it refuses
 * before a request is whole (a body over the limit, broken HTTP).
 */
[[nodiscard]] Response errorResponse(boost::beast::http::status status, std::string_view code,
                                     std::string_view message, unsigned httpVersion, bool keepAlive,
                                     const boost::json::object &extra = {});

} // namespace rd::server
