// releasedesk: the tablet and desktop app. With no option it opens the Qt Quick window over the
// local store; --sync runs one sync with no window; --screenshots renders every page to PNG files;
// `releasedesk decode IMAGE...` prints what the scanner reads in picture files, with no window.
// main() only wires things together; the logic lives in releasedesk_mobile and the pages in qml/.
#include "app/appsession.h"
#include "app/qmlmodule.h"
#include "app/screenshots.h"
#include "decodecommand.h"
#include "sync/headlesssync.h"
#include "sync/syncclient.h"

#include "store/store.h"
#include "store/walcheckpointer.h"
#include "sync/replica.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <cstring>
#include <iostream>
#include <memory>
#include <string>

Q_IMPORT_QML_PLUGIN(ReleaseDeskPlugin)

namespace {

/** Whether argv asks for something with no window (decided before the application object exists). */
bool headlessRequested(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--sync") == 0 || std::strcmp(argv[i], "--help") == 0 ||
            std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--version") == 0 ||
            std::strcmp(argv[i], "-v") == 0)
            return true;
    }
    return false;
}

int runHeadlessSync(QCoreApplication &app, const QString &dir, const QString &server, const QString &user,
                    bool passwordFromStdin)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    rd::mobile::HeadlessSync::Options options;
    options.serverUrl = server;
    options.userName = user;
    if (!user.isEmpty() || passwordFromStdin) {
        std::string line;
        std::getline(std::cin, line);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        options.password = QString::fromStdString(line);
    }

    std::unique_ptr<rd::Store> store;
    std::unique_ptr<rd::sql::WalCheckpointer> checkpoints;
    std::unique_ptr<rd::sync::Replica> replica;
    try {
        if (!QDir().mkpath(dir))
            throw rd::StoreError("cannot create the directory " + dir.toStdString(), 0);
        store =
            std::make_unique<rd::Store>(QDir(dir).filePath(QStringLiteral("releasedesk.db")).toStdString());
        checkpoints = std::make_unique<rd::sql::WalCheckpointer>(store->database()); // no write waits for one
        replica = std::make_unique<rd::sync::Replica>(*store);
    } catch (const std::exception &e) {
        err << "releasedesk: cannot open the local database in " << dir << ": " << e.what() << "\n";
        return rd::mobile::HeadlessSync::Failed;
    }

    QNetworkAccessManager network;
    rd::mobile::SyncClient client(*store, *replica, network);
    rd::mobile::HeadlessSync headless(client, out, err);
    QObject::connect(
        &headless, &rd::mobile::HeadlessSync::done, &app, [](int code) { QCoreApplication::exit(code); },
        Qt::QueuedConnection);
    QTimer::singleShot(0, &headless, [&] { headless.start(options); });
    return app.exec();
}

int runWindow(QGuiApplication &app, const QString &dir, bool quitAfterFirstFrame)
{
    rd::mobile::AppSession session(dir);
    QQmlApplicationEngine engine;
    rd::mobile::addAppImportPath(engine);
    if (!session.ready()) {
        // Words on the screen, not a blank window.
        std::cerr << "releasedesk: " << session.openError().toStdString() << "\n";
        engine.setInitialProperties({{QStringLiteral("message"), session.openError()}});
        engine.loadData(R"(import QtQuick
import QtQuick.Controls
ApplicationWindow {
    required property string message
    width: 800; height: 600; visible: true; title: "Release Desk"
    Label { anchors.fill: parent; anchors.margins: 32; wrapMode: Text.Wrap; font.pixelSize: 20; text: message }
})");
        return app.exec();
    }
    engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(&session)}});
    engine.load(QUrl(QStringLiteral("qrc:/ReleaseDesk/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    if (quitAfterFirstFrame) {
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QObject::connect(
            window, &QQuickWindow::frameSwapped, &app,
            [] {
                // The peak resident size so far, for app_bench.
                QFile status(QStringLiteral("/proc/self/status"));
                QByteArray peak = "0";
                if (status.open(QIODevice::ReadOnly)) {
                    for (const QByteArray &line : status.readAll().split('\n')) {
                        if (line.startsWith("VmHWM:"))
                            peak = line.mid(6).trimmed().split(' ').constFirst();
                    }
                }
                std::cout << "first-frame rss_kb=" << peak.toStdString() << std::endl;
                QCoreApplication::quit();
            },
            Qt::QueuedConnection);
    }
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "decode") == 0) {
        // A subcommand with its own options and --help; no window, no display, no database.
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return rd::mobile::DecodeCommand::run(app.arguments().mid(2), out, err);
    }
    const bool headless = headlessRequested(argc, argv);
    std::unique_ptr<QCoreApplication> app;
    if (headless) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("ReleaseDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("releasedesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RD_APP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Release Desk: FITS Release Management for the installer's tablet.\n"
                       "releasedesk decode IMAGE... prints what the scanner reads in pictures (see decode --help)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("The directory of the local database (default: the "
                                                       "app's data folder)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption syncOption(
        QStringLiteral("sync"), QStringLiteral("Sync once with the server, with no window, and exit."));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QStringLiteral("With --sync: the sync server's address (default: the one of the last sign-in)."),
        QStringLiteral("URL"));
    const QCommandLineOption userOption(
        QStringLiteral("user"),
        QStringLiteral("With --sync: sign in as NAME first; the password is the first line of standard input."),
        QStringLiteral("NAME"));
    const QCommandLineOption passwordOption(
        QStringLiteral("password-stdin"),
        QStringLiteral("With --sync: read the password from standard input (implied by --user)."));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QStringLiteral("Render every page with the demo school's data to PNG files in DIR, and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption firstFrameOption(
        QStringLiteral("quit-after-first-frame"),
        QStringLiteral("Print \"first-frame\" when the window has shown its first frame, and exit (app_bench)."));
    parser.addOptions({dataOption, syncOption, serverOption, userOption, passwordOption, screenshotsOption,
                       firstFrameOption});
    parser.process(*app);

    QString dir = parser.value(dataOption);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    if (parser.isSet(syncOption)) {
        if (parser.value(dataOption).isEmpty()) {
            std::cerr << "releasedesk: --sync needs --data DIR\n";
            return rd::mobile::HeadlessSync::Usage;
        }
        return runHeadlessSync(*app, dir, parser.value(serverOption), parser.value(userOption),
                               parser.isSet(passwordOption));
    }
    auto &gui = static_cast<QGuiApplication &>(*app);
    rd::mobile::installTranslations(gui); // the plural forms: "1 change waiting", "13 changes waiting"
    if (parser.isSet(screenshotsOption))
        return rd::mobile::renderScreenshots(parser.value(screenshotsOption));
    return runWindow(gui, dir, parser.isSet(firstFrameOption));
}
