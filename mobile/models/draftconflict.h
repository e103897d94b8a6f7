#pragma once

#include "sync/protocol.h"

#include <QString>

namespace rd {
class Store;
}

namespace rd::mobile {

/**
 * A build draft two people saved, as the sync page shows it: the conflict's record is a draft, the
 * value kept is the colleague's save on the server, and the value lost is the whole draft of the
 * person who saved second (as JSON, to keep with resolveConflict).
 */
struct DraftConflict {
    QString record;    ///< "Build procedure MIS client v1"
    QString field;     ///< what two people changed: "the draft"
    QString keptTitle; ///< "Kept: Devi Raman's save"
    QString keptLabel; ///< "revision 5: 14 lines, saved 3 Jan 2026 14:02"
    QString keptValue; ///< resolving with it keeps the colleague's draft
    QString lostTitle; ///< "Yours, not kept"
    QString lostLabel; ///< "12 lines, saved 3 Jan 2026 13:58"
    QString lostValue; ///< the lost draft whole, to put back over the colleague's
    QString keepText;  ///< "Keep theirs"
    QString takeText;  ///< "Keep mine"
};

/** Whether @p conflict is two saves of one build draft. */
[[nodiscard]] bool isDraftConflict(const sync::Conflict &conflict);
/** @p conflict (a draft's) in words, from what @p store holds now. */
[[nodiscard]] DraftConflict describeDraftConflict(Store &store, const sync::Conflict &conflict);

} // namespace rd::mobile
