// The software item form without its page: add an item to the Definitive Software Library, change
// one, each field's error as typed (a product and version the library holds, a SHA-256 that is not
// one), what changed, and who may. Over the demo school's tablets (no server). The page's Qt Quick
// test (tests/qml/tst_dslitemedit.qml) drives the same form by hand.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officelibrary.h"
#include "forms/dslitemform.h"

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
    std::optional<DslItem> item(const std::string &product, const std::string &version)
    {
        for (const auto &d : BuildViews(store()).dslCatalogue()) {
            if (d.product == product && d.version == version)
                return store().dslItem(d.id); // the whole item (the catalogue leaves some fields out)
        }
        return std::nullopt;
    }
    std::int64_t outbox() { return store().database().scalar("SELECT count(*) FROM outbox"); }
};

const QString kSha = QStringLiteral("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");

} // namespace

class DslItemFormTest : public QObject {
    Q_OBJECT

private slots:
    void anItemIsAddedWithWhereItsMediaAndBuildSoftwareAre();
    void eachFieldSaysWhatIsWrongAsItIsTyped();
    void anItemIsChangedOnlyWhenSomethingChangedAndKeepsItsHistory();
    void onlyTheOfficeChangesTheLibrary();
};

void DslItemFormTest::anItemIsAddedWithWhereItsMediaAndBuildSoftwareAre()
{
    Desk devi("devi");
    DslItemForm f;
    f.setLibrary(&devi.library);
    QSignalSpy saved(&f, &DslItemForm::saved);
    QVERIFY(f.adding());
    QVERIFY(!f.readOnly());
    QVERIFY(!f.dirty());
    QVERIFY(!f.canSubmit());
    QCOMPARE(f.mediaKind(), QStringLiteral("download"));
    QCOMPARE(f.mediaKinds().size(), 5);
    QCOMPARE(f.licenceTypes().size(), 6);

    f.setProduct(QStringLiteral("Audacity"));
    f.setVersion(QStringLiteral("3.4.2"));
    f.setVendor(QStringLiteral("Audacity Team"));
    f.setMediaKindIndex(f.mediaKinds().size() - 1); // other
    QCOMPARE(f.mediaKind(), QStringLiteral("other"));
    f.setMediaKind(QStringLiteral("usb-drive"));
    QCOMPARE(f.mediaKindIndex(), 1);
    f.setMediaLocation(QStringLiteral("Cupboard B, shelf 3"));
    f.setBuildLocation(QStringLiteral("\\\\fs01\\dsl\\audacity-3.4.2.msi"));
    f.setBuildSha256(kSha);
    f.setLicenceType(QStringLiteral("free"));
    QCOMPARE(f.licenceTypeIndex(), 4);
    QVERIFY(f.dirty());
    QVERIFY(f.canSubmit());

    const auto outbox = devi.outbox();
    const QVariantMap answer = f.submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f.error()));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(devi.outbox(), outbox + 1);
    const auto stored = devi.item("Audacity", "3.4.2");
    QVERIFY(stored);
    QCOMPARE(stored->vendor, std::string("Audacity Team"));
    QVERIFY(stored->mediaKind == MediaKind::UsbDrive);
    QVERIFY(stored->licenceType == LicenceType::Free);
    QCOMPARE(stored->buildSha256, kSha.toLower().toStdString()); // kept in lower case
    QCOMPARE(QString::fromStdString(stored->buildLocation), QStringLiteral("\\\\fs01\\dsl\\audacity-3.4.2.msi"));
    // The form now holds the item as stored.
    QVERIFY(!f.adding());
    QCOMPARE(f.dslItemId(), answer.value(QStringLiteral("id")).toString());
    QVERIFY(!f.dirty());
}

void DslItemFormTest::eachFieldSaysWhatIsWrongAsItIsTyped()
{
    Desk devi("devi");
    DslItemForm f;
    f.setLibrary(&devi.library);
    QCOMPARE(f.productError(), QStringLiteral("The product is required."));
    QCOMPARE(f.versionError(), QStringLiteral("The version is required."));
    f.setProduct(QStringLiteral("SIMS .net"));
    f.setVersion(QStringLiteral("7.214"));
    QCOMPARE(f.versionError(), QStringLiteral("The library holds SIMS .net 7.214 already."));
    f.setVersion(QStringLiteral("7.215"));
    QCOMPARE(f.versionError(), QString());
    f.setVendor(QStringLiteral("ESS"));
    f.setBuildSha256(QStringLiteral("abc123"));
    QVERIFY2(f.buildSha256Error().contains(QStringLiteral("64 hexadecimal digits")), qPrintable(f.buildSha256Error()));
    QVERIFY(!f.canSubmit());
    f.setBuildSha256(kSha.left(63) + QLatin1Char('g'));
    QVERIFY(!f.buildSha256Error().isEmpty());
    f.setMediaLocation(QString(201, QLatin1Char('m')));
    QVERIFY(f.mediaLocationError().contains(QStringLiteral("too long")));
    // Sent anyway: the core refuses it, and nothing is written.
    const auto outbox = devi.outbox();
    QVERIFY(!f.submit().value(QStringLiteral("ok")).toBool());
    QVERIFY(!f.error().isEmpty());
    QCOMPARE(devi.outbox(), outbox);
    f.setMediaLocation(QStringLiteral("Cupboard A, shelf 1"));
    f.setBuildSha256({});
    QVERIFY(f.canSubmit());
    QVERIFY(f.submit().value(QStringLiteral("ok")).toBool());
    // Its own product and version are not another item's.
    QCOMPARE(f.versionError(), QString());
}

void DslItemFormTest::anItemIsChangedOnlyWhenSomethingChangedAndKeepsItsHistory()
{
    Desk morgan("morgan");
    const auto sims = *morgan.item("SIMS .net", "7.214");
    DslItemForm f;
    f.setLibrary(&morgan.library);
    f.setDslItemId(QString::fromStdString(sims.id.toString()));
    QVERIFY(!f.adding());
    QCOMPARE(f.product(), QStringLiteral("SIMS .net"));
    QCOMPARE(f.mediaKind(), QStringLiteral("disc"));
    QVERIFY(!f.dirty());
    f.setMediaLocation(QStringLiteral("Cupboard A, shelf 1 ")); // only space: not a change
    QVERIFY(!f.dirty());
    f.setMediaLocation(QStringLiteral("Safe in the bursar's office"));
    QVERIFY(f.dirty());
    f.setBuildSha256(kSha);
    QVERIFY(f.submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(morgan.store().dslItem(sims.id)->mediaLocation, std::string("Safe in the bursar's office"));
    const auto history = LibraryViews(morgan.store()).recordHistory(sims.id);
    QCOMPARE(history.size(), std::size_t(2));
    QCOMPARE(history.front().who, std::string("Morgan Hale"));
    QVERIFY(!f.dirty());
    f.setVendor(QStringLiteral("Capita"));
    f.revert();
    QCOMPARE(f.vendor(), QStringLiteral("ESS"));
}

void DslItemFormTest::onlyTheOfficeChangesTheLibrary()
{
    Desk sam("sam");
    DslItemForm f;
    f.setLibrary(&sam.library);
    f.setDslItemId(QString::fromStdString(sam.item("SIMS .net", "7.214")->id.toString()));
    QVERIFY(f.readOnly());
    f.setVendor(QStringLiteral("Capita"));
    QVERIFY(!f.canSubmit());
    QVERIFY(!f.submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(f.error(), QStringLiteral("Only release managers and build developers change the software library."));
    QCOMPARE(sam.store().dslItem(sam.item("SIMS .net", "7.214")->id)->vendor, std::string("ESS"));
}

QTEST_GUILESS_MAIN(DslItemFormTest)

#include "dslitemform_test.moc"
