// Pull pages on the tablet: requests, applying pages with their cursor, and pulling afresh.
#include "replica.h"

#include "codec.h"
#include "kinds.h"
#include "replicastate.h"
#include "tables.h"

#include <algorithm>

namespace rd::sync {

using namespace codec;
using namespace replicastate;

std::int64_t Replica::pullCursor()
{
    return metaInt(m_store, kCursor, 0);
}

std::string Replica::nextPullBody(int limit)
{
    if (m_store.meta(kFreshPull) == std::optional<std::string>("due"))
        beginFreshPull();
    const auto cursor = pullCursor();
    const auto sessionFrom = metaInt(m_store, kSessionFrom, cursor);
    json::object body{{"protocol", kProtocolVersion},
                      {"cursor", cursor},
                      {"limit", limit},
                      {"session_from", sessionFrom},
                      {"snapshot_until", metaInt(m_store, kSnapshotUntil, 0)}};
    if (const auto database = knownDatabase())
        body["database_id"] = database->toString();
    return json::serialize(body);
}

std::optional<std::string> Replica::pullBodyAfter(std::string_view page, int limit)
{
    // Only the page's head is read (the server writes it before the rows); a page written in
    // another order is read whole.
    const auto tables = page.find(",\"tables\":");
    json::monotonic_resource arena;
    const auto head = tables == std::string_view::npos
                          ? parseObject(page, &arena)
                          : parseObject(std::string(page.substr(0, tables)) + "}", &arena);
    if (getInt(head, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version", "the server speaks another sync protocol");
    if (!getBool(head, "more"))
        return std::nullopt;
    const auto cursor = pullCursor();
    json::object body{{"protocol", kProtocolVersion},
                      {"cursor", getInt(head, "cursor")},
                      {"limit", limit},
                      {"session_from", metaInt(m_store, kSessionFrom, cursor)},
                      {"snapshot_until", getInt(head, "snapshot_until")}};
    if (const auto database = knownDatabase())
        body["database_id"] = database->toString();
    return json::serialize(body);
}

PullOutcome Replica::applyPullPage(std::string_view body)
{
    // A page holds thousands of small values: one arena for all of them, freed at once.
    json::monotonic_resource arena;
    const auto page = parseObject(body, &arena);
    if (getInt(page, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version", "the server speaks another sync protocol");
    if (const auto database = getOptId(page, "database_id"); database && !knownDatabase())
        m_store.setMeta(kDatabase, database->toString()); // the first answer this tablet has seen
    PullOutcome out;
    out.cursor = getInt(page, "cursor");
    out.complete = !getBool(page, "more");
    const auto previous = pullCursor();
    if (out.cursor < previous)
        throw ProtocolError("wrong_type", "the server's page goes back in the change sequence");

    auto &db = m_store.database();
    const bool freshPull = m_store.meta(kFreshPull) == std::optional<std::string>("under way");
    ForeignKeysOff fkOff(db);
    Store::Batch batch(m_store);
    for (const auto &t : getArray(page, "tables")) {
        if (!t.is_object())
            throw ProtocolError("wrong_type", "each table of a page must be an object");
        const auto &o = t.get_object();
        const auto &table = syncedTable(getString(o, "table"));
        std::vector<std::string> columns;
        for (const auto &c : getArray(o, "columns")) {
            if (!c.is_string())
                throw ProtocolError("wrong_type", "column names must be strings");
            columns.emplace_back(c.get_string());
        }
        // A pull from nothing writes the server's snapshot over whatever the tablet held, rows that
        // clash with it on a unique value included (a sign-off the restored server lost, say).
        RowWriter writer(db, table, std::move(columns),
                         freshPull ? RowWriter::Clashes::Replace : RowWriter::Clashes::Refuse);
        for (const auto &row : getArray(o, "rows")) {
            if (!row.is_array())
                throw ProtocolError("wrong_type", "each row must be an array");
            writer.write(row.get_array(), out.cursor);
            ++out.rows;
        }
    }
    for (const auto &d : getArray(page, "deleted")) {
        if (!d.is_object())
            throw ProtocolError("wrong_type", "each deletion must be an object");
        const auto &o = d.get_object();
        const auto &table = syncedTable(getString(o, "table"));
        const auto key2 = getOptId(o, "key2");
        std::string sql =
            "DELETE FROM " + std::string(table.name) + " WHERE " + std::string(table.key1) + " = ?1";
        if (!table.key2.empty())
            sql += " AND " + std::string(table.key2) + " = ?2";
        auto q = db.query(sql);
        q->bind(1, getId(o, "key"));
        if (!table.key2.empty())
            q->bind(2, key2 ? *key2 : Id());
        q->run();
        ++out.rows;
    }

    // The cursor moves in the same transaction as the rows: an interrupted pull resumes here.
    if (!m_store.meta(kSessionFrom)) // the first page of a pull session
        m_store.setMeta(kSessionFrom, std::to_string(previous));
    if (const auto total = getOptInt(page, "total"))
        m_store.setMeta(kTotal, std::to_string(*total));
    out.total = metaInt(m_store, kTotal, 0);
    out.done = metaInt(m_store, kDone, 0) + getOptInt(page, "entries").value_or(out.rows);
    m_store.setMeta(kCursor, std::to_string(out.cursor));
    m_store.setMeta(kSnapshotUntil, std::to_string(getInt(page, "snapshot_until")));
    if (out.complete) {
        out.done = std::max(out.done, out.total);
        for (const char *key : {kSessionFrom, kTotal, kDone})
            m_store.removeMeta(key);
        if (freshPull)
            endFreshPull();
    } else {
        m_store.setMeta(kDone, std::to_string(out.done));
    }
    batch.commit();
    return out;
}

void Replica::beginFreshPull()
{
    // Every row is marked as not brought again yet (seq 0); the pull from nothing writes each row
    // the server still has with its page's cursor, and what stays at 0 goes at its end.
    Store::Batch batch(m_store);
    auto &db = m_store.database();
    for (const auto &t : syncedTables())
        db.exec("UPDATE " + std::string(t.name) + " SET seq = 0");
    for (const char *key : {kCursor, kSessionFrom, kTotal, kDone, kSnapshotUntil})
        m_store.removeMeta(key);
    m_store.setMeta(kFreshPull, "under way");
    batch.commit();
}

void Replica::endFreshPull()
{
    // Inside the last page's transaction. Records of changes still waiting to be sent stay: the
    // server has not seen them yet.
    auto &db = m_store.database();
    db.exec("CREATE TEMP TABLE IF NOT EXISTS unsent_records(id BLOB PRIMARY KEY) WITHOUT ROWID");
    db.exec("DELETE FROM temp.unsent_records");
    {
        auto q = db.query("SELECT kind, payload FROM outbox WHERE acked_at IS NULL");
        while (q->step()) {
            const auto kind = q->text(0);
            const auto &kinds = mutationKinds();
            const auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto &k) { return k.name == kind; });
            if (it == kinds.end() || it->creates.empty())
                continue;
            const auto data = parseObject(q->text(1));
            db.query("INSERT OR IGNORE INTO temp.unsent_records(id) VALUES (?1)")->bindAll(getId(data, "id")).run();
        }
    }
    // Children before their parents, so that no row is left naming one that went. A row keyed by
    // a record still to be sent stays with it (a room audit's lines, a new person's sites).
    const auto tables = syncedTables();
    for (auto t = tables.rbegin(); t != tables.rend(); ++t)
        db.exec("DELETE FROM " + std::string(t->name) + " WHERE seq = 0 AND " + std::string(t->key1) +
                " NOT IN (SELECT id FROM temp.unsent_records)");
    m_store.removeMeta(kFreshPull);
}

} // namespace rd::sync
