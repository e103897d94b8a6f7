// app_bench: the tablet app with a large local store (100,000 assets and 2,000 releases on top of
// the demo school). Measures, with the app's own code:
//   first_frame_ms   `releasedesk --quit-after-first-frame` from process start to its first frame
//                    (offscreen), median of 7 runs;
//   serial_search_ms the inventory search the page runs as a serial is typed or scanned
//                    (InventoryModel::setQuery, first page ready), median of 400;
//   step_commit_ms   one checklist tap (ChecklistModel::record: the result and its outbox entry
//                    committed, the row updated), median of 300;
//   rss_mb           the largest resident size of the app: the child at its first frame, or this
//                    process after walking through every page with the same data;
//   releases_overview_ms  the office's releases overview opened (the page made, its model read and
//                    the first frame drawn) on a release manager's desk holding the same 2,000
//                    releases and 100,000 assets, median of 15;
//   build_editor_ms  the build editor opened on a 60-line draft on a build developer's desk (the
//                    page made, the form and its three line lists loaded, the first frame drawn),
//                    median of 15;
//   tap_to_frame_ms  a checklist tap's whole cost in the running app's window: an installer's
//                    tablet whose Today holds 2,000 open releases (and the 100,000 assets), Today,
//                    the release and the checklist stacked as the installer opens them; a real
//                    mouse click on the current line's Pass, until the next frame drawn after the
//                    other lists have read again (localDataChanged handled), the result shown.
//                    Median and p95 of 120 taps (10 installations of 12 lines).
// Ends with one JSON line; exit 1 past its limits (pages 100 ms, a tap's median 16 ms, p95 50 ms).
// `app_bench --taps-only` measures tap_to_frame_ms alone; with `--lists-live` the lists under the
// checklist read again on every tap, as they did before issue 12 (for comparison).
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officebench.h"
#include "app/qmlmodule.h"
#include "app/workbench.h"
#include "models/checklistmodel.h"
#include "models/inventorymodel.h"

#include "store/store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <cstdio>
#include <iostream>
#include <random>
#include <vector>

Q_IMPORT_QML_PLUGIN(ReleaseDeskPlugin)

using namespace rd;
using namespace rd::mobile;

namespace {

constexpr int kAssets = 100000;
constexpr int kReleases = 2000;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/** VmHWM (peak resident) of this process, in MB. */
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return 0;
}

double msSince(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

struct Fill {
    std::vector<std::string> serials;
    std::vector<Id> openReleases; // with sam as an installer
};

/**
 * 100,000 assets and 2,000 releases, as a large school's tablet would hold after its first sync.
 * Most releases are history; with @p allOpen every one is open with the installer (sam) on it.
 */
Fill fillStore(AppSession &session, bool allOpen = false)
{
    auto &store = session.store();
    Fill fill;
    std::mt19937 rng(20261126);
    const auto sites = store.sites();
    const auto sam = session.userId();
    const auto laptops = *store.releaseByNumber("R-2026-047");
    static constexpr char chars[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    std::uniform_int_distribution<int> pick(0, 33);
    std::vector<std::vector<Room>> roomsOf;
    for (const auto &site : sites)
        roomsOf.push_back(store.rooms(site.id));
    Store::Batch batch(store);
    for (int i = 0; i < kAssets; ++i) {
        const Site &site = sites[static_cast<std::size_t>(i) % sites.size()];
        const auto &rooms = roomsOf[static_cast<std::size_t>(i) % sites.size()];
        Asset a;
        char tag[24];
        std::snprintf(tag, sizeof tag, "BN%s-%06d", site.code.c_str(), i);
        a.assetTag = std::string(tag);
        std::string serial = "5CG";
        while (serial.size() < 10)
            serial.push_back(chars[pick(rng)]);
        a.serial = serial;
        a.make = (i % 3 == 0) ? "HP" : "Dell";
        a.model = (i % 3 == 0) ? "ProDesk 400 G9" : "Latitude 3440";
        a.category = (i % 3 == 0) ? "Desktop" : "Laptop";
        a.siteId = site.id;
        a.roomId = rooms[static_cast<std::size_t>(i) % rooms.size()].id;
        a.status = AssetStatus::InUse;
        store.addAsset(a);
        fill.serials.push_back(std::move(serial));
    }
    for (int i = 0; i < kReleases; ++i) {
        Release r;
        char number[24];
        std::snprintf(number, sizeof number, "B-%05d", i);
        r.number = number;
        r.kind = ReleaseKind::Rollout;
        r.units = 50;
        r.buildId = laptops.buildId;
        r.siteId = laptops.siteId;
        r.plannedDate = "2026-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-15";
        // Most are history; a few dozen are open, some of them the installer's.
        const bool open = allOpen || i % 40 == 0;
        const bool mine = allOpen || (open && i % 80 == 0);
        r.status = ReleaseStatus::Planned;
        if (mine)
            r.installers = {sam};
        r.createdBy = sam;
        r.createdAt = AppSession::now();
        const Id id = store.addRelease(r);
        if (mine)
            fill.openReleases.push_back(id);
        if (!open) // history: closed long ago, as a sync brings it (not through today's rules)
            store.database().query("UPDATE releases SET status = 'closed' WHERE id = ?1")->bind(1, id).run();
    }
    batch.commit();
    return fill;
}

/** A draft build procedure of 60 lines (40 steps, 12 stability and 8 acceptance tests) by @p by. */
QString sixtyLineDraft(Store &store, const Id &by)
{
    const Id service = store.addService({{}, "Bench: a sixty-line build", "", AppSession::now()});
    BuildProcedure b;
    b.serviceId = service;
    b.hardwareModel = "Dell Latitude 3440";
    b.designNotes = "Every part full, as a large build is";
    b.backOutPlan = "Re-image with the previous build";
    b.createdBy = by;
    b.createdAt = AppSession::now();
    for (const auto &[part, lines] : {std::pair{StepPart::Installation, 40}, std::pair{StepPart::Stability, 12},
                                      std::pair{StepPart::Acceptance, 8}}) {
        for (int i = 1; i <= lines; ++i) {
            b.steps.push_back({{}, part, i, "Line " + std::to_string(i) + " of its part, in words a technician follows",
                               i % 3 ? "" : "Detail: what to check, and where", i % 4 != 0,
                               i % 5 ? EvidenceKind::None : EvidenceKind::Scan});
        }
    }
    return QString::fromStdString(store.addBuildProcedure(b).toString());
}

/**
 * Opens @p type (a page of the app's module) with @p properties in @p window, @p runs times:
 * the page made, parented and drawn once; the medians of those times.
 */
double openPageMs(QQmlEngine &engine, QQuickWindow &window, const char *type, const QVariantMap &properties,
                  int runs, const std::function<bool(QQuickItem *)> &shows)
{
    QQmlComponent component(&engine);
    component.setData(QByteArray("import ReleaseDesk\n") + type + " {}\n", QUrl());
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        std::unique_ptr<QObject> object(component.createWithInitialProperties(properties));
        auto *page = qobject_cast<QQuickItem *>(object.get());
        if (!page) {
            std::cerr << "app_bench: " << type << ": " << component.errorString().toStdString() << "\n";
            return -1;
        }
        page->setParentItem(window.contentItem());
        page->setSize(window.size());
        window.grabWindow(); // polished, laid out and drawn
        times.push_back(msSince(t));
        if (!shows(page)) {
            std::cerr << "app_bench: " << type << " opened without what it shows\n";
            return -1;
        }
    }
    return median(times);
}

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

/** Lets the window settle: pending events, StackView transitions, bindings, a frame. */
void settle(QQuickWindow &window)
{
    QElapsedTimer timer;
    timer.start();
    auto *stack = findItem(window.contentItem(), QStringLiteral("stack"));
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    } while (stack && stack->property("busy").toBool() && timer.elapsed() < 5000);
    QCoreApplication::processEvents();
    // Pages popped or cleared go with deleteLater, which the app's event loop carries out and
    // processEvents() here does not: without this the pages of every earlier installation would
    // stay alive and read again on every tap.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

/**
 * Taps Pass on the current line of every checklist of @p installations, opened in the app's
 * window as an installer opens them (Today, the release, the checklist); the time of each tap
 * from the click to the next frame swapped after the other lists read again. Empty on failure.
 */
std::vector<double> tapToFrame(QQuickWindow &window, AppSession &session, const QString &releaseId,
                               const QStringList &installations, bool listsLive)
{
    std::vector<double> times;
    QVariant ignored;
    std::atomic<bool> announced = false;
    std::atomic<bool> drawn = false;
    // Connected after the lists: set once every list that reads again on a local change has.
    const auto onChange = QObject::connect(&session, &AppSession::localDataChanged, [&] { announced = true; });
    const auto onFrame = QObject::connect(&window, &QQuickWindow::frameSwapped, [&] {
        if (announced)
            drawn = true;
    });
    for (const QString &installation : installations) {
        QMetaObject::invokeMethod(&window, "showPlace", Q_RETURN_ARG(QVariant, ignored), Q_ARG(QVariant, 0));
        settle(window);
        QMetaObject::invokeMethod(&window, "openRelease", Q_RETURN_ARG(QVariant, ignored), Q_ARG(QVariant, releaseId));
        settle(window);
        QMetaObject::invokeMethod(&window, "openInstallation", Q_RETURN_ARG(QVariant, ignored),
                                  Q_ARG(QVariant, installation));
        settle(window);
        auto *stack = findItem(window.contentItem(), QStringLiteral("stack"));
        auto *page = stack ? stack->property("currentItem").value<QObject *>() : nullptr;
        auto *list = page ? page->property("list").value<QQuickItem *>() : nullptr;
        auto *model = page ? page->property("checklist").value<QAbstractItemModel *>() : nullptr;
        if (!list || !model || stack->property("depth").toInt() != 3) {
            std::cerr << "app_bench: the checklist is not open over Today and the release\n";
            return {};
        }
        if (listsLive) {
            // For comparison: every list in the window reads again on every tap, hidden or not.
            for (auto *lists : window.findChildren<SessionModel *>())
                lists->setActive(true);
        }
        const int outcome = model->roleNames().key("outcome");
        for (int row = 0; row < model->rowCount(); ++row) {
            QMetaObject::invokeMethod(page, "showCurrent");
            settle(window);
            QQuickItem *line = nullptr;
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, line), Q_ARG(int, row));
            QQuickItem *pass = findItem(line, QStringLiteral("passButton"));
            if (!pass || !pass->isVisible()) {
                std::cerr << "app_bench: line " << row << " has no Pass button in view\n";
                return {};
            }
            const QPoint at = pass->mapToScene(QPointF(pass->width() / 2, pass->height() / 2)).toPoint();
            announced = false;
            drawn = false;
            QTimer guard; // a frame that never comes ends the wait, and the bench with it
            guard.setSingleShot(true);
            guard.start(5000);
            QElapsedTimer t;
            t.start();
            QTest::mouseClick(&window, Qt::LeftButton, Qt::NoModifier, at);
            while (!drawn && guard.isActive())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            const double ms = msSince(t);
            if (!drawn || model->index(row, 0).data(outcome).toString() != QLatin1String("pass")) {
                std::cerr << "app_bench: the tap on line " << row << " was not drawn with its result\n";
                return {};
            }
            times.push_back(ms);
        }
    }
    QObject::disconnect(onChange);
    QObject::disconnect(onFrame);
    return times;
}

/** tap_to_frame_ms's taps: an installer's tablet with 2,000 open releases, ten units started. */
std::vector<double> measureTaps(bool listsLive = false)
{
    QTemporaryDir tabletDir;
    AppSession tablet(tabletDir.path());
    QString why;
    if (!prepareDemoTablet(tablet, QStringLiteral("sam"), &why)) {
        std::cerr << "app_bench: " << why.toStdString() << "\n";
        return {};
    }
    const Fill open = fillStore(tablet, true);
    const QString releaseId = QString::fromStdString(open.openReleases.front().toString());
    Workbench bench;
    bench.setSession(&tablet);
    QStringList installations;
    for (int unit = 0; unit < 10; ++unit) {
        const auto started = bench.startInstallation(releaseId, {}, {}, QStringLiteral("TAP-%1").arg(unit),
                                                     QStringLiteral("Dell"), QStringLiteral("Latitude 3440"), {});
        if (!started.value(QStringLiteral("ok")).toBool()) {
            std::cerr << "app_bench: " << started.value(QStringLiteral("error")).toString().toStdString() << "\n";
            return {};
        }
        installations.push_back(started.value(QStringLiteral("id")).toString());
    }
    QCoreApplication::processEvents();
    QQmlApplicationEngine engine;
    addAppImportPath(engine);
    engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(&tablet)},
                                 {QStringLiteral("width"), 800},
                                 {QStringLiteral("height"), 1280}});
    engine.load(QUrl(QStringLiteral("qrc:/ReleaseDesk/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return {};
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    window->show();
    settle(*window);
    return tapToFrame(*window, tablet, releaseId, installations, listsLive);
}

/** Runs the app until its first frame; its startup time and peak RSS. */
bool firstFrame(const QString &dir, double *ms, double *rssMb)
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    app.start(QStringLiteral(RD_RELEASEDESK_PATH), {QStringLiteral("--data"), dir, QStringLiteral("--quit-after-first-frame")});
    QByteArray out;
    while (!out.contains("first-frame") && app.waitForReadyRead(30000))
        out += app.readAllStandardOutput();
    *ms = msSince(timer);
    app.waitForFinished(30000);
    out += app.readAllStandardOutput();
    const int at = out.indexOf("rss_kb=");
    *rssMb = at < 0 ? 0 : out.mid(at + 7).split('\n').constFirst().toDouble() / 1024.0;
    return out.contains("first-frame") && app.exitStatus() == QProcess::NormalExit;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QQuickStyle::setStyle(QStringLiteral("Material"));
    QGuiApplication qapp(argc, argv);
    installTranslations(qapp); // as the app does
    if (QCoreApplication::arguments().contains(QStringLiteral("--taps-only"))) {
        // Only tap_to_frame_ms, for working on it.
        // --lists-live: the hidden lists read again on every tap too, as before issue 12.
        const std::vector<double> taps =
            measureTaps(QCoreApplication::arguments().contains(QStringLiteral("--lists-live")));
        std::printf("{\"tap_to_frame_ms\": %.1f, \"tap_to_frame_ms_p95\": %.1f, \"taps\": %zu}\n", median(taps),
                    percentile(taps, 0.95), taps.size());
        return !taps.empty() && median(taps) <= 16 && percentile(taps, 0.95) <= 50 ? 0 : 1;
    }
    QTemporaryDir dir;

    Fill fill;
    double fillSeconds = 0;
    {
        AppSession session(dir.path());
        QString why;
        if (!prepareDemoTablet(session, QStringLiteral("sam"), &why)) {
            std::cerr << "app_bench: " << why.toStdString() << "\n";
            return 1;
        }
        QElapsedTimer t;
        t.start();
        fill = fillStore(session);
        fillSeconds = msSince(t) / 1000.0;
    }
    std::cerr << "app_bench: store filled in " << fillSeconds << " s\n";

    // First frame of the real app, from process start.
    std::vector<double> frames;
    double childRss = 0;
    for (int i = 0; i < 7; ++i) {
        double ms = 0, rss = 0;
        if (!firstFrame(dir.path(), &ms, &rss)) {
            std::cerr << "app_bench: the app did not show a first frame\n";
            return 1;
        }
        frames.push_back(ms);
        childRss = std::max(childRss, rss);
    }

    AppSession session(dir.path());
    // Search by serial, as the inventory page runs it: typed prefixes and whole scanned serials.
    std::vector<double> searches;
    {
        InventoryModel inventory;
        inventory.setSession(&session);
        std::mt19937 rng(7);
        std::uniform_int_distribution<std::size_t> any(0, fill.serials.size() - 1);
        for (int i = 0; i < 400; ++i) {
            const std::string &serial = fill.serials[any(rng)];
            const QString query = QString::fromStdString(i % 2 ? serial : serial.substr(0, 6));
            QElapsedTimer t;
            t.start();
            inventory.setQuery(query);
            searches.push_back(msSince(t));
            if (inventory.rowCount() == 0) {
                std::cerr << "app_bench: the search found nothing for " << query.toStdString() << "\n";
                return 1;
            }
        }
    }

    // Checklist taps: each commits a result and its outbox entry.
    std::vector<double> commits;
    {
        Workbench bench;
        bench.setSession(&session);
        ChecklistModel checklist;
        checklist.setSession(&session);
        const QString releaseId = QString::fromStdString(fill.openReleases.front().toString());
        for (int unit = 0; unit < 30; ++unit) {
            const auto started = bench.startInstallation(releaseId, {}, {}, QStringLiteral("BENCH-%1").arg(unit),
                                                         QStringLiteral("Dell"), QStringLiteral("Latitude 3440"), {});
            if (!started.value(QStringLiteral("ok")).toBool()) {
                std::cerr << "app_bench: " << started.value(QStringLiteral("error")).toString().toStdString() << "\n";
                return 1;
            }
            checklist.setInstallationId(started.value(QStringLiteral("id")).toString());
            for (int row = 0; row < 10; ++row) {
                QElapsedTimer t;
                t.start();
                const bool ok = checklist.record(row, QStringLiteral("pass"));
                commits.push_back(msSince(t));
                if (!ok) {
                    std::cerr << "app_bench: " << checklist.error().toStdString() << "\n";
                    return 1;
                }
            }
            QCoreApplication::processEvents(); // the other lists read again, as in the app
        }
    }

    // Every page, in this process, with this data: the resident size of a working app.
    {
        QQmlApplicationEngine engine;
        addAppImportPath(engine);
        engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(&session)}});
        engine.load(QUrl(QStringLiteral("qrc:/ReleaseDesk/Main.qml")));
        if (engine.rootObjects().isEmpty())
            return 1;
        QObject *root = engine.rootObjects().constFirst();
        QVariant ignored;
        const QString releaseId = QString::fromStdString(session.store().releaseByNumber("R-2026-047")->id.toString());
        for (int place : {0, 1, 2, 0}) {
            QMetaObject::invokeMethod(root, "showPlace", Q_RETURN_ARG(QVariant, ignored), Q_ARG(QVariant, place));
            QCoreApplication::processEvents();
        }
        QMetaObject::invokeMethod(root, "openRelease", Q_RETURN_ARG(QVariant, ignored), Q_ARG(QVariant, releaseId));
        QCoreApplication::processEvents();
        auto *window = qobject_cast<QQuickWindow *>(root);
        window->grabWindow();
    }
    const double rss = std::max(childRss, peakRssMb());

    // The office: a release manager's desk with the same releases, a build developer's with a
    // sixty-line draft.
    double overviewMs = -1;
    double editorMs = -1;
    {
        QTemporaryDir managerDir;
        QTemporaryDir developerDir;
        AppSession manager(managerDir.path());
        AppSession developer(developerDir.path());
        QString why;
        if (!prepareDemoTablet(manager, QStringLiteral("morgan"), &why) ||
            !prepareDemoTablet(developer, QStringLiteral("devi"), &why)) {
            std::cerr << "app_bench: " << why.toStdString() << "\n";
            return 1;
        }
        fillStore(manager);
        const QString draft = sixtyLineDraft(developer.store(), developer.userId());
        OfficeBench office;
        office.setSession(&developer);
        QQmlEngine engine;
        addAppImportPath(engine);
        QQuickWindow window;
        window.resize(1280, 800);
        window.show();
        overviewMs = openPageMs(engine, window, "ReleasesOverviewPage",
                                {{QStringLiteral("session"), QVariant::fromValue(&manager)}}, 15,
                                [](QQuickItem *page) {
                                    const auto *model = page->property("model").value<QAbstractItemModel *>();
                                    return model && model->rowCount() > 0;
                                });
        editorMs = openPageMs(engine, window, "BuildEditorPage",
                              {{QStringLiteral("session"), QVariant::fromValue(&developer)},
                               {QStringLiteral("office"), QVariant::fromValue(&office)},
                               {QStringLiteral("buildId"), draft}},
                              15, [](QQuickItem *page) {
                                  const QObject *form = page->property("form").value<QObject *>();
                                  return form && form->property("lineCount").toInt() == 60;
                              });
        if (overviewMs < 0 || editorMs < 0)
            return 1;
    }

    // A tap's whole cost in the running window, on an installer's tablet with 2,000 open releases.
    const std::vector<double> taps = measureTaps();
    if (taps.empty())
        return 1;
    const double tapMedian = median(taps);
    const double tapP95 = percentile(taps, 0.95);

    std::printf("{\"first_frame_ms\": %.1f, \"first_frame_ms_max\": %.1f, \"serial_search_ms\": %.3f, "
                "\"serial_search_ms_p95\": %.3f, \"step_commit_ms\": %.3f, \"step_commit_ms_p95\": %.3f, "
                "\"rss_mb\": %.1f, \"assets\": %lld, \"releases\": %lld, \"releases_overview_ms\": %.1f, "
                "\"build_editor_ms\": %.1f, \"build_lines\": 60, \"tap_to_frame_ms\": %.1f, "
                "\"tap_to_frame_ms_p95\": %.1f, \"taps\": %zu, \"today_open_releases\": %d}\n",
                median(frames), *std::max_element(frames.begin(), frames.end()), median(searches),
                percentile(searches, 0.95), median(commits), percentile(commits, 0.95), rss,
                static_cast<long long>(session.store().database().scalar("SELECT count(*) FROM assets")),
                static_cast<long long>(session.store().database().scalar("SELECT count(*) FROM releases")),
                overviewMs, editorMs, tapMedian, tapP95, taps.size(), kReleases);
    return overviewMs <= 100 && editorMs <= 100 && tapMedian <= 16 && tapP95 <= 50 ? 0 : 1;
}
