// Sign-in in process (handleRequest, no sockets): device ownership, the database id, the password
// checks off the request threads, throttling on a fake clock, refusals counted and logged, range
// checks, switched-off users, and internal errors that reach a device only as a reference.
#include "httpclient.h"
#include "testdatabase.h"
#include "routerfixture.h"

#include <boost/json.hpp>

#include <catch2/catch.hpp>

#include <future>
#include <iostream>
#include <regex>
#include <sstream>

using namespace rd;
using namespace rd::server;
using namespace rd::test;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

constexpr Millis kT0 = 1'800'000'000'000;

/** A Router whose clock stands still until the test moves it. */
struct ClockedRouter : Router {
    Millis now = kT0;

    explicit ClockedRouter(ServerOptions o = options())
        : Router(o)
    {
        ctx.setClock([this] { return now; });
    }

    Response signinAs(const std::string &name, const std::string &password, const std::string &client = "127.0.0.1",
                      const std::string &device = newDeviceId())
    {
        return send(http::verb::post, "/api/v1/signin", signinBody(name, device, password), {}, client);
    }
};

/** Everything written to std::cerr while it lives (the server's log). */
struct CapturedLog {
    std::ostringstream text;
    std::streambuf *before = std::cerr.rdbuf(text.rdbuf());
    ~CapturedLog() { std::cerr.rdbuf(before); }
    [[nodiscard]] std::string str() const { return text.str(); }
};

/** One value of the /metrics text, or -1. */
double metric(Router &r, const std::string &series)
{
    const auto body = r.send(http::verb::get, "/metrics").body();
    const auto at = body.find("\n" + series + " ");
    return at == std::string::npos ? -1.0 : std::stod(body.substr(at + series.size() + 2));
}

double signinFailures(Router &r, const std::string &reason)
{
    return metric(r, "releasedesk_signin_failures_total{reason=\"" + reason + "\"}");
}

/** Holds the sign-in pool's threads busy until released, so the tests can fill its queue. */
struct BlockedPool {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::vector<std::future<void>> taken; ///< one for each job, ready once the pool has taken it off its queue

    /** Takes @p threads of the pool's threads (each job running), then @p queued places in its queue. */
    void occupy(SigninPool &pool, int threads, int queued = 0)
    {
        for (int i = 0; i < threads + queued; ++i) {
            auto started = std::make_shared<std::promise<void>>();
            taken.push_back(started->get_future());
            REQUIRE(pool.submit([f = released, started] {
                started->set_value();
                f.wait();
            }));
            if (i < threads)
                taken.back().wait(); // running: the next one queues
        }
    }

    /** Lets the jobs end, and waits until the pool has taken every one off its queue. */
    void free()
    {
        release.set_value();
        for (auto &t : taken)
            t.wait();
        taken.clear();
    }

    ~BlockedPool()
    {
        if (!taken.empty())
            free();
    }
};

} // namespace

TEST_CASE("Device hijack: a colleague signing in with someone else's device id is refused, and the owner's next "
          "push is still applied",
          "[server][signin][devices]")
{
    Router r;
    const auto facts = readDemoFacts(rd::test::databaseFor(r.dir.path));
    const auto device = newDeviceId();
    const auto sam = bearer(jsonField(r.signin("sam", device), "access_token"));
    const auto first = r.send(http::verb::post, "/api/v1/push", stepResultPush(device, facts, facts.sam, 1), sam);
    REQUIRE(first.result() == http::status::ok);

    // jo knows the id (it is on the tablet's screen) and signs in with it to push far ahead on it.
    const auto jo = r.send(http::verb::post, "/api/v1/signin", signinBody("jo", device));
    CHECK(jo.result() == http::status::forbidden);
    CHECK(errorOf(jo) == "device_taken");
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM auth_tokens") == 2); // sam's pair only
    CHECK(signinFailures(r, "device_taken") == 1);

    // So sam's next change is applied, not answered "duplicate" and lost.
    const auto before = r.ctx.store().database().scalar("SELECT count(*) FROM step_results");
    const auto next = r.send(http::verb::post, "/api/v1/push", stepResultPush(device, facts, facts.sam, 2), sam);
    REQUIRE(next.result() == http::status::ok);
    CHECK(jsonField(next.body(), "last_applied_seq") == "2");
    CHECK(jsonField(next.body(), "results") == "[]");
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM step_results") == before + 1);

    // The owner signs in on it again as often as they like.
    CHECK(jsonField(r.signin("sam", device), "user").find("\"sam\"") != std::string::npos);
}

TEST_CASE("Sign-in and refresh answers carry the server database's identity", "[server][signin]")
{
    Router r;
    const auto expected = r.ctx.store().meta("database_id");
    REQUIRE(expected);
    const auto signedIn = r.signin("sam");
    CHECK(jsonField(signedIn, "database_id") == *expected);
    const auto refreshed = r.send(http::verb::post, "/api/v1/refresh",
                                  "{\"refresh_token\": \"" + jsonField(signedIn, "refresh_token") + "\"}");
    REQUIRE(refreshed.result() == http::status::ok);
    CHECK(jsonField(refreshed.body(), "database_id") == *expected);
}

TEST_CASE("A sign-in is answered from the sign-in pool: the caller's thread does not wait for the hash",
          "[server][signin][pool]")
{
    auto o = Router::options();
    o.signinThreads = 1;
    Router r(o);
    auto answer = std::make_shared<std::promise<Response>>();
    auto future = answer->get_future();
    {
        BlockedPool blocked;
        blocked.occupy(r.ctx.signinPool(), 1); // the one thread is busy
        Request req{http::verb::post, "/api/v1/signin", 11};
        req.body() = signinBody("sam", newDeviceId());
        req.prepare_payload();
        handleRequest(std::move(req), r.ctx, "127.0.0.1", [answer](Response res) { answer->set_value(std::move(res)); });
        // handleRequest has returned, and the answer cannot have been made: the pool is held.
        CHECK(future.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);
    }
    REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    CHECK(future.get().result() == http::status::ok);
}

TEST_CASE("A sign-in while the password checks are all taken is answered 503 busy with Retry-After",
          "[server][signin][pool]")
{
    auto o = Router::options();
    o.signinThreads = 1;
    o.signinQueue = 1;
    Router r(o);
    {
        BlockedPool blocked;
        blocked.occupy(r.ctx.signinPool(), 1, 1); // one running, one queued: full
        const auto busy = r.send(http::verb::post, "/api/v1/signin", signinBody("sam", newDeviceId()));
        CHECK(busy.result() == http::status::service_unavailable);
        CHECK(errorOf(busy) == "busy");
        CHECK(busy[http::field::retry_after] == "2");
        CHECK(jsonField(busy.body(), "retry_after_s") == "2");
        CHECK(signinFailures(r, "busy") == 1);
        blocked.free();
    }
    // Busy is not a failure: the same name signs in at once when there is room.
    CHECK_FALSE(r.signin("sam").empty());
}

TEST_CASE("After 5 failed sign-ins for a name each attempt waits 1 s, 2 s, 4 s after the last failure (429, "
          "Retry-After), costs no hash, and a success starts the count again",
          "[server][signin][throttle]")
{
    ClockedRouter r;
    auto &pool = r.ctx.signinPool();
    for (int i = 0; i < 5; ++i) {
        const auto res = r.signinAs("sam", "not-the-password");
        REQUIRE(res.result() == http::status::unauthorized);
        CHECK(errorOf(res) == "bad_credentials");
    }
    const auto checkWait = [&](const std::string &password, int seconds) {
        const auto hashes = pool.accepted();
        const auto res = r.signinAs("sam", password);
        CHECK(res.result() == http::status::too_many_requests);
        CHECK(errorOf(res) == "too_many_attempts");
        CHECK(res[http::field::retry_after] == std::to_string(seconds));
        CHECK(jsonField(res.body(), "retry_after_s") == std::to_string(seconds));
        CHECK(pool.accepted() == hashes); // nothing was looked up or hashed
    };
    checkWait("not-the-password", 1);
    checkWait("demo-password", 1); // during a wait, even the right password waits

    r.now += 999;
    checkWait("not-the-password", 1);
    r.now += 1;
    CHECK(r.signinAs("sam", "not-the-password").result() == http::status::unauthorized); // the 6th failure
    checkWait("not-the-password", 2);
    r.now += 2000;
    CHECK(r.signinAs("sam", "not-the-password").result() == http::status::unauthorized);
    checkWait("not-the-password", 4);
    CHECK(signinFailures(r, "throttled") == 5);
    CHECK(signinFailures(r, "bad_credentials") == 7);

    // Another name from the same address is not held back by sam's waits.
    CHECK(r.signinAs("jo", "demo-password").result() == http::status::ok);

    r.now += 4000;
    CHECK(r.signinAs("sam", "demo-password").result() == http::status::ok);
    for (int i = 0; i < 5; ++i)
        CHECK(r.signinAs("sam", "not-the-password").result() == http::status::unauthorized);
    checkWait("not-the-password", 1);
}

TEST_CASE("Failed sign-ins from one address, whatever the names, wait after the address's threshold",
          "[server][signin][throttle]")
{
    auto o = Router::options();
    o.signinFailuresPerAddress = 3;
    ClockedRouter r(o);
    for (const char *name : {"nobody", "noone", "nemo"})
        CHECK(r.signinAs(name, "guess", "203.0.113.9").result() == http::status::unauthorized);
    const auto held = r.signinAs("sam", "demo-password", "203.0.113.9");
    CHECK(held.result() == http::status::too_many_requests);
    CHECK(jsonField(held.body(), "retry_after_s") == "1");
    // Other places are not held back, and a success elsewhere does not free the guessing address.
    CHECK(r.signinAs("sam", "demo-password", "198.51.100.4").result() == http::status::ok);
    CHECK(r.signinAs("nobody", "guess", "203.0.113.9").result() == http::status::too_many_requests);
}

TEST_CASE("Refused sign-ins are counted by reason and logged with the name and address, never the password",
          "[server][signin][log]")
{
    Router r;
    CapturedLog log;
    const auto odd = r.send(http::verb::post, "/api/v1/signin",
                            signinBody("sa\"m\nthe-next-line", newDeviceId(), "hunter2-secret"), {}, "192.0.2.77");
    CHECK(odd.result() == http::status::unauthorized);
    const auto text = log.str();
    INFO(text);
    CHECK_THAT(text, Catch::Contains("sign-in refused (bad_credentials) for the name \"sa\\\"m\\\\x0Athe-next-line\" "
                                     "from 192.0.2.77"));
    CHECK_THAT(text, !Catch::Contains("hunter2-secret"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 1); // a name cannot add lines to the log
    CHECK(signinFailures(r, "bad_credentials") == 1);
    for (const char *reason : {"throttled", "disabled", "device_taken", "busy"})
        CHECK(signinFailures(r, reason) == 0);
}

TEST_CASE("Disabled user: a switched-off account's access and refresh tokens stop working at once, and its "
          "sign-in is refused",
          "[server][signin][disabled]")
{
    Router r;
    const auto signedIn = r.signin("sam");
    const auto access = bearer(jsonField(signedIn, "access_token"));
    const auto refreshBody = "{\"refresh_token\": \"" + jsonField(signedIn, "refresh_token") + "\"}";
    REQUIRE(r.send(http::verb::post, "/api/v1/pull", pullBody(5), access).result() == http::status::ok);

    r.ctx.store().setUserActive(r.ctx.store().userByName("sam")->id, false);
    const auto pull = r.send(http::verb::post, "/api/v1/pull", pullBody(5), access);
    CHECK(pull.result() == http::status::unauthorized);
    CHECK(errorOf(pull) == "unauthorized");
    const auto refreshed = r.send(http::verb::post, "/api/v1/refresh", refreshBody);
    CHECK(refreshed.result() == http::status::unauthorized);
    CHECK(r.ctx.store().database().scalar("SELECT count(*) FROM auth_tokens") == 0); // none left to try
    const auto again = r.send(http::verb::post, "/api/v1/signin", signinBody("sam", newDeviceId()));
    CHECK(again.result() == http::status::unauthorized);
    CHECK_THAT(jsonField(again.body(), "message"), Catch::Contains("switched off"));
    CHECK(signinFailures(r, "disabled") == 1);
}

TEST_CASE("Sign-in and refresh fields beyond their lengths are refused before any hash", "[server][signin][bad-input]")
{
    Router r;
    const auto hashes = r.ctx.signinPool().accepted();
    const auto signinWith = [&](const std::string &name, const std::string &password, const std::string &device) {
        const auto res = r.send(http::verb::post, "/api/v1/signin",
                                boost::json::serialize(boost::json::object{
                                    {"name", name}, {"password", password}, {"device_id", device}}));
        CHECK(res.result() == http::status::bad_request);
        return errorOf(res);
    };
    CHECK(signinWith(std::string(65, 'n'), "demo-password", newDeviceId()) == "wrong_type");
    CHECK(signinWith("sam", std::string(1025, 'p'), newDeviceId()) == "wrong_type");
    CHECK(signinWith("sam", "demo-password", std::string(100, '1')) == "wrong_type");
    CHECK(r.ctx.signinPool().accepted() == hashes);
    const auto refresh = r.send(http::verb::post, "/api/v1/refresh",
                                "{\"refresh_token\": \"" + std::string(200, 'A') + "\"}");
    CHECK(refresh.result() == http::status::bad_request);
    const auto longToken = r.send(http::verb::post, "/api/v1/pull", pullBody(5), bearer(std::string(300, 'A')));
    CHECK(longToken.result() == http::status::unauthorized);
    // 64 characters of name (in code points, not bytes) is still a name.
    std::string longName;
    for (int i = 0; i < 64; ++i)
        longName += "\xC3\xA9"; // é
    const auto fits = r.send(http::verb::post, "/api/v1/signin", signinBody(longName, newDeviceId()));
    CHECK(fits.result() == http::status::unauthorized);
}

TEST_CASE("SQL text: a database failure answers 500 with a reference and no SQL or path, and the log has both",
          "[server][errors]")
{
    Router r;
    const auto facts = readDemoFacts(rd::test::databaseFor(r.dir.path));
    const auto device = newDeviceId();
    const auto token = bearer(jsonField(r.signin("sam", device), "access_token"));
    // The server's own connection can no longer write, as on a disk gone read-only.
    const bool postgres = r.ctx.store().database().isPostgres();
    r.ctx.store().database().exec(postgres ? "SET default_transaction_read_only = on" : "PRAGMA query_only = ON");
    for (auto *pushes : r.ctx.pushes().connections()) // PostgreSQL: the push threads' own
        pushes->exec("SET default_transaction_read_only = on");
    CapturedLog log;
    const auto signin = r.send(http::verb::post, "/api/v1/signin", signinBody("jo", newDeviceId()));
    const auto push = r.send(http::verb::post, "/api/v1/push", stepResultPush(device, facts, facts.sam), token);
    const auto text = log.str();
    INFO(text);
    for (const auto *res : {&signin, &push}) {
        INFO(res->body());
        CHECK(res->result() == http::status::internal_server_error);
        CHECK(errorOf(*res) == "internal");
        for (const char *leak : {"INSERT", "UPDATE", "sqlite", "readonly", "releasedesk.db", "rd_server_"})
            CHECK_THAT(res->body(), !Catch::Contains(leak, Catch::CaseSensitive::No));
        const auto ref = jsonField(res->body(), "ref");
        CHECK(std::regex_match(ref, std::regex("[0-9a-f]{8}")));
        CHECK_THAT(jsonField(res->body(), "message"), Catch::Contains("(ref " + ref + ")"));
        // The log line with that reference holds what the administrator needs.
        const auto line = text.find("ref " + ref + ": ");
        REQUIRE(line != std::string::npos);
        CHECK_THAT(text.substr(line, text.find('\n', line) - line), Catch::Contains(postgres ? "read-only" : "readonly"));
    }
    CHECK(jsonField(signin.body(), "ref") != jsonField(push.body(), "ref"));
}

TEST_CASE("A release manager sets a person's password online: the hash is made and the person's sign-ins end",
          "[server][signin][people]")
{
    Router r;
    const auto jo = *r.ctx.store().userByName("jo");
    const auto bearer = [&](const std::string &name) {
        return std::map<std::string, std::string>{
            {"Authorization", "Bearer " + jsonField(r.signin(name), "access_token")}};
    };
    const auto joAnswer = r.signin("jo");
    const auto body = [&](const std::string &user, const std::string &password) {
        return json::serialize(json::object{{"user_id", user}, {"password", password}});
    };
    // An installer may not; a short password is refused; a person the server does not have yet is refused.
    CHECK(r.send(http::verb::post, "/api/v1/password", body(jo.id.toString(), "new-password-1"), bearer("sam"))
              .result() == http::status::forbidden);
    const auto manager = bearer(DemoUsers::releaseManager);
    auto res = r.send(http::verb::post, "/api/v1/password", body(jo.id.toString(), "short"), manager);
    CHECK(res.result() == http::status::bad_request);
    res = r.send(http::verb::post, "/api/v1/password", body(Id::generate().toString(), "new-password-1"), manager);
    CHECK(res.result() == http::status::bad_request);
    CHECK(errorOf(res) == "not_found");
    CHECK(verifyPassword(*r.ctx.store().passwordHash(jo.id), DemoUsers::password)); // unchanged so far

    res = r.send(http::verb::post, "/api/v1/password", body(jo.id.toString(), "new-password-1"), manager);
    REQUIRE(res.result() == http::status::ok);
    CHECK(verifyPassword(*r.ctx.store().passwordHash(jo.id), "new-password-1"));
    // Jo's earlier sign-in no longer works; the new password does, the old one not.
    const auto refresh = r.send(http::verb::post, "/api/v1/refresh",
                                json::serialize(json::object{{"refresh_token", jsonField(joAnswer, "refresh_token")}}));
    CHECK(refresh.result() == http::status::unauthorized);
    CHECK(r.send(http::verb::post, "/api/v1/signin", signinBody("jo", newDeviceId(), "new-password-1")).result() ==
          http::status::ok);
    CHECK(r.send(http::verb::post, "/api/v1/signin", signinBody("jo", newDeviceId(), DemoUsers::password)).result() ==
          http::status::unauthorized);
}
