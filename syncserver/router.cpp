#include "router.h"

#include "compression.h"
#include "servercontext.h"

#include "domain/enums.h"
#include "domain/text.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <iostream>
#include <mutex>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

// Answers under this size gain little from gzip and cost a deflate stream each.
constexpr std::size_t kCompressAbove = 1024;

/**
 * A refusal raised inside a route handler and turned into its JSON error answer in one place, so
 * the handlers read as the happy path.
 */
struct Refusal {
    http::status status;
    std::string code;
    std::string message;
    json::object extra; ///< fields of the error body beside "error" and "message"
};

[[noreturn]] void refuse(http::status status, std::string code, std::string message, json::object extra = {})
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

std::string requireString(const json::object &o, std::string_view field)
{
    const auto *v = o.if_contains(field);
    if (!v)
        refuse(http::status::bad_request, "missing_field", "the field \"" + std::string(field) + "\" is required");
    if (!v->is_string())
        refuse(http::status::bad_request, "wrong_type", "the field \"" + std::string(field) + "\" must be a string");
    return std::string(v->as_string());
}

json::object tokensJson(const IssuedTokens &t, const User &user, const std::vector<Id> &sites)
{
    json::array siteIds;
    for (const auto &s : sites)
        siteIds.emplace_back(s.toString());
    return {{"access_token", t.accessToken},
            {"access_expires_at", t.accessExpiresAt},
            {"refresh_token", t.refreshToken},
            {"refresh_expires_at", t.refreshExpiresAt},
            {"user",
             {{"id", user.id.toString()},
              {"name", user.name},
              {"display_name", user.displayName},
              {"role", std::string(toString(user.role))},
              {"sites", std::move(siteIds)}}}};
}

/** A hash to verify against when the name is unknown, so both refusals take the same time. */
const std::string &decoyHash()
{
    static const std::string hash = hashPassword("no such user: a decoy so timing tells nothing");
    return hash;
}

Response healthz(const Request &, std::string_view, ServerContext &)
{
    return jsonResponse(http::status::ok, R"({"status":"ok"})");
}

Response metrics(const Request &, std::string_view, ServerContext &ctx)
{
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.body() = ctx.metrics().render();
    return res;
}

Response signin(const Request &, std::string_view body, ServerContext &ctx)
{
    const auto o = parseObject(body);
    const auto name = requireString(o, "name");
    const auto password = requireString(o, "password");
    const auto deviceText = requireString(o, "device_id");
    Id device;
    try {
        device = Id::parse(deviceText, "device_id");
    } catch (const ValidationError &) {
        refuse(http::status::bad_request, "wrong_type", "the field \"device_id\" must be a UUID");
    }

    std::optional<User> user;
    std::optional<std::string> hash;
    {
        std::lock_guard lock(ctx.storeMutex());
        user = ctx.store().userByName(name);
        if (user)
            hash = ctx.store().passwordHash(user->id);
    }
    // argon2id takes a tenth of a second and 64 MiB: outside the lock, so other devices keep syncing.
    const bool matches = hash ? verifyPassword(*hash, password) : (void(verifyPassword(decoyHash(), password)), false);
    if (!matches)
        refuse(http::status::unauthorized, "bad_credentials", "the name or the password is wrong");
    if (!user->active)
        refuse(http::status::unauthorized, "bad_credentials",
               "this account is switched off; a release manager can switch it on again");

    std::lock_guard lock(ctx.storeMutex());
    const Millis now = ctx.now();
    ctx.tokens().purgeExpired(now);
    const auto tokens = ctx.tokens().issue({user->id, device}, now);
    return jsonResponse(http::status::ok,
                        json::serialize(tokensJson(tokens, *user, ctx.hub().sitesOf(user->id, user->role))));
}

Response refresh(const Request &, std::string_view body, ServerContext &ctx)
{
    const auto o = parseObject(body);
    const auto token = requireString(o, "refresh_token");
    std::lock_guard lock(ctx.storeMutex());
    const auto rotated = ctx.tokens().rotate(token, ctx.now());
    if (!rotated)
        refuse(http::status::unauthorized, "unauthorized", "the refresh token is not valid or has expired; sign in again");
    const auto user = ctx.store().user(rotated->first.userId);
    if (!user || !user->active)
        refuse(http::status::unauthorized, "unauthorized", "this account is switched off; sign in again");
    return jsonResponse(
        http::status::ok,
        json::serialize(tokensJson(rotated->second, *user, ctx.hub().sitesOf(user->id, user->role))));
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

Response push(const Request &req, std::string_view body, ServerContext &ctx)
{
    const auto who = authenticateUnlocked(req, ctx);
    // Reading the body takes no database: done outside the lock, on this thread's core.
    auto request = sync::Hub::readPush(body);
    // Applied on the push thread, under the store lock, right after the pushes queued before it.
    auto applied = ctx.pushes().apply(who, std::move(request));
    ctx.metrics().addRowsPushed(applied.rows);
    return jsonResponse(http::status::ok, std::move(applied.answer));
}

Response pull(const Request &req, std::string_view body, ServerContext &ctx)
{
    const auto who = authenticateUnlocked(req, ctx);
    // A connection of its own: pulls read a snapshot beside the writer instead of waiting for it.
    auto lease = ctx.readConnections().acquire();
    auto answer = lease.hub().pull(who, body);
    ctx.metrics().addRowsPulled(lease.hub().lastRowCount());
    return jsonResponse(http::status::ok, std::move(answer));
}

struct Route {
    std::string_view path;
    http::verb method;
    Response (*handler)(const Request &, std::string_view, ServerContext &);
    bool sync; ///< counted in releasedesk_sync_errors_total when refused
};

constexpr std::array kRoutes{
    Route{"/healthz", http::verb::get, healthz, false},
    Route{"/metrics", http::verb::get, metrics, false},
    Route{"/api/v1/signin", http::verb::post, signin, false},
    Route{"/api/v1/refresh", http::verb::post, refresh, false},
    Route{"/api/v1/push", http::verb::post, push, true},
    Route{"/api/v1/pull", http::verb::post, pull, true},
};

/** "/api/v2/push" -> "2"; empty when the path is not under /api/v<N>/. */
std::string_view apiVersion(std::string_view path)
{
    constexpr std::string_view prefix = "/api/v";
    if (path.substr(0, prefix.size()) != prefix)
        return {};
    path.remove_prefix(prefix.size());
    return path.substr(0, path.find('/'));
}

/** The request body as the handlers read it: inflated if gzip, and checked to be UTF-8. */
std::string decodedBody(Request &req, std::size_t limit)
{
    const auto encoding = req[http::field::content_encoding];
    std::string body = std::move(req.body());
    if (!encoding.empty() && !boost::beast::iequals(encoding, "identity")) {
        if (!boost::beast::iequals(encoding, "gzip"))
            refuse(http::status::unsupported_media_type, "unsupported_encoding",
                   "Content-Encoding " + printable(std::string_view(encoding.data(), encoding.size()), 40) +
                       " is not supported; send gzip or nothing");
        InflateError why{};
        auto inflated = gzipDecompress(body, limit, why);
        if (why == InflateError::TooLarge)
            refuse(http::status::payload_too_large, "body_too_large",
                   "the request body is over " + std::to_string(limit) + " bytes once inflated");
        if (!inflated)
            refuse(http::status::bad_request, "malformed_json", "the request body is not valid gzip");
        body = std::move(*inflated);
    }
    if (!isValidUtf8(body))
        refuse(http::status::bad_request, "invalid_utf8", "the request body is not valid UTF-8");
    return body;
}

Response dispatch(Request &req, ServerContext &ctx, std::string &routeName, bool &syncRoute)
{
    const std::string_view target(req.target().data(), req.target().size());
    const auto path = target.substr(0, target.find('?'));
    if (const auto v = apiVersion(path); !v.empty() && v != "1") {
        routeName = "unsupported_version";
        refuse(http::status::bad_request, "unsupported_protocol_version",
               "this server speaks sync protocol version 1 (/api/v1/), not v" + printable(v, 20) +
                   "; update the app or the server");
    }
    const auto route = std::find_if(kRoutes.begin(), kRoutes.end(), [&](const Route &r) { return r.path == path; });
    if (route == kRoutes.end()) {
        routeName = "not_found";
        refuse(http::status::not_found, "not_found", "there is nothing at " + printable(path, 100));
    }
    routeName = route->path;
    syncRoute = route->sync;
    if (req.method() != route->method) {
        Response res = errorResponse(http::status::method_not_allowed, "method_not_allowed",
                                     std::string(route->path) + " answers " +
                                         std::string(http::to_string(route->method)) + " only",
                                     req.version(), req.keep_alive());
        res.set(http::field::allow, http::to_string(route->method));
        return res;
    }
    const std::string body = route->method == http::verb::post ? decodedBody(req, ctx.options().bodyLimit) : std::string();
    try {
        return route->handler(req, body, ctx);
    } catch (const Refusal &) {
        throw;
    } catch (const sync::ProtocolError &e) {
        refuse(http::status::bad_request, e.code(), e.what());
    } catch (const sync::ForbiddenError &e) {
        refuse(http::status::forbidden, "forbidden", e.what());
    } catch (const sync::SeqGapError &e) {
        refuse(http::status::conflict, "seq_gap", e.what(), {{"expected_seq", e.expected()}});
    } catch (const sync::DatabaseChangedError &e) {
        refuse(http::status::conflict, "database_changed", e.what(),
               {{"database_id", e.databaseId().toString()}});
    } catch (const StoreError &e) {
        std::cerr << "syncserver: " << routeName << ": database error: " << e.what() << std::endl;
        refuse(http::status::internal_server_error, "internal", "the server could not complete the request; try again later");
    } catch (const ValidationError &e) {
        refuse(http::status::bad_request, "wrong_type", e.what());
    } catch (const NotFoundError &e) {
        refuse(http::status::bad_request, "not_found", e.what());
    } catch (const Error &e) {
        refuse(http::status::bad_request, "rejected", e.what());
    }
}

} // namespace

Response errorResponse(http::status status, std::string_view code, std::string_view message, unsigned httpVersion,
                       bool keepAlive, const json::object &extra)
{
    json::object body{{"error", code}, {"message", message}};
    for (const auto &[k, v] : extra)
        body[k] = v;
    Response res = jsonResponse(status, json::serialize(body));
    res.version(httpVersion);
    res.keep_alive(keepAlive);
    if (status == http::status::unauthorized)
        res.set(http::field::www_authenticate, code == "token_expired" ? R"(Bearer error="invalid_token", error_description="expired")"
                                                                        : "Bearer");
    res.prepare_payload();
    return res;
}

Response handleRequest(Request &&req, ServerContext &ctx)
{
    const auto started = std::chrono::steady_clock::now();
    std::string routeName = "unknown";
    bool syncRoute = false;
    Response res;
    try {
        res = dispatch(req, ctx, routeName, syncRoute);
    } catch (const Refusal &r) {
        res = errorResponse(r.status, r.code, r.message, req.version(), req.keep_alive(), r.extra);
    } catch (const std::exception &e) {
        std::cerr << "syncserver: " << routeName << ": " << e.what() << std::endl;
        res = errorResponse(http::status::internal_server_error, "internal",
                            "the server could not complete the request; try again later", req.version(),
                            req.keep_alive());
    }
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    res.set(http::field::server, "syncserver");
    if (res.body().size() > kCompressAbove && acceptsGzip(req[http::field::accept_encoding]) &&
        res.find(http::field::content_encoding) == res.end()) {
        try {
            res.body() = gzipCompress(res.body());
            res.set(http::field::content_encoding, "gzip");
        } catch (const std::exception &e) {
            std::cerr << "syncserver: gzip: " << e.what() << std::endl; // the plain answer is still right
        }
        res.set(http::field::vary, "Accept-Encoding");
    }
    res.prepare_payload();
    if (syncRoute && res.result_int() >= 400)
        ctx.metrics().addSyncError();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    ctx.metrics().recordRequest(routeName, res.result_int(), took.count());
    return res;
}

} // namespace rd::server
