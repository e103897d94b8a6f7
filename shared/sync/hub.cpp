#include "hub.h"

#include "codec.h"
#include "domain/text.h"
#include "store/store.h"
#include "tables.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <variant>

namespace rd::sync {

using namespace codec;

namespace {

constexpr std::size_t kMaxMutations = 5000;
constexpr std::int64_t kMaxPullLimit = 20000;

/** A field change of a mutable record: the value the device saw, and the value it set. */
struct FieldChange {
    std::optional<std::string> from;
    std::optional<std::string> to;
};

struct AssetFields {
    Id id;
    std::map<std::string, FieldChange> changes;
};

struct ReleaseStatusChange {
    Id id;
    ReleaseStatus from = ReleaseStatus::Planned;
    ReleaseStatus to = ReleaseStatus::Planned;
};

struct Resolution {
    Id id;
    std::string value;
    Id by;
    Millis at = 0;
};

using Data = std::variant<Asset, AssetFields, ReleaseStatusChange, Installation, StepResult, SignOff, BackOut,
                          Resolution, ScanOverride>;

/** One mutation of a push, read and type-checked before anything is applied. */
struct Mutation {
    std::int64_t seq = 0;
    std::string kind;
    Data data;
    const json::object *sent = nullptr; ///< the data as sent (kept with a refusal), in the request's arena
};

std::optional<std::string> optValue(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (v.is_null())
        return std::nullopt;
    if (!v.is_string())
        throw ProtocolError("wrong_type", "field '" + std::string(key) + "' must be a string or null");
    return std::string(v.get_string());
}

AssetFields assetFieldsFromJson(const json::object &o)
{
    AssetFields f;
    f.id = getId(o, "id");
    for (const auto &[name, change] : getObject(o, "changes")) {
        if (name != "site_id" && name != "room_id" && name != "status" && name != "assigned_user")
            throw ProtocolError("wrong_type", "'" + std::string(name).substr(0, 40) +
                                                  "' is not a field a device may change");
        if (!change.is_object())
            throw ProtocolError("wrong_type",
                                "change of '" + std::string(name) + "' must be {\"from\", \"to\"}");
        FieldChange c{optValue(change.get_object(), "from"), optValue(change.get_object(), "to")};
        if (name == "site_id" || name == "room_id") {
            for (const auto *v : {&c.from, &c.to}) {
                try {
                    if (*v)
                        (void)Id::parse(**v, name);
                } catch (const ValidationError &) {
                    throw ProtocolError("wrong_type", "field '" + std::string(name) + "' must be an id");
                }
            }
            if (name == "site_id" && !c.to)
                throw ProtocolError("wrong_type", "an asset's site cannot be empty");
        }
        if (name == "status" && (!c.to || !tryParse<AssetStatus>(*c.to)))
            throw ProtocolError("wrong_type", "field 'status' has an unknown value");
        f.changes.emplace(std::string(name), std::move(c));
    }
    if (f.changes.empty())
        throw ProtocolError("missing_field", "setAssetFields changes nothing");
    return f;
}

Mutation readMutation(const json::value &v)
{
    if (!v.is_object())
        throw ProtocolError("wrong_type", "each mutation must be an object");
    const auto &o = v.get_object();
    Mutation m;
    m.seq = getInt(o, "seq");
    m.kind = getString(o, "kind");
    (void)getInt(o, "at");
    const auto &d = getObject(o, "data");
    m.sent = &d;
    if (m.kind == "addAsset")
        m.data = assetFromJson(d);
    else if (m.kind == "setAssetFields")
        m.data = assetFieldsFromJson(d);
    else if (m.kind == "setReleaseStatus")
        m.data = ReleaseStatusChange{getId(d, "id"), getEnum<ReleaseStatus>(d, "from"),
                                     getEnum<ReleaseStatus>(d, "to")};
    else if (m.kind == "startInstallation")
        m.data = installationFromJson(d);
    else if (m.kind == "recordStepResult")
        m.data = stepResultFromJson(d);
    else if (m.kind == "signOff")
        m.data = signOffFromJson(d);
    else if (m.kind == "recordBackOut")
        m.data = backOutFromJson(d);
    else if (m.kind == "recordScanOverride")
        m.data = scanOverrideFromJson(d);
    else if (m.kind == "resolveConflict")
        m.data = Resolution{getId(d, "id"), getString(d, "value"), getId(d, "by"), getInt(d, "at")};
    else
        throw ProtocolError("wrong_type", "unknown mutation kind '" + m.kind.substr(0, 40) + "'");
    return m;
}

/** The current value of a device-changeable field of an asset, in the protocol's text form. */
std::optional<std::string> assetField(const Asset &a, const std::string &name)
{
    if (name == "site_id")
        return a.siteId.toString();
    if (name == "room_id")
        return a.roomId ? std::optional(a.roomId->toString()) : std::nullopt;
    if (name == "status")
        return std::string(toString(a.status));
    return a.assignedUser;
}

/** The answer to one mutation. */
struct Result {
    std::int64_t seq = 0;
    std::string status;
    json::object extra;
};

} // namespace

Hub::Hub(Store &store)
    : m_store(store)
{}

Id Hub::databaseId()
{
    if (!m_databaseId) {
        if (const auto text = m_store.meta("database_id")) {
            m_databaseId = Id::parse(*text, "database id");
        } else {
            const Id made = Id::generate();
            m_store.setMeta("database_id", made.toString());
            m_databaseId = made;
        }
    }
    return *m_databaseId;
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

namespace {

/** Applies mutations for one device inside the push's transaction. */
class PushApplier {
public:
    PushApplier(Store &store, const Principal &who, Millis now)
        : m_store(store)
        , m_db(store.database())
        , m_who(who)
        , m_now(now)
    {}

    /** The record an id stands for: itself, or the record it was merged into. */
    Id canonical(const Id &id)
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

    /** Refuses, before anything is applied, a mutation beyond the caller's rights. */
    void checkRights(const Mutation &m)
    {
        auto self = [&](const Id &who, const char *what) {
            if (who != m_who.userId)
                throw ForbiddenError(std::string("you can only record your own work: this ") + what +
                                     " is recorded as another user");
        };
        std::visit(
            [&](const auto &d) {
                using T = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<T, Installation>) {
                    self(d.startedBy, "installation");
                    requireInstallerOf(d.releaseId);
                    m_batchInstallations[d.id] = d.releaseId;
                } else if constexpr (std::is_same_v<T, StepResult>) {
                    self(d.recordedBy, "step result");
                    requireInstallerOfInstallation(d.installationId);
                } else if constexpr (std::is_same_v<T, SignOff>) {
                    self(d.recordedBy, "sign-off");
                    requireInstallerOfInstallation(d.installationId);
                } else if constexpr (std::is_same_v<T, BackOut>) {
                    self(d.performedBy, "back-out");
                    requireInstallerOfInstallation(d.installationId);
                } else if constexpr (std::is_same_v<T, ScanOverride>) {
                    self(d.recordedBy, "scan override");
                    if (d.installationId)
                        requireInstallerOfInstallation(*d.installationId);
                    else
                        requireAtAssetSite(d.assetId);
                } else if constexpr (std::is_same_v<T, Asset>) {
                    m_batchAssets[d.id] = d.siteId;
                } else if constexpr (std::is_same_v<T, ReleaseStatusChange>) {
                    if (m_who.role == Role::ReleaseManager)
                        return;
                    if (d.to != ReleaseStatus::InProgress && d.to != ReleaseStatus::Installed)
                        throw ForbiddenError("only a release manager can set a release to " +
                                             std::string(toString(d.to)));
                    requireInstallerOf(d.id);
                } else if constexpr (std::is_same_v<T, Resolution>) {
                    self(d.by, "resolution");
                    if (m_who.role == Role::ReleaseManager)
                        return;
                    const auto c = m_store.conflict(d.id);
                    if (c && c->lostBy != m_who.userId)
                        throw ForbiddenError("only a release manager or the person whose change lost can "
                                             "resolve this conflict");
                }
            },
            m.data);
    }

    Result apply(const Mutation &m)
    {
        Result r{m.seq, "applied", {}};
        std::vector<std::pair<const SyncedTable *, Id>> current;
        try {
            // A mutation that takes several store writes applies whole or not at all; the
            // others are one store write each, atomic already, and spared the savepoint's cost.
            const bool several =
                std::holds_alternative<AssetFields>(m.data) || std::holds_alternative<Resolution>(m.data);
            std::optional<Store::Unit> unit;
            if (several)
                unit.emplace(m_store);
            std::visit([&](const auto &d) { applyOne(d, m, r, current); }, m.data);
            if (unit)
                unit->commit();
        } catch (const rd::Error &e) {
            if (dynamic_cast<const StoreError *>(&e) &&
                !sql::isConstraint(static_cast<const StoreError &>(e)))
                throw; // the database failing is not the mutation's fault: fail the push
            r.status = "rejected";
            r.extra = {};
            r.extra["message"] = e.what();
            m_db.query("INSERT OR REPLACE INTO sync_rejections(device_id, mutation_seq, user_id, kind, "
                       "payload, reason, at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                ->bindAll(m_who.deviceId, m.seq, m_who.userId, m.kind, json::serialize(*m.sent),
                          std::string(e.what()), m_now)
                .run();
            addCurrent(r, currentRowsFor(m));
        }
        return r;
    }

    /** What a replayed mutation ended as: merged, refused, or simply applied before. */
    Result replayed(const Mutation &m)
    {
        Result r{m.seq, "duplicate", {}};
        {
            auto q = m_db.query("SELECT table_name, alias_id, canonical_id FROM id_aliases WHERE device_id = "
                                "?1 AND mutation_seq = ?2");
            q->bindAll(m_who.deviceId, m.seq);
            if (q->step()) {
                r.status = "merged";
                r.extra = {{"table", q->text(0)},
                           {"id", q->id(1).toString()},
                           {"canonical_id", q->id(2).toString()}};
                return r;
            }
        }
        auto q = m_db.query("SELECT reason FROM sync_rejections WHERE device_id = ?1 AND mutation_seq = ?2");
        q->bindAll(m_who.deviceId, m.seq);
        if (q->step()) {
            r.status = "rejected";
            r.extra["message"] = q->text(0);
            addCurrent(r, currentRowsFor(m));
        }
        return r;
    }

private:
    void requireInstallerOf(const Id &releaseId)
    {
        if (m_who.role != Role::Installer || m_allowedReleases.count(releaseId))
            return;
        auto q = m_db.query("SELECT 1 FROM release_installers WHERE release_id = ?1 AND user_id = ?2");
        q->bindAll(releaseId, m_who.userId);
        if (!q->step() && m_store.release(releaseId))
            throw ForbiddenError("you are not an installer of this release");
        m_allowedReleases.insert(releaseId);
    }

    void requireInstallerOfInstallation(const Id &installationId)
    {
        if (m_who.role != Role::Installer || m_allowedInstallations.count(installationId))
            return;
        m_allowedInstallations.insert(installationId); // checked below, or the whole push fails
        const Id id = canonical(installationId);
        if (const auto it = m_batchInstallations.find(id); it != m_batchInstallations.end())
            return requireInstallerOf(it->second);
        if (const auto inst = m_store.installation(id))
            requireInstallerOf(inst->releaseId);
    }

    /** An installer records scan overrides only for assets at the sites they work at. */
    void requireAtAssetSite(const Id &assetId)
    {
        if (m_who.role != Role::Installer)
            return;
        const Id id = canonical(assetId);
        std::optional<Id> site;
        if (const auto it = m_batchAssets.find(id); it != m_batchAssets.end()) {
            site = it->second; // registered earlier in this batch
        } else {
            auto q = m_db.query("SELECT site_id FROM assets WHERE id = ?1");
            q->bind(1, id);
            if (q->step())
                site = q->id(0);
        }
        // An unknown asset is not a question of rights: applying it refuses it (not found).
        if (site && std::find(m_who.sites.begin(), m_who.sites.end(), *site) == m_who.sites.end())
            throw ForbiddenError("you do not work at the site of this asset");
    }

    void merged(Result &r, const Mutation &m, std::string_view table, const Id &alias, const Id &kept)
    {
        m_db.query("INSERT OR REPLACE INTO id_aliases(alias_id, table_name, canonical_id, device_id, "
                   "mutation_seq) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)")
            ->bindAll(alias, table, kept, m_who.deviceId, m.seq)
            .run();
        m_canonical[alias] = kept;
        r.status = "merged";
        r.extra = {{"table", table}, {"id", alias.toString()}, {"canonical_id", kept.toString()}};
    }

    void applyOne(const Asset &d, const Mutation &m, Result &r, auto &)
    {
        try {
            m_store.addAsset(d);
        } catch (const DuplicateError &e) {
            // The same machine (make and normalised serial) registered elsewhere first: one asset.
            if (d.serial) {
                for (const auto &existing : m_store.findAssetsBySerial(*d.serial)) {
                    if (normaliseMake(existing.make) == normaliseMake(d.make))
                        return merged(r, m, "assets", d.id, existing.id);
                }
            }
            throw;
        }
    }

    void applyOne(const Installation &d, const Mutation &m, Result &r, auto &)
    {
        Installation i = d;
        i.assetId = canonical(d.assetId);
        try {
            m_store.startInstallation(i);
        } catch (const DuplicateError &e) {
            // The same asset in the same release, started on two tablets: one installation.
            auto q = m_db.query("SELECT id FROM installations WHERE release_id = ?1 AND asset_id = ?2");
            q->bindAll(i.releaseId, i.assetId);
            if (q->step())
                return merged(r, m, "installations", d.id, q->id(0));
            throw;
        }
    }

    void applyOne(const StepResult &d, const Mutation &, Result &, auto &)
    {
        StepResult s = d;
        s.installationId = canonical(d.installationId);
        m_store.recordStepResult(s);
    }

    void applyOne(const SignOff &d, const Mutation &, Result &, auto &)
    {
        SignOff s = d;
        s.installationId = canonical(d.installationId);
        m_store.signOff(s);
    }

    void applyOne(const BackOut &d, const Mutation &, Result &, auto &)
    {
        BackOut b = d;
        b.installationId = canonical(d.installationId);
        m_store.recordBackOut(b);
    }

    void applyOne(const ScanOverride &d, const Mutation &, Result &, auto &)
    {
        ScanOverride o = d;
        o.assetId = canonical(d.assetId);
        if (d.installationId)
            o.installationId = canonical(*d.installationId);
        m_store.recordScanOverride(o);
    }

    void applyOne(const AssetFields &d, const Mutation &, Result &r, auto &)
    {
        const Id id = canonical(d.id);
        const auto a = m_store.asset(id);
        if (!a)
            throw NotFoundError("asset", id.toString());
        std::map<std::string, std::optional<std::string>> apply;
        json::array conflicts;
        for (const auto &[name, change] : d.changes) {
            const auto now = assetField(*a, name);
            if (now == change.from)
                apply[name] = change.to;
            else if (now != change.to)
                conflicts.push_back(json::string(recordLoss("assets", id, name, now, change).toString()));
        }
        setAssetFields(*a, apply);
        if (!conflicts.empty()) {
            r.status = "conflict";
            r.extra["conflicts"] = std::move(conflicts);
        }
    }

    void applyOne(const ReleaseStatusChange &d, const Mutation &, Result &r, auto &)
    {
        const auto rel = m_store.release(d.id);
        if (!rel)
            throw NotFoundError("release", d.id.toString());
        if (rel->status == d.to)
            return;
        if (rel->status != d.from) {
            const auto c =
                recordLoss("releases", d.id, "status", std::string(toString(rel->status)),
                           FieldChange{std::string(toString(d.from)), std::string(toString(d.to))});
            r.status = "conflict";
            r.extra["conflicts"] = json::array{json::string(c.toString())};
            return;
        }
        m_store.setReleaseStatus(d.id, d.to);
    }

    void applyOne(const Resolution &d, const Mutation &, Result &, auto &)
    {
        const auto c = m_store.conflict(d.id);
        if (!c)
            throw NotFoundError("conflict", d.id.toString());
        if (c->table == "assets") {
            const auto a = m_store.asset(c->recordId);
            if (!a)
                throw NotFoundError("asset", c->recordId.toString());
            setAssetFields(*a,
                           {{c->field, d.value.empty() && c->field == "room_id" ? std::nullopt
                                                                                : std::optional(d.value)}});
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

    /** Writes the changed fields of an asset through the store's checked methods. */
    void setAssetFields(const Asset &a, const std::map<std::string, std::optional<std::string>> &fields)
    {
        auto site = a.siteId;
        auto room = a.roomId;
        bool moved = false;
        for (const auto &[name, value] : fields) {
            if (name == "site_id") {
                site = Id::parse(value.value_or(""), "site");
                moved = true;
            } else if (name == "room_id") {
                room = value ? std::optional(Id::parse(*value, "room")) : std::nullopt;
                moved = true;
            } else if (name == "status") {
                if (parse<AssetStatus>(value.value_or("")) != a.status)
                    m_store.setAssetStatus(a.id, parse<AssetStatus>(value.value_or("")));
            } else if (name == "assigned_user") {
                m_store.setAssetUser(a.id, value.value_or(""));
            }
        }
        if (moved)
            m_store.moveAsset(a.id, site, room);
    }

    Id recordLoss(std::string_view table, const Id &record, const std::string &field,
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

    /** The server's rows a refused mutation touched, so the tablet can undo its local effect. */
    std::vector<std::pair<const SyncedTable *, Id>> currentRowsFor(const Mutation &m)
    {
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
        return rows;
    }

    void addCurrent(Result &r, const std::vector<std::pair<const SyncedTable *, Id>> &rows)
    {
        json::array current;
        for (const auto &[table, id] : rows) {
            auto row = currentRow(m_db, *table, id);
            if (!row.empty())
                current.push_back(json::object{{"table", table->name}, {"row", std::move(row)}});
        }
        if (!current.empty())
            r.extra["current"] = std::move(current);
    }

    Store &m_store;
    sql::Database &m_db;
    const Principal &m_who;
    Millis m_now;
    std::map<Id, Id> m_batchInstallations; // started in this batch: installation -> release
    std::map<Id, Id> m_batchAssets;        // registered in this batch: asset -> site
    std::set<Id> m_allowedReleases;        // checked once per push, not once per result
    std::set<Id> m_allowedInstallations;
    std::map<Id, Id> m_canonical; // ids asked in this push -> the record they stand for
};

} // namespace

/** A push body, parsed into its own arena, and its mutations decoded. */
class Hub::PushRequest {
public:
    json::monotonic_resource arena;
    json::object body{json::storage_ptr(&arena)};
    Id deviceId;
    std::vector<Mutation> mutations;
};

std::shared_ptr<const Hub::PushRequest> Hub::readPush(std::string_view body)
{
    auto r = std::make_shared<PushRequest>();
    r->body = parseObject(body, &r->arena);
    const auto &request = r->body;
    if (getInt(request, "protocol") != kProtocolVersion)
        throw ProtocolError("unsupported_protocol_version",
                            "this server speaks sync protocol " + std::to_string(kProtocolVersion));
    r->deviceId = getId(request, "device_id");
    const auto &list = getArray(request, "mutations");
    if (list.size() > kMaxMutations)
        throw ProtocolError("wrong_type",
                            "a push holds at most " + std::to_string(kMaxMutations) + " mutations");
    r->mutations.reserve(list.size());
    for (const auto &v : list) {
        auto m = readMutation(v);
        if (m.seq < 1 || (!r->mutations.empty() && m.seq <= r->mutations.back().seq))
            throw ProtocolError("wrong_type", "mutation sequence numbers must increase from 1");
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

std::string Hub::push(const Principal &who, const PushRequest &request, Millis now)
{
    Store::Batch batch(m_store);
    auto answer = applyPush(who, request, now);
    batch.commit();
    return answer;
}

std::vector<Hub::GroupedAnswer> Hub::pushGroup(const std::vector<GroupedPush> &pushes, Millis now)
{
    std::vector<GroupedAnswer> answers(pushes.size());
    if (pushes.size() > 1) {
        try {
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
    const auto &mutations = request.mutations;
    auto &db = m_store.database();
    PushApplier applier(m_store, who, now);
    for (auto &m : mutations)
        applier.checkRights(m);

    std::int64_t lastSeq = 0;
    {
        auto q = db.query("SELECT last_seq FROM sync_devices WHERE device_id = ?1");
        q->bind(1, who.deviceId);
        if (q->step())
            lastSeq = q->int64(0);
    }
    json::array results;
    m_lastRows = 0;
    for (const auto &m : mutations) {
        const Result r = m.seq <= lastSeq ? applier.replayed(m) : applier.apply(m);
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
             "ON CONFLICT(device_id) DO UPDATE SET user_id = excluded.user_id, last_seq = excluded.last_seq, "
             "last_seen = excluded.last_seen")
        ->bindAll(who.deviceId, who.userId, lastSeq, now)
        .run();
    return json::serialize(json::object{
        {"protocol", kProtocolVersion}, {"last_applied_seq", lastSeq}, {"results", std::move(results)}});
}

// --- pull ------------------------------------------------------------------------------------

namespace {

/** "SELECT seq FROM t WHERE seq > ?1 [AND scope]" for every synced table, and the tombstones. */
std::string seqUnion(bool scoped)
{
    std::string sql;
    for (const auto &t : syncedTables()) {
        sql += sql.empty() ? "" : " UNION ALL ";
        sql += "SELECT seq FROM " + std::string(t.name) + " WHERE seq > ?1";
        if (scoped && !t.scope.empty())
            sql += " AND " + std::string(t.scope);
    }
    sql += " UNION ALL SELECT seq FROM tombstones WHERE seq > ?1 AND seq > ?2";
    return sql;
}

} // namespace

const std::vector<Hub::PageQuery> &Hub::pageQueries(bool scoped)
{
    auto &queries = m_pageQueries[scoped];
    if (!queries.empty())
        return queries;
    for (const auto &t : syncedTables()) {
        PageQuery p{t.name, "SELECT ", "", 0, scoped && !t.scope.empty()};
        for (const auto &c : tableColumns(m_store.database(), t.name).names) {
            if (c == "seq") // the page's cursor says where it is; rows need not repeat it
                continue;
            p.sql += (p.columns ? ", " : "") + c;
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
    const auto cursor = getInt(request, "cursor");
    const auto limit = getInt(request, "limit");
    const auto sessionFrom = getOptInt(request, "session_from").value_or(cursor);
    auto snapshotUntil = getOptInt(request, "snapshot_until").value_or(0);
    if (cursor < 0 || limit < 1 || limit > kMaxPullLimit)
        throw ProtocolError("wrong_type", "cursor must be 0 or more and limit between 1 and " +
                                              std::to_string(kMaxPullLimit));

    auto &db = m_store.database();
    const bool scoped = who.role != Role::ReleaseManager;
    // One read transaction: the page is a consistent picture of the server.
    sql::Transaction read(db, sql::Transaction::Mode::Read);
    if (cursor == 0 && snapshotUntil == 0)
        snapshotUntil = m_store.lastSeq(); // a first sync: a snapshot, no tombstones before it

    if (m_seqUnion[scoped].empty())
        m_seqUnion[scoped] = seqUnion(scoped);
    const std::string &arms = m_seqUnion[scoped];
    std::int64_t total = -1;
    if (cursor == sessionFrom) {
        auto q = db.query("SELECT count(*) FROM (" + arms + ")");
        q->bindAll(cursor, snapshotUntil);
        if (scoped)
            q->bind(3, who.userId);
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
        q->step();
        if (!q->isNull(0))
            upto = q->int64(0);
        entries = q->int64(1);
    }

    // The page is written as text straight from the rows: no JSON tree for thousands of rows.
    std::string out;
    out.reserve(static_cast<std::size_t>(entries) * 200 + 256);
    out += "{\"protocol\":" + std::to_string(kProtocolVersion) + ",\"cursor\":" + std::to_string(upto) +
           ",\"entries\":" + std::to_string(entries) + ",\"more\":" + (entries == limit ? "true" : "false") +
           ",\"snapshot_until\":" + std::to_string(snapshotUntil);
    if (total >= 0)
        out += ",\"total\":" + std::to_string(total);
    out += ",\"tables\":[";
    std::int64_t rows = 0;
    bool firstTable = true;
    if (upto > cursor) {
        for (const auto &t : pageQueries(scoped)) {
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
