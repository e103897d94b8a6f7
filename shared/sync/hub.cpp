// The server's sync: devices and their sequence, the push's decoding and its exactly-once apply.
// Applying one mutation is apply.cpp's, its rights rights.cpp's, and pull pages hub_pull.cpp's.
#include "hub.h"

#include "apply.h"
#include "codec.h"
#include "kinds.h"
#include "store/store.h"

#include <algorithm>

namespace rd::sync {

using namespace codec;

Hub::Hub(Store &store)
    : m_store(store)
{}

void Hub::setLog(std::function<void(const std::string &)> log)
{
    m_log = std::move(log);
}

Id Hub::databaseId()
{
    auto &db = m_store.database();
    if (m_databaseId && m_identitySession == db.session())
        return *m_databaseId;
    // Inside a transaction the origin cannot be followed (a new identity would roll back with
    // it). The connection was opened again since the identity was checked, at the transaction's
    // BEGIN: the request is refused, changing nothing, and checked afresh when it comes again.
    if (m_databaseId && db.isPostgres() && db.inTransaction())
        throw StoreError("the connection to the database was opened again; nothing was applied", 10);
    // Read before the statements below, any of which may open the connection again: a session
    // that begins in the middle is checked at the next call.
    const auto session = db.session();
    const bool follow = db.isPostgres() && !db.inTransaction();
    m_databaseId.reset();
    if (follow)
        followOrigin();
    if (!m_store.meta("database_id")) {
        // Several servers may start on one new database at once: the first id kept is everyone's.
        db.query("INSERT INTO meta(key, value) VALUES ('database_id', ?1) ON CONFLICT(key) DO NOTHING")
            ->bindAll(Id::generate().toString())
            .run();
    }
    m_databaseId = Id::parse(m_store.meta("database_id").value_or(""), "database id");
    m_identitySession = follow || !db.isPostgres() ? session : 0;
    return *m_databaseId;
}

void Hub::followOrigin()
{
    auto &db = m_store.database();
    std::string origin;
    try {
        auto q = db.query("SELECT CAST((SELECT system_identifier FROM pg_control_system()) AS TEXT) || '/' || "
                          "CAST((SELECT oid FROM pg_database WHERE datname = current_database()) AS TEXT) || '/' || "
                          "substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)");
        if (!q->step() || q->isNull(0))
            throw StoreError("the database gave no origin", 1);
        origin = q->text(0);
    } catch (const StoreError &e) {
        if (sql::isUnavailable(e))
            throw;
        // A service that hides these functions from its users: the identity stays as it is.
        if (m_log)
            m_log(std::string("sync: cannot tell where the database comes from (") + e.what() +
                  "); after a restore or a promotion, give it a new identity by hand (docs/deploying.md, 3.8)");
        return;
    }
    // Several servers may see the change at once: the row lock makes one of them change the
    // identity, and the others find the origin already recorded.
    sql::Transaction tx(db);
    db.query("INSERT INTO meta(key, value) VALUES ('postgres_origin', ?1) ON CONFLICT(key) DO NOTHING")
        ->bindAll(origin)
        .run();
    std::string fresh;
    if (db.changes() == 0) {
        db.query("UPDATE meta SET value = ?1 WHERE key = 'postgres_origin' AND value <> ?1")->bindAll(origin).run();
        if (db.changes() == 1) {
            fresh = Id::generate().toString();
            db.query("UPDATE meta SET value = ?1 WHERE key = 'database_id'")->bindAll(fresh).run();
        }
    }
    tx.commit();
    if (!fresh.empty() && m_log)
        m_log("sync: the database was restored, copied or promoted (now " + origin + "): it has a new identity, " +
              fresh + "; each tablet sends again what it kept and pulls afresh at its next sync");
}

void Hub::requireDatabase(const std::optional<Id> &sent)
{
    if (sent && *sent != databaseId())
        throw DatabaseChangedError(databaseId());
}

void Hub::registerDevice(const Id &userId, const Id &deviceId, Millis now)
{
    auto &db = m_store.database();
    sql::Transaction tx(db);
    {
        auto q = db.query("SELECT user_id FROM sync_devices WHERE device_id = ?1");
        q->bind(1, deviceId);
        if (q->step()) {
            if (q->id(0) != userId)
                throw ForbiddenError("this device id belongs to another account: a device signs in as "
                                     "the person who first signed in on it");
            return;
        }
    }
    db.query("INSERT INTO sync_devices(device_id, user_id, last_seq, last_seen) VALUES (?1, ?2, 0, ?3)")
        ->bindAll(deviceId, userId, now)
        .run();
    tx.commit();
}

std::vector<Id> Hub::sitesOf(const Id &userId, Role role)
{
    std::vector<Id> out;
    auto &db = m_store.database();
    auto q = role == Role::ReleaseManager ? db.query("SELECT id FROM sites ORDER BY name")
                                          : db.query("SELECT site_id FROM user_sites WHERE user_id = ?1");
    if (role != Role::ReleaseManager)
        q->bind(1, userId);
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

// --- push ------------------------------------------------------------------------------------

/** A push body, parsed into its own arena, and its mutations decoded. */
class Hub::PushRequest {
public:
    json::monotonic_resource arena;
    json::object body{json::storage_ptr(&arena)};
    Id deviceId;
    std::optional<Id> databaseId;
    std::vector<Mutation> mutations;
};

namespace {

Mutation readMutation(const json::value &v)
{
    if (!v.is_object())
        throw ProtocolError("wrong_type", "each mutation must be an object");
    const auto &o = v.get_object();
    Mutation m;
    m.seq = getInt(o, "seq");
    if (m.seq < 1 || m.seq > kMaxSeq)
        throw ProtocolError("wrong_type", "field 'seq' must be from 1 to " + std::to_string(kMaxSeq));
    m.kind = &mutationKind(getString(o, "kind"));
    m.at = getInt(o, "at");
    if (m.at < 0 || m.at > kMaxTime)
        throw ProtocolError("wrong_type", "field 'at' must be a time in Unix milliseconds, from 0 to " +
                                              std::to_string(kMaxTime));
    const auto &d = getObject(o, "data");
    m.sent = &d;
    m.data = m.kind->decode(d);
    return m;
}

} // namespace

std::shared_ptr<const Hub::PushRequest> Hub::readPush(std::string_view body)
{
    auto r = std::make_shared<PushRequest>();
    r->body = parseObject(body, &r->arena);
    const auto &request = r->body;
    if (getInt(request, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version",
                            "this server speaks sync protocol " + std::to_string(kProtocolVersion));
    r->deviceId = getId(request, "device_id");
    r->databaseId = getOptId(request, "database_id");
    const auto &list = getArray(request, "mutations");
    if (list.size() > kMaxPushMutations)
        throw ProtocolError("wrong_type",
                            "a push holds at most " + std::to_string(kMaxPushMutations) + " mutations");
    r->mutations.reserve(list.size());
    for (const auto &v : list) {
        auto m = readMutation(v);
        if (!r->mutations.empty() && m.seq != r->mutations.back().seq + 1)
            throw ProtocolError("wrong_type", "the mutations of a push must be numbered one after another");
        r->mutations.push_back(std::move(m));
    }
    return r;
}

std::size_t Hub::mutationCount(const PushRequest &request) noexcept
{
    return request.mutations.size();
}

std::string Hub::push(const Principal &who, std::string_view body, Millis now)
{
    return push(who, *readPush(body), now);
}

bool Hub::besideOthers(const PushRequest &request) noexcept
{
    return std::all_of(request.mutations.begin(), request.mutations.end(), [](const Mutation &m) {
        return m.kind->writes == MutationKind::Writes::BesideOthers;
    });
}

std::string Hub::push(const Principal &who, const PushRequest &request, Millis now)
{
    (void)databaseId(); // checked outside the push's transaction: see databaseId()
    if (m_store.database().isPostgres()) {
        // First without a savepoint per write, and beside other pushes when its kinds allow. A
        // rule's refusal, made before its mutation writes anything, is recorded as below; anything
        // the database refuses fails the whole attempt (PostgreSQL refuses every statement after a
        // failed one; a deadlock between pushes is one), and the push is applied again below,
        // alone and a savepoint per write, which says which mutation it was.
        try {
            Store::OptimisticWrites optimistic(m_store);
            Store::ConcurrentWrites concurrent(m_store, besideOthers(request));
            Store::Batch batch(m_store);
            auto answer = applyPush(who, request, now);
            batch.commit();
            return answer;
        } catch (...) {
        }
        (void)databaseId(); // the attempt may have found the connection lost and opened it again
    }
    Store::Batch batch(m_store);
    auto answer = applyPush(who, request, now);
    batch.commit();
    return answer;
}

std::vector<Hub::GroupedAnswer> Hub::pushGroup(const std::vector<GroupedPush> &pushes, Millis now)
{
    std::vector<GroupedAnswer> answers(pushes.size());
    (void)databaseId(); // checked outside the group's transaction: see databaseId()
    if (pushes.size() > 1) {
        try {
            Store::OptimisticWrites optimistic(m_store); // PostgreSQL: see push()
            Store::ConcurrentWrites concurrent(
                m_store, std::all_of(pushes.begin(), pushes.end(), [](const GroupedPush &p) { return besideOthers(*p.request); }));
            Store::Batch batch(m_store);
            for (std::size_t i = 0; i < pushes.size(); ++i) {
                answers[i].answer = applyPush(*pushes[i].who, *pushes[i].request, now);
                answers[i].rows = m_lastRows;
            }
            batch.commit();
            return answers;
        } catch (...) {
            // Rolled back whole (the batch ended without commit): each on its own, below.
        }
    }
    for (std::size_t i = 0; i < pushes.size(); ++i) {
        try {
            answers[i] = {push(*pushes[i].who, *pushes[i].request, now), m_lastRows, nullptr};
        } catch (...) {
            answers[i] = {{}, 0, std::current_exception()};
        }
    }
    return answers;
}

std::string Hub::applyPush(const Principal &who, const PushRequest &request, Millis now)
{
    if (request.deviceId != who.deviceId)
        throw ForbiddenError("this sign-in belongs to another device");
    requireDatabase(request.databaseId);
    auto &db = m_store.database();

    // The device's own sequence: it belongs to the account that registered it, and a push goes on
    // exactly where the last one applied stopped, so no number is ever skipped and then answered
    // as a duplicate it never was.
    // On PostgreSQL its row is locked to the commit: the same push taken by two servers at once
    // is applied by one, and answered as replayed by the other.
    std::int64_t lastSeq = 0;
    {
        auto q = db.query(db.isPostgres()
                              ? "SELECT user_id, last_seq FROM sync_devices WHERE device_id = ?1 FOR NO KEY UPDATE"
                              : "SELECT user_id, last_seq FROM sync_devices WHERE device_id = ?1");
        q->bind(1, who.deviceId);
        if (q->step()) {
            if (q->id(0) != who.userId)
                throw ForbiddenError("this device belongs to another account");
            lastSeq = q->int64(1);
        } else if (m_store.writesBesideOthers()) {
            // No row to lock (a device signed in before a restore): applied again, alone (push()).
            throw StoreError("the device has no sequence row yet; applied alone", 0);
        }
    }
    const auto &mutations = request.mutations;
    for (const auto &m : mutations) {
        if (m.seq <= lastSeq)
            continue;
        if (m.seq != lastSeq + 1)
            throw SeqGapError(lastSeq + 1, m.seq);
        break;
    }

    MutationApplier applier(m_store, who, now, m_log);
    applier.prefetchCanonical(mutations);
    json::array results;
    m_lastRows = 0;
    for (const auto &m : mutations) {
        const MutationResult r = m.seq <= lastSeq ? applier.replayed(m) : applier.apply(m);
        if (m.seq > lastSeq) {
            lastSeq = m.seq;
            ++m_lastRows;
        }
        if (r.status == "applied")
            continue; // the answer lists only what was not simply applied: it stays small
        json::object o{{"seq", r.seq}, {"status", r.status}};
        for (const auto &[k, v] : r.extra)
            o[k] = v;
        results.push_back(std::move(o));
    }
    db.query("INSERT INTO sync_devices(device_id, user_id, last_seq, last_seen) VALUES (?1, ?2, ?3, ?4) "
             "ON CONFLICT(device_id) DO UPDATE SET last_seq = excluded.last_seq, last_seen = excluded.last_seen")
        ->bindAll(who.deviceId, who.userId, lastSeq, now)
        .run();
    return json::serialize(json::object{{"protocol", kProtocolVersion},
                                        {"database_id", databaseId().toString()},
                                        {"last_applied_seq", lastSeq},
                                        {"results", std::move(results)}});
}

} // namespace rd::sync
