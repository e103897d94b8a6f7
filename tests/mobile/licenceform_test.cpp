// The licence form without its page: add a licence to the licence log, change one, each field's
// error as typed (a date that is not one, seats out of range), the warning for fewer seats than are
// given, and the key: the office's, never held for anyone else. Over the demo school's tablets (no
// server). The page's Qt Quick test (tests/qml/tst_licenceedit.qml) drives the same form by hand.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officelibrary.h"
#include "forms/licenceform.h"

#include "store/buildviews.h"
#include "store/libraryviews.h"
#include "store/store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

namespace {

struct Desk {
    QTemporaryDir dir;
    std::unique_ptr<AppSession> session;
    OfficeLibrary library;

    explicit Desk(const char *user)
    {
        session = std::make_unique<AppSession>(dir.path());
        QString why;
        if (!prepareDemoTablet(*session, QString::fromLatin1(user), &why))
            qFatal("the demo tablet cannot be prepared: %s", qPrintable(why));
        library.setSession(session.get());
    }
    Store &store() { return session->store(); }
    std::optional<Licence> licence(const std::string &name)
    {
        for (const auto &l : LibraryViews(store()).licences()) {
            if (l.licence.name == name)
                return l.licence;
        }
        return std::nullopt;
    }
    QString item(const std::string &product)
    {
        for (const auto &d : BuildViews(store()).dslCatalogue()) {
            if (d.product == product)
                return QString::fromStdString(d.id.toString());
        }
        return {};
    }
    std::int64_t outbox() { return store().database().scalar("SELECT count(*) FROM outbox"); }
};

} // namespace

class LicenceFormTest : public QObject {
    Q_OBJECT

private slots:
    void aLicenceIsAddedWithItsKeySeatsExpiryAndOrder();
    void eachFieldSaysWhatIsWrongAsItIsTyped();
    void fewerSeatsThanGivenIsAWarningNotAnError();
    void anInstallersFormHoldsNoKeyAndChangesNothing();
};

void LicenceFormTest::aLicenceIsAddedWithItsKeySeatsExpiryAndOrder()
{
    Desk devi("devi");
    LicenceForm f;
    f.setLibrary(&devi.library);
    QSignalSpy saved(&f, &LicenceForm::saved);
    QVERIFY(f.adding());
    QVERIFY(!f.readOnly());
    QCOMPARE(f.seats(), 1);
    QCOMPARE(f.dslItemIndex(), 0); // no software item
    QCOMPARE(f.dslItems().size(), 10);

    f.setName(QStringLiteral("GeoGebra classroom"));
    f.setKey(QStringLiteral("GGB-CLASS-4471"));
    f.setSeats(120);
    f.setExpiresOn(QStringLiteral("2027-07-31"));
    f.setSupplier(QStringLiteral("Softcat"));
    f.setPurchaseRef(QStringLiteral("PO-2231"));
    f.setDslItemId(devi.item("GeoGebra Classic"));
    QVERIFY(f.dslItemIndex() > 0);
    QVERIFY(f.canSubmit());
    const auto outbox = devi.outbox();
    const QVariantMap answer = f.submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f.error()));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(devi.outbox(), outbox + 1);
    const auto stored = devi.licence("GeoGebra classroom");
    QVERIFY(stored);
    QCOMPARE(stored->entitlement, std::string("GGB-CLASS-4471"));
    QCOMPARE(stored->seats, 120);
    QCOMPARE(stored->expiresOn, std::string("2027-07-31"));
    QCOMPARE(stored->supplier, std::string("Softcat"));
    QCOMPARE(stored->purchaseRef, std::string("PO-2231"));
    QCOMPARE(QString::fromStdString(stored->dslItemId->toString()), devi.item("GeoGebra Classic"));
    QVERIFY(!f.adding());
    QVERIFY(!f.dirty());

    // Changed: the key's change is kept in the history as changed, never its values.
    f.setKey(QStringLiteral("GGB-CLASS-5000"));
    f.setSeats(150);
    QVERIFY(f.submit().value(QStringLiteral("ok")).toBool());
    const auto history = LibraryViews(devi.store()).recordHistory(stored->id);
    QCOMPARE(history.size(), std::size_t(2));
    for (const auto &c : history) {
        if (c.change.field == "entitlement") {
            QCOMPARE(c.change.oldValue, std::optional<std::string>("(hidden)"));
            QCOMPARE(c.change.newValue, std::optional<std::string>("(hidden)"));
        }
    }
}

void LicenceFormTest::eachFieldSaysWhatIsWrongAsItIsTyped()
{
    Desk morgan("morgan");
    LicenceForm f;
    f.setLibrary(&morgan.library);
    QCOMPARE(f.nameError(), QStringLiteral("The licence name is required."));
    QCOMPARE(f.keyError(), QStringLiteral("The licence key or entitlement is required."));
    f.setName(QStringLiteral("Adobe Acrobat"));
    f.setKey(QStringLiteral("ETLA-2231"));
    QVERIFY(f.canSubmit());
    f.setExpiresOn(QStringLiteral("31/07/2027"));
    QVERIFY(f.expiresOnError().contains(QStringLiteral("YYYY-MM-DD")));
    QVERIFY(!f.canSubmit());
    f.setExpiresOn(QStringLiteral("2027-02-30"));
    QVERIFY(!f.expiresOnError().isEmpty());
    f.setExpiresOn({});
    f.setSeats(-1);
    QCOMPARE(f.seatsError(), QStringLiteral("The seats must be between 0 and 1000000."));
    QVERIFY(!f.canSubmit());
    f.setSeats(1000001);
    QVERIFY(!f.seatsError().isEmpty());
    f.setSeats(25);
    f.setPurchaseRef(QString(65, QLatin1Char('p')));
    QVERIFY(f.purchaseRefError().contains(QStringLiteral("too long")));
    // Sent anyway: the core refuses it, and nothing is written.
    const auto outbox = morgan.outbox();
    QVERIFY(!f.submit().value(QStringLiteral("ok")).toBool());
    QVERIFY(!f.error().isEmpty());
    QCOMPARE(morgan.outbox(), outbox);
    f.setPurchaseRef(QStringLiteral("INV-88"));
    QVERIFY(f.submit().value(QStringLiteral("ok")).toBool());
}

void LicenceFormTest::fewerSeatsThanGivenIsAWarningNotAnError()
{
    Desk morgan("morgan");
    const auto sims = *morgan.licence("SIMS .net client licences");
    LicenceForm f;
    f.setLibrary(&morgan.library);
    f.setLicenceId(QString::fromStdString(sims.id.toString()));
    QCOMPARE(f.key(), QStringLiteral("ESS-AGR-20417"));
    QCOMPARE(f.used(), 4);
    QCOMPARE(f.seats(), 6);
    QVERIFY(!f.dirty());
    f.setSeats(3);
    QCOMPARE(f.seatsWarning(), QStringLiteral("Seats given already: 4. Fewer bought leaves the licence over-used "
                                              "until some are taken back."));
    QCOMPARE(f.seatsError(), QString());
    QVERIFY(f.canSubmit());
    f.setSeats(4);
    QCOMPARE(f.seatsWarning(), QString());
    QVERIFY(f.submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(morgan.licence("SIMS .net client licences")->seats, 4);
    QCOMPARE(morgan.licence("SIMS .net client licences")->entitlement, std::string("ESS-AGR-20417")); // untouched
}

void LicenceFormTest::anInstallersFormHoldsNoKeyAndChangesNothing()
{
    Desk sam("sam");
    const auto sims = *sam.licence("SIMS .net client licences");
    QVERIFY(!sims.entitlement.empty()); // the demo tablet holds it; an installer's pull would not
    LicenceForm f;
    f.setLibrary(&sam.library);
    f.setLicenceId(QString::fromStdString(sims.id.toString()));
    QVERIFY(f.readOnly());
    QCOMPARE(f.key(), QString());
    QCOMPARE(f.name(), QStringLiteral("SIMS .net client licences"));
    f.setKey(QStringLiteral("typed"));
    QCOMPARE(f.key(), QString());
    f.setSeats(100);
    QVERIFY(!f.canSubmit());
    QVERIFY(!f.submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(sam.licence("SIMS .net client licences")->seats, 6);
}

QTEST_GUILESS_MAIN(LicenceFormTest)

#include "licenceform_test.moc"
