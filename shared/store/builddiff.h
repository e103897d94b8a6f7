#pragma once

#include "domain/entities.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rd {

/** How one thing of a build procedure differs from one version to another. */
enum class DiffKind {
    Same,    ///< as it was
    Added,   ///< only in the newer version
    Removed, ///< only in the older version
    Changed, ///< in both, its words or settings differ (it may also have moved)
    Moved,   ///< in both and the same, at another place among the part's other lines
};

/**
 * What changed between two versions of a build procedure, line by line: the design details (the
 * hardware model, the notes and the DSL software items), each part's checklist lines, and the
 * back-out plan. Made by diffBuilds(); the app's compare page shows it as it is.
 */
struct BuildDiff {
    /** The one-text fields of a build procedure. */
    enum class TextField { HardwareModel, DesignNotes, BackOutPlan };

    struct Text {
        TextField field = TextField::HardwareModel;
        DiffKind kind = DiffKind::Same; ///< Same or Changed
        std::string before;
        std::string after;
    };

    /** A DSL item of the design details; Changed is the same product at another version. */
    struct Software {
        DiffKind kind = DiffKind::Same;
        std::optional<DslItem> before;
        std::optional<DslItem> after;
    };

    /** A checklist line of one part, matched across the versions by its words. */
    struct Line {
        StepPart part = StepPart::Installation;
        DiffKind kind = DiffKind::Same;
        std::optional<BuildStep> before; ///< none when Added
        std::optional<BuildStep> after;  ///< none when Removed
        bool moved = false;              ///< Moved, or Changed and moved as well
        // For Changed: what differs.
        bool titleChanged = false;
        bool detailChanged = false;
        bool requiredChanged = false;
        bool evidenceChanged = false;
    };

    std::vector<Text> texts;        ///< hardware model, design notes, back-out plan, in that order
    std::vector<Software> software; ///< by product, then version
    std::vector<Line> lines;        ///< by part; in the newer version's order, a removed line where it was

    /** How many lines, software items and texts are of @p kind. */
    [[nodiscard]] int lineCount(DiffKind kind) const;
    [[nodiscard]] int softwareCount(DiffKind kind) const;
    [[nodiscard]] int textCount(DiffKind kind) const;
    /** Whether the two versions are the same in everything compared. */
    [[nodiscard]] bool same() const;
};

/**
 * Compares @p before with @p after (two versions of one service's build procedure, usually).
 * Lines are matched by their words, not their ids, since a new version's lines are new records:
 * the longest run of lines in the same order is the backbone, a line found elsewhere has moved,
 * and a line between the same neighbours whose words are mostly the same was reworded (Changed).
 * @p dsl names the software items (a DSL item it lacks is shown by its id alone). Pure: no store.
 */
[[nodiscard]] BuildDiff diffBuilds(const BuildProcedure &before, const BuildProcedure &after,
                                   std::span<const DslItem> dsl);

} // namespace rd
