#include "tables.h"

#include "domain/text.h"

#include "store/database.h"

#include <algorithm>
#include <charconv>
#include <array>


namespace rd::sync {

namespace {

constexpr std::string_view kSiteScope = "site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?3)";
constexpr std::string_view kReleaseScope = "release_id IN (SELECT id FROM releases WHERE site_id IN (SELECT "
                                           "site_id FROM user_sites WHERE user_id = ?3))";
constexpr std::string_view kInstallationScope =
    "installation_id IN (SELECT i.id FROM installations i JOIN releases r ON r.id = i.release_id "
    "WHERE r.site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?3))";
constexpr std::string_view kConflictScope =
    "((table_name = 'assets' AND record_id IN (SELECT id FROM assets WHERE site_id IN (SELECT site_id FROM "
    "user_sites WHERE user_id = ?3))) OR (table_name = 'releases' AND record_id IN (SELECT id FROM releases "
    "WHERE site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?3))) OR "
    "(table_name <> 'assets' AND table_name <> 'releases' AND lost_by = ?3))";
constexpr std::string_view kChangeScope =
    "((table_name = 'assets' AND record_id IN (SELECT id FROM assets WHERE site_id IN (SELECT site_id FROM "
    "user_sites WHERE user_id = ?3))) OR (table_name = 'releases' AND record_id IN (SELECT id FROM releases "
    "WHERE site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?3))) OR "
    "(table_name <> 'assets' AND table_name <> 'releases'))";
constexpr std::string_view kAssetScope = "asset_id IN (SELECT id FROM assets WHERE site_id IN (SELECT "
                                         "site_id FROM user_sites WHERE user_id = ?3))";

constexpr std::string_view kAuditScope = "audit_id IN (SELECT id FROM room_audits WHERE site_id IN (SELECT "
                                         "site_id FROM user_sites WHERE user_id = ?3))";

constexpr std::array kTables{
    SyncedTable{"users", "id", "", "", TabletWrites::Never, "everyone (without password hashes)"},
    SyncedTable{"sites", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"rooms", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"user_sites", "user_id", "site_id", "", TabletWrites::Never, "everyone"},
    SyncedTable{"services", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"dsl_items", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"media_loans", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"licences", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"build_procedures", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"build_items", "build_id", "dsl_item_id", "", TabletWrites::Never, "everyone"},
    SyncedTable{"build_steps", "id", "", "", TabletWrites::Never, "everyone"},
    SyncedTable{"assets", "id", "", kSiteScope, TabletWrites::Yes, "users of the asset's site"},
    SyncedTable{"licence_assignments", "id", "", kAssetScope, TabletWrites::Yes, "users of the asset's site"},
    SyncedTable{"releases", "id", "", kSiteScope, TabletWrites::Never, "users of the release's site"},
    SyncedTable{"release_installers", "release_id", "user_id", kReleaseScope, TabletWrites::Never, "users of the release's site"},
    SyncedTable{"release_targets", "release_id", "target_id", kReleaseScope, TabletWrites::Never, "users of the release's site"},
    SyncedTable{"installations", "id", "", kReleaseScope, TabletWrites::Yes, "users of its release's site"},
    SyncedTable{"step_results", "id", "", kInstallationScope, TabletWrites::Yes, "users of its installation's release's site"},
    SyncedTable{"signoffs", "id", "", kInstallationScope, TabletWrites::Yes, "users of its installation's release's site"},
    SyncedTable{"backouts", "id", "", kInstallationScope, TabletWrites::Yes, "users of its installation's release's site"},
    SyncedTable{"conflicts", "id", "", kConflictScope, TabletWrites::Never, "users of the site of the asset or release it is about; for another record, the person whose value lost"},
    SyncedTable{"scan_overrides", "id", "", kAssetScope, TabletWrites::Yes, "users of the asset's site"},
    SyncedTable{"room_audits", "id", "", kSiteScope, TabletWrites::Yes, "users of the room's site"},
    SyncedTable{"room_audit_lines", "audit_id", "position", kAuditScope, TabletWrites::Yes,
                "users of its audit's room's site"},
    SyncedTable{"record_changes", "id", "", kChangeScope, TabletWrites::Yes,
                "for an asset or a release, users of its site; for another record, everyone"},
};

} // namespace

std::span<const SyncedTable> syncedTables() noexcept
{
    return kTables;
}

const SyncedTable &syncedTable(std::string_view name)
{
    for (const auto &t : kTables) {
        if (t.name == name)
            return t;
    }
    throw ProtocolError("wrong_type", "'" + printable(name, 40) + "' is not a synced table");
}

bool isPrivateColumn(std::string_view table, std::string_view column) noexcept
{
    return table == "users" && column == "password_hash";
}

bool isOfficeColumn(std::string_view table, std::string_view column) noexcept
{
    return table == "licences" && column == "entitlement";
}

codec::json::value columnValue(const sql::Statement &row, int col)
{
    switch (row.type(col)) {
    case sql::ColumnType::Integer:
        return row.int64(col);
    case sql::ColumnType::Real:
        return row.real(col);
    case sql::ColumnType::Text:
        return codec::json::string(row.text(col));
    case sql::ColumnType::Blob:
        return codec::json::string(row.id(col).toString());
    default:
        return nullptr;
    }
}

void appendColumnValue(std::string &out, const sql::Statement &row, int col)
{
    switch (row.type(col)) {
    case sql::ColumnType::Integer: {
        char buf[24];
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, row.int64(col));
        out.append(buf, end);
        break;
    }
    case sql::ColumnType::Text:
        codec::appendJsonString(out, row.textView(col));
        break;
    case sql::ColumnType::Blob: {
        const auto bytes = row.blobView(col);
        out.push_back('"');
        Id::fromBlob(bytes.data(), static_cast<int>(bytes.size())).appendTo(out);
        out.push_back('"');
        break;
    }
    case sql::ColumnType::Real:
        out += codec::json::serialize(codec::json::value(row.real(col)));
        break;
    default:
        out += "null";
    }
}

TableColumns tableColumns(sql::Database &db, std::string_view table)
{
    TableColumns out;
    auto q = db.isPostgres()
                 ? db.query("SELECT column_name, CASE data_type WHEN 'bytea' THEN 'BLOB' WHEN 'bigint' THEN 'INTEGER' "
                            "WHEN 'double precision' THEN 'REAL' ELSE 'TEXT' END FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position")
                 : db.query("SELECT name, upper(type) FROM pragma_table_info(?1) ORDER BY cid");
    q->bind(1, table);
    while (q->step()) {
        if (isPrivateColumn(table, q->text(0)))
            continue;
        out.names.push_back(q->text(0));
        out.types.push_back(q->text(1));
    }
    return out;
}

codec::json::object currentRow(sql::Database &db, const SyncedTable &table, const Id &id)
{
    const auto cols = tableColumns(db, table.name);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < cols.names.size(); ++i)
        sql += (i ? ", " : "") + cols.names[i];
    sql += " FROM " + std::string(table.name) + " WHERE " + std::string(table.key1) + " = ?1";
    auto q = db.query(sql);
    q->bind(1, id);
    codec::json::object row;
    if (q->step()) {
        for (int i = 0; i < q->columnCount(); ++i)
            row[q->columnName(i)] = columnValue(*q, i);
    }
    return row;
}

std::vector<codec::json::object> currentRowsOf(sql::Database &db, const SyncedTable &table, std::string_view column,
                                              const Id &id)
{
    const auto cols = tableColumns(db, table.name);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < cols.names.size(); ++i)
        sql += (i ? ", " : "") + cols.names[i];
    sql += " FROM " + std::string(table.name) + " WHERE " + std::string(column) + " = ?1";
    auto q = db.query(sql);
    q->bind(1, id);
    std::vector<codec::json::object> rows;
    while (q->step()) {
        codec::json::object row;
        for (int i = 0; i < q->columnCount(); ++i)
            row[q->columnName(i)] = columnValue(*q, i);
        rows.push_back(std::move(row));
    }
    return rows;
}

RowWriter::RowWriter(sql::Database &db, const SyncedTable &table, std::vector<std::string> columns, Clashes clashes)
    : m_db(db)
    , m_table(table)
    , m_columns(std::move(columns))
{
    const auto local = tableColumns(db, table.name);
    bool hasKey = false;
    std::string params, updates;
    const bool replace = table.tabletWrites == TabletWrites::Never || clashes == Clashes::Replace;
    m_sql = std::string(replace ? "INSERT OR REPLACE INTO " : "INSERT INTO ") + std::string(table.name) + "(";
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const auto &c = m_columns[i];
        const auto it = std::find(local.names.begin(), local.names.end(), c);
        if (it == local.names.end())
            throw ProtocolError("wrong_type",
                                std::string(table.name) + " has no column '" + printable(c, 40) + "'");
        const auto &type = local.types[static_cast<std::size_t>(it - local.names.begin())];
        m_kinds.push_back(type == "BLOB" ? Kind::Id : type == "INTEGER" ? Kind::Integer : Kind::Text);
        hasKey = hasKey || c == table.key1;
        m_sql += (i ? ", " : "") + c;
        params += (i ? ", ?" : "?") + std::to_string(i + 1);
        if (c != table.key1 && c != table.key2)
            updates += (updates.empty() ? "" : ", ") + c + " = excluded." + c;
    }
    if (!hasKey)
        throw ProtocolError("missing_field",
                            "rows of " + std::string(table.name) + " come without their key");
    // The server's change sequence is the page's business, not the row's: the tablet stores the
    // page's cursor in a row's seq (it only has to be there), and the page stays smaller.
    if (std::find(m_columns.begin(), m_columns.end(), "seq") == m_columns.end() &&
        std::find(local.names.begin(), local.names.end(), "seq") != local.names.end()) {
        m_addSeq = true;
        m_sql += ", seq";
        params += ", ?" + std::to_string(m_columns.size() + 1);
        updates += (updates.empty() ? "" : ", ") + std::string("seq = excluded.seq");
    }
    m_sql += ") VALUES (" + params + ")";
    if (!replace) {
        // Rows the tablet also writes are updated in place: a REPLACE would delete a local row
        // that merely shares a unique value, and with it unsent work.
        m_sql += " ON CONFLICT(" + std::string(table.key1) +
                 (table.key2.empty() ? "" : ", " + std::string(table.key2)) + ") DO " +
                 (updates.empty() ? std::string("NOTHING") : "UPDATE SET " + updates);
    }
}

void RowWriter::write(const codec::json::array &values, std::int64_t seq)
{
    if (values.size() != m_columns.size())
        throw ProtocolError("wrong_type", "a row of " + std::string(m_table.name) + " has " +
                                              std::to_string(values.size()) + " values for " +
                                              std::to_string(m_columns.size()) + " columns");
    if (!m_statement) {
        m_statement = &m_db.statement(m_sql);
        m_ids.resize(m_columns.size());
    }
    // Text is bound straight from the page's JSON and ids from m_ids, both alive until the row
    // is written: a page's hundreds of thousands of values are not copied once more.
    auto &q = *m_statement;
    struct Rewind {
        sql::Statement &q;
        ~Rewind() { q.rewind(); }
    } rewind{q};
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto &v = values[i];
        const int index = static_cast<int>(i + 1);
        const auto bad = [&](const char *what) {
            return ProtocolError("wrong_type",
                                 std::string(m_table.name) + "." + m_columns[i] + " must be " + what);
        };
        if (v.is_null()) {
            q.bind(index, nullptr);
            continue;
        }
        switch (m_kinds[i]) {
        case Kind::Id:
            if (!v.is_string())
                throw bad("an id");
            try {
                m_ids[i] = Id::parse(v.get_string(), m_columns[i]);
            } catch (const ValidationError &) {
                throw bad("an id");
            }
            q.bindStatic(index, m_ids[i]);
            break;
        case Kind::Integer:
            if (!v.is_int64())
                throw bad("an integer");
            q.bind(index, v.get_int64());
            break;
        case Kind::Text:
            if (!v.is_string())
                throw bad("text");
            q.bindStatic(index, std::string_view(v.get_string()));
            break;
        }
    }
    if (m_addSeq)
        q.bind(static_cast<int>(values.size() + 1), seq);
    q.run();
}

} // namespace rd::sync
