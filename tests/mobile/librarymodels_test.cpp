// The software library's, the licence log's and the history's lists and actions, over the demo
// school's tablets (no server): the library and its in/out book, overdue media, the licence log
// with its keys (the office's only, never an installer's), a licence's seats, what Today warns of,
// a record's history and an asset's whole history; the OfficeLibrary's actions and who may do each;
// and the sign-off's licence question (Workbench). Every model runs under QAbstractItemModelTester.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officelibrary.h"
#include "app/workbench.h"
#include "models/dslitemsmodel.h"
#include "models/inventorymodel.h"
#include "models/licencealertsmodel.h"
#include "models/licenceseatsmodel.h"
#include "models/licencesmodel.h"
#include "models/mediabookmodel.h"
#include "models/overduemediamodel.h"
#include "models/recordhistorymodel.h"

#include "store/buildviews.h"
#include "store/libraryviews.h"
#include "store/store.h"
#include "sync/replica.h"

#include <QAbstractItemModelTester>
#include <QDate>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

QString idText(const Id &id)
{
    return QString::fromStdString(id.toString());
}

QVariant roleOf(const QAbstractItemModel &model, int row, int role)
{
    return model.data(model.index(row, 0), role);
}

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << roleOf(model, i, role).toString();
    return out;
}

QString failure(const QVariantMap &answer)
{
    return answer.value(QStringLiteral("ok")).toBool() ? QString() : answer.value(QStringLiteral("error")).toString();
}

/** A demo tablet with @p user signed in, its OfficeLibrary and Workbench. */
struct Desk {
    QTemporaryDir dir;
    std::unique_ptr<AppSession> session;
    OfficeLibrary library;
    Workbench bench;

    explicit Desk(const char *user)
    {
        session = std::make_unique<AppSession>(dir.path());
        QString why;
        if (!prepareDemoTablet(*session, QString::fromLatin1(user), &why))
            qFatal("the demo tablet cannot be prepared: %s", qPrintable(why));
        library.setSession(session.get());
        bench.setSession(session.get());
    }
    Store &store() { return session->store(); }
    Id item(const char *product)
    {
        for (const auto &d : BuildViews(store()).dslCatalogue()) {
            if (d.product == product)
                return d.id;
        }
        qFatal("no DSL item %s", product);
    }
    Licence licence(const char *name)
    {
        for (const auto &l : LibraryViews(store()).licences()) {
            if (l.licence.name == name)
                return l.licence;
        }
        qFatal("no licence %s", name);
    }
    std::int64_t queued(const char *kind)
    {
        auto q = store().database().query("SELECT count(*) FROM outbox WHERE kind = ?1");
        q->bind(1, kind);
        q->step();
        return q->int64(0);
    }
    /** The seats of @p name bought exactly as many as are given, as the office's change would bring it. */
    void fill(const char *name)
    {
        auto l = licence(name);
        l.seats = store().seatsUsed(l.id);
        store().updateLicence(l, store().userByName("morgan")->id, AppSession::now());
        session->notifyLocalChange();
    }
    QString freeLaptop()
    {
        auto q = store().database().query("SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' "
                                          "AND id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1");
        q->step();
        return idText(q->id(0));
    }
    /** An installation of the laptop rollout with every required line passed: ready to sign. */
    QString readyToSign()
    {
        const auto release = store().releaseByNumber("R-2026-047");
        const auto started = bench.startInstallation(idText(release->id), freeLaptop(), {}, {}, {}, {}, {});
        const QString id = started.value(QStringLiteral("id")).toString();
        for (const auto &line : store().checklist(Id::parse(id.toStdString())))
            bench.recordStep(id, idText(line.step.id),
                             line.step.required ? QStringLiteral("pass") : QStringLiteral("not-applicable"), {}, {});
        return id;
    }
};

} // namespace

class LibraryModelsTest : public QObject {
    Q_OBJECT

private slots:
    void cleanup();

    void theLibraryListsWhereEverythingIsAndWhatIsOut();
    void mediaAreTakenOutOnceAndBookedBackIn();
    void overdueMediaAreListedForToday();
    void theLicenceLogCountsSeatsAndShowsKeysToTheOfficeOnly();
    void anInstallersSessionNeverShowsAKey();
    void seatsAreGivenWithAReasonWhenFullAndTakenBack();
    void licencesNearExpiryOrOverUsedAreListedForToday();
    void onlyTheOfficeChangesTheLibraryAndTheLog();
    void theSignOffAsksForAReasonOnlyWhenALicenceIsFull();
    void aRecordsHistorySaysWhoChangedWhat();
    void anAssetsHistoryHasItsChangesAndSeatsBesideItsWork();

private:
    template <typename Model>
    Model *checked(AppSession *session)
    {
        auto *model = new Model(this);
        m_owned.push_back(std::unique_ptr<QObject>(model));
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        model->setSession(session);
        return model;
    }

    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::vector<std::unique_ptr<QObject>> m_owned;
};

void LibraryModelsTest::cleanup()
{
    m_testers.clear();
    m_owned.clear();
}

void LibraryModelsTest::theLibraryListsWhereEverythingIsAndWhatIsOut()
{
    Desk devi("devi");
    auto *items = checked<DslItemsModel>(devi.session.get());
    QCOMPARE(items->rowCount(), 9);
    QCOMPARE(items->mediaOut(), 1); // SMART Notebook, out with Sam for the whiteboard rollout
    const int smart = items->rowOf(idText(devi.item("SMART Notebook")));
    QVERIFY(smart >= 0);
    QCOMPARE(roleOf(*items, smart, DslItemsModel::MediaOutRole).toBool(), true);
    QCOMPARE(roleOf(*items, smart, DslItemsModel::OutWithRole).toString(), QStringLiteral("Sam Okafor"));
    QCOMPARE(roleOf(*items, smart, DslItemsModel::MediaKindRole).toString(), QStringLiteral("USB drive"));
    QCOMPARE(roleOf(*items, smart, DslItemsModel::MediaLocationRole).toString(), QStringLiteral("Cupboard B, shelf 2"));
    QCOMPARE(roleOf(*items, smart, DslItemsModel::LicencesRole).toString(),
             QStringLiteral("SMART Learning Suite site licence"));
    QCOMPARE(roleOf(*items, smart, DslItemsModel::LicenceTypeRole).toString(), QStringLiteral("Site"));
    QCOMPARE(roleOf(*items, smart, DslItemsModel::ChecksumRole).toString().size(), 64);
    QVERIFY(!roleOf(*items, smart, DslItemsModel::OverdueRole).toBool()); // no day given: never overdue

    items->setQuery(QStringLiteral("microsoft"));
    QCOMPARE(column(*items, DslItemsModel::ProductRole),
             QStringList({QStringLiteral("Microsoft 365 Apps for enterprise"), QStringLiteral("Windows 11 Education")}));
    items->setQuery(QStringLiteral("cupboard"));
    QCOMPARE(items->rowCount(), 2);
    items->setQuery(QStringLiteral("nothing like it"));
    QCOMPARE(items->rowCount(), 0);
    QCOMPARE(items->error(), QString());
}

void LibraryModelsTest::mediaAreTakenOutOnceAndBookedBackIn()
{
    Desk sam("sam"); // anyone takes media out, as themselves
    const Id sims = sam.item("SIMS .net");
    auto *book = checked<MediaBookModel>(sam.session.get());
    book->setDslItemId(idText(sims));
    QVERIFY(book->item().loaded);
    QCOMPARE(book->item().product, QStringLiteral("SIMS .net"));
    QVERIFY(!book->item().mediaOut);
    QCOMPARE(book->rowCount(), 1); // Devi's, booked back in last week
    QCOMPARE(book->licences().size(), 1);

    const QString due = QDate::currentDate().addDays(3).toString(Qt::ISODate);
    QCOMPARE(failure(sam.library.takeOutMedia(idText(sims), QStringLiteral("Exam room rebuild"), QStringLiteral("next week"))),
             QStringLiteral("expected back: 'next week' is not a date (YYYY-MM-DD)"));
    const auto taken = sam.library.takeOutMedia(idText(sims), QStringLiteral("Exam room rebuild"), due);
    QCOMPARE(failure(taken), QString());
    QCOMPARE(sam.queued("takeOutMedia"), 1);
    book->reload();
    QVERIFY(book->item().mediaOut);
    QCOMPARE(book->item().outWith, QStringLiteral("Sam Okafor"));
    QCOMPARE(book->item().purpose, QStringLiteral("Exam room rebuild"));
    QCOMPARE(book->item().expectedBack.date(), QDate::currentDate().addDays(3));
    QCOMPARE(book->rowCount(), 2);
    QCOMPARE(roleOf(*book, 0, MediaBookModel::TakenByRole).toString(), QStringLiteral("Sam Okafor"));
    QVERIFY(roleOf(*book, 0, MediaBookModel::OutRole).toBool());

    // Out already: refused in the core's words, and nothing written.
    QCOMPARE(failure(sam.library.takeOutMedia(idText(sims), QStringLiteral("Again"), {})),
             QStringLiteral("the original media are already out with Sam Okafor; they must be booked back in first"));
    QCOMPARE(sam.queued("takeOutMedia"), 1);

    QCOMPARE(failure(sam.library.returnMedia(book->item().openLoanId)), QString());
    QCOMPARE(sam.queued("returnMedia"), 1);
    book->reload();
    QVERIFY(!book->item().mediaOut);
    QCOMPARE(roleOf(*book, 0, MediaBookModel::ReturnedByRole).toString(), QStringLiteral("Sam Okafor"));
    QVERIFY(roleOf(*book, 0, MediaBookModel::ReturnedAtRole).toDateTime().isValid());
    QVERIFY(!failure(sam.library.returnMedia(roleOf(*book, 0, MediaBookModel::LoanIdRole).toString())).isEmpty());
}

void LibraryModelsTest::overdueMediaAreListedForToday()
{
    Desk morgan("morgan");
    auto *overdue = checked<OverdueMediaModel>(morgan.session.get());
    QCOMPARE(overdue->rowCount(), 0); // the SMART media have no day to be back by
    const Millis now = AppSession::now();
    const auto devi = morgan.store().userByName("devi")->id;
    morgan.store().takeOutMedia(
        {{}, morgan.item("SIMS .net"), devi, now - 6 * kDay, "Office PC rebuild", std::nullopt, now - 2 * kDay - 1000});
    morgan.store().takeOutMedia(
        {{}, morgan.item("Sophos Endpoint"), devi, now - kDay, "Not late", std::nullopt, now + kDay});
    morgan.session->notifyLocalChange();
    overdue->reload();
    QCOMPARE(overdue->rowCount(), 1);
    QCOMPARE(roleOf(*overdue, 0, OverdueMediaModel::ProductRole).toString(), QStringLiteral("SIMS .net 7.214"));
    QCOMPARE(roleOf(*overdue, 0, OverdueMediaModel::TakenByRole).toString(), QStringLiteral("Devi Raman"));
    QCOMPARE(roleOf(*overdue, 0, OverdueMediaModel::DaysOverdueRole).toInt(), 2);
    QCOMPARE(roleOf(*overdue, 0, OverdueMediaModel::DslItemIdRole).toString(), idText(morgan.item("SIMS .net")));
}

void LibraryModelsTest::theLicenceLogCountsSeatsAndShowsKeysToTheOfficeOnly()
{
    Desk devi("devi");
    auto *log = checked<LicencesModel>(devi.session.get());
    QCOMPARE(log->rowCount(), 4);
    const int sims = log->rowOf(idText(devi.licence("SIMS .net client licences").id));
    QVERIFY(sims >= 0);
    QCOMPARE(roleOf(*log, sims, LicencesModel::SeatsRole).toInt(), 6);
    QCOMPARE(roleOf(*log, sims, LicencesModel::UsedRole).toInt(), 4);
    QCOMPARE(roleOf(*log, sims, LicencesModel::SoftwareRole).toString(), QStringLiteral("SIMS .net 7.214"));
    QCOMPARE(roleOf(*log, sims, LicencesModel::KeyRole).toString(), QStringLiteral("ESS-AGR-20417"));
    QVERIFY(roleOf(*log, sims, LicencesModel::HasKeyRole).toBool());
    QVERIFY(!roleOf(*log, sims, LicencesModel::FullRole).toBool());
    QCOMPARE(devi.library.licenceKey(idText(devi.licence("SIMS .net client licences").id)),
             QStringLiteral("ESS-AGR-20417"));
    log->setQuery(QStringLiteral("sophos"));
    QCOMPARE(log->rowCount(), 1);

    auto *seats = checked<LicenceSeatsModel>(devi.session.get());
    seats->setLicenceId(idText(devi.licence("SIMS .net client licences").id));
    QVERIFY(seats->licence().loaded);
    QVERIFY(seats->licence().hasKey);
    QCOMPARE(seats->licence().used, 4);
    QCOMPARE(seats->rowCount(), 4);
    QCOMPARE(roleOf(*seats, 0, LicenceSeatsModel::AssignedByRole).toString(), QStringLiteral("Devi Raman"));
    QVERIFY(roleOf(*seats, 0, LicenceSeatsModel::AssetTagRole).toString().startsWith(QStringLiteral("RAU-")));
}

void LibraryModelsTest::anInstallersSessionNeverShowsAKey()
{
    // The demo tablet holds every key (seeded locally, as no pull would leave them): still none shows.
    Desk sam("sam");
    const auto sims = sam.licence("SIMS .net client licences");
    QVERIFY(!sims.entitlement.empty());
    auto *log = checked<LicencesModel>(sam.session.get());
    QCOMPARE(log->rowCount(), 4);
    for (int i = 0; i < log->rowCount(); ++i) {
        QCOMPARE(roleOf(*log, i, LicencesModel::KeyRole).toString(), QString());
        QVERIFY(!roleOf(*log, i, LicencesModel::HasKeyRole).toBool());
    }
    QCOMPARE(sam.library.licenceKey(idText(sims.id)), QString());
    QVERIFY(!sam.library.canSeeKeys());
    auto *seats = checked<LicenceSeatsModel>(sam.session.get());
    seats->setLicenceId(idText(sims.id));
    QVERIFY(seats->licence().loaded);
    QVERIFY(!seats->licence().hasKey);
    // No role of any model carries it.
    for (auto *model : std::initializer_list<QAbstractItemModel *>{log, seats}) {
        for (int row = 0; row < model->rowCount(); ++row) {
            for (const int role : model->roleNames().keys())
                QVERIFY(!roleOf(*model, row, role).toString().contains(QStringLiteral("ESS-AGR")));
        }
    }

    // As an installer's pull leaves it: "" for every key. The log reads as before.
    sam.store().database().exec("UPDATE licences SET entitlement = ''");
    log->reload();
    QCOMPARE(log->rowCount(), 4);
    QCOMPARE(log->error(), QString());
    // The office on a tablet that somehow lacks a key: hasKey says so, nothing breaks.
    Desk devi("devi");
    devi.store().database().exec("UPDATE licences SET entitlement = ''");
    auto *officeLog = checked<LicencesModel>(devi.session.get());
    QVERIFY(!roleOf(*officeLog, 0, LicencesModel::HasKeyRole).toBool());
}

void LibraryModelsTest::seatsAreGivenWithAReasonWhenFullAndTakenBack()
{
    Desk morgan("morgan");
    const auto sims = morgan.licence("SIMS .net client licences");
    const auto asset = *morgan.store().findAssetByTag("RAU-00001");
    auto *seats = checked<LicenceSeatsModel>(morgan.session.get());
    seats->setLicenceId(idText(sims.id));
    const QVariantList found = morgan.library.findAssets(QStringLiteral("RAU-00001"), idText(sims.id));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst().toMap().value(QStringLiteral("hasSeat")).toBool(), false);

    morgan.fill("SIMS .net client licences");
    seats->reload();
    QVERIFY(seats->licence().full);
    QVERIFY(!seats->licence().overUsed);
    const QString refused = failure(morgan.library.giveSeat(idText(sims.id), idText(asset.id), {}));
    QVERIFY2(refused.contains(QStringLiteral("has all 4 seats assigned")), qPrintable(refused));
    QCOMPARE(morgan.queued("assignLicence"), 0);
    QCOMPARE(failure(morgan.library.giveSeat(idText(sims.id), idText(asset.id),
                                             QStringLiteral("Bursar's new PC; two more seats are on order"))),
             QString());
    QCOMPARE(morgan.queued("assignLicence"), 1);
    seats->reload();
    QVERIFY(seats->licence().overUsed);
    QCOMPARE(roleOf(*seats, 0, LicenceSeatsModel::AssetTagRole).toString(), QStringLiteral("RAU-00001"));
    QCOMPARE(roleOf(*seats, 0, LicenceSeatsModel::OverrideReasonRole).toString(),
             QStringLiteral("Bursar's new PC; two more seats are on order"));
    QCOMPARE(roleOf(*seats, 0, LicenceSeatsModel::AssignedByRole).toString(), QStringLiteral("Morgan Hale"));
    QVERIFY(morgan.library.findAssets(QStringLiteral("RAU-00001"), idText(sims.id))
                .constFirst().toMap().value(QStringLiteral("hasSeat")).toBool());

    QCOMPARE(failure(morgan.library.takeBackSeat(roleOf(*seats, 0, LicenceSeatsModel::SeatIdRole).toString())),
             QString());
    QCOMPARE(morgan.queued("unassignLicence"), 1);
    seats->reload();
    QVERIFY(seats->licence().full);
    QVERIFY(!seats->licence().overUsed);
}

void LibraryModelsTest::licencesNearExpiryOrOverUsedAreListedForToday()
{
    Desk morgan("morgan");
    auto *alerts = checked<LicenceAlertsModel>(morgan.session.get());
    QCOMPARE(alerts->rowCount(), 0);
    const auto by = morgan.store().userByName("morgan")->id;
    auto a3 = morgan.licence("Microsoft A3 for faculty and students");
    a3.expiresOn = QDate::currentDate().addDays(20).toString(Qt::ISODate).toStdString();
    morgan.store().updateLicence(a3, by, AppSession::now());
    auto smart = morgan.licence("SMART Learning Suite site licence");
    smart.expiresOn = QDate::currentDate().addDays(-3).toString(Qt::ISODate).toStdString();
    morgan.store().updateLicence(smart, by, AppSession::now());
    auto sophos = morgan.licence("Sophos Endpoint (education)");
    sophos.expiresOn = QDate::currentDate().addDays(200).toString(Qt::ISODate).toStdString();
    morgan.store().updateLicence(sophos, by, AppSession::now());
    morgan.fill("SIMS .net client licences");
    const auto asset = *morgan.store().findAssetByTag("RAU-00001");
    QCOMPARE(failure(morgan.library.giveSeat(idText(morgan.licence("SIMS .net client licences").id),
                                             idText(asset.id), QStringLiteral("One more on order"))),
             QString());
    alerts->reload();
    QCOMPARE(column(*alerts, LicenceAlertsModel::NameRole),
             QStringList({QStringLiteral("SIMS .net client licences"), QStringLiteral("SMART Learning Suite site licence"),
                          QStringLiteral("Microsoft A3 for faculty and students")}));
    QCOMPARE(column(*alerts, LicenceAlertsModel::AlertRole),
             QStringList({QStringLiteral("over-used"), QStringLiteral("expired"), QStringLiteral("expiring")}));
    QCOMPARE(roleOf(*alerts, 0, LicenceAlertsModel::WordsRole).toString(), QStringLiteral("5 seats given of 4"));
    alerts->setDays(365);
    QCOMPARE(alerts->rowCount(), 4); // Sophos expires within the year

    auto *log = checked<LicencesModel>(morgan.session.get());
    QCOMPARE(log->needingAttention(), 3);
}

void LibraryModelsTest::onlyTheOfficeChangesTheLibraryAndTheLog()
{
    Desk sam("sam");
    QVERIFY(sam.library.canBorrowMedia());
    QVERIFY(!sam.library.canEditLibrary());
    QVERIFY(!sam.library.canEditLicences());
    QVERIFY(!sam.library.canGiveSeats());
    const auto sims = sam.licence("SIMS .net client licences");
    const auto asset = *sam.store().findAssetByTag("RAU-00001");
    QCOMPARE(failure(sam.library.giveSeat(idText(sims.id), idText(asset.id), {})),
             QStringLiteral("Only release managers and build developers give licence seats."));
    DslItem item{{}, "Audacity", "3.4", "Audacity Team", MediaKind::Download, "", "", LicenceType::Free, ""};
    QCOMPARE(failure(sam.library.saveDslItem(item)),
             QStringLiteral("Only release managers and build developers change the software library."));
    QCOMPARE(sam.queued("addDslItem"), 0);

    Desk devi("devi");
    QVERIFY(devi.library.canEditLibrary() && devi.library.canEditLicences() && devi.library.canGiveSeats());
    QVERIFY(devi.library.canSeeKeys());
    QCOMPARE(failure(devi.library.saveDslItem(item)), QString());
    QCOMPARE(devi.queued("addDslItem"), 1);
    // The same product and version again: the version is to blame.
    const auto again = devi.library.saveDslItem(item);
    QCOMPARE(again.value(QStringLiteral("field")).toString(), QStringLiteral("version"));
    QCOMPARE(devi.queued("addDslItem"), 1);
}

void LibraryModelsTest::theSignOffAsksForAReasonOnlyWhenALicenceIsFull()
{
    Desk sam("sam");
    const QString free = sam.readyToSign();
    QVariantList seats = sam.bench.seatsForSignOff(free);
    // The laptop build: Windows 11 (A3, a subscription) and Sophos (per seat); the free software takes none.
    QCOMPARE(seats.size(), 2);
    QCOMPARE(seats.at(0).toMap().value(QStringLiteral("name")).toString(),
             QStringLiteral("Microsoft A3 for faculty and students"));
    for (const auto &s : seats)
        QVERIFY(!s.toMap().value(QStringLiteral("full")).toBool());
    QCOMPARE(failure(sam.bench.signOff(free, QStringLiteral("Ms A. Okafor"), QStringLiteral("1,1 5,9"))), QString());
    QVERIFY(sam.bench.seatsForSignOff(free).isEmpty());

    const QString full = sam.readyToSign();
    sam.fill("Sophos Endpoint (education)");
    seats = sam.bench.seatsForSignOff(full);
    QCOMPARE(seats.size(), 2);
    QVERIFY(seats.at(1).toMap().value(QStringLiteral("full")).toBool());
    const QString refused = failure(sam.bench.signOff(full, QStringLiteral("Mr B. Tan"), QStringLiteral("1,1 5,9")));
    QVERIFY2(refused.contains(QStringLiteral("Sophos Endpoint (education)")), qPrintable(refused));
    QCOMPARE(failure(sam.bench.signOff(full, QStringLiteral("Mr B. Tan"), QStringLiteral("1,1 5,9"),
                                       QStringLiteral("Sophos renewal with 50 more seats is signed"))),
             QString());
    auto q = sam.store().database().query("SELECT seat_override_reason FROM signoffs WHERE installation_id = ?1");
    q->bind(1, Id::parse(full.toStdString()));
    QVERIFY(q->step());
    QCOMPARE(q->text(0), std::string("Sophos renewal with 50 more seats is signed"));
}

void LibraryModelsTest::aRecordsHistorySaysWhoChangedWhat()
{
    Desk devi("devi");
    auto sims = devi.licence("SIMS .net client licences");
    auto *history = checked<RecordHistoryModel>(devi.session.get());
    history->setRecordId(idText(sims.id));
    QCOMPARE(history->rowCount(), 0);
    sims.seats = 8;
    sims.expiresOn = "2027-08-31";
    sims.entitlement = "ESS-AGR-30001";
    sims.dslItemId = devi.item("SIMS .net");
    devi.session->replica().updateLicence(sims, devi.session->userId(), AppSession::now());
    devi.session->notifyLocalChange();
    history->reload();
    QCOMPARE(history->rowCount(), 3);
    const QStringList what = column(*history, RecordHistoryModel::WhatRole);
    QVERIFY2(what.contains(QStringLiteral("Seats changed from 6 to 8")), qPrintable(what.join(QLatin1Char('|'))));
    QVERIFY(what.contains(QStringLiteral("Expiry date set to 2027-08-31")));
    QVERIFY(what.contains(QStringLiteral("Key changed"))); // never its values
    for (int i = 0; i < history->rowCount(); ++i) {
        QCOMPARE(roleOf(*history, i, RecordHistoryModel::WhoRole).toString(), QStringLiteral("Devi Raman"));
        QVERIFY(!roleOf(*history, i, RecordHistoryModel::FromRole).toString().contains(QStringLiteral("ESS-")));
        QVERIFY(!roleOf(*history, i, RecordHistoryModel::ToRole).toString().contains(QStringLiteral("ESS-")));
    }

    // A DSL item's change, its media kind in words.
    auto item = *devi.store().dslItem(devi.item("SIMS .net"));
    item.mediaKind = MediaKind::DiskImage;
    item.mediaLocation = "\\\\fs01\\dsl\\sims-7.214.iso";
    devi.session->replica().updateDslItem(item, devi.session->userId(), AppSession::now());
    history->setRecordId(idText(item.id));
    QVERIFY(column(*history, RecordHistoryModel::WhatRole).contains(QStringLiteral("Media changed from Disc to Disk image")));
}

void LibraryModelsTest::anAssetsHistoryHasItsChangesAndSeatsBesideItsWork()
{
    Desk sam("sam");
    const QString id = sam.readyToSign();
    const QString assetId = sam.store().installation(Id::parse(id.toStdString()))->assetId.toString().c_str();
    QCOMPARE(failure(sam.bench.signOff(id, QStringLiteral("Ms A. Okafor"), QStringLiteral("1,1 5,9"))), QString());
    const auto asset = *sam.store().asset(Id::parse(assetId.toStdString()));
    const auto rooms = sam.store().rooms(asset.siteId);
    sam.session->replica().moveAsset(asset.id, asset.siteId, rooms.back().id, sam.session->userId(),
                                     AppSession::now() + 1000);
    sam.session->notifyLocalChange();

    auto *history = checked<HistoryModel>(sam.session.get());
    history->setAssetId(assetId);
    const QStringList kinds = column(*history, HistoryModel::KindRole);
    QCOMPARE(kinds.constFirst(), QStringLiteral("change")); // the newest
    QCOMPARE(roleOf(*history, 0, HistoryModel::WhatRole).toString(),
             QStringLiteral("Room set to %1").arg(QString::fromStdString(rooms.back().name)));
    QCOMPARE(roleOf(*history, 0, HistoryModel::WhoRole).toString(), QStringLiteral("Sam Okafor"));
    QCOMPARE(kinds.count(QStringLiteral("licence")), 2);
    const QStringList what = column(*history, HistoryModel::WhatRole);
    QVERIFY(what.contains(QStringLiteral("Seat of Sophos Endpoint (education) given")));
    QVERIFY(what.contains(QStringLiteral("Accepted by Ms A. Okafor")));
    QVERIFY(kinds.count(QStringLiteral("work")) > 10);
    // Newest first, all of them together.
    for (int i = 1; i < history->rowCount(); ++i)
        QVERIFY(roleOf(*history, i - 1, HistoryModel::AtRole).toDateTime() >=
                roleOf(*history, i, HistoryModel::AtRole).toDateTime());
}

QTEST_GUILESS_MAIN(LibraryModelsTest)

#include "librarymodels_test.moc"
