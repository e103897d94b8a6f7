// cancel() in the middle of a sync leaves the outbox whole, and the next sync completes.
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

class CancelTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void cancelDuringAPushKeepsTheOutboxWhole();
    void cancelDuringAPullKeepsWhatArrived();

private:
    /** Runs a sync and cancels it (with a request in flight) at the first progress @p when accepts. */
    template <typename When>
    bool cancelledSync(Tablet &tablet, When when, QString *why);

    std::unique_ptr<Tablet> m_sam;
};

void CancelTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
    m_sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(m_sam, qPrintable(why));
}

template <typename When>
bool CancelTest::cancelledSync(Tablet &tablet, When when, QString *why)
{
    bool cancelled = false;
    auto connection = connect(&tablet.client(), &SyncClient::progress, this,
                              [&](SyncClient::Phase phase, qint64 rowsDone, qint64, qint64, qint64) {
                                  if (cancelled || !when(phase, rowsDone))
                                      return;
                                  cancelled = true;
                                  // The next request is sent when this slot returns; cancel it in flight.
                                  QTimer::singleShot(0, &tablet.client(), &SyncClient::cancel);
                              });
    QSignalSpy done(&tablet.client(), &SyncClient::finished);
    tablet.client().sync();
    const bool ended = !done.isEmpty() || done.wait(Tablet::kSyncTimeoutMs);
    disconnect(connection);
    if (!ended || !cancelled) {
        *why = ended ? QStringLiteral("the sync ended before it was cancelled")
                     : QStringLiteral("the sync did not end");
        return false;
    }
    *why = done.first().at(1).toString();
    if (done.first().at(0).toBool()) {
        *why = QStringLiteral("the sync completed although it was cancelled: ") + *why;
        return false;
    }
    return tablet.client().state() == SyncClient::State::Idle;
}

void CancelTest::cancelDuringAPushKeepsTheOutboxWhole()
{
    const auto release = m_sam->release("R-2026-047");
    const auto steps = m_sam->steps(release.buildId);
    const auto units = m_sam->freeUnits(release.siteId, "Latitude 3440", 1);
    QCOMPARE(units.size(), std::size_t(1));
    const Id inst = m_sam->startInstallation(release.id, units[0]);
    for (int i = 0; i < 1200; ++i)
        m_sam->recordStep(inst, steps[std::size_t(i) % steps.size()].id);
    const int queued = m_sam->replica().pendingCount();
    QCOMPARE(queued, 1201);

    QString why;
    QVERIFY2(cancelledSync(
                 *m_sam,
                 [](SyncClient::Phase phase, qint64 rowsDone) {
                     return phase == SyncClient::Phase::Push && rowsDone >= 500;
                 },
                 &why),
             qPrintable(why));
    // The first batch was acknowledged; the batch whose request was cut off, and the rest, wait.
    QCOMPARE(m_sam->replica().pendingCount(), queued - 500);

    RD_VERIFY_SYNC(*m_sam);
    QCOMPARE(m_sam->replica().pendingCount(), 0);
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    auto q = server->query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
    q->bindAll(inst);
    QVERIFY(q->step());
    QCOMPARE(q->int64(0), std::int64_t(1200));
    RD_COMPARE_SYNCED(*server, "server", m_sam->store().database(), "sam's tablet",
                      SyncedData::sitesOf(*server, "sam"));
}

void CancelTest::cancelDuringAPullKeepsWhatArrived()
{
    Tablet jo(m_tmp.filePath(QStringLiteral("jo")));
    auto tuning = jo.client().tuning();
    tuning.pullPage = 200;
    jo.client().setTuning(tuning);
    RD_VERIFY_SIGN_IN(jo, m_server->url(), "jo");

    QString why;
    QVERIFY2(cancelledSync(
                 jo,
                 [](SyncClient::Phase phase, qint64 rowsDone) {
                     return phase == SyncClient::Phase::Pull && rowsDone > 0;
                 },
                 &why),
             qPrintable(why));
    const auto cursor = jo.replica().pullCursor();
    QVERIFY2(cursor > 0, "the page applied before the cancel was kept");

    RD_VERIFY_SYNC(jo);
    QVERIFY(jo.replica().pullCursor() > cursor);
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", jo.store().database(), "jo's tablet",
                      SyncedData::sitesOf(*server, "jo"));
}

QTEST_GUILESS_MAIN(CancelTest)
#include "cancel_test.moc"
