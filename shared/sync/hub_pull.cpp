// Pull pages: the server's changes after a cursor, in the caller's scope, written as text.
#include "hub.h"

#include "codec.h"
#include "records.h"
#include "store/store.h"
#include "tables.h"

namespace rd::sync {

using namespace codec;

// --- pull ------------------------------------------------------------------------------------

namespace {

/**
 * "SELECT seq FROM t WHERE seq > ?1 AND seq <= ?5 [AND scope]" for every synced table, and the
 * tombstones: ?5 is the pull's horizon (PostgreSQL: the snapshot may hold changes above it, of
 * writers that committed while one below them is still open; they come in a later pull).
 */
std::string seqUnion(bool scoped)
{
    std::string sql;
    for (const auto &t : syncedTables()) {
        sql += sql.empty() ? "" : " UNION ALL ";
        sql += "SELECT seq FROM " + std::string(t.name) + " WHERE seq > ?1 AND seq <= ?5";
        if (scoped && !t.scope.empty())
            sql += " AND " + std::string(t.scope);
    }
    sql += " UNION ALL SELECT seq FROM tombstones WHERE seq > ?1 AND seq > ?2 AND seq <= ?5";
    return sql;
}

} // namespace

const std::vector<Hub::PageQuery> &Hub::pageQueries(bool scoped, bool office)
{
    auto &queries = m_pageQueries[scoped][office];
    if (!queries.empty())
        return queries;
    for (const auto &t : syncedTables()) {
        PageQuery p{t.name, "SELECT ", "", 0, scoped && !t.scope.empty()};
        for (const auto &c : tableColumns(m_store.database(), t.name).names) {
            if (c == "seq") // the page's cursor says where it is; rows need not repeat it
                continue;
            // A licence key goes to the office only: an installer's tablet gets "" in its place.
            const bool blank = !office && isOfficeColumn(t.name, c);
            p.sql += (p.columns ? ", " : "") + (blank ? "'' AS " + c : c);
            p.columnNames += (p.columns ? ",\"" : "\"") + c + "\"";
            ++p.columns;
        }
        p.sql += " FROM " + std::string(t.name) + " WHERE seq > ?1 AND seq <= ?2";
        if (p.scoped)
            p.sql += " AND " + std::string(t.scope);
        queries.push_back(std::move(p));
    }
    return queries;
}

std::string Hub::pull(const Principal &who, std::string_view body)
{
    json::monotonic_resource arena;
    const auto request = parseObject(body, &arena);
    if (getInt(request, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version",
                            "this server speaks sync protocol " + std::to_string(kProtocolVersion));
    const auto inRange = [](std::string_view key, std::int64_t v, std::int64_t min, std::int64_t max) {
        if (v < min || v > max)
            throw ProtocolError("wrong_type", "field '" + std::string(key) + "' must be from " +
                                                  std::to_string(min) + " to " + std::to_string(max));
        return v;
    };
    const auto cursor = inRange("cursor", getInt(request, "cursor"), 0, kMaxSeq);
    const auto limit = inRange("limit", getInt(request, "limit"), 1, kMaxPullLimit);
    const auto sessionFrom =
        inRange("session_from", getOptInt(request, "session_from").value_or(cursor), 0, cursor);
    auto snapshotUntil = inRange("snapshot_until", getOptInt(request, "snapshot_until").value_or(0), 0, kMaxSeq);
    requireDatabase(getOptId(request, "database_id"));
    const auto database = databaseId().toString(); // before the read transaction: made on first use

    auto &db = m_store.database();
    const bool scoped = who.role != Role::ReleaseManager;
    // How far this pull may read: on PostgreSQL taken before the snapshot, so every change at or
    // below it has committed and is in it (Store::pullHorizon); on SQLite read inside it.
    const auto horizonFirst = db.isPostgres() ? std::optional(m_store.pullHorizon()) : std::nullopt;
    // One read transaction: the page is a consistent picture of the server.
    sql::Transaction read(db, sql::Transaction::Mode::Read);
    (void)databaseId(); // the same connection session as the identity checked above, or refused
    const auto serverSeq = horizonFirst ? *horizonFirst : m_store.pullHorizon();
    // A cursor past the server's sequence was handed out by another database (one restored from
    // a backup since): this tablet pulls afresh, as for a changed database id.
    if (cursor > serverSeq || snapshotUntil > serverSeq)
        throw DatabaseChangedError(databaseId());
    if (cursor == 0 && snapshotUntil == 0)
        snapshotUntil = serverSeq; // a first sync: a snapshot, no tombstones before it

    if (m_seqUnion[scoped].empty())
        m_seqUnion[scoped] = seqUnion(scoped);
    const std::string &arms = m_seqUnion[scoped];
    std::int64_t total = -1;
    if (cursor == sessionFrom) {
        auto q = db.query("SELECT count(*) FROM (" + arms + ")");
        q->bindAll(cursor, snapshotUntil);
        if (scoped)
            q->bind(3, who.userId);
        q->bind(5, serverSeq);
        q->step();
        total = q->int64(0);
    }
    std::int64_t upto = cursor;
    std::int64_t entries = 0;
    {
        auto q =
            db.query("SELECT max(seq), count(*) FROM (SELECT seq FROM (" + arms + ") ORDER BY seq LIMIT ?4)");
        q->bindAll(cursor, snapshotUntil);
        if (scoped)
            q->bind(3, who.userId);
        q->bind(4, limit);
        q->bind(5, serverSeq);
        q->step();
        if (!q->isNull(0))
            upto = q->int64(0);
        entries = q->int64(1);
    }

    // The page is written as text straight from the rows: no JSON tree for thousands of rows.
    std::string out;
    out.reserve(static_cast<std::size_t>(entries) * 200 + 256);
    out += "{\"protocol\":" + std::to_string(kProtocolVersion) + ",\"database_id\":\"" + database + "\",\"cursor\":" + std::to_string(upto) +
           ",\"entries\":" + std::to_string(entries) + ",\"more\":" + (entries == limit ? "true" : "false") +
           ",\"snapshot_until\":" + std::to_string(snapshotUntil);
    if (total >= 0)
        out += ",\"total\":" + std::to_string(total);
    out += ",\"tables\":[";
    std::int64_t rows = 0;
    bool firstTable = true;
    if (upto > cursor) {
        for (const auto &t : pageQueries(scoped, who.role != Role::Installer)) {
            auto q = db.query(t.sql);
            q->bindAll(cursor, upto);
            if (t.scoped)
                q->bind(3, who.userId);
            bool firstRow = true;
            while (q->step()) {
                if (firstRow) {
                    out += firstTable ? "" : ",";
                    out += "{\"table\":\"" + std::string(t.table) + "\",\"columns\":[" + t.columnNames +
                           "],\"rows\":[";
                    firstTable = false;
                }
                out += firstRow ? "[" : ",[";
                firstRow = false;
                for (int i = 0; i < t.columns; ++i) {
                    if (i)
                        out.push_back(',');
                    appendColumnValue(out, *q, i);
                }
                out.push_back(']');
                ++rows;
            }
            if (!firstRow)
                out += "]}";
        }
    }
    out += "],\"deleted\":[";
    if (upto > cursor) {
        auto q = db.query("SELECT table_name, row_key FROM tombstones WHERE seq > ?1 AND seq <= ?2 AND seq > "
                          "?3 ORDER BY seq");
        q->bindAll(cursor, upto, snapshotUntil);
        bool first = true;
        while (q->step()) {
            const auto key = q->blobView(1);
            out += first ? "{\"table\":" : ",{\"table\":";
            first = false;
            appendJsonString(out, q->textView(0));
            out += ",\"key\":\"";
            Id::fromBlob(key.data(), 16).appendTo(out);
            out += "\",\"key2\":";
            if (key.size() == 32) {
                out.push_back('"');
                Id::fromBlob(key.data() + 16, 16).appendTo(out);
                out.push_back('"');
            } else {
                out += "null";
            }
            out.push_back('}');
            ++rows;
        }
    }
    out += "]}";
    read.commit();
    m_lastRows = rows;
    return out;
}

} // namespace rd::sync
