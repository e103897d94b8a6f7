#pragma once

#include <QString>

namespace rd::mobile {

class AppSession;

/**
 * Makes @p session's empty store the tablet of the demo school, with no server: the demo data
 * seeded locally and @p userName (sam, morgan ...) signed in offline, as after a first sync. For
 * `releasedesk --screenshots`, the Qt Quick tests and app_bench. False, saying @p why, when the
 * store is not empty or the user does not exist.
 */
bool prepareDemoTablet(AppSession &session, const QString &userName, QString *why = nullptr);

} // namespace rd::mobile
