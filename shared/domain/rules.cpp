#include "rules.h"

#include "errors.h"

namespace rd {

bool canChange(ReleaseStatus from, ReleaseStatus to) noexcept
{
    using S = ReleaseStatus;
    switch (from) {
    case S::Planned: // started, or dropped before any work
        return to == S::InProgress || to == S::Closed;
    case S::InProgress:
        return to == S::Installed || to == S::BackedOut;
    case S::Installed: // the user accepts it, or it is backed out after all
        return to == S::Accepted || to == S::BackedOut;
    case S::Accepted: // the post-implementation review closes it
        return to == S::Closed;
    case S::BackedOut: // planned again, or abandoned
        return to == S::Planned || to == S::Closed;
    case S::Closed:
        return false;
    }
    return false;
}

bool canChange(AssetStatus from, AssetStatus to) noexcept
{
    using S = AssetStatus;
    switch (from) {
    case S::OnOrder:
        return to == S::InStock || to == S::Disposed; // delivered, or the order cancelled
    case S::InStock:
        return to == S::Installed || to == S::Spare || to == S::Retired || to == S::Missing;
    case S::Installed:
        return to == S::InUse || to == S::InStock || to == S::Spare || to == S::Retired || to == S::Missing;
    case S::InUse:
        return to == S::Installed || to == S::InStock || to == S::Spare || to == S::Retired || to == S::Missing;
    case S::Spare:
        return to == S::Installed || to == S::InStock || to == S::Retired || to == S::Missing;
    case S::Missing: // not found at a room audit: found again, or written off
        return to == S::InStock || to == S::Installed || to == S::InUse || to == S::Spare || to == S::Retired;
    case S::Retired:
        return to == S::Disposed || to == S::InStock;
    case S::Disposed:
        return false;
    }
    return false;
}

bool canChange(BuildStatus from, BuildStatus to) noexcept
{
    using S = BuildStatus;
    switch (from) {
    case S::Draft: // submitted for approval, or abandoned
        return to == S::Submitted || to == S::Retired;
    case S::Submitted: // approved, or returned with a reason
        return to == S::Approved || to == S::Draft;
    case S::Approved:
        return to == S::Retired;
    case S::Retired:
        return false;
    }
    return false;
}

bool canChange(InstallationStatus from, InstallationStatus to) noexcept
{
    using S = InstallationStatus;
    return from == S::InProgress && (to == S::Accepted || to == S::BackedOut);
}

bool blocksSignOff(bool required, std::optional<StepOutcome> latest) noexcept
{
    return required && latest != StepOutcome::Pass;
}

bool countsAsDone(std::optional<StepOutcome> latest) noexcept
{
    return latest == StepOutcome::Pass || latest == StepOutcome::NotApplicable;
}

void throwBadTransition(const std::string &what, std::string_view from, std::string_view to,
                        const std::string &allowed)
{
    throw RuleError(what + " cannot go from " + std::string(from) + " to " + std::string(to) +
                    " (allowed: " + allowed + ")");
}

} // namespace rd
