#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace rd {

/** Roles FITS gives the people in Release Management. */
enum class Role { ReleaseManager, BuildDeveloper, Installer };

/**
 * Where a build procedure version stands: a draft is written and submitted by a build developer;
 * a release manager approves it or returns it (a draft again, with the reason); an approved
 * version never changes, and is retired when a newer version of its service is approved.
 */
enum class BuildStatus { Draft, Submitted, Approved, Retired };

/** The three checklist parts of a build procedure after its design details. */
enum class StepPart { Installation, Stability, Acceptance };

/** What a checklist line asks for as evidence, beside its result. */
enum class EvidenceKind { None, Scan, Note, Photo };

/** ITIL's release types. */
enum class ReleaseType { Major, Minor, Emergency };

/** The outcome recorded for one checklist step or test. */
enum class StepOutcome { Pass, Fail, NotApplicable };

/** Life of a piece of hardware in the inventory (ITIL's Definitive Hardware Store included). */
enum class AssetStatus { OnOrder, InStock, Installed, InUse, Spare, Retired, Disposed, Missing };

/**
 * What a room audit made of one asset or scan: found in its room, missing from it, registered
 * in another room (or at another site), or a tag or serial the inventory does not know.
 */
enum class AuditOutcome { Found, Missing, Elsewhere, Unknown };

/** Life of a release. */
enum class ReleaseStatus { Planned, InProgress, Installed, Accepted, Closed, BackedOut };

/** A single installation, or a planned rollout of N units. */
enum class ReleaseKind { Single, Rollout };

/** What asked for the release: a user's request (incident/request reference) or an RFC. */
enum class TriggerKind { None, Request, Rfc };

/** Life of one installation of a release on one asset. */
enum class InstallationStatus { InProgress, Accepted, BackedOut };

/** How the original media of a DSL item are held. */
enum class MediaKind { Disc, UsbDrive, Download, DiskImage, Other };

/** The kind of licence a DSL item is under. */
enum class LicenceType { PerSeat, Site, Subscription, Oem, Free, Other };

/**
 * Text names of enum values, as stored in the database and sent over the wire.
 * Each enum has a table; toString/parse go through it so they can never disagree.
 */
template <typename E>
struct EnumNames;

#define RD_ENUM_NAMES(E, FIELD, ...)                                                                         \
    template <>                                                                                              \
    struct EnumNames<E> {                                                                                    \
        static constexpr std::string_view field = FIELD;                                                     \
        static constexpr auto names = std::to_array<std::string_view>({__VA_ARGS__});                        \
    };

RD_ENUM_NAMES(Role, "role", "release-manager", "build-developer", "installer")
RD_ENUM_NAMES(BuildStatus, "build status", "draft", "submitted", "approved", "retired")
RD_ENUM_NAMES(EvidenceKind, "evidence", "none", "scan", "note", "photo")
RD_ENUM_NAMES(ReleaseType, "release type", "major", "minor", "emergency")
RD_ENUM_NAMES(StepPart, "step part", "installation", "stability", "acceptance")
RD_ENUM_NAMES(AuditOutcome, "audit outcome", "found", "missing", "elsewhere", "unknown")
RD_ENUM_NAMES(StepOutcome, "step result", "pass", "fail", "not-applicable")
RD_ENUM_NAMES(AssetStatus, "asset status", "on-order", "in-stock", "installed", "in-use", "spare", "retired",
              "disposed", "missing")
RD_ENUM_NAMES(ReleaseStatus, "release status", "planned", "in-progress", "installed", "accepted", "closed",
              "backed-out")
RD_ENUM_NAMES(ReleaseKind, "release kind", "single", "rollout")
RD_ENUM_NAMES(TriggerKind, "trigger", "none", "request", "rfc")
RD_ENUM_NAMES(InstallationStatus, "installation status", "in-progress", "accepted", "backed-out")
RD_ENUM_NAMES(MediaKind, "media kind", "disc", "usb-drive", "download", "disk-image", "other")
RD_ENUM_NAMES(LicenceType, "licence type", "per-seat", "site", "subscription", "oem", "free", "other")

#undef RD_ENUM_NAMES

template <typename E>
[[nodiscard]] constexpr std::string_view toString(E value)
{
    return EnumNames<E>::names.at(static_cast<std::size_t>(value));
}

/** The value named @p text, or nothing if no value has that name. */
template <typename E>
[[nodiscard]] constexpr std::optional<E> tryParse(std::string_view text)
{
    const auto &names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

/** The value named @p text; throws ValidationError listing the accepted names otherwise. */
template <typename E>
[[nodiscard]] E parse(std::string_view text);

/** "a, b or c": the accepted names of an enum, for error messages and CHECK constraints. */
std::string describeNames(const std::string_view *names, std::size_t count);
[[noreturn]] void throwUnknownEnum(std::string_view field, std::string_view text,
                                   const std::string_view *names, std::size_t count);

template <typename E>
E parse(std::string_view text)
{
    if (auto v = tryParse<E>(text))
        return *v;
    throwUnknownEnum(EnumNames<E>::field, text, EnumNames<E>::names.data(), EnumNames<E>::names.size());
}

} // namespace rd
