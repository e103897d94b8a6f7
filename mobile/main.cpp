// releasedesk: the tablet and desktop app. For now only its headless sync; the touch UI arrives
// with the app issue. main() wires the store, the replica and the sync client together; the
// logic lives in releasedesk_mobile.
#include "sync/headlesssync.h"
#include "sync/syncclient.h"

#include "store/store.h"
#include "store/walcheckpointer.h"
#include "sync/replica.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <iostream>
#include <memory>
#include <string>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("releasedesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RD_APP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Release Desk: FITS Release Management for the installer's tablet."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption syncOption(
        QStringLiteral("sync"), QStringLiteral("Sync once with the server, with no window, and exit."));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("The directory of the local database."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QStringLiteral("The sync server's address (default: the one of the last sign-in)."),
        QStringLiteral("URL"));
    const QCommandLineOption userOption(
        QStringLiteral("user"),
        QStringLiteral("Sign in as NAME first; the password is the first line of standard input."),
        QStringLiteral("NAME"));
    const QCommandLineOption passwordOption(
        QStringLiteral("password-stdin"),
        QStringLiteral("Read the password from standard input (implied by --user)."));
    parser.addOptions({syncOption, dataOption, serverOption, userOption, passwordOption});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.isSet(syncOption)) {
        err << "releasedesk: the touch UI arrives with the app issue; for now run\n"
               "  releasedesk --sync --data DIR --server URL [--user NAME] [--password-stdin]\n";
        return rd::mobile::HeadlessSync::Usage;
    }
    if (parser.value(dataOption).isEmpty()) {
        err << "releasedesk: --data DIR is required\n";
        return rd::mobile::HeadlessSync::Usage;
    }

    rd::mobile::HeadlessSync::Options options;
    options.serverUrl = parser.value(serverOption);
    options.userName = parser.value(userOption);
    if (!options.userName.isEmpty() || parser.isSet(passwordOption)) {
        std::string line;
        std::getline(std::cin, line);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        options.password = QString::fromStdString(line);
    }

    const QString dir = parser.value(dataOption);
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
