#pragma once

class QQmlEngine;

namespace rd::mobile {

/**
 * Makes the app's C++ side known to QML under `import ReleaseDesk.Models`: the session and sync
 * client (made in C++, given to QML), the Workbench and every list model; and the scan page's ScanController under
 * `import ReleaseDesk.Scanning`. Called once by the app's
 * main() and by the Qt Quick tests before their engine loads anything.
 */
void registerAppQmlTypes();

/**
 * Lets @p engine find the app's own QML module (ReleaseDesk, compiled into the binary's resources
 * at qrc:/ReleaseDesk): Qt 6.4 does not look in qrc:/ by itself.
 */
void addAppImportPath(QQmlEngine &engine);

} // namespace rd::mobile
