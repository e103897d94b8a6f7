// The app's process stopped with SIGKILL in the middle of a checklist, then started again: it
// reopens at the same checklist and the same step, and every tap it had confirmed is there, once.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/workbench.h"

#include "store/store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using namespace rd::mobile;

class KillTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killedAfterConfirmedTapsReopensAtTheNextStep();
    void killedInTheMiddleOfTappingLosesNothing();

private:
    struct Counts {
        int results = 0;    // step results of the installation
        int outbox = 0;     // of them, queued for the server
    };
    Counts counts() const;
    QJsonObject report();
    /** Starts the driver tapping; returns once it said "tapped @p untilTap" (or failed). */
    bool startTapping(QProcess &driver, int taps, bool thenWait, int untilTap);

    QTemporaryDir m_dir;
    QString m_installation;
};

void KillTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    AppSession session(m_dir.path());
    QString why;
    QVERIFY2(prepareDemoTablet(session, QStringLiteral("sam"), &why), qPrintable(why));
    Workbench bench;
    bench.setSession(&session);
    const auto laptops = session.store().releaseByNumber("R-2026-047");
    auto q = session.store().database().query(
        "SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' AND "
        "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1");
    QVERIFY(q->step());
    const auto started = bench.startInstallation(QString::fromStdString(laptops->id.toString()),
                                                 QString::fromStdString(q->id(0).toString()), {}, {}, {}, {}, {});
    QVERIFY(started.value(QStringLiteral("ok")).toBool());
    m_installation = started.value(QStringLiteral("id")).toString();
}

KillTest::Counts KillTest::counts() const
{
    Store store(QDir(m_dir.path()).filePath(QStringLiteral("releasedesk.db")).toStdString());
    Counts c;
    const Id id = Id::parse(m_installation.toStdString());
    auto q = store.database().query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
    q->bind(1, id);
    q->step();
    c.results = static_cast<int>(q->int64(0));
    auto o = store.database().query("SELECT count(*) FROM outbox WHERE kind = 'recordStepResult' AND "
                                    "json_extract(payload, '$.installation_id') = ?1");
    o->bind(1, m_installation.toStdString());
    o->step();
    c.outbox = static_cast<int>(o->int64(0));
    return c;
}

QJsonObject KillTest::report()
{
    QProcess driver;
    driver.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    driver.start(QStringLiteral(RD_CHECKLIST_DRIVER_PATH), {QStringLiteral("--data"), m_dir.path(), QStringLiteral("--report")});
    if (!driver.waitForFinished(60000))
        return {};
    const QByteArray out = driver.readAllStandardOutput().trimmed();
    return QJsonDocument::fromJson(out.split('\n').constLast()).object();
}

bool KillTest::startTapping(QProcess &driver, int taps, bool thenWait, int untilTap)
{
    QStringList args{QStringLiteral("--data"), m_dir.path(), QStringLiteral("--tap"), QString::number(taps)};
    if (thenWait)
        args << QStringLiteral("--then-wait");
    // The first run opens the checklist itself; later runs find it where the app left it.
    if (report().value(QStringLiteral("page")).toString() != QLatin1String("checklistPage"))
        args << QStringLiteral("--open") << m_installation;
    driver.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    driver.start(QStringLiteral(RD_CHECKLIST_DRIVER_PATH), args);
    const QByteArray wanted = "tapped " + QByteArray::number(untilTap);
    QByteArray seen;
    while (driver.waitForReadyRead(60000)) {
        seen += driver.readAll();
        if (seen.contains(wanted))
            return true;
    }
    qWarning("driver said: %s", seen.constData());
    return false;
}

void KillTest::killedAfterConfirmedTapsReopensAtTheNextStep()
{
    const Counts before = counts();
    QCOMPARE(before.results, 0);
    QProcess driver;
    QVERIFY(startTapping(driver, 5, true, 5));
    driver.kill(); // SIGKILL: no clean-up of any kind
    QVERIFY(driver.waitForFinished(10000));
    QCOMPARE(driver.exitStatus(), QProcess::CrashExit);

    const Counts after = counts();
    QCOMPARE(after.results, 5);
    QCOMPARE(after.outbox, 5);
    const QJsonObject state = report();
    QCOMPARE(state.value(QStringLiteral("page")).toString(), QStringLiteral("checklistPage"));
    QCOMPARE(state.value(QStringLiteral("installationId")).toString(), m_installation);
    QCOMPARE(state.value(QStringLiteral("currentIndex")).toInt(), 5);
    QCOMPARE(state.value(QStringLiteral("recorded")).toInt(), 5);
}

void KillTest::killedInTheMiddleOfTappingLosesNothing()
{
    const Counts before = counts();
    QProcess driver;
    // Seven taps in a row; killed as soon as the second is confirmed, wherever the rest has got to
    // (the driver then waits rather than exit, so it is always the kill that stops it).
    QVERIFY(startTapping(driver, 7, true, 2));
    driver.kill();
    QVERIFY(driver.waitForFinished(10000));
    QCOMPARE(driver.exitStatus(), QProcess::CrashExit);

    const Counts after = counts();
    QVERIFY2(after.results >= before.results + 2, "a confirmed tap was lost");
    QVERIFY(after.results <= before.results + 7);
    QCOMPARE(after.outbox, after.results); // each result queued exactly once, none without the other
    const QJsonObject state = report();
    QCOMPARE(state.value(QStringLiteral("page")).toString(), QStringLiteral("checklistPage"));
    QCOMPARE(state.value(QStringLiteral("installationId")).toString(), m_installation);
    QCOMPARE(state.value(QStringLiteral("recorded")).toInt(), after.results);
    QCOMPARE(state.value(QStringLiteral("currentIndex")).toInt(), after.results);
}

QTEST_GUILESS_MAIN(KillTest)
#include "kill_test.moc"
