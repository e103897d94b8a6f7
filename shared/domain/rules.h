#pragma once

#include "enums.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

/**
 * The status changes FITS Release Management allows. Each returns whether @p from may become
 * @p to; a change to the same status is not a change and is not allowed.
 */
[[nodiscard]] bool canChange(ReleaseStatus from, ReleaseStatus to) noexcept;
[[nodiscard]] bool canChange(AssetStatus from, AssetStatus to) noexcept;
[[nodiscard]] bool canChange(BuildStatus from, BuildStatus to) noexcept;
[[nodiscard]] bool canChange(InstallationStatus from, InstallationStatus to) noexcept;

/** The statuses @p from may move to, for error messages and for the app's menus. */
template <typename E>
[[nodiscard]] std::vector<E> nextStatuses(E from)
{
    std::vector<E> out;
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
        const auto to = static_cast<E>(i);
        if (canChange(from, to))
            out.push_back(to);
    }
    return out;
}

/**
 * Whether a checklist line stops the user's acceptance sign-off: a required line whose latest
 * result is not a pass (failed, or none yet). An optional line never does: failed or left out, it
 * is recorded and shown, not required. The store's sign-off and the checklist page both ask this.
 */
[[nodiscard]] bool blocksSignOff(bool required, std::optional<StepOutcome> latest) noexcept;

/**
 * Whether a checklist line counts as done in "n of N done": its latest result passed or is not
 * applicable. A failed line is not done (it is retested or the installation backed out), nor is a
 * line with no result yet.
 */
[[nodiscard]] bool countsAsDone(std::optional<StepOutcome> latest) noexcept;

/** Throws RuleError with the allowed next statuses when @p from may not become @p to. */
template <typename E>
void requireChange(const std::string &what, E from, E to);

[[noreturn]] void throwBadTransition(const std::string &what, std::string_view from, std::string_view to,
                                     const std::string &allowed);

template <typename E>
void requireChange(const std::string &what, E from, E to)
{
    if (canChange(from, to))
        return;
    std::string allowed;
    for (const auto next : nextStatuses(from)) {
        if (!allowed.empty())
            allowed += ", ";
        allowed += toString(next);
    }
    throwBadTransition(what, toString(from), toString(to), allowed.empty() ? "none" : allowed);
}

} // namespace rd
