#include "qmlmodule.h"

#include <QQmlEngine>

namespace rd::mobile {

void addAppImportPath(QQmlEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
}

} // namespace rd::mobile
