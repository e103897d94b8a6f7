#include "libraryscreenshots.h"

#include "appsession.h"
#include "demotablet.h"
#include "qtconvert.h"
#include "workbench.h"

#include "store/buildviews.h"
#include "store/libraryviews.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <iostream>

namespace rd::mobile {

namespace {

constexpr Millis kHour = 60LL * 60 * 1000;
constexpr Millis kDay = 24 * kHour;

/** Calls a function of a QML object with up to two QVariant arguments (untyped QML functions). */
QVariant call(QObject *target, const char *method, const QVariantList &args = {})
{
    QVariant result;
    if (!target)
        return result;
    if (args.isEmpty())
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result));
    else if (args.size() == 1)
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, args[0]));
    else
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, args[0]),
                                  Q_ARG(QVariant, args[1]));
    return result;
}

QObject *root(QQmlApplicationEngine &engine)
{
    return engine.rootObjects().isEmpty() ? nullptr : engine.rootObjects().constFirst();
}

QObject *currentPage(QQmlApplicationEngine &engine)
{
    auto *stack = root(engine) ? root(engine)->property("stack").value<QObject *>() : nullptr;
    return stack ? stack->property("currentItem").value<QObject *>() : nullptr;
}

/** Main's LibraryNavigation, after going back to the place's first page. */
QObject *library(QQmlApplicationEngine &engine)
{
    call(root(engine), "goRoot");
    return root(engine) ? root(engine)->property("library").value<QObject *>() : nullptr;
}

/** Lets a dialog's opening run, so that what is put in it next is not emptied by it. */
void settle(int ms = 300)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

void setText(QObject *field, const QString &text)
{
    if (field)
        field->setProperty("text", text);
}

Id itemOf(Store &store, const char *product)
{
    for (const auto &d : BuildViews(store).dslCatalogue()) {
        if (d.product == product)
            return d.id;
    }
    return {};
}

std::optional<Licence> licenceOf(Store &store, const char *name)
{
    for (const auto &l : LibraryViews(store).licences()) {
        if (l.licence.name == name)
            return l.licence;
    }
    return std::nullopt;
}

std::string inDays(int days)
{
    return QDate::currentDate().addDays(days).toString(Qt::ISODate).toStdString();
}

/**
 * The office's school as a sync leaves it on any of its tablets: the SIMS disc out with Devi past
 * its day back, suppliers and orders in the licence log, the Microsoft agreement renewing within
 * the month and its change kept in the history with who and when, and SIMS's seats all given.
 * Written to the store directly, as a pull writes it: nothing waits to be sent.
 */
void prepareLibrary(AppSession &session)
{
    auto &store = session.store();
    const Millis now = AppSession::now();
    const Id devi = store.userByName("devi")->id;
    const Id morgan = store.userByName("morgan")->id;
    Store::Batch batch(store);
    store.takeOutMedia({{}, itemOf(store, "SIMS .net"), devi, now - 6 * kDay - 3 * kHour,
                        "Rebuilding the finance office PC", std::nullopt, now - 2 * kDay - 5 * kHour});
    const auto change = [&](const Licence &before, const Licence &after, const Id &by, Millis at) {
        store.updateLicence(after, by, at);
        const auto field = [&](const char *name, const std::string &from, const std::string &to) {
            if (from != to)
                store.recordChange({{}, "licences", after.id, name, from, to, by, at});
        };
        field("seats", std::to_string(before.seats), std::to_string(after.seats));
        field("expires_on", before.expiresOn, after.expiresOn);
        field("supplier", before.supplier, after.supplier);
        field("purchase_ref", before.purchaseRef, after.purchaseRef);
        if (before.entitlement != after.entitlement)
            store.recordChange({{}, "licences", after.id, "entitlement", "(hidden)", "(hidden)", by, at});
    };
    if (auto l = licenceOf(store, "Microsoft A3 for faculty and students")) {
        auto next = *l;
        next.supplier = "Softcat";
        next.purchaseRef = "EES-2025-118";
        next.expiresOn = inDays(365 - 340);
        change(*l, next, morgan, now - 340 * kDay);
    }
    if (auto l = licenceOf(store, "SIMS .net client licences")) {
        auto next = *l;
        next.supplier = "ESS (Capita SIMS)";
        next.purchaseRef = "PO-1187";
        next.expiresOn = inDays(200);
        change(*l, next, morgan, now - 120 * kDay);
        auto fewer = next;
        fewer.seats = store.seatsUsed(l->id);
        fewer.entitlement = "ESS-AGR-20417-B";
        change(next, fewer, devi, now - 9 * kDay);
    }
    if (auto l = licenceOf(store, "Sophos Endpoint (education)")) {
        auto next = *l;
        next.supplier = "Sophos via the local authority";
        next.purchaseRef = "LA-SEC-2291";
        next.expiresOn = inDays(290);
        change(*l, next, morgan, now - 75 * kDay);
    }
    if (auto l = licenceOf(store, "SMART Learning Suite site licence")) {
        auto next = *l;
        next.supplier = "SMART Technologies";
        next.purchaseRef = "INV-55910";
        next.expiresOn = inDays(430);
        change(*l, next, morgan, now - 60 * kDay);
    }
    batch.commit();
    session.notifyLocalChange();
}

/**
 * The installer's asset as the office's changes and his own sign-off leave it: a new laptop signed
 * off (its licence seats taken), then moved to another room and put in use by the office.
 */
QString prepareAssetHistory(AppSession &session, Workbench &bench)
{
    auto &store = session.store();
    const auto laptops = store.releaseByNumber("R-2026-047");
    auto q = store.database().query("SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' AND "
                                    "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag DESC LIMIT 1");
    if (!laptops || !q->step())
        return {};
    const Id assetId = q->id(0);
    const auto rooms = store.rooms(laptops->siteId);
    const auto started = bench.startInstallation(qs(laptops->id), qs(assetId), {}, {}, {}, {},
                                                 rooms.empty() ? QString() : qs(rooms.front().id));
    const QString id = started.value(QStringLiteral("id")).toString();
    for (const auto &line : store.checklist(Id::parse(id.toStdString())))
        bench.recordStep(id, qs(line.step.id),
                         line.step.required ? QStringLiteral("pass") : QStringLiteral("not-applicable"), {}, {});
    // Signed a little later, and so after its lines (the seats it takes come with the sign-off).
    const Millis now = AppSession::now();
    store.signOff({{}, Id::parse(id.toStdString()), "Mr D. Osei (Geography)", "10,40 30,22 52,45 70,20;80,40 120,38",
                   now + 20 * 60000, session.userId()});
    // Later, the office (as a sync brings it): the laptop went to the geography room, in use by Mr Osei.
    const Id morgan = store.userByName("morgan")->id;
    const auto asset = *store.asset(assetId);
    Store::Batch batch(store);
    if (rooms.size() > 2) {
        store.moveAsset(assetId, asset.siteId, rooms[2].id);
        store.recordChange({{}, "assets", assetId, "room_id",
                            asset.roomId ? std::optional(asset.roomId->toString()) : std::nullopt,
                            rooms[2].id.toString(), morgan, now + 2 * kHour});
    }
    store.setAssetStatus(assetId, AssetStatus::InUse);
    store.recordChange({{}, "assets", assetId, "status", "installed", "in-use", morgan, now + 2 * kHour + 60000});
    store.setAssetUser(assetId, "D. Osei");
    store.recordChange({{}, "assets", assetId, "assigned_user", "", "D. Osei", morgan, now + 2 * kHour + 60000});
    batch.commit();
    session.notifyLocalChange();
    return qs(assetId);
}

} // namespace

bool renderLibraryScreenshots(const ScreenshotKit &kit)
{
    QTemporaryDir deviData;
    QTemporaryDir morganData;
    QTemporaryDir samData;
    AppSession devi(deviData.path());
    AppSession morgan(morganData.path());
    AppSession sam(samData.path());
    QString why;
    if (!prepareDemoTablet(devi, QStringLiteral("devi"), &why) ||
        !prepareDemoTablet(morgan, QStringLiteral("morgan"), &why) ||
        !prepareDemoTablet(sam, QStringLiteral("sam"), &why)) {
        std::cerr << "releasedesk: cannot prepare the library's demo tablets: " << why.toStdString() << "\n";
        return false;
    }
    prepareLibrary(devi);
    prepareLibrary(morgan);
    // An installer's tablet holds no key, as its pull leaves it.
    sam.store().database().exec("UPDATE licences SET entitlement = ''");
    sam.notifyLocalChange();

    // The build developer, at a desk: the library, an item's in/out book, the item form.
    {
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, devi, 1280, 800))
            return false;
        call(root(engine), "showPlace", {QStringLiteral("library")});
        call(library(engine), "openDslItem", {qs(itemOf(devi.store(), "SIMS .net"))});
        kit.shoot(engine, QStringLiteral("50-software-library"));
        call(library(engine), "openDslItem", {qs(itemOf(devi.store(), "Sophos Endpoint"))});
        if (auto *page = currentPage(engine)) {
            if (auto *dialog = page->property("takeOutDialog").value<QObject *>()) {
                QMetaObject::invokeMethod(dialog, "open");
                settle();
                setText(dialog->property("purpose").value<QObject *>(),
                        QStringLiteral("Reinstalling the exam room PCs after the disk failure"));
            }
        }
        kit.shoot(engine, QStringLiteral("51-take-out-media"));
        if (auto *page = currentPage(engine)) {
            if (auto *dialog = page->property("takeOutDialog").value<QObject *>())
                QMetaObject::invokeMethod(dialog, "close");
        }
        call(library(engine), "addDslItem");
        if (auto *page = currentPage(engine)) {
            if (auto *form = page->property("form").value<QObject *>()) {
                form->setProperty("product", QStringLiteral("Audacity"));
                form->setProperty("version", QStringLiteral("3.4.2"));
                form->setProperty("vendor", QStringLiteral("Audacity Team"));
                form->setProperty("mediaKind", QStringLiteral("download"));
                form->setProperty("licenceType", QStringLiteral("free"));
                form->setProperty("buildLocation", QStringLiteral("\\\\fs01\\dsl\\audacity-3.4.2-x64.msi"));
                form->setProperty("buildSha256", QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
            }
        }
        kit.shoot(engine, QStringLiteral("52-dsl-item-form"));
        if (auto *page = currentPage(engine)) {
            if (auto *form = page->property("form").value<QObject *>())
                QMetaObject::invokeMethod(form, "revert");
        }
        call(root(engine), "goRoot");
    }
    // The release manager: Today's warnings, the licence log, a seat past a full licence, the form.
    {
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, morgan, 1280, 800))
            return false;
        call(root(engine), "showPlace", {0});
        kit.shoot(engine, QStringLiteral("53-today-office"));
        const auto sims = licenceOf(morgan.store(), "SIMS .net client licences");
        call(root(engine), "showPlace", {QStringLiteral("licences")});
        call(library(engine), "openLicence", {qs(sims->id)});
        if (auto *page = currentPage(engine)) {
            // "Show the key" pressed.
            page->setProperty("shownKey", qs(sims->entitlement));
        }
        kit.shoot(engine, QStringLiteral("54-licences"));
        if (auto *page = currentPage(engine)) {
            page->setProperty("shownKey", QString());
            if (auto *dialog = page->property("giveSeatDialog").value<QObject *>()) {
                QMetaObject::invokeMethod(dialog, "open");
                settle();
                setText(dialog->property("search").value<QObject *>(), QStringLiteral("RAU-00230"));
                settle(100);
                setText(dialog->property("reason").value<QObject *>(),
                        QStringLiteral("The bursar's new PC. Two more seats are on order (PO-1203) and arrive next week."));
            }
        }
        kit.shoot(engine, QStringLiteral("55-give-seat"));
        if (auto *page = currentPage(engine)) {
            if (auto *dialog = page->property("giveSeatDialog").value<QObject *>())
                QMetaObject::invokeMethod(dialog, "close");
            // Down to the seats and the licence's history.
            if (auto *list = page->findChild<QQuickItem *>(QStringLiteral("seatList")))
                QMetaObject::invokeMethod(list, "positionViewAtEnd");
        }
        kit.shoot(engine, QStringLiteral("56-licence-history"));
        call(library(engine), "editLicence", {qs(licenceOf(morgan.store(), "Microsoft A3 for faculty and students")->id)});
        if (auto *page = currentPage(engine)) {
            if (auto *form = page->property("form").value<QObject *>()) {
                form->setProperty("expiresOn", qs(inDays(365 + 25)));
                form->setProperty("purchaseRef", QStringLiteral("EES-2026-042"));
            }
        }
        kit.shoot(engine, QStringLiteral("57-licence-form"));
        if (auto *page = currentPage(engine)) {
            if (auto *form = page->property("form").value<QObject *>())
                QMetaObject::invokeMethod(form, "revert");
        }
        call(root(engine), "goRoot");
    }
    // The installer: a sign-off that needs a reason for a full licence, and an asset's whole history.
    {
        Workbench bench;
        bench.setSession(&sam);
        const QString assetId = prepareAssetHistory(sam, bench);
        // The next laptop, its checklist done, while the office has given every Sophos seat.
        auto &store = sam.store();
        const auto laptops = store.releaseByNumber("R-2026-047");
        auto q = store.database().query("SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' "
                                        "AND id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1");
        QString unit;
        if (laptops && q->step()) {
            const auto started = bench.startInstallation(qs(laptops->id), qs(q->id(0)), {}, {}, {}, {}, {});
            unit = started.value(QStringLiteral("id")).toString();
            for (const auto &line : store.checklist(Id::parse(unit.toStdString())))
                bench.recordStep(unit, qs(line.step.id),
                                 line.step.required ? QStringLiteral("pass") : QStringLiteral("not-applicable"), {},
                                 {});
        }
        if (auto sophos = licenceOf(store, "Sophos Endpoint (education)")) {
            sophos->seats = store.seatsUsed(sophos->id);
            sophos->entitlement = "-"; // the store wants one to write the row; put back to "" below
            store.updateLicence(*sophos, store.userByName("morgan")->id, AppSession::now());
            store.database().exec("UPDATE licences SET entitlement = ''");
        }
        sam.notifyLocalChange();
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, sam, 1280, 800))
            return false;
        call(root(engine), "openSignOff", {unit});
        if (auto *page = currentPage(engine)) {
            setText(page->property("nameField").value<QObject *>(), QStringLiteral("Ms A. Okafor"));
            if (auto *pad = page->property("pad").value<QObject *>()) {
                QVariantList stroke;
                for (int i = 0; i <= 40; ++i)
                    stroke.push_back(QVariantMap{{QStringLiteral("x"), 40 + i * 12},
                                                 {QStringLiteral("y"), 120 + 50 * std::sin(i / 4.0)}});
                QMetaObject::invokeMethod(pad, "addStroke", Q_ARG(QVariant, QVariant(stroke)));
            }
            setText(page->property("seatReasonField").value<QObject *>(),
                    QStringLiteral("The Sophos renewal with 50 more seats is signed; the order follows this week."));
        }
        kit.shoot(engine, QStringLiteral("58-sign-off-licence"));
        call(root(engine), "goRoot");
        call(root(engine), "openAsset", {assetId});
        kit.shoot(engine, QStringLiteral("59-asset-history"));
        call(root(engine), "goRoot");
        sam.clearResumePoint();
    }
    return true;
}

} // namespace rd::mobile
