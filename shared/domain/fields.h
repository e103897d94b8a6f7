#pragma once

#include "text.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

/**
 * The rules of the records' text fields, each said once: the store checks every write with them,
 * and the sync protocol's record descriptions (sync/records.h) show them in docs/sync-protocol.md.
 */
namespace rd {

/** How one text field is checked wherever it comes in: by a person, a device or the network. */
struct TextRule {
    std::string_view label; ///< its name in messages ("asset tag")
    std::size_t maxChars;   ///< code points, after trimming
    bool required;          ///< empty (after trimming) is refused
    Lines lines = Lines::Single;
};

/** @p text checked by @p rule (see checkedText) and trimmed. */
[[nodiscard]] inline std::string checked(const TextRule &rule, std::string_view text)
{
    return checkedText(rule.label, text, rule.maxChars, rule.required, rule.lines);
}

/** An optional text: nothing stays nothing, and so does text that is empty once trimmed. */
[[nodiscard]] inline std::optional<std::string> checkedOptional(const TextRule &rule,
                                                              const std::optional<std::string> &text)
{
    if (!text)
        return std::nullopt;
    auto t = checked(rule, *text);
    if (t.empty())
        return std::nullopt;
    return t;
}

namespace fields {

// people and places
inline constexpr TextRule userName{"user name", 64, true};
inline constexpr TextRule displayName{"display name", 120, false};
inline constexpr TextRule siteName{"site name", 120, true};
inline constexpr TextRule siteCode{"site code", 16, true};
inline constexpr TextRule assetTagPattern{"asset tag pattern", 200, false};
inline constexpr TextRule roomName{"room name", 80, true};

// services, the Definitive Software Library and the licence log
inline constexpr TextRule serviceName{"service name", 120, true};
inline constexpr TextRule serviceDescription{"service description", 2000, false, Lines::Multi};
inline constexpr TextRule userBenefit{"what users get", 2000, false, Lines::Multi};
inline constexpr TextRule product{"product", 120, true};
inline constexpr TextRule version{"version", 40, true};
inline constexpr TextRule vendor{"vendor", 120, true};
inline constexpr TextRule mediaLocation{"media location", 200, false};
inline constexpr TextRule buildSha256{"build SHA-256", 64, false};
inline constexpr TextRule buildLocation{"where the build software is", 300, false};
inline constexpr TextRule supplier{"supplier", 120, false};
inline constexpr TextRule purchaseRef{"purchase reference", 64, false};
inline constexpr TextRule loanPurpose{"purpose", 200, false};
inline constexpr TextRule licenceName{"licence name", 120, true};
inline constexpr TextRule entitlement{"licence key or entitlement", 200, true};
inline constexpr TextRule seatOverrideReason{"override reason", 500, false, Lines::Multi};

// build procedures
inline constexpr TextRule hardwareModel{"hardware model", 120, false};
inline constexpr TextRule designNotes{"design details", 4000, false, Lines::Multi};
inline constexpr TextRule backOutPlan{"back-out plan", 4000, false, Lines::Multi};
inline constexpr TextRule stepTitle{"step title", 200, true};
inline constexpr TextRule stepDetail{"step detail", 4000, false, Lines::Multi};
inline constexpr TextRule returnReason{"reason for returning it", 2000, true, Lines::Multi};

// the inventory
inline constexpr TextRule assetTag{"asset tag", 64, false};
inline constexpr TextRule serial{"serial", 64, false};
inline constexpr TextRule make{"make", 80, true};
inline constexpr TextRule model{"model", 120, true};
inline constexpr TextRule category{"category", 60, true};
inline constexpr TextRule assignedUser{"user", 120, false};
inline constexpr TextRule assetNotes{"notes", 4000, false, Lines::Multi};

// releases and installations
inline constexpr TextRule releaseNumber{"release number", 32, true};
inline constexpr TextRule triggerRef{"trigger reference", 64, false};
inline constexpr TextRule userNotice{"what users are told", 4000, false, Lines::Multi};
inline constexpr TextRule reviewNote{"post-implementation review", 4000, true, Lines::Multi};
inline constexpr TextRule stepNote{"note", 2000, false, Lines::Multi};
inline constexpr TextRule evidence{"evidence", 500, false};
inline constexpr TextRule signerName{"user's name", 120, true};
/** Signature strokes "x,y x,y;x,y ...": bytes, not characters (checked by the store's own rule). */
inline constexpr std::size_t kMaxStrokesBytes = 256 * 1024;
inline constexpr TextRule backOutReason{"back-out reason", 2000, true, Lines::Multi};

// scans and conflicts
inline constexpr TextRule scannedValue{"scanned value", 64, true};
inline constexpr TextRule refusal{"refusal", 500, true};
inline constexpr TextRule overrideReason{"override reason", 500, true, Lines::Multi};
inline constexpr TextRule resolution{"resolution", 500, false};
/** The value a conflict is settled with: any field's, or a whole build draft (as JSON). */
inline constexpr TextRule resolutionValue{"value", 1000000, false, Lines::Multi};
inline constexpr TextRule search{"search", 64, false};
inline constexpr TextRule changedField{"field", 64, true};
inline constexpr TextRule changedValue{"value", 4000, false, Lines::Multi};

} // namespace fields

} // namespace rd
