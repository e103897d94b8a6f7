#pragma once

#include "protocol.h"

#include "store/store.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {
class Store;
}

namespace rd::sync {

struct ChangeableTable;
struct ChangeableSet;

/**
 * The tablet side of the sync, over the tablet's own Store. Every local change goes through here:
 * it is written to the local store and queued in the outbox in one transaction, so that a change
 * is never recorded without being sent, nor sent without being recorded. The network client
 * moves the bodies this class makes and reads; it holds no sync state of its own.
 *
 * Each person who signs in on the tablet syncs as a device of their own (currentDevice()), whose
 * changes are numbered from 1 without gaps; so several people can share a tablet and each one's
 * unsent work is sent as them. A change the server acknowledged is kept for kKeepAcknowledged,
 * so that a server restored from an older backup can be sent again what it lost.
 */
class Replica {
public:
    /** How long an acknowledged change is kept for a restored server: 30 days. */
    static constexpr Millis kKeepAcknowledged = 30LL * 24 * 60 * 60 * 1000;

    explicit Replica(Store &store);

    /**
     * Several local changes that belong together (a new asset, its room and the installation
     * started on it): all of them, with their outbox entries, or none if the group is destroyed
     * without commit(). Each change inside still applies whole or not at all.
     */
    class Group {
    public:
        explicit Group(Replica &replica);
        ~Group();
        Group(const Group &) = delete;
        Group &operator=(const Group &) = delete;
        void commit();

    private:
        Replica &m_replica;
        Store::Batch m_batch;
    };

    // --- who the changes are made as ---
    /** The device local changes are queued as: the signed-in person's, else the tablet's own id. */
    [[nodiscard]] Id currentDevice();
    /** Makes @p device the one local changes are queued as (at sign-in). */
    void setCurrentDevice(const Id &device);

    // --- local changes (each: local write + outbox entry, atomic) ---
    Id addAsset(Asset asset);
    // An asset's changes: with @p by, the history row (who, when) shows on this tablet at once; the
    // server keeps one in any case when it applies the change, with the same id.
    void moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId,
                   const std::optional<Id> &by = std::nullopt, Millis at = 0);
    void setAssetStatus(const Id &assetId, AssetStatus status, const std::optional<Id> &by = std::nullopt,
                        Millis at = 0);
    void setAssetUser(const Id &assetId, std::string_view assignedUser, const std::optional<Id> &by = std::nullopt,
                      Millis at = 0);
    void setReleaseStatus(const Id &releaseId, ReleaseStatus status);
    Id startInstallation(Installation installation);
    Id recordStepResult(StepResult result);
    Id signOff(SignOff signOff);
    Id recordBackOut(BackOut backOut);
    /**
     * Keeps a technician's override of a refused scan (see Store::recordScanOverride) and queues
     * it: called when ScanCheck::override() took a refused serial or asset tag.
     */
    Id recordScanOverride(ScanOverride scanOverride);
    /** Keeps a room audit and its lines (see Store::recordRoomAudit) and queues it. */
    Id recordRoomAudit(RoomAudit audit);
    /** Settles a conflict with @p value (one of the two values, or another) and queues it. */
    void resolveConflict(const Id &conflictId, const std::string &value, const Id &by, Millis at);

    // --- the office's changes (each: local write + outbox entry, atomic) ---
    Id addSite(Site site);
    Id addRoom(Room room);
    Id addService(Service service);
    /** Changes a service's fields; the change carries what each field was, for the server's conflict check. */
    void updateService(const Service &service, const Id &by, Millis at);
    void retireService(const Id &serviceId, const Id &by, Millis at);
    /** A new draft version of @p serviceId's build procedure, copied from @p fromBuildId or empty. */
    Id draftBuild(const Id &serviceId, const std::optional<Id> &fromBuildId, const Id &by, Millis at);
    /** Saves a draft's four parts, from the revision @p build was read at. */
    void saveBuildDraft(const BuildProcedure &build, const Id &by, Millis at);
    void submitBuild(const Id &buildId, const Id &by, Millis at);
    void returnBuild(const Id &buildId, const std::string &reason, const Id &by, Millis at);
    void approveBuild(const Id &buildId, const Id &by, Millis at);
    void retireBuild(const Id &buildId, const Id &by, Millis at);
    Id planRelease(Release release);
    /** Changes a release's plan (its fields, and the assets and rooms it names). */
    void updateRelease(const Release &release, const Id &by, Millis at);
    void setReleaseInstallers(const Id &releaseId, const std::vector<Id> &installers, const Id &by, Millis at);
    void closeRelease(const Id &releaseId, const std::string &reviewNote, const Id &by, Millis at);
    /** A person who will sign in (their password is set online, never here). */
    Id addPerson(const User &user, const std::vector<Id> &sites);
    /** Changes a person's display name, role, whether they are switched on, and sites. */
    void updatePerson(const User &user, const std::vector<Id> &sites, const Id &by, Millis at);

    // --- the Definitive Software Library and the licence log ---
    Id addDslItem(DslItem item);
    void updateDslItem(const DslItem &item, const Id &by, Millis at);
    /** Takes original media out (the in/out book); refused while they are out with someone. */
    Id takeOutMedia(MediaLoan loan);
    void returnMedia(const Id &loanId, const Id &by, Millis at);
    Id addLicence(Licence licence);
    void updateLicence(const Licence &licence, const Id &by, Millis at);
    Id assignLicence(LicenceAssignment assignment);
    void unassignLicence(const Id &assignmentId, const Id &by, Millis at);

    // --- push ---
    /** Changes not yet acknowledged by the server, of every device on this tablet. */
    [[nodiscard]] int pendingCount();
    /** Changes not yet acknowledged, of @p device. */
    [[nodiscard]] int pendingCount(const Id &device);
    /** The devices on this tablet with changes waiting, the current one first. */
    [[nodiscard]] std::vector<Id> devicesWithPending();
    /** The next push request body of the current device, up to @p maxMutations, or nothing to push. */
    [[nodiscard]] std::optional<std::string> nextPushBody(int maxMutations);
    [[nodiscard]] std::optional<std::string> nextPushBody(int maxMutations, const Id &device);
    /**
     * Takes the server's answer to a push of the current device (or @p device): marks what was
     * applied acknowledged, maps merged ids, and keeps refused mutations in local_rejections
     * (undoing their local effect with the server's current row). All in one transaction. Throws
     * ProtocolError on a bad answer.
     */
    PushOutcome acceptPushResponse(std::string_view body);
    PushOutcome acceptPushResponse(std::string_view body, const Id &device);
    /**
     * The server answered 409 seq_gap: it has @p device's changes only up to @p expected - 1 (it
     * was restored from a backup). Queues again the kept changes from @p expected on; when this
     * tablet no longer has some of them, what it has is numbered on from @p expected (the server
     * never saw those numbers). One transaction.
     */
    void resendFrom(const Id &device, std::int64_t expected);

    // --- the server's database ---
    /** The server database this tablet last synced with (sign-in, push and pull answers), if known. */
    [[nodiscard]] std::optional<Id> knownDatabase();
    /**
     * Notes the server database's id from an answer. When it is another than the one this tablet
     * synced with (the server was restored from a backup, or replaced), every kept acknowledged
     * change is queued again (the server answers "duplicate" for what it still has) and the next
     * pull starts afresh; returns true then. One transaction.
     */
    bool noteDatabase(const Id &databaseId);
    /**
     * The next pull starts from nothing: the server's snapshot for the signed-in user replaces this
     * tablet's copy, and rows the snapshot lacks are dropped at its end, except records of changes
     * still waiting to be sent. For a restored server, and for another person signing in.
     */
    void restartPull();
    /** Whether a pull from nothing is due or under way. */
    [[nodiscard]] bool freshPullPending();

    // --- pull ---
    /** The pull request body for the next page, resuming from the stored cursor. */
    [[nodiscard]] std::string nextPullBody(int limit);
    /**
     * The request for the page after @p page, made before @p page is applied, so a client can
     * fetch the next page while it writes this one. Nothing when @p page is the last.
     */
    [[nodiscard]] std::optional<std::string> pullBodyAfter(std::string_view page, int limit);
    /** Applies one page and stores its cursor in the same transaction. */
    PullOutcome applyPullPage(std::string_view body);
    [[nodiscard]] std::int64_t pullCursor();

    // --- what the app shows ---
    [[nodiscard]] std::vector<Conflict> openConflicts();
    [[nodiscard]] int rejectionCount();

private:
    /** Queues a mutation as the current device's next; returns the base of the ids that follow from it. */
    Id queue(std::string_view kind, const std::string &payload, Millis at = 0);
    template <typename Record>
    Id recordCreated(std::string_view kind, Record record, Id (Store::*write)(Record));
    /** Queues the set…Fields mutation @p kind for what changed in @p table's record since @p before. */
    void queueFieldChanges(std::string_view kind, const ChangeableTable &table, const Id &id,
                           const std::map<std::string, std::optional<std::string>> &before,
                           const std::optional<Id> &by, Millis at);
    /** Queues @p kind, a set replaced, when it changed. */
    void queueSetChange(std::string_view kind, const ChangeableSet &set, const Id &id, const std::vector<Id> &before,
                        const std::vector<Id> &after, const Id &by, Millis at);
    template <typename Write>
    void recordAction(std::string_view kind, const Id &id, const Id &by, Millis at, Write write);
    /** The fresh pull's first step: every synced row marked as not yet seen again (seq 0). */
    void beginFreshPull();
    /** The fresh pull's last step: rows it did not bring again go, but for unsent records. */
    void endFreshPull();

    Store &m_store;
    bool m_grouped = false; // a Group is open: each change is a savepoint in its transaction
};

} // namespace rd::sync
