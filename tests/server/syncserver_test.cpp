// The real syncserver binary on 127.0.0.1 with an ephemeral port: bad input, roles, stop, backup, TLS.
#include "httpclient.h"
#include "testdatabase.h"
#include "liveserver.h"
#include "serverfixture.h"
#include "serverprocess.h"
#include "testcert.h"

#include "store/database.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <unistd.h>

using namespace rd;
using namespace rd::test;

namespace {

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
    const std::string fits = "{\"note\": \"" + std::string(3000, 'x') + "\"}";
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

TEST_CASE("Refresh after expire-tokens is refused: `syncserver expire-tokens` ends access and refresh tokens, and "
          "the device signs in again",
          "[server][process][auth]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto signin = s.signinAnswer("sam", device);
    const auto token = jsonField(signin, "access_token");
    REQUIRE(s.client().post("/api/v1/pull", pullBody(), bearer(token)).status == 200);

    const auto expired = s.admin({"expire-tokens"});
    CHECK_THAT(expired.out, Catch::StartsWith("1 access tokens and 1 refresh tokens expired"));
    s.checkRefused(s.client().post("/api/v1/pull", pullBody(), bearer(token)), 401, "token_expired");
    s.checkRefused(s.client().post("/api/v1/refresh",
                                   "{\"refresh_token\": \"" + jsonField(signin, "refresh_token") + "\"}"),
                   401, "unauthorized");
    const auto again = s.signin("sam", device);
    CHECK(s.client().post("/api/v1/pull", pullBody(), bearer(again)).status == 200);
}

TEST_CASE("After `syncserver expire-tokens --access-only` a call gets 401 token_expired and refresh resumes",
          "[server][process][auth]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto signin = s.signinAnswer("sam", device);
    const auto token = jsonField(signin, "access_token");
    REQUIRE(s.client().post("/api/v1/pull", pullBody(), bearer(token)).status == 200);

    const auto expired = s.admin({"expire-tokens", "--access-only"});
    CHECK_THAT(expired.out, Catch::StartsWith("1 access tokens expired"));
    s.checkRefused(s.client().post("/api/v1/pull", pullBody(), bearer(token)), 401, "token_expired");

    const auto refreshed = s.client().post(
        "/api/v1/refresh", "{\"refresh_token\": \"" + jsonField(signin, "refresh_token") + "\"}");
    REQUIRE(refreshed.status == 200);
    CHECK(s.client().post("/api/v1/pull", pullBody(), bearer(jsonField(refreshed.body, "access_token"))).status == 200);
}

TEST_CASE("Disabled user: `syncserver user disable` while the server runs stops the user's tokens at once, and "
          "`user enable` lets them sign in again",
          "[server][process][auth][disabled]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto signin = s.signinAnswer("sam", device);
    const auto access = bearer(jsonField(signin, "access_token"));
    const auto refreshBody = "{\"refresh_token\": \"" + jsonField(signin, "refresh_token") + "\"}";
    REQUIRE(s.client().post("/api/v1/pull", pullBody(), access).status == 200);

    const auto disabled = s.admin({"user", "disable", "sam"});
    CHECK_THAT(disabled.out, Catch::Contains("switched off; 2 tokens ended"));
    s.checkRefused(s.client().post("/api/v1/pull", pullBody(), access), 401, "unauthorized");
    s.checkRefused(s.client().post("/api/v1/push", stepResultPush(device, s.facts, s.facts.sam),
                                   access),
                   401, "unauthorized");
    s.checkRefused(s.client().post("/api/v1/refresh", refreshBody), 401, "unauthorized");
    const auto refused = s.client().post("/api/v1/signin", signinBody("sam", device));
    s.checkRefused(refused, 401, "bad_credentials");
    CHECK_THAT(jsonField(refused.body, "message"), Catch::Contains("switched off"));

    s.admin({"user", "enable", "sam"});
    CHECK(s.client().post("/api/v1/pull", pullBody(), bearer(s.signin("sam", device))).status == 200);
}

TEST_CASE("`syncserver user passwd` sets a new password and ends the user's tokens", "[server][process][auth]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto access = bearer(s.signin("sam", device));
    const auto changed = s.admin({"user", "passwd", "sam"}, "a new passphrase\n");
    CHECK_THAT(changed.out, Catch::Contains("password of sam changed; 2 tokens ended"));
    s.checkRefused(s.client().post("/api/v1/pull", pullBody(), access), 401, "unauthorized");
    s.checkRefused(s.client().post("/api/v1/signin", signinBody("sam", device)), 401, "bad_credentials");
    const auto fresh = s.signinAnswer("sam", device, "a new passphrase");
    CHECK(s.client().post("/api/v1/pull", pullBody(), bearer(jsonField(fresh, "access_token"))).status == 200);
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
    sql::Database db(rd::test::databaseFor(s.data));
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
    sql::Database db(rd::test::databaseFor(s.data));
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
    sql::Database db(rd::test::databaseFor(s.data));
    // The push answered is in the database the server left behind.
    auto pushed = db.query("SELECT last_seq FROM sync_devices WHERE device_id = ?1");
    pushed->bind(1, Id::parse(device, "device id"));
    REQUIRE(pushed->step());
    CHECK(pushed->int64(0) == 1);
    if (!db.isPostgres()) {
        auto q = db.query("PRAGMA integrity_check");
        REQUIRE(q->step());
        CHECK(q->text(0) == "ok");
    }
}

TEST_CASE("`syncserver backup` while the server runs makes a database with the same rows", "[server][process][backup][sqlite-only]")
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
    sql::Database live(rd::test::databaseFor(s.data));
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

TEST_CASE("`syncserver backup` on PostgreSQL writes a pg_dump archive that restores to the same rows",
          "[server][process][backup][postgresql-only]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    REQUIRE(s.client().post("/api/v1/push", stepResultPush(device, s.facts, s.facts.sam), bearer(token)).status == 200);
    const auto file = s.dir.path / "backup.pgdump";
    const auto backup = runSyncserver({"backup", "--data", s.data.string(), file.string()}, s.dir.path);
    INFO(backup.err);
    REQUIRE(backup.exitCode == 0);
    s.requireStillServing();
    // Restored with PostgreSQL's own tool into a database of its own: the same rows.
    const auto name = "rd_restore_" + std::to_string(::getpid());
    {
        sql::Database server("postgresql://");
        server.exec("DROP DATABASE IF EXISTS " + name);
        server.exec("CREATE DATABASE " + name);
    }
    const auto restore = "pg_restore --no-owner --dbname postgresql:///" + name + " " + file.string();
    REQUIRE(std::system(restore.c_str()) == 0);
    const auto live = rd::test::databaseFor(s.data);
    const auto schema = live.substr(live.find("%3D") + 3);
    sql::Database copy("postgresql:///" + name + "?options=-csearch_path%3D" + schema);
    sql::Database original(live);
    for (const char *table : {"users", "sites", "assets", "releases", "installations", "step_results",
                              "auth_tokens", "sync_devices"}) {
        INFO(table);
        CHECK(count(copy, table) == count(original, table));
    }
    CHECK(count(copy, "sync_devices") >= 1);
}

TEST_CASE("`syncserver restore` puts a backup in place with a new database identity, never under a running server",
          "[server][process][backup][sqlite-only]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto signin = s.signinAnswer("sam", device);
    const auto original = jsonField(signin, "database_id");
    const auto token = bearer(jsonField(signin, "access_token"));
    REQUIRE(s.client().post("/api/v1/push", stepResultPush(device, s.facts, s.facts.sam, 1), token).status == 200);
    const auto file = s.dir.path / "backup.db";
    s.admin({"backup", file.string()});
    // Acknowledged after the backup: what a restore loses, and the tablets send again.
    REQUIRE(s.client().post("/api/v1/push", stepResultPush(device, s.facts, s.facts.sam, 2), token).status == 200);

    const auto refused = runSyncserver({"restore", "--data", s.data.string(), file.string()}, s.dir.path);
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("stop it first"));
    s.requireStillServing();

    REQUIRE(s.server->stop() == 0);
    const auto restored = s.admin({"restore", file.string()});
    CHECK_THAT(restored.out, Catch::Contains("restored from " + file.string() + " with the new identity "));
    CHECK_FALSE(std::filesystem::exists(s.data / "releasedesk.db-wal"));
    CHECK_FALSE(std::filesystem::exists(s.data / "releasedesk.db-shm"));
    CHECK(std::filesystem::exists(s.data / "releasedesk.db.before-restore"));
    std::string backupId;
    {
        sql::Database copy(file.string());
        auto q = copy.query("SELECT value FROM meta WHERE key = 'database_id'");
        REQUIRE(q->step());
        backupId = q->text(0);
    }

    s.server = std::make_unique<ServerProcess>(s.data);
    const auto after = s.signinAnswer("sam", device);
    const auto restoredId = jsonField(after, "database_id");
    CHECK(restoredId != original);
    CHECK(restoredId != backupId); // a second restore of the same file is told apart too
    CHECK_THAT(restored.out, Catch::Contains(restoredId));
    // The server holds what it held at the backup: the device's first change, not its second.
    REQUIRE(s.server->stop() == 0);
    sql::Database db(rd::test::databaseFor(s.data));
    auto q = db.query("PRAGMA integrity_check");
    REQUIRE(q->step());
    CHECK(q->text(0) == "ok");
    auto seq = db.query("SELECT last_seq FROM sync_devices WHERE device_id = ?1");
    seq->bind(1, Id::parse(device));
    REQUIRE(seq->step());
    CHECK(seq->int64(0) == 1);
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
