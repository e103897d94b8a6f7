// The release manager's share of issue 10's "done when", end to end through the app's own C++
// objects (the forms, actions and models the pages use) against the real syncserver on 127.0.0.1,
// from a school with no demo data: `syncserver migrate`, one `syncserver user add` (the release
// manager), a site, and a service with an approved build procedure (the build developer's share,
// made here in the server's database: its pages are another test's). In the app the release
// manager adds an installer and sets their password online, plans a rollout of three units for
// them; the installer's tablet syncs, installs two (one backed out and installed again) and the
// third fails its acceptance test and is backed out; after a sync the release manager sees each
// unit's state and history, moves the release on and closes it with a review note, which a fresh
// tablet then receives from the server.
#include "tablet.h"

#include "app/appsession.h"
#include "app/officepeople.h"
#include "app/officereleases.h"
#include "forms/personform.h"
#include "forms/releaseplanform.h"
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

int indexOfName(const QVariantList &list, const QString &name)
{
    for (int i = 0; i < list.size(); ++i) {
        if (list.at(i).toMap().value(QStringLiteral("name")).toString() == name)
            return i;
    }
    return -1;
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
    Id manager;
    {
        // The server has no command for sites yet: the school's site, made in its database.
        Store store(QDir(data).filePath(QStringLiteral("releasedesk.db")).toStdString());
        const Id site = store.addSite({{}, "Riverside Academy", "RA", ""});
        store.addRoom({{}, site, "ICT Suite 1"});
        store.addRoom({{}, site, "Library"});
    }
    {
        QProcess add;
        add.setProcessChannelMode(QProcess::MergedChannels);
        add.start(ServerProcess::binary(),
                  {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("morgan"), QStringLiteral("--data"),
                   data, QStringLiteral("--role"), QStringLiteral("release-manager"), QStringLiteral("--site"),
                   QStringLiteral("RA"), QStringLiteral("--display-name"), QStringLiteral("Morgan Hale")});
        QVERIFY(add.waitForStarted(30000));
        add.write((kManagerPassword + u'\n').toUtf8());
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(60000));
        QVERIFY2(add.exitCode() == 0, add.readAll().constData());
    }
    {
        // The build developer's share, done: a service with an approved build procedure in four parts.
        Store store(QDir(data).filePath(QStringLiteral("releasedesk.db")).toStdString());
        manager = store.userByName("morgan")->id;
        const Id service = store.addService({{}, "Curriculum laptop", "", Tablet::now()});
        BuildProcedure b;
        b.serviceId = service;
        b.hardwareModel = "Dell Latitude 3440";
        b.backOutPlan = "Re-image with the previous build";
        b.createdBy = manager;
        b.createdAt = Tablet::now();
        b.steps = {{{}, StepPart::Installation, 1, "Deploy the image", "", true},
                   {{}, StepPart::Installation, 2, "Join the domain", "", true},
                   {{}, StepPart::Stability, 1, "Printing still works", "", true},
                   {{}, StepPart::Acceptance, 1, "The user signs in and opens their files", "", true}};
        const Id build = store.addBuildProcedure(b);
        store.submitBuild(build, manager, Tablet::now());
        store.approveBuild(build, manager, Tablet::now());
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
    OfficePeople people;
    people.setSession(morgan.get());
    OfficeReleases releases;
    releases.setSession(morgan.get());

    // The release manager adds an installer, and sets their password online (the person reaches
    // the server with a sync first).
    PersonForm person;
    person.setPeople(&people);
    person.setName(QStringLiteral("sam"));
    person.setDisplayName(QStringLiteral("Sam Okafor"));
    QCOMPARE(person.role(), QStringLiteral("installer"));
    person.setSiteChosen(person.sites().constFirst().toMap().value(QStringLiteral("id")).toString(), true);
    const QVariantMap added = person.submit();
    QVERIFY2(added.value(QStringLiteral("ok")).toBool(), qPrintable(person.error()));
    // Asked again until a health check has answered (one may be under way already).
    QTRY_VERIFY_WITH_TIMEOUT((morgan->checkOnline(), morgan->online()), 10000);
    QSignalSpy password(&people, &OfficePeople::passwordFinished);
    people.setPassword(added.value(QStringLiteral("id")).toString(), QStringLiteral("demo-password"));
    QVERIFY(password.wait(120000));
    QVERIFY2(password.at(0).at(0).toBool(), qPrintable(password.at(0).at(1).toString()));

    // A rollout of three units for the installer.
    ReleasePlanForm plan;
    plan.setReleases(&releases);
    QCOMPARE(plan.serviceIndex(), 0); // the only releasable service, and the only site: chosen
    QCOMPARE(plan.siteIndex(), 0);
    plan.setNumber(QStringLiteral("R-100"));
    plan.setKind(QStringLiteral("rollout"));
    plan.setUnits(3);
    plan.setTrigger(QStringLiteral("rfc"));
    plan.setTriggerRef(QStringLiteral("RFC-0001"));
    plan.setUserNotice(QStringLiteral("New laptops for the ICT suite this week."));
    plan.setInstallerChosen(plan.installers().at(indexOfName(plan.installers(), QStringLiteral("Sam Okafor")))
                                .toMap()
                                .value(QStringLiteral("id"))
                                .toString(),
                            true);
    QVERIFY2(plan.canSubmit(), qPrintable(plan.missing()));
    QVERIFY2(plan.submit().value(QStringLiteral("ok")).toBool(), qPrintable(plan.error()));
    QVERIFY2(sync(*morgan, &why), qPrintable(why));

    // The installer's day: two units in, one of them backed out and installed again; the third
    // fails its acceptance test and is backed out.
    Tablet sam(m_tmp.filePath(QStringLiteral("sam")));
    QVERIFY2(sam.signIn(m_server->url(), QStringLiteral("sam"), &why), qPrintable(why));
    QVERIFY2(sam.sync(&why), qPrintable(why));
    const Release release = sam.release("R-100");
    const auto steps = sam.steps(release.buildId);
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
    inst = sam.startInstallation(release.id, third);
    sam.recordChecklist(inst, {steps[0], steps[1], steps[2]});
    sam.recordChecklist(inst, {steps[3]}, StepOutcome::Fail);
    sam.replica().recordBackOut({{}, inst, "The user's files did not open: profile not migrated", sam.userId(),
                                 Tablet::now()});
    QVERIFY2(sam.sync(&why), qPrintable(why));

    // The release manager, after a sync, sees each unit: two accepted (one installed again, its
    // back-out kept), one backed out with its reason.
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    ReleaseFollowUpModel followUp;
    QAbstractItemModelTester tester(&followUp, QAbstractItemModelTester::FailureReportingMode::QtTest);
    followUp.setSession(morgan.get());
    followUp.setReleaseId(QString::fromStdString(release.id.toString()));
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
    const QString id = QString::fromStdString(release.id.toString());
    QCOMPARE(failure(releases.setStatus(id, QStringLiteral("installed"))), QString());
    QCOMPARE(failure(releases.setStatus(id, QStringLiteral("accepted"))), QString());
    QCOMPARE(failure(releases.close(id, QStringLiteral("Two of three in; the third waits for its profile."))),
             QString());
    QVERIFY2(sync(*morgan, &why), qPrintable(why));
    QCOMPARE(morgan->pendingChanges(), 0);
    QCOMPARE(morgan->refusedChanges(), 0);
    const auto fresh = signedIn(QStringLiteral("morgan"), kManagerPassword);
    QVERIFY(fresh);
    const auto closed = fresh->store().releaseByNumber("R-100");
    QVERIFY(closed);
    QVERIFY(closed->status == ReleaseStatus::Closed);
    QCOMPARE(QString::fromStdString(closed->reviewNote), QStringLiteral("Two of three in; the third waits for its profile."));
    QCOMPARE(closed->installers.size(), std::size_t(1));
}

QTEST_MAIN(OfficeEndToEndTest)
#include "office_e2e_test.moc"
