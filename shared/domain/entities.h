#pragma once

#include "enums.h"
#include "id.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/**
 * The records FITS Release Management keeps, in its own words. A record created on a device
 * carries the id that device gave it (Id::generate); the store fills a null id itself. Times are
 * Unix milliseconds (UTC); "who" is a user id.
 */
namespace rd {

using Millis = std::int64_t;

/** A person who signs in: release manager, build developer or installer. */
struct User {
    Id id;
    std::string name; ///< sign-in name, unique
    std::string displayName;
    Role role = Role::Installer;
    bool active = true;
};

/** A school or building; its asset tags follow assetTagPattern (a regular expression, may be empty). */
struct Site {
    Id id;
    std::string name;
    std::string code;
    std::string assetTagPattern;
};

struct Room {
    Id id;
    Id siteId;
    std::string name;
};

/**
 * A kind of thing users get: "curriculum laptop", "interactive whiteboard", "MIS client". A
 * service with no approved build procedure is still to document.
 */
struct Service {
    Id id;
    std::string name;
    std::string description;
    Millis createdAt = 0;
    std::string userBenefit;       ///< what users get from it, in their words
    std::optional<Id> ownerId;     ///< who answers for it
    std::optional<Millis> retiredAt;
};

/** A software item in the Definitive Software Library: one product at one version. */
struct DslItem {
    Id id;
    std::string product;
    std::string version;
    std::string vendor;
    MediaKind mediaKind = MediaKind::Disc;
    std::string mediaLocation; ///< where the original media are kept ("cupboard B, shelf 2")
    std::string buildSha256;   ///< SHA-256 of the build software (working copy), lower-case hex
    LicenceType licenceType = LicenceType::PerSeat;
    std::string buildLocation; ///< where the build software is (a share, a disk image's path)
};

/** A line of the in/out book of original media: who took what, when, and when it came back. */
struct MediaLoan {
    Id id;
    Id dslItemId;
    Id takenBy;
    Millis takenAt = 0;
    std::string purpose;
    std::optional<Millis> returnedAt;
    std::optional<Millis> expectedBack; ///< when it should be back; overdue after that
    std::optional<Id> returnedBy;
};

/** A licence in the licence log: a key or entitlement with a number of seats. */
struct Licence {
    Id id;
    std::optional<Id> dslItemId;
    std::string name;
    std::string entitlement; ///< the key, agreement number or entitlement reference: office eyes only
    int seats = 1;
    std::string expiresOn;   ///< YYYY-MM-DD, or empty for none
    std::string supplier;
    std::string purchaseRef; ///< the order or invoice reference
};

/** One seat of a licence given to an asset; overrideReason is set when seats were exceeded. */
struct LicenceAssignment {
    Id id;
    Id licenceId;
    Id assetId;
    Id assignedBy;
    Millis assignedAt = 0;
    std::optional<std::string> overrideReason;
    std::optional<Id> installationId; ///< the installation whose sign-off assigned it, if one did
};

/** One line of a build procedure's checklist: an installation step, a stability or acceptance test. */
struct BuildStep {
    Id id;
    StepPart part = StepPart::Installation;
    int position = 0; ///< order within its part, from 1
    std::string title;
    std::string detail;
    bool required = true;
    EvidenceKind evidence = EvidenceKind::None; ///< what the line asks for beside its result
};

/** One version of the build procedure for a service, with its four parts. */
struct BuildProcedure {
    Id id;
    Id serviceId;
    int version = 1;
    BuildStatus status = BuildStatus::Draft;
    // design details
    std::string hardwareModel;
    std::string designNotes;
    std::vector<Id> dslItemIds;
    // installation steps, stability tests and acceptance tests
    std::vector<BuildStep> steps;
    std::string backOutPlan;
    Id createdBy;
    Millis createdAt = 0;
    std::optional<Id> approvedBy;
    std::optional<Millis> approvedAt;
    std::optional<Millis> retiredAt;
    int revision = 1; ///< a draft's edits, counted, so that no one's edit silently replaces another's
    std::optional<Id> submittedBy;
    std::optional<Millis> submittedAt;
    std::string returnedReason; ///< why a release manager returned it, until it is submitted again
    std::optional<Id> returnedBy;
    std::optional<Millis> returnedAt;
};

/** A piece of hardware in the inventory (a configuration record). */
struct Asset {
    Id id;
    std::optional<std::string> assetTag;
    std::optional<std::string> serial; ///< as printed on the label; compared normalised
    std::string make;
    std::string model;
    std::string category;
    Id siteId;
    std::optional<Id> roomId;
    std::string assignedUser; ///< the person who uses it, if it is someone's
    AssetStatus status = AssetStatus::InStock;
    std::string purchaseDate; ///< YYYY-MM-DD, or empty when not known
    std::string notes;
};

/**
 * One field of a record changed: who changed what, from what to what, and when. The history of
 * every change of an asset (room, status, user, site) and of the office's records; append-only.
 */
struct RecordChange {
    Id id;
    std::string table; ///< "assets", "services", "releases", "users", "dsl_items", "licences"
    Id recordId;
    std::string field;
    std::optional<std::string> oldValue;
    std::optional<std::string> newValue;
    Id changedBy;
    Millis changedAt = 0;
};

/** A release: one installation, or a rollout of N units, of one build procedure version. */
struct Release {
    Id id;
    std::string number; ///< unique, e.g. "2024.3" or "R-0042"
    ReleaseKind kind = ReleaseKind::Single;
    int units = 1;
    TriggerKind trigger = TriggerKind::None;
    std::string triggerRef; ///< the request or RFC reference
    Id buildId;
    Id siteId;
    std::string plannedDate; ///< YYYY-MM-DD
    ReleaseStatus status = ReleaseStatus::Planned;
    std::string backOutPlan;
    std::vector<Id> installers;
    Id createdBy;
    Millis createdAt = 0;
    ReleaseType type = ReleaseType::Minor;
    std::string plannedEnd; ///< YYYY-MM-DD, or empty
    std::string userNotice; ///< what the users are told
    std::string reviewNote; ///< the post-implementation review, written when it closes
    std::vector<Id> targetAssets; ///< particular assets to install, if the plan names them
    std::vector<Id> targetRooms;  ///< particular rooms whose assets to install
};

/** One asset in a release, built by following the build install checklist. */
struct Installation {
    Id id;
    Id releaseId;
    Id assetId;
    InstallationStatus status = InstallationStatus::InProgress;
    Id startedBy;
    Millis startedAt = 0;
    std::optional<Millis> endedAt;
    Id buildId; ///< the build procedure version it follows: its release's when it started, kept
};

/** The recorded result of one checklist step or test; append-only, the latest one counts. */
struct StepResult {
    Id id;
    Id installationId;
    Id stepId;
    StepOutcome outcome = StepOutcome::Pass;
    std::string note;
    std::string evidence; ///< a scanned value, a photo reference
    Id recordedBy;
    Millis recordedAt = 0;
};

/** The user's acceptance sign-off: their name and signature strokes ("x,y x,y;x,y ..."). */
struct SignOff {
    Id id;
    Id installationId;
    std::string userName;
    std::string strokes;
    Millis signedAt = 0;
    Id recordedBy;
    /** Why the installation goes ahead though a licence of its build has no seat left; else none. */
    std::optional<std::string> seatOverrideReason;
};

/** The record of an installation taken back out following the back-out plan. */
struct BackOut {
    Id id;
    Id installationId;
    std::string reason;
    Id performedBy;
    Millis performedAt = 0;
};

/**
 * A technician's override of a refused scan (issue 5): a value a scan check refused for a field
 * (a serial that looks like a product code, a MAC address or a part number; an asset tag off the
 * site's format) taken on the technician's word. Append-only: who, when, which field, the value
 * taken, why the check refused it and why the technician overrode it.
 */
struct ScanOverride {
    Id id;
    Id assetId;
    std::optional<Id> installationId; ///< the installation it was scanned in, if any
    std::string field;                ///< "serial" or "asset-tag"
    std::string value;                ///< the value accepted
    std::string refusal;              ///< the check's reason for refusing it
    std::string reason;               ///< the technician's reason for the override
    Id recordedBy;
    Millis recordedAt = 0;
};

/** One line of a room audit: an asset expected or scanned there, or a scan of nothing known. */
struct RoomAuditLine {
    int position = 1;            ///< 1, 2, 3 ... within its audit
    std::optional<Id> assetId;   ///< none for an unknown scan
    std::string scanned;         ///< the tag or serial as scanned; "" for a missing asset
    AuditOutcome outcome = AuditOutcome::Found;
};

/**
 * A room audit (issue 12): who walked into which room when, scanned what they found, and what
 * that made of the room's assets (found, missing) and of the scans (registered elsewhere,
 * unknown). Append-only; the counts are computed from the lines by the store.
 */
struct RoomAudit {
    Id id;
    Id siteId;
    Id roomId;
    Id auditedBy;
    Millis startedAt = 0;
    Millis finishedAt = 0;
    std::vector<RoomAuditLine> lines;
    int expected = 0;   ///< found + missing
    int found = 0;
    int missing = 0;
    int unexpected = 0; ///< elsewhere + unknown
};

/**
 * Where one checklist line of an installation stands: its latest result, if any, and the results
 * recorded before it (oldest first; results are append-only, a changed result keeps the old one).
 */
struct ChecklistLine {
    BuildStep step;
    std::optional<StepResult> latest;
    std::vector<StepResult> earlier;
};

/** A field value that lost to another device's change, kept until someone resolves it. */
struct ConflictRecord {
    Id id;
    std::string table;
    Id recordId;
    std::string field;
    std::optional<std::string> keptValue;
    std::optional<std::string> lostValue;
    std::optional<std::string> baseValue;
    Id lostDevice;
    Id lostBy;
    Millis createdAt = 0;
    std::optional<Id> resolvedBy;
    std::optional<Millis> resolvedAt;
    std::optional<std::string> resolution;
};

/** One entry of the change sequence: a row written or deleted, in the order it happened. */
struct Change {
    std::int64_t seq = 0;
    std::string table;
    Id key;                 ///< the row's id, or the first half of a two-part key
    std::optional<Id> key2; ///< the second half of a two-part key (user_sites, build_items...)
    bool deleted = false;
};

} // namespace rd
