#pragma once

#include "codec.h"

#include "domain/entities.h"
#include "domain/fields.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

/**
 * The records that mutations carry, each described once: its fields (the database's column names),
 * where each lives in the C++ struct, whether it must be sent, and its rule. The codec (toJson and
 * fromJson, one the mirror of the other because both walk the same list), the rights check (which
 * reads a field by name) and the tables of docs/sync-protocol.md all come from these descriptions.
 */
namespace rd::sync {

/** The latest time a record may carry: 3000-01-01 (a device clock may be wrong, not absurd). */
inline constexpr Millis kMaxTime = 32503680000000;
/** The largest sequence number or cursor: 2^53 - 1, the largest integer every JSON reader keeps exact. */
inline constexpr std::int64_t kMaxSeq = 9007199254740991;

/** Whether a field must be sent. */
enum class Presence {
    Required, ///< present and not null
    Optional, ///< may be left out or null: the default (empty text, no id) stands
};

/** One field of a record as the protocol carries it. */
template <typename Record, typename T>
struct Field {
    std::string_view name; ///< the database's column name, and the JSON key
    T Record::*member;
    Presence presence = Presence::Required;
    const TextRule *text = nullptr; ///< a text field's rule, as the store checks it
    std::string_view note = {};     ///< what the protocol doc adds
};

template <typename Record, typename T>
constexpr Field<Record, T> field(std::string_view name, T Record::*member, Presence presence = Presence::Required,
                                 const TextRule *text = nullptr, std::string_view note = {})
{
    return {name, member, presence, text, note};
}

/** A column the server fills itself: the device never sends it, the pull pages carry it. */
struct Computed {
    std::string_view name;
    std::string_view how;
};

// --- the records only the sync has (the others are the domain's, in domain/entities.h) ---

/** A change of one of an asset's changeable fields: the value the device saw, and the value it set. */
struct FieldChange {
    std::optional<std::string> from;
    std::optional<std::string> to;
    bool operator==(const FieldChange &) const = default;
};

/**
 * setAssetFields, setServiceFields, setReleaseFields, setPersonFields: changes of a record's
 * changeable fields (fieldchanges.h), by field name, each with the value the device saw.
 */
struct FieldChanges {
    Id id;
    std::map<std::string, FieldChange> changes;
};

/** A set of ids of a record replaced (a release's installers, a person's sites): as seen, and as set. */
struct SetChange {
    Id id;
    std::vector<Id> from;
    std::vector<Id> to;
};

/** One step of a record's life that needs nothing more than who and when (submit, approve, retire). */
struct RecordAction {
    Id id;
    Id by;
    Millis at = 0;
};

/** draftBuild: a new draft version of a service's build procedure, empty or copied from a version. */
struct BuildStart {
    Id id;
    Id serviceId;
    std::optional<Id> fromBuildId;
    Id createdBy;
    Millis createdAt = 0;
};

/** saveBuildDraft: a draft's four parts as the build developer left them, on the revision they edited. */
struct BuildDraft {
    Id id;
    int revision = 1;
    std::string hardwareModel;
    std::string designNotes;
    std::string backOutPlan;
    std::vector<Id> dslItemIds;
    std::vector<BuildStep> steps;
    Id by;
    Millis at = 0;
};

/** returnBuild: a submitted version sent back to draft, with the reason. */
struct BuildReturn {
    Id id;
    std::string reason;
    Id by;
    Millis at = 0;
};

/** closeRelease: the release closed with its post-implementation review. */
struct ReleaseClose {
    Id id;
    std::string reviewNote;
    Id by;
    Millis at = 0;
};

/** addPerson: a person who will sign in, with their role and sites (the password is set online). */
struct Person {
    Id id;
    std::string name;
    std::string displayName;
    Role role = Role::Installer;
    std::vector<Id> sites;
};

/** setReleaseStatus: a release's status, and the status the device saw before. */
struct ReleaseStatusChange {
    Id id;
    ReleaseStatus from = ReleaseStatus::Planned;
    ReleaseStatus to = ReleaseStatus::Planned;
};

/** resolveConflict: the value that settles a conflict, who chose it and when. */
struct Resolution {
    Id id;
    std::string value;
    Id by;
    Millis at = 0;
};

/** The description of a record type: specialised once for each record a mutation carries. */
template <typename Record>
struct RecordSpec;

template <>
struct RecordSpec<Asset> {
    static constexpr std::string_view name = "asset";
    static constexpr auto fields = std::make_tuple(
        field("id", &Asset::id),
        field("asset_tag", &Asset::assetTag, Presence::Optional, &fields::assetTag,
              "unique when given; the site's tag format is checked on the tablet"),
        field("serial", &Asset::serial, Presence::Optional, &fields::serial,
              "as printed on the label; with the make, unique once normalised"),
        field("make", &Asset::make, Presence::Required, &fields::make),
        field("model", &Asset::model, Presence::Required, &fields::model),
        field("category", &Asset::category, Presence::Required, &fields::category),
        field("site_id", &Asset::siteId), field("room_id", &Asset::roomId, Presence::Optional, nullptr,
                                                "a room of the asset's site"),
        field("assigned_user", &Asset::assignedUser, Presence::Optional, &fields::assignedUser,
              "who uses it; \"\" (not null) when nobody"),
        field("status", &Asset::status),
        field("purchase_date", &Asset::purchaseDate, Presence::Optional, nullptr, "YYYY-MM-DD or \"\""),
        field("notes", &Asset::notes, Presence::Optional, &fields::assetNotes));
    static constexpr std::array computed{
        Computed{"serial_norm", "the serial with letters upper-cased and spaces and dashes removed"},
        Computed{"make_key", "the make trimmed, inner spaces collapsed, upper-cased"},
    };
};

template <>
struct RecordSpec<FieldChanges> {
    static constexpr std::string_view name = "field changes";
    static constexpr auto fields =
        std::make_tuple(field("id", &FieldChanges::id, Presence::Required, nullptr, "the record"),
                        field("changes", &FieldChanges::changes, Presence::Required, nullptr,
                              "{field: {\"from\": value seen, \"to\": value set}}, at least one"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<SetChange> {
    static constexpr std::string_view name = "set change";
    static constexpr auto fields = std::make_tuple(
        field("id", &SetChange::id, Presence::Required, nullptr, "the record"),
        field("from", &SetChange::from, Presence::Required, nullptr, "the ids as the device saw them"),
        field("to", &SetChange::to, Presence::Required, nullptr, "the ids as it set them"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<RecordAction> {
    static constexpr std::string_view name = "action";
    static constexpr auto fields = std::make_tuple(field("id", &RecordAction::id, Presence::Required, nullptr, "the record"),
                                                   field("by", &RecordAction::by), field("at", &RecordAction::at));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<Service> {
    static constexpr std::string_view name = "service";
    static constexpr auto fields = std::make_tuple(
        field("id", &Service::id), field("name", &Service::name, Presence::Required, &fields::serviceName, "unique"),
        field("description", &Service::description, Presence::Optional, &fields::serviceDescription),
        field("user_benefit", &Service::userBenefit, Presence::Optional, &fields::userBenefit, "what users get"),
        field("owner_id", &Service::ownerId, Presence::Optional, nullptr, "a user who answers for it"),
        field("created_at", &Service::createdAt));
    static constexpr std::array computed{Computed{"retired_at", "null until `retireService`"}};
};

template <>
struct RecordSpec<BuildStep> {
    static constexpr std::string_view name = "checklist line";
    static constexpr auto fields = std::make_tuple(
        field("id", &BuildStep::id, Presence::Required, nullptr, "keep a line's id from one save to the next"),
        field("part", &BuildStep::part), field("position", &BuildStep::position, Presence::Required, nullptr,
                                                "1, 2, 3 ... within its part"),
        field("title", &BuildStep::title, Presence::Required, &fields::stepTitle),
        field("detail", &BuildStep::detail, Presence::Optional, &fields::stepDetail),
        field("required", &BuildStep::required, Presence::Required, nullptr, "false: an optional line"),
        field("evidence", &BuildStep::evidence, Presence::Optional, nullptr, "what it asks for beside the result"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<BuildStart> {
    static constexpr std::string_view name = "new build version";
    static constexpr auto fields = std::make_tuple(
        field("id", &BuildStart::id), field("service_id", &BuildStart::serviceId),
        field("from_build_id", &BuildStart::fromBuildId, Presence::Optional, nullptr,
              "a version of the same service to copy, or null for an empty draft"),
        field("created_by", &BuildStart::createdBy), field("created_at", &BuildStart::createdAt));
    static constexpr std::array computed{Computed{"version", "the service's next version number"},
                                         Computed{"status", "`draft`"}};
};

template <>
struct RecordSpec<BuildDraft> {
    static constexpr std::string_view name = "build draft";
    static constexpr auto fields = std::make_tuple(
        field("id", &BuildDraft::id, Presence::Required, nullptr, "a draft"),
        field("revision", &BuildDraft::revision, Presence::Required, nullptr,
              "the revision the device edited; another's edit since makes this a conflict, never an overwrite"),
        field("hardware_model", &BuildDraft::hardwareModel, Presence::Optional, &fields::hardwareModel),
        field("design_notes", &BuildDraft::designNotes, Presence::Optional, &fields::designNotes),
        field("back_out_plan", &BuildDraft::backOutPlan, Presence::Optional, &fields::backOutPlan),
        field("dsl_item_ids", &BuildDraft::dslItemIds, Presence::Required, nullptr, "the DSL items it installs"),
        field("steps", &BuildDraft::steps, Presence::Required, nullptr,
              "every line of the three checklists, as checklist lines (below)"),
        field("by", &BuildDraft::by), field("at", &BuildDraft::at));
    static constexpr std::array computed{Computed{"revision", "one more than the one edited"}};
};

template <>
struct RecordSpec<BuildReturn> {
    static constexpr std::string_view name = "build returned";
    static constexpr auto fields = std::make_tuple(
        field("id", &BuildReturn::id, Presence::Required, nullptr, "a submitted version"),
        field("reason", &BuildReturn::reason, Presence::Required, &fields::returnReason), field("by", &BuildReturn::by),
        field("at", &BuildReturn::at));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<Release> {
    static constexpr std::string_view name = "release plan";
    static constexpr auto fields = std::make_tuple(
        field("id", &Release::id), field("number", &Release::number, Presence::Required, &fields::releaseNumber, "unique"),
        field("kind", &Release::kind), field("units", &Release::units, Presence::Required, nullptr,
                                              "1 for a single install; 1 to 10,000"),
        field("release_type", &Release::type), field("trigger_kind", &Release::trigger),
        field("trigger_ref", &Release::triggerRef, Presence::Optional, &fields::triggerRef,
              "the request or RFC reference; required unless `trigger_kind` is `none`"),
        field("build_id", &Release::buildId, Presence::Required, nullptr, "an approved build procedure version"),
        field("site_id", &Release::siteId), field("planned_date", &Release::plannedDate, Presence::Required, nullptr,
                                                   "YYYY-MM-DD"),
        field("planned_end", &Release::plannedEnd, Presence::Optional, nullptr, "YYYY-MM-DD or \"\""),
        field("back_out_plan", &Release::backOutPlan, Presence::Optional, &fields::backOutPlan,
              "\"\": the build's back-out plan"),
        field("user_notice", &Release::userNotice, Presence::Optional, &fields::userNotice),
        field("installers", &Release::installers, Presence::Required, nullptr, "user ids"),
        field("target_assets", &Release::targetAssets, Presence::Optional, nullptr,
              "particular assets of the site to install, or none"),
        field("target_rooms", &Release::targetRooms, Presence::Optional, nullptr, "particular rooms, or none"),
        field("created_by", &Release::createdBy), field("created_at", &Release::createdAt));
    static constexpr std::array computed{Computed{"status", "`planned`"}};
};

template <>
struct RecordSpec<ReleaseClose> {
    static constexpr std::string_view name = "release closed";
    static constexpr auto fields = std::make_tuple(
        field("id", &ReleaseClose::id, Presence::Required, nullptr, "the release"),
        field("review_note", &ReleaseClose::reviewNote, Presence::Required, &fields::reviewNote),
        field("by", &ReleaseClose::by), field("at", &ReleaseClose::at));
    static constexpr std::array computed{Computed{"status", "`closed`"}};
};

template <>
struct RecordSpec<Site> {
    static constexpr std::string_view name = "site";
    static constexpr auto fields = std::make_tuple(
        field("id", &Site::id), field("name", &Site::name, Presence::Required, &fields::siteName, "unique"),
        field("code", &Site::code, Presence::Required, &fields::siteCode, "unique, e.g. RAU"),
        field("asset_tag_pattern", &Site::assetTagPattern, Presence::Optional, &fields::assetTagPattern,
              "an ECMAScript regular expression its asset tags match, or \"\"; refused if it does not compile"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<Room> {
    static constexpr std::string_view name = "room";
    static constexpr auto fields = std::make_tuple(
        field("id", &Room::id), field("site_id", &Room::siteId),
        field("name", &Room::name, Presence::Required, &fields::roomName, "unique within its site"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<RoomAuditLine> {
    static constexpr std::string_view name = "room audit line";
    static constexpr auto fields = std::make_tuple(
        field("position", &RoomAuditLine::position, Presence::Required, nullptr, "1, 2, 3 ... within its audit"),
        field("asset_id", &RoomAuditLine::assetId, Presence::Optional, nullptr,
              "the asset; null for an `unknown` scan"),
        field("scanned", &RoomAuditLine::scanned, Presence::Optional, &fields::scannedValue,
              "the tag or serial as scanned; \"\" for a `missing` asset"),
        field("outcome", &RoomAuditLine::outcome, Presence::Required, nullptr,
              "`found` in the room, `missing` from it, registered `elsewhere`, or `unknown`"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<RoomAudit> {
    static constexpr std::string_view name = "room audit";
    static constexpr auto fields = std::make_tuple(
        field("id", &RoomAudit::id), field("site_id", &RoomAudit::siteId),
        field("room_id", &RoomAudit::roomId, Presence::Required, nullptr, "a room of the site"),
        field("audited_by", &RoomAudit::auditedBy), field("started_at", &RoomAudit::startedAt),
        field("finished_at", &RoomAudit::finishedAt),
        field("lines", &RoomAudit::lines, Presence::Required, nullptr,
              "every asset registered in the room and every other scan, as room audit lines (below)"));
    static constexpr std::array computed{
        Computed{"expected", "the lines `found` or `missing`"}, Computed{"found", "the lines `found`"},
        Computed{"missing", "the lines `missing`"}, Computed{"unexpected", "the lines `elsewhere` or `unknown`"}};
};

template <>
struct RecordSpec<DslItem> {
    static constexpr std::string_view name = "DSL item";
    static constexpr auto fields = std::make_tuple(
        field("id", &DslItem::id), field("product", &DslItem::product, Presence::Required, &fields::product),
        field("version", &DslItem::version, Presence::Required, &fields::version, "unique with the product"),
        field("vendor", &DslItem::vendor, Presence::Required, &fields::vendor), field("media_kind", &DslItem::mediaKind),
        field("media_location", &DslItem::mediaLocation, Presence::Optional, &fields::mediaLocation,
              "where the original media are kept"),
        field("build_location", &DslItem::buildLocation, Presence::Optional, &fields::buildLocation,
              "where the build software is"),
        field("build_sha256", &DslItem::buildSha256, Presence::Optional, &fields::buildSha256,
              "64 hexadecimal digits, or \"\""),
        field("licence_type", &DslItem::licenceType));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<MediaLoan> {
    static constexpr std::string_view name = "media loan";
    static constexpr auto fields = std::make_tuple(
        field("id", &MediaLoan::id), field("dsl_item_id", &MediaLoan::dslItemId, Presence::Required, nullptr,
                                            "its original media not already out"),
        field("taken_by", &MediaLoan::takenBy), field("taken_at", &MediaLoan::takenAt),
        field("purpose", &MediaLoan::purpose, Presence::Optional, &fields::loanPurpose),
        field("expected_back", &MediaLoan::expectedBack, Presence::Optional, nullptr, "overdue after it"));
    static constexpr std::array computed{Computed{"returned_at", "null until `returnMedia`"},
                                         Computed{"returned_by", "who booked them back in"}};
};

template <>
struct RecordSpec<Licence> {
    static constexpr std::string_view name = "licence";
    static constexpr auto fields = std::make_tuple(
        field("id", &Licence::id),
        field("dsl_item_id", &Licence::dslItemId, Presence::Optional, nullptr, "the DSL item it licenses"),
        field("name", &Licence::name, Presence::Required, &fields::licenceName),
        field("entitlement", &Licence::entitlement, Presence::Required, &fields::entitlement,
              "the key or entitlement: pulled by release managers and build developers only (\"\" for installers)"),
        field("seats", &Licence::seats, Presence::Required, nullptr, "0 to 1,000,000"),
        field("expires_on", &Licence::expiresOn, Presence::Optional, nullptr, "YYYY-MM-DD or \"\""),
        field("supplier", &Licence::supplier, Presence::Optional, &fields::supplier),
        field("purchase_ref", &Licence::purchaseRef, Presence::Optional, &fields::purchaseRef));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<LicenceAssignment> {
    static constexpr std::string_view name = "licence seat";
    static constexpr auto fields = std::make_tuple(
        field("id", &LicenceAssignment::id, Presence::Required, nullptr,
              "the server makes it from the licence's and the asset's ids (send any: it is replaced)"),
        field("licence_id", &LicenceAssignment::licenceId),
        field("asset_id", &LicenceAssignment::assetId, Presence::Required, nullptr, "one seat per licence and asset"),
        field("assigned_by", &LicenceAssignment::assignedBy), field("assigned_at", &LicenceAssignment::assignedAt),
        field("override_reason", &LicenceAssignment::overrideReason, Presence::Optional, &fields::seatOverrideReason,
              "required when every seat is taken"));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<Person> {
    static constexpr std::string_view name = "person";
    static constexpr auto fields = std::make_tuple(
        field("id", &Person::id), field("name", &Person::name, Presence::Required, &fields::userName, "the sign-in name"),
        field("display_name", &Person::displayName, Presence::Optional, &fields::displayName),
        field("role", &Person::role), field("sites", &Person::sites, Presence::Required, nullptr, "site ids"));
    static constexpr std::array computed{
        Computed{"active", "true; no password: a release manager sets one online (`POST /api/v1/password`)"}};
};

template <>
struct RecordSpec<ReleaseStatusChange> {
    static constexpr std::string_view name = "release status change";
    static constexpr auto fields =
        std::make_tuple(field("id", &ReleaseStatusChange::id, Presence::Required, nullptr, "the release"),
                        field("from", &ReleaseStatusChange::from, Presence::Required, nullptr,
                              "the status the device saw"),
                        field("to", &ReleaseStatusChange::to));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<Installation> {
    static constexpr std::string_view name = "installation";
    static constexpr auto fields =
        std::make_tuple(field("id", &Installation::id), field("release_id", &Installation::releaseId),
                        field("asset_id", &Installation::assetId, Presence::Required, nullptr,
                              "one installation per asset and release"),
                        field("started_by", &Installation::startedBy), field("started_at", &Installation::startedAt));
    static constexpr std::array computed{
        Computed{"status", "`in-progress`; `accepted` at sign-off, `backed-out` at back-out"},
        Computed{"ended_at", "null; the sign-off's or back-out's time"},
    };
};

template <>
struct RecordSpec<StepResult> {
    static constexpr std::string_view name = "step result";
    static constexpr auto fields = std::make_tuple(
        field("id", &StepResult::id), field("installation_id", &StepResult::installationId),
        field("step_id", &StepResult::stepId, Presence::Required, nullptr,
              "a line of the installation's build procedure version"),
        field("outcome", &StepResult::outcome),
        field("note", &StepResult::note, Presence::Optional, &fields::stepNote),
        field("evidence", &StepResult::evidence, Presence::Optional, &fields::evidence,
              "a scanned value or a photo reference"),
        field("recorded_by", &StepResult::recordedBy), field("recorded_at", &StepResult::recordedAt));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<SignOff> {
    static constexpr std::string_view name = "sign-off";
    static constexpr auto fields = std::make_tuple(
        field("id", &SignOff::id),
        field("installation_id", &SignOff::installationId, Presence::Required, nullptr,
              "every required line's latest result passed or not applicable"),
        field("user_name", &SignOff::userName, Presence::Required, &fields::signerName),
        field("strokes", &SignOff::strokes, Presence::Required, nullptr,
              "the signature, \"x,y x,y;x,y ...\", at most 256 KiB"),
        field("signed_at", &SignOff::signedAt), field("recorded_by", &SignOff::recordedBy),
        field("seat_override_reason", &SignOff::seatOverrideReason, Presence::Optional, &fields::seatOverrideReason,
              "why it goes ahead though a licence of its build has no seat left"));
    static constexpr std::array computed{
        Computed{"licence_assignments", "a seat of each per-seat or subscription licence of the build's DSL "
                                        "items that the asset has not yet, its id made from the licence's and the "
                                        "asset's"}};
};

template <>
struct RecordSpec<BackOut> {
    static constexpr std::string_view name = "back-out";
    static constexpr auto fields = std::make_tuple(
        field("id", &BackOut::id),
        field("installation_id", &BackOut::installationId, Presence::Required, nullptr, "in progress"),
        field("reason", &BackOut::reason, Presence::Required, &fields::backOutReason),
        field("performed_by", &BackOut::performedBy), field("performed_at", &BackOut::performedAt));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<ScanOverride> {
    static constexpr std::string_view name = "scan override";
    static constexpr auto fields = std::make_tuple(
        field("id", &ScanOverride::id), field("asset_id", &ScanOverride::assetId),
        field("installation_id", &ScanOverride::installationId, Presence::Optional, nullptr,
              "an installation of that asset, or null"),
        field("field", &ScanOverride::field, Presence::Required, nullptr, "`serial` or `asset-tag`"),
        field("value", &ScanOverride::value, Presence::Required, &fields::scannedValue),
        field("refusal", &ScanOverride::refusal, Presence::Required, &fields::refusal, "the check's reason"),
        field("reason", &ScanOverride::reason, Presence::Required, &fields::overrideReason,
              "the technician's reason"),
        field("recorded_by", &ScanOverride::recordedBy), field("recorded_at", &ScanOverride::recordedAt));
    static constexpr std::array<Computed, 0> computed{};
};

template <>
struct RecordSpec<Resolution> {
    static constexpr std::string_view name = "conflict resolution";
    static constexpr auto fields = std::make_tuple(
        field("id", &Resolution::id, Presence::Required, nullptr, "the conflict"),
        field("value", &Resolution::value, Presence::Required, &fields::resolutionValue,
              "the value kept: either side's or another; \"\" for no room"),
        field("by", &Resolution::by), field("at", &Resolution::at));
    static constexpr std::array<Computed, 0> computed{};
};

// --- reading and writing one value ---

namespace detail {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
concept Enumeration = std::is_enum_v<T> && requires { EnumNames<T>::names; };

[[noreturn]] void wrongType(std::string_view field, std::string_view expected);

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

/** The most items a list field may hold (ids, checklist lines). */
inline constexpr std::size_t kMaxListItems = 1000;

Id readId(const codec::json::value &v, std::string_view field);
std::string readText(const codec::json::value &v, std::string_view field);
std::int64_t readTime(const codec::json::value &v, std::string_view field);
int readInt(const codec::json::value &v, std::string_view field);
bool readBool(const codec::json::value &v, std::string_view field);
std::map<std::string, FieldChange> readChanges(const codec::json::value &v, std::string_view field);
const codec::json::array &readList(const codec::json::value &v, std::string_view field);

codec::json::value write(const Id &v);
codec::json::value write(const std::string &v);
codec::json::value write(std::int64_t v);
codec::json::value write(int v);
codec::json::value write(bool v);
codec::json::value write(const std::map<std::string, FieldChange> &v);

template <typename T>
T read(const codec::json::value &v, std::string_view field);

template <typename T>
codec::json::value writeValue(const T &v);

} // namespace detail

namespace codec {
template <typename Record>
[[nodiscard]] json::object toJson(const Record &record);
template <typename Record>
[[nodiscard]] Record fromJson(const json::object &o);
} // namespace codec

namespace detail {

template <typename T>
T read(const codec::json::value &v, std::string_view field)
{
    if constexpr (IsVector<T>::value) {
        T out;
        for (const auto &item : readList(v, field)) {
            using Item = typename T::value_type;
            if constexpr (std::is_same_v<Item, Id>) {
                out.push_back(readId(item, field));
            } else {
                if (!item.is_object())
                    wrongType(field, "a list of objects");
                out.push_back(codec::fromJson<Item>(item.get_object()));
            }
        }
        return out;
    } else if constexpr (std::is_same_v<T, Id>)
        return readId(v, field);
    else if constexpr (std::is_same_v<T, std::string>)
        return readText(v, field);
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return readTime(v, field);
    else if constexpr (std::is_same_v<T, int>)
        return readInt(v, field);
    else if constexpr (std::is_same_v<T, bool>)
        return readBool(v, field);
    else if constexpr (std::is_same_v<T, std::map<std::string, FieldChange>>)
        return readChanges(v, field);
    else if constexpr (Enumeration<T>) {
        if (v.is_string())
            if (const auto e = tryParse<T>(std::string_view(v.get_string())))
                return *e;
        wrongType(field, "one of " + describeNames(EnumNames<T>::names.data(), EnumNames<T>::names.size()));
    } else
        static_assert(sizeof(T) == 0, "a field type the protocol does not carry");
}

template <typename T>
codec::json::value writeValue(const T &v)
{
    if constexpr (IsOptional<T>::value)
        return v ? writeValue(*v) : codec::json::value(nullptr);
    else if constexpr (IsVector<T>::value) {
        codec::json::array out;
        for (const auto &item : v) {
            if constexpr (std::is_same_v<typename T::value_type, Id>)
                out.push_back(write(item));
            else
                out.push_back(codec::toJson(item));
        }
        return out;
    } else if constexpr (Enumeration<T>)
        return codec::json::string(toString(v));
    else
        return write(v);
}

} // namespace detail

namespace codec {

/** @p record as mutation data: every described field, under its column name. */
template <typename Record>
[[nodiscard]] json::object toJson(const Record &record)
{
    json::object o;
    std::apply([&](const auto &...f) { ((o[f.name] = detail::writeValue(record.*(f.member))), ...); },
               RecordSpec<Record>::fields);
    return o;
}

/**
 * Mutation data as a @p Record, reading exactly the fields toJson() writes: a required field must
 * be there and not null; an optional one may be missing or null (its default stands); each value
 * must have its type, and an enum one of its names. Fields not described are ignored (a later
 * version may send more). Throws ProtocolError naming the field.
 */
template <typename Record>
[[nodiscard]] Record fromJson(const json::object &o)
{
    Record record{};
    auto one = [&](const auto &f) {
        using T = std::remove_cvref_t<decltype(record.*(f.member))>;
        const auto *v = o.if_contains(f.name);
        if (!v || v->is_null()) {
            if (f.presence == Presence::Required)
                throw ProtocolError(v ? "wrong_type" : "missing_field",
                                    "field '" + std::string(f.name) + (v ? "' must not be null" : "' is required"));
            return;
        }
        if constexpr (detail::IsOptional<T>::value)
            record.*(f.member) = detail::read<typename T::value_type>(*v, f.name);
        else
            record.*(f.member) = detail::read<T>(*v, f.name);
    };
    std::apply([&](const auto &...f) { (one(f), ...); }, RecordSpec<Record>::fields);
    return record;
}

} // namespace codec

/** The id a record's field named @p name holds (a reference, or the record's own id); nothing if none. */
template <typename Record>
[[nodiscard]] std::optional<Id> idField(const Record &record, std::string_view name)
{
    std::optional<Id> out;
    auto one = [&](const auto &f) {
        using T = std::remove_cvref_t<decltype(record.*(f.member))>;
        if (f.name != name)
            return;
        if constexpr (std::is_same_v<T, Id>)
            out = record.*(f.member);
        else if constexpr (std::is_same_v<T, std::optional<Id>>)
            out = record.*(f.member);
    };
    std::apply([&](const auto &...f) { (one(f), ...); }, RecordSpec<Record>::fields);
    return out;
}

/** The text form of a record's field named @p name (an enum's name, a text); nothing if none. */
template <typename Record>
[[nodiscard]] std::optional<std::string> textField(const Record &record, std::string_view name)
{
    std::optional<std::string> out;
    auto one = [&](const auto &f) {
        using T = std::remove_cvref_t<decltype(record.*(f.member))>;
        if (f.name != name)
            return;
        if constexpr (std::is_same_v<T, std::string>)
            out = record.*(f.member);
        else if constexpr (detail::Enumeration<T>)
            out = std::string(toString(record.*(f.member)));
    };
    std::apply([&](const auto &...f) { (one(f), ...); }, RecordSpec<Record>::fields);
    return out;
}

/** A field as the protocol doc shows it. */
struct FieldDoc {
    std::string name;
    std::string type;  ///< "id", "text", "time", "one of: …", "id or null" …
    bool required = true;
    std::string rule;  ///< limits: "at most 64 characters, one line", …
    std::string note;
};

/** A record as the protocol doc shows it: its fields, then what the server computes. */
struct RecordDoc {
    std::string name;
    std::vector<FieldDoc> fields;
    std::vector<Computed> computed;
    std::vector<RecordDoc> parts; ///< the records of its lists of objects (checklist lines, audit lines)
};

namespace detail {

std::string textRuleWords(const TextRule &rule);

template <typename T>
std::string typeWords()
{
    if constexpr (IsOptional<T>::value)
        return typeWords<typename T::value_type>() + " or null";
    else if constexpr (std::is_same_v<T, Id>)
        return "id";
    else if constexpr (std::is_same_v<T, std::string>)
        return "text";
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return "time";
    else if constexpr (std::is_same_v<T, int>)
        return "integer";
    else if constexpr (IsVector<T>::value) {
        if constexpr (std::is_same_v<typename T::value_type, Id>)
            return "list of ids";
        else
            return "list of " + std::string(RecordSpec<typename T::value_type>::name) + " objects";
    } else if constexpr (std::is_same_v<T, bool>)
        return "true or false";
    else if constexpr (std::is_same_v<T, std::map<std::string, FieldChange>>)
        return "object";
    else if constexpr (Enumeration<T>) {
        std::string out = "one of ";
        for (std::size_t i = 0; i < EnumNames<T>::names.size(); ++i)
            out += (i ? ", `" : "`") + std::string(EnumNames<T>::names[i]) + "`";
        return out;
    }
}

} // namespace detail

/** The doc of a record type, from its description. */
template <typename Record>
[[nodiscard]] RecordDoc describeRecord()
{
    RecordDoc doc{std::string(RecordSpec<Record>::name), {}, {}};
    auto one = [&](const auto &f) {
        using T = std::remove_cvref_t<decltype(std::declval<Record>().*(f.member))>;
        doc.fields.push_back(FieldDoc{std::string(f.name), detail::typeWords<T>(), f.presence == Presence::Required,
                                      f.text ? detail::textRuleWords(*f.text) : std::string(), std::string(f.note)});
        if constexpr (detail::IsVector<T>::value) {
            if constexpr (!std::is_same_v<typename T::value_type, Id>)
                doc.parts.push_back(describeRecord<typename T::value_type>());
        }
    };
    std::apply([&](const auto &...f) { (one(f), ...); }, RecordSpec<Record>::fields);
    for (const auto &c : RecordSpec<Record>::computed)
        doc.computed.push_back(c);
    return doc;
}

} // namespace rd::sync
