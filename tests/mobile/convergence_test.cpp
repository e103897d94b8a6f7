// Two tablets record offline, sync, and end with the same data as each other and the server;
// a room changed on both is decided by server order and the losing value is kept as a conflict.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using rd::Id;

class ConvergenceTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void twoTabletsEndWithTheServersData();
    void roomChangedOnBothTabletsKeepsTheLoserAsAConflict();
    void sameSerialOnBothTabletsBecomesOneAsset();

private:
    /** Each tablet syncs, then each once more, so that each has the other's work. */
    void syncBothTwice();
    void compareAll();

    std::unique_ptr<Tablet> m_sam;
    std::unique_ptr<Tablet> m_jo;
};

void ConvergenceTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
    m_sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(m_sam, qPrintable(why));
    m_jo = demoTablet(QStringLiteral("jo"), &why);
    QVERIFY2(m_jo, qPrintable(why));
    QVERIFY(m_sam->store().releaseByNumber("R-2026-047").has_value());
    QVERIFY(m_jo->store().releaseByNumber("R-2026-047").has_value());
}

void ConvergenceTest::syncBothTwice()
{
    RD_VERIFY_SYNC(*m_sam);
    RD_VERIFY_SYNC(*m_jo);
    RD_VERIFY_SYNC(*m_sam);
    RD_VERIFY_SYNC(*m_jo);
    QCOMPARE(m_sam->replica().pendingCount(), 0);
    QCOMPARE(m_jo->replica().pendingCount(), 0);
}

void ConvergenceTest::compareAll()
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    const auto samSites = SyncedData::sitesOf(*server, "sam");
    const auto joSites = SyncedData::sitesOf(*server, "jo");
    QVERIFY(!joSites.empty());
    RD_COMPARE_SYNCED(*server, "server", m_sam->store().database(), "sam's tablet", samSites);
    RD_COMPARE_SYNCED(*server, "server", m_jo->store().database(), "jo's tablet", joSites);
    // jo works at the Upper School only: the tablets share what is in both scopes.
    RD_COMPARE_SYNCED(m_sam->store().database(), "sam's tablet", m_jo->store().database(), "jo's tablet",
                      joSites);
}

void ConvergenceTest::twoTabletsEndWithTheServersData()
{
    const auto release = m_sam->release("R-2026-047");
    const auto steps = m_sam->steps(release.buildId);
    QVERIFY(steps.size() >= 3);
    // Both tablets see the same free units; each takes its own.
    const auto units = m_sam->freeUnits(release.siteId, "Latitude 3440", 2);
    QCOMPARE(units.size(), std::size_t(2));

    // sam: a unit through the whole checklist and its sign-off; a new laptop started.
    const Id samInstall = m_sam->startInstallation(release.id, units[0]);
    QCOMPARE(m_sam->recordChecklist(samInstall, steps), int(steps.size()));
    m_sam->signOff(samInstall, "Mr B. Clarke (Maths)");
    const Id samNew = m_sam->addAsset(release.siteId, "CONV-SAM-0001");
    const Id samNewInstall = m_sam->startInstallation(release.id, samNew);
    m_sam->recordStep(samNewInstall, steps[0].id, "unboxed, tag fitted");
    m_sam->recordStep(samNewInstall, steps[1].id);

    // jo, on the same release, offline at the same time.
    const Id joInstall = m_jo->startInstallation(release.id, units[1]);
    QCOMPARE(m_jo->recordChecklist(joInstall, steps), int(steps.size()));
    m_jo->signOff(joInstall, "Ms D. Evans (Science)");
    const Id joNew = m_jo->addAsset(release.siteId, "CONV-JO-0001");
    const Id joNewInstall = m_jo->startInstallation(release.id, joNew);
    m_jo->recordStep(joNewInstall, steps[0].id, "unboxed");

    QVERIFY(m_sam->replica().pendingCount() > 0);
    QVERIFY(m_jo->replica().pendingCount() > 0);
    syncBothTwice();

    auto server = SyncedData::openReadOnly(m_server->databasePath());
    for (const auto &[inst, results] :
         {std::pair{samInstall, steps.size()}, std::pair{joInstall, steps.size()},
          std::pair{samNewInstall, std::size_t(2)}, std::pair{joNewInstall, std::size_t(1)}}) {
        auto q = server->query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
        q->bindAll(inst);
        QVERIFY(q->step());
        QCOMPARE(q->int64(0), std::int64_t(results));
    }
    for (const Id &inst : {samInstall, joInstall}) {
        auto q = server->query("SELECT status FROM installations WHERE id = ?1");
        q->bindAll(inst);
        QVERIFY2(q->step(), "an installation made on a tablet is missing on the server");
        QCOMPARE(QString::fromStdString(q->text(0)), QStringLiteral("accepted"));
        auto s = server->query("SELECT count(*) FROM signoffs WHERE installation_id = ?1");
        s->bindAll(inst);
        QVERIFY(s->step());
        QCOMPARE(s->int64(0), std::int64_t(1));
    }
    // Each tablet has the other's work.
    QVERIFY(m_sam->store().installation(joInstall).has_value());
    QVERIFY(m_jo->store().installation(samInstall).has_value());
    QVERIFY(m_sam->store().asset(joNew).has_value());
    QVERIFY(m_jo->store().asset(samNew).has_value());
    compareAll();
}

void ConvergenceTest::roomChangedOnBothTabletsKeepsTheLoserAsAConflict()
{
    const auto site = m_sam->release("R-2026-047").siteId;
    const Id assetId = m_sam->assetInRoom(site, 3);
    const auto asset = m_sam->store().asset(assetId);
    QVERIFY(asset && asset->roomId);
    std::vector<Id> others;
    for (const auto &room : m_sam->store().rooms(site)) {
        if (room.id != *asset->roomId)
            others.push_back(room.id);
    }
    QVERIFY(others.size() >= 2);
    const Id samRoom = others[0];
    const Id joRoom = others[1];

    m_sam->replica().moveAsset(assetId, site, samRoom);
    m_jo->replica().moveAsset(assetId, site, joRoom);
    // sam reaches the server first, so sam's room stands by the server's order.
    syncBothTwice();

    auto server = SyncedData::openReadOnly(m_server->databasePath());
    {
        auto q = server->query("SELECT room_id FROM assets WHERE id = ?1");
        q->bindAll(assetId);
        QVERIFY(q->step());
        QCOMPARE(idText(q->optId(0)), idText(samRoom));
    }
    QCOMPARE(idText(m_sam->store().asset(assetId)->roomId), idText(samRoom));
    QCOMPARE(idText(m_jo->store().asset(assetId)->roomId), idText(samRoom));
    {
        auto q = server->query("SELECT kept_value, lost_value, resolved_at IS NULL FROM conflicts "
                               "WHERE table_name = 'assets' AND record_id = ?1 AND field = 'room_id'");
        q->bindAll(assetId);
        QVERIFY2(q->step(), "the server keeps no conflict for the room that lost");
        QCOMPARE(QString::fromStdString(q->text(0)), QString::fromStdString(samRoom.toString()));
        QCOMPARE(QString::fromStdString(q->text(1)), QString::fromStdString(joRoom.toString()));
        QCOMPARE(q->int64(2), std::int64_t(1));
        QVERIFY2(!q->step(), "one change that lost makes one conflict");
    }
    for (Tablet *t : {m_sam.get(), m_jo.get()}) {
        const auto open = t->replica().openConflicts();
        const auto it = std::find_if(open.begin(), open.end(), [&](const rd::sync::Conflict &c) {
            return c.recordId == assetId && c.field == "room_id";
        });
        QVERIFY2(it != open.end(), "a tablet does not show the conflict");
        QCOMPARE(it->table, std::string("assets"));
        QCOMPARE(it->keptValue, samRoom.toString());
        QCOMPARE(it->lostValue, joRoom.toString());
        QCOMPARE(idText(it->lostBy), idText(m_jo->userId()));
    }
    compareAll();
}

void ConvergenceTest::sameSerialOnBothTabletsBecomesOneAsset()
{
    const auto release = m_sam->release("R-2026-047");
    const auto steps = m_sam->steps(release.buildId);
    // The same laptop registered on both tablets (the label typed a little differently).
    const Id samCopy = m_sam->addAsset(release.siteId, "CONV-DUP-0042");
    const Id samInstall = m_sam->startInstallation(release.id, samCopy);
    m_sam->recordStep(samInstall, steps[0].id);
    const Id joCopy = m_jo->addAsset(release.siteId, "conv dup 0042");
    QVERIFY(samCopy != joCopy);
    syncBothTwice();

    auto server = SyncedData::openReadOnly(m_server->databasePath());
    const std::string sql =
        "SELECT count(*) FROM assets WHERE serial_norm = (SELECT serial_norm FROM assets WHERE id = X'" +
        QByteArray(reinterpret_cast<const char *>(samCopy.bytes().data()), 16).toHex().toStdString() + "')";
    QCOMPARE(SyncedData::count(*server, sql), std::int64_t(1));
    QCOMPARE(SyncedData::count(m_sam->store().database(), sql), std::int64_t(1));
    QCOMPARE(SyncedData::count(m_jo->store().database(), sql), std::int64_t(1));
    // The first to reach the server is kept; jo's copy is now that record.
    QVERIFY(m_jo->store().asset(samCopy).has_value());
    QVERIFY(!m_jo->store().asset(joCopy).has_value());
    QCOMPARE(idText(m_jo->store().installation(samInstall)->assetId), idText(samCopy));
    compareAll();
}

QTEST_GUILESS_MAIN(ConvergenceTest)
#include "convergence_test.moc"
