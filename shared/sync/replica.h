#pragma once

#include "protocol.h"

#include "store/store.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {
class Store;
}

namespace rd::sync {

/**
 * The tablet side of the sync, over the tablet's own Store. Every local change goes through here:
 * it is written to the local store and queued in the outbox in one transaction, so that a change
 * is never recorded without being sent, nor sent without being recorded. The network client
 * moves the bodies this class makes and reads; it holds no sync state of its own.
 */
class Replica {
public:
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

    // --- local changes (each: local write + outbox entry, atomic) ---
    Id addAsset(Asset asset);
    void moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId);
    void setAssetStatus(const Id &assetId, AssetStatus status);
    void setAssetUser(const Id &assetId, std::string_view assignedUser);
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
    /** Settles a conflict with @p value (one of the two values, or another) and queues it. */
    void resolveConflict(const Id &conflictId, const std::string &value, const Id &by, Millis at);

    // --- push ---
    [[nodiscard]] int pendingCount();
    /** The next push request body with up to @p maxMutations outbox entries, or nothing to push. */
    [[nodiscard]] std::optional<std::string> nextPushBody(int maxMutations);
    /**
     * Takes the server's answer to a push: drops what was applied from the outbox, maps merged
     * ids, and keeps refused mutations in local_rejections (undoing their local effect with the
     * server's current row). All in one transaction. Throws ProtocolError on a bad answer.
     */
    PushOutcome acceptPushResponse(std::string_view body);

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
    Store &m_store;
    bool m_grouped = false; // a Group is open: each change is a savepoint in its transaction
};

} // namespace rd::sync
