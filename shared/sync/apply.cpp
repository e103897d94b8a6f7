#include "apply.h"

#include "assetfields.h"
#include "tables.h"

#include "domain/text.h"
#include "store/store.h"

#include <algorithm>

namespace rd::sync {

using namespace codec;

MutationApplier::MutationApplier(Store &store, const Principal &who, Millis now,
                                 const std::function<void(const std::string &)> &log)
    : m_store(store)
    , m_db(store.database())
    , m_who(who)
    , m_now(now)
    , m_log(log)
    , m_rights(store, who, [this](const Id &id) { return canonical(id); })
{}

Id MutationApplier::canonical(const Id &id)
{
    // An installation's id comes back with each of its results: asked once per push.
    if (const auto it = m_canonical.find(id); it != m_canonical.end())
        return it->second;
    auto q = m_db.query("SELECT canonical_id FROM id_aliases WHERE alias_id = ?1");
    q->bind(1, id);
    const Id found = q->step() ? q->id(0) : id;
    m_canonical.emplace(id, found);
    return found;
}

MutationResult MutationApplier::apply(const Mutation &m)
{
    m_rights.require(*m.kind, m.data);
    MutationResult r{m.seq, "applied", {}};
    try {
        // A mutation that takes several store writes applies whole or not at all; the others
        // are one store write each, atomic already, and spared the savepoint's cost.
        const bool several =
            std::holds_alternative<AssetFields>(m.data) || std::holds_alternative<Resolution>(m.data);
        std::optional<Store::Unit> unit;
        if (several)
            unit.emplace(m_store);
        std::visit([&](const auto &d) { applyOne(d, m, r); }, m.data);
        if (unit)
            unit->commit();
    } catch (const rd::Error &e) {
        const auto *storeError = dynamic_cast<const StoreError *>(&e);
        if (storeError && !sql::isConstraint(*storeError))
            throw; // the database failing is not the mutation's fault: fail the push
        r.status = "rejected";
        r.extra = {};
        const auto words = refusalWords(e, m);
        r.extra["message"] = words;
        m_db.query("INSERT OR REPLACE INTO sync_rejections(device_id, mutation_seq, user_id, kind, "
                   "payload, reason, at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            ->bindAll(m_who.deviceId, m.seq, m_who.userId, m.kind->name, json::serialize(*m.sent), words, m_now)
            .run();
        addCurrent(r, m);
    }
    return r;
}

std::string MutationApplier::refusalWords(const Error &e, const Mutation &m)
{
    if (!dynamic_cast<const StoreError *>(&e))
        return e.what();
    // A constraint the store's own checks did not name: the database's words hold SQL, which
    // stays in the server's log; the device gets plain words and a reference to it.
    const auto id = Id::generate().toString();
    const auto ref = id.substr(id.size() - 8);
    if (m_log)
        m_log("sync: ref " + ref + ": " + std::string(m.kind->name) + " seq " + std::to_string(m.seq) +
              " refused by the database: " + e.what());
    return "the server already holds a record that this change clashes with (ref " + ref + ")";
}

MutationResult MutationApplier::replayed(const Mutation &m)
{
    MutationResult r{m.seq, "duplicate", {}};
    {
        auto q = m_db.query("SELECT table_name, alias_id, canonical_id FROM id_aliases WHERE device_id = "
                            "?1 AND mutation_seq = ?2");
        q->bindAll(m_who.deviceId, m.seq);
        if (q->step()) {
            r.status = "merged";
            r.extra = {{"table", q->text(0)}, {"id", q->id(1).toString()}, {"canonical_id", q->id(2).toString()}};
            return r;
        }
    }
    auto q = m_db.query("SELECT reason FROM sync_rejections WHERE device_id = ?1 AND mutation_seq = ?2");
    q->bindAll(m_who.deviceId, m.seq);
    if (q->step()) {
        r.status = "rejected";
        r.extra["message"] = q->text(0);
        addCurrent(r, m);
    }
    return r;
}

void MutationApplier::merged(MutationResult &r, const Mutation &m, std::string_view table, const Id &alias,
                             const Id &kept)
{
    m_db.query("INSERT OR REPLACE INTO id_aliases(alias_id, table_name, canonical_id, device_id, mutation_seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5)")
        ->bindAll(alias, table, kept, m_who.deviceId, m.seq)
        .run();
    m_canonical[alias] = kept;
    r.status = "merged";
    r.extra = {{"table", table}, {"id", alias.toString()}, {"canonical_id", kept.toString()}};
}

void MutationApplier::applyOne(const Asset &d, const Mutation &m, MutationResult &r)
{
    try {
        m_store.addAsset(d);
    } catch (const DuplicateError &) {
        // The same machine (make and normalised serial) registered elsewhere first: one asset.
        if (d.serial) {
            for (const auto &existing : m_store.findAssetsBySerial(*d.serial)) {
                if (normaliseMake(existing.make) != normaliseMake(d.make))
                    continue;
                const bool theirs = m_who.role == Role::ReleaseManager ||
                                    std::find(m_who.sites.begin(), m_who.sites.end(), existing.siteId) !=
                                        m_who.sites.end();
                if (!theirs) // merging would hand them another site's asset
                    throw RuleError("a " + d.make + " with serial " + *d.serial +
                                    " is already registered at a site you do not work at; ask the release "
                                    "manager to move it");
                return merged(r, m, "assets", d.id, existing.id);
            }
        }
        throw;
    }
}

void MutationApplier::applyOne(const Installation &d, const Mutation &m, MutationResult &r)
{
    Installation i = d;
    i.assetId = canonical(d.assetId);
    try {
        m_store.startInstallation(i);
    } catch (const DuplicateError &) {
        // The same asset in the same release, started on two tablets: one installation.
        auto q = m_db.query("SELECT id FROM installations WHERE release_id = ?1 AND asset_id = ?2");
        q->bindAll(i.releaseId, i.assetId);
        if (q->step() && q->id(0) != d.id)
            return merged(r, m, "installations", d.id, q->id(0));
        throw;
    }
}

void MutationApplier::applyOne(const StepResult &d, const Mutation &, MutationResult &)
{
    StepResult s = d;
    s.installationId = canonical(d.installationId);
    m_store.recordStepResult(s);
}

void MutationApplier::applyOne(const SignOff &d, const Mutation &, MutationResult &)
{
    SignOff s = d;
    s.installationId = canonical(d.installationId);
    m_store.signOff(s);
}

void MutationApplier::applyOne(const BackOut &d, const Mutation &, MutationResult &)
{
    BackOut b = d;
    b.installationId = canonical(d.installationId);
    m_store.recordBackOut(b);
}

void MutationApplier::applyOne(const ScanOverride &d, const Mutation &, MutationResult &)
{
    ScanOverride o = d;
    o.assetId = canonical(d.assetId);
    if (d.installationId)
        o.installationId = canonical(*d.installationId);
    m_store.recordScanOverride(o);
}

void MutationApplier::applyOne(const AssetFields &d, const Mutation &, MutationResult &r)
{
    const Id id = canonical(d.id);
    const auto a = m_store.asset(id);
    if (!a)
        throw NotFoundError("asset", id.toString());
    std::map<std::string, std::optional<std::string>> apply;
    json::array conflicts;
    for (const auto &[name, change] : d.changes) {
        const auto now = changeableAssetField(name)->get(*a);
        if (now == change.from)
            apply[name] = change.to;
        else if (now != change.to)
            conflicts.push_back(json::string(recordLoss("assets", id, name, now, change).toString()));
    }
    writeAssetFields(m_store, *a, apply);
    if (!conflicts.empty()) {
        r.status = "conflict";
        r.extra["conflicts"] = std::move(conflicts);
    }
}

void MutationApplier::applyOne(const ReleaseStatusChange &d, const Mutation &, MutationResult &r)
{
    const auto rel = m_store.release(d.id);
    if (!rel)
        throw NotFoundError("release", d.id.toString());
    if (rel->status == d.to)
        return;
    if (rel->status != d.from) {
        const auto c = recordLoss("releases", d.id, "status", std::string(toString(rel->status)),
                                  FieldChange{std::string(toString(d.from)), std::string(toString(d.to))});
        r.status = "conflict";
        r.extra["conflicts"] = json::array{json::string(c.toString())};
        return;
    }
    m_store.setReleaseStatus(d.id, d.to);
}

void MutationApplier::applyOne(const Resolution &d, const Mutation &, MutationResult &)
{
    const auto c = m_store.conflict(d.id);
    if (!c)
        throw NotFoundError("conflict", d.id.toString());
    if (c->table == "assets") {
        const auto a = m_store.asset(c->recordId);
        if (!a)
            throw NotFoundError("asset", c->recordId.toString());
        if (!changeableAssetField(c->field))
            throw RuleError("this conflict cannot be resolved here");
        writeAssetFields(m_store, *a,
                         {{c->field, d.value.empty() && c->field == "room_id" ? std::nullopt : std::optional(d.value)}});
    } else if (c->table == "releases" && c->field == "status") {
        const auto status = tryParse<ReleaseStatus>(d.value);
        if (!status)
            throw ValidationError("value", "is not a release status");
        const auto rel = m_store.release(c->recordId);
        if (rel && rel->status != *status)
            m_store.setReleaseStatus(c->recordId, *status);
    } else {
        throw RuleError("this conflict cannot be resolved here");
    }
    m_store.markConflictResolved(d.id, d.by, d.at, "kept " + d.value);
}

Id MutationApplier::recordLoss(std::string_view table, const Id &record, const std::string &field,
                               const std::optional<std::string> &kept, const FieldChange &change)
{
    ConflictRecord c;
    c.table = table;
    c.recordId = record;
    c.field = field;
    c.keptValue = kept;
    c.lostValue = change.to;
    c.baseValue = change.from;
    c.lostDevice = m_who.deviceId;
    c.lostBy = m_who.userId;
    c.createdAt = m_now;
    return m_store.recordConflict(c);
}

void MutationApplier::addCurrent(MutationResult &r, const Mutation &m)
{
    // The server's rows a refused mutation touched, so the tablet can undo its local effect.
    std::vector<std::pair<const SyncedTable *, Id>> rows;
    std::visit(
        [&](const auto &d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, AssetFields>)
                rows.emplace_back(&syncedTable("assets"), canonical(d.id));
            else if constexpr (std::is_same_v<T, ReleaseStatusChange>)
                rows.emplace_back(&syncedTable("releases"), d.id);
            else if constexpr (std::is_same_v<T, SignOff> || std::is_same_v<T, BackOut>) {
                const Id inst = canonical(d.installationId);
                rows.emplace_back(&syncedTable("installations"), inst);
                if (const auto i = m_store.installation(inst))
                    rows.emplace_back(&syncedTable("assets"), i->assetId);
            } else if constexpr (std::is_same_v<T, Resolution>)
                rows.emplace_back(&syncedTable("conflicts"), d.id);
        },
        m.data);
    json::array current;
    for (const auto &[table, id] : rows) {
        auto row = currentRow(m_db, *table, id);
        if (!row.empty())
            current.push_back(json::object{{"table", table->name}, {"row", std::move(row)}});
    }
    if (!current.empty())
        r.extra["current"] = std::move(current);
}

} // namespace rd::sync
