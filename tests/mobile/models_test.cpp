// The app's list models and the installer's actions, over the demo school's tablet (no server).
// Every model runs under QAbstractItemModelTester, which fails the test on any broken contract.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/workbench.h"
#include "models/checklistmodel.h"
#include "models/conflictsmodel.h"
#include "models/inventorymodel.h"
#include "models/releasesmodel.h"
#include "models/unitsmodel.h"

#include "store/store.h"
#include "store/views.h"
#include "sync/replica.h"

#include <QAbstractItemModelTester>
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

QVariant roleOf(const QAbstractItemModel &model, int row, int role)
{
    return model.data(model.index(row, 0), role);
}

/** The rows' values of @p role, in order. */
QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << roleOf(model, i, role).toString();
    return out;
}

} // namespace

class ModelsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void todayListsTheInstallersOpenReleasesByDate();
    void officeRolesSeeEveryOpenRelease();
    void aReleaseShowsItsBuildAndUnits();
    void checklistRecordsEachTapAndMovesOn();
    void checklistRefusesWhatTheStoreRefuses();
    void signOffNeedsEveryRequiredLine();
    void startingTwiceOnOneSerialLinksTheSameAsset();
    void aDuplicateSerialIsFoundAsTyped();
    void aStartThatFailsLeavesNothingBehind();
    void aRefusedLabelNeedsAReasonAndIsRecorded();
    void inventorySearchesSerialTagAndRoomAndLoadsLazily();
    void historyListsEveryStepOnAnAsset();
    void conflictsShowBothValuesInWords();
    void modelsReadAgainAfterAnyLocalChange();

private:
    /** A model under the contract checker for the rest of the test. */
    template <typename Model>
    Model *checked()
    {
        auto *model = new Model(this);
        m_owned.push_back(std::unique_ptr<QObject>(model));
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        model->setSession(m_session.get());
        return model;
    }
    Release release(const char *number) { return *m_session->store().releaseByNumber(number); }
    /** An in-stock Latitude 3440 at the laptops' site that has no installation yet. */
    Asset freeLaptop(int skip = 0);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::vector<std::unique_ptr<QObject>> m_owned;
};

void ModelsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<AppSession>(m_dir->path());
    QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
    QString why;
    QVERIFY2(prepareDemoTablet(*m_session, QStringLiteral("sam"), &why), qPrintable(why));
}

void ModelsTest::cleanup()
{
    m_testers.clear();
    m_owned.clear();
    m_session.reset();
    m_dir.reset();
}

Asset ModelsTest::freeLaptop(int skip)
{
    auto &db = m_session->store().database();
    auto q = db.query("SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' AND "
                      "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1 OFFSET ?1");
    q->bind(1, skip);
    if (!q->step())
        return {};
    return *m_session->store().asset(q->id(0));
}

void ModelsTest::todayListsTheInstallersOpenReleasesByDate()
{
    auto *model = checked<ReleasesModel>();
    QCOMPARE(column(*model, ReleasesModel::NumberRole),
             QStringList({QStringLiteral("R-2026-048"), QStringLiteral("R-2026-047"), QStringLiteral("R-2026-049")}));
    const int laptops = column(*model, ReleasesModel::NumberRole).indexOf(QStringLiteral("R-2026-047"));
    QCOMPARE(roleOf(*model, laptops, ReleasesModel::UnitsRole).toInt(), 30);
    QCOMPARE(roleOf(*model, laptops, ReleasesModel::UnitsStartedRole).toInt(), 2);
    QCOMPARE(roleOf(*model, laptops, ReleasesModel::UnitsDoneRole).toInt(), 0);
    QCOMPARE(roleOf(*model, laptops, ReleasesModel::ServiceRole).toString(), QStringLiteral("Curriculum laptop"));
    QCOMPARE(roleOf(*model, laptops, ReleasesModel::BuildVersionRole).toInt(), 2);
    // Dates are in order; the closed release of last month is not there.
    const QStringList dates = column(*model, ReleasesModel::PlannedDateRole);
    QVERIFY(std::is_sorted(dates.begin(), dates.end()));
    QVERIFY(!column(*model, ReleasesModel::NumberRole).contains(QStringLiteral("R-2026-041")));
}

void ModelsTest::officeRolesSeeEveryOpenRelease()
{
    auto *model = checked<ReleasesModel>();
    // Alex works at the Lower School only and is named on the whiteboards alone.
    auto &store = m_session->store();
    const auto alex = store.userByName("alex");
    QVERIFY(alex);
    model->setMineOnly(false);
    const QStringList all = column(*model, ReleasesModel::NumberRole);
    QVERIFY(all.contains(QStringLiteral("R-2026-047")));
    QVERIFY(all.contains(QStringLiteral("R-2026-049")));
    const auto alexReleases = m_session->views().openReleases(alex->id);
    QVERIFY(static_cast<int>(alexReleases.size()) < all.size());
}

void ModelsTest::aReleaseShowsItsBuildAndUnits()
{
    auto *units = checked<UnitsModel>();
    auto *software = checked<SoftwareModel>();
    units->setReleaseId(idText(release("R-2026-047").id));
    QCOMPARE(units->rowCount(), 2);
    QCOMPARE(units->release().number, QStringLiteral("R-2026-047"));
    QCOMPARE(units->build().version, 2);
    QCOMPARE(units->build().hardwareModel, QStringLiteral("Dell Latitude 3440"));
    QVERIFY(!units->build().backOutPlan.isEmpty());
    int failing = 0;
    for (int i = 0; i < units->rowCount(); ++i) {
        QCOMPARE(roleOf(*units, i, UnitsModel::StepsTotalRole).toInt(), 12);
        failing += roleOf(*units, i, UnitsModel::FailingRole).toBool() ? 1 : 0;
    }
    QCOMPARE(failing, 1);

    software->setBuildId(units->build().buildId);
    const QStringList products = column(*software, SoftwareModel::ProductRole);
    QVERIFY2(products.contains(QStringLiteral("GeoGebra Classic")), qPrintable(products.join(u',')));
    QCOMPARE(products.size(), 6);
    const int windows = products.indexOf(QStringLiteral("Windows 11 Education"));
    QCOMPARE(roleOf(*software, windows, SoftwareModel::VersionRole).toString(), QStringLiteral("23H2"));
    QVERIFY(roleOf(*software, windows, SoftwareModel::MediaLocationRole).toString().contains(QStringLiteral("fs01")));

    // A release that does not exist says so instead of showing nothing.
    units->setReleaseId(idText(Id::generate()));
    QCOMPARE(units->rowCount(), 0);
    QVERIFY(units->error().contains(QStringLiteral("does not exist")));
}

void ModelsTest::checklistRecordsEachTapAndMovesOn()
{
    Workbench bench;
    bench.setSession(m_session.get());
    const Asset laptop = freeLaptop();
    const auto started = bench.startInstallation(idText(release("R-2026-047").id), idText(laptop.id), {}, {}, {},
                                                 {}, {});
    QVERIFY2(started.value(QStringLiteral("ok")).toBool(), qPrintable(started.value(QStringLiteral("error")).toString()));

    auto *list = checked<ChecklistModel>();
    list->setInstallationId(started.value(QStringLiteral("id")).toString());
    QCOMPARE(list->rowCount(), 12);
    QCOMPARE(list->currentIndex(), 0);
    QCOMPARE(roleOf(*list, 0, ChecklistModel::PartRole).toString(), QStringLiteral("installation"));
    QCOMPARE(roleOf(*list, 11, ChecklistModel::PartRole).toString(), QStringLiteral("acceptance"));

    QCoreApplication::processEvents(); // the start's own announcement
    const int pendingBefore = m_session->pendingChanges();
    QSignalSpy changed(list, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(list, &QAbstractItemModel::modelReset);
    QVERIFY(list->record(0, QStringLiteral("pass"), QStringLiteral("  BIOS 1.14.0 "), QStringLiteral("5CG1234")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(list->currentIndex(), 1);
    QCOMPARE(list->recordedCount(), 1);
    QCOMPARE(roleOf(*list, 0, ChecklistModel::OutcomeRole).toString(), QStringLiteral("pass"));
    QCOMPARE(roleOf(*list, 0, ChecklistModel::NoteRole).toString(), QStringLiteral("BIOS 1.14.0"));
    QCOMPARE(roleOf(*list, 0, ChecklistModel::EvidenceRole).toString(), QStringLiteral("5CG1234"));
    QCOMPARE(roleOf(*list, 0, ChecklistModel::RecordedByRole).toString(), m_session->displayName());
    // Committed at once: in the store and in the outbox, before anything else happens.
    QCOMPARE(m_session->pendingChanges(), pendingBefore + 1);
    const auto lines = m_session->store().checklist(Id::parse(list->installationId().toStdString()));
    QVERIFY(lines[0].latest.has_value());
    QCOMPARE(idText(lines[0].latest->recordedBy), idText(m_session->userId()));

    // Its own change does not reset the list under the installer's finger.
    QTRY_COMPARE(m_session->revision() > 0, true);
    QCoreApplication::processEvents();
    QCOMPARE(reset.count(), 0);

    // A line can be skipped and come back: the current line is the first without a result.
    QVERIFY2(list->record(2, QStringLiteral("pass")), qPrintable(list->error()));
    QCOMPARE(list->currentIndex(), 1);
    QVERIFY(list->record(1, QStringLiteral("fail"), QStringLiteral("update tool crashed")));
    QVERIFY(list->hasFailure());
    QCOMPARE(list->currentIndex(), 3);
    // A retest replaces the fail as the latest result.
    QVERIFY(list->record(1, QStringLiteral("pass")));
    QVERIFY(!list->hasFailure());
}

void ModelsTest::checklistRefusesWhatTheStoreRefuses()
{
    auto *list = checked<ChecklistModel>();
    const auto units = m_session->views().releaseUnits(release("R-2026-047").id);
    list->setInstallationId(idText(units.front().installationId));
    const int pending = m_session->pendingChanges();
    QVERIFY(!list->record(0, QStringLiteral("maybe")));
    QVERIFY2(list->error().contains(QStringLiteral("pass")), qPrintable(list->error()));
    QVERIFY(!list->record(99, QStringLiteral("pass")));
    QVERIFY(!list->error().isEmpty());
    // A required step cannot be waved through as not applicable.
    QVERIFY(roleOf(*list, 0, ChecklistModel::RequiredRole).toBool());
    QVERIFY(!list->record(0, QStringLiteral("not-applicable")));
    QVERIFY2(list->error().contains(QStringLiteral("required")), qPrintable(list->error()));
    QVERIFY(!list->error().isEmpty());
    QCOMPARE(m_session->pendingChanges(), pending);
}

void ModelsTest::signOffNeedsEveryRequiredLine()
{
    Workbench bench;
    bench.setSession(m_session.get());
    const auto started =
        bench.startInstallation(idText(release("R-2026-047").id), idText(freeLaptop().id), {}, {}, {}, {}, {});
    const QString installation = started.value(QStringLiteral("id")).toString();
    auto *list = checked<ChecklistModel>();
    list->setInstallationId(installation);

    auto refused = bench.signOff(installation, QStringLiteral("Ms Okafor"), QStringLiteral("1,1 2,2"));
    QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
    QVERIFY(!refused.value(QStringLiteral("error")).toString().isEmpty());
    QVERIFY(!list->readyForSignOff());

    // Every required line passes; an optional one fails: the page lets the user sign, as the store
    // does (one rule, in the core).
    bool optionalFailed = false;
    for (int i = 0; i < list->rowCount(); ++i) {
        const bool required = roleOf(*list, i, ChecklistModel::RequiredRole).toBool();
        QVERIFY(list->record(i, required ? QStringLiteral("pass") : QStringLiteral("fail")));
        optionalFailed = optionalFailed || !required;
    }
    QVERIFY(optionalFailed);
    QVERIFY(list->hasFailure());
    QVERIFY(list->readyForSignOff());
    // An empty signature is refused with words; nothing is written.
    auto empty = bench.signOff(installation, QStringLiteral("Ms Okafor"), QString());
    QVERIFY(!empty.value(QStringLiteral("ok")).toBool());
    QVERIFY(empty.value(QStringLiteral("error")).toString().contains(QStringLiteral("sign")));

    auto done = bench.signOff(installation, QStringLiteral("Ms Okafor"), QStringLiteral("10,10 20,25 30,12;40,40 41,44"));
    QVERIFY2(done.value(QStringLiteral("ok")).toBool(), qPrintable(done.value(QStringLiteral("error")).toString()));
    QTRY_COMPARE(list->installation().status, QStringLiteral("accepted"));
    QVERIFY(!list->readyForSignOff());
    // The unit counts toward the release at once.
    QCOMPARE(m_session->views().releaseSummary(release("R-2026-047").id)->unitsDone, 1);
}

void ModelsTest::startingTwiceOnOneSerialLinksTheSameAsset()
{
    Workbench bench;
    bench.setSession(m_session.get());
    const QString releaseId = idText(release("R-2026-047").id);
    const QString room = bench.roomsForRelease(releaseId).constFirst().toMap().value(QStringLiteral("id")).toString();
    const auto first = bench.startInstallation(releaseId, {}, QStringLiteral("RAU-09001"), QStringLiteral("7XQ-99A1"),
                                               QStringLiteral("Dell"), QStringLiteral("Latitude 3440"), room);
    QVERIFY2(first.value(QStringLiteral("ok")).toBool(), qPrintable(first.value(QStringLiteral("error")).toString()));
    const auto asset = m_session->store().asset(Id::parse(first.value(QStringLiteral("assetId")).toString().toStdString()));
    QVERIFY(asset);
    QCOMPARE(asset->serial.value_or(""), std::string("7XQ-99A1"));
    QCOMPARE(asset->category, std::string("Laptop"));
    QCOMPARE(idText(asset->roomId.value_or(Id())), room);

    // Typed again without dashes: the same serial, found at once; linking resumes the same installation.
    const QVariantList same = bench.assetsWithSerial(QStringLiteral("7xq99a1"));
    QCOMPARE(same.size(), 1);
    const QString assetId = same.constFirst().toMap().value(QStringLiteral("assetId")).toString();
    QCOMPARE(assetId, first.value(QStringLiteral("assetId")).toString());
    const auto again = bench.startInstallation(releaseId, assetId, {}, {}, {}, {}, {});
    QVERIFY(again.value(QStringLiteral("ok")).toBool());
    QVERIFY(again.value(QStringLiteral("resumed")).toBool());
    QCOMPARE(again.value(QStringLiteral("id")), first.value(QStringLiteral("id")));

    // A double tap is one tap.
    {
        auto *list = checked<ChecklistModel>();
        list->setInstallationId(first.value(QStringLiteral("id")).toString());
        QVERIFY(list->record(0, QStringLiteral("pass")));
        QVERIFY(list->record(0, QStringLiteral("pass")));
        QCOMPARE(int(m_session->store().checklist(Id::parse(first.value(QStringLiteral("id")).toString().toStdString()))
                         .size()), 12);
        auto q = m_session->store().database().query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
        q->bind(1, Id::parse(first.value(QStringLiteral("id")).toString().toStdString()));
        q->step();
        QCOMPARE(q->int64(0), std::int64_t(1));
    }

    // Adding it as new instead is refused, under the same make or another spelling of it.
    const int pending = m_session->pendingChanges();
    const auto twice = bench.startInstallation(releaseId, {}, {}, QStringLiteral("7XQ 99A1"), QStringLiteral("Dell"),
                                               QStringLiteral("Latitude 3440"), {});
    QVERIFY(!twice.value(QStringLiteral("ok")).toBool());
    const auto otherMake = bench.startInstallation(releaseId, {}, {}, QStringLiteral("7XQ99A1"), QStringLiteral("Dell Inc."),
                                                   QStringLiteral("Latitude 3440"), {});
    QVERIFY(!otherMake.value(QStringLiteral("ok")).toBool());
    QVERIFY2(otherMake.value(QStringLiteral("error")).toString().contains(QStringLiteral("RAU-09001")),
             qPrintable(otherMake.value(QStringLiteral("error")).toString()));
    QCOMPARE(m_session->pendingChanges(), pending);
}

void ModelsTest::aDuplicateSerialIsFoundAsTyped()
{
    Workbench bench;
    bench.setSession(m_session.get());
    const auto tagged = m_session->store().findAssetByTag("RAU-00001");
    QVERIFY(tagged && tagged->serial);
    const QVariantList found = bench.assetsWithSerial(QString::fromStdString(*tagged->serial).toLower());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst().toMap().value(QStringLiteral("assetTag")).toString(), QStringLiteral("RAU-00001"));
    QVERIFY(bench.assetsWithSerial(QStringLiteral("NO-SUCH-SERIAL-123")).isEmpty());
    const auto byTag = bench.assetWithTag(QStringLiteral("RAU-00001"));
    QVERIFY(byTag.value(QStringLiteral("found")).toBool());
    QCOMPARE(byTag.value(QStringLiteral("serial")).toString(), QString::fromStdString(*tagged->serial));
}

void ModelsTest::aStartThatFailsLeavesNothingBehind()
{
    Workbench bench;
    bench.setSession(m_session.get());
    const QString releaseId = idText(release("R-2026-047").id);
    const auto assetsBefore = m_session->store().database().scalar("SELECT count(*) FROM assets");
    const int pending = m_session->pendingChanges();
    // The tag is already on another asset: refused before anything is written.
    auto taken = bench.startInstallation(releaseId, {}, QStringLiteral("RAU-00001"), QStringLiteral("NEWSERIAL1"),
                                         QStringLiteral("Dell"), QStringLiteral("Latitude 3440"), {});
    QVERIFY(!taken.value(QStringLiteral("ok")).toBool());
    QVERIFY(taken.value(QStringLiteral("error")).toString().contains(QStringLiteral("RAU-00001")));
    // A make that is empty fails after the room check: the group leaves no asset behind.
    auto noMake = bench.startInstallation(releaseId, {}, {}, QStringLiteral("NEWSERIAL2"), QString(),
                                          QStringLiteral("Latitude 3440"), {});
    QVERIFY(!noMake.value(QStringLiteral("ok")).toBool());
    auto noSerial = bench.startInstallation(releaseId, {}, {}, QStringLiteral("  "), QStringLiteral("Dell"),
                                            QStringLiteral("Latitude 3440"), {});
    QVERIFY(!noSerial.value(QStringLiteral("ok")).toBool());
    QCOMPARE(m_session->store().database().scalar("SELECT count(*) FROM assets"), assetsBefore);
    QCOMPARE(m_session->pendingChanges(), pending);
}

void ModelsTest::aRefusedLabelNeedsAReasonAndIsRecorded()
{
    Workbench bench;
    bench.setSession(m_session.get());
    const QString releaseId = idText(release("R-2026-047").id);
    // A MAC address typed into the serial field: refused in words, nothing written.
    const QVariantMap check = bench.checkSerial(QStringLiteral("00:1A:2B:3C:4D:5E"));
    QVERIFY(!check.value(QStringLiteral("accepted")).toBool());
    QVERIFY(check.value(QStringLiteral("canOverride")).toBool());
    const int pending = m_session->pendingChanges();
    const auto refused = bench.startInstallation(releaseId, {}, {}, QStringLiteral("00:1A:2B:3C:4D:5E"),
                                                 QStringLiteral("Dell"), QStringLiteral("Latitude 3440"), {});
    QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
    QCOMPARE(refused.value(QStringLiteral("error")).toString().left(7), QStringLiteral("serial:"));
    QCOMPARE(m_session->pendingChanges(), pending);

    // With the installer's reason it is taken, and the override is kept with the asset and installation.
    const auto taken = bench.startInstallation(
        releaseId, {}, {}, QStringLiteral("00:1A:2B:3C:4D:5E"), QStringLiteral("Dell"), QStringLiteral("Latitude 3440"),
        {}, QVariantMap{{QStringLiteral("serial"), QStringLiteral("Test rig: the label is the MAC")}});
    QVERIFY2(taken.value(QStringLiteral("ok")).toBool(), qPrintable(taken.value(QStringLiteral("error")).toString()));
    const Id assetId = Id::parse(taken.value(QStringLiteral("assetId")).toString().toStdString());
    const auto overrides = m_session->store().scanOverrides(assetId);
    QCOMPARE(int(overrides.size()), 1);
    QCOMPARE(overrides[0].field, std::string("serial"));
    QCOMPARE(overrides[0].reason, std::string("Test rig: the label is the MAC"));
    QVERIFY(!overrides[0].refusal.empty());
    QCOMPARE(idText(overrides[0].installationId.value_or(Id())), taken.value(QStringLiteral("id")).toString());
    QCOMPARE(idText(overrides[0].recordedBy), idText(m_session->userId()));
    // The asset, the installation and the override: three changes queued together.
    QCOMPARE(m_session->pendingChanges(), pending + 3);

    auto *history = checked<HistoryModel>();
    history->setAssetId(idText(assetId));
    QVERIFY(column(*history, HistoryModel::WhatRole).join(u'|').contains(QStringLiteral("used despite the check")));
}

void ModelsTest::inventorySearchesSerialTagAndRoomAndLoadsLazily()
{
    auto *inventory = checked<InventoryModel>();
    // Every asset: a page at a time, on demand, each asset once.
    QVERIFY(inventory->rowCount() >= InventoryModel::kPage);
    QCOMPARE(inventory->rowCount() % InventoryModel::kPage, 0);
    int pages = 0;
    while (inventory->canFetchMore({}) && pages++ < 100) {
        const int before = inventory->rowCount();
        inventory->fetchMore({});
        QVERIFY(inventory->rowCount() > before || !inventory->canFetchMore({}));
    }
    const QStringList allTags = column(*inventory, InventoryModel::AssetTagRole);
    QCOMPARE(allTags.size(), int(m_session->store().database().scalar("SELECT count(*) FROM assets")));
    QCOMPARE(allTags.size(), QSet<QString>(allTags.begin(), allTags.end()).size());

    inventory->setQuery(QStringLiteral("RAU-0000"));
    QCOMPARE(inventory->rowCount(), 9); // RAU-00001 .. RAU-00009
    QVERIFY(!inventory->canFetchMore({}));
    QCOMPARE(roleOf(*inventory, 0, InventoryModel::AssetTagRole).toString(), QStringLiteral("RAU-00001"));
    QCOMPARE(roleOf(*inventory, 0, InventoryModel::SiteRole).toString(), QStringLiteral("Riverside Academy - Upper School"));
    inventory->setQuery(QStringLiteral("rau-00001"));
    QCOMPARE(inventory->rowCount(), 1);

    const auto tagged = m_session->store().findAssetByTag("RAU-00001");
    inventory->setQuery(QString::fromStdString(tagged->serial->substr(0, 5)).toLower());
    QVERIFY(column(*inventory, InventoryModel::SerialRole).contains(QString::fromStdString(*tagged->serial)));

    // By room: every asset listed is in a room whose name starts so.
    const auto rooms = m_session->store().rooms(tagged->siteId);
    const QString roomName = QString::fromStdString(rooms.front().name);
    inventory->setQuery(roomName);
    QVERIFY(inventory->rowCount() > 0);
    for (const QString &room : column(*inventory, InventoryModel::RoomRole))
        QVERIFY2(room.startsWith(roomName) || room.isEmpty(), qPrintable(room));

    inventory->setQuery(QStringLiteral("%_nothing-like-this"));
    QCOMPARE(inventory->rowCount(), 0);
    QVERIFY(inventory->error().isEmpty());
}

void ModelsTest::historyListsEveryStepOnAnAsset()
{
    auto *history = checked<HistoryModel>();
    const auto units = m_session->views().releaseUnits(release("R-2026-047").id);
    const auto &unit = units.front();
    history->setAssetId(idText(unit.assetId));
    QCOMPARE(history->asset().assetTag, QString::fromStdString(unit.assetTag));
    // One "started" line plus one per recorded step.
    QCOMPARE(history->rowCount(), 1 + unit.stepsRecorded);
    QVERIFY(column(*history, HistoryModel::WhatRole).contains(QStringLiteral("Installation started")));
    // Newest first.
    for (int i = 1; i < history->rowCount(); ++i)
        QVERIFY(roleOf(*history, i - 1, HistoryModel::AtRole).toDateTime() >= roleOf(*history, i, HistoryModel::AtRole).toDateTime());
    QCOMPARE(roleOf(*history, 0, HistoryModel::ReleaseRole).toString(), QStringLiteral("R-2026-047"));
}

void ModelsTest::conflictsShowBothValuesInWords()
{
    auto &store = m_session->store();
    const auto asset = *store.findAssetByTag("RAU-00001");
    const auto rooms = store.rooms(asset.siteId);
    QVERIFY(rooms.size() >= 2);
    ConflictRecord c;
    c.table = "assets";
    c.recordId = asset.id;
    c.field = "room_id";
    c.keptValue = rooms[0].id.toString();
    c.lostValue = rooms[1].id.toString();
    c.lostDevice = store.deviceId();
    c.lostBy = m_session->userId();
    c.createdAt = AppSession::now();
    const Id conflictId = store.recordConflict(c);
    m_session->notifyLocalChange();

    auto *conflicts = checked<ConflictsModel>();
    QCOMPARE(conflicts->rowCount(), 1);
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::FieldRole).toString(), QStringLiteral("room"));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::KeptLabelRole).toString(), QString::fromStdString(rooms[0].name));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::LostLabelRole).toString(), QString::fromStdString(rooms[1].name));
    QVERIFY(roleOf(*conflicts, 0, ConflictsModel::RecordRole).toString().contains(QStringLiteral("RAU-00001")));
    QCOMPARE(m_session->openConflicts(), 1);

    // Choosing the tablet's value moves the asset locally, settles the conflict and queues it.
    Workbench bench;
    bench.setSession(m_session.get());
    const int pending = m_session->pendingChanges();
    const auto answer = bench.resolveConflict(idText(conflictId), roleOf(*conflicts, 0, ConflictsModel::LostValueRole).toString());
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    QTRY_COMPARE(conflicts->rowCount(), 0);
    QCOMPARE(idText(store.asset(asset.id)->roomId.value_or(Id())), idText(rooms[1].id));
    QVERIFY(m_session->pendingChanges() > pending);
}

void ModelsTest::modelsReadAgainAfterAnyLocalChange()
{
    auto *today = checked<ReleasesModel>();
    auto *units = checked<UnitsModel>();
    const Release laptops = release("R-2026-047");
    units->setReleaseId(idText(laptops.id));
    QCOMPARE(units->rowCount(), 2);
    // A change made elsewhere (another page, a sync) reaches every list once it is announced.
    Installation inst;
    inst.releaseId = laptops.id;
    inst.assetId = freeLaptop().id;
    inst.startedBy = m_session->userId();
    inst.startedAt = AppSession::now();
    m_session->replica().startInstallation(inst);
    m_session->notifyLocalChange();
    QTRY_COMPARE(units->rowCount(), 3);
    const int row = column(*today, ReleasesModel::NumberRole).indexOf(QStringLiteral("R-2026-047"));
    QCOMPARE(roleOf(*today, row, ReleasesModel::UnitsStartedRole).toInt(), 3);
}

QTEST_GUILESS_MAIN(ModelsTest)
#include "models_test.moc"
