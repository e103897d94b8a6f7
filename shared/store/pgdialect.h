#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rd::sql {

/**
 * A statement written in SQLite's dialect, said in PostgreSQL's: parameters ?N become $N (a bare
 * ? the next number); LIKE becomes ILIKE (SQLite's LIKE ignores ASCII case); `x COLLATE NOCASE`
 * becomes lower(x); group_concat(x[, sep]) becomes string_agg(x, sep); two-argument max/min
 * become GREATEST/LEAST; instr becomes strpos, ifnull coalesce; CAST AS INTEGER/REAL become
 * BIGINT/DOUBLE PRECISION; INSERT OR IGNORE becomes INSERT ... ON CONFLICT DO NOTHING. Text in
 * quotes is left alone. @p params is set to the highest parameter number used.
 */
[[nodiscard]] std::string postgresStatement(std::string_view sqlite, int &params);

/**
 * A table or index definition as SQLite keeps it (sqlite_master), said in PostgreSQL's dialect:
 * INTEGER is BIGINT, BLOB BYTEA, REAL DOUBLE PRECISION, TEXT compares byte by byte as in SQLite
 * (COLLATE "C"), a NOCASE column takes the case-insensitive collation rd_nocase, an INTEGER
 * PRIMARY KEY is an identity column, and the hex-digit GLOB checks are regular expressions.
 * Throws std::invalid_argument for SQLite syntax it does not know how to say.
 */
[[nodiscard]] std::string postgresDefinition(std::string_view sqlite);

/**
 * An INSERT of one row of values in PostgreSQL's dialect, `INSERT INTO t(...) VALUES (row)` with
 * nothing after the row (no ON CONFLICT, no RETURNING): the parts that several such rows are sent
 * as one statement from (multiRowInsert). Rows of a plain INSERT sent together are written as
 * they would be one after another, or the statement fails whole.
 */
struct ValuesInsert {
    std::string head; ///< up to and including "VALUES "
    std::string row;  ///< "(...)", its parameters $1 to $params
    int params = 0;
};

/** @p pgSql split into a ValuesInsert with @p params parameters; nullopt for any other statement. */
[[nodiscard]] std::optional<ValuesInsert> valuesInsert(std::string_view pgSql, int params);

/** The statement writing @p rows rows of @p insert: row r's parameter $k becomes $(k + r × params). */
[[nodiscard]] std::string multiRowInsert(const ValuesInsert &insert, int rows);

} // namespace rd::sql
