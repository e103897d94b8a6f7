// `releasedesk --sync` with no window, against the real server: exit codes and the local database.
#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class HeadlessTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void firstSyncFillsTheLocalDatabase();
    void laterSyncsUseTheKeptSignIn();
    void aWrongPasswordFailsInPlainWords();
    void syncWithoutADataFolderIsAUsageError();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    [[nodiscard]] static Run releasedesk(const QStringList &args, const QByteArray &input = {});
    [[nodiscard]] QString dataDir() const { return m_tmp.filePath(QStringLiteral("tablet")); }
};

HeadlessTest::Run HeadlessTest::releasedesk(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(RD_RELEASEDESK_PATH), args);
    Run run;
    if (!p.waitForStarted(30000)) {
        run.err = p.errorString();
        return run;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished(10000);
        run.err = QStringLiteral("releasedesk did not finish in 3 minutes");
        return run;
    }
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return run;
}

void HeadlessTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
}

void HeadlessTest::firstSyncFillsTheLocalDatabase()
{
    const auto run =
        releasedesk({QStringLiteral("--sync"), QStringLiteral("--data"), dataDir(),
                     QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--user"),
                     QStringLiteral("sam"), QStringLiteral("--password-stdin")},
                    "demo-password\n");
    QVERIFY2(run.exitCode == 0,
             qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(run.exitCode).arg(run.out, run.err)));
    QVERIFY2(run.out.contains(QStringLiteral("pull: ")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("Sync complete")), qPrintable(run.out));

    auto tablet = SyncedData::openReadOnly(QDir(dataDir()).filePath(QStringLiteral("releasedesk.db")));
    QVERIFY(SyncedData::count(*tablet, "SELECT count(*) FROM assets") > 100);
    QCOMPARE(SyncedData::count(*tablet, "SELECT count(*) FROM releases WHERE number = 'R-2026-047'"),
             std::int64_t(1));
    QVERIFY(SyncedData::count(*tablet, "SELECT count(*) FROM build_steps") > 0);
    auto server = SyncedData::openReadOnly(m_server->databasePath());
    RD_COMPARE_SYNCED(*server, "server", *tablet, "the tablet", SyncedData::sitesOf(*server, "sam"));
}

void HeadlessTest::laterSyncsUseTheKeptSignIn()
{
    const auto run = releasedesk({QStringLiteral("--sync"), QStringLiteral("--data"), dataDir()});
    QVERIFY2(run.exitCode == 0,
             qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(run.exitCode).arg(run.out, run.err)));
    QVERIFY2(run.out.contains(QStringLiteral("Sync complete")), qPrintable(run.out));
}

void HeadlessTest::aWrongPasswordFailsInPlainWords()
{
    const QString dir = m_tmp.filePath(QStringLiteral("other"));
    const auto run =
        releasedesk({QStringLiteral("--sync"), QStringLiteral("--data"), dir, QStringLiteral("--server"),
                     m_server->url().toString(), QStringLiteral("--user"), QStringLiteral("sam"),
                     QStringLiteral("--password-stdin")},
                    "not-the-password\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("name or password")), qPrintable(run.err));
}

void HeadlessTest::syncWithoutADataFolderIsAUsageError()
{
    const auto run = releasedesk({QStringLiteral("--sync"), QStringLiteral("--server"), m_server->url().toString()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--data")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(HeadlessTest)
#include "headless_test.moc"
