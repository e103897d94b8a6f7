// The server killed with SIGKILL in the middle of a push and of a pull, then restarted on the same
// data: the client resumes, and nothing is lost or applied twice.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using rd::Id;
using rd::mobile::SyncClient;

class CrashRecoveryTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void serverKilledDuringAPush();
    void serverKilledDuringAPull();

private:
    /** Runs a sync that the server's death ends; true when it ended in failure, as it should. */
    bool syncFailsWhenKilled(Tablet &tablet, QString *why);
    void compareWithServer(Tablet &tablet, const std::string &userName);

    std::unique_ptr<Tablet> m_sam;
};

void CrashRecoveryTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
    m_sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(m_sam, qPrintable(why));
}

bool CrashRecoveryTest::syncFailsWhenKilled(Tablet &tablet, QString *why)
{
    QSignalSpy done(&tablet.client(), &SyncClient::finished);
    tablet.client().sync();
    if (done.isEmpty() && !done.wait(Tablet::kSyncTimeoutMs)) {
        *why = QStringLiteral("the sync did not end");
        return false;
    }
    *why = done.first().at(1).toString();
    return !done.first().at(0).toBool();
}

void CrashRecoveryTest::compareWithServer(Tablet &tablet, const std::string &userName)
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", tablet.store().database(), "the tablet",
                      SyncedData::sitesOf(*server, userName));
}

void CrashRecoveryTest::serverKilledDuringAPush()
{
    const auto release = m_sam->release("R-2026-047");
    const auto steps = m_sam->steps(release.buildId);
    const auto units = m_sam->freeUnits(release.siteId, "Latitude 3440", 4);
    QCOMPARE(units.size(), std::size_t(4));
    // 2,000 step results over four units: a day's retests, several push batches.
    std::vector<Id> installations;
    for (const Id &unit : units) {
        const Id inst = m_sam->startInstallation(release.id, unit);
        installations.push_back(inst);
        for (int i = 0; i < 500; ++i)
            m_sam->recordStep(inst, steps[std::size_t(i) % steps.size()].id, "run " + std::to_string(i));
    }
    const int queued = m_sam->replica().pendingCount();
    QCOMPARE(queued, 2004);

    // When the first answer is applied and the next batch is on its way, pull the plug.
    bool killed = false;
    qint64 bytesAtFirstAnswer = -1;
    auto connection =
        connect(&m_sam->client(), &SyncClient::progress, this,
                [&](SyncClient::Phase phase, qint64 rowsDone, qint64, qint64 bytesDone, qint64) {
                    if (killed || phase != SyncClient::Phase::Push || rowsDone < 500)
                        return;
                    if (bytesAtFirstAnswer < 0) {
                        bytesAtFirstAnswer = bytesDone;
                        return;
                    }
                    if (bytesDone > bytesAtFirstAnswer || rowsDone > 500) {
                        killed = true;
                        m_server->kill();
                    }
                });
    QString why;
    const bool failed = syncFailsWhenKilled(*m_sam, &why);
    disconnect(connection);
    QVERIFY(killed);
    QVERIFY2(failed, qPrintable(QStringLiteral("the sync should have failed with the server dead: ") + why));
    const int left = m_sam->replica().pendingCount();
    QVERIFY2(left > 0 && left <= queued - 500,
             qPrintable(QStringLiteral("%1 mutations still queued of %2").arg(left).arg(queued)));

    QVERIFY2(m_server->restart(), qPrintable(m_server->why()));
    QVERIFY(m_sam->client().setServerUrl(m_server->url().toString()));
    RD_VERIFY_SYNC(*m_sam);
    QCOMPARE(m_sam->replica().pendingCount(), 0);

    auto server = SyncedData::openReadOnly(m_server->databasePath());
    for (const Id &inst : installations) {
        auto q =
            server->query("SELECT count(*), count(DISTINCT id) FROM step_results WHERE installation_id = ?1");
        q->bindAll(inst);
        QVERIFY(q->step());
        QCOMPARE(q->int64(0), std::int64_t(500));
        QCOMPARE(q->int64(1), std::int64_t(500));
    }
    compareWithServer(*m_sam, "sam");
}

void CrashRecoveryTest::serverKilledDuringAPull()
{
    // A fresh tablet's first sync, in small pages so that there are many.
    Tablet jo(m_tmp.filePath(QStringLiteral("jo")));
    auto tuning = jo.client().tuning();
    tuning.pullPage = 200;
    jo.client().setTuning(tuning);
    RD_VERIFY_SIGN_IN(jo, m_server->url(), "jo");

    bool killed = false;
    std::int64_t cursorAtKill = 0;
    auto connection = connect(&jo.client(), &SyncClient::progress, this,
                              [&](SyncClient::Phase phase, qint64 rowsDone, qint64, qint64, qint64) {
                                  if (killed || phase != SyncClient::Phase::Pull || rowsDone == 0)
                                      return;
                                  killed = true;
                                  cursorAtKill = jo.replica().pullCursor();
                                  // the next page is asked for when this slot returns: kill it in flight
                                  QTimer::singleShot(0, this, [this] { m_server->kill(); });
                              });
    QString why;
    const bool failed = syncFailsWhenKilled(jo, &why);
    disconnect(connection);
    QVERIFY(killed);
    QVERIFY2(failed, qPrintable(QStringLiteral("the sync should have failed with the server dead: ") + why));
    QVERIFY(cursorAtKill > 0);
    // The pages applied are kept: the pull resumes from there, not from the start.
    QVERIFY(jo.replica().pullCursor() >= cursorAtKill);

    QVERIFY2(m_server->restart(), qPrintable(m_server->why()));
    QVERIFY(jo.client().setServerUrl(m_server->url().toString()));
    RD_VERIFY_SYNC(jo);
    compareWithServer(jo, "jo");
}

QTEST_GUILESS_MAIN(CrashRecoveryTest)
#include "crashrecovery_test.moc"
