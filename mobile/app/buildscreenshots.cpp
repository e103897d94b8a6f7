#include "buildscreenshots.h"

#include "appsession.h"
#include "demotablet.h"
#include "officebench.h"
#include "qtconvert.h"

#include "store/buildviews.h"
#include "store/store.h"
#include "sync/records.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QTemporaryDir>

#include <algorithm>
#include <iostream>

namespace rd::mobile {

namespace {

/** Calls a function of a QML object with up to three QVariant arguments (untyped QML functions). */
QVariant call(QObject *target, const char *method, const QVariantList &args = {})
{
    QVariant result;
    if (!target)
        return result;
    switch (args.size()) {
    case 0:
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result));
        break;
    case 1:
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, args[0]));
        break;
    case 2:
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, args[0]),
                                  Q_ARG(QVariant, args[1]));
        break;
    default:
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, args[0]),
                                  Q_ARG(QVariant, args[1]), Q_ARG(QVariant, args[2]));
        break;
    }
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

/** The pages' way in (Main's ServicesNavigation), after going back to the place's first page. */
QObject *services(QQmlApplicationEngine &engine)
{
    call(root(engine), "goRoot");
    return root(engine) ? root(engine)->property("services").value<QObject *>() : nullptr;
}

/** What the office has written about the demo school's services: what users get, and who owns each. */
void describeServices(Store &store)
{
    struct Words {
        const char *service, *benefit, *owner;
    };
    const Words words[] = {
        {"Curriculum laptop", "A laptop of their own in every lesson, with their files and the curriculum software", "devi"},
        {"Staff desktop", "A desk PC that signs in fast and prints to the staff room", "devi"},
        {"Interactive whiteboard", "Write, save and reopen lessons on the board", "morgan"},
        {"MIS client", "Registers, behaviour and reports for the office", "morgan"},
        {"Exam room PC", "Sit an exam on screen, with nothing else to hand", "morgan"},
        {"Library kiosk", "Find a book and where it is shelved", "devi"},
    };
    BuildViews views(store);
    for (const auto &w : words) {
        const auto id = views.serviceNamed(w.service);
        const auto owner = store.userByName(w.owner);
        if (!id || !owner)
            continue;
        auto s = *store.service(*id);
        s.userBenefit = w.benefit;
        s.ownerId = owner->id;
        store.updateService(s, owner->id, AppSession::now());
    }
}

Id buildOf(Store &store, const char *service, int version)
{
    const auto id = BuildViews(store).serviceNamed(service);
    if (!id)
        return {};
    for (const auto &v : BuildViews(store).buildVersions(*id)) {
        if (v.version == version)
            return v.id;
    }
    return {};
}

/**
 * The laptop build's third version, written on the build developer's tablet through the office's
 * own actions: a newer Windows and laptop model, a step reworded, one moved, two added, one asking
 * for a scan.
 */
Id draftLaptopV3(AppSession &session)
{
    auto &store = session.store();
    const Id v2 = buildOf(store, "Curriculum laptop", 2);
    const Id windows24 = store.addDslItem({{}, "Windows 11 Education", "24H2", "Microsoft", MediaKind::DiskImage,
                                           "\\\\fs01\\dsl\\win11-edu-24h2.wim", "", LicenceType::Subscription});
    OfficeBench office;
    office.setSession(&session);
    const auto answer = office.draftBuild(qs(store.buildProcedure(v2)->serviceId), qs(v2));
    const auto id = optionalId(answer.value(QStringLiteral("id")).toString());
    if (!id)
        return {};
    auto b = *store.buildProcedure(*id);
    b.hardwareModel = "Dell Latitude 3440 or 3450";
    b.designNotes = "v3: Windows 11 24H2 and the Latitude 3450; a webcam check for remote lessons.";
    for (const auto &d : BuildViews(store).dslCatalogue()) {
        if (d.product == "Windows 11 Education" && d.version == "23H2")
            std::replace(b.dslItemIds.begin(), b.dslItemIds.end(), d.id, windows24);
    }
    std::vector<BuildStep> installation, stability, acceptance;
    for (auto &s : b.steps) {
        if (s.title == "Deploy the Windows image")
            s.detail = "Boot from the network, choose the 24H2 image.";
        if (s.title.rfind("Unbox", 0) == 0)
            s.evidence = EvidenceKind::Scan;
        (s.part == StepPart::Installation ? installation : s.part == StepPart::Stability ? stability : acceptance)
            .push_back(s);
    }
    // Endpoint protection before the applications; Intune enrolment after the domain.
    const auto at = [&](const std::string &prefix) {
        return std::find_if(installation.begin(), installation.end(),
                            [&](const BuildStep &s) { return s.title.rfind(prefix, 0) == 0; });
    };
    std::iter_swap(at("Install the build's applications"), at("Install and register endpoint protection"));
    installation.insert(at("Join the domain") + 1,
                        BuildStep{Id::generate(), StepPart::Installation, 0, "Enrol in Intune and check the compliance policy",
                                  "The device shows as compliant in the Intune portal.", true, EvidenceKind::Note});
    acceptance.push_back(BuildStep{Id::generate(), StepPart::Acceptance, 0, "Webcam and microphone work in Teams", "",
                                   false, EvidenceKind::Photo});
    b.steps.clear();
    for (auto *part : {&installation, &stability, &acceptance}) {
        int position = 0;
        for (auto &s : *part) {
            s.position = ++position;
            b.steps.push_back(s);
        }
    }
    office.saveBuildDraft(b, false);
    return *id;
}

/** A draft two build developers saved, as the sync leaves it on the one whose save came second. */
void leaveDraftConflict(AppSession &session, const Id &buildId)
{
    auto &store = session.store();
    auto mine = *store.buildProcedure(buildId);
    mine.steps.pop_back();
    const sync::BuildDraft lost{buildId, mine.revision, mine.hardwareModel, "SIMS needs the .NET runtime first.",
                                mine.backOutPlan, mine.dslItemIds, mine.steps, session.userId(),
                                AppSession::now() - 25 * 60000};
    // A second build developer, as the sync brings the people.
    const Id kim = store.addUser({{}, "kim", "Kim Doyle", Role::BuildDeveloper});
    auto theirs = *store.buildProcedure(buildId);
    theirs.designNotes = "The office PCs: SIMS .net and the reports printer.";
    store.updateDraft(theirs, kim, AppSession::now() - 40 * 60000);
    ConflictRecord c;
    c.table = "build_procedures";
    c.recordId = buildId;
    c.field = "draft";
    c.keptValue = "revision " + std::to_string(theirs.revision + 1);
    c.lostValue = sync::codec::json::serialize(sync::codec::toJson(lost));
    c.baseValue = "revision " + std::to_string(mine.revision);
    c.lostDevice = store.deviceId();
    c.lostBy = session.userId();
    c.createdAt = AppSession::now();
    store.recordConflict(c);
    session.notifyLocalChange();
}

} // namespace

bool renderBuildScreenshots(const ScreenshotKit &kit)
{
    QTemporaryDir deviData;
    QTemporaryDir morganData;
    AppSession devi(deviData.path());
    AppSession morgan(morganData.path());
    QString why;
    if (!prepareDemoTablet(devi, QStringLiteral("devi"), &why) || !prepareDemoTablet(morgan, QStringLiteral("morgan"), &why)) {
        std::cerr << "releasedesk: cannot prepare the office's demo tablets: " << why.toStdString() << "\n";
        return false;
    }
    describeServices(devi.store());
    describeServices(morgan.store());
    const Id laptopV2 = buildOf(devi.store(), "Curriculum laptop", 2);
    const Id laptopV3 = draftLaptopV3(devi);
    const Id laptops = devi.store().buildProcedure(laptopV2)->serviceId;
    const Id kiosk = *BuildViews(devi.store()).serviceNamed("Library kiosk");
    const Id mis = buildOf(morgan.store(), "MIS client", 1);
    if (laptopV3.isNull() || mis.isNull()) {
        std::cerr << "releasedesk: the demo school lacks the office's build procedures\n";
        return false;
    }
    devi.notifyLocalChange();

    // The build developer, at a desk.
    {
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, devi, 1280, 800))
            return false;
        call(services(engine), "openServices");
        kit.shoot(engine, QStringLiteral("30-services"));
        call(services(engine), "openService", {qs(laptops)});
        kit.shoot(engine, QStringLiteral("31-service-versions"));
        call(services(engine), "editService", {qs(kiosk)});
        kit.shoot(engine, QStringLiteral("32-service-form"));
        call(services(engine), "openBuild", {qs(laptopV3)});
        if (auto *page = currentPage(engine)) {
            if (auto *tabs = page->property("tabs").value<QObject *>())
                tabs->setProperty("currentIndex", 1);
        }
        kit.shoot(engine, QStringLiteral("33-build-editor"));
        if (auto *page = currentPage(engine)) {
            if (auto *tabs = page->property("tabs").value<QObject *>())
                tabs->setProperty("currentIndex", 0);
        }
        kit.shoot(engine, QStringLiteral("34-build-design"));
        call(services(engine), "compareBuilds", {qs(laptops), qs(laptopV2), qs(laptopV3)});
        kit.shoot(engine, QStringLiteral("35-build-compare"));
        call(services(engine), "openBuild", {qs(laptopV2)});
        kit.shoot(engine, QStringLiteral("36-build-approved"));
        call(root(engine), "goRoot");
    }
    // The release manager, with the MIS client's first version handed in (as a sync brings it).
    {
        auto &store = morgan.store();
        store.submitBuild(mis, store.buildProcedure(mis)->createdBy, AppSession::now() - 3600000);
        morgan.notifyLocalChange();
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, morgan, 1280, 800))
            return false;
        call(services(engine), "openBuild", {qs(mis)});
        if (auto *page = currentPage(engine)) {
            if (auto *tabs = page->property("tabs").value<QObject *>())
                tabs->setProperty("currentIndex", 1);
            if (auto *dialog = page->property("returnDialog").value<QObject *>()) {
                QMetaObject::invokeMethod(dialog, "open");
                if (auto *reason = dialog->findChild<QObject *>(QStringLiteral("reasonField")))
                    reason->setProperty("text", QStringLiteral("Say which SIMS .net version the office runs, and add a "
                                                               "stability test for the reports printer."));
            }
        }
        kit.shoot(engine, QStringLiteral("37-build-return"));
    }
    // The build developer again, after a sync: a colleague saved the MIS client's draft first.
    {
        leaveDraftConflict(devi, buildOf(devi.store(), "MIS client", 1));
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, devi, 1280, 800))
            return false;
        call(root(engine), "showPlace", {2});
        kit.shoot(engine, QStringLiteral("38-draft-conflict"));
    }
    return true;
}

} // namespace rd::mobile
