// The Qt Quick tests' main: the app's QML module and types, and a Fixture for each test file.
#include "fixture.h"

#include "app/qmlregistration.h"

#include <QQmlContext>
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
        rd::mobile::registerAppQmlTypes();
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        rd::mobile::addAppImportPath(*engine);
        // A fixture per test file, gone with its engine.
        engine->rootContext()->setContextProperty(QStringLiteral("fixture"), new Fixture(engine));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(releasedesk_pages, Setup)

#include "main.moc"
