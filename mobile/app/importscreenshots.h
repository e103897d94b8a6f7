#pragma once

#include "buildscreenshots.h"

namespace rd::mobile {

/**
 * The release manager's Import and export place and the Import page, desktop layout (1280x800), on
 * the demo school's release manager's tablet (morgan): the place, a Snipe-IT export of 240 assets
 * checked with its refused rows shown, and the counts after the import. Pictures 45 to 47. False
 * when the tablet cannot be made.
 */
bool renderImportScreenshots(const ScreenshotKit &kit);

} // namespace rd::mobile
