// Local changes on the tablet: each written to the store and queued in the outbox, atomically.
#include "replica.h"

#include "fieldchanges.h"
#include "records.h"
#include "replicastate.h"

#include "domain/text.h"
#include "store/roomaudit.h"

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

} // namespace

Id Replica::queue(std::string_view kind, const std::string &payload, Millis at)
{
    // The device's next number, kept apart from the outbox: acknowledged entries leave after a
    // while, and a number must never be handed out twice.
    auto &db = m_store.database();
    const auto device = currentDevice().toString();
    auto next = db.query("INSERT INTO outbox_devices(device_id, last_seq) VALUES (?1, 1) "
                         "ON CONFLICT(device_id) DO UPDATE SET last_seq = outbox_devices.last_seq + 1 RETURNING last_seq");
    next->bind(1, device);
    next->step();
    const auto seq = next->int64(0);
    db.query("INSERT INTO outbox(device_id, seq, kind, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        ->bindAll(device, seq, kind, payload, at ? at : nowMillis())
        .run();
    // The server derives the ids of what follows from this mutation from the same two numbers.
    return Id::derived(Id::parse(device, "device"), "seq " + std::to_string(seq));
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

void Replica::queueFieldChanges(std::string_view kind, const ChangeableTable &table, const Id &id,
                                const FieldValues &before, const std::optional<Id> &by, Millis at)
{
    const auto after = table.current(m_store, id);
    auto changes = changesBetween(table, before, after.value_or(FieldValues{}));
    if (changes.empty())
        return;
    // The change's time is the mutation's "at", which the server keeps as the history's "when".
    const Id key = queue(kind, codec::json::serialize(codec::toJson(FieldChanges{id, changes})), by ? at : 0);
    if (by)
        recordChanges(m_store, table, id, changes, *by, at, key);
}

void Replica::queueSetChange(std::string_view kind, const ChangeableSet &set, const Id &id,
                             const std::vector<Id> &before, const std::vector<Id> &after, const Id &by, Millis at)
{
    const auto from = setText(before);
    const auto to = setText(after);
    if (from == to)
        return;
    const Id key = queue(kind, codec::json::serialize(codec::toJson(SetChange{id, before, after})), at);
    recordSetChange(m_store, set, id, from, to, by, at, key);
}

namespace {

/** A record's changeable fields now; NotFoundError when there is no such record. */
FieldValues valuesOf(Store &store, const ChangeableTable &table, const Id &id)
{
    auto now = table.current(store, id);
    if (!now)
        throw NotFoundError(std::string(table.table) + " record", id.toString());
    return *now;
}

} // namespace

void Replica::moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId,
                        const std::optional<Id> &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, assetFields(), assetId);
    m_store.moveAsset(assetId, siteId, roomId);
    queueFieldChanges("setAssetFields", assetFields(), assetId, before, by, at);
    change.commit();
}

void Replica::setAssetStatus(const Id &assetId, AssetStatus status, const std::optional<Id> &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, assetFields(), assetId);
    m_store.setAssetStatus(assetId, status);
    queueFieldChanges("setAssetFields", assetFields(), assetId, before, by, at);
    change.commit();
}

void Replica::setAssetUser(const Id &assetId, std::string_view assignedUser, const std::optional<Id> &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, assetFields(), assetId);
    m_store.setAssetUser(assetId, assignedUser);
    queueFieldChanges("setAssetFields", assetFields(), assetId, before, by, at);
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
    // The latest result of a line is the one recorded last; a tablet never records one earlier than
    // a result it already holds for that line, so that a clock put back (or a colleague's clock
    // ahead) cannot make a retest older than the failure it retests.
    {
        auto q = m_store.database().query(
            "SELECT max(recorded_at) FROM step_results WHERE installation_id = ?1 AND step_id = ?2");
        q->bindAll(result.installationId, result.stepId);
        if (q->step() && !q->isNull(0) && q->int64(0) >= result.recordedAt)
            result.recordedAt = q->int64(0) + 1;
    }
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
    if (c->table == "build_procedures" && c->field == "draft" && !value.empty()) {
        // The draft chosen (a draft as saveBuildDraft sends it) over this tablet's copy.
        const auto draft = codec::fromJson<BuildDraft>(codec::parseObject(value));
        if (auto b = m_store.buildProcedure(c->recordId); b && draft.id == b->id) {
            b->hardwareModel = draft.hardwareModel;
            b->designNotes = draft.designNotes;
            b->backOutPlan = draft.backOutPlan;
            b->dslItemIds = draft.dslItemIds;
            b->steps = draft.steps;
            m_store.updateDraft(*b, by, at);
        }
    }
    const auto *table = changeableTable(c->table);
    if (const auto *field = table ? changeableField(*table, c->field) : nullptr; field && table->current(m_store, c->recordId))
        table->write(m_store, c->recordId, {{c->field, value.empty() && field->nullable ? std::nullopt : std::optional(value)}},
                     by, at);
    m_store.markConflictResolved(conflictId, by, at, "kept " + printable(value, 400));
    queue("resolveConflict", codec::json::serialize(codec::toJson(Resolution{conflictId, value, by, at})));
    change.commit();
}

Id Replica::recordRoomAudit(RoomAudit audit)
{
    countAuditLines(audit); // as stored, so the outbox says what the tablet shows
    return recordCreated("recordRoomAudit", std::move(audit), &Store::recordRoomAudit);
}

// --- the office ---

Id Replica::addSite(Site site)
{
    return recordCreated("addSite", std::move(site), &Store::addSite);
}

Id Replica::addRoom(Room room)
{
    return recordCreated("addRoom", std::move(room), &Store::addRoom);
}

Id Replica::addService(Service service)
{
    return recordCreated("addService", std::move(service), &Store::addService);
}

void Replica::updateService(const Service &service, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, serviceFields(), service.id);
    m_store.updateService(service, by, at);
    queueFieldChanges("setServiceFields", serviceFields(), service.id, before, by, at);
    change.commit();
}

template <typename Write>
void Replica::recordAction(std::string_view kind, const Id &id, const Id &by, Millis at, Write write)
{
    LocalChange change(m_store, m_grouped);
    write();
    queue(kind, codec::json::serialize(codec::toJson(RecordAction{id, by, at})));
    change.commit();
}

void Replica::retireService(const Id &serviceId, const Id &by, Millis at)
{
    recordAction("retireService", serviceId, by, at, [&] { m_store.retireService(serviceId, by, at); });
}

Id Replica::draftBuild(const Id &serviceId, const std::optional<Id> &fromBuildId, const Id &by, Millis at)
{
    const BuildStart start{Id::generate(), serviceId, fromBuildId, by, at};
    LocalChange change(m_store, m_grouped);
    if (fromBuildId) {
        m_store.newBuildVersion(*fromBuildId, by, at, start.id);
    } else {
        BuildProcedure b;
        b.id = start.id;
        b.serviceId = serviceId;
        b.createdBy = by;
        b.createdAt = at;
        m_store.addBuildProcedure(std::move(b));
    }
    queue("draftBuild", codec::json::serialize(codec::toJson(start)));
    change.commit();
    return start.id;
}

void Replica::saveBuildDraft(const BuildProcedure &build, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    // Lines new in this save get their ids here, so the server and the tablet name them alike.
    BuildProcedure b = build;
    for (auto &s : b.steps) {
        if (s.id.isNull())
            s.id = Id::generate();
    }
    m_store.updateDraft(b, by, at);
    queue("saveBuildDraft", codec::json::serialize(codec::toJson(BuildDraft{b.id, b.revision, b.hardwareModel,
                                                                            b.designNotes, b.backOutPlan, b.dslItemIds,
                                                                            b.steps, by, at})));
    change.commit();
}

void Replica::submitBuild(const Id &buildId, const Id &by, Millis at)
{
    recordAction("submitBuild", buildId, by, at, [&] { m_store.submitBuild(buildId, by, at); });
}

void Replica::returnBuild(const Id &buildId, const std::string &reason, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    m_store.returnBuild(buildId, reason, by, at);
    queue("returnBuild", codec::json::serialize(codec::toJson(BuildReturn{buildId, reason, by, at})));
    change.commit();
}

void Replica::approveBuild(const Id &buildId, const Id &by, Millis at)
{
    recordAction("approveBuild", buildId, by, at, [&] { m_store.approveBuild(buildId, by, at); });
}

void Replica::retireBuild(const Id &buildId, const Id &by, Millis at)
{
    recordAction("retireBuild", buildId, by, at, [&] { m_store.retireBuild(buildId, at, by); });
}

Id Replica::planRelease(Release release)
{
    return recordCreated("planRelease", std::move(release), &Store::addRelease);
}

void Replica::updateRelease(const Release &release, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, releaseFields(), release.id);
    const auto targetsBefore = releaseTargets().current(m_store, release.id);
    m_store.updateRelease(release, by, at);
    queueFieldChanges("setReleaseFields", releaseFields(), release.id, before, by, at);
    queueSetChange("setReleaseTargets", releaseTargets(), release.id, targetsBefore,
                   releaseTargets().current(m_store, release.id), by, at);
    change.commit();
}

void Replica::setReleaseInstallers(const Id &releaseId, const std::vector<Id> &installers, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = releaseInstallers().current(m_store, releaseId);
    m_store.setReleaseInstallers(releaseId, installers, by, at);
    queueSetChange("setReleaseInstallers", releaseInstallers(), releaseId, before, installers, by, at);
    change.commit();
}

void Replica::closeRelease(const Id &releaseId, const std::string &reviewNote, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    m_store.closeRelease(releaseId, reviewNote, by, at);
    queue("closeRelease", codec::json::serialize(codec::toJson(ReleaseClose{releaseId, reviewNote, by, at})));
    change.commit();
}

Id Replica::addPerson(const User &user, const std::vector<Id> &sites)
{
    Person p{user.id.isNull() ? Id::generate() : user.id, user.name, user.displayName, user.role, sites};
    LocalChange change(m_store, m_grouped);
    m_store.addUser(User{p.id, p.name, p.displayName, p.role, true});
    m_store.setUserSites(p.id, p.sites);
    queue("addPerson", codec::json::serialize(codec::toJson(p)));
    change.commit();
    return p.id;
}

void Replica::updatePerson(const User &user, const std::vector<Id> &sites, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, personFields(), user.id);
    const auto sitesBefore = m_store.userSites(user.id);
    m_store.updateUser(user);
    m_store.setUserActive(user.id, user.active);
    m_store.setUserSites(user.id, sites);
    queueFieldChanges("setPersonFields", personFields(), user.id, before, by, at);
    queueSetChange("setPersonSites", personSites(), user.id, sitesBefore, sites, by, at);
    change.commit();
}

// --- the Definitive Software Library and the licence log ---

Id Replica::addDslItem(DslItem item)
{
    return recordCreated("addDslItem", std::move(item), &Store::addDslItem);
}

void Replica::updateDslItem(const DslItem &item, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, dslFields(), item.id);
    m_store.updateDslItem(item, by, at);
    queueFieldChanges("setDslItemFields", dslFields(), item.id, before, by, at);
    change.commit();
}

Id Replica::takeOutMedia(MediaLoan loan)
{
    return recordCreated("takeOutMedia", std::move(loan), &Store::takeOutMedia);
}

void Replica::returnMedia(const Id &loanId, const Id &by, Millis at)
{
    recordAction("returnMedia", loanId, by, at, [&] { m_store.returnMedia(loanId, at, by); });
}

Id Replica::addLicence(Licence licence)
{
    return recordCreated("addLicence", std::move(licence), &Store::addLicence);
}

void Replica::updateLicence(const Licence &licence, const Id &by, Millis at)
{
    LocalChange change(m_store, m_grouped);
    const auto before = valuesOf(m_store, licenceFields(), licence.id);
    m_store.updateLicence(licence, by, at);
    queueFieldChanges("setLicenceFields", licenceFields(), licence.id, before, by, at);
    change.commit();
}

Id Replica::assignLicence(LicenceAssignment assignment)
{
    assignment.id = Store::seatId(assignment.licenceId, assignment.assetId); // as the store and the server make it
    return recordCreated("assignLicence", std::move(assignment), &Store::assignLicence);
}

void Replica::unassignLicence(const Id &assignmentId, const Id &by, Millis at)
{
    recordAction("unassignLicence", assignmentId, by, at, [&] { m_store.unassignLicence(assignmentId); });
}

} // namespace rd::sync
