// Setting a person's password from the app, online, against the real syncserver on 127.0.0.1: the
// sync client's POST /api/v1/password (refreshing the sign-in like a sync, refusals in words), and
// the People page's action, which first syncs a person added on this computer. The password is
// never queued or kept on the device.
#include "tablet.h"

#include "app/appsession.h"
#include "app/officepeople.h"

#include "store/store.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

class PasswordTest : public QObject, private DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();

    void aReleaseManagerSetsAPersonsPasswordOnline();
    void aPersonAddedHereIsSentFirstThenGetsTheirPassword();
    void refusalsAreSaidInWords();
    void offlineNothingIsSentOrKept();

private:
    /** An app session in a folder of its own, signed in as @p name with @p password and synced. */
    std::unique_ptr<AppSession> session(const QString &name, const QString &password = QStringLiteral("demo-password"));
    /** Whether @p name can sign in with @p password, on a fresh session. */
    bool canSignIn(const QString &name, const QString &password, QString *why = nullptr);
    /** Waits until the session has seen the server answer its health check. */
    static bool online(AppSession &s);
    static QString idOf(AppSession &s, const char *name)
    {
        return QString::fromStdString(s.store().userByName(name)->id.toString());
    }

    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
};

void PasswordTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
}

std::unique_ptr<AppSession> PasswordTest::session(const QString &name, const QString &password)
{
    m_dirs.push_back(std::make_unique<QTemporaryDir>());
    auto s = std::make_unique<AppSession>(m_dirs.back()->path());
    if (!s->ready())
        return nullptr;
    QSignalSpy signedIn(s->sync(), &SyncClient::signInFinished);
    s->signIn(m_server->url().toString(), name, password);
    if (!signedIn.wait(30000) || !signedIn.at(0).at(0).toBool())
        return nullptr;
    QSignalSpy synced(s->sync(), &SyncClient::finished);
    s->sync()->sync();
    if (!synced.wait(120000) || !synced.at(0).at(0).toBool())
        return nullptr;
    return s;
}

bool PasswordTest::canSignIn(const QString &name, const QString &password, QString *why)
{
    QTemporaryDir dir;
    AppSession s(dir.path());
    QSignalSpy signedIn(s.sync(), &SyncClient::signInFinished);
    s.signIn(m_server->url().toString(), name, password);
    if (!signedIn.wait(30000))
        return false;
    if (why)
        *why = signedIn.at(0).at(1).toString();
    return signedIn.at(0).at(0).toBool();
}

bool PasswordTest::online(AppSession &s)
{
    // Asked again until a check has answered (one may be under way already).
    QElapsedTimer timer;
    timer.start();
    while (!s.online() && timer.elapsed() < 10000) {
        s.checkOnline();
        QTest::qWait(20);
    }
    return s.online();
}

void PasswordTest::aReleaseManagerSetsAPersonsPasswordOnline()
{
    const auto morgan = session(QStringLiteral("morgan"));
    QVERIFY(morgan);
    QSignalSpy set(morgan->sync(), &SyncClient::passwordSet);
    morgan->sync()->setPassword(idOf(*morgan, "jo"), QStringLiteral("jo's new password"));
    QVERIFY(morgan->sync()->busy());
    QVERIFY(set.wait(30000));
    QVERIFY2(set.at(0).at(0).toBool(), qPrintable(set.at(0).at(1).toString()));
    QVERIFY(!morgan->sync()->busy());
    QCOMPARE(morgan->sync()->state(), SyncClient::State::Idle);

    QString why;
    QVERIFY2(canSignIn(QStringLiteral("jo"), QStringLiteral("jo's new password"), &why), qPrintable(why));
    QVERIFY(!canSignIn(QStringLiteral("jo"), QStringLiteral("demo-password")));
    // The sync goes on as before.
    QSignalSpy synced(morgan->sync(), &SyncClient::finished);
    morgan->sync()->sync();
    QVERIFY(synced.wait(60000));
    QVERIFY2(synced.at(0).at(0).toBool(), qPrintable(synced.at(0).at(1).toString()));
}

void PasswordTest::aPersonAddedHereIsSentFirstThenGetsTheirPassword()
{
    const auto morgan = session(QStringLiteral("morgan"));
    QVERIFY(morgan);
    QVERIFY(online(*morgan));
    OfficePeople people;
    people.setSession(morgan.get());
    User priya;
    priya.name = "priya";
    priya.displayName = "Priya Shah";
    priya.role = Role::Installer;
    const QVariantMap added = people.add(priya, {morgan->store().sites().front().id});
    QVERIFY2(added.value(QStringLiteral("ok")).toBool(), qPrintable(added.value(QStringLiteral("error")).toString()));
    QVERIFY(morgan->pendingChanges() > 0);

    // Straight to the server, she is not there yet: the client says so in words.
    QSignalSpy direct(morgan->sync(), &SyncClient::passwordSet);
    morgan->sync()->setPassword(added.value(QStringLiteral("id")).toString(), QStringLiteral("priya-password"));
    QVERIFY(direct.wait(30000));
    QVERIFY(!direct.at(0).at(0).toBool());
    QVERIFY2(direct.at(0).at(1).toString().contains(QStringLiteral("does not have this person yet")),
             qPrintable(direct.at(0).at(1).toString()));

    // The People page's action syncs first, then sets it.
    QSignalSpy finished(&people, &OfficePeople::passwordFinished);
    QSignalSpy synced(morgan->sync(), &SyncClient::finished);
    people.setPassword(added.value(QStringLiteral("id")).toString(), QStringLiteral("priya-password"));
    QVERIFY(people.settingPassword());
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(synced.count(), 1);
    QVERIFY(!people.settingPassword());
    QCOMPARE(morgan->pendingChanges(), 0);
    QString why;
    QVERIFY2(canSignIn(QStringLiteral("priya"), QStringLiteral("priya-password"), &why), qPrintable(why));

    // Nothing waiting: no sync this time.
    finished.clear();
    people.setPassword(added.value(QStringLiteral("id")).toString(), QStringLiteral("priya-password-2"));
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(synced.count(), 1);
    QVERIFY(canSignIn(QStringLiteral("priya"), QStringLiteral("priya-password-2")));
}

void PasswordTest::refusalsAreSaidInWords()
{
    const auto morgan = session(QStringLiteral("morgan"));
    QVERIFY(morgan);
    QSignalSpy set(morgan->sync(), &SyncClient::passwordSet);
    morgan->sync()->setPassword(idOf(*morgan, "alex"), QStringLiteral("short"));
    QVERIFY(set.wait(30000));
    QVERIFY(!set.at(0).at(0).toBool());
    QVERIFY2(set.at(0).at(1).toString().contains(QStringLiteral("at least 8")), qPrintable(set.at(0).at(1).toString()));

    // Not while a sync runs.
    set.clear();
    QSignalSpy synced(morgan->sync(), &SyncClient::finished);
    morgan->sync()->sync();
    morgan->sync()->setPassword(idOf(*morgan, "alex"), QStringLiteral("alex-password"));
    QCOMPARE(set.count(), 1);
    QVERIFY(!set.at(0).at(0).toBool());
    QVERIFY(synced.wait(60000));

    // Only a release manager sets passwords.
    const auto sam = session(QStringLiteral("sam"));
    QVERIFY(sam);
    QSignalSpy refused(sam->sync(), &SyncClient::passwordSet);
    sam->sync()->setPassword(idOf(*sam, "jo"), QStringLiteral("sam-chose-this"));
    QVERIFY(refused.wait(30000));
    QVERIFY(!refused.at(0).at(0).toBool());
    QVERIFY2(refused.at(0).at(1).toString().contains(QStringLiteral("only a release manager")),
             qPrintable(refused.at(0).at(1).toString()));
    QVERIFY(!canSignIn(QStringLiteral("jo"), QStringLiteral("sam-chose-this")));
}

void PasswordTest::offlineNothingIsSentOrKept()
{
    const auto morgan = session(QStringLiteral("morgan"));
    QVERIFY(morgan);
    QVERIFY(online(*morgan));
    OfficePeople people;
    people.setSession(morgan.get());
    const QString secret = QStringLiteral("never-kept-anywhere");

    // The server goes away: the health check says offline, and the page's action says when it can be set.
    m_server->stop();
    // Asked again until a check made after the stop has answered (one may be under way already).
    QTRY_VERIFY_WITH_TIMEOUT((morgan->checkOnline(), !morgan->online()), 10000);
    QSignalSpy finished(&people, &OfficePeople::passwordFinished);
    people.setPassword(idOf(*morgan, "alex"), secret);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("once this computer is online")),
             qPrintable(finished.at(0).at(1).toString()));
    // The client itself, asked anyway, fails at once in words rather than retrying.
    QSignalSpy set(morgan->sync(), &SyncClient::passwordSet);
    morgan->sync()->setPassword(idOf(*morgan, "alex"), secret);
    QVERIFY(set.wait(30000));
    QVERIFY(!set.at(0).at(0).toBool());
    QVERIFY2(set.at(0).at(1).toString().contains(QStringLiteral("The password was not set")),
             qPrintable(set.at(0).at(1).toString()));

    // Neither queued nor kept: no trace of it in the tablet's database.
    auto &db = morgan->store().database();
    QCOMPARE(db.scalar("SELECT count(*) FROM outbox WHERE instr(payload, 'never-kept-anywhere') > 0"), 0);
    QCOMPARE(db.scalar("SELECT count(*) FROM meta WHERE instr(value, 'never-kept-anywhere') > 0"), 0);
    QVERIFY(m_server->start());
}

QTEST_MAIN(PasswordTest)
#include "password_test.moc"
