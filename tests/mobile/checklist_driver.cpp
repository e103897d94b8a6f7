// A test's hands on the real app: opens the app's window (offscreen) over a data folder, as
// `releasedesk` does, and taps "Pass" on the checklist's current line with real mouse events,
// saying on stdout after each tap has returned (the line is committed by then). Used by
// kill_test, which stops this process with SIGKILL and starts it again.
//
//   checklist_driver --data DIR --open INSTALLATION --tap N [--then-wait]
//   checklist_driver --data DIR --report      (prints where the reopened app stands, as JSON)
#include "app/appsession.h"
#include "app/qmlmodule.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <iostream>

Q_IMPORT_QML_PLUGIN(ReleaseDeskPlugin)

namespace {

QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems()) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

QObject *currentPage(QQuickWindow *window)
{
    auto *stack = findItem(window->contentItem(), QStringLiteral("stack"));
    return stack ? stack->property("currentItem").value<QObject *>() : nullptr;
}

/** Lets the window settle: pending events, StackView transitions, bindings. Bounded. */
void settle(QQuickWindow *window)
{
    QElapsedTimer timer;
    timer.start();
    auto *stack = findItem(window->contentItem(), QStringLiteral("stack"));
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    } while (stack && stack->property("busy").toBool() && timer.elapsed() < 5000);
    QCoreApplication::processEvents();
}

/** The Pass button of the checklist's current line, brought into view. */
QQuickItem *currentPassButton(QQuickWindow *window)
{
    QObject *page = currentPage(window);
    if (!page || page->objectName() != QLatin1String("checklistPage"))
        return nullptr;
    QMetaObject::invokeMethod(page, "showCurrent");
    settle(window);
    auto *list = page->property("list").value<QQuickItem *>();
    auto *model = page->property("checklist").value<QObject *>();
    if (!list || !model)
        return nullptr;
    const int current = model->property("currentIndex").toInt();
    QQuickItem *line = nullptr;
    QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, line), Q_ARG(int, current));
    return findItem(line, QStringLiteral("passButton"));
}

} // namespace

int main(int argc, char **argv)
{
    QQuickStyle::setStyle(QStringLiteral("Material"));
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("data folder"), QStringLiteral("DIR"));
    const QCommandLineOption open(QStringLiteral("open"), QStringLiteral("installation"), QStringLiteral("ID"));
    const QCommandLineOption tap(QStringLiteral("tap"), QStringLiteral("taps"), QStringLiteral("N"));
    const QCommandLineOption wait(QStringLiteral("then-wait"), QStringLiteral("wait to be killed"));
    const QCommandLineOption report(QStringLiteral("report"), QStringLiteral("say where the app stands"));
    parser.addOptions({data, open, tap, wait, report});
    parser.process(app);

    rd::mobile::AppSession session(parser.value(data));
    if (!session.ready()) {
        std::cerr << session.openError().toStdString() << std::endl;
        return 1;
    }
    QQmlApplicationEngine engine;
    rd::mobile::addAppImportPath(engine);
    engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(&session)},
                                 {QStringLiteral("width"), 800},
                                 {QStringLiteral("height"), 1280}});
    engine.load(QUrl(QStringLiteral("qrc:/ReleaseDesk/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    settle(window);

    if (parser.isSet(report)) {
        QObject *page = currentPage(window);
        auto *model = page ? page->property("checklist").value<QObject *>() : nullptr;
        const QJsonObject state{
            {QStringLiteral("page"), page ? page->objectName() : QString()},
            {QStringLiteral("installationId"), page ? page->property("installationId").toString() : QString()},
            {QStringLiteral("currentIndex"), model ? model->property("currentIndex").toInt() : -1},
            {QStringLiteral("recorded"), model ? model->property("recordedCount").toInt() : -1}};
        std::cout << QJsonDocument(state).toJson(QJsonDocument::Compact).toStdString() << std::endl;
        return 0;
    }

    if (parser.isSet(open)) {
        QVariant ignored;
        const QString releaseId = [&] {
            QString id;
            QObject *bench = window->property("workbench").value<QObject *>();
            QMetaObject::invokeMethod(bench, "releaseOfInstallation", Q_RETURN_ARG(QString, id),
                                      Q_ARG(QString, parser.value(open)));
            return id;
        }();
        QMetaObject::invokeMethod(window, "openRelease", Q_RETURN_ARG(QVariant, ignored), Q_ARG(QVariant, releaseId));
        QMetaObject::invokeMethod(window, "openInstallation", Q_RETURN_ARG(QVariant, ignored),
                                  Q_ARG(QVariant, parser.value(open)));
        settle(window);
    }
    const int taps = parser.value(tap).toInt();
    for (int i = 1; i <= taps; ++i) {
        QQuickItem *button = currentPassButton(window);
        if (!button) {
            std::cerr << "no current line to tap" << std::endl;
            return 1;
        }
        const QPointF centre = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
        std::cout << "tapped " << i << std::endl;
    }
    if (parser.isSet(wait)) {
        std::cout << "waiting" << std::endl;
        return app.exec(); // until killed
    }
    return 0;
}
