#pragma once

namespace rd::mobile {

/**
 * Registers the scanning types for QML: ScanController in the module "ReleaseDesk.Scanning" 1.0
 * (with its Mode and Field enums). Call once, before loading QML that imports it: from the app's
 * main and from the QML tests' setup.
 */
void registerScanningQmlTypes();

} // namespace rd::mobile
