#pragma once

#include "router.h"

#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace rd {
class Store;
namespace sync {
class Hub;
struct Principal;
} // namespace sync
} // namespace rd

namespace rd::server {

class ServerContext;
class TokenStore;

/**
 * A refusal raised inside a route handler and turned into its JSON error answer in one place, so
 * the handlers read as the happy path.
 */
struct Refusal {
    boost::beast::http::status status;
    std::string code;
    std::string message;
    boost::json::object extra; ///< fields of the error body beside "error" and "message"
};

[[noreturn]] void refuse(boost::beast::http::status status, std::string code, std::string message,
                         boost::json::object extra = {});

/** An answer with a JSON body, never cached. */
[[nodiscard]] Response jsonResponse(boost::beast::http::status status, std::string body);

/** The request body as a JSON object; refused with 400 malformed_json or wrong_type otherwise. */
[[nodiscard]] boost::json::object parseObject(std::string_view body);

/**
 * The string field @p field of @p o, of at most @p maxChars characters; refused with 400
 * missing_field or wrong_type otherwise.
 */
[[nodiscard]] std::string requireString(const boost::json::object &o, std::string_view field, std::size_t maxChars);

/** One request as a route handler sees it. */
struct Call {
    const Request &request;
    std::string_view body; ///< inflated and checked to be UTF-8
    ServerContext &context;
    const std::string &client; ///< the client's IP address, for throttling and the log
};

/**
 * How a handler that answers later (a sign-in, once its password is checked on the sign-in pool)
 * gives its answer: called once, from any thread, with work that returns the answer or throws as
 * a handler does (a Refusal, a core error). The router makes either into the response and sends it.
 */
using Finish = std::function<void(const std::function<Response()> &work)>;

/**
 * The caller of an API route, from its bearer token, read through @p store, @p tokens and @p hub
 * (one connection: the writer under the store lock, or a read connection of its own). Refused
 * with 401 (unauthorized, token_expired) when the token or the account does not hold.
 */
[[nodiscard]] sync::Principal authenticate(const Request &req, ServerContext &ctx, Store &store, TokenStore &tokens,
                                           sync::Hub &hub);

/** authenticate() on a read connection of its own, without the store lock. */
[[nodiscard]] sync::Principal authenticateUnlocked(const Request &req, ServerContext &ctx);

} // namespace rd::server
