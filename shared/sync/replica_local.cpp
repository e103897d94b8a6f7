// Local changes on the tablet: each written to the store and queued in the outbox, atomically.
#include "replica.h"

#include "assetfields.h"
#include "records.h"
#include "replicastate.h"

namespace rd::sync {

using namespace replicastate;

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

/** The asset as it is before a local change, which the mutation carries as its "from". */
Asset existingAsset(Store &store, const Id &assetId)
{
    auto a = store.asset(assetId);
    if (!a)
        throw NotFoundError("asset", assetId.toString());
    return *a;
}

} // namespace

void Replica::queue(std::string_view kind, const std::string &payload)
{
    // The device's next number, kept apart from the outbox: acknowledged entries leave after a
    // while, and a number must never be handed out twice.
    auto &db = m_store.database();
    const auto device = currentDevice().toString();
    auto next = db.query("INSERT INTO outbox_devices(device_id, last_seq) VALUES (?1, 1) "
                         "ON CONFLICT(device_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq");
    next->bind(1, device);
    next->step();
    const auto seq = next->int64(0);
    db.query("INSERT INTO outbox(device_id, seq, kind, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        ->bindAll(device, seq, kind, payload, nowMillis())
        .run();
}

template <typename Record>
Id Replica::recordCreated(std::string_view kind, Record record, Id (Store::*write)(Record))
{
    if (record.id.isNull())
        record.id = Id::generate();
    LocalChange change(m_store, m_grouped);
    (m_store.*write)(record);
    queue(kind, codec::json::serialize(codec::toJson(record)));
    change.commit();
    return record.id;
}

Id Replica::addAsset(Asset asset)
{
    if (asset.id.isNull())
        asset.id = Id::generate();
    LocalChange change(m_store, m_grouped);
    m_store.addAsset(asset);
    // As stored: trimmed, empty texts as nothing.
    queue("addAsset", codec::json::serialize(codec::toJson(*m_store.asset(asset.id))));
    change.commit();
    return asset.id;
}

void Replica::queueAssetChanges(const Asset &before)
{
    const auto after = existingAsset(m_store, before.id);
    auto changes = assetChanges(before, after);
    if (!changes.empty())
        queue("setAssetFields", codec::json::serialize(codec::toJson(AssetFields{before.id, std::move(changes)})));
}

void Replica::moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId)
{
    LocalChange change(m_store, m_grouped);
    const auto before = existingAsset(m_store, assetId);
    m_store.moveAsset(assetId, siteId, roomId);
    queueAssetChanges(before);
    change.commit();
}

void Replica::setAssetStatus(const Id &assetId, AssetStatus status)
{
    LocalChange change(m_store, m_grouped);
    const auto before = existingAsset(m_store, assetId);
    m_store.setAssetStatus(assetId, status);
    queueAssetChanges(before);
    change.commit();
}

void Replica::setAssetUser(const Id &assetId, std::string_view assignedUser)
{
    LocalChange change(m_store, m_grouped);
    const auto before = existingAsset(m_store, assetId);
    m_store.setAssetUser(assetId, assignedUser);
    queueAssetChanges(before);
    change.commit();
}

void Replica::setReleaseStatus(const Id &releaseId, ReleaseStatus status)
{
    LocalChange change(m_store, m_grouped);
    const auto before = m_store.release(releaseId);
    if (!before)
        throw NotFoundError("release", releaseId.toString());
    m_store.setReleaseStatus(releaseId, status);
    queue("setReleaseStatus",
          codec::json::serialize(codec::toJson(ReleaseStatusChange{releaseId, before->status, status})));
    change.commit();
}

Id Replica::startInstallation(Installation installation)
{
    return recordCreated("startInstallation", std::move(installation), &Store::startInstallation);
}

Id Replica::recordStepResult(StepResult result)
{
    return recordCreated("recordStepResult", std::move(result), &Store::recordStepResult);
}

Id Replica::signOff(SignOff signOff)
{
    return recordCreated("signOff", std::move(signOff), &Store::signOff);
}

Id Replica::recordBackOut(BackOut backOut)
{
    return recordCreated("recordBackOut", std::move(backOut), &Store::recordBackOut);
}

Id Replica::recordScanOverride(ScanOverride scanOverride)
{
    return recordCreated("recordScanOverride", std::move(scanOverride), &Store::recordScanOverride);
}

void Replica::resolveConflict(const Id &conflictId, const std::string &value, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto c = m_store.conflict(conflictId);
    if (!c)
        throw NotFoundError("conflict", conflictId.toString());
    // Locally the chosen value shows at once; the server applies it and settles the conflict.
    if (c->table == "assets" && changeableAssetField(c->field)) {
        if (const auto a = m_store.asset(c->recordId))
            writeAssetFields(m_store, *a,
                             {{c->field, value.empty() && c->field == "room_id" ? std::nullopt : std::optional(value)}});
    }
    m_store.markConflictResolved(conflictId, by, at, "kept " + value);
    queue("resolveConflict", codec::json::serialize(codec::toJson(Resolution{conflictId, value, by, at})));
    change.commit();
}

} // namespace rd::sync
