#pragma once

#include "codec.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rd::sql {
class Database;
class Statement;
} // namespace rd::sql

namespace rd::sync {

/** Who on a tablet may write a table, which decides how a pulled row lands on it. */
enum class TabletWrites {
    Never, ///< reference data: the server's row replaces whatever the tablet holds
    Yes,   ///< the tablet creates rows here too: a pulled row updates the row with its key
};

/** A table that the sync carries from the server to the tablets. */
struct SyncedTable {
    std::string_view name;
    std::string_view key1;
    std::string_view key2;  ///< empty unless the key has two parts
    std::string_view scope; ///< SQL condition limiting rows to the caller's sites (?3 = user id), or empty
    TabletWrites tabletWrites;
    std::string_view scopeWords; ///< who receives its rows, for the protocol doc
};

/** Every synced table, parents before children. */
[[nodiscard]] std::span<const SyncedTable> syncedTables() noexcept;
/** The synced table named @p name; throws ProtocolError for any other name. */
[[nodiscard]] const SyncedTable &syncedTable(std::string_view name);

/** Columns that never leave the server (password hashes). */
[[nodiscard]] bool isPrivateColumn(std::string_view table, std::string_view column) noexcept;
/** Columns only the office (release managers, build developers) receives; installers get "" (licence keys). */
[[nodiscard]] bool isOfficeColumn(std::string_view table, std::string_view column) noexcept;

/** A column's value in the protocol's JSON: ids (16-byte BLOBs) as UUID text. */
[[nodiscard]] codec::json::value columnValue(const sql::Statement &row, int col);
/** The same, appended as JSON text to @p out: the pull's page is written this way, without a DOM. */
void appendColumnValue(std::string &out, const sql::Statement &row, int col);

/** Column names and declared types of a table, read from the schema. */
struct TableColumns {
    std::vector<std::string> names;
    std::vector<std::string> types; ///< "BLOB", "TEXT", "INTEGER"
};
[[nodiscard]] TableColumns tableColumns(sql::Database &db, std::string_view table);

/** One row, as the server answers a refused mutation with the record's current state. */
[[nodiscard]] codec::json::object currentRow(sql::Database &db, const SyncedTable &table, const Id &id);
/** The rows of @p table whose @p column is @p id (a build's lines), as currentRow() writes each. */
[[nodiscard]] std::vector<codec::json::object> currentRowsOf(sql::Database &db, const SyncedTable &table,
                                                             std::string_view column, const Id &id);

/**
 * Writes rows received from the server into the tablet's copy of a table. Made once per table
 * and column list (the statement is built and the local types are read once); each row's values
 * are checked against the local schema (ProtocolError when they do not fit).
 */
class RowWriter {
public:
    /** How a row meets a row it clashes with on a unique value other than its key. */
    enum class Clashes {
        Refuse,  ///< the page fails (a tablet's own unsent row is never written over in silence)
        Replace, ///< the row held goes: a pull from nothing, whose snapshot is the truth
    };
    RowWriter(sql::Database &db, const SyncedTable &table, std::vector<std::string> columns,
              Clashes clashes = Clashes::Refuse);
    /** Writes one row; @p seq fills the local change sequence when the server did not send it. */
    void write(const codec::json::array &values, std::int64_t seq = 0);

private:
    enum class Kind { Id, Integer, Text };
    sql::Database &m_db;
    const SyncedTable &m_table;
    std::vector<std::string> m_columns;
    std::vector<Kind> m_kinds;
    bool m_addSeq = false;
    std::string m_sql;
    sql::Statement *m_statement = nullptr;
    std::vector<Id> m_ids; ///< this row's ids, bound without a copy
};

} // namespace rd::sync
