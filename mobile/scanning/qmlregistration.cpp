#include "qmlregistration.h"

#include "scancontroller.h"

#include <QtQml/qqml.h>

namespace rd::mobile {

void registerScanningQmlTypes()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    qmlRegisterType<ScanController>("ReleaseDesk.Scanning", 1, 0, "ScanController");
}

} // namespace rd::mobile
