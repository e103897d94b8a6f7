// An access token that expires in the middle of a sync: the client refreshes it and resumes, and
// its outbox is never dropped; a refresh the server refuses asks for a new sign-in, outbox whole.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using rd::Id;
using rd::mobile::SyncClient;

class TokenExpiryTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void expiresDuringAPull();
    void expiresDuringAPush();
    void aRefusedRefreshAsksToSignInAgain();

private:
    /** `syncserver expire-tokens`: access tokens only (the device refreshes), or every token. */
    enum class Expire { AccessOnly, All };
    [[nodiscard]] bool expireTokens(Expire which, QString *output);
    [[nodiscard]] std::int64_t serverResults(const Id &installation);
    [[nodiscard]] std::string accessToken() { return m_sam->store().meta("sync.access_token").value_or(""); }
    Id newInstallation(Tablet &tablet, int unitIndex);

    std::unique_ptr<Tablet> m_sam;
    std::unique_ptr<Tablet> m_jo;
};

void TokenExpiryTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
    m_sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(m_sam, qPrintable(why));
    m_jo = demoTablet(QStringLiteral("jo"), &why);
    QVERIFY2(m_jo, qPrintable(why));
}

bool TokenExpiryTest::expireTokens(Expire which, QString *output)
{
    QStringList args{QStringLiteral("expire-tokens"), QStringLiteral("--data"), m_server->dataDir()};
    if (which == Expire::AccessOnly)
        args << QStringLiteral("--access-only");
    return ServerProcess::runAdmin(args, output);
}

std::int64_t TokenExpiryTest::serverResults(const Id &installation)
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    auto q = server->query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
    q->bindAll(installation);
    return q->step() ? q->int64(0) : -1;
}

Id TokenExpiryTest::newInstallation(Tablet &tablet, int unitIndex)
{
    const auto release = tablet.release("R-2026-047");
    const auto units = tablet.freeUnits(release.siteId, "Latitude 3440", 1, unitIndex);
    if (units.empty())
        throw rd::NotFoundError("free unit", std::to_string(unitIndex));
    return tablet.startInstallation(release.id, units[0]);
}

void TokenExpiryTest::expiresDuringAPull()
{
    // jo's day reaches the server first, so that sam's pull has several pages to bring.
    const auto steps = m_jo->steps(m_jo->release("R-2026-047").buildId);
    const Id joInstall = newInstallation(*m_jo, 0);
    for (int i = 0; i < 600; ++i)
        m_jo->recordStep(joInstall, steps[std::size_t(i) % steps.size()].id);
    RD_VERIFY_SYNC(*m_jo);

    const Id samInstall = newInstallation(*m_sam, 1);
    m_sam->recordChecklist(samInstall, steps);
    const int queued = m_sam->replica().pendingCount();
    auto tuning = m_sam->client().tuning();
    tuning.pullPage = 100;
    m_sam->client().setTuning(tuning);

    const std::string tokenBefore = accessToken();
    bool expired = false;
    QString adminOutput;
    bool adminOk = false;
    auto connection = connect(&m_sam->client(), &SyncClient::progress, this,
                              [&](SyncClient::Phase phase, qint64 rowsDone, qint64, qint64, qint64) {
                                  if (expired || phase != SyncClient::Phase::Pull || rowsDone == 0)
                                      return;
                                  expired = true;
                                  // before the next page is asked for, which then meets a 401
                                  adminOk = expireTokens(Expire::AccessOnly, &adminOutput);
                              });
    QSignalSpy signInRequired(&m_sam->client(), &SyncClient::signInRequired);
    QString summary;
    const bool ok = m_sam->sync(&summary);
    disconnect(connection);
    QVERIFY(expired);
    QVERIFY2(adminOk, qPrintable(adminOutput));
    QVERIFY2(ok, qPrintable(summary));
    QCOMPARE(signInRequired.count(), 0);
    QVERIFY2(accessToken() != tokenBefore, "the client did not refresh its token");
    QCOMPARE(m_sam->replica().pendingCount(), 0);
    QCOMPARE(serverResults(samInstall), std::int64_t(queued - 1));
    QVERIFY(m_sam->store().installation(joInstall).has_value());

    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", m_sam->store().database(), "sam's tablet",
                      SyncedData::sitesOf(*server, "sam"));
}

void TokenExpiryTest::expiresDuringAPush()
{
    const auto steps = m_sam->steps(m_sam->release("R-2026-047").buildId);
    const Id inst = newInstallation(*m_sam, 2);
    for (int i = 0; i < 1200; ++i)
        m_sam->recordStep(inst, steps[std::size_t(i) % steps.size()].id);
    const int queued = m_sam->replica().pendingCount();
    QCOMPARE(queued, 1201);

    const std::string tokenBefore = accessToken();
    bool expired = false;
    int pendingAtExpiry = -1;
    QString adminOutput;
    bool adminOk = false;
    auto connection = connect(&m_sam->client(), &SyncClient::progress, this,
                              [&](SyncClient::Phase phase, qint64 rowsDone, qint64, qint64, qint64) {
                                  if (expired || phase != SyncClient::Phase::Push || rowsDone < 500)
                                      return;
                                  expired = true;
                                  pendingAtExpiry = m_sam->replica().pendingCount();
                                  adminOk = expireTokens(Expire::AccessOnly, &adminOutput);
                              });
    QSignalSpy signInRequired(&m_sam->client(), &SyncClient::signInRequired);
    QString summary;
    const bool ok = m_sam->sync(&summary);
    disconnect(connection);
    QVERIFY(expired);
    QVERIFY2(adminOk, qPrintable(adminOutput));
    QVERIFY2(ok, qPrintable(summary));
    QCOMPARE(signInRequired.count(), 0);
    QCOMPARE(pendingAtExpiry, queued - 500);
    QVERIFY2(accessToken() != tokenBefore, "the client did not refresh its token");
    QCOMPARE(m_sam->replica().pendingCount(), 0);
    QCOMPARE(serverResults(inst), std::int64_t(1200));

    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", m_sam->store().database(), "sam's tablet",
                      SyncedData::sitesOf(*server, "sam"));
}

void TokenExpiryTest::aRefusedRefreshAsksToSignInAgain()
{
    const auto steps = m_sam->steps(m_sam->release("R-2026-047").buildId);
    const Id inst = newInstallation(*m_sam, 3);
    for (int i = 0; i < 3; ++i)
        m_sam->recordStep(inst, steps[std::size_t(i)].id);
    const int queued = m_sam->replica().pendingCount();
    QCOMPARE(queued, 4);

    // The refresh token is no longer one the server knows (revoked, or the server was rebuilt).
    m_sam->store().setMeta("sync.refresh_token", "revoked-refresh-token");
    QString output;
    QVERIFY2(expireTokens(Expire::All, &output), qPrintable(output));

    QSignalSpy signInRequired(&m_sam->client(), &SyncClient::signInRequired);
    QString summary;
    QVERIFY2(!m_sam->sync(&summary), "a sync with no working token cannot complete");
    QCOMPARE(signInRequired.count(), 1);
    QVERIFY(!signInRequired.first().at(0).toString().isEmpty());
    QCOMPARE(m_sam->client().state(), SyncClient::State::Failed);
    QCOMPARE(m_sam->replica().pendingCount(), queued);
    QVERIFY2(m_sam->client().signedIn(), "the user is kept so that the app still works offline");

    RD_VERIFY_SIGN_IN(*m_sam, m_server->url(), "sam");
    RD_VERIFY_SYNC(*m_sam);
    QCOMPARE(m_sam->replica().pendingCount(), 0);
    QCOMPARE(serverResults(inst), std::int64_t(3));
}

QTEST_GUILESS_MAIN(TokenExpiryTest)
#include "tokenexpiry_test.moc"
