#include "routing.h"

#include "auth.h"
#include "servercontext.h"

#include "domain/text.h"

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

void refuse(http::status status, std::string code, std::string message, json::object extra)
{
    throw Refusal{status, std::move(code), std::move(message), std::move(extra)};
}

Response jsonResponse(http::status status, std::string body)
{
    Response res{status, 11};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    return res;
}

json::object parseObject(std::string_view body)
{
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec)
        refuse(http::status::bad_request, "malformed_json", "the request body is not valid JSON: " + ec.message());
    if (!v.is_object())
        refuse(http::status::bad_request, "wrong_type", "the request body must be a JSON object");
    return std::move(v.as_object());
}

std::string requireString(const json::object &o, std::string_view field, std::size_t maxChars)
{
    const auto *v = o.if_contains(field);
    if (!v)
        refuse(http::status::bad_request, "missing_field", "the field \"" + std::string(field) + "\" is required");
    if (!v->is_string())
        refuse(http::status::bad_request, "wrong_type", "the field \"" + std::string(field) + "\" must be a string");
    const auto &s = v->as_string();
    if (codePointCount(s) > maxChars)
        refuse(http::status::bad_request, "wrong_type",
               "the field \"" + std::string(field) + "\" must be at most " + std::to_string(maxChars) +
                   " characters long");
    return std::string(s);
}

/**
 * The caller of an API route, from its bearer token, read through @p store, @p tokens and @p hub
 * (one connection: the writer under the store lock, or a read connection of its own).
 */
sync::Principal authenticate(const Request &req, ServerContext &ctx, Store &store, TokenStore &tokens,
                             sync::Hub &hub)
{
    const auto header = req[http::field::authorization];
    constexpr std::string_view scheme = "bearer ";
    if (header.empty())
        refuse(http::status::unauthorized, "unauthorized", "sign in first: this call needs Authorization: Bearer <access token>");
    if (header.size() <= scheme.size() || !boost::beast::iequals(header.substr(0, scheme.size()), scheme))
        refuse(http::status::unauthorized, "unauthorized", "the Authorization header must be \"Bearer <access token>\"");
    auto token = header.substr(scheme.size());
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    if (token.size() > kMaxTokenChars)
        refuse(http::status::unauthorized, "unauthorized", "the access token is not valid; sign in again");
    TokenOwner owner;
    switch (tokens.checkAccess(std::string_view(token.data(), token.size()), ctx.now(), owner)) {
    case TokenState::Unknown:
        refuse(http::status::unauthorized, "unauthorized", "the access token is not valid; sign in again");
    case TokenState::Expired:
        refuse(http::status::unauthorized, "token_expired", "the access token has expired; refresh it and try again");
    case TokenState::Valid:
        break;
    }
    const auto user = store.user(owner.userId);
    if (!user || !user->active)
        refuse(http::status::unauthorized, "unauthorized", "this account is switched off; sign in again");
    return {user->id, user->role, hub.sitesOf(user->id, user->role), owner.deviceId};
}

/**
 * Authenticates on a read connection of its own, without the store lock: checking a token only
 * reads, and in WAL mode a reader never waits for the writer. So the next push is authenticated
 * and read while the one before it is being applied, and the lock never stands idle for it.
 */
sync::Principal authenticateUnlocked(const Request &req, ServerContext &ctx)
{
    auto lease = ctx.readConnections().acquire();
    return authenticate(req, ctx, lease.store(), lease.tokens(), lease.hub());
}

} // namespace rd::server
