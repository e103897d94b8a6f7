#pragma once

#include "domain/entities.h"
#include "database.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rd {

/**
 * The FITS Release Management records in one SQLite database, used alike by the sync server and
 * the tablet. Every write method checks its input and the process rules, and is atomic: it either
 * applies whole or throws (ValidationError, NotFoundError, DuplicateError, RuleError, StoreError)
 * and leaves nothing behind, also inside a Batch. Every row written gets the next value of the
 * store's change sequence, and every deletion leaves a tombstone, so changesSince() reads each
 * change exactly once, in order.
 */
class Store {
    class Write;

public:
    /** Opens (creating and migrating if needed) the database at @p path. */
    explicit Store(const std::string &path);

    /**
     * Several writes in one transaction: all of them, or none if the batch is destroyed without
     * commit(). Each write inside still applies whole or not at all.
     */
    class Batch {
    public:
        explicit Batch(Store &store);
        ~Batch();
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;
        void commit();

    private:
        std::unique_ptr<Write> m_write;
    };

    /**
     * A group of writes inside a Batch that applies whole or not at all (a savepoint), for a
     * caller that combines several write methods into one change (the sync's mutations).
     */
    class Unit {
    public:
        explicit Unit(Store &store);
        ~Unit();
        Unit(const Unit &) = delete;
        Unit &operator=(const Unit &) = delete;
        void commit();

    private:
        std::unique_ptr<Write> m_write;
    };

    // --- people and places ---
    Id addUser(User user, const std::optional<std::string> &passwordHash = std::nullopt);
    [[nodiscard]] std::optional<User> user(const Id &id);
    [[nodiscard]] std::optional<User> userByName(std::string_view name);
    /** Changes a person's display name and role. */
    void updateUser(const User &user);
    /** The sites a person works at, replaced. */
    void setUserSites(const Id &userId, const std::vector<Id> &sites);
    [[nodiscard]] std::vector<Id> userSites(const Id &userId);
    [[nodiscard]] std::optional<std::string> passwordHash(const Id &userId);
    void setPasswordHash(const Id &userId, const std::string &hash);
    /** Switches an account on or off; one switched off cannot sign in or sync (the server checks). */
    void setUserActive(const Id &userId, bool active);
    Id addSite(Site site);
    Id addRoom(Room room);
    void addUserToSite(const Id &userId, const Id &siteId);
    [[nodiscard]] std::vector<Site> sites();
    [[nodiscard]] std::vector<Room> rooms(const Id &siteId);

    // --- services, the Definitive Software Library and the licence log ---
    Id addService(Service service);
    /** Changes a service's name, description, what users get and owner; a retired one no longer changes. */
    void updateService(Service service, const Id &by, Millis at);
    /** Retires a service; refused while one of its releases is open. */
    void retireService(const Id &serviceId, const Id &by, Millis at);
    [[nodiscard]] std::optional<Service> service(const Id &serviceId);
    Id addDslItem(DslItem item);
    /** Changes a DSL item (product and version stay unique together). */
    void updateDslItem(DslItem item, const Id &by, Millis at);
    [[nodiscard]] std::optional<DslItem> dslItem(const Id &id);
    /** Writes a line in the in/out book; refused while the media are already out. */
    Id takeOutMedia(MediaLoan loan);
    /** Books media back in, by @p by when known. */
    void returnMedia(const Id &loanId, Millis at, const std::optional<Id> &by = std::nullopt);
    [[nodiscard]] std::vector<MediaLoan> mediaBook(const Id &dslItemId);
    Id addLicence(Licence licence);
    void updateLicence(Licence licence, const Id &by, Millis at);
    [[nodiscard]] std::optional<Licence> licence(const Id &id);
    /**
     * Gives one seat of a licence to an asset. When every seat is taken, it is refused unless
     * assignment.overrideReason says why; the override is kept with who (assignedBy) and when.
     */
    Id assignLicence(LicenceAssignment assignment);
    void unassignLicence(const Id &assignmentId);
    /**
     * The id of the seat of @p licenceId given to @p assetId: made from the two, so that whichever
     * tablet gives it (a sign-off, by hand) and the server make one row, never two that clash.
     */
    [[nodiscard]] static Id seatId(const Id &licenceId, const Id &assetId);
    [[nodiscard]] int seatsUsed(const Id &licenceId);

    // --- build procedures ---
    /** A new build procedure (version 1, or the next version of the service) as a draft. */
    Id addBuildProcedure(BuildProcedure build);
    /**
     * Replaces the design details, checklist and back-out plan of a draft, if it is still at
     * @p build.revision (else RuleError: someone else's edit came first); the revision then goes
     * up by one. A submitted, approved or retired version cannot change.
     */
    void updateDraft(const BuildProcedure &build, const std::optional<Id> &by = std::nullopt, Millis at = 0);
    /** A build developer hands a draft in for approval (it needs an installation step). */
    void submitBuild(const Id &buildId, const Id &by, Millis at);
    /** A release manager sends a submitted version back to draft, with the reason. */
    void returnBuild(const Id &buildId, std::string_view reason, const Id &by, Millis at);
    /**
     * A release manager approves a submitted version; the service's version approved before is
     * retired at the same moment. An approved version never changes again.
     */
    void approveBuild(const Id &buildId, const Id &approvedBy, Millis at);
    void retireBuild(const Id &buildId, Millis at, const std::optional<Id> &by = std::nullopt);
    /** Copies a version into a new draft version of the same service (id @p id, or a new one). */
    Id newBuildVersion(const Id &fromBuildId, const Id &createdBy, Millis at, const Id &id = {});
    [[nodiscard]] std::optional<BuildProcedure> buildProcedure(const Id &buildId);

    // --- inventory ---
    /** Adds an asset; a second asset with the same make and normalised serial is a DuplicateError. */
    Id addAsset(Asset asset);
    /** Assets whose normalised serial equals that of @p serial, whatever their make. */
    [[nodiscard]] std::vector<Asset> findAssetsBySerial(std::string_view serial);
    [[nodiscard]] std::optional<Asset> findAssetByTag(std::string_view assetTag);
    [[nodiscard]] std::optional<Asset> asset(const Id &id);
    void moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId);
    void setAssetStatus(const Id &assetId, AssetStatus status);
    void setAssetUser(const Id &assetId, std::string_view assignedUser);

    // --- releases and installations ---
    Id addRelease(Release release);
    /**
     * Changes a release's plan: its type, units, trigger reference, planned dates, back-out plan,
     * what users are told, its targets, and its build version (an approved version of the same
     * service; units already started keep theirs). A closed release no longer changes.
     */
    void updateRelease(Release release, const Id &by, Millis at);
    /** The installers of a release, replaced. */
    void setReleaseInstallers(const Id &releaseId, const std::vector<Id> &installers, const Id &by, Millis at);
    /** Closes a release with its post-implementation review note. */
    void closeRelease(const Id &releaseId, std::string_view reviewNote, const Id &by, Millis at);
    void setReleaseStatus(const Id &releaseId, ReleaseStatus status);
    [[nodiscard]] std::optional<Release> release(const Id &releaseId);
    [[nodiscard]] std::optional<Release> releaseByNumber(std::string_view number);
    /** Units accepted so far. */
    [[nodiscard]] int unitsDone(const Id &releaseId);
    Id startInstallation(Installation installation);
    Id recordStepResult(StepResult result);
    /** The user's acceptance: refused while a required step or test is failed or missing. */
    Id signOff(SignOff signOff);
    Id recordBackOut(BackOut backOut);
    [[nodiscard]] std::optional<Installation> installation(const Id &installationId);
    [[nodiscard]] std::vector<ChecklistLine> checklist(const Id &installationId);

    // --- overrides of refused scans (issue 5) ---
    /**
     * Keeps a technician's override of a refused scan: the value taken into an asset's serial or
     * asset tag (field "serial" or "asset-tag") though a scan check refused it, the check's reason
     * (refusal) and the technician's (reason, required), who and when; for the asset and, when
     * given, the installation of that asset it was scanned in. Append-only.
     */
    Id recordScanOverride(ScanOverride scanOverride);
    /** The overrides recorded for an asset, oldest first. */
    [[nodiscard]] std::vector<ScanOverride> scanOverrides(const Id &assetId);

    // --- photo evidence (issue 12) ---
    /** A photo the tablet keeps (a file named by its hash), and whether the server has it yet. */
    struct PhotoUpload {
        std::string sha256; ///< 64 lower-case hex digits
        std::int64_t bytes = 0;
        Millis takenAt = 0;
        std::optional<Millis> uploadedAt; ///< when the server said it holds it
        std::string refused;              ///< the server's reason when it will never take it
    };
    /** Notes a photo kept on this tablet, to be uploaded; a photo kept already stays as it is. */
    void keepPhoto(std::string_view sha256, std::int64_t bytes, Millis takenAt);
    /** The photos still to upload (neither uploaded nor refused), oldest first. */
    [[nodiscard]] std::vector<PhotoUpload> photosToUpload();
    [[nodiscard]] std::optional<PhotoUpload> photoUpload(std::string_view sha256);
    void markPhotoUploaded(std::string_view sha256, Millis at);
    /** The server will not take the photo (over its size limit...): not tried again. */
    void markPhotoRefused(std::string_view sha256, std::string_view reason);
    /**
     * The sites of the assets whose installations have a step result with @p evidence as their
     * evidence ("photo:sha256:<hex>"): who may see those sites may see the photo.
     */
    [[nodiscard]] std::vector<Id> photoSites(std::string_view evidence);

    // --- room audits (issue 12) ---
    /**
     * Keeps a room audit with its lines (roomaudit.h decides them): the room must be at the
     * audit's site; a line found, missing or elsewhere names its asset, an unknown one only what
     * was scanned. The counts are computed from the lines. Append-only; an id kept already is
     * refused (DuplicateError).
     */
    Id recordRoomAudit(RoomAudit audit);
    [[nodiscard]] std::optional<RoomAudit> roomAudit(const Id &id);

    // --- the history of every change ---
    /**
     * Keeps one field change of a record: who, when, from and to. Append-only; a change with an id
     * already kept (the tablet's row, then the server's: one id, see Id::derived) is kept once.
     */
    Id recordChange(RecordChange change);
    /** A record's changes, oldest first. */
    [[nodiscard]] std::vector<RecordChange> recordChanges(const Id &recordId);

    // --- conflicts between devices (written by the sync) ---
    /** Keeps a value that lost to another device's change of the same field. */
    Id recordConflict(const ConflictRecord &conflict);
    [[nodiscard]] std::optional<ConflictRecord> conflict(const Id &id);
    void markConflictResolved(const Id &id, const Id &by, Millis at, std::string_view resolution);

    // --- sync (the monthly report is ReportViews, report.h) ---
    /** Up to @p limit changes after @p afterSeq, in sequence order. */
    [[nodiscard]] std::vector<Change> changesSince(std::int64_t afterSeq, int limit);
    /** The highest change number committed (on PostgreSQL: below every writer still open). */
    [[nodiscard]] std::int64_t lastSeq();
    /**
     * How far a pull may read: no change at or below it can still commit. SQLite: lastSeq(), read
     * inside the pull's transaction. PostgreSQL: read before the pull's snapshot is taken (then
     * every change below it is in the snapshot); see ChangeSequence.
     */
    [[nodiscard]] std::int64_t pullHorizon();
    [[nodiscard]] Id deviceId();
    /** Small local settings (the sync client's server address and tokens...), kept in `meta`. */
    [[nodiscard]] std::optional<std::string> meta(std::string_view key);
    void setMeta(std::string_view key, std::string_view value);
    void removeMeta(std::string_view key);

    [[nodiscard]] sql::Database &database() noexcept { return m_db; }

    /**
     * How change numbers are handed out on PostgreSQL, where several writers commit at once
     * (docs/architecture.md, "The change sequence"). OpenBlocks (always, in the product): each
     * write transaction takes a block of numbers from a sequence and registers it, and a pull reads
     * only below the oldest block still open (pullHorizon), so a cursor never passes a change still
     * to commit. Naive (a sequence, nextval per change, nothing registered) exists only to show,
     * in a test, the change a puller then skips for ever. SQLite has one writer and neither.
     */
    enum class ChangeSequence { OpenBlocks, Naive };
    void setChangeSequence(ChangeSequence sequence);

    /**
     * The licences whose seat a sign-off of installation ?1 takes, with the seats each has and has
     * assigned (id, name, seats, used): Store::signOff, and what the app shows before it.
     */
    static const char *const kSeatsForSignOffSql;

    /**
     * PostgreSQL only, for a caller that redoes the whole batch when anything fails (the Hub's
     * pushes): while it lives, a single-row write inside a batch takes no savepoint of its own,
     * saving two round trips per write, and plain writes are sent without waiting for their
     * answers (sql::Database::setDeferredWrites). Safe because PostgreSQL refuses every statement after a
     * failed one, so a refusal can never be passed over: the batch fails whole, and the caller
     * applies it again without this. A no-op on SQLite, whose single-row writes never take one.
     */
    class OptimisticWrites {
    public:
        explicit OptimisticWrites(Store &store)
            : m_store(store)
        {
            m_store.m_optimistic = true;
            m_store.m_db.setDeferredWrites(true);
        }
        ~OptimisticWrites()
        {
            m_store.m_optimistic = false;
            m_store.m_db.setDeferredWrites(false);
        }
        OptimisticWrites(const OptimisticWrites &) = delete;
        OptimisticWrites &operator=(const OptimisticWrites &) = delete;

    private:
        Store &m_store;
    };

    /**
     * PostgreSQL only, for a write transaction whose every write takes the row locks its rules
     * read under (the mutation kinds marked Writes::BesideOthers: starting installations,
     * recording results, signing off): while it lives, the transaction opened holds the writers'
     * lock shared, so such transactions run at once, on several servers and push threads. Every
     * other write transaction holds it alone. A no-op on SQLite, which has one writer.
     */
    class ConcurrentWrites {
    public:
        explicit ConcurrentWrites(Store &store, bool on = true)
            : m_store(store)
            , m_was(store.m_concurrent)
        {
            m_store.m_concurrent = on;
        }
        ~ConcurrentWrites() { m_store.m_concurrent = m_was; }
        ConcurrentWrites(const ConcurrentWrites &) = delete;
        ConcurrentWrites &operator=(const ConcurrentWrites &) = delete;

    private:
        Store &m_store;
        bool m_was;
    };
    /** Whether the open write transaction runs beside others (see ConcurrentWrites). */
    [[nodiscard]] bool writesBesideOthers() const noexcept { return m_concurrent && m_db.isPostgres(); }

private:
    friend class Write;

    std::int64_t nextSeq();
    void requireRow(std::string_view table, const Id &id, std::string_view what);
    void requireDraft(const Id &buildId);
    BuildProcedure existingBuild(const Id &buildId);
    void requireUniqueServiceName(const Service &service);
    void requireUniqueDslItem(const DslItem &item);
    void writeReleaseTargets(const Release &release);
    /** Takes the seats that @p wanted (kSeatsForSignOffSql, run) names for the sign-off. */
    void assignSeats(SignOff &signOff, const Installation &installation, sql::Statement &wanted);
    void writeBuildParts(const BuildProcedure &build);
    void tombstone(std::string_view table, const Id &key, const std::optional<Id> &key2 = std::nullopt);
    [[nodiscard]] std::vector<BuildStep> buildSteps(const Id &buildId);

    sql::Database m_db;
    int m_depth = 0;        // nesting of Write/Batch scopes
    std::int64_t m_seq = 0; // last change sequence handed out in the open transaction
    std::int64_t m_blockEnd = 0; // PostgreSQL: the last number of the transaction's block
    bool m_seqDirty = false;
    ChangeSequence m_sequence = ChangeSequence::OpenBlocks;
    bool m_optimistic = false; // see OptimisticWrites
    bool m_concurrent = false; // see ConcurrentWrites

    /**
     * References recordStepResult checked earlier in the open transaction, so that a batch of
     * results for one installation does not look the same rows up again. Forgotten when any
     * write scope ends without commit, when the transaction ends, and by every write that could
     * change them.
     */
    struct CheckedRefs {
        struct Step {
            Id id;
            bool required = true;
            std::string title;
        };
        std::optional<Id> installation; ///< in progress when checked
        Id build;                       ///< its build procedure
        std::vector<Step> steps;        ///< that build's steps
        std::optional<Id> user;
    };
    CheckedRefs m_checked;
    void forgetCheckedRefs() noexcept { m_checked = CheckedRefs{}; }
};

} // namespace rd
