#pragma once

#include "buildscreenshots.h"

namespace rd::mobile {

/**
 * The monthly report's pages on the release manager's (morgan) tablet, with half a year of staff
 * desktops re-imaged room by room behind it, as syncs from the installers' tablets bring them:
 * last month's report (the month a release manager reports on at the start of the next), the
 * records behind two counts, the 12-month chart on a tablet in portrait, and the export's file
 * dialog. Pictures 40 to 44. False when the tablet cannot be made.
 */
bool renderReportScreenshots(const ScreenshotKit &kit);

} // namespace rd::mobile
