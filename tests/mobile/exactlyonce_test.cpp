// A push batch sent twice, and a push whose answer was lost, are applied once.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using rd::Id;

class ExactlyOnceTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void theSameBatchPushedTwiceIsAppliedOnce();
    void aPushWhoseAnswerWasLostIsAppliedOnce();

private:
    /** POSTs @p body to /api/v1/push as the tablet would, with a plain QNetworkAccessManager. */
    QByteArray pushByHand(const QByteArray &body, int *status);
    [[nodiscard]] std::int64_t serverResults(const Id &installation);

    std::unique_ptr<Tablet> m_sam;
    QNetworkAccessManager m_network;
    Id m_installation;
    std::int64_t m_recorded = 0;
};

void ExactlyOnceTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
    m_sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(m_sam, qPrintable(why));
}

QByteArray ExactlyOnceTest::pushByHand(const QByteArray &body, int *status)
{
    QNetworkRequest request(QUrl(m_server->url().toString() + QStringLiteral("/api/v1/push")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization",
                         "Bearer " + QByteArray::fromStdString(*m_sam->store().meta("sync.access_token")));
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, body));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(30000)) {
        *status = -1;
        return {};
    }
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return reply->readAll();
}

std::int64_t ExactlyOnceTest::serverResults(const Id &installation)
{
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    auto q = server->query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
    q->bindAll(installation);
    return q->step() ? q->int64(0) : -1;
}

void ExactlyOnceTest::theSameBatchPushedTwiceIsAppliedOnce()
{
    const auto release = m_sam->release("R-2026-047");
    const auto steps = m_sam->steps(release.buildId);
    const auto units = m_sam->freeUnits(release.siteId, "Latitude 3440", 1);
    QCOMPARE(units.size(), std::size_t(1));
    m_installation = m_sam->startInstallation(release.id, units[0]);
    m_recorded = m_sam->recordChecklist(m_installation, steps);
    const int pending = m_sam->replica().pendingCount();
    QCOMPARE(pending, int(m_recorded) + 1);

    const auto body = m_sam->replica().nextPushBody(500);
    QVERIFY(body);
    const QByteArray bytes = QByteArray::fromStdString(*body);
    int status = 0;
    const QByteArray first = pushByHand(bytes, &status);
    QCOMPARE(status, 200);
    const QByteArray second = pushByHand(bytes, &status);
    QCOMPARE(status, 200);

    const auto firstResults = QJsonDocument::fromJson(first).object().value(u"results").toArray();
    const auto secondResults = QJsonDocument::fromJson(second).object().value(u"results").toArray();
    // The first answer lists nothing: everything up to last_applied_seq was simply applied.
    QVERIFY(firstResults.isEmpty());
    const auto lastApplied = QJsonDocument::fromJson(first).object().value(u"last_applied_seq").toInteger();
    QCOMPARE(QJsonDocument::fromJson(second).object().value(u"last_applied_seq").toInteger(), lastApplied);
    QCOMPARE(secondResults.size(), pending);
    for (const auto &r : secondResults)
        QCOMPARE(r.toObject().value(u"status").toString(), QStringLiteral("duplicate"));
    QCOMPARE(serverResults(m_installation), m_recorded);

    // The tablet takes the second answer as it would any: everything it sent is done.
    const auto outcome = m_sam->replica().acceptPushResponse(second.toStdString());
    QCOMPARE(outcome.duplicates, pending);
    QCOMPARE(m_sam->replica().pendingCount(), 0);

    RD_VERIFY_SYNC(*m_sam);
    QCOMPARE(serverResults(m_installation), m_recorded);
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", m_sam->store().database(), "sam's tablet",
                      SyncedData::sitesOf(*server, "sam"));
}

void ExactlyOnceTest::aPushWhoseAnswerWasLostIsAppliedOnce()
{
    QVERIFY(!m_installation.isNull());
    const auto steps = m_sam->steps(m_sam->release("R-2026-047").buildId);
    // Retests: step results are append-only facts, each its own record.
    for (int i = 0; i < 5; ++i)
        m_sam->recordStep(m_installation, steps[std::size_t(i)].id, "retest " + std::to_string(i));
    QCOMPARE(m_sam->replica().pendingCount(), 5);

    const auto body = m_sam->replica().nextPushBody(500);
    QVERIFY(body);
    int status = 0;
    const QByteArray answer = pushByHand(QByteArray::fromStdString(*body), &status);
    QCOMPARE(status, 200);
    Q_UNUSED(answer) // lost on the way back: the tablet never sees it
    QCOMPARE(m_sam->replica().pendingCount(), 5);
    QCOMPARE(serverResults(m_installation), m_recorded + 5);

    QString summary;
    QVERIFY2(m_sam->sync(&summary), qPrintable(summary));
    QCOMPARE(m_sam->replica().pendingCount(), 0);
    QCOMPARE(serverResults(m_installation), m_recorded + 5);
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", m_sam->store().database(), "sam's tablet",
                      SyncedData::sitesOf(*server, "sam"));
}

QTEST_GUILESS_MAIN(ExactlyOnceTest)
#include "exactlyonce_test.moc"
