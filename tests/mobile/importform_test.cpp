// The Import page's form without its page, on the release manager's demo tablet (no server): a
// Snipe-IT file with bad rows checked (each refused row by line, the list filtered by kind under
// QAbstractItemModelTester), imported through the Replica (one queued change per asset), the same
// file again with nothing to do, files that are no inventory, an installer refused; and the exports.
// tests/qml/tst_import.qml drives the same form through its page.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/inventoryexport.h"
#include "forms/importform.h"
#include "models/importoutcomesmodel.h"

#include "demo/snipeitsample.h"
#include "io/csv.h"
#include "store/store.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

class ImportFormTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void aSnipeItFileIsCheckedThenImportedOnce();
    void filesThatAreNoInventoryAreSaidSo();
    void onlyAReleaseManagerImports();
    void theInventoryAndAPeriodsInstallationsAreExported();

private:
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    [[nodiscard]] std::int64_t scalar(const std::string &sql) const
    {
        return m_session->store().database().scalar(sql);
    }
    void open(const QString &user)
    {
        m_session = std::make_unique<AppSession>(m_dir->filePath(QStringLiteral("tablet-") + user));
        QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
        QString why;
        QVERIFY2(prepareDemoTablet(*m_session, user, &why), qPrintable(why));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
};

void ImportFormTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    open(QStringLiteral("morgan"));
}

void ImportFormTest::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void ImportFormTest::aSnipeItFileIsCheckedThenImportedOnce()
{
    const auto sample = snipeItSample(m_session->store(), 400, 13);
    const QString path = writeFile(QStringLiteral("snipeit.csv"), QByteArray::fromStdString(sample.csv));
    const auto assetsBefore = scalar("SELECT count(*) FROM assets");

    ImportForm form;
    form.setSession(m_session.get());
    QAbstractItemModelTester tester(form.outcomes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(form.allowed());
    QCOMPARE(form.stage(), QStringLiteral("choose"));
    QVERIFY(!form.canCheck());
    form.setFile(QUrl::fromLocalFile(path).toString()); // as the file dialog gives it
    QCOMPARE(form.path(), path);
    QCOMPARE(form.fileName(), QStringLiteral("snipeit.csv"));
    QVERIFY(form.canCheck());
    QVERIFY(!form.canImport());

    QVERIFY(form.check());
    QCOMPARE(form.stage(), QStringLiteral("checked"));
    QCOMPARE(form.error(), QString());
    QCOMPARE(form.added(), sample.goodRows);
    QCOMPARE(form.refused(), 13);
    QCOMPARE(form.outcomes()->count(), 400);
    QVERIFY2(form.summary().contains(QStringLiteral("387 new")), qPrintable(form.summary()));
    QVERIFY2(form.fileNotes().contains(QStringLiteral("Snipe-IT columns")), qPrintable(form.fileNotes()));
    QVERIFY(form.canImport());
    QCOMPARE(scalar("SELECT count(*) FROM assets"), assetsBefore); // the dry run wrote nothing
    QCOMPARE(scalar("SELECT count(*) FROM outbox"), 0);

    // The refused rows, each with its line and reason.
    auto *outcomes = form.outcomes();
    outcomes->setKind(QStringLiteral("refused"));
    QCOMPARE(outcomes->rowCount(), 13);
    for (int i = 0; i < 13; ++i) {
        const auto index = outcomes->index(i);
        QCOMPARE(index.data(ImportOutcomesModel::LineRole).toInt(), sample.bad[static_cast<std::size_t>(i)].line);
        QCOMPARE(index.data(ImportOutcomesModel::KindWordsRole).toString(), QStringLiteral("Refused"));
        const auto detail = index.data(ImportOutcomesModel::DetailRole).toString();
        QVERIFY2(detail.contains(QString::fromStdString(sample.bad[static_cast<std::size_t>(i)].reason), Qt::CaseInsensitive),
                 qPrintable(detail));
    }
    outcomes->setKind(QStringLiteral("new"));
    QCOMPARE(outcomes->rowCount(), sample.goodRows);
    QCOMPARE(outcomes->index(0).data(ImportOutcomesModel::AssetTagRole).toString(), QStringLiteral("IMP-00001"));
    outcomes->setKind(QString());
    QCOMPARE(outcomes->rowCount(), 400);

    QSignalSpy imported(&form, &ImportForm::imported);
    const auto answer = form.submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    QCOMPARE(imported.count(), 1);
    QCOMPARE(imported.at(0).at(0).toInt(), sample.goodRows);
    QCOMPARE(form.stage(), QStringLiteral("imported"));
    QVERIFY(!form.canImport());
    QVERIFY2(form.summary().startsWith(QStringLiteral("Imported: 387 added, 0 updated")), qPrintable(form.summary()));
    QCOMPARE(scalar("SELECT count(*) FROM assets"), assetsBefore + sample.goodRows);
    // Each new asset is one change for the sync, as if it had been added by hand.
    QCOMPARE(scalar("SELECT count(*) FROM outbox WHERE kind = 'addAsset'"), sample.goodRows);
    QCOMPARE(m_session->pendingChanges(), sample.goodRows);

    // The same file again: nothing to import.
    ImportForm again;
    again.setSession(m_session.get());
    again.setFile(path);
    QVERIFY(again.check());
    QCOMPARE(again.added(), 0);
    QCOMPARE(again.unchanged(), sample.goodRows);
    QVERIFY(!again.canImport());
    QVERIFY(!again.submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(scalar("SELECT count(*) FROM outbox"), sample.goodRows);
}

void ImportFormTest::filesThatAreNoInventoryAreSaidSo()
{
    ImportForm form;
    form.setSession(m_session.get());
    const auto tryFile = [&](const QString &name, const QByteArray &bytes) {
        form.setFile(writeFile(name, bytes));
        const bool ok = form.check();
        return ok ? QString() : form.error();
    };
    QVERIFY(tryFile(QStringLiteral("empty.csv"), {}).contains(QStringLiteral("empty")));
    QVERIFY(tryFile(QStringLiteral("book.xlsx"), QByteArray("PK\x03\x04rest", 8)).contains(QStringLiteral("not CSV")));
    QVERIFY(tryFile(QStringLiteral("phones.csv"), "Name,Phone\r\nA,1\r\n").contains(QStringLiteral("no column")));
    QCOMPARE(form.stage(), QStringLiteral("choose"));
    QVERIFY(!form.canImport());
    // Windows-1252 with a £, quoted commas and line breaks: read right.
    QCOMPARE(tryFile(QStringLiteral("excel.csv"),
                     "Serial,Manufacturer,Model,Category,Location,Notes\r\n"
                     "SN-1,Dell,\"Latitude, 5440\",Laptop,RAU - Library,\"Cost \xA3" "450\r\nsecond line\"\r\n"),
             QString());
    QCOMPARE(form.added(), 1);
    QVERIFY(form.fileNotes().contains(QStringLiteral("Windows-1252")));
    QVERIFY(form.submit().value(QStringLiteral("ok")).toBool());
    QCOMPARE(m_session->store().findAssetsBySerial("SN-1").at(0).notes, std::string("Cost \xC2\xA3" "450\nsecond line"));

    form.setFile(m_dir->filePath(QStringLiteral("nowhere.csv")));
    QVERIFY(!form.check());
    QVERIFY2(form.error().contains(QStringLiteral("cannot be opened")), qPrintable(form.error()));
}

void ImportFormTest::onlyAReleaseManagerImports()
{
    open(QStringLiteral("sam"));
    ImportForm form;
    form.setSession(m_session.get());
    QVERIFY(!form.allowed());
    form.setFile(writeFile(QStringLiteral("one.csv"), "Serial,Manufacturer,Model,Category,Location\r\nSN-9,HP,X,Laptop,RAU\r\n"));
    QVERIFY(!form.check());
    QCOMPARE(form.error(), QStringLiteral("Only a release manager imports assets."));
    QVERIFY(!form.submit().value(QStringLiteral("ok")).toBool());
    QVERIFY(m_session->store().findAssetsBySerial("SN-9").empty());
    InventoryExport exporter;
    exporter.setSession(m_session.get());
    QVERIFY(!exporter.allowed());
    QVERIFY(!exporter.exportInventory(m_dir->filePath(QStringLiteral("x.csv"))).value(QStringLiteral("ok")).toBool());
}

void ImportFormTest::theInventoryAndAPeriodsInstallationsAreExported()
{
    InventoryExport exporter;
    exporter.setSession(m_session.get());
    QVERIFY(exporter.allowed());
    QVERIFY(exporter.suggestedFile(QStringLiteral("inventory")).endsWith(QStringLiteral(".csv")));
    const QString inventory = m_dir->filePath(QStringLiteral("inventory.csv"));
    const auto answer = exporter.exportInventory(QUrl::fromLocalFile(inventory).toString());
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    const auto assets = scalar("SELECT count(*) FROM assets");
    QCOMPARE(answer.value(QStringLiteral("count")).toLongLong(), assets);
    QFile f(inventory);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto table = io::readCsv(f.readAll().toStdString());
    QCOMPARE(static_cast<std::int64_t>(table.records.size()), assets + 1);

    // Read back: nothing to change.
    ImportForm form;
    form.setSession(m_session.get());
    form.setFile(inventory);
    QVERIFY(form.check());
    QCOMPARE(form.unchanged(), static_cast<int>(assets));

    const QString installs = m_dir->filePath(QStringLiteral("installations.csv"));
    QVERIFY(!exporter.exportInstallations(installs, QStringLiteral("2026-02-01"), QStringLiteral("2026-01-01"))
                 .value(QStringLiteral("ok"))
                 .toBool());
    const auto period = exporter.exportInstallations(installs, QStringLiteral("2000-01-01"), QStringLiteral("2100-01-01"));
    QVERIFY(period.value(QStringLiteral("ok")).toBool());
    QCOMPARE(period.value(QStringLiteral("count")).toLongLong(), scalar("SELECT count(*) FROM installations"));
}

QTEST_GUILESS_MAIN(ImportFormTest)
#include "importform_test.moc"
