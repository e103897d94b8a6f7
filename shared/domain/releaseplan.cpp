#include "releaseplan.h"

#include "errors.h"
#include "fields.h"
#include "text.h"

namespace rd {

namespace {

/** @p text by @p rule, trimmed; a refusal is added to @p problems and the text kept as it was. */
std::string checkField(const TextRule &rule, const std::string &text, std::vector<PlanProblem> &problems)
{
    try {
        return checked(rule, text);
    } catch (const ValidationError &e) {
        // The error reads "field: message"; the problem keeps the two apart.
        std::string message = e.what();
        const std::string prefix = e.field() + ": ";
        if (message.rfind(prefix, 0) == 0)
            message.erase(0, prefix.size());
        problems.push_back({e.field(), std::move(message)});
        return text;
    }
}

} // namespace

std::vector<PlanProblem> releasePlanProblems(const Release &plan)
{
    std::vector<PlanProblem> problems;
    checkField(fields::releaseNumber, plan.number, problems);
    const std::string triggerRef = checkField(fields::triggerRef, plan.triggerRef, problems);
    checkField(fields::backOutPlan, plan.backOutPlan, problems);
    checkField(fields::userNotice, plan.userNotice, problems);
    const bool startIsDate = isIsoDate(plan.plannedDate);
    if (!startIsDate)
        problems.push_back({"planned date", "'" + printable(plan.plannedDate, 20) + "' is not a date (YYYY-MM-DD)"});
    if (!plan.plannedEnd.empty() && !isIsoDate(plan.plannedEnd))
        problems.push_back({"planned end", "'" + printable(plan.plannedEnd, 20) + "' is not a date (YYYY-MM-DD)"});
    else if (!plan.plannedEnd.empty() && startIsDate && plan.plannedEnd < plan.plannedDate)
        problems.push_back({"planned end", "is before the planned start"});
    if (plan.kind == ReleaseKind::Single && plan.units != 1)
        problems.push_back({"units", "a single installation has exactly 1 unit"});
    else if (plan.units < 1 || plan.units > 10000)
        problems.push_back({"units", "must be between 1 and 10000"});
    if (plan.trigger != TriggerKind::None && triggerRef.empty())
        problems.push_back({"trigger reference", "is required for a " + std::string(toString(plan.trigger))});
    return problems;
}

} // namespace rd
