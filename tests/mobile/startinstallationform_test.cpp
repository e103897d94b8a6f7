// The "Start an installation" form without its page: the fields, their checks and errors, the
// installer's choices and overrides, and the start itself, over the demo school's tablet (no
// server). The page's own Qt Quick test (tests/qml/tst_start.qml) drives the same form by hand.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/workbench.h"
#include "forms/startinstallationform.h"

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

class StartInstallationFormTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void theReleaseGivesDefaultsRoomsAndTagFormat();
    void aNewAssetIsAddedAndStarted();
    void aKnownSerialIsOfferedAndUsed();
    void aTagInUseStaysInTheWay();
    void aRefusedSerialNeedsAReasonForItsOwnValue();
    void scansAreReadAsLabels();
    void withoutAWorkbenchNothingIsSent();

private:
    /** A form over the demo tablet's laptop rollout, as the page makes it. */
    std::unique_ptr<StartInstallationForm> form();
    [[nodiscard]] std::int64_t count(const char *table) const
    {
        return m_session->store().database().scalar(std::string("SELECT count(*) FROM ") + table);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<Workbench> m_bench;
    QString m_releaseId;
};

void StartInstallationFormTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<AppSession>(m_dir->path());
    QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
    QString why;
    QVERIFY2(prepareDemoTablet(*m_session, QStringLiteral("sam"), &why), qPrintable(why));
    m_bench = std::make_unique<Workbench>();
    m_bench->setSession(m_session.get());
    m_releaseId = idText(m_session->store().releaseByNumber("R-2026-047")->id);
}

void StartInstallationFormTest::cleanup()
{
    m_bench.reset();
    m_session.reset();
    m_dir.reset();
}

std::unique_ptr<StartInstallationForm> StartInstallationFormTest::form()
{
    auto f = std::make_unique<StartInstallationForm>();
    // QML sets the properties in no given order: the release first, then the Workbench.
    f->setReleaseId(m_releaseId);
    f->setWorkbench(m_bench.get());
    return f;
}

void StartInstallationFormTest::theReleaseGivesDefaultsRoomsAndTagFormat()
{
    const auto f = form();
    QCOMPARE(f->make(), QStringLiteral("Dell"));
    QCOMPARE(f->model(), QStringLiteral("Latitude 3440"));
    QCOMPARE(f->category(), QStringLiteral("Laptop"));
    // "Not yet known" first, then the rooms of the release's site.
    QVERIFY(f->rooms().size() > 2);
    QCOMPARE(field(f->rooms().constFirst(), "id"), QString());
    QCOMPARE(f->rooms().mid(1), m_bench->roomsForRelease(m_releaseId));
    QCOMPARE(f->roomId(), QString());
    QCOMPARE(f->roomIndex(), 0);
    QCOMPARE(f->assetTagPattern(), m_bench->tagPatternForRelease(m_releaseId));
    QVERIFY(!f->assetTagPattern().isEmpty());
    // Nothing typed: nothing wrong yet, and nothing to send.
    QCOMPARE(f->assetTagError(), QString());
    QCOMPARE(f->serialError(), QString());
    QVERIFY(f->duplicates().isEmpty());
    QVERIFY(!f->canSubmit());
    QVERIFY(!f->overrideOffered());
}

void StartInstallationFormTest::aNewAssetIsAddedAndStarted()
{
    const auto f = form();
    QSignalSpy started(f.get(), &StartInstallationForm::started);
    QSignalSpy checks(f.get(), &StartInstallationForm::checksChanged);
    f->setAssetTag(QStringLiteral("RAU-07001"));
    f->setSerial(QStringLiteral("9ZX-4471"));
    QVERIFY(checks.count() >= 2);
    QCOMPARE(f->assetTagError(), QString());
    QCOMPARE(f->serialError(), QString());
    QVERIFY(f->canSubmit());
    const QString room = field(f->rooms().at(2), "id");
    f->setRoomIndex(2); // as the page's list chooses it
    QCOMPARE(f->roomId(), room);
    f->setCategory(QStringLiteral("Staff laptop"));

    const auto assetsBefore = count("assets");
    const QVariantMap answer = f->submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    QCOMPARE(f->error(), QString());
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toString(), answer.value(QStringLiteral("id")).toString());
    QCOMPARE(count("assets"), assetsBefore + 1);
    const auto added = m_session->store().findAssetByTag("RAU-07001");
    QVERIFY(added);
    QCOMPARE(added->serial.value_or(""), std::string("9ZX-4471"));
    QCOMPARE(added->make, std::string("Dell"));
    QCOMPARE(added->model, std::string("Latitude 3440"));
    QCOMPARE(added->category, std::string("Staff laptop"));
    QCOMPARE(idText(added->roomId.value_or(Id())), room);
    const auto inst = m_session->store().installation(Id::parse(started.at(0).at(0).toString().toStdString()));
    QVERIFY(inst);
    QCOMPARE(idText(inst->assetId), idText(added->id));
}

void StartInstallationFormTest::aKnownSerialIsOfferedAndUsed()
{
    const auto known = m_session->store().findAssetByTag("RAU-00001");
    QVERIFY(known && known->serial);
    const auto f = form();
    // Typed in lower case: the same serial, said at once, with the asset to use.
    f->setSerial(QString::fromStdString(*known->serial).toLower());
    QCOMPARE(f->duplicates().size(), 1);
    QCOMPARE(field(f->duplicates().constFirst(), "assetTag"), QStringLiteral("RAU-00001"));
    QVERIFY(!f->serialError().isEmpty());
    QVERIFY(!f->canSubmit());
    QVERIFY(!f->useAsset(QStringLiteral("not-one-of-them")));

    QSignalSpy linked(f.get(), &StartInstallationForm::linkedAssetChanged);
    QVERIFY(f->useAsset(idText(known->id)));
    QCOMPARE(linked.count(), 1);
    QCOMPARE(f->linkedAssetId(), idText(known->id));
    QCOMPARE(field(f->linkedAsset(), "assetTag"), QStringLiteral("RAU-00001"));
    // The asset's room comes with it; nothing is in the way any more.
    QCOMPARE(f->roomId(), known->roomId ? idText(*known->roomId) : QString());
    QVERIFY(f->duplicates().isEmpty());
    QCOMPARE(f->serialError(), QString());
    QVERIFY(f->canSubmit());

    const auto assetsBefore = count("assets");
    const QVariantMap answer = f->submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    QCOMPARE(answer.value(QStringLiteral("assetId")).toString(), idText(known->id));
    QCOMPARE(count("assets"), assetsBefore);

    // Back to a new asset: the serial's owner is in the way again.
    f->clearAsset();
    QCOMPARE(f->linkedAssetId(), QString());
    QCOMPARE(f->duplicates().size(), 1);
    QVERIFY(!f->canSubmit());
}

void StartInstallationFormTest::aTagInUseStaysInTheWay()
{
    const auto f = form();
    f->setAssetTag(QStringLiteral("RAU-00002"));
    QCOMPARE(f->duplicates().size(), 1);
    QCOMPARE(field(f->duplicates().constFirst(), "assetTag"), QStringLiteral("RAU-00002"));
    QVERIFY(!f->assetTagError().isEmpty());
    // A new serial does not make the tag free.
    f->setSerial(QStringLiteral("NEW-SERIAL-77"));
    QCOMPARE(f->duplicates().size(), 1);
    QCOMPARE(f->serialError(), QString());
    QVERIFY(!f->canSubmit());

    // Sent anyway (as a stale screen would), the Workbench refuses it in words and writes nothing.
    QSignalSpy started(f.get(), &StartInstallationForm::started);
    QSignalSpy error(f.get(), &StartInstallationForm::errorChanged);
    const auto outbox = count("outbox");
    const QVariantMap answer = f->submit();
    QVERIFY(!answer.value(QStringLiteral("ok")).toBool());
    QCOMPARE(error.count(), 1);
    QVERIFY2(f->error().contains(QStringLiteral("RAU-00002")), qPrintable(f->error()));
    QCOMPARE(answer.value(QStringLiteral("error")).toString(), f->error());
    QCOMPARE(started.count(), 0);
    QCOMPARE(count("outbox"), outbox);
}

void StartInstallationFormTest::aRefusedSerialNeedsAReasonForItsOwnValue()
{
    const auto f = form();
    // The EAN-13 on the box, in the serial field.
    f->setSerial(QStringLiteral("4006381333931"));
    QVERIFY(f->serialRefused());
    QVERIFY(!f->serialError().isEmpty());
    QVERIFY(f->overrideOffered());
    QVERIFY(!f->canSubmit());
    QVERIFY(!f->overrideRefusals(QStringLiteral("   "))); // an override always has a reason
    QCOMPARE(f->serialOverride(), QString());

    QVERIFY(f->overrideRefusals(QStringLiteral("This maker prints the serial as digits only")));
    QCOMPARE(f->serialOverride(), QStringLiteral("This maker prints the serial as digits only"));
    QVERIFY(f->serialRefused()); // still what the rules said, taken on the installer's word
    QCOMPARE(f->serialError(), QString());
    QVERIFY(!f->overrideOffered());
    QVERIFY(f->canSubmit());

    // The override holds for the value it was given for: another text asks again.
    f->setSerial(QStringLiteral("4006381333931 "));
    QCOMPARE(f->serialOverride(), QString());
    QVERIFY(!f->canSubmit());
    // ... and a change to the tag leaves the serial's override alone.
    QVERIFY(f->overrideRefusals(QStringLiteral("Digits only, checked on the box")));
    f->setAssetTag(QStringLiteral("RAU-07003"));
    QCOMPARE(f->serialOverride(), QStringLiteral("Digits only, checked on the box"));
    QVERIFY(f->canSubmit());

    const QVariantMap answer = f->submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    const Id assetId = Id::parse(answer.value(QStringLiteral("assetId")).toString().toStdString());
    QCOMPARE(m_session->store().asset(assetId)->serial.value_or(""), std::string("4006381333931"));
    const auto overrides = m_session->store().scanOverrides(assetId);
    QCOMPARE(int(overrides.size()), 1);
    QCOMPARE(overrides[0].field, std::string("serial"));
    QCOMPARE(overrides[0].reason, std::string("Digits only, checked on the box"));
}

void StartInstallationFormTest::scansAreReadAsLabels()
{
    const auto f = form();
    // A finished scan loses the label's prefix; typing keeps what is typed.
    f->takeScannedSerial(QStringLiteral("S/N: 5CG3141XYZ"));
    QCOMPARE(f->serial(), QStringLiteral("5CG3141XYZ"));
    QVERIFY(!f->serialRefused());
    f->setSerial(QStringLiteral("S/N: 5CG3141XYZ"));
    QCOMPARE(f->serial(), QStringLiteral("S/N: 5CG3141XYZ"));
    QVERIFY(f->canSubmit()); // the rules read the label as the start will

    // The camera page's pair, with a refused serial taken there on the installer's word.
    f->takeScan(QStringLiteral("RAU-07004"), QStringLiteral("00:1A:2B:3C:4D:5E"), true,
                QStringLiteral("Test rig: the label is the MAC"));
    QCOMPARE(f->assetTag(), QStringLiteral("RAU-07004"));
    QCOMPARE(f->serial(), QStringLiteral("00:1A:2B:3C:4D:5E"));
    QVERIFY(f->serialRefused());
    QCOMPARE(f->serialOverride(), QStringLiteral("Test rig: the label is the MAC"));
    QCOMPARE(f->assetTagOverride(), QString()); // the tag was not refused: nothing to take on anyone's word
    QVERIFY(f->canSubmit());
}

void StartInstallationFormTest::withoutAWorkbenchNothingIsSent()
{
    StartInstallationForm f;
    f.setReleaseId(m_releaseId);
    f.setSerial(QStringLiteral("9ZX-4472"));
    QVERIFY(!f.canSubmit());
    QSignalSpy started(&f, &StartInstallationForm::started);
    const QVariantMap answer = f.submit();
    QVERIFY(!answer.value(QStringLiteral("ok")).toBool());
    QVERIFY(!f.error().isEmpty());
    QCOMPARE(started.count(), 0);
    // Given one later, the form reads the release then.
    f.setWorkbench(m_bench.get());
    QCOMPARE(f.make(), QStringLiteral("Dell"));
    QVERIFY(f.canSubmit());
}

QTEST_GUILESS_MAIN(StartInstallationFormTest)

#include "startinstallationform_test.moc"
