#pragma once

#include "buildscreenshots.h"

namespace rd::mobile {

/**
 * The software library's, the licence log's and the history's pages, desktop layout (1280x800),
 * on the demo school's build developer's (devi), release manager's (morgan) and installer's (sam)
 * tablets, each made for the pictures as a sync would leave it: media out past their day back, a
 * licence near expiry and one with no seat left, an asset moved and given seats. Pictures 50 to 59.
 * False when a tablet cannot be made.
 */
bool renderLibraryScreenshots(const ScreenshotKit &kit);

} // namespace rd::mobile
