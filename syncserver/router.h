#pragma once

#include <boost/json/object.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string_view>

namespace rd::server {

class ServerContext;

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

/**
 * Answers one request: the whole HTTP API as a pure function of the request and the shared
 * context, so it is tested without sockets. Never throws for anything a client sends; every
 * 4xx and 5xx carries a JSON error body (docs/sync-protocol.md). Compresses the answer when the
 * client accepts gzip, and counts it in the metrics.
 */
[[nodiscard]] Response handleRequest(Request &&request, ServerContext &context);

/**
 * A JSON error answer {"error": code, "message": words}. Also used by the session for what it
 * refuses before a request is whole (a body over the limit, broken HTTP).
 */
[[nodiscard]] Response errorResponse(boost::beast::http::status status, std::string_view code,
                                     std::string_view message, unsigned httpVersion, bool keepAlive,
                                     const boost::json::object &extra = {});

} // namespace rd::server
