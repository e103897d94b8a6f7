#pragma once

#include "fieldchanges.h"
#include "records.h"

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/**
 * The mutation kinds, each described once: its name, the record it carries, who may send it, and
 * the table of the record it creates. The push decoder, the server's rights check (rights.h), the
 * tablet's undo of a refused creation and the tables in docs/sync-protocol.md all read this list;
 * a test checks the doc against it.
 */
namespace rd::sync {

/** What a mutation carries, decoded: one alternative per record type. */
using MutationData = std::variant<Asset, FieldChanges, ReleaseStatusChange, Installation, StepResult, SignOff,
                                  BackOut, ScanOverride, Resolution, Service, SetChange, RecordAction, BuildStart,
                                  BuildDraft, BuildReturn, Release, ReleaseClose, Person, DslItem, MediaLoan,
                                  Licence, LicenceAssignment, Site, Room, RoomAudit>;

/** A bit per role, so a grant can name several. */
enum RoleBit : unsigned {
    ReleaseManagers = 1u << static_cast<unsigned>(Role::ReleaseManager),
    BuildDevelopers = 1u << static_cast<unsigned>(Role::BuildDeveloper),
    Installers = 1u << static_cast<unsigned>(Role::Installer),
    Everyone = ReleaseManagers | BuildDevelopers | Installers,
};

/**
 * A condition of a grant, on one field of the record. Each is decided from what the server holds,
 * including what earlier mutations of the same push have applied (never what a refused one
 * claimed); ids are followed through merges first. A reference to a record the server does not
 * have is not a question of rights: applying the mutation refuses it ("rejected", not found).
 */
enum class Condition {
    AsThemselves,             ///< the field is the signed-in user's id
    InstallerOfRelease,       ///< the signed-in user is an installer of the release the field names
    InstallerOfInstallation,  ///< ... of the release of the installation the field names
    AtTheirSite,              ///< the site the field names is one of theirs
    AssetAtTheirSite,         ///< the asset the field names is at one of their sites
    MovesOnlyToTheirSites,    ///< (field changes) a new site_id in the changes is one of theirs
    ValueIn,                  ///< the field's value is one of `values`
    LostTheConflict,          ///< the conflict the field names is one whose value the user lost
    ConflictAtTheirSite,      ///< the record of the conflict the field names is at one of their sites
};

struct Requirement {
    Condition condition;
    std::string_view field;
    std::span<const std::string_view> values = {}; ///< ValueIn only
    bool ifGiven = false;                          ///< skipped when the field is null
};

/** One way to be allowed a kind: the roles it is for, and what must hold. */
struct Grant {
    unsigned roles; ///< RoleBit mask
    std::span<const Requirement> requirements;
};

/** A mutation kind: what the protocol says of it, in one place. */
struct MutationKind {
    std::string_view name;     ///< "addAsset"
    std::string_view summary;  ///< what it does, for the doc
    std::string_view creates;  ///< the table of the record it creates, or empty
    std::span<const Grant> grants;
    MutationData (*decode)(const codec::json::object &data);
    RecordDoc (*describe)();
    const ChangeableTable *fields = nullptr; ///< a set…Fields kind: the fields it may change
    const ChangeableSet *set = nullptr;      ///< a kind that replaces a set of ids
    /**
     * On PostgreSQL, whether a push made only of such kinds is applied beside other pushes (its
     * store method reads its rules under row locks: Store::ConcurrentWrites), or alone.
     */
    enum class Writes { Alone, BesideOthers } writes = Writes::Alone;
};

/** Every kind, in the order the protocol doc lists them. */
[[nodiscard]] std::span<const MutationKind> mutationKinds() noexcept;
/** The kind named @p name; throws ProtocolError ("wrong_type") for any other name. */
[[nodiscard]] const MutationKind &mutationKind(std::string_view name);

/** The data of any kind as JSON (toJson of its record). */
[[nodiscard]] codec::json::object toJson(const MutationData &data);

/** The id of the field @p name of the record @p data holds (see idField). */
[[nodiscard]] std::optional<Id> idField(const MutationData &data, std::string_view name);
/** The text of the field @p name of the record @p data holds (see textField). */
[[nodiscard]] std::optional<std::string> textField(const MutationData &data, std::string_view name);

/**
 * Whether @p role has a grant of @p kind at all (its requirements, checked per mutation by
 * RightsCheck, aside): what the app asks before it offers an action.
 */
[[nodiscard]] bool roleHasGrant(const MutationKind &kind, Role role) noexcept;

/** "release manager, as themselves (`recorded_by`); installer, as themselves, …": a grant in words. */
[[nodiscard]] std::string describeGrants(const MutationKind &kind);

/**
 * The protocol doc's tables, made from the descriptions: the kinds (who may, what they create),
 * each record's fields, and the asset fields setAssetFields may change. docs/sync-protocol.md
 * holds this text between its "generated" markers, and a test keeps the two equal.
 */
[[nodiscard]] std::string protocolTablesMarkdown();

} // namespace rd::sync
