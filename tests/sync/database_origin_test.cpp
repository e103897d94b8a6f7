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
    const auto session = server.database().session();
    db.admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name + "'");
    CHECK_THROWS_AS(server.lastSeq(), StoreError); // the statement that finds the connection gone
    (void)server.lastSeq();                         // the next opens it again
    REQUIRE(server.database().session() == session + 1);
    CHECK(hub.databaseId() == before);
    CHECK(logged.empty());
}
