#include "screenshots.h"

#include "appsession.h"
#include "buildscreenshots.h"
#include "importscreenshots.h"
#include "demotablet.h"
#include "libraryscreenshots.h"
#include "officepeople.h"
#include "qmlmodule.h"
#include "qtconvert.h"
#include "reportscreenshots.h"
#include "workbench.h"

#include "store/store.h"
#include "store/views.h"

#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
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

/**
 * The release manager's tablet with more to see than the demo school's: on the laptop rollout, the
 * failing unit backed out by Sam and installed again, and one unit accepted; the office PC's single
 * installation accepted, ready for its review. Written to the store as a sync from Sam's tablet
 * would bring them: nothing waits to be sent from the office's desk.
 */
void prepareOfficeDemo(AppSession &session)
{
    auto &store = session.store();
    const Id sam = store.userByName("sam")->id;
    const Millis now = AppSession::now();
    const auto laptops = *store.releaseByNumber("R-2026-047");
    const auto office = *store.releaseByNumber("R-2026-048");
    auto freeAsset = [&](const char *model) {
        auto q = store.database().query("SELECT id FROM assets WHERE model = ?1 AND status = 'in-stock' AND "
                                        "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1");
        q->bind(1, model);
        return q->step() ? q->id(0) : Id();
    };
    auto complete = [&](const Id &releaseId, const Id &assetId, Millis at) {
        const Id inst = store.startInstallation({{}, releaseId, assetId, InstallationStatus::InProgress, sam, at});
        for (const auto &line : store.checklist(inst))
            store.recordStepResult({{}, inst, line.step.id,
                                    line.step.required ? StepOutcome::Pass : StepOutcome::NotApplicable, "", "", sam,
                                    at + 60000});
        store.signOff({{}, inst, "Mr D. Osei (Geography)", "10,40 30,22 52,45 70,20;80,40 120,38", at + 120000, sam});
    };
    Store::Batch batch(store);
    for (const auto &u : session.views().releaseUnits(laptops.id)) {
        if (!u.failing)
            continue;
        store.recordBackOut({{}, u.installationId, "Print server certificate missing: re-imaged with build v1", sam,
                             now - 3 * 3600000});
        const Id again =
            store.startInstallation({{}, laptops.id, u.assetId, InstallationStatus::InProgress, sam, now - 3600000});
        const auto lines = store.checklist(again);
        for (std::size_t i = 0; i < lines.size() && i < 4; ++i)
            store.recordStepResult({{}, again, lines[i].step.id, StepOutcome::Pass, "", "", sam, now - 3000000});
    }
    complete(laptops.id, freeAsset("Latitude 3440"), now - 5 * 3600000);
    complete(office.id, freeAsset("ProDesk 400 G9"), now - 26 * 3600000);
    store.setReleaseStatus(office.id, ReleaseStatus::Installed);
    store.setReleaseStatus(office.id, ReleaseStatus::Accepted);
    batch.commit();
    session.notifyLocalChange();
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
    // The office at a desk: the release manager's releases and people, with the side navigation.
    {
        QTemporaryDir officeData;
        AppSession office(officeData.path());
        if (!prepareDemoTablet(office, QStringLiteral("morgan"), &why)) {
            std::cerr << "releasedesk: cannot prepare the office's demo: " << why.toStdString() << "\n";
            return 1;
        }
        prepareOfficeDemo(office);
        QQmlApplicationEngine engine;
        if (!openWindow(engine, office, 1280, 800))
            return 1;
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QObject *root = window;
        const QString laptopsId = qs(office.store().releaseByNumber("R-2026-047")->id);
        call(root, "showPlace", QStringLiteral("releases"));
        call(root, "openOfficeRelease", laptopsId);
        shoot(engine, QStringLiteral("20-releases"));
        if (auto *page = currentPage(window)) {
            // Down to the units: the one backed out and installed again, among the others.
            if (auto *list = page->findChild<QQuickItem *>(QStringLiteral("unitList")))
                QMetaObject::invokeMethod(list, "positionViewAtEnd");
        }
        shoot(engine, QStringLiteral("21-release-units"));
        call(root, "planRelease");
        if (auto *page = currentPage(window)) {
            // A 30-unit rollout as a release manager plans it: the fields as typed and ticked.
            if (auto *form = page->property("form").value<QObject *>()) {
                form->setProperty("serviceIndex", 0);
                form->setProperty("siteIndex", 1);
                form->setProperty("kind", QStringLiteral("rollout"));
                form->setProperty("units", 30);
                form->setProperty("trigger", QStringLiteral("rfc"));
                form->setProperty("triggerRef", QStringLiteral("RFC-0121"));
                form->setProperty("plannedEnd", QDate::currentDate().addDays(14).toString(Qt::ISODate));
                form->setProperty("userNotice", QStringLiteral("Year 9 laptops are swapped class by class; "
                                                               "save your work to OneDrive first."));
                const auto installers = form->property("installers").toList();
                for (const auto &p : installers)
                    QMetaObject::invokeMethod(form, "setInstallerChosen",
                                              Q_ARG(QString, p.toMap().value(QStringLiteral("id")).toString()),
                                              Q_ARG(bool, p.toMap().value(QStringLiteral("detail")).toString() ==
                                                              OfficePeople::roleWords(Role::Installer)));
            }
        }
        shoot(engine, QStringLiteral("22-plan-release"));
        if (auto *page = currentPage(window)) {
            // Further down the same plan: who installs it, when, and what asked for it.
            auto *flick = page->findChild<QQuickItem *>(QStringLiteral("planFlick"));
            // (The installers' boxes are made anew at each tick: the dates' field, made once, is the landmark.)
            auto *when = page->findChild<QQuickItem *>(QStringLiteral("startField"));
            auto *content = flick ? flick->property("contentItem").value<QQuickItem *>() : nullptr;
            if (flick && when && content)
                flick->setProperty("contentY", std::max(0.0, when->mapToItem(content, QPointF(0, 0)).y() - 330));
        }
        shoot(engine, QStringLiteral("23-plan-release-who"));
        call(root, "openOfficeRelease", qs(office.store().releaseByNumber("R-2026-048")->id));
        if (auto *page = currentPage(window)) {
            if (auto *dialog = page->property("closeDialog").value<QObject *>()) {
                QMetaObject::invokeMethod(dialog, "open");
                if (auto *note = dialog->property("note").value<QObject *>())
                    note->setProperty("text", QStringLiteral("Installed and accepted in a day. The finance "
                                                             "office asked for the SIMS shortcut on the desktop: "
                                                             "added to the build's next version."));
            }
        }
        shoot(engine, QStringLiteral("24-close-release"));
        if (auto *page = currentPage(window)) {
            if (auto *dialog = page->property("closeDialog").value<QObject *>())
                QMetaObject::invokeMethod(dialog, "close");
        }
        call(root, "showPlace", QStringLiteral("people"));
        call(root, "openPerson", qs(office.store().userByName("sam")->id));
        shoot(engine, QStringLiteral("25-people"));
        call(root, "addPerson");
        if (auto *page = currentPage(window)) {
            if (auto *form = page->property("form").value<QObject *>()) {
                form->setProperty("name", QStringLiteral("priya"));
                form->setProperty("displayName", QStringLiteral("Priya Shah"));
                const auto sites = form->property("sites").toList();
                if (!sites.isEmpty())
                    QMetaObject::invokeMethod(form, "setSiteChosen",
                                              Q_ARG(QString, sites.constFirst().toMap().value(QStringLiteral("id")).toString()),
                                              Q_ARG(bool, true));
            }
        }
        shoot(engine, QStringLiteral("26-add-person"));
        call(root, "showPlace", QStringLiteral("sites"));
        shoot(engine, QStringLiteral("27-sites"));
        {
            if (auto *dialog = root->findChild<QObject *>(QStringLiteral("addSiteDialog"))) {
                QMetaObject::invokeMethod(dialog, "open");
                for (const auto &[field, text] : {std::pair{"nameField", "Riverside Academy - Sixth Form"},
                                                  std::pair{"codeField", "RA6"},
                                                  std::pair{"patternField", "^RA6-[0-9]{5}$"}}) {
                    if (auto *item = dialog->property(field).value<QObject *>())
                        item->setProperty("text", QString::fromUtf8(text));
                }
                shoot(engine, QStringLiteral("28-add-site"));
                QMetaObject::invokeMethod(dialog, "close");
            }
        }
    }
    // The office: services and build procedures (buildscreenshots.cpp).
    if (!renderBuildScreenshots({openWindow, shoot}))
        ++failed;
    // The office: importing and exporting assets (importscreenshots.cpp).
    if (!renderImportScreenshots({openWindow, shoot}))
        ++failed;
    // The office: the software library, the licence log and the history (libraryscreenshots.cpp).
    if (!renderLibraryScreenshots({openWindow, shoot}))
        ++failed;
    // The office: the monthly report (reportscreenshots.cpp).
    if (!renderReportScreenshots({openWindow, shoot}))
        ++failed;
    session.clearResumePoint();
    std::cout << written << " screenshots written to " << dir.toStdString() << "\n";
    return failed == 0 && written > 0 ? 0 : 1;
}

} // namespace rd::mobile
