// The person form without its page: adding a person (name, display name, role, sites), changing a
// role and sites, switching someone off and on, and the signed-in release manager kept from locking
// themselves out, over the release manager's demo tablet (no server). tests/qml/tst_person.qml
// drives the same form through its page.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officepeople.h"
#include "forms/personform.h"

#include "store/store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

namespace {

QString idText(const Id &id)
{
    return QString::fromStdString(id.toString());
}

QString field(const QVariant &map, const char *key)
{
    return map.toMap().value(QString::fromLatin1(key)).toString();
}

} // namespace

class PersonFormTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void aNewPersonNeedsANameAndASite();
    void aPersonIsAddedWithTheirRoleAndSites();
    void aPersonsRoleAndSitesChangeAndTheyAreSwitchedOff();
    void theSignedInReleaseManagerCannotLockThemselvesOut();

private:
    std::unique_ptr<PersonForm> form(const QString &userId = {});
    [[nodiscard]] std::int64_t queued(const char *kind) const
    {
        auto q = m_session->store().database().query("SELECT count(*) FROM outbox WHERE kind = ?1");
        q->bind(1, kind);
        q->step();
        return q->int64(0);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<OfficePeople> m_people;
};

void PersonFormTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<AppSession>(m_dir->path());
    QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
    QString why;
    QVERIFY2(prepareDemoTablet(*m_session, QStringLiteral("morgan"), &why), qPrintable(why));
    m_people = std::make_unique<OfficePeople>();
    m_people->setSession(m_session.get());
}

void PersonFormTest::cleanup()
{
    m_people.reset();
    m_session.reset();
    m_dir.reset();
}

std::unique_ptr<PersonForm> PersonFormTest::form(const QString &userId)
{
    auto f = std::make_unique<PersonForm>();
    // QML sets the properties in no given order: the person first, then the actions.
    f->setUserId(userId);
    f->setPeople(m_people.get());
    return f;
}

void PersonFormTest::aNewPersonNeedsANameAndASite()
{
    const auto f = form();
    QVERIFY(f->isNew());
    QCOMPARE(f->role(), QStringLiteral("installer"));
    QCOMPARE(f->roleIndex(), 0);
    QCOMPARE(f->roles().size(), 3);
    QCOMPARE(field(f->roles().at(2), "name"), QStringLiteral("Release manager"));
    QCOMPARE(f->sites().size(), 2);
    QCOMPARE(f->nameError(), QString());
    QCOMPARE(f->missing(), QStringLiteral("Still needed: a sign-in name and at least one site."));
    QVERIFY(!f->canSubmit());

    f->setName(QStringLiteral("sam"));
    QCOMPARE(f->nameError(), QStringLiteral("The sign-in name sam is taken by Sam Okafor: choose another."));
    f->setName(QString(65, u'p'));
    QVERIFY2(f->nameError().startsWith(QStringLiteral("User name: is too long")), qPrintable(f->nameError()));
    f->setName(QStringLiteral("priya"));
    QCOMPARE(f->nameError(), QString());
    QCOMPARE(f->missing(), QStringLiteral("Still needed: at least one site."));
    // A release manager works at every site: none needs choosing.
    f->setRoleIndex(2);
    QCOMPARE(f->role(), QStringLiteral("release-manager"));
    QCOMPARE(f->missing(), QString());
    QVERIFY(f->canSubmit());
    f->setRole(QStringLiteral("head-teacher")); // not a role: nothing changes
    QCOMPARE(f->role(), QStringLiteral("release-manager"));
}

void PersonFormTest::aPersonIsAddedWithTheirRoleAndSites()
{
    const auto f = form();
    QSignalSpy saved(f.get(), &PersonForm::saved);
    f->setName(QStringLiteral("priya"));
    f->setDisplayName(QStringLiteral("Priya Shah"));
    f->setRole(QStringLiteral("build-developer"));
    const QString lower = field(f->sites().at(0), "id");
    f->setSiteChosen(lower, true);
    QVERIFY(f->canSubmit());
    const QVariantMap answer = f->submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    QCOMPARE(saved.count(), 1);
    const auto priya = m_session->store().userByName("priya");
    QVERIFY(priya);
    QCOMPARE(saved.at(0).at(0).toString(), idText(priya->id));
    QCOMPARE(priya->displayName, std::string("Priya Shah"));
    QVERIFY(priya->role == Role::BuildDeveloper);
    QVERIFY(priya->active);
    QCOMPARE(m_session->store().userSites(priya->id).size(), std::size_t(1));
    QCOMPARE(idText(m_session->store().userSites(priya->id).front()), lower);
    QCOMPARE(queued("addPerson"), 1);
    // Sent again (a double tap): the name is taken now, and nothing more is queued.
    QVERIFY(!f->canSubmit());
    QVERIFY(!f->submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(queued("addPerson"), 1);
}

void PersonFormTest::aPersonsRoleAndSitesChangeAndTheyAreSwitchedOff()
{
    auto &store = m_session->store();
    const auto alex = *store.userByName("alex");
    const auto f = form(idText(alex.id));
    QVERIFY(!f->isNew());
    QVERIFY(!f->isMe());
    QVERIFY(f->active());
    QCOMPARE(f->name(), QStringLiteral("alex"));
    QCOMPARE(f->displayName(), QStringLiteral("Alex Moreau"));
    QCOMPARE(f->role(), QStringLiteral("installer"));
    int chosen = 0;
    for (const auto &site : f->sites())
        chosen += site.toMap().value(QStringLiteral("chosen")).toBool();
    QCOMPARE(chosen, 1);
    QCOMPARE(f->missing(), QString());
    QCOMPARE(f->nameError(), QString()); // their own name is not "taken"

    // Both sites, and a build developer now.
    for (const auto &site : f->sites())
        f->setSiteChosen(field(site, "id"), true);
    f->setRole(QStringLiteral("build-developer"));
    QVERIFY2(f->submit().value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    QVERIFY(store.user(alex.id)->role == Role::BuildDeveloper);
    QCOMPARE(store.userSites(alex.id).size(), std::size_t(2));
    QCOMPARE(queued("setPersonFields"), 1);
    QCOMPARE(queued("setPersonSites"), 1);
    // No site left for someone who is not a release manager: said, not sent.
    for (const auto &site : f->sites())
        f->setSiteChosen(field(site, "id"), false);
    QCOMPARE(f->missing(), QStringLiteral("Still needed: at least one site."));
    QVERIFY(!f->submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(queued("setPersonSites"), 1);

    QSignalSpy person(f.get(), &PersonForm::personChanged);
    QVERIFY(f->setActive(false).value(QStringLiteral("ok")).toBool());
    QVERIFY(!f->active());
    QCOMPARE(person.count(), 1);
    QVERIFY(!store.user(alex.id)->active);
    QVERIFY(f->setActive(true).value(QStringLiteral("ok")).toBool());
    QVERIFY(store.user(alex.id)->active);
    QCOMPARE(queued("setPersonFields"), 3);
}

void PersonFormTest::theSignedInReleaseManagerCannotLockThemselvesOut()
{
    const auto f = form(idText(m_session->userId()));
    QVERIFY(f->isMe());
    QCOMPARE(f->role(), QStringLiteral("release-manager"));
    const QVariantMap off = f->setActive(false);
    QVERIFY(!off.value(QStringLiteral("ok")).toBool());
    QVERIFY2(f->error().contains(QStringLiteral("yourself")), qPrintable(f->error()));
    QVERIFY(f->active());
    f->setRole(QStringLiteral("installer"));
    QVERIFY(!f->submit().value(QStringLiteral("ok")).toBool());
    QVERIFY2(f->error().contains(QStringLiteral("release manager")), qPrintable(f->error()));
    QVERIFY(m_session->store().user(m_session->userId())->role == Role::ReleaseManager);
    // Their own display name may change.
    f->setRole(QStringLiteral("release-manager"));
    f->setDisplayName(QStringLiteral("Morgan Hale-Ward"));
    QVERIFY2(f->submit().value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    QCOMPARE(m_session->store().user(m_session->userId())->displayName, std::string("Morgan Hale-Ward"));
}

QTEST_MAIN(PersonFormTest)
#include "personform_test.moc"
