// libFuzzer target: raw bytes as a client sends them to `syncserver serve`, read as the server's
// sessions read them (a fresh http::request_parser<string_body> per request with the server's body
// limit; up to four pipelined requests) and answered by the router's handleRequest over a
// ServerContext on a temporary database holding the school.
//
// Tokens are random, so the corpus names them: "Authorization: Bearer sam" is sent as sam's real
// access token (also jo, alex, morgan, devi; pat's account is switched off; "jo-old" has expired),
// and "@sam" in a body as sam's refresh token.
//
// Findings: crashes and sanitizer reports, any exception out of handleRequest (it must answer
// everything), a 5xx answer, and a JSON answer that does not read. Sign-ins with a name the school
// does not have are not sent: their argon2id check of a decoy hash takes 100 ms and 64 MiB by design
// (the school's own users have cheap hashes here).

#include "fuzzworld.h"

#include "auth.h"
#include "compression.h"
#include "router.h"
#include "servercontext.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <sodium.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

using namespace rd;
using namespace rd::fuzz;
namespace http = boost::beast::http;

namespace {

/** A cheap argon2id hash of the school's password: the fuzzer signs in thousands of times. */
std::string cheapHash(const std::string &password)
{
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                          crypto_pwhash_MEMLIMIT_MIN) != 0)
        finding("fuzz setup: crypto_pwhash_str failed");
    return out;
}

struct HttpWorld {
    std::filesystem::path dir;
    std::unique_ptr<server::ServerContext> ctx;
    std::map<std::string, std::string> access;  ///< "sam" -> sam's access token
    std::map<std::string, std::string> refresh; ///< "@sam" -> sam's refresh token
    std::unique_ptr<Snapshot> snapshot;

    HttpWorld()
    {
        if (sodium_init() < 0)
            finding("fuzz setup: libsodium does not start");
        std::string templ = (std::filesystem::temp_directory_path() / "rd_fuzz_http_XXXXXX").string();
        if (!mkdtemp(templ.data()))
            finding("fuzz setup: no temporary directory");
        dir = templ;
        static const std::filesystem::path *toRemove = &dir;
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(*toRemove, ec);
        });
        {
            // Sam's push was made against ServerWorld's database: this one has its id, as a copy would.
            Store made((dir / "releasedesk.db").string());
            made.setMeta("database_id", ServerWorld::get().hub.databaseId().toString());
        }
        ctx = std::make_unique<server::ServerContext>((dir / "releasedesk.db").string(), server::ServerOptions{});
        ctx->setClock([] { return kNow; });
        std::lock_guard lock(ctx->storeMutex());
        seedSchool(ctx->store(), cheapHash("demo-password"));
        registerDevices(ctx->hub());
        recordServerDay(ctx->store());
        (void)ctx->hub().push(*principalOf(ctx->hub(), school::samTablet), ServerWorld::get().samPushBody, kNow);
        const std::pair<const char *, server::TokenOwner> owners[] = {
            {"sam", {school::sam, school::samTablet}},       {"jo", {school::jo, school::joTablet}},
            {"alex", {school::alex, school::alexTablet}},    {"morgan", {school::morgan, school::morganDesktop}},
            {"devi", {school::devi, school::deviDesktop}},   {"pat", {school::pat, fixedId(0xe06)}}};
        for (const auto &[name, owner] : owners) {
            const auto t = ctx->tokens().issue(owner, kNow);
            access[name] = t.accessToken;
            refresh[std::string("\"@") + name + "\""] = "\"" + t.refreshToken + "\"";
        }
        access["jo-old"] = ctx->tokens().issue({school::jo, school::joTablet}, kNow - 2 * 3600 * 1000).accessToken;
        snapshot = std::make_unique<Snapshot>(ctx->store().database().handle());
    }
};

HttpWorld &world()
{
    static auto *w = new HttpWorld(); // never destroyed: the push thread keeps running until exit
    return *w;
}

/** A sign-in the fuzzer does not send: one that would verify the decoy hash (see above). */
bool isCostlySignin(const server::Request &req)
{
    const std::string_view target(req.target().data(), req.target().size());
    if (target.substr(0, target.find('?')) != "/api/v1/signin" || req.method() != http::verb::post)
        return false;
    if (req.find(http::field::content_encoding) != req.end())
        return true;
    boost::system::error_code ec;
    const auto v = boost::json::parse(req.body(), ec);
    if (ec || !v.is_object())
        return false;
    const auto *name = v.get_object().if_contains("name");
    if (!name || !name->is_string())
        return false;
    for (const char *known : {"morgan", "devi", "sam", "jo", "alex", "pat"}) {
        if (name->get_string() == known)
            return false;
    }
    return true;
}

/** The school's tokens in place of their names (see the top of this file). */
void insertTokens(server::Request &req)
{
    auto &w = world();
    const auto auth = req[http::field::authorization];
    constexpr std::string_view bearer = "Bearer ";
    if (auth.size() > bearer.size() && auth.substr(0, bearer.size()) == bearer) {
        const auto it = w.access.find(std::string(auth.substr(bearer.size())));
        if (it != w.access.end())
            req.set(http::field::authorization, "Bearer " + it->second);
    }
    auto &body = req.body();
    for (const auto &[name, token] : w.refresh) {
        for (auto at = body.find(name); at != std::string::npos; at = body.find(name, at + token.size()))
            body.replace(at, name.size(), token);
    }
}

/**
 * The one place the target calls the router, as HttpSession does: kept small so that a change of
 * handleRequest's shape (an answer given later, through a callback) is made here only.
 */
server::Response answer(server::Request &&req, server::ServerContext &ctx)
{
    return server::handleRequest(std::move(req), ctx);
}

void checkResponse(const server::Response &res, std::string_view input)
{
    if (res.result_int() >= 500)
        finding("the server answered " + std::to_string(res.result_int()) + ": " + res.body(), input);
    std::string body = res.body();
    if (res[http::field::content_encoding] == "gzip") {
        sync::InflateError why{};
        auto inflated = sync::gzipDecompress(body, 64 * 1024 * 1024, why);
        if (!inflated)
            finding("a gzip answer does not inflate", input);
        body = std::move(*inflated);
    }
    if (res[http::field::content_type] == "application/json")
        requireJsonObject(body, "a JSON answer");
    if (res.result_int() >= 400) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(body, ec);
        if (ec || !v.is_object() || !v.get_object().contains("error") || !v.get_object().at("error").is_string())
            finding("an error answer without its {\"error\": code}", input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &w = world();
    const auto input = asText(data, size);
    auto rest = boost::asio::const_buffer(data, size);
    for (int pipelined = 0; pipelined < 4 && rest.size() > 0; ++pipelined) {
        // A fresh parser per request with the server's body limit, as HttpSession reads them.
        http::request_parser<http::string_body> parser;
        parser.body_limit(w.ctx->options().bodyLimit);
        parser.eager(true);
        boost::beast::error_code ec;
        while (rest.size() > 0 && !parser.is_done()) {
            const auto used = parser.put(rest, ec);
            rest += used;
            if (ec == http::error::need_more) {
                // A stream reads more before it puts again (Beast asserts that it has more than it
                // had): here nothing more comes, what is left is not a whole request.
                ec = {};
                break;
            }
            if (ec)
                break;
        }
        if (!parser.is_done() && !ec)
            parser.put_eof(ec); // the client closed: a body read to the end of the stream, or nothing
        if (ec || !parser.is_done())
            break; // the session answers 400 or 413 itself, or waits for more, and closes
        auto req = parser.release();
        if (isCostlySignin(req))
            continue;
        insertTokens(req);
        const auto res = answer(std::move(req), *w.ctx);
        say(std::to_string(res.result_int()), res.body());
        checkResponse(res, input);
    }
    std::lock_guard lock(w.ctx->storeMutex());
    w.snapshot->restore();
    return 0;
}
