// One school tablet, several installers signing in on it one after another (issue 9): each person
// syncs as a device of their own, so Sam's unsent work is sent as Sam after Jo signs in, never as
// Jo and never lost; when Sam's sign-in no longer works, Sam's work waits for Sam.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QTest>

using rd::Id;

class SharedTabletTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void eachPersonsWorkIsSentAsThem();

private:
    /** The user who recorded step result @p id on the server, by name; empty when it is not there. */
    std::string recordedBy(const Id &id);
};

void SharedTabletTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
}

std::string SharedTabletTest::recordedBy(const Id &id)
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    auto q = server->query("SELECT u.name FROM step_results r JOIN users u ON u.id = r.recorded_by WHERE r.id = ?1");
    q->bind(1, id);
    return q->step() ? q->text(0) : std::string();
}

void SharedTabletTest::eachPersonsWorkIsSentAsThem()
{
    QString why;
    auto tablet = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(tablet, qPrintable(why));
    const Id samDevice = tablet->replica().currentDevice();
    const auto release = tablet->release("R-2026-047");
    const auto steps = tablet->steps(release.buildId);
    const auto units = tablet->freeUnits(release.siteId, "Latitude 3440", 3);

    // Sam works offline, then hands the tablet to Jo before syncing.
    const Id samInst = tablet->startInstallation(release.id, units.at(0));
    const Id samResult = tablet->recordStep(samInst, steps.front().id, "Sam's test");
    QCOMPARE(tablet->replica().pendingCount(), 2);
    RD_VERIFY_SIGN_IN(*tablet, m_server->url(), "jo");
    const Id joDevice = tablet->replica().currentDevice();
    QVERIFY(joDevice != samDevice);
    QCOMPARE(idText(tablet->userId()), idText(tablet->store().userByName("jo")->id));
    const Id joInst = tablet->startInstallation(release.id, units.at(1));
    const Id joResult = tablet->recordStep(joInst, steps.front().id, "Jo's test");
    QCOMPARE(tablet->replica().pendingCount(), 4);

    // One sync sends both: Sam's as Sam (on Sam's device), Jo's as Jo.
    RD_VERIFY_SYNC(*tablet);
    QCOMPARE(tablet->replica().pendingCount(), 0);
    QCOMPARE(recordedBy(samResult), std::string("sam"));
    QCOMPARE(recordedBy(joResult), std::string("jo"));
    {
        auto server = SyncedData::openReadOnly(m_server->databasePath());
        auto q = server->query("SELECT u.name, d.last_seq FROM sync_devices d JOIN users u ON u.id = d.user_id "
                               "WHERE d.device_id = ?1");
        q->bind(1, samDevice);
        QVERIFY(q->step());
        QCOMPARE(q->text(0), std::string("sam"));
        q->rewind();
        q->bind(1, joDevice);
        QVERIFY(q->step());
        QCOMPARE(q->text(0), std::string("jo"));
        QCOMPARE(q->int64(1), 2);
    }
    // Jo's first sync on the tablet pulled afresh for Jo: it holds the server's view for Jo.
    {
        auto server = SyncedData::openReadOnly(m_server->databasePath());
        RD_COMPARE_SYNCED(*server, "server", tablet->store().database(), "the tablet",
                          SyncedData::sitesOf(*server, "jo"));
    }

    // Sam signs in again and works; Jo signs in; Sam's sign-in is ended on the server meanwhile.
    RD_VERIFY_SIGN_IN(*tablet, m_server->url(), "sam");
    QCOMPARE(idText(tablet->replica().currentDevice()), idText(samDevice)); // Sam's own device again
    const Id later = tablet->recordStep(samInst, steps.at(1).id, "Sam again");
    RD_VERIFY_SIGN_IN(*tablet, m_server->url(), "jo");
    QVERIFY2(ServerProcess::runAdmin({QStringLiteral("expire-tokens"), QStringLiteral("--data"), m_server->dataDir()},
                                     &why),
             qPrintable(why));
    RD_VERIFY_SIGN_IN(*tablet, m_server->url(), "jo"); // Jo's own sign-in again; Sam's still ended
    QString summary;
    QVERIFY2(tablet->sync(&summary), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("Sam Okafor")), qPrintable(summary)); // "… wait for them"
    QCOMPARE(recordedBy(later), std::string());
    QCOMPARE(tablet->replica().pendingCount(samDevice), 1);

    // Sam signs in again: Sam's waiting work goes, as Sam.
    RD_VERIFY_SIGN_IN(*tablet, m_server->url(), "sam");
    RD_VERIFY_SYNC(*tablet);
    QCOMPARE(recordedBy(later), std::string("sam"));
    QCOMPARE(tablet->replica().pendingCount(), 0);

    // Alex works at the Lower School only: the tablet pulls afresh for Alex and keeps nothing of the
    // Upper School's inventory or releases.
    RD_VERIFY_SIGN_IN(*tablet, m_server->url(), "alex");
    QVERIFY(tablet->replica().freshPullPending());
    RD_VERIFY_SYNC(*tablet);
    QVERIFY(!tablet->replica().freshPullPending());
    {
        auto server = SyncedData::openReadOnly(m_server->databasePath());
        RD_COMPARE_SYNCED(*server, "server", tablet->store().database(), "the tablet",
                          SyncedData::sitesOf(*server, "alex"));
    }
    QCOMPARE(SyncedData::count(tablet->store().database(),
                               "SELECT count(*) FROM assets a JOIN sites s ON s.id = a.site_id WHERE s.code = 'RAU'"),
             0);
    QVERIFY(!tablet->store().releaseByNumber("R-2026-047"));
}

QTEST_GUILESS_MAIN(SharedTabletTest)
#include "sharedtablet_test.moc"
