#include "replica.h"

#include "codec.h"
#include "store/store.h"
#include "tables.h"

#include <chrono>

namespace rd::sync {

using namespace codec;

namespace {

constexpr const char *kCursor = "sync.pull_cursor";
constexpr const char *kSessionFrom = "sync.pull_session_from";
constexpr const char *kTotal = "sync.pull_total";
constexpr const char *kDone = "sync.pull_done";
constexpr const char *kSnapshotUntil = "sync.snapshot_until";

Millis nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t metaInt(Store &store, const char *key, std::int64_t fallback)
{
    const auto v = store.meta(key);
    if (!v)
        return fallback;
    try {
        return std::stoll(*v);
    } catch (const std::exception &) {
        throw StoreError(std::string("local setting ") + key + " is damaged", 0);
    }
}

/** Turns foreign key checks off for the scope: the server checked them, and pages arrive in seq order. */
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(sql::Database &db)
        : m_db(db)
    {
        m_db.exec("PRAGMA foreign_keys = OFF");
    }
    ~ForeignKeysOff()
    {
        try {
            m_db.exec("PRAGMA foreign_keys = ON");
        } catch (...) {
        }
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    sql::Database &m_db;
};

/** The table a creating mutation added its record to. */
std::string_view createdTable(std::string_view kind)
{
    if (kind == "addAsset")
        return "assets";
    if (kind == "startInstallation")
        return "installations";
    if (kind == "recordStepResult")
        return "step_results";
    if (kind == "signOff")
        return "signoffs";
    if (kind == "recordBackOut")
        return "backouts";
    if (kind == "recordScanOverride")
        return "scan_overrides";
    return {};
}

json::value opt(const std::optional<std::string> &v)
{
    return v ? json::value(json::string(*v)) : json::value(nullptr);
}

} // namespace

Replica::Replica(Store &store)
    : m_store(store)
{}

Replica::Group::Group(Replica &replica)
    : m_replica(replica)
    , m_batch(replica.m_store)
{
    if (m_replica.m_grouped)
        throw StoreError("a group of local changes cannot be opened inside another", 0);
    m_replica.m_grouped = true;
}

Replica::Group::~Group()
{
    m_replica.m_grouped = false;
}

void Replica::Group::commit()
{
    m_batch.commit();
    m_replica.m_grouped = false;
}

namespace {

/**
 * One local change's unit of work: a transaction of its own, or a savepoint inside the caller's
 * Replica::Group, so that either way the write and its outbox entry apply together or not at all.
 */
class LocalChange {
public:
    LocalChange(Store &store, bool grouped)
    {
        if (grouped)
            m_unit.emplace(store);
        else
            m_batch.emplace(store);
    }
    void commit()
    {
        if (m_unit)
            m_unit->commit();
        else
            m_batch->commit();
    }

private:
    std::optional<Store::Batch> m_batch;
    std::optional<Store::Unit> m_unit;
};

void queue(Store &store, std::string_view kind, const json::object &data)
{
    store.database()
        .query("INSERT INTO outbox(kind, payload, created_at) VALUES (?1, ?2, ?3)")
        ->bindAll(kind, json::serialize(data), nowMillis())
        .run();
}

/** A record created on the tablet: written and queued in one transaction, with the id made here. */
template <typename Record>
Id recordCreated(Store &store, bool grouped, std::string_view kind, Record record, Id (Store::*write)(Record))
{
    if (record.id.isNull())
        record.id = Id::generate();
    LocalChange batch(store, grouped);
    (store.*write)(record);
    queue(store, kind, toJson(record));
    batch.commit();
    return record.id;
}

/** The asset as it is before a local change, which the mutation carries as its "from". */
Asset existingAsset(Store &store, const Id &assetId)
{
    auto a = store.asset(assetId);
    if (!a)
        throw NotFoundError("asset", assetId.toString());
    return *a;
}

} // namespace

Id Replica::addAsset(Asset asset)
{
    if (asset.id.isNull())
        asset.id = Id::generate();
    LocalChange batch(m_store, m_grouped);
    m_store.addAsset(asset);
    queue(m_store, "addAsset", toJson(*m_store.asset(asset.id)));
    batch.commit();
    return asset.id;
}

namespace {

json::object change(const std::optional<std::string> &from, const std::optional<std::string> &to)
{
    return {{"from", opt(from)}, {"to", opt(to)}};
}

std::optional<std::string> idText(const std::optional<Id> &id)
{
    return id ? std::optional(id->toString()) : std::nullopt;
}

} // namespace

void Replica::moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId)
{
    LocalChange batch(m_store, m_grouped);
    const auto before = existingAsset(m_store, assetId);
    m_store.moveAsset(assetId, siteId, roomId);
    json::object changes;
    if (before.siteId != siteId)
        changes["site_id"] = change(before.siteId.toString(), siteId.toString());
    if (before.roomId != roomId)
        changes["room_id"] = change(idText(before.roomId), idText(roomId));
    if (!changes.empty())
        queue(m_store, "setAssetFields", {{"id", assetId.toString()}, {"changes", std::move(changes)}});
    batch.commit();
}

void Replica::setAssetStatus(const Id &assetId, AssetStatus status)
{
    LocalChange batch(m_store, m_grouped);
    const auto before = existingAsset(m_store, assetId);
    m_store.setAssetStatus(assetId, status);
    queue(m_store, "setAssetFields",
          {{"id", assetId.toString()},
           {"changes",
            {{"status", change(std::string(toString(before.status)), std::string(toString(status)))}}}});
    batch.commit();
}

void Replica::setAssetUser(const Id &assetId, std::string_view assignedUser)
{
    LocalChange batch(m_store, m_grouped);
    const auto before = existingAsset(m_store, assetId);
    m_store.setAssetUser(assetId, assignedUser);
    const auto after = m_store.asset(assetId);
    if (after->assignedUser != before.assignedUser)
        queue(m_store, "setAssetFields",
              {{"id", assetId.toString()},
               {"changes", {{"assigned_user", change(before.assignedUser, after->assignedUser)}}}});
    batch.commit();
}

void Replica::setReleaseStatus(const Id &releaseId, ReleaseStatus status)
{
    LocalChange batch(m_store, m_grouped);
    const auto before = m_store.release(releaseId);
    if (!before)
        throw NotFoundError("release", releaseId.toString());
    m_store.setReleaseStatus(releaseId, status);
    queue(m_store, "setReleaseStatus",
          {{"id", releaseId.toString()},
           {"from", std::string(toString(before->status))},
           {"to", std::string(toString(status))}});
    batch.commit();
}

Id Replica::startInstallation(Installation installation)
{
    return recordCreated(m_store, m_grouped, "startInstallation", std::move(installation), &Store::startInstallation);
}

Id Replica::recordStepResult(StepResult result)
{
    return recordCreated(m_store, m_grouped, "recordStepResult", std::move(result), &Store::recordStepResult);
}

Id Replica::signOff(SignOff signOff)
{
    return recordCreated(m_store, m_grouped, "signOff", std::move(signOff), &Store::signOff);
}

Id Replica::recordBackOut(BackOut backOut)
{
    return recordCreated(m_store, m_grouped, "recordBackOut", std::move(backOut), &Store::recordBackOut);
}

Id Replica::recordScanOverride(ScanOverride scanOverride)
{
    return recordCreated(m_store, m_grouped, "recordScanOverride", std::move(scanOverride),
                         &Store::recordScanOverride);
}

void Replica::resolveConflict(const Id &conflictId, const std::string &value, const Id &by, Millis at)
{
    LocalChange batch(m_store, m_grouped);
    const auto c = m_store.conflict(conflictId);
    if (!c)
        throw NotFoundError("conflict", conflictId.toString());
    // Locally the chosen value shows at once; the server applies it and settles the conflict.
    if (c->table == "assets") {
        const auto a = m_store.asset(c->recordId);
        if (a && c->field == "room_id")
            m_store.moveAsset(a->id, a->siteId,
                              value.empty() ? std::nullopt : std::optional(Id::parse(value, "room")));
        else if (a && c->field == "status")
            m_store.setAssetStatus(a->id, parse<AssetStatus>(value));
        else if (a && c->field == "assigned_user")
            m_store.setAssetUser(a->id, value);
    }
    m_store.markConflictResolved(conflictId, by, at, "kept " + value);
    queue(m_store, "resolveConflict",
          {{"id", conflictId.toString()}, {"value", value}, {"by", by.toString()}, {"at", at}});
    batch.commit();
}

int Replica::pendingCount()
{
    return static_cast<int>(m_store.database().scalar("SELECT count(*) FROM outbox"));
}

std::optional<std::string> Replica::nextPushBody(int maxMutations)
{
    std::string mutations;
    auto q =
        m_store.database().query("SELECT seq, kind, payload, created_at FROM outbox ORDER BY seq LIMIT ?1");
    q->bind(1, maxMutations);
    while (q->step()) {
        // The payload is stored as JSON text: spliced in as it is, not parsed again.
        mutations += mutations.empty() ? "" : ",";
        mutations += "{\"seq\":" + std::to_string(q->int64(0)) +
                     ",\"kind\":" + json::serialize(json::string(q->text(1))) +
                     ",\"at\":" + std::to_string(q->int64(3)) + ",\"data\":" + q->text(2) + "}";
    }
    if (mutations.empty())
        return std::nullopt;
    return "{\"protocol\":" + std::to_string(kProtocolVersion) + ",\"device_id\":\"" +
           m_store.deviceId().toString() + "\",\"mutations\":[" + mutations + "]}";
}

PushOutcome Replica::acceptPushResponse(std::string_view body)
{
    const auto answer = parseObject(body);
    if (getInt(answer, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version", "the server speaks another sync protocol");
    PushOutcome out;
    out.lastAppliedSeq = getInt(answer, "last_applied_seq");
    const auto &results = getArray(answer, "results");

    auto &db = m_store.database();
    ForeignKeysOff fkOff(db);
    Store::Batch batch(m_store);
    {
        // Every outbox entry up to the last applied one that the answer does not list was applied.
        auto q = db.query("SELECT count(*) FROM outbox WHERE seq <= ?1");
        q->bind(1, out.lastAppliedSeq);
        q->step();
        out.applied = static_cast<int>(q->int64(0)) - static_cast<int>(results.size());
    }
    for (const auto &v : results) {
        if (!v.is_object())
            throw ProtocolError("wrong_type", "each push result must be an object");
        const auto &r = v.get_object();
        const auto seq = getInt(r, "seq");
        const auto status = getString(r, "status");
        if (status == "applied") {
            // listed only by older servers; counted above
        } else if (status == "duplicate") {
            ++out.duplicates;
        } else if (status == "conflict") {
            ++out.conflicts;
        } else if (status == "merged") {
            ++out.merged;
            const auto &table = syncedTable(getString(r, "table"));
            const auto alias = getId(r, "id");
            const auto kept = getId(r, "canonical_id");
            if (alias != kept) {
                // Point this tablet's records at the record the server kept, and drop the copy.
                if (table.name == "assets") {
                    for (const char *sql :
                         {"UPDATE installations SET asset_id = ?2 WHERE asset_id = ?1",
                          "UPDATE licence_assignments SET asset_id = ?2 WHERE asset_id = ?1",
                          "UPDATE scan_overrides SET asset_id = ?2 WHERE asset_id = ?1"})
                        db.query(sql)->bindAll(alias, kept).run();
                    db.query("DELETE FROM assets WHERE id = ?1")->bindAll(alias).run();
                } else if (table.name == "installations") {
                    for (const char *sql :
                         {"UPDATE step_results SET installation_id = ?2 WHERE installation_id = ?1",
                          "UPDATE OR IGNORE signoffs SET installation_id = ?2 WHERE installation_id = ?1",
                          "UPDATE OR IGNORE backouts SET installation_id = ?2 WHERE installation_id = ?1",
                          "UPDATE scan_overrides SET installation_id = ?2 WHERE installation_id = ?1"})
                        db.query(sql)->bindAll(alias, kept).run();
                    db.query("DELETE FROM installations WHERE id = ?1")->bindAll(alias).run();
                }
                db.query("UPDATE outbox SET payload = replace(payload, ?1, ?2) WHERE seq > ?3")
                    ->bindAll(alias.toString(), kept.toString(), seq)
                    .run();
            }
        } else if (status == "rejected") {
            ++out.rejected;
            std::string kind, payload;
            {
                auto q = db.query("SELECT kind, payload FROM outbox WHERE seq = ?1");
                q->bind(1, seq);
                if (q->step()) {
                    kind = q->text(0);
                    payload = q->text(1);
                }
            }
            // Undo the local effect: a record the server never took goes, a changed one is put back.
            if (const auto table = createdTable(kind); !table.empty() && !payload.empty()) {
                const auto data = parseObject(payload);
                db.query("DELETE FROM " + std::string(table) + " WHERE id = ?1")
                    ->bindAll(getId(data, "id"))
                    .run();
            }
            if (const auto *current = r.if_contains("current"); current && current->is_array()) {
                for (const auto &c : current->get_array()) {
                    if (!c.is_object())
                        throw ProtocolError("wrong_type", "current rows must be objects");
                    const auto &table = syncedTable(getString(c.get_object(), "table"));
                    const auto &row = getObject(c.get_object(), "row");
                    std::vector<std::string> columns;
                    json::array values;
                    for (const auto &[k, val] : row) {
                        columns.emplace_back(k);
                        values.push_back(val);
                    }
                    RowWriter(db, table, std::move(columns)).write(values);
                }
            }
            if (!kind.empty()) {
                db.query("INSERT OR REPLACE INTO local_rejections(mutation_seq, kind, payload, reason, at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)")
                    ->bindAll(seq, kind, payload,
                              getOptString(r, "message").value_or("refused by the server"), nowMillis())
                    .run();
            }
        } else {
            throw ProtocolError("wrong_type", "unknown push result '" + status.substr(0, 40) + "'");
        }
    }
    db.query("DELETE FROM outbox WHERE seq <= ?1")->bindAll(out.lastAppliedSeq).run();
    batch.commit();
    return out;
}

std::int64_t Replica::pullCursor()
{
    return metaInt(m_store, kCursor, 0);
}

std::string Replica::nextPullBody(int limit)
{
    const auto cursor = pullCursor();
    const auto sessionFrom = metaInt(m_store, kSessionFrom, cursor);
    return json::serialize(json::object{{"protocol", kProtocolVersion},
                                        {"cursor", cursor},
                                        {"limit", limit},
                                        {"session_from", sessionFrom},
                                        {"snapshot_until", metaInt(m_store, kSnapshotUntil, 0)}});
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
    return json::serialize(json::object{{"protocol", kProtocolVersion},
                                        {"cursor", getInt(head, "cursor")},
                                        {"limit", limit},
                                        {"session_from", metaInt(m_store, kSessionFrom, cursor)},
                                        {"snapshot_until", getInt(head, "snapshot_until")}});
}

PullOutcome Replica::applyPullPage(std::string_view body)
{
    // A page holds thousands of small values: one arena for all of them, freed at once.
    json::monotonic_resource arena;
    const auto page = parseObject(body, &arena);
    if (getInt(page, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version", "the server speaks another sync protocol");
    PullOutcome out;
    out.cursor = getInt(page, "cursor");
    out.complete = !getBool(page, "more");
    const auto previous = pullCursor();
    if (out.cursor < previous)
        throw ProtocolError("wrong_type", "the server's page goes back in the change sequence");

    auto &db = m_store.database();
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
        RowWriter writer(db, table, std::move(columns));
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
    } else {
        m_store.setMeta(kDone, std::to_string(out.done));
    }
    batch.commit();
    return out;
}

std::vector<Conflict> Replica::openConflicts()
{
    std::vector<Conflict> out;
    auto q =
        m_store.database().query("SELECT id, table_name, record_id, field, coalesce(kept_value, ''), "
                                 "coalesce(lost_value, ''), lost_by, created_at, resolved_at IS NOT NULL "
                                 "FROM conflicts WHERE resolved_at IS NULL ORDER BY created_at");
    while (q->step())
        out.push_back(Conflict{q->id(0), q->text(1), q->id(2), q->text(3), q->text(4), q->text(5), q->id(6),
                               q->int64(7), q->int64(8) != 0});
    return out;
}

int Replica::rejectionCount()
{
    return static_cast<int>(m_store.database().scalar("SELECT count(*) FROM local_rejections"));
}

} // namespace rd::sync
