#pragma once

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

} // namespace rd::sql
