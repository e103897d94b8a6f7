#include "router.h"

#include "accountroutes.h"
#include "attachmentroutes.h"
#include "passwordroute.h"
#include "compression.h"
#include "routing.h"
#include "servercontext.h"

#include "domain/text.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <random>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

// Answers under this size gain little from gzip and cost a deflate stream each.
constexpr std::size_t kCompressAbove = 1024;

// Asks the database too (a read of the change counter on a pooled read connection), so that a
// load balancer takes a server cut off from its database out of its rotation, and a tablet shows
// it offline. Out of reach: the StoreError is answered 503 busy with Retry-After (answerFor).
Response healthz(const Call &call)
{
    (void)call.context.readConnections().acquire().store().pullHorizon();
    return jsonResponse(http::status::ok, R"({"status":"ok"})");
}

Response metrics(const Call &call)
{
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.body() = call.context.metrics().render();
    return res;
}

Response push(const Call &call)
{
    auto &ctx = call.context;
    const auto who = authenticateUnlocked(call.request, ctx);
    // Reading the body takes no database: done outside the lock, on this thread's core.
    auto request = sync::Hub::readPush(call.body);
    // Applied on a push thread (PushQueue), after the pushes queued before it have been taken.
    auto applied = ctx.pushes().apply(who, std::move(request));
    ctx.metrics().addRowsPushed(applied.rows);
    return jsonResponse(http::status::ok, std::move(applied.answer));
}

Response pull(const Call &call)
{
    auto &ctx = call.context;
    const auto who = authenticateUnlocked(call.request, ctx);
    // A connection of its own: pulls read a snapshot beside the writer instead of waiting for it.
    auto lease = ctx.readConnections().acquire();
    auto answer = lease.hub().pull(who, call.body);
    ctx.metrics().addRowsPulled(lease.hub().lastRowCount());
    return jsonResponse(http::status::ok, std::move(answer));
}

struct Route {
    std::string_view path;
    http::verb method;
    Response (*handler)(const Call &);  ///< answers at once; or, when null,
    void (*later)(const Call &, Finish); ///< answers later, from another thread
    bool sync;                          ///< counted in releasedesk_sync_errors_total when refused
};

constexpr std::array kRoutes{
    Route{"/healthz", http::verb::get, healthz, nullptr, false},
    Route{"/metrics", http::verb::get, metrics, nullptr, false},
    Route{"/api/v1/signin", http::verb::post, nullptr, signin, false},
    Route{"/api/v1/refresh", http::verb::post, refresh, nullptr, false},
    Route{"/api/v1/password", http::verb::post, nullptr, setPassword, false},
    Route{"/api/v1/push", http::verb::post, push, nullptr, true},
    Route{"/api/v1/pull", http::verb::post, pull, nullptr, true},
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
                   "Content-Encoding " + printable(encoding, 40) + " is not supported; send gzip or nothing");
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

/** What answering a request needs once the request itself is gone (a sign-in answers later). */
struct Exchange {
    unsigned version = 11;
    bool keepAlive = true;
    std::string acceptEncoding;
    std::string client;
    std::string route = "unknown"; ///< a fixed route name, for the metrics' labels
    bool syncRoute = false;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    Respond respond;
};

/** Eight hex digits that tie an answer to the log line with its details. */
std::string newReference()
{
    thread_local std::mt19937 random{std::random_device{}()};
    char text[9];
    std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(random()));
    return text;
}

/**
 * 500 for what a device can do nothing about (a database error, a bug): the details (SQL, file
 * paths) go to the log under a reference, and the device gets words and the reference.
 */
Response internalError(const Exchange &ex, std::string_view details)
{
    const auto ref = newReference();
    std::cerr << "syncserver: ref " << ref << ": " << ex.route << " from " << ex.client << ": " << details
              << std::endl;
    return errorResponse(http::status::internal_server_error, "internal",
                         "the server could not complete the request (ref " + ref +
                             "); try again later, and if it keeps failing, give this reference to the "
                             "person who runs the server",
                         ex.version, ex.keepAlive, {{"ref", ref}});
}

/** The answer for an exception a handler threw: a refusal, a core error, or an internal error. */
Response answerFor(std::exception_ptr error, const Exchange &ex)
{
    const auto refused = [&](http::status status, std::string_view code, std::string_view message,
                             const json::object &extra = {}) {
        return errorResponse(status, code, message, ex.version, ex.keepAlive, extra);
    };
    try {
        std::rethrow_exception(error);
    } catch (const Refusal &r) {
        return refused(r.status, r.code, r.message, r.extra);
    } catch (const sync::ProtocolError &e) {
        return refused(http::status::bad_request, e.code(), e.what());
    } catch (const sync::ForbiddenError &e) {
        return refused(http::status::forbidden, "forbidden", e.what());
    } catch (const sync::SeqGapError &e) {
        return refused(http::status::conflict, "seq_gap", e.what(), {{"expected_seq", e.expected()}});
    } catch (const sync::DatabaseChangedError &e) {
        return refused(http::status::conflict, "database_changed", e.what(),
                       {{"database_id", e.databaseId().toString()}});
    } catch (const StoreError &e) {
        // The database out of reach for now (a PostgreSQL restart, a standby taking over, a lock
        // waited for too long, no new connection to be had): nothing was applied, and the same
        // request may come again.
        if (sql::isUnavailable(e)) {
            std::cerr << "syncserver: database unavailable: " << e.what() << std::endl;
            return refused(http::status::service_unavailable, "busy",
                           "the database is unavailable for a moment; nothing was changed, try again",
                           {{"retry_after_s", 5}});
        }
        return internalError(ex, std::string("database error: ") + e.what());
    } catch (const ValidationError &e) {
        return refused(http::status::bad_request, "wrong_type", e.what());
    } catch (const NotFoundError &e) {
        return refused(http::status::bad_request, "not_found", e.what());
    } catch (const Error &e) {
        return refused(http::status::bad_request, "rejected", e.what());
    } catch (const std::exception &e) {
        return internalError(ex, e.what());
    } catch (...) {
        return internalError(ex, "an unknown exception");
    }
}

/** Headers, compression and metrics for every answer, then hands it to the connection. */
void send(Response res, const Exchange &ex, ServerContext &ctx)
{
    res.version(ex.version);
    res.keep_alive(ex.keepAlive);
    res.set(http::field::server, "syncserver");
    // A photo (JPEG) is compressed already: deflate would only cost time.
    const bool compressed = res[http::field::content_type].starts_with("image/");
    if (res.body().size() > kCompressAbove && !compressed && acceptsGzip(ex.acceptEncoding) &&
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
    if (ex.syncRoute && res.result_int() >= 400)
        ctx.metrics().addSyncError();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - ex.started;
    ctx.metrics().recordRequest(ex.route, res.result_int(), took.count());
    ex.respond(std::move(res));
}

/**
 * Routes @p req: the answer, or nothing when a later route will send it from another thread
 * (through send()).
 */
std::optional<Response> dispatch(Request &req, ServerContext &ctx, const std::shared_ptr<Exchange> &ex)
{
    const std::string_view target(req.target().data(), req.target().size());
    const auto path = target.substr(0, target.find('?'));
    if (const auto v = apiVersion(path); !v.empty() && v != "1") {
        ex->route = "unsupported_version";
        refuse(http::status::bad_request, "unsupported_protocol_version",
               "this server speaks sync protocol version 1 (/api/v1/), not v" + printable(v, 20) +
                   "; update the app or the server");
    }
    if (path.starts_with(kAttachmentsPath)) {
        // Named by their hash, so not in the route table; the metrics name them all as one route.
        ex->route = "/api/v1/attachments";
        const Call call{req, {}, ctx, ex->client};
        return attachmentRoute(call, path.substr(kAttachmentsPath.size()));
    }
    const auto route = std::find_if(kRoutes.begin(), kRoutes.end(), [&](const Route &r) { return r.path == path; });
    if (route == kRoutes.end()) {
        ex->route = "not_found";
        refuse(http::status::not_found, "not_found", "there is nothing at " + printable(path, 100));
    }
    ex->route = route->path;
    ex->syncRoute = route->sync;
    if (req.method() != route->method) {
        Response res = errorResponse(http::status::method_not_allowed, "method_not_allowed",
                                     std::string(route->path) + " answers " +
                                         std::string(http::to_string(route->method)) + " only",
                                     ex->version, ex->keepAlive);
        res.set(http::field::allow, http::to_string(route->method));
        return res;
    }
    const std::string body = route->method == http::verb::post ? decodedBody(req, ctx.options().bodyLimit) : std::string();
    const Call call{req, body, ctx, ex->client};
    if (!route->later)
        return route->handler(call);
    // The handler either throws now (answered by handleRequest) or calls finish once, later.
    route->later(call, [ex, &ctx](const std::function<Response()> &work) {
        Response res;
        try {
            res = work();
        } catch (...) {
            res = answerFor(std::current_exception(), *ex);
        }
        send(std::move(res), *ex, ctx);
    });
    return std::nullopt;
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
    if (const auto *after = body.if_contains("retry_after_s"); after && after->is_int64())
        res.set(http::field::retry_after, std::to_string(after->as_int64()));
    res.prepare_payload();
    return res;
}

void handleRequest(Request &&req, ServerContext &ctx, const std::string &client, Respond respond)
{
    auto ex = std::make_shared<Exchange>();
    ex->version = req.version();
    ex->keepAlive = req.keep_alive();
    ex->acceptEncoding = std::string(req[http::field::accept_encoding]);
    ex->client = client;
    ex->respond = std::move(respond);
    std::optional<Response> res;
    try {
        res = dispatch(req, ctx, ex);
        if (!res)
            return; // sent later
    } catch (...) {
        res = answerFor(std::current_exception(), *ex);
    }
    send(std::move(*res), *ex, ctx);
}

Response handleRequest(Request &&req, ServerContext &ctx, const std::string &client)
{
    // Shared with the callback: a sign-in's answer is given on a pool thread, which may still be
    // inside set_value when this one returns.
    auto answer = std::make_shared<std::promise<Response>>();
    auto future = answer->get_future();
    handleRequest(std::move(req), ctx, client, [answer](Response res) { answer->set_value(std::move(res)); });
    return future.get();
}

} // namespace rd::server
