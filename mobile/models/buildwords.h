#pragma once
// The words the office's services and build procedures lists use for where a record stands, said
// once for every model and form that shows them.

#include "store/buildviews.h"

#include <QString>

namespace rd::mobile {

/** "documented (v2 approved)", "still to document" or "retired". */
[[nodiscard]] QString serviceStateWords(const BuildViews::ServiceRow &row);
/** What is under way beyond the approved version: "v3 is being written", "v3 waits for approval"; or nothing. */
[[nodiscard]] QString serviceWorkWords(const BuildViews::ServiceRow &row);
/** "Draft", "Submitted", "Approved", "Retired". */
[[nodiscard]] QString buildStatusWords(BuildStatus status);
/** "Installation steps", "Stability tests", "Acceptance tests". */
[[nodiscard]] QString partWords(StepPart part);
/** What a line asks for beside its result: "nothing", "a scanned value", "a note", "a photo". */
[[nodiscard]] QString evidenceWords(EvidenceKind evidence);
/** Who did the step that put a version where it stands: who approved it, submitted it, returned it... */
[[nodiscard]] QString versionWho(const BuildViews::VersionRow &row);
/** ... and when (Unix ms). */
[[nodiscard]] Millis versionWhen(const BuildViews::VersionRow &row);
/** "approved by", "submitted by", "returned by", "written by", "retired": how versionWho reads. */
[[nodiscard]] QString versionWhat(const BuildViews::VersionRow &row);

} // namespace rd::mobile
