// Issue 10's "done when", end to end through the app's own C++ objects (the forms, actions and
// models the pages use) against the real syncserver on 127.0.0.1, from a school with no demo data:
// `syncserver migrate` and one `syncserver user add` (the release manager), nothing else. In the
// app the release manager adds the school's site and rooms, a build developer and an installer, and
// sets their passwords online. The build developer puts the suite in the software library, writes a
// service and its build procedure in four parts and submits it; the release manager returns it once
// with a reason, then approves it, and plans a rollout of three units for the installer. The
// installer's tablet syncs and installs two (one backed out and installed again); the third fails
// its acceptance test while the build developer drafts version 2, which the release manager approves
// and moves the release to: the unit under way keeps version 1. After a sync the release manager
// sees each unit's state and history, moves the release on and closes it with a review note, which
// a fresh tablet then receives from the server.
#include "tablet.h"

#include "app/appsession.h"
#include "app/officebench.h"
#include "app/officelibrary.h"
#include "app/officepeople.h"
#include "app/officereleases.h"
#include "app/officesites.h"
#include "forms/buildform.h"
#include "forms/buildlinesmodel.h"
#include "forms/buildsoftwaremodel.h"
#include "forms/dslitemform.h"
#include "forms/personform.h"
#include "forms/releaseplanform.h"
#include "forms/serviceform.h"
#include "models/builddiffmodel.h"
#include "models/releasefollowupmodel.h"
#include "models/releasesoverviewmodel.h"

#include "store/store.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

namespace {

const QString kManagerPassword = QStringLiteral("morgan-first-password");

QString failure(const QVariantMap &answer)
{
    return answer.value(QStringLiteral("ok")).toBool() ? QString() : answer.value(QStringLiteral("error")).toString();
}

QVariant roleOf(const QAbstractItemModel &model, int row, int role)
{
    return model.data(model.index(row, 0), role);
}

} // namespace

class OfficeEndToEndTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void aRolloutFromAnEmptySchool();

private:
    /** An app session signed in as @p name at the server and synced once; null (with a failure) if not. */
    std::unique_ptr<AppSession> signedIn(const QString &name, const QString &password);
    static bool sync(AppSession &session, QString *why);

    QTemporaryDir m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
};

void OfficeEndToEndTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    const QString data = m_tmp.filePath(QStringLiteral("server"));
    QString output;
    QVERIFY2(ServerProcess::runAdmin({QStringLiteral("migrate"), QStringLiteral("--data"), data}, &output),
             qPrintable(output));
    {
        QProcess add;
        add.setProcessChannelMode(QProcess::MergedChannels);
        add.start(ServerProcess::binary(),
                  {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("morgan"), QStringLiteral("--data"),
                   data, QStringLiteral("--role"), QStringLiteral("release-manager"), QStringLiteral("--display-name"),
                   QStringLiteral("Morgan Hale")});
        QVERIFY(add.waitForStarted(30000));
        add.write((kManagerPassword + u'\n').toUtf8());
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(60000));
        QVERIFY2(add.exitCode() == 0, add.readAll().constData());
    }
    m_server = std::make_unique<ServerProcess>(data);
    QVERIFY2(m_server->start(), qPrintable(m_server->why()));
}

bool OfficeEndToEndTest::sync(AppSession &session, QString *why)
{
    QSignalSpy synced(session.sync(), &SyncClient::finished);
    session.sync()->sync();
    if (!synced.wait(120000)) {
        *why = QStringLiteral("the sync did not end within two minutes");
        return false;
    }
    *why = synced.at(0).at(1).toString();
    return synced.at(0).at(0).toBool();
}

std::unique_ptr<AppSession> OfficeEndToEndTest::signedIn(const QString &name, const QString &password)
{
    m_dirs.push_back(std::make_unique<QTemporaryDir>());
    auto session = std::make_unique<AppSession>(m_dirs.back()->path());
    QSignalSpy done(session->sync(), &SyncClient::signInFinished);
    session->signIn(m_server->url().toString(), name, password);
    if (!done.wait(30000) || !done.at(0).at(0).toBool()) {
        qWarning("%s cannot sign in: %s", qPrintable(name), done.isEmpty() ? "no answer" : qPrintable(done.at(0).at(1).toString()));
        return nullptr;
    }
    QString why;
    if (!sync(*session, &why)) {
        qWarning("%s cannot sync: %s", qPrintable(name), qPrintable(why));
        return nullptr;
    }
    return session;
}

void OfficeEndToEndTest::aRolloutFromAnEmptySchool()
{
    QString why;
    const auto morgan = signedIn(QStringLiteral("morgan"), kManagerPassword);
    QVERIFY(morgan);
    QVERIFY(morgan->store().sites().empty()); // nothing but the release manager

    // The release manager adds the school's site and its rooms.
    OfficeSites sites;
    sites.setSession(morgan.get());
    const QVariantMap site = sites.addSite(QStringLiteral("Riverside Academy"), QStringLiteral("RA"), QString());
    QCOMPARE(failure(site), QString());
    const QString siteId = site.value(QStringLiteral("id")).toString();
    QCOMPARE(failure(sites.addRoom(siteId, QStringLiteral("ICT Suite 1"))), QString());
    QCOMPARE(failure(sites.addRoom(siteId, QStringLiteral("Library"))), QString());

    // ... a build developer and an installer, and sets their passwords online (each person
    // reaches the server with a sync first).
    OfficePeople people;
    people.setSession(morgan.get());
    OfficeReleases releases;
    releases.setSession(morgan.get());
    const auto addPerson = [&](const QString &name, const QString &display, const QString &role) {
        PersonForm person;
        person.setPeople(&people);
        person.setName(name);
        person.setDisplayName(display);
        person.setRole(role);
        person.setSiteChosen(siteId, true);
        const QVariantMap added = person.submit();
        if (!added.value(QStringLiteral("ok")).toBool())
            qWarning("%s not added: %s", qPrintable(name), qPrintable(person.error()));
        return added.value(QStringLiteral("id")).toString();
    };
    const QString devi = addPerson(QStringLiteral("devi"), QStringLiteral("Devi Shah"), QStringLiteral("build-developer"));
    QVERIFY(!devi.isEmpty());
    const QString samId = addPerson(QStringLiteral("sam"), QStringLiteral("Sam Okafor"), QStringLiteral("installer"));
    QVERIFY(!samId.isEmpty());
    // Asked again until a health check has answered (one may be under way already).
    QTRY_VERIFY_WITH_TIMEOUT((morgan->checkOnline(), morgan->online()), 10000);
    for (const QString &id : {devi, samId}) {
        QSignalSpy password(&people, &OfficePeople::passwordFinished);
        people.setPassword(id, QStringLiteral("demo-password"));
        QTRY_COMPARE_WITH_TIMEOUT(password.count(), 1, 120000);
        QVERIFY2(password.at(0).at(0).toBool(), qPrintable(password.at(0).at(1).toString()));
    }

    // The build developer: the suite goes into the software library, and the service its build
    // procedure in FITS's four parts, handed in for approval.
    const auto deviDesk = signedIn(QStringLiteral("devi"), QStringLiteral("demo-password"));
    QVERIFY(deviDesk);
    OfficeLibrary library;
    library.setSession(deviDesk.get());
    {
        DslItemForm item;
        item.setLibrary(&library);
        item.setProduct(QStringLiteral("Office suite"));
        item.setVersion(QStringLiteral("2024"));
        item.setVendor(QStringLiteral("Contoso"));
        item.setMediaLocation(QStringLiteral("Server room cupboard, shelf 2"));
        item.setBuildLocation(QStringLiteral("\\\\files\\dsl\\office-2024"));
        QVERIFY2(item.canSubmit(), qPrintable(item.error()));
        QCOMPARE(failure(item.submit()), QString());
    }
    OfficeBench bench;
    bench.setSession(deviDesk.get());
    QString serviceId;
    {
        ServiceForm service;
        service.setOffice(&bench);
        service.setName(QStringLiteral("Curriculum laptop"));
        service.setDescription(QStringLiteral("A laptop for each teacher, with the curriculum software"));
        service.setUserBenefit(QStringLiteral("Lessons planned and taught from any room"));
        const QVariantMap added = service.submit();
        QCOMPARE(failure(added), QString());
        serviceId = added.value(QStringLiteral("id")).toString();
    }
    const auto addLine = [](BuildLinesModel *lines, const QString &title, bool required = true, int evidence = 0) {
        const int row = lines->add();
        lines->setTitle(row, title);
        lines->setRequired(row, required);
        lines->setEvidenceIndex(row, evidence);
    };
    const QVariantMap drafted = bench.draftBuild(serviceId, QString());
    QCOMPARE(failure(drafted), QString());
    const QString v1 = drafted.value(QStringLiteral("id")).toString();
    {
        BuildForm build;
        build.setOffice(&bench);
        build.setBuildId(v1);
        QVERIFY(build.loaded());
        QCOMPARE(build.version(), 1);
        build.setHardwareModel(QStringLiteral("Dell Latitude 3440"));
        build.setDesignNotes(QStringLiteral("16 GB; a dock at each teacher's desk"));
        build.setBackOutPlan(QStringLiteral("Re-image with the previous build and restore the user's profile"));
        auto *software = build.software();
        int suite = -1;
        for (int row = 0; row < software->rowCount(); ++row) {
            if (roleOf(*software, row, BuildSoftwareModel::ProductRole).toString() == QStringLiteral("Office suite"))
                suite = row;
        }
        QVERIFY(suite >= 0);
        QVERIFY(software->setPicked(suite, true));
        addLine(build.installation(), QStringLiteral("Deploy the image"), true, int(EvidenceKind::Scan));
        addLine(build.installation(), QStringLiteral("Install the Office suite"));
        addLine(build.stability(), QStringLiteral("Printing still works"));
        addLine(build.stability(), QStringLiteral("The dock's screens wake"), false, int(EvidenceKind::Note));
        addLine(build.acceptance(), QStringLiteral("The user signs in and opens their files"));
        QVERIFY2(build.canSubmit(), qPrintable(build.error()));
        QCOMPARE(failure(build.submit()), QString());
        QCOMPARE(build.status(), QStringLiteral("submitted"));
    }
    QVERIFY2(sync(*deviDesk, &why), qPrintable(why));

    // The release manager returns it once, with a reason; the build developer adds the line and
    // hands it in again; the release manager approves it, and then nobody can change it.
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    OfficeBench office;
    office.setSession(morgan.get());
    const QString returnReason = QStringLiteral("Add a line for joining the school's Wi-Fi");
    QCOMPARE(failure(office.returnBuild(v1, returnReason)), QString());
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    QVERIFY2(sync(*deviDesk, &why), qPrintable(why));
    {
        BuildForm build;
        build.setOffice(&bench);
        build.setBuildId(v1);
        QCOMPARE(build.returnedReason(), returnReason);
        QVERIFY(!build.readOnly());
        addLine(build.installation(), QStringLiteral("Join the school's Wi-Fi"));
        QCOMPARE(failure(build.submit()), QString());
    }
    QVERIFY2(sync(*deviDesk, &why), qPrintable(why));
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    QCOMPARE(failure(office.approveBuild(v1)), QString());
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    QVERIFY2(sync(*deviDesk, &why), qPrintable(why));
    {
        BuildForm build;
        build.setOffice(&bench);
        build.setBuildId(v1);
        QCOMPARE(build.status(), QStringLiteral("approved"));
        QVERIFY(build.readOnly());
        QCOMPARE(build.lineCount(), 6);
        QVERIFY(!failure(bench.submitBuild(v1)).isEmpty());
    }
    QCOMPARE(deviDesk->refusedChanges(), 0);

    // A rollout of three units for the installer.
    ReleasePlanForm plan;
    plan.setReleases(&releases);
    QCOMPARE(plan.serviceIndex(), 0); // the only releasable service, and the only site: chosen
    QCOMPARE(plan.siteIndex(), 0);
    QCOMPARE(plan.buildId(), v1);
    plan.setNumber(QStringLiteral("R-100"));
    plan.setKind(QStringLiteral("rollout"));
    plan.setUnits(3);
    plan.setTrigger(QStringLiteral("rfc"));
    plan.setTriggerRef(QStringLiteral("RFC-0001"));
    plan.setUserNotice(QStringLiteral("New laptops for the ICT suite this week."));
    plan.setInstallerChosen(samId, true);
    QVERIFY2(plan.canSubmit(), qPrintable(plan.missing()));
    const QVariantMap planned = plan.submit();
    QVERIFY2(planned.value(QStringLiteral("ok")).toBool(), qPrintable(plan.error()));
    const QString releaseId = planned.value(QStringLiteral("id")).toString();
    QVERIFY2(sync(*morgan, &why), qPrintable(why));

    // The installer's day: two units in, one of them backed out and installed again; the third
    // fails its acceptance test and waits.
    Tablet sam(m_tmp.filePath(QStringLiteral("sam")));
    QVERIFY2(sam.signIn(m_server->url(), QStringLiteral("sam"), &why), qPrintable(why));
    QVERIFY2(sam.sync(&why), qPrintable(why));
    const Release release = sam.release("R-100");
    QCOMPARE(QString::fromStdString(release.buildId.toString()), v1);
    const auto steps = sam.steps(release.buildId);
    QCOMPARE(steps.size(), std::size_t(6));
    std::vector<BuildStep> beforeAcceptance;
    std::vector<BuildStep> acceptance;
    for (const auto &step : steps)
        (step.part == StepPart::Acceptance ? acceptance : beforeAcceptance).push_back(step);
    QCOMPARE(acceptance.size(), std::size_t(1));
    const Id first = sam.addAsset(release.siteId, "5CG1000001");
    const Id second = sam.addAsset(release.siteId, "5CG1000002");
    const Id third = sam.addAsset(release.siteId, "5CG1000003");
    Id inst = sam.startInstallation(release.id, first);
    sam.recordChecklist(inst, steps);
    sam.signOff(inst, "Ms A. Okafor");
    inst = sam.startInstallation(release.id, second);
    sam.recordChecklist(inst, {steps[0]});
    sam.replica().recordBackOut({{}, inst, "Dock firmware failed", sam.userId(), Tablet::now()});
    inst = sam.startInstallation(release.id, second);
    sam.recordChecklist(inst, steps);
    sam.signOff(inst, "Mr B. Lee");
    const Id waiting = sam.startInstallation(release.id, third);
    sam.recordChecklist(waiting, beforeAcceptance);
    sam.recordChecklist(waiting, acceptance, StepOutcome::Fail);
    QVERIFY2(sam.sync(&why), qPrintable(why));

    // Meanwhile the build developer drafts version 2 from the approved one, and the release
    // manager approves it (version 1 retires) and moves the release to it.
    QVERIFY2(sync(*deviDesk, &why), qPrintable(why));
    const QVariantMap next = bench.draftBuild(serviceId, v1);
    QCOMPARE(failure(next), QString());
    const QString v2 = next.value(QStringLiteral("id")).toString();
    {
        BuildForm build;
        build.setOffice(&bench);
        build.setBuildId(v2);
        QCOMPARE(build.version(), 2);
        QCOMPARE(build.lineCount(), 6); // drafted from version 1
        QVERIFY(build.acceptance()->setTitle(0, QStringLiteral("The user signs in, opens their files and prints one")));
        QCOMPARE(failure(build.submit()), QString());
    }
    QVERIFY2(sync(*deviDesk, &why), qPrintable(why));
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    {
        BuildDiffModel diff;
        diff.setSession(morgan.get());
        diff.setFromBuildId(v1);
        diff.setToBuildId(v2);
        QCOMPARE(diff.rowCount(), 1); // the acceptance line, and nothing else
        QCOMPARE(roleOf(diff, 0, BuildDiffModel::KindRole).toString(), QStringLiteral("changed"));
        QCOMPARE(roleOf(diff, 0, BuildDiffModel::AfterRole).toString(),
                 QStringLiteral("The user signs in, opens their files and prints one"));
    }
    QCOMPARE(failure(office.approveBuild(v2)), QString());
    QVERIFY(morgan->store().buildProcedure(Id::parse(v1.toStdString()))->status == BuildStatus::Retired);
    {
        ReleasePlanForm move;
        move.setReleases(&releases);
        move.setReleaseId(releaseId);
        int index = -1;
        for (int i = 0; i < move.builds().size(); ++i) {
            if (move.builds().at(i).toMap().value(QStringLiteral("id")).toString() == v2)
                index = i;
        }
        QVERIFY(index >= 0);
        move.setBuildIndex(index);
        QVERIFY2(move.submit().value(QStringLiteral("ok")).toBool(), qPrintable(move.error()));
    }
    QVERIFY2(sync(*morgan, &why), qPrintable(why));

    // The unit under way keeps version 1, on the tablet and at the server; the release is on 2.
    QVERIFY2(sam.sync(&why), qPrintable(why));
    QCOMPARE(QString::fromStdString(sam.release("R-100").buildId.toString()), v2);
    QCOMPARE(QString::fromStdString(sam.store().installation(waiting)->buildId.toString()), v1);
    sam.replica().recordBackOut({{}, waiting, "The user's files did not open: profile not migrated", sam.userId(),
                                 Tablet::now()});
    QVERIFY2(sam.sync(&why), qPrintable(why));

    // The release manager, after a sync, sees each unit: two accepted (one installed again, its
    // back-out kept), one backed out with its reason, on version 1.
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    QCOMPARE(QString::fromStdString(morgan->store().installation(waiting)->buildId.toString()), v1);
    ReleaseFollowUpModel followUp;
    QAbstractItemModelTester tester(&followUp, QAbstractItemModelTester::FailureReportingMode::QtTest);
    followUp.setSession(morgan.get());
    followUp.setReleaseId(releaseId);
    QCOMPARE(followUp.rowCount(), 3);
    QCOMPARE(followUp.plan().status, QStringLiteral("in-progress"));
    QCOMPARE(followUp.plan().unitsDone, 2);
    QCOMPARE(followUp.plan().unitsBackedOut, 1);
    QCOMPARE(followUp.plan().unitsInstalledAgain, 1);
    QCOMPARE(roleOf(followUp, 0, ReleaseFollowUpModel::StateRole).toString(), QStringLiteral("backed-out"));
    QCOMPARE(roleOf(followUp, 0, ReleaseFollowUpModel::BackOutReasonRole).toString(),
             QStringLiteral("The user's files did not open: profile not migrated"));
    int again = -1;
    for (int row = 0; row < followUp.rowCount(); ++row) {
        if (roleOf(followUp, row, ReleaseFollowUpModel::InstalledAgainRole).toBool())
            again = row;
    }
    QVERIFY(again > 0);
    QCOMPARE(roleOf(followUp, again, ReleaseFollowUpModel::StateRole).toString(), QStringLiteral("accepted"));
    QVERIFY(roleOf(followUp, again, ReleaseFollowUpModel::HistoryRole).toString().contains(QStringLiteral("Dock firmware failed")));
    QCOMPARE(roleOf(followUp, again, ReleaseFollowUpModel::AcceptedByRole).toString(), QStringLiteral("Mr B. Lee"));
    ReleasesOverviewModel overview;
    overview.setSession(morgan.get());
    QCOMPARE(roleOf(overview, 0, ReleasesOverviewModel::UnitsDoneRole).toInt(), 2);
    QCOMPARE(roleOf(overview, 0, ReleasesOverviewModel::UnitsBackedOutRole).toInt(), 1);

    // Installed, accepted, closed with its review; the server has it, as a fresh tablet shows.
    QCOMPARE(failure(releases.setStatus(releaseId, QStringLiteral("installed"))), QString());
    QCOMPARE(failure(releases.setStatus(releaseId, QStringLiteral("accepted"))), QString());
    QCOMPARE(failure(releases.close(releaseId, QStringLiteral("Two of three in; the third waits for its profile."))),
             QString());
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    for (const AppSession *desk : {morgan.get(), deviDesk.get()}) {
        QCOMPARE(desk->pendingChanges(), 0);
        QCOMPARE(desk->refusedChanges(), 0);
    }
    const auto fresh = signedIn(QStringLiteral("morgan"), kManagerPassword);
    QVERIFY(fresh);
    const auto closed = fresh->store().releaseByNumber("R-100");
    QVERIFY(closed);
    QVERIFY(closed->status == ReleaseStatus::Closed);
    QCOMPARE(QString::fromStdString(closed->reviewNote), QStringLiteral("Two of three in; the third waits for its profile."));
    QCOMPARE(closed->installers.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(closed->buildId.toString()), v2);
    QVERIFY(fresh->store().userByName("devi")->role == Role::BuildDeveloper);
    QVERIFY(fresh->store().userByName("sam")->role == Role::Installer);
}

QTEST_MAIN(OfficeEndToEndTest)
#include "office_e2e_test.moc"
