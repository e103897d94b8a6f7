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
 * Brings @p db up to schemaVersion(), one migration per transaction, recording each in
 * PRAGMA user_version. Refuses (StoreError) a database written by a newer program, and never
 * touches it. Stops at @p upTo when given (for tests of each step).
 */
void migrate(sql::Database &db, int upTo = -1);

} // namespace rd
