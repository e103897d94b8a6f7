#pragma once

#include "entities.h"

#include <string>
#include <vector>

namespace rd {

/** One thing wrong with a release's plan: the field it is about, as ValidationError names it, and why. */
struct PlanProblem {
    std::string field;   ///< "release number", "units", "planned date", "planned end", "trigger reference" ...
    std::string message; ///< "must be between 1 and 10000"
};

/**
 * Everything wrong with a release's plan on its own, before any record is read: its text fields
 * by their rules, its dates, its units for its kind, and the reference its trigger needs, in that
 * order. The store refuses a plan with any (the first, as a ValidationError); the planning form
 * shows each under its field as it is typed.
 */
[[nodiscard]] std::vector<PlanProblem> releasePlanProblems(const Release &plan);

} // namespace rd
