// The tablet's sync: who changes are made as, the server database it syncs with, and what the app
// shows. Local changes are replica_local.cpp's, the outbox and push replica_push.cpp's, and pull
// pages replica_pull.cpp's.
#include "replica.h"

#include "replicastate.h"

namespace rd::sync {

using namespace replicastate;

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

Id Replica::currentDevice()
{
    if (const auto device = m_store.meta(kDevice))
        return Id::parse(*device, "device");
    return m_store.deviceId();
}

void Replica::setCurrentDevice(const Id &device)
{
    m_store.setMeta(kDevice, device.toString());
}

std::optional<Id> Replica::knownDatabase()
{
    if (const auto id = m_store.meta(kDatabase))
        return Id::parse(*id, "server database");
    return std::nullopt;
}

bool Replica::noteDatabase(const Id &databaseId)
{
    const auto known = knownDatabase();
    if (known == databaseId)
        return false;
    Store::Batch batch(m_store);
    m_store.setMeta(kDatabase, databaseId.toString());
    if (known) {
        // Another database than the one that acknowledged this tablet's changes: it may lack any
        // of them. All that is kept goes again (what it has is answered "duplicate"), and the
        // tablet's copy is pulled afresh, so rows the restored server no longer has go too.
        m_store.database().exec("UPDATE outbox SET acked_at = NULL WHERE acked_at IS NOT NULL");
        m_store.setMeta(kFreshPull, "due");
    }
    batch.commit();
    return known.has_value();
}

void Replica::restartPull()
{
    m_store.setMeta(kFreshPull, "due");
}

bool Replica::freshPullPending()
{
    return m_store.meta(kFreshPull).has_value();
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
