#pragma once

#include "scancontroller.h"

#include <QtQml/qqml.h> // QML_FOREIGN needs more than qqmlregistration.h in Qt 6.4

class QCoreApplication;
class QQmlEngine;

namespace rd::mobile {

/**
 * What the QML module ReleaseDesk takes from libraries that are not its backing target: the scan
 * page's ScanController lives in releasedesk_scanning, which the app's build must never break, so
 * it cannot declare itself into this module; ReleaseDesk declares it here, with its Mode and
 * Field enums. Every type of releasedesk_mobile says QML_ELEMENT in its own header instead.
 */
struct ScanControllerForeign {
    Q_GADGET
    QML_FOREIGN(rd::mobile::ScanController)
    QML_NAMED_ELEMENT(ScanController)
};

/**
 * Lets @p engine find the app's QML module (ReleaseDesk, compiled into the binary's resources at
 * qrc:/ReleaseDesk): Qt 6.4 does not look in qrc:/ by itself. Every engine that loads the app's
 * QML calls it: the app, its screenshots, the Qt Quick tests, checklist_driver and app_bench, each
 * linking releasedesk_mobileplugin and saying Q_IMPORT_QML_PLUGIN(ReleaseDeskPlugin).
 */
void addAppImportPath(QQmlEngine &engine);

/**
 * Installs the app's translations on @p app: the one for the system's language when there is one,
 * English otherwise, so that every "%n" string says "1 change" and "13 changes" (qrc:/i18n, made
 * from the .ts files in i18n). The app and the Qt Quick tests call it before any QML is loaded.
 */
void installTranslations(QCoreApplication &app);

} // namespace rd::mobile
