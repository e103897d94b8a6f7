// The Qt Quick tests' main: the app's QML module, imported as the app imports it. Each test file
// makes its own Fixture (import ReleaseDesk.Testing), gone with the file's TestCase.
#include "app/qmlmodule.h"

#include <QCoreApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(ReleaseDeskPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        rd::mobile::installTranslations(*QCoreApplication::instance()); // the plural forms, as in the app
    }
    void qmlEngineAvailable(QQmlEngine *engine) { rd::mobile::addAppImportPath(*engine); }
};

QUICK_TEST_MAIN_WITH_SETUP(releasedesk_pages, Setup)

#include "main.moc"
