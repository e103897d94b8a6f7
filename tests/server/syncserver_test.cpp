// The real syncserver binary on 127.0.0.1 with an ephemeral port: bad input, roles, stop, backup, TLS.
#include "httpclient.h"
#include "serverfixture.h"
#include "serverprocess.h"
#include "testcert.h"

#include "store/sqlite.h"

#include <catch2/catch.hpp>

using namespace rd;
using namespace rd::test;

namespace {

/** A demo school in a fresh data directory, served by the real binary. */
struct LiveServer {
    TempDir dir;
    std::filesystem::path data = dir.path / "data";
    DemoFacts facts;
    std::unique_ptr<ServerProcess> server;

    explicit LiveServer(const std::vector<std::string> &extraArgs = {})
    {
        const auto seeded = runSyncserver({"seed-demo", "--data", data.string()}, dir.path);
        REQUIRE(seeded.exitCode == 0);
        facts = readDemoFacts((data / "releasedesk.db").string());
        server = std::make_unique<ServerProcess>(data, extraArgs);
    }

    [[nodiscard]] HttpClient client() const { return HttpClient(server->port()); }

    /** Signs in and returns the access token. */
    std::string signin(const std::string &name, const std::string &device)
    {
        const auto a = client().post("/api/v1/signin", signinBody(name, device));
        REQUIRE(a.status == 200);
        return jsonField(a.body, "access_token");
    }

    /** The server still answers others after what the test just sent it. */
    void requireStillServing()
    {
        const auto a = client().get("/healthz");
        INFO(server->stderrText());
        REQUIRE(a.status == 200);
        REQUIRE(a.body == R"({"status":"ok"})");
    }

    void checkRefused(const HttpAnswer &a, unsigned status, const std::string &code)
    {
        INFO(a.body);
        CHECK(a.status == status);
        CHECK(a.headers.at("content-type") == "application/json");
        CHECK(a.errorCode() == code);
        CHECK_FALSE(jsonField(a.body, "message").empty());
        requireStillServing();
    }
};

std::int64_t count(sql::Database &db, const std::string &table)
{
    return db.scalar("SELECT count(*) FROM " + table);
}

} // namespace

TEST_CASE("Malformed JSON gets 400 malformed_json and the server keeps serving", "[server][process][bad-input]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    s.checkRefused(s.client().post("/api/v1/push", R"({"protocol": 1, "device_id": )", bearer(token)), 400,
                   "malformed_json");
    s.checkRefused(s.client().post("/api/v1/signin", "{name: sam}"), 400, "malformed_json");
}

TEST_CASE("Wrong types get 400 wrong_type and the server keeps serving", "[server][process][bad-input]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    s.checkRefused(s.client().post("/api/v1/push",
                                   R"({"protocol": 1, "device_id": ")" + device + R"(", "mutations": "all of them"})",
                                   bearer(token)),
                   400, "wrong_type");
    s.checkRefused(s.client().post("/api/v1/signin", R"({"name": ["sam"], "password": 12, "device_id": ")" + device + "\"}"),
                   400, "wrong_type");
}

TEST_CASE("A body over the limit gets 413 body_too_large and the server keeps serving", "[server][process][bad-input]")
{
    LiveServer s({"--body-limit", "4096"});
    const std::string big = "{\"name\": \"" + std::string(64 * 1024, 'x') + "\"}";
    s.checkRefused(s.client().post("/api/v1/signin", big), 413, "body_too_large");
    // Just under the limit is read and answered on its merits.
    const std::string fits = "{\"name\": \"" + std::string(3000, 'x') + "\"}";
    s.checkRefused(s.client().post("/api/v1/signin", fits), 400, "missing_field");
}

TEST_CASE("A body that is not UTF-8 gets 400 invalid_utf8 and the server keeps serving", "[server][process][bad-input]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    std::string body = setReleaseStatusPush(device, s.facts.laptopRelease, s.facts.laptopReleaseStatus, "installed");
    body.insert(body.size() - 3, "\xFF\xFE");
    s.checkRefused(s.client().post("/api/v1/push", body, bearer(token)), 400, "invalid_utf8");
    s.checkRefused(s.client().post("/api/v1/signin", "{\"name\": \"\xED\xA0\x80\"}"), 400, "invalid_utf8");
}

TEST_CASE("A call without a token gets 401 unauthorized and the server keeps serving", "[server][process][auth]")
{
    LiveServer s;
    s.checkRefused(s.client().post("/api/v1/pull", pullBody()), 401, "unauthorized");
}

TEST_CASE("A forged token gets 401 unauthorized and the server keeps serving", "[server][process][auth]")
{
    LiveServer s;
    const auto real = s.signin("sam", newDeviceId());
    std::string forged = real;
    forged[5] = forged[5] == 'A' ? 'B' : 'A';
    s.checkRefused(s.client().post("/api/v1/pull", pullBody(), bearer(forged)), 401, "unauthorized");
    CHECK(s.client().post("/api/v1/pull", pullBody(), bearer(real)).status == 200);
}

TEST_CASE("A token expired by `syncserver expire-tokens` gets 401 token_expired; refresh resumes", "[server][process][auth]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto signin = s.client().post("/api/v1/signin", signinBody("sam", device));
    REQUIRE(signin.status == 200);
    const auto token = jsonField(signin.body, "access_token");
    REQUIRE(s.client().post("/api/v1/pull", pullBody(), bearer(token)).status == 200);

    const auto expired = runSyncserver({"expire-tokens", "--data", s.data.string()}, s.dir.path);
    REQUIRE(expired.exitCode == 0);
    CHECK_THAT(expired.out, Catch::StartsWith("1 access tokens expired"));
    s.checkRefused(s.client().post("/api/v1/pull", pullBody(), bearer(token)), 401, "token_expired");

    const auto refreshed = s.client().post(
        "/api/v1/refresh", "{\"refresh_token\": \"" + jsonField(signin.body, "refresh_token") + "\"}");
    REQUIRE(refreshed.status == 200);
    CHECK(s.client().post("/api/v1/pull", pullBody(), bearer(jsonField(refreshed.body, "access_token"))).status == 200);
}

TEST_CASE("An installer closing a release (a release manager's action) gets 403 forbidden", "[server][process][roles]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    s.checkRefused(s.client().post("/api/v1/push",
                                   setReleaseStatusPush(device, s.facts.laptopRelease, s.facts.laptopReleaseStatus, "closed"),
                                   bearer(token)),
                   403, "forbidden");
    // Nothing of the batch was applied.
    s.server->stop();
    sql::Database db((s.data / "releasedesk.db").string());
    auto q = db.query("SELECT status FROM releases WHERE id = ?1");
    q->bind(1, s.facts.laptopRelease);
    REQUIRE(q->step());
    CHECK(q->text(0) == s.facts.laptopReleaseStatus);
}

TEST_CASE("An installer recording a step result as another user gets 403 forbidden", "[server][process][roles]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    const auto body = stepResultPush(device, s.facts, s.facts.jo);
    s.checkRefused(s.client().post("/api/v1/push", body, bearer(token)), 403, "forbidden");
    s.server->stop();
    sql::Database db((s.data / "releasedesk.db").string());
    auto q = db.query("SELECT count(*) FROM step_results WHERE recorded_by = ?1");
    q->bind(1, s.facts.jo);
    REQUIRE(q->step());
    CHECK(q->int64(0) == 0);
}

TEST_CASE("SIGTERM stops the server with exit code 0 and a sound database", "[server][process][lifecycle]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    REQUIRE(s.client().post("/api/v1/push", stepResultPush(device, s.facts, s.facts.sam), bearer(token)).status == 200);
    CHECK(s.server->stop() == 0);
    INFO(s.server->stderrText());
    CHECK_THAT(s.server->stderrText(), Catch::Contains("syncserver: stopped"));
    sql::Database db((s.data / "releasedesk.db").string());
    auto q = db.query("PRAGMA integrity_check");
    REQUIRE(q->step());
    CHECK(q->text(0) == "ok");
}

TEST_CASE("`syncserver backup` while the server runs makes a database with the same rows", "[server][process][backup]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    REQUIRE(s.client().post("/api/v1/push", stepResultPush(device, s.facts, s.facts.sam), bearer(token)).status == 200);

    const auto file = s.dir.path / "backup.db";
    const auto backup = runSyncserver({"backup", "--data", s.data.string(), file.string()}, s.dir.path);
    INFO(backup.err);
    REQUIRE(backup.exitCode == 0);
    s.requireStillServing();

    sql::Database copy(file.string());
    sql::Database live((s.data / "releasedesk.db").string());
    auto q = copy.query("PRAGMA integrity_check");
    REQUIRE(q->step());
    CHECK(q->text(0) == "ok");
    for (const char *table : {"users", "sites", "assets", "releases", "installations", "step_results",
                              "auth_tokens", "sync_devices"}) {
        INFO(table);
        CHECK(count(copy, table) == count(live, table));
    }
    CHECK(count(copy, "auth_tokens") == 2);
}

TEST_CASE("With --tls-cert and --tls-key the server speaks HTTPS", "[server][process][tls]")
{
    TempDir certDir;
    const auto cert = writeSelfSignedCertificate(certDir.path);
    LiveServer s({"--tls-cert", cert.certificate.string(), "--tls-key", cert.privateKey.string()});
    const auto a = HttpClient(s.server->port(), true).get("/healthz");
    CHECK(a.status == 200);
    CHECK(a.body == R"({"status":"ok"})");
    CHECK_THROWS(HttpClient(s.server->port(), false, std::chrono::seconds(5)).get("/healthz"));
    CHECK(HttpClient(s.server->port(), true).get("/healthz").status == 200);
    CHECK(s.server->stop() == 0);
}
