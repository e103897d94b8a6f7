// The service catalogue's form without its page, and the office's service actions: add, change,
// each field's error as typed, a name another service has, retire, and who may do each. Over the
// demo school's tablet (no server). The page's Qt Quick test (tests/qml/tst_serviceedit.qml)
// drives the same form by hand.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officebench.h"
#include "forms/serviceform.h"

#include "store/buildviews.h"
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

bool ok(const QVariantMap &answer)
{
    return answer.value(QStringLiteral("ok")).toBool();
}

/** A tablet with the demo school, @p user signed in, and its OfficeBench. */
struct Desk {
    QTemporaryDir dir;
    std::unique_ptr<AppSession> session;
    OfficeBench office;

    explicit Desk(const char *user)
    {
        session = std::make_unique<AppSession>(dir.path());
        QString why;
        if (!prepareDemoTablet(*session, QString::fromLatin1(user), &why))
            qFatal("the demo tablet cannot be prepared: %s", qPrintable(why));
        office.setSession(session.get());
    }
    Store &store() { return session->store(); }
    Id service(const char *name) { return *BuildViews(store()).serviceNamed(name); }
    std::int64_t outbox() { return store().database().scalar("SELECT count(*) FROM outbox"); }
};

} // namespace

class ServiceFormTest : public QObject {
    Q_OBJECT

private slots:
    void aServiceIsAddedWithWhatUsersGetAndItsOwner();
    void eachFieldSaysWhatIsWrongAsItIsTyped();
    void aServiceIsChangedOnlyWhenSomethingChanged();
    void onlyTheOfficeChangesTheCatalogue();
    void onlyAReleaseManagerRetiresAService();
};

void ServiceFormTest::aServiceIsAddedWithWhatUsersGetAndItsOwner()
{
    Desk devi("devi");
    ServiceForm f;
    f.setOffice(&devi.office);
    QSignalSpy saved(&f, &ServiceForm::saved);
    QVERIFY(f.adding());
    QVERIFY(!f.readOnly());
    QVERIFY(!f.canSubmit());
    QCOMPARE(f.ownerIndex(), 0); // no one
    QCOMPARE(f.owners().constFirst().toMap().value(QStringLiteral("id")).toString(), QString());
    QVERIFY(f.owners().size() > 3);

    f.setName(QStringLiteral("Visualiser"));
    f.setDescription(QStringLiteral("A document camera on the teacher's desk"));
    f.setUserBenefit(QStringLiteral("Show a book or a pupil's work on the board"));
    int devIndex = -1;
    for (int i = 0; i < f.owners().size(); ++i) {
        if (f.owners().at(i).toMap().value(QStringLiteral("name")).toString() == QStringLiteral("Devi Raman"))
            devIndex = i;
    }
    QVERIFY(devIndex > 0);
    f.setOwnerIndex(devIndex);
    QCOMPARE(f.ownerId(), idText(devi.session->userId()));
    QVERIFY(f.dirty());
    QVERIFY(f.canSubmit());

    const auto outbox = devi.outbox();
    const QVariantMap answer = f.submit();
    QVERIFY2(ok(answer), qPrintable(f.error()));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(devi.outbox(), outbox + 1);
    const auto stored = devi.store().service(devi.service("Visualiser"));
    QVERIFY(stored);
    QCOMPARE(stored->userBenefit, std::string("Show a book or a pupil's work on the board"));
    QVERIFY(stored->ownerId == std::optional<Id>(devi.session->userId()));
    // The form now holds the service as stored: nothing left to send.
    QVERIFY(!f.adding());
    QCOMPARE(f.serviceId(), answer.value(QStringLiteral("id")).toString());
    QVERIFY(!f.dirty());
    QVERIFY(!f.canSubmit());
}

void ServiceFormTest::eachFieldSaysWhatIsWrongAsItIsTyped()
{
    Desk devi("devi");
    ServiceForm f;
    f.setOffice(&devi.office);
    QCOMPARE(f.nameError(), QStringLiteral("The service name is required."));
    f.setName(QStringLiteral("Curriculum laptop"));
    QCOMPARE(f.nameError(), QStringLiteral("Another service is already called Curriculum laptop."));
    QVERIFY(!f.canSubmit());
    f.setName(QString(121, QLatin1Char('n')));
    QVERIFY2(f.nameError().contains(QStringLiteral("too long")), qPrintable(f.nameError()));
    f.setName(QStringLiteral("Sixth-form laptop"));
    QCOMPARE(f.nameError(), QString());
    f.setUserBenefit(QString(2001, QLatin1Char('b')));
    QVERIFY(f.userBenefitError().contains(QStringLiteral("what users get")));
    QVERIFY(!f.canSubmit());
    // Sent anyway: the core refuses it, and nothing is written.
    const auto outbox = devi.outbox();
    QVERIFY(!ok(f.submit()));
    QVERIFY(!f.error().isEmpty());
    QCOMPARE(devi.outbox(), outbox);
    f.setUserBenefit(QStringLiteral("A laptop of their own for coursework"));
    QVERIFY(f.canSubmit());
    // Its own name is not another service's.
    QVERIFY(ok(f.submit()));
    f.setName(QStringLiteral("Sixth-form laptop"));
    QCOMPARE(f.nameError(), QString());
}

void ServiceFormTest::aServiceIsChangedOnlyWhenSomethingChanged()
{
    Desk morgan("morgan");
    const Id kiosk = morgan.service("Library kiosk");
    ServiceForm f;
    f.setServiceId(idText(kiosk)); // QML sets the properties in no given order
    f.setOffice(&morgan.office);
    QCOMPARE(f.name(), QStringLiteral("Library kiosk"));
    QCOMPARE(f.description(), QStringLiteral("Catalogue search kiosk"));
    QVERIFY(!f.dirty());
    QVERIFY(!f.canSubmit());
    f.setUserBenefit(QStringLiteral("Find a book and where it is shelved"));
    f.setName(QStringLiteral("Library catalogue kiosk"));
    QVERIFY(f.canSubmit());
    const auto outbox = morgan.outbox();
    QVERIFY2(ok(f.submit()), qPrintable(f.error()));
    QCOMPARE(morgan.outbox(), outbox + 1); // one setServiceFields with both fields
    const auto stored = *morgan.store().service(kiosk);
    QCOMPARE(stored.name, std::string("Library catalogue kiosk"));
    QCOMPARE(stored.userBenefit, std::string("Find a book and where it is shelved"));
    QCOMPARE(f.serviceId(), idText(kiosk));
    QVERIFY(!f.canSubmit());
}

void ServiceFormTest::onlyTheOfficeChangesTheCatalogue()
{
    Desk sam("sam");
    QVERIFY(!sam.office.canEditServices());
    ServiceForm f;
    f.setOffice(&sam.office);
    QVERIFY(f.readOnly());
    f.setName(QStringLiteral("Games console"));
    QVERIFY(!f.canSubmit());
    const auto outbox = sam.outbox();
    const QVariantMap answer = f.submit();
    QVERIFY(!ok(answer));
    QCOMPARE(f.error(), QStringLiteral("Only release managers and build developers change the service catalogue."));
    QCOMPARE(sam.outbox(), outbox);
    QVERIFY(!BuildViews(sam.store()).serviceNamed("Games console"));
}

void ServiceFormTest::onlyAReleaseManagerRetiresAService()
{
    Desk devi("devi");
    QVERIFY(devi.office.canEditServices());
    QVERIFY(!devi.office.canRetireServices());
    const auto outbox = devi.outbox();
    const QVariantMap refused = devi.office.retireService(idText(devi.service("Library kiosk")));
    QVERIFY(!ok(refused));
    QCOMPARE(refused.value(QStringLiteral("error")).toString(), QStringLiteral("Only a release manager retires a service."));
    QCOMPARE(devi.outbox(), outbox);

    Desk morgan("morgan");
    QVERIFY(morgan.office.canRetireServices());
    const Id kiosk = morgan.service("Library kiosk");
    QVERIFY(ok(morgan.office.retireService(idText(kiosk))));
    QVERIFY(morgan.store().service(kiosk)->retiredAt);
    // A retired service no longer changes: its form is read-only, and the core says so.
    ServiceForm f;
    f.setOffice(&morgan.office);
    f.setServiceId(idText(kiosk));
    QVERIFY(f.retired());
    QVERIFY(f.readOnly());
    f.setName(QStringLiteral("Library kiosk 2"));
    QVERIFY(!f.canSubmit());
    QVERIFY(!ok(f.submit()));
    QVERIFY2(f.error().contains(QStringLiteral("retired")), qPrintable(f.error()));
    // A service with an open release stays: the core's refusal, in words.
    const QVariantMap open = morgan.office.retireService(idText(morgan.service("Curriculum laptop")));
    QVERIFY(!ok(open));
    QVERIFY(open.value(QStringLiteral("error")).toString().contains(QStringLiteral("still open")));
}

QTEST_GUILESS_MAIN(ServiceFormTest)

#include "serviceform_test.moc"
