// The tablet's outbox: push bodies, the server's answers, and sending again what a restored
// server lost.
#include "replica.h"

#include "codec.h"
#include "kinds.h"
#include "replicastate.h"
#include "tables.h"

#include "domain/text.h"

namespace rd::sync {

using namespace codec;
using namespace replicastate;

int Replica::pendingCount()
{
    return static_cast<int>(m_store.database().scalar("SELECT count(*) FROM outbox WHERE acked_at IS NULL"));
}

int Replica::pendingCount(const Id &device)
{
    auto q = m_store.database().query("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND device_id = ?1");
    q->bind(1, device.toString());
    q->step();
    return static_cast<int>(q->int64(0));
}

std::vector<Id> Replica::devicesWithPending()
{
    const Id current = currentDevice();
    std::vector<Id> out;
    if (pendingCount(current) > 0)
        out.push_back(current);
    auto q = m_store.database().query("SELECT DISTINCT device_id FROM outbox WHERE acked_at IS NULL");
    while (q->step()) {
        const auto device = Id::parse(q->text(0), "device");
        if (device != current)
            out.push_back(device);
    }
    return out;
}

std::optional<std::string> Replica::nextPushBody(int maxMutations)
{
    return nextPushBody(maxMutations, currentDevice());
}

std::optional<std::string> Replica::nextPushBody(int maxMutations, const Id &device)
{
    std::string mutations;
    auto q = m_store.database().query("SELECT seq, kind, payload, created_at FROM outbox "
                                      "WHERE acked_at IS NULL AND device_id = ?1 ORDER BY seq LIMIT ?2");
    q->bindAll(device.toString(), maxMutations);
    while (q->step()) {
        // The payload is stored as JSON text: spliced in as it is, not parsed again.
        mutations += mutations.empty() ? "" : ",";
        mutations += "{\"seq\":" + std::to_string(q->int64(0)) + ",\"kind\":" + json::serialize(json::string(q->text(1))) +
                     ",\"at\":" + std::to_string(q->int64(3)) + ",\"data\":" + q->text(2) + "}";
    }
    if (mutations.empty())
        return std::nullopt;
    std::string body = "{\"protocol\":" + std::to_string(kProtocolVersion) + ",\"device_id\":\"" + device.toString() + "\"";
    if (const auto database = knownDatabase())
        body += ",\"database_id\":\"" + database->toString() + "\"";
    return body + ",\"mutations\":[" + mutations + "]}";
}

PushOutcome Replica::acceptPushResponse(std::string_view body)
{
    return acceptPushResponse(body, currentDevice());
}

PushOutcome Replica::acceptPushResponse(std::string_view body, const Id &device)
{
    const auto answer = parseObject(body);
    if (getInt(answer, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version", "the server speaks another sync protocol");
    PushOutcome out;
    out.lastAppliedSeq = getInt(answer, "last_applied_seq");
    const auto &results = getArray(answer, "results");
    const auto deviceText = device.toString();
    if (const auto database = getOptId(answer, "database_id"); database && !knownDatabase())
        m_store.setMeta(kDatabase, database->toString()); // the first answer this tablet has seen

    auto &db = m_store.database();
    ForeignKeysOff fkOff(db);
    Store::Batch batch(m_store);
    {
        // Every waiting entry up to the last applied one that the answer does not list was applied.
        auto q = db.query("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND device_id = ?1 AND seq <= ?2");
        q->bindAll(deviceText, out.lastAppliedSeq);
        q->step();
        out.applied = static_cast<int>(q->int64(0)) - static_cast<int>(results.size());
    }
    // The server's rows a refused or conflicting mutation touched, written over the tablet's copy.
    const auto writeCurrent = [&](const json::object &r) {
        const auto *current = r.if_contains("current");
        if (!current || !current->is_array())
            return;
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
    };
    const auto outboxEntry = [&](std::int64_t seq) {
        std::pair<std::string, std::string> kindAndPayload;
        auto q = db.query("SELECT kind, payload FROM outbox WHERE device_id = ?1 AND seq = ?2");
        q->bindAll(deviceText, seq);
        if (q->step())
            kindAndPayload = {q->text(0), q->text(1)};
        return kindAndPayload;
    };
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
            if (r.if_contains("current")) {
                // A draft that lost to a colleague's newer save: the server's whole draft replaces
                // this tablet's copy, lines included (the lost one is kept in the conflict).
                const auto [kind, payload] = outboxEntry(seq);
                if (kind == "saveBuildDraft" && !payload.empty()) {
                    const Id build = getId(parseObject(payload), "id");
                    for (const char *sql : {"DELETE FROM build_steps WHERE build_id = ?1",
                                            "DELETE FROM build_items WHERE build_id = ?1"})
                        db.query(sql)->bindAll(build).run();
                }
                writeCurrent(r);
            }
        } else if (status == "merged") {
            ++out.merged;
            const auto &table = syncedTable(getString(r, "table"));
            const auto alias = getId(r, "id");
            const auto kept = getId(r, "canonical_id");
            if (alias != kept) {
                // Point this tablet's records at the record the server kept, and drop the copy.
                if (table.name == "assets") {
                    for (const char *sql : {"UPDATE installations SET asset_id = ?2 WHERE asset_id = ?1",
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
                // What is still to send names the kept record, and so does the merged change itself,
                // should it have to go again to a server restored from a backup.
                db.query("UPDATE outbox SET payload = replace(payload, ?1, ?2) "
                         "WHERE acked_at IS NULL OR (device_id = ?3 AND seq >= ?4)")
                    ->bindAll(alias.toString(), kept.toString(), deviceText, seq)
                    .run();
            }
        } else if (status == "rejected") {
            ++out.rejected;
            const auto [kind, payload] = outboxEntry(seq);
            // Undo the local effect: a record the server never took goes, a changed one is put back.
            const MutationKind *known = nullptr;
            for (const auto &k : mutationKinds())
                known = k.name == kind ? &k : known;
            if (known && !known->creates.empty() && !payload.empty()) {
                const auto data = parseObject(payload);
                // A refused room audit's lines go with it.
                if (kind == "recordRoomAudit")
                    db.query("DELETE FROM room_audit_lines WHERE audit_id = ?1")->bindAll(getId(data, "id")).run();
                db.query("DELETE FROM " + std::string(known->creates) + " WHERE id = ?1")
                    ->bindAll(getId(data, "id"))
                    .run();
                // The seats a refused sign-off took on this tablet: the server took none for it.
                if (kind == "signOff")
                    db.query("DELETE FROM licence_assignments WHERE installation_id = ?1")
                        ->bindAll(getId(data, "installation_id"))
                        .run();
            }
            writeCurrent(r);
            if (!kind.empty()) {
                db.query("INSERT OR REPLACE INTO local_rejections(device_id, mutation_seq, kind, payload, reason, "
                         "at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    ->bindAll(deviceText, seq, kind, payload,
                              getOptString(r, "message").value_or("refused by the server"), nowMillis())
                    .run();
            }
        } else {
            throw ProtocolError("wrong_type", "unknown push result '" + printable(status, 40) + "'");
        }
    }
    // Acknowledged changes stay a while, for a server restored from an older backup.
    const Millis now = nowMillis();
    db.query("UPDATE outbox SET acked_at = ?3 WHERE acked_at IS NULL AND device_id = ?1 AND seq <= ?2")
        ->bindAll(deviceText, out.lastAppliedSeq, now)
        .run();
    db.query("DELETE FROM outbox WHERE acked_at < ?1")->bind(1, now - kKeepAcknowledged).run();
    batch.commit();
    return out;
}

void Replica::resendFrom(const Id &device, std::int64_t expected)
{
    auto &db = m_store.database();
    const auto deviceText = device.toString();
    Store::Batch batch(m_store);
    db.query("UPDATE outbox SET acked_at = NULL WHERE device_id = ?1 AND seq >= ?2")
        ->bindAll(deviceText, expected)
        .run();
    std::int64_t first = 0;
    {
        auto q = db.query("SELECT min(seq) FROM outbox WHERE device_id = ?1 AND seq >= ?2");
        q->bindAll(deviceText, expected);
        if (q->step() && !q->isNull(0))
            first = q->int64(0);
    }
    if (first > expected) {
        // Changes expected .. first - 1 are gone from the server and from this tablet (kept no
        // longer): what is left is numbered on from where the server stands, in the same order.
        // Through negative numbers, so that no two rows ever share a number on the way.
        const auto shift = first - expected;
        db.query("UPDATE outbox SET seq = -(seq - ?3) WHERE device_id = ?1 AND seq >= ?2")
            ->bindAll(deviceText, first, shift)
            .run();
        db.query("UPDATE outbox SET seq = -seq WHERE device_id = ?1 AND seq < 0")->bindAll(deviceText).run();
        db.query("UPDATE outbox_devices SET last_seq = last_seq - ?2 WHERE device_id = ?1")
            ->bindAll(deviceText, shift)
            .run();
    }
    batch.commit();
}

} // namespace rd::sync
