#include "attachmentroutes.h"

#include "servercontext.h"

#include "domain/photoref.h"
#include "sync/protocol.h"

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

/** The parts of "bytes START-END/TOTAL". */
struct ContentRange {
    std::int64_t start = 0;
    std::int64_t end = 0; ///< inclusive
    std::int64_t total = 0;
};

bool readNumber(std::string_view &text, char stop, std::int64_t &out)
{
    const auto at = stop ? text.find(stop) : text.size();
    if (at == std::string_view::npos || at == 0)
        return false;
    const auto digits = text.substr(0, at);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    if (ec != std::errc() || end != digits.data() + digits.size() || out < 0)
        return false;
    text.remove_prefix(stop ? at + 1 : at);
    return true;
}

std::optional<ContentRange> parseContentRange(std::string_view text)
{
    constexpr std::string_view unit = "bytes ";
    if (text.substr(0, unit.size()) != unit)
        return std::nullopt;
    text.remove_prefix(unit.size());
    ContentRange r;
    if (!readNumber(text, '-', r.start) || !readNumber(text, '/', r.end) || !readNumber(text, 0, r.total))
        return std::nullopt;
    return r;
}

std::string megabytes(std::int64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

Response stateAnswer(http::status status, std::string_view sha, const AttachmentStore::State &st, std::int64_t limit)
{
    return jsonResponse(status, json::serialize(json::object{
                                    {"sha256", sha}, {"complete", st.complete}, {"received", st.received}, {"limit", limit}}));
}

Response status(const Call &call, std::string_view sha)
{
    (void)authenticateUnlocked(call.request, call.context);
    return stateAnswer(http::status::ok, sha, call.context.attachments().state(sha),
                       call.context.options().attachmentLimit);
}

Response upload(const Call &call, std::string_view sha)
{
    auto &ctx = call.context;
    (void)authenticateUnlocked(call.request, ctx);
    if (const auto enc = call.request[http::field::content_encoding];
        !enc.empty() && !boost::beast::iequals(enc, "identity"))
        refuse(http::status::unsupported_media_type, "unsupported_encoding",
               "a photo is sent as it is (JPEG), without Content-Encoding");
    const std::string &body = call.request.body();
    const auto size = static_cast<std::int64_t>(body.size());
    ContentRange range{0, size - 1, size};
    if (const auto header = call.request[http::field::content_range]; !header.empty()) {
        const auto parsed = parseContentRange(std::string_view(header.data(), header.size()));
        if (!parsed)
            refuse(http::status::bad_request, "bad_request",
                   "Content-Range must be \"bytes START-END/TOTAL\" (END inclusive)");
        range = *parsed;
    }
    const auto limit = ctx.options().attachmentLimit;
    if (range.total > limit)
        refuse(http::status::payload_too_large, "attachment_too_large",
               "the photo is " + megabytes(range.total) + " (" + std::to_string(range.total) +
                   " bytes); this server takes photos of at most " + megabytes(limit) + " (" +
                   std::to_string(limit) + " bytes)",
               {{"limit", limit}});
    if (range.total == 0 || range.start > range.end || range.end >= range.total || range.end - range.start + 1 != size)
        refuse(http::status::bad_request, "bad_request",
               "Content-Range says bytes " + std::to_string(range.start) + "-" + std::to_string(range.end) + " of " +
                   std::to_string(range.total) + " but the body holds " + std::to_string(size) + " bytes");
    auto &store = ctx.attachments();
    switch (store.put(sha, range.start, range.total, body)) {
    case AttachmentStore::Outcome::Stored:
        return stateAnswer(http::status::ok, sha, store.state(sha), limit);
    case AttachmentStore::Outcome::Completed:
        return stateAnswer(http::status::created, sha, store.state(sha), limit);
    case AttachmentStore::Outcome::AlreadyHeld:
        return stateAnswer(http::status::ok, sha, store.state(sha), limit);
    case AttachmentStore::Outcome::WrongStart: {
        const auto received = store.state(sha).received;
        refuse(http::status::conflict, "range_mismatch",
               "the server holds the first " + std::to_string(received) + " bytes of this photo; send from byte " +
                   std::to_string(received) + ", not " + std::to_string(range.start),
               {{"received", received}});
    }
    case AttachmentStore::Outcome::HashMismatch:
        refuse(http::status::bad_request, "hash_mismatch",
               "the bytes received are not the photo named " + std::string(sha) +
                   " (their SHA-256 differs); they were dropped: send the photo again from byte 0");
    case AttachmentStore::Outcome::NotAJpeg:
        refuse(http::status::unsupported_media_type, "not_a_photo",
               "the bytes received are not a JPEG photo; they were dropped");
    }
    refuse(http::status::internal_server_error, "internal", "unreachable");
}

Response download(const Call &call, std::string_view sha)
{
    auto &ctx = call.context;
    auto lease = ctx.readConnections().acquire();
    const auto who = authenticate(call.request, ctx, lease.store(), lease.tokens(), lease.hub());
    if (who.role != Role::ReleaseManager) {
        const auto sites = lease.store().photoSites(photoEvidence(sha));
        const bool mine = std::any_of(sites.begin(), sites.end(), [&](const Id &site) {
            return std::find(who.sites.begin(), who.sites.end(), site) != who.sites.end();
        });
        if (sites.empty())
            refuse(http::status::not_found, "not_found", "no checklist line on the server refers to this photo");
        if (!mine)
            refuse(http::status::forbidden, "forbidden",
                   "this photo is evidence at a site you do not work at");
    }
    auto bytes = ctx.attachments().read(sha);
    if (!bytes)
        refuse(http::status::not_found, "not_found",
               "the server does not hold this photo (yet): the tablet that took it uploads it when it syncs");
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, "image/jpeg");
    // Named by its content: it never changes, but it is nobody else's to keep.
    res.set(http::field::cache_control, "private, max-age=31536000, immutable");
    res.set(http::field::etag, "\"" + std::string(sha) + "\"");
    res.body() = std::move(*bytes);
    return res;
}

[[noreturn]] void methodNotAllowed(std::string_view allowed)
{
    refuse(http::status::method_not_allowed, "method_not_allowed",
           "this attachment path answers " + std::string(allowed) + " only");
}

} // namespace

Response attachmentRoute(const Call &call, std::string_view rest)
{
    constexpr std::string_view statusSuffix = "/status";
    const bool isStatus = rest.size() > statusSuffix.size() &&
                          rest.substr(rest.size() - statusSuffix.size()) == statusSuffix;
    const auto sha = isStatus ? rest.substr(0, rest.size() - statusSuffix.size()) : rest;
    if (!isSha256Hex(sha))
        refuse(http::status::not_found, "not_found",
               "attachments are named by their SHA-256 in 64 lower-case hex digits: /api/v1/attachments/<sha256>");
    const auto method = call.request.method();
    if (isStatus) {
        if (method != http::verb::get)
            methodNotAllowed("GET");
        return status(call, sha);
    }
    if (method == http::verb::put)
        return upload(call, sha);
    if (method == http::verb::get)
        return download(call, sha);
    methodNotAllowed("GET, PUT");
}

} // namespace rd::server
