#include "testdatabase.h"

#include "store/database.h"

#include <atomic>
#include <cstdlib>
#include <functional>
#include <unistd.h>

namespace rd::test {

namespace {

/** The URI of @p schema on the throwaway server (host, port, user and password from PG*). */
std::string schemaUri(const std::string &schema)
{
    return "postgresql://?options=-csearch_path%3D" + schema;
}

void createSchema(const std::string &schema)
{
    sql::Database admin("postgresql://");
    admin.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
}

} // namespace

bool onPostgres()
{
    const char *v = std::getenv("RD_TEST_POSTGRES");
    return v && std::string(v) == "1";
}

std::string freshDatabase()
{
    if (!onPostgres())
        return ":memory:";
    static std::atomic<int> counter{0};
    const auto schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    createSchema(schema);
    return schemaUri(schema);
}

std::string databaseFor(const std::filesystem::path &dataDir)
{
    if (!onPostgres())
        return (dataDir / "releasedesk.db").string();
    const auto dir = std::filesystem::absolute(dataDir).lexically_normal().string();
    char name[32];
    std::snprintf(name, sizeof name, "d%016zx", std::hash<std::string>{}(dir));
    createSchema(name);
    return schemaUri(name);
}

} // namespace rd::test
