// A PostgreSQL database restored, copied or promoted may have lost pushes the tablets were told
// were applied (issue 13): the servers give it a new identity by themselves, so that every tablet
// sends again what it kept and pulls afresh; a database that only lost its connection keeps its own.
#include "synchelpers.h"

#include <unistd.h>

using namespace rd;
using namespace rd::test;

namespace {

/**
 * A database of its own on the throwaway server (the other tests' schemas share one), made empty
 * or as a copy of @p copyOf, dropped after.
 */
struct OwnDatabase {
    explicit OwnDatabase(std::string n, const std::string &copyOf = {})
        : name(std::move(n))
    {
        admin.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin.exec("CREATE DATABASE " + name + (copyOf.empty() ? "" : " TEMPLATE " + copyOf));
    }
    ~OwnDatabase()
    {
        try {
            admin.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (...) {
        }
    }
    OwnDatabase(const OwnDatabase &) = delete;
    OwnDatabase &operator=(const OwnDatabase &) = delete;
    [[nodiscard]] std::string uri() const { return "postgresql:///" + name; }

    sql::Database admin{"postgresql://"};
    std::string name;
};

/** A pull body from a tablet that last synced with database @p id. */
std::string pullNaming(const Id &id)
{
    return R"({"protocol":1,"cursor":0,"limit":10,"database_id":")" + id.toString() + R"("})";
}

} // namespace

TEST_CASE("A copy of the database gets an identity of its own when a server first opens it, the original keeps its",
          "[sync][postgresql-only]")
{
    const auto pid = std::to_string(::getpid());
    OwnDatabase original("rd_origin_" + pid);
    Id before;
    {
        Store server(original.uri());
        sync::Hub hub(server);
        before = hub.databaseId();
    }
    // pg_restore into a new database and a standby's promotion look alike to the server: the
    // database's history comes from elsewhere. A template copy is the first of those.
    OwnDatabase copy("rd_origin_copy_" + pid, original.name);
    {
        Store server(copy.uri());
        sync::Hub hub(server);
        std::vector<std::string> logged;
        hub.setLog([&](const std::string &line) { logged.push_back(line); });
        const Id after = hub.databaseId();
        CHECK(after != before);
        REQUIRE(logged.size() == 1);
        CHECK_THAT(logged.front(), Catch::Contains("new identity") && Catch::Contains(after.toString()));
        // A second server on the copy finds the new identity, and makes no other.
        Store second(copy.uri());
        sync::Hub other(second);
        CHECK(other.databaseId() == after);
        // A tablet that last synced with the original is told to send again and pull afresh.
        const sync::Principal who{{}, Role::ReleaseManager, {}, Id::generate()};
        CHECK_THROWS_AS(hub.pull(who, pullNaming(before)), sync::DatabaseChangedError);
    }
    Store again(original.uri());
    sync::Hub hub(again);
    CHECK(hub.databaseId() == before);
}

TEST_CASE("A server whose database connection was lost and opened again keeps the database's identity",
          "[sync][postgresql-only]")
{
    OwnDatabase db("rd_origin_reconnect_" + std::to_string(::getpid()));
    Store server(db.uri());
    sync::Hub hub(server);
    std::vector<std::string> logged;
    hub.setLog([&](const std::string &line) { logged.push_back(line); });
    const Id before = hub.databaseId();
    sql::Database there(db.uri()); // an administrator's session on the same database
    const auto admin = there.scalar("SELECT pg_backend_pid()");
    // Ends the server's session: its next statement fails, the one after opens a new session.
    const auto lose = [&] {
        db.admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name +
                      "' AND pid <> " + std::to_string(admin));
        CHECK_THROWS_AS(server.lastSeq(), StoreError);
    };
    const auto origin = [&] {
        auto q = there.query("SELECT value FROM meta WHERE key = 'postgres_origin'");
        return q->step() ? std::optional<std::string>(q->text(0)) : std::nullopt;
    };
    REQUIRE(origin());
    const auto session = server.database().session();
    lose();
    (void)server.lastSeq();
    REQUIRE(server.database().session() == session + 1);
    CHECK(hub.databaseId() == before);
    CHECK(logged.empty());
    // The new session runs with the connection's settings, not the server's defaults.
    CHECK(server.database().scalar("SELECT CASE WHEN current_setting('lock_timeout') = '30s' THEN 1 ELSE 0 END") == 1);
    CHECK(server.database().scalar("SELECT CASE WHEN current_setting('random_page_cost') = '1.1' THEN 1 ELSE 0 END") == 1);

    SECTION("A deployment from before the origin was recorded keeps its identity, and records it")
    {
        there.exec("DELETE FROM meta WHERE key = 'postgres_origin'");
        lose();
        (void)server.lastSeq();
        CHECK(hub.databaseId() == before);
        CHECK(origin());
        CHECK(logged.empty());
    }
    SECTION("A session that finds the origin changed, as after a promotion, gives the database a new identity")
    {
        there.exec("UPDATE meta SET value = 'another cluster' WHERE key = 'postgres_origin'");
        lose();
        (void)server.lastSeq();
        const Id after = hub.databaseId();
        CHECK(after != before);
        CHECK(logged.size() == 1);
        CHECK(origin() != std::optional<std::string>("another cluster"));
    }
    SECTION("A pull whose transaction opens the connection again is refused as busy; the next one checks first")
    {
        there.exec("UPDATE meta SET value = 'another cluster' WHERE key = 'postgres_origin'");
        const sync::Principal who{{}, Role::ReleaseManager, {}, Id::generate()};
        const std::string body = R"({"protocol":1,"cursor":0,"limit":10})";
        lose(); // the pull's read transaction is the first to open the connection again
        try {
            (void)hub.pull(who, body);
            FAIL("the pull was answered on a session whose origin was not checked");
        } catch (const StoreError &e) {
            CHECK(sql::isUnavailable(e));
        }
        CHECK_THAT(hub.pull(who, body), Catch::Contains(R"("database_id":")" + hub.databaseId().toString()));
        CHECK(hub.databaseId() != before);
        CHECK(logged.size() == 1);
    }
}
