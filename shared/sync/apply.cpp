#include "apply.h"

#include "fieldchanges.h"
#include "tables.h"

#include "domain/text.h"
#include "store/store.h"

#include <algorithm>
#include <cctype>
#include <set>

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

namespace {

/** Whether @p s is written as an id is (8-4-4-4-12 hexadecimal digits). */
bool looksLikeId(std::string_view s) noexcept
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-') || (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))))
            return false;
    }
    return true;
}

void collectIds(const json::value &v, std::set<Id> &out)
{
    if (v.is_string()) {
        if (looksLikeId(v.get_string())) {
            try {
                out.insert(Id::parse(v.get_string()));
            } catch (const ValidationError &) { // not an id after all: nothing to look up
            }
        }
    } else if (v.is_array()) {
        for (const auto &e : v.get_array())
            collectIds(e, out);
    } else if (v.is_object()) {
        for (const auto &[key, e] : v.get_object())
            collectIds(e, out);
    }
}

} // namespace

void MutationApplier::prefetchCanonical(const std::vector<Mutation> &mutations)
{
    std::set<Id> ids;
    for (const auto &m : mutations) {
        if (!m.sent)
            continue;
        for (const auto &[key, v] : *m.sent) {
            // A new record's own id stands for nothing else yet; every other id is a reference.
            if (key == "id" && !m.kind->creates.empty())
                continue;
            collectIds(v, ids);
        }
    }
    for (const auto &id : ids)
        m_canonical.try_emplace(id, id);
    // A fixed number of ids a query (the last repeated), so that one prepared statement serves.
    constexpr int kPerQuery = 100;
    static const std::string sql = [] {
        std::string s = "SELECT alias_id, canonical_id FROM id_aliases WHERE alias_id IN (";
        for (int i = 1; i <= kPerQuery; ++i)
            s += (i > 1 ? ", ?" : "?") + std::to_string(i);
        return s + ")";
    }();
    for (auto it = ids.begin(); it != ids.end();) {
        auto q = m_db.query(sql);
        const Id *last = nullptr;
        for (int i = 1; i <= kPerQuery; ++i) {
            if (it != ids.end())
                last = &*it++;
            q->bind(i, *last);
        }
        while (q->step())
            m_canonical[q->id(0)] = q->id(1);
    }
}

MutationResult MutationApplier::apply(const Mutation &m)
{
    m_rights.require(*m.kind, m.data);
    MutationResult r{m.seq, "applied", {}};
    try {
        // A mutation that takes several store writes applies whole or not at all; the others
        // are one store write each, atomic already, and spared the savepoint's cost.
        const bool several = std::holds_alternative<FieldChanges>(m.data) || std::holds_alternative<Resolution>(m.data) ||
                             std::holds_alternative<SetChange>(m.data) || std::holds_alternative<Person>(m.data);
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
        m_db.query("INSERT INTO sync_rejections(device_id, mutation_seq, user_id, kind, payload, reason, at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(device_id, mutation_seq) DO UPDATE SET "
                   "user_id = excluded.user_id, kind = excluded.kind, payload = excluded.payload, "
                   "reason = excluded.reason, at = excluded.at")
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
    m_db.query("INSERT INTO id_aliases(alias_id, table_name, canonical_id, device_id, mutation_seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(alias_id) DO UPDATE SET table_name = excluded.table_name, "
               "canonical_id = excluded.canonical_id, device_id = excluded.device_id, "
               "mutation_seq = excluded.mutation_seq")
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
        m_rights.started(d.id, d.releaseId);
        m_canonical[d.id] = d.id;
    } catch (const DuplicateError &) {
        // The same asset in the same release, started on two tablets: one installation.
        auto q = m_db.query(
            "SELECT id FROM installations WHERE release_id = ?1 AND asset_id = ?2 AND status <> 'backed-out'");
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

void MutationApplier::conflicted(MutationResult &r, json::array conflicts)
{
    if (conflicts.empty())
        return;
    r.status = "conflict";
    r.extra["conflicts"] = std::move(conflicts);
}

void MutationApplier::applyOne(const FieldChanges &d, const Mutation &m, MutationResult &r)
{
    // Field by field: a change whose "from" is still the server's value applies; one that is not
    // (a colleague changed it first) is kept as a conflict and the colleague's value stands.
    const auto &table = *m.kind->fields;
    const Id id = canonical(d.id);
    const auto now = table.current(m_store, id);
    if (!now)
        throw NotFoundError(std::string(table.table) + " record", id.toString());
    FieldValues apply;
    std::map<std::string, FieldChange> applied;
    json::array conflicts;
    for (const auto &[name, change] : d.changes) {
        const auto it = now->find(name);
        const auto value = it == now->end() ? std::nullopt : it->second;
        if (value == change.from) {
            apply[name] = change.to;
            applied.emplace(name, change);
        } else if (value != change.to) {
            conflicts.push_back(json::string(recordLoss(table.table, id, name, value, change).toString()));
        }
    }
    if (!apply.empty()) {
        table.write(m_store, id, apply, m_who.userId, m_now);
        recordChanges(m_store, table, id, applied, m_who.userId, m.at, keyOf(m));
    }
    conflicted(r, std::move(conflicts));
}

void MutationApplier::applyOne(const SetChange &d, const Mutation &m, MutationResult &r)
{
    const auto &set = *m.kind->set;
    const auto now = setText(set.current(m_store, d.id));
    const auto from = setText(d.from);
    const auto to = setText(d.to);
    if (now == from) {
        set.write(m_store, d.id, d.to, m_who.userId, m_now);
        if (from != to)
            recordSetChange(m_store, set, d.id, from, to, m_who.userId, m.at, keyOf(m));
    } else if (now != to)
        conflicted(r, json::array{json::string(
                          recordLoss(set.table, d.id, std::string(set.field), now, FieldChange{from, to}).toString())});
}

void MutationApplier::applyOne(const RecordAction &d, const Mutation &m, MutationResult &)
{
    const auto &kind = m.kind->name;
    if (kind == "retireService")
        m_store.retireService(d.id, d.by, d.at);
    else if (kind == "submitBuild")
        m_store.submitBuild(d.id, d.by, d.at);
    else if (kind == "approveBuild")
        m_store.approveBuild(d.id, d.by, d.at);
    else if (kind == "retireBuild")
        m_store.retireBuild(d.id, d.at, d.by);
    else if (kind == "returnMedia")
        m_store.returnMedia(d.id, d.at, d.by);
    else if (kind == "unassignLicence")
        m_store.unassignLicence(d.id);
    else
        throw RuleError("there is no such action");
}

void MutationApplier::applyOne(const Service &d, const Mutation &, MutationResult &)
{
    m_store.addService(d);
}

void MutationApplier::applyOne(const BuildStart &d, const Mutation &, MutationResult &)
{
    if (d.fromBuildId) {
        const auto from = m_store.buildProcedure(*d.fromBuildId);
        if (!from)
            throw NotFoundError("build procedure", d.fromBuildId->toString());
        if (from->serviceId != d.serviceId)
            throw RuleError("a new version is copied from a version of the same service");
        m_store.newBuildVersion(*d.fromBuildId, d.createdBy, d.createdAt, d.id);
        return;
    }
    BuildProcedure b;
    b.id = d.id;
    b.serviceId = d.serviceId;
    b.createdBy = d.createdBy;
    b.createdAt = d.createdAt;
    m_store.addBuildProcedure(std::move(b));
}

void MutationApplier::saveDraft(const BuildDraft &d)
{
    auto b = m_store.buildProcedure(d.id);
    if (!b)
        throw NotFoundError("build procedure", d.id.toString());
    b->hardwareModel = d.hardwareModel;
    b->designNotes = d.designNotes;
    b->backOutPlan = d.backOutPlan;
    b->dslItemIds = d.dslItemIds;
    b->steps = d.steps;
    m_store.updateDraft(*b, d.by, d.at);
}

void MutationApplier::applyOne(const BuildDraft &d, const Mutation &, MutationResult &r)
{
    const auto b = m_store.buildProcedure(d.id);
    if (!b)
        throw NotFoundError("build procedure", d.id.toString());
    // Someone else's edit came first: theirs stands, and this one is kept whole as a conflict
    // (its text is the draft as sent), never written over theirs in silence.
    if (b->status == BuildStatus::Draft && b->revision != d.revision) {
        const auto lost = json::serialize(codec::toJson(d));
        conflicted(r, json::array{json::string(recordLoss("build_procedures", d.id, "draft",
                                                          "revision " + std::to_string(b->revision),
                                                          FieldChange{"revision " + std::to_string(d.revision), lost})
                                                   .toString())});
        // The draft as the server has it, whole, so the tablet that lost puts its copy back: its
        // own edit is not half-left among the winner's lines (the conflict keeps it whole).
        json::array current{json::object{{"table", "build_procedures"},
                                         {"row", currentRow(m_db, syncedTable("build_procedures"), d.id)}}};
        for (const char *child : {"build_steps", "build_items"}) {
            for (auto &row : currentRowsOf(m_db, syncedTable(child), "build_id", d.id))
                current.push_back(json::object{{"table", child}, {"row", std::move(row)}});
        }
        r.extra["current"] = std::move(current);
        return;
    }
    saveDraft(d);
}

void MutationApplier::applyOne(const BuildReturn &d, const Mutation &, MutationResult &)
{
    m_store.returnBuild(d.id, d.reason, d.by, d.at);
}

void MutationApplier::applyOne(const Release &d, const Mutation &, MutationResult &)
{
    m_store.addRelease(d);
}

void MutationApplier::applyOne(const ReleaseClose &d, const Mutation &, MutationResult &)
{
    m_store.closeRelease(d.id, d.reviewNote, d.by, d.at);
}

Id MutationApplier::keyOf(const Mutation &m) const
{
    return Id::derived(m_who.deviceId, "seq " + std::to_string(m.seq));
}

void MutationApplier::applyOne(const Site &d, const Mutation &, MutationResult &)
{
    m_store.addSite(d);
}

void MutationApplier::applyOne(const Room &d, const Mutation &, MutationResult &)
{
    m_store.addRoom(d);
}

void MutationApplier::applyOne(const RoomAudit &d, const Mutation &, MutationResult &)
{
    RoomAudit a = d;
    for (auto &line : a.lines) {
        if (line.assetId)
            line.assetId = canonical(*line.assetId);
    }
    m_store.recordRoomAudit(a);
}

void MutationApplier::applyOne(const DslItem &d, const Mutation &, MutationResult &)
{
    m_store.addDslItem(d);
}

void MutationApplier::applyOne(const MediaLoan &d, const Mutation &, MutationResult &)
{
    m_store.takeOutMedia(d);
}

void MutationApplier::applyOne(const Licence &d, const Mutation &, MutationResult &)
{
    m_store.addLicence(d);
}

void MutationApplier::applyOne(const LicenceAssignment &d, const Mutation &, MutationResult &)
{
    m_store.assignLicence(d);
}

void MutationApplier::applyOne(const Person &d, const Mutation &, MutationResult &)
{
    m_store.addUser(User{d.id, d.name, d.displayName, d.role, true});
    m_store.setUserSites(d.id, d.sites);
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
    const auto *table = changeableTable(c->table);
    const auto *field = table ? changeableField(*table, c->field) : nullptr;
    if (field) {
        // The value chosen is written as a change of that field would be; "" is null where the
        // field may be null (no room, no owner).
        const auto value = d.value.empty() && field->nullable ? std::nullopt : std::optional(d.value);
        table->write(m_store, c->recordId, {{c->field, value}}, d.by, d.at);
    } else if (const auto *set = changeableSet(c->table, c->field)) {
        set->write(m_store, c->recordId, parseSetText(d.value), d.by, d.at);
    } else if (c->table == "build_procedures" && c->field == "draft") {
        // The draft chosen: a draft as saveBuildDraft sends it, written over the current one; ""
        // keeps the one on the server.
        if (!d.value.empty()) {
            auto draft = codec::fromJson<BuildDraft>(parseObject(d.value));
            if (draft.id != c->recordId)
                throw ValidationError("value", "is a draft of another build procedure");
            draft.by = d.by;
            draft.at = d.at;
            const auto b = m_store.buildProcedure(c->recordId);
            if (!b)
                throw NotFoundError("build procedure", c->recordId.toString());
            draft.revision = b->revision;
            saveDraft(draft);
        }
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
    m_store.markConflictResolved(d.id, d.by, d.at, "kept " + printable(d.value, 400));
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
            if constexpr (std::is_same_v<T, FieldChanges>)
                rows.emplace_back(&syncedTable(m.kind->fields->table), canonical(d.id));
            else if constexpr (std::is_same_v<T, SetChange>)
                rows.emplace_back(&syncedTable(m.kind->set->table), d.id);
            else if constexpr (std::is_same_v<T, RecordAction>) {
                const auto &kind = m.kind->name;
                rows.emplace_back(&syncedTable(kind == "retireService"     ? "services"
                                               : kind == "returnMedia"     ? "media_loans"
                                               : kind == "unassignLicence" ? "licence_assignments"
                                                                           : "build_procedures"),
                                  d.id);
            }
            else if constexpr (std::is_same_v<T, BuildDraft> || std::is_same_v<T, BuildReturn>)
                rows.emplace_back(&syncedTable("build_procedures"), d.id);
            else if constexpr (std::is_same_v<T, ReleaseClose>)
                rows.emplace_back(&syncedTable("releases"), d.id);
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
