// The HTTP API as a pure function: handleRequest over a real store and hub, no sockets.
#include "auth.h"
#include "testdatabase.h"
#include "compression.h"
#include "httpclient.h"
#include "router.h"
#include "routerfixture.h"
#include "servercontext.h"
#include "serverfixture.h"

#include "demo/demodata.h"
#include "store/database.h"
#include "domain/text.h"

#include <boost/beast/http.hpp>

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include <unistd.h>

using namespace rd;
using namespace rd::server;
using namespace rd::test;
namespace http = boost::beast::http;

TEST_CASE("GET /healthz answers ok", "[server][router]")
{
    Router r;
    const auto res = r.send(http::verb::get, "/healthz");
    CHECK(res.result() == http::status::ok);
    CHECK(res.body() == R"({"status":"ok"})");
}

TEST_CASE("GET /healthz asks the database: a server cut off from it answers 503 busy, so a balancer sends it nothing",
          "[server][router][postgresql-only]")
{
    // A database of its own (the other tests' schemas share one), dropped under the server.
    const auto name = "rd_health_" + std::to_string(::getpid());
    sql::Database admin("postgresql://");
    admin.exec("DROP DATABASE IF EXISTS " + name);
    admin.exec("CREATE DATABASE " + name);
    TempDir dir;
    server::ServerOptions o;
    o.dataDir = dir.path.string();
    ServerContext ctx("postgresql:///" + name, o);
    const auto health = [&] {
        return handleRequest(server::Request{http::verb::get, "/healthz", 11}, ctx, "127.0.0.1");
    };
    CHECK(health().result() == http::status::ok);
    admin.exec("DROP DATABASE " + name + " WITH (FORCE)"); // ends the server's connections too
    const auto refused = [](const server::Response &res) {
        CHECK(res.result() == http::status::service_unavailable);
        CHECK(errorOf(res) == "busy");
        CHECK(res[http::field::retry_after] == "5");
    };
    {
        // The pooled read connection held elsewhere: the probe needs a new one, and none opens.
        auto held = ctx.readConnections().acquire();
        refused(health());
    }
    // The pooled one: its session ended while idle, so its next statement fails.
    refused(health());
}

TEST_CASE("GET /metrics is Prometheus text with requests, sync rows and a latency histogram", "[server][router]")
{
    Router r;
    (void)r.send(http::verb::get, "/healthz");
    (void)r.send(http::verb::get, "/nowhere");
    const auto token = jsonField(r.signin("sam"), "access_token");
    REQUIRE(r.send(http::verb::post, "/api/v1/pull", pullBody(10), bearer(token)).result() == http::status::ok);
    (void)r.send(http::verb::post, "/api/v1/pull", pullBody(10)); // no token: a sync error

    const auto res = r.send(http::verb::get, "/metrics");
    REQUIRE(res.result() == http::status::ok);
    CHECK_THAT(std::string(res[http::field::content_type]), Catch::StartsWith("text/plain; version=0.0.4"));
    const auto &m = res.body();
    CHECK_THAT(m, Catch::Contains("# TYPE releasedesk_http_requests_total counter"));
    CHECK_THAT(m, Catch::Contains("releasedesk_http_requests_total{route=\"/healthz\",status=\"200\"} 1\n"));
    CHECK_THAT(m, Catch::Contains("releasedesk_http_requests_total{route=\"not_found\",status=\"404\"} 1\n"));
    CHECK_THAT(m, Catch::Contains("releasedesk_http_requests_total{route=\"/api/v1/pull\",status=\"401\"} 1\n"));
    CHECK_THAT(m, Catch::Contains("# TYPE releasedesk_http_request_duration_seconds histogram"));
    CHECK_THAT(m, Catch::Contains("releasedesk_http_request_duration_seconds_bucket{le=\"+Inf\"} 5\n"));
    CHECK_THAT(m, Catch::Contains("releasedesk_http_request_duration_seconds_count 5\n"));
    CHECK_THAT(m, Catch::Contains("releasedesk_sync_rows_pushed_total 0\n"));
    CHECK_THAT(m, Catch::Contains("releasedesk_sync_rows_pulled_total 10\n"));
    CHECK_THAT(m, Catch::Contains("releasedesk_sync_errors_total 1\n"));
}

TEST_CASE("Another protocol version in the path is refused with unsupported_protocol_version", "[server][router]")
{
    Router r;
    for (const char *target : {"/api/v2/push", "/api/v0/pull", "/api/v10/signin"}) {
        const auto res = r.send(http::verb::post, target, "{}");
        CHECK(res.result() == http::status::bad_request);
        CHECK(errorOf(res) == "unsupported_protocol_version");
    }
}

TEST_CASE("A version in the path that is not UTF-8 is quoted in valid UTF-8", "[server][router][bad-input]")
{
    // Found by fuzz_http: the answer's message carried the path's raw bytes.
    Router r;
    const auto res = r.send(http::verb::post, "/api/v1\xA7/pull", "{}");
    CHECK(errorOf(res) == "unsupported_protocol_version");
    CHECK(isValidUtf8(res.body()));
}

TEST_CASE("A Content-Encoding that is not UTF-8 is quoted in valid UTF-8", "[server][router][bad-input]")
{
    // Found by fuzz_http: the answer's message carried the header's raw bytes.
    Router r;
    const auto res = r.send(http::verb::post, "/api/v1/pull", "{}", {{"Content-Encoding", "g\xFF\xFFzip"}});
    CHECK(res.result() == http::status::unsupported_media_type);
    CHECK(errorOf(res) == "unsupported_encoding");
    CHECK(isValidUtf8(res.body()));
}

TEST_CASE("An unknown route is 404 not_found and a wrong method 405, both with JSON errors", "[server][router]")
{
    Router r;
    const auto missing = r.send(http::verb::get, "/api/v1/nothing");
    CHECK(missing.result() == http::status::not_found);
    CHECK(errorOf(missing) == "not_found");
    const auto wrongMethod = r.send(http::verb::get, "/api/v1/push");
    CHECK(wrongMethod.result() == http::status::method_not_allowed);
    CHECK(wrongMethod[http::field::allow] == "POST");
    CHECK(errorOf(wrongMethod) == "method_not_allowed");
}

TEST_CASE("Sign-in with the right password gives tokens and the user with their sites", "[server][router][auth]")
{
    Router r;
    const auto body = r.signin("sam");
    CHECK(jsonField(body, "access_token").size() == 43); // 32 bytes of base64url, no padding
    CHECK(jsonField(body, "refresh_token").size() == 43);
    CHECK(jsonField(body, "access_token") != jsonField(body, "refresh_token"));
    const auto user = jsonField(body, "user");
    CHECK(jsonField(user, "name") == "sam");
    CHECK(jsonField(user, "display_name") == "Sam Okafor");
    CHECK(jsonField(user, "role") == "installer");
    CHECK(jsonField(user, "id") == r.ctx.store().userByName("sam")->id.toString());
    CHECK(jsonField(user, "sites").find(',') != std::string::npos); // sam works at both sites
    const auto at = std::stoll(jsonField(body, "access_expires_at"));
    CHECK(at > r.ctx.now());
    CHECK(at <= r.ctx.now() + 3600 * 1000);
    // Only the hash of a token is kept.
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM auth_tokens WHERE length(token_hash) = 32") == 2);
}

TEST_CASE("Sign-in with a wrong password or an unknown name is 401 bad_credentials, alike", "[server][router][auth]")
{
    Router r;
    const auto device = newDeviceId();
    const auto wrongPassword = r.send(http::verb::post, "/api/v1/signin", signinBody("sam", device, "not-the-password"));
    const auto unknownName = r.send(http::verb::post, "/api/v1/signin", signinBody("nobody", device));
    CHECK(wrongPassword.result() == http::status::unauthorized);
    CHECK(unknownName.result() == http::status::unauthorized);
    CHECK(errorOf(wrongPassword) == "bad_credentials");
    CHECK(wrongPassword.body() == unknownName.body());
}

TEST_CASE("Sign-in bodies that are not the contract get 400 with the right code", "[server][router][bad-input]")
{
    Router r;
    const auto device = newDeviceId();
    const auto code = [&](const std::string &body) {
        const auto res = r.send(http::verb::post, "/api/v1/signin", body);
        CHECK(res.result() == http::status::bad_request);
        return errorOf(res);
    };
    CHECK(code("{\"name\": \"sam\",") == "malformed_json");
    CHECK(code("[1, 2]") == "wrong_type");
    CHECK(code(R"({"name": 7, "password": "demo-password", "device_id": ")" + device + "\"}") == "wrong_type");
    CHECK(code(R"({"name": "sam", "password": "demo-password"})") == "missing_field");
    CHECK(code(R"({"name": "sam", "password": "demo-password", "device_id": "tablet-1"})") == "wrong_type");
    CHECK(code("{\"name\": \"s\xC3\x28m\"}") == "invalid_utf8");
}

TEST_CASE("Refresh rotates: a new pair, and the old refresh token is spent", "[server][router][auth]")
{
    Router r;
    const auto first = r.signin("sam");
    const auto oldRefresh = jsonField(first, "refresh_token");
    const auto refreshBody = "{\"refresh_token\": \"" + oldRefresh + "\"}";
    const auto res = r.send(http::verb::post, "/api/v1/refresh", refreshBody);
    REQUIRE(res.result() == http::status::ok);
    const auto newAccess = jsonField(res.body(), "access_token");
    const auto newRefresh = jsonField(res.body(), "refresh_token");
    CHECK(newAccess != jsonField(first, "access_token"));
    CHECK(newRefresh != oldRefresh);
    CHECK(jsonField(jsonField(res.body(), "user"), "name") == "sam");
    CHECK(r.send(http::verb::post, "/api/v1/pull", pullBody(5), bearer(newAccess)).result() == http::status::ok);

    const auto again = r.send(http::verb::post, "/api/v1/refresh", refreshBody);
    CHECK(again.result() == http::status::unauthorized);
    CHECK(errorOf(again) == "unauthorized");
    const auto unknown = r.send(http::verb::post, "/api/v1/refresh", R"({"refresh_token": "made-up"})");
    CHECK(errorOf(unknown) == "unauthorized");
}

TEST_CASE("An expired refresh token cannot be refreshed", "[server][router][auth]")
{
    Router r;
    const auto refreshToken = jsonField(r.signin("sam"), "refresh_token");
    const Millis later = r.ctx.now() + 31LL * 24 * 60 * 60 * 1000;
    r.ctx.setClock([later] { return later; });
    const auto res = r.send(http::verb::post, "/api/v1/refresh", "{\"refresh_token\": \"" + refreshToken + "\"}");
    CHECK(res.result() == http::status::unauthorized);
    CHECK(errorOf(res) == "unauthorized");
}

TEST_CASE("API calls without a token, with a forged one or an expired one get the right 401", "[server][router][auth]")
{
    Router r;
    const auto token = jsonField(r.signin("sam"), "access_token");
    const auto pullWith = [&](const std::map<std::string, std::string> &headers) {
        const auto res = r.send(http::verb::post, "/api/v1/pull", pullBody(5), headers);
        CHECK(res.result() == http::status::unauthorized);
        CHECK(res.count(http::field::www_authenticate) == 1);
        return errorOf(res);
    };
    CHECK(pullWith({}) == "unauthorized");
    CHECK(pullWith({{"Authorization", "Basic c2FtOmRlbW8="}}) == "unauthorized");
    CHECK(pullWith(bearer("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) == "unauthorized");

    SECTION("expired by the clock")
    {
        const Millis later = r.ctx.now() + 3601 * 1000;
        r.ctx.setClock([later] { return later; });
        CHECK(pullWith(bearer(token)) == "token_expired");
    }
    SECTION("expired by the operator (expire-tokens)")
    {
        CHECK(r.ctx.tokens().expireAccessTokens(r.ctx.now()) == 1);
        CHECK(pullWith(bearer(token)) == "token_expired");
    }
}

TEST_CASE("Answers are gzip-compressed when accepted, and gzip request bodies are inflated", "[server][router][gzip]")
{
    Router r;
    const auto token = jsonField(r.signin("sam"), "access_token");
    auto headers = bearer(token);

    const auto plain = r.send(http::verb::post, "/api/v1/pull", pullBody(200), headers);
    REQUIRE(plain.result() == http::status::ok);
    REQUIRE(plain.body().size() > 1024);
    CHECK(plain.count(http::field::content_encoding) == 0);

    headers["Accept-Encoding"] = "br, gzip;q=0.8";
    headers["Content-Encoding"] = "gzip";
    const auto zipped = r.send(http::verb::post, "/api/v1/pull", gzipCompress(pullBody(200)), headers);
    REQUIRE(zipped.result() == http::status::ok);
    CHECK(zipped[http::field::content_encoding] == "gzip");
    CHECK(zipped.body().size() < plain.body().size());
    InflateError why{};
    const auto inflated = gzipDecompress(zipped.body(), 1 << 24, why);
    REQUIRE(inflated);
    CHECK(*inflated == plain.body());

    // Small answers stay plain; q=0 refuses gzip.
    CHECK(r.send(http::verb::get, "/healthz", {}, {{"Accept-Encoding", "gzip"}}).count(http::field::content_encoding) == 0);
    headers["Accept-Encoding"] = "gzip;q=0";
    headers.erase("Content-Encoding");
    CHECK(r.send(http::verb::post, "/api/v1/pull", pullBody(200), headers).count(http::field::content_encoding) == 0);
}

TEST_CASE("A gzip body that inflates past the body limit is 413, a broken one 400", "[server][router][gzip][bad-input]")
{
    Router r;
    const std::string bomb = gzipCompress(std::string(r.ctx.options().bodyLimit + 1, ' '));
    REQUIRE(bomb.size() < 1024);
    const auto big = r.send(http::verb::post, "/api/v1/signin", bomb, {{"Content-Encoding", "gzip"}});
    CHECK(big.result() == http::status::payload_too_large);
    CHECK(errorOf(big) == "body_too_large");
    const auto broken = r.send(http::verb::post, "/api/v1/signin", "not gzip at all", {{"Content-Encoding", "gzip"}});
    CHECK(broken.result() == http::status::bad_request);
}

TEST_CASE("Push and pull refusals from the hub map to 400 and 403", "[server][router][roles]")
{
    Router r;
    const auto facts = readDemoFacts(rd::test::databaseFor(r.dir.path));
    const auto device = newDeviceId();
    const auto headers = bearer(jsonField(r.signin("sam", device), "access_token"));

    const auto closeIt = r.send(http::verb::post, "/api/v1/push",
                                setReleaseStatusPush(device, facts.laptopRelease, facts.laptopReleaseStatus, "closed"), headers);
    CHECK(closeIt.result() == http::status::forbidden);
    CHECK(errorOf(closeIt) == "forbidden");

    const auto asJo = r.send(http::verb::post, "/api/v1/push", stepResultPush(device, facts, facts.jo), headers);
    CHECK(asJo.result() == http::status::forbidden);
    CHECK(errorOf(asJo) == "forbidden");

    const auto badPull = r.send(http::verb::post, "/api/v1/pull", R"({"protocol": 1, "cursor": "zero"})", headers);
    CHECK(badPull.result() == http::status::bad_request);
    CHECK_FALSE(errorOf(badPull).empty());

    const auto own = r.send(http::verb::post, "/api/v1/push", stepResultPush(device, facts, facts.sam), headers);
    CHECK(own.result() == http::status::ok);
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM auth_tokens") == 2);
}

TEST_CASE("A push the database cannot take for now answers 503 busy with Retry-After, and changes nothing",
          "[server][router][sqlite-only]")
{
    Router r;
    const auto facts = readDemoFacts(rd::test::databaseFor(r.dir.path));
    const auto device = newDeviceId();
    const auto headers = bearer(jsonField(r.signin("sam", device), "access_token"));
    const auto push = stepResultPush(device, facts, facts.sam);
    const auto results = [&] { return r.ctx.store().database().scalar("SELECT count(*) FROM step_results"); };
    const auto before = results();
    {
        // Another process holds the write lock longer than the server waits for it (5 s).
        sql::Database other(rd::test::databaseFor(r.dir.path));
        other.exec("BEGIN IMMEDIATE");
        const auto busy = r.send(http::verb::post, "/api/v1/push", push, headers);
        CHECK(busy.result() == http::status::service_unavailable);
        CHECK(errorOf(busy) == "busy");
        CHECK(busy[http::field::retry_after] == "5");
        other.exec("ROLLBACK");
    }
    CHECK(results() == before);
    // The same push, sent again once the lock is gone, applies.
    const auto again = r.send(http::verb::post, "/api/v1/push", push, headers);
    CHECK(again.result() == http::status::ok);
    CHECK(results() == before + 1);
}

TEST_CASE("Pushes sent at once from many devices are each applied once, and a refused one touches no other",
          "[server][router][push]")
{
    Router r;
    const auto facts = readDemoFacts(rd::test::databaseFor(r.dir.path));
    const auto before = r.ctx.store().database().scalar("SELECT count(*) FROM step_results");
    struct Device {
        std::string id;
        std::map<std::string, std::string> headers;
        std::string body;
        bool refused = false; ///< records its result as jo: 403, nothing of it applied
        Response first, replay;
    };
    std::vector<Device> devices(10);
    for (std::size_t i = 0; i < devices.size(); ++i) {
        auto &d = devices[i];
        d.id = newDeviceId();
        d.headers = bearer(jsonField(r.signin("sam", d.id), "access_token"));
        d.refused = i % 4 == 1;
        d.body = stepResultPush(d.id, facts, d.refused ? facts.jo : facts.sam);
    }
    // Every device pushes at once, then sends the same batch again (its answer was lost).
    std::vector<std::thread> threads;
    for (auto &d : devices)
        threads.emplace_back([&r, &d] {
            d.first = r.send(http::verb::post, "/api/v1/push", d.body, d.headers);
            d.replay = r.send(http::verb::post, "/api/v1/push", d.body, d.headers);
        });
    for (auto &t : threads)
        t.join();
    std::int64_t accepted = 0;
    for (const auto &d : devices) {
        if (d.refused) {
            CHECK(d.first.result() == http::status::forbidden);
            CHECK(d.replay.result() == http::status::forbidden);
            continue;
        }
        ++accepted;
        REQUIRE(d.first.result() == http::status::ok);
        CHECK(jsonField(d.first.body(), "last_applied_seq") == "1");
        CHECK(jsonField(d.first.body(), "results") == "[]"); // applied
        REQUIRE(d.replay.result() == http::status::ok);
        CHECK(jsonField(d.replay.body(), "results").find("duplicate") != std::string::npos);
    }
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM step_results") == before + accepted);
    // Every device was registered at sign-in; only the accepted ones have applied anything.
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM sync_devices") == std::int64_t(devices.size()));
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM sync_devices WHERE last_seq > 0") == accepted);
}
