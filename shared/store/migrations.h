#pragma once

#include <span>
#include <string_view>

namespace rd::sql {
class Database;
}

namespace rd {

/** One step of the schema: the SQL that takes a database from version - 1 to version. */
struct Migration {
    int version;
    std::string_view sql;
    /** Tables: the step makes tables anew and drops the old ones (run with foreign keys off, checked after). */
    enum class Rebuilds { Nothing, Tables } rebuilds = Rebuilds::Nothing;
};

/** Every migration, in order; the last one's version is the schema this program writes. */
[[nodiscard]] std::span<const Migration> migrations() noexcept;
[[nodiscard]] int schemaVersion() noexcept;

/**
 * Brings @p db up to schemaVersion(). SQLite: one migration per transaction, each recorded in
 * PRAGMA user_version; stops at @p upTo when given (for tests of each step). PostgreSQL: a new
 * database gets the schema at schemaVersion() in one transaction, made from these same
 * migrations (said in PostgreSQL's dialect, pgdialect.h), recorded in meta's schema_version;
 * version 9 is the first a PostgreSQL database has, and a migration after it must be written so
 * that both engines run it (PostgreSQL runs it in place, then its own part of the version, if
 * any: version 10's change blocks, changeblocks.h). Refuses (StoreError) a database written by a newer program, and
 * never touches it.
 */
void migrate(sql::Database &db, int upTo = -1);

/** The schema version @p db is at (0: none yet). */
[[nodiscard]] int schemaVersionOf(sql::Database &db);

} // namespace rd
