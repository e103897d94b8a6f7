#pragma once

#include <QString>

namespace rd::mobile {

/**
 * `releasedesk --screenshots DIR`: renders every page of the app, offscreen, with the demo
 * school's data (the installer sam's tablet, and the release manager morgan's for the office's
 * pages; no server), to PNG files in @p dir, in portrait and landscape, light and dark. The user
 * guide's pictures come from here. Returns the exit code.
 */
int renderScreenshots(const QString &dir);

} // namespace rd::mobile
