#include "qmlregistration.h"

#include "appsession.h"
#include "workbench.h"

#include "models/checklistmodel.h"
#include "models/conflictsmodel.h"
#include "models/inventorymodel.h"
#include "models/releasesmodel.h"
#include "models/unitsmodel.h"
#include "scanning/qmlregistration.h"

#include <QQmlEngine>
#include <QtQml/qqml.h>

namespace rd::mobile {

void registerAppQmlTypes()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    constexpr const char *uri = "ReleaseDesk.Models";
    qmlRegisterUncreatableType<AppSession>(uri, 1, 0, "AppSession",
                                           QStringLiteral("The app makes the one session."));
    qmlRegisterUncreatableType<SyncClient>(uri, 1, 0, "SyncClient",
                                           QStringLiteral("The session owns the sync client."));
    qmlRegisterType<Workbench>(uri, 1, 0, "Workbench");
    qmlRegisterType<ReleasesModel>(uri, 1, 0, "ReleasesModel");
    qmlRegisterType<UnitsModel>(uri, 1, 0, "UnitsModel");
    qmlRegisterType<SoftwareModel>(uri, 1, 0, "SoftwareModel");
    qmlRegisterType<ChecklistModel>(uri, 1, 0, "ChecklistModel");
    qmlRegisterType<InventoryModel>(uri, 1, 0, "InventoryModel");
    qmlRegisterType<HistoryModel>(uri, 1, 0, "HistoryModel");
    qmlRegisterType<ConflictsModel>(uri, 1, 0, "ConflictsModel");
    registerScanningQmlTypes(); // ReleaseDesk.Scanning, for the scan page
}

void addAppImportPath(QQmlEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
}

} // namespace rd::mobile
