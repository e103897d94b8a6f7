#pragma once

#include <filesystem>
#include <string>

namespace rd::test {

/**
 * Whether this run's tests keep the server's database on PostgreSQL: ctest's "postgresql" label
 * runs them with RD_TEST_POSTGRES=1 inside pg_virtualenv (scripts/test.sh), whose PG* variables
 * say where the throwaway server is.
 */
[[nodiscard]] bool onPostgres();

/** A new, empty database for one test: ":memory:" on SQLite, a schema of its own on PostgreSQL. */
[[nodiscard]] std::string freshDatabase();

/**
 * The database of a server data directory: DIR/releasedesk.db on SQLite; on PostgreSQL a schema
 * named after the directory, made on first use, the same one for every process asking.
 */
[[nodiscard]] std::string databaseFor(const std::filesystem::path &dataDir);

} // namespace rd::test
