// The server restored from its own backup, with the real syncserver and real tablets' sync clients
// (issue 9): two tablets push work, the server is backed up, both push more (acknowledged, so a
// tablet of old would have dropped it), a release manager signs in and works after the backup, and
// the server is restored. Then everyone syncs: the server ends with everything the tablets still
// hold, each record once, and every tablet equals a fresh pull.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using rd::Id;
using rd::mobile::SyncClient;

class RestoreTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void aRestoredServerGetsBackWhatTheTabletsKept();

private:
    /** Work on @p tablet: a new asset and a whole installation of it, and a retest on another unit. */
    struct Work {
        std::string serial;
        Id installation;
        std::vector<Id> results;
    };
    Work someWork(Tablet &tablet, const std::string &serial, int skip);
    /** How many rows of @p table the server holds with @p id. */
    std::int64_t onServer(const std::string &table, const Id &id);
    void compareWithServer(Tablet &tablet, const std::string &userName);
};

void RestoreTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
}

RestoreTest::Work RestoreTest::someWork(Tablet &tablet, const std::string &serial, int skip)
{
    const auto release = tablet.release("R-2026-047");
    const auto steps = tablet.steps(release.buildId);
    Work w{serial, {}, {}};
    const Id asset = tablet.addAsset(release.siteId, serial);
    w.installation = tablet.startInstallation(release.id, asset);
    tablet.recordChecklist(w.installation, steps);
    tablet.signOff(w.installation, "Ms R. Osei");
    const Id other = tablet.startInstallation(release.id, tablet.freeUnits(release.siteId, "Latitude 3440", 1, skip).at(0));
    w.results.push_back(tablet.recordStep(other, steps.front().id, "first try"));
    w.results.push_back(tablet.recordStep(other, steps.front().id, "retest"));
    return w;
}

std::int64_t RestoreTest::onServer(const std::string &table, const Id &id)
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    auto q = server->query("SELECT count(*) FROM " + table + " WHERE id = ?1");
    q->bind(1, id);
    q->step();
    return q->int64(0);
}

void RestoreTest::compareWithServer(Tablet &tablet, const std::string &userName)
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", tablet.store().database(), "the tablet",
                      SyncedData::sitesOf(*server, userName));
}

void RestoreTest::aRestoredServerGetsBackWhatTheTabletsKept()
{
    QString why;
    auto sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(sam, qPrintable(why));
    auto jo = demoTablet(QStringLiteral("jo"), &why);
    QVERIFY2(jo, qPrintable(why));

    // Before the backup: each tablet's work reaches the server.
    const auto samBefore = someWork(*sam, "RST-SAM-1", 0);
    const auto joBefore = someWork(*jo, "RST-JO-1", 2);
    RD_VERIFY_SYNC(*sam);
    RD_VERIFY_SYNC(*jo);
    const QString backup = m_tmp.filePath(QStringLiteral("nightly.db"));
    QVERIFY2(ServerProcess::runAdmin({QStringLiteral("backup"), QStringLiteral("--data"), m_server->dataDir(), backup},
                                     &why),
             qPrintable(why));

    // After it: more work, acknowledged; and a release manager signs in for the first time.
    const auto samAfter = someWork(*sam, "RST-SAM-2", 4);
    const auto joAfter = someWork(*jo, "RST-JO-2", 6);
    RD_VERIFY_SYNC(*sam);
    RD_VERIFY_SYNC(*jo);
    QCOMPARE(sam->replica().pendingCount(), 0);
    QCOMPARE(jo->replica().pendingCount(), 0);
    auto morgan = demoTablet(QStringLiteral("morgan"), &why);
    QVERIFY2(morgan, qPrintable(why));
    const Id asset = morgan->assetInRoom(morgan->release("R-2026-047").siteId);
    morgan->replica().setAssetUser(asset, "Exams officer");
    RD_VERIFY_SYNC(*morgan);
    const auto cursorBefore = morgan->replica().pullCursor();
    QVERIFY(onServer("installations", samAfter.installation) == 1);

    // The disk is lost: the server comes back from last night's backup.
    m_server->stop();
    const QString db = m_server->databasePath();
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(db + QLatin1String(suffix));
    QVERIFY(QFile::copy(backup, db));
    QVERIFY2(m_server->restart(), qPrintable(m_server->why()));
    QCOMPARE(onServer("installations", samAfter.installation), 0);
    for (auto *t : {sam.get(), jo.get(), morgan.get()})
        QVERIFY(t->client().setServerUrl(m_server->url().toString()));

    // Everyone syncs. The tablets signed in before the backup go on; the release manager's sign-in
    // is newer than the backup, so the server does not know it: sign in again, then sync.
    RD_VERIFY_SYNC(*sam);
    RD_VERIFY_SYNC(*jo);
    {
        QSignalSpy required(&morgan->client(), &SyncClient::signInRequired);
        QVERIFY(!morgan->sync(&why));
        QCOMPARE(required.count(), 1);
        QCOMPARE(morgan->replica().pendingCount(), 0); // nothing unsent, but the change is kept
        RD_VERIFY_SIGN_IN(*morgan, m_server->url(), "morgan");
        RD_VERIFY_SYNC(*morgan);
    }
    RD_VERIFY_SYNC(*sam); // each learns the others' resent work
    RD_VERIFY_SYNC(*jo);

    // Everything any tablet holds is on the server, once.
    for (const auto *w : {&samBefore, &joBefore, &samAfter, &joAfter}) {
        QCOMPARE(onServer("installations", w->installation), 1);
        QCOMPARE(SyncedData::count(*SyncedData::openReadOnly(db),
                                   "SELECT count(*) FROM assets WHERE serial = '" + w->serial + "'"),
                 1);
        QCOMPARE(SyncedData::count(*SyncedData::openReadOnly(db),
                                   "SELECT count(*) FROM signoffs WHERE installation_id = (SELECT id FROM "
                                   "installations WHERE asset_id = (SELECT id FROM assets WHERE serial = '" +
                                       w->serial + "'))"),
                 1);
        for (const Id &r : w->results)
            QCOMPARE(onServer("step_results", r), 1);
    }
    {
        auto server = SyncedData::openReadOnly(db);
        auto q = server->query("SELECT assigned_user FROM assets WHERE id = ?1");
        q->bind(1, asset);
        QVERIFY(q->step());
        QCOMPARE(QString::fromStdString(q->text(0)), QStringLiteral("Exams officer"));
    }
    // The release manager's cursor had passed the restored server's sequence: the tablet pulled
    // afresh and holds what the server holds, as do the others.
    QVERIFY(cursorBefore > 0);
    compareWithServer(*sam, "sam");
    compareWithServer(*jo, "jo");
    compareWithServer(*morgan, "morgan");
    for (auto *t : {sam.get(), jo.get(), morgan.get()}) {
        QCOMPARE(t->replica().pendingCount(), 0);
        QVERIFY(!t->replica().freshPullPending());
    }
}

QTEST_GUILESS_MAIN(RestoreTest)
#include "restore_test.moc"
