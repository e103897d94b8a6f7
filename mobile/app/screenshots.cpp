#include "screenshots.h"

#include "appsession.h"
#include "buildscreenshots.h"
#include "demotablet.h"
#include "qmlmodule.h"
#include "qtconvert.h"
#include "workbench.h"

#include "store/store.h"
#include "store/views.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <functional>
#include <iostream>

namespace rd::mobile {

namespace {

/** Lets the scene settle: events handled, StackView transitions and images done. */
void settle(QQuickWindow *window, int ms = 400)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    auto *stack = window->findChild<QQuickItem *>(QStringLiteral("stack"));
    while (stack && stack->property("busy").toBool() && timer.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

QVariant call(QObject *root, const char *method, const QVariant &a = {}, const QVariant &b = {})
{
    QVariant result;
    if (b.isValid())
        QMetaObject::invokeMethod(root, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, a), Q_ARG(QVariant, b));
    else if (a.isValid())
        QMetaObject::invokeMethod(root, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, a));
    else
        QMetaObject::invokeMethod(root, method, Q_RETURN_ARG(QVariant, result));
    return result;
}

QObject *currentPage(QQuickWindow *window)
{
    auto *stack = window->findChild<QQuickItem *>(QStringLiteral("stack"));
    return stack ? stack->property("currentItem").value<QObject *>() : nullptr;
}

} // namespace

int renderScreenshots(const QString &dir)
{
    if (!QDir().mkpath(dir)) {
        std::cerr << "releasedesk: cannot create " << dir.toStdString() << "\n";
        return 1;
    }
    QTemporaryDir data;
    QTemporaryDir firstRun;
    AppSession session(data.path());
    QString why;
    if (!prepareDemoTablet(session, QStringLiteral("sam"), &why)) {
        std::cerr << "releasedesk: cannot prepare the demo tablet: " << why.toStdString() << "\n";
        return 1;
    }
    auto &store = session.store();
    auto &views = session.views();
    const auto laptops = store.releaseByNumber("R-2026-047");
    const auto boards = store.releaseByNumber("R-2026-049");
    if (!laptops || !boards) {
        std::cerr << "releasedesk: the demo school lacks its releases\n";
        return 1;
    }
    // A conflict as a sync would leave it: the office moved an asset the tablet moved too.
    {
        const auto units = views.releaseUnits(laptops->id);
        const auto rooms = store.rooms(laptops->siteId);
        if (!units.empty() && rooms.size() >= 2) {
            ConflictRecord c;
            c.table = "assets";
            c.recordId = units.front().assetId;
            c.field = "room_id";
            c.keptValue = rooms[0].id.toString();
            c.lostValue = rooms[1].id.toString();
            c.lostDevice = store.deviceId();
            c.lostBy = session.userId();
            c.createdAt = AppSession::now();
            store.recordConflict(c);
        }
    }
    session.notifyLocalChange();
    const auto units = views.releaseUnits(laptops->id);
    QString failingUnit, unitAsset;
    for (const auto &u : units) {
        if (u.failing)
            failingUnit = qs(u.installationId);
        unitAsset = qs(u.assetId);
    }
    QString openUnit = units.empty() ? QString() : qs(units.front().installationId);
    {
        // A unit whose checklist is done, waiting for the user's sign-off.
        Workbench bench;
        bench.setSession(&session);
        auto q = store.database().query(
            "SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' AND "
            "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1");
        if (q->step()) {
            const auto started =
                bench.startInstallation(qs(laptops->id), qs(q->id(0)), {}, {}, {}, {}, {});
            const QString id = started.value(QStringLiteral("id")).toString();
            for (const auto &line : store.checklist(Id::parse(id.toStdString())))
                bench.recordStep(id, qs(line.step.id),
                                 line.step.required ? QStringLiteral("pass") : QStringLiteral("not-applicable"), {},
                                 {});
            if (!id.isEmpty())
                openUnit = id;
        }
    }

    int written = 0;
    int failed = 0;
    auto shoot = [&](QQmlApplicationEngine &engine, const QString &name) {
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        settle(window);
        const QImage image = window->grabWindow();
        const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (image.isNull() || !image.save(path)) {
            std::cerr << "releasedesk: could not render " << path.toStdString() << "\n";
            ++failed;
            return;
        }
        std::cout << path.toStdString() << "\n";
        ++written;
    };
    auto openWindow = [&](QQmlApplicationEngine &engine, AppSession &s, int width, int height) {
        addAppImportPath(engine);
        engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(&s)},
                                     {QStringLiteral("width"), width},
                                     {QStringLiteral("height"), height}});
        engine.load(QUrl(QStringLiteral("qrc:/ReleaseDesk/Main.qml")));
        return !engine.rootObjects().isEmpty();
    };

    // First run: nobody signed in yet.
    {
        AppSession fresh(firstRun.path());
        QQmlApplicationEngine engine;
        if (!openWindow(engine, fresh, 800, 1280))
            return 1;
        shoot(engine, QStringLiteral("01-sign-in"));
    }
    // A tablet in portrait: one page at a time.
    {
        QQmlApplicationEngine engine;
        if (!openWindow(engine, session, 800, 1280))
            return 1;
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QObject *root = window;
        shoot(engine, QStringLiteral("02-today"));
        call(root, "openRelease", qs(laptops->id));
        shoot(engine, QStringLiteral("03-release"));
        call(root, "startInstallation", qs(laptops->id));
        if (auto *page = currentPage(window)) {
            // A serial already in the inventory: the warning shows at once.
            const auto tagged = store.findAssetByTag("RAU-00001");
            if (auto *serial = page->property("serialField").value<QObject *>(); serial && tagged && tagged->serial)
                serial->setProperty("text", qs(*tagged->serial));
        }
        shoot(engine, QStringLiteral("04-start-installation"));
        // The scan page, as the camera button opens it: the tag read, then a product code refused.
        if (auto *page = currentPage(window)) {
            if (auto *serial = page->property("serialField").value<QObject *>())
                serial->setProperty("text", QString());
            QMetaObject::invokeMethod(page, "openScanner");
            settle(window);
            if (auto *scan = currentPage(window)) {
                scan->setProperty("cameraWanted", false);
                if (auto *controller = scan->property("controller").value<QObject *>()) {
                    bool ok = false;
                    QMetaObject::invokeMethod(controller, "submit", Q_RETURN_ARG(bool, ok),
                                              Q_ARG(QString, QStringLiteral("RAU-00451")),
                                              Q_ARG(QString, QStringLiteral("scanner")));
                    QMetaObject::invokeMethod(controller, "submit", Q_RETURN_ARG(bool, ok),
                                              Q_ARG(QString, QStringLiteral("4006381333931")),
                                              Q_ARG(QString, QStringLiteral("scanner")));
                }
            }
            shoot(engine, QStringLiteral("05-scan"));
            call(root, "back");
        }
        call(root, "openInstallation", failingUnit.isEmpty() ? openUnit : failingUnit);
        shoot(engine, QStringLiteral("06-checklist"));
        if (auto *page = currentPage(window)) {
            if (auto *dialog = page->property("backOutDialog").value<QObject *>()) {
                dialog->setProperty("failedStep", QStringLiteral("Network printing and file shares work"));
                QMetaObject::invokeMethod(dialog, "open");
            }
        }
        shoot(engine, QStringLiteral("07-back-out"));
        if (auto *page = currentPage(window)) {
            if (auto *dialog = page->property("backOutDialog").value<QObject *>())
                QMetaObject::invokeMethod(dialog, "close");
        }
        call(root, "openSignOff", openUnit);
        if (auto *page = currentPage(window)) {
            if (auto *name = page->property("nameField").value<QObject *>())
                name->setProperty("text", QStringLiteral("Ms A. Okafor"));
            if (auto *pad = page->property("pad").value<QObject *>()) {
                QVariantList stroke;
                for (int i = 0; i <= 40; ++i) {
                    const double x = 40 + i * 12;
                    stroke.push_back(QVariantMap{{QStringLiteral("x"), x},
                                                 {QStringLiteral("y"), 120 + 50 * std::sin(i / 4.0)}});
                }
                QMetaObject::invokeMethod(pad, "addStroke", Q_ARG(QVariant, QVariant(stroke)));
            }
        }
        shoot(engine, QStringLiteral("08-sign-off"));
        call(root, "showPlace", 1);
        if (auto *page = currentPage(window)) {
            if (auto *search = page->property("search").value<QObject *>())
                search->setProperty("text", QStringLiteral("RAU-0001"));
        }
        shoot(engine, QStringLiteral("09-inventory"));
        call(root, "openAsset", unitAsset);
        shoot(engine, QStringLiteral("10-asset-history"));
        call(root, "showPlace", 2);
        shoot(engine, QStringLiteral("11-sync"));
        call(root, "showPlace", 0);
    }
    // Landscape, and on a desktop: two panes.
    {
        QQmlApplicationEngine engine;
        if (!openWindow(engine, session, 1280, 800))
            return 1;
        QObject *root = engine.rootObjects().constFirst();
        call(root, "openRelease", qs(boards->id));
        shoot(engine, QStringLiteral("12-two-panes"));
        session.setDarkMode(true);
        call(root, "openRelease", qs(laptops->id));
        call(root, "openInstallation", failingUnit.isEmpty() ? openUnit : failingUnit);
        shoot(engine, QStringLiteral("13-dark-checklist"));
        session.setDarkMode(false);
    }
    // The office: services and build procedures (buildscreenshots.cpp).
    if (!renderBuildScreenshots({openWindow, shoot}))
        ++failed;
    session.clearResumePoint();
    std::cout << written << " screenshots written to " << dir.toStdString() << "\n";
    return failed == 0 && written > 0 ? 0 : 1;
}

} // namespace rd::mobile
