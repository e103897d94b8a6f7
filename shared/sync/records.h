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

/** setAssetFields: changes of an asset's changeable fields (assetfields.h), by field name. */
struct AssetFields {
    Id id;
    std::map<std::string, FieldChange> changes;
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
        field("status", &Asset::status));
    static constexpr std::array computed{
        Computed{"serial_norm", "the serial with letters upper-cased and spaces and dashes removed"},
        Computed{"make_key", "the make trimmed, inner spaces collapsed, upper-cased"},
    };
};

template <>
struct RecordSpec<AssetFields> {
    static constexpr std::string_view name = "asset field changes";
    static constexpr auto fields =
        std::make_tuple(field("id", &AssetFields::id, Presence::Required, nullptr, "the asset"),
                        field("changes", &AssetFields::changes, Presence::Required, nullptr,
                              "{field: {\"from\": value seen, \"to\": value set}}, at least one"));
    static constexpr std::array<Computed, 0> computed{};
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
        field("signed_at", &SignOff::signedAt), field("recorded_by", &SignOff::recordedBy));
    static constexpr std::array<Computed, 0> computed{};
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
        field("value", &Resolution::value, Presence::Required, &fields::resolution,
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

Id readId(const codec::json::value &v, std::string_view field);
std::string readText(const codec::json::value &v, std::string_view field);
std::int64_t readTime(const codec::json::value &v, std::string_view field);
bool readBool(const codec::json::value &v, std::string_view field);
std::map<std::string, FieldChange> readChanges(const codec::json::value &v, std::string_view field);

codec::json::value write(const Id &v);
codec::json::value write(const std::string &v);
codec::json::value write(std::int64_t v);
codec::json::value write(bool v);
codec::json::value write(const std::map<std::string, FieldChange> &v);

template <typename T>
T read(const codec::json::value &v, std::string_view field)
{
    if constexpr (std::is_same_v<T, Id>)
        return readId(v, field);
    else if constexpr (std::is_same_v<T, std::string>)
        return readText(v, field);
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return readTime(v, field);
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
    else if constexpr (Enumeration<T>)
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
    else if constexpr (std::is_same_v<T, bool>)
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
    };
    std::apply([&](const auto &...f) { (one(f), ...); }, RecordSpec<Record>::fields);
    for (const auto &c : RecordSpec<Record>::computed)
        doc.computed.push_back(c);
    return doc;
}

} // namespace rd::sync
