// The office's lists and actions for releases and people, over the release manager's demo tablet (no
// server): the releases overview a page at a time, a release as the release manager follows it, the
// people, and the actions that change them. Every model runs under QAbstractItemModelTester.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officepeople.h"
#include "app/officereleases.h"
#include "app/officesites.h"
#include "models/peoplemodel.h"
#include "models/releasefollowupmodel.h"
#include "models/releasesoverviewmodel.h"
#include "models/sitesmodel.h"

#include "store/store.h"
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

} // namespace

class OfficeModelsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void theOverviewListsOpenReleasesFirstAPageAtATime();
    void theOverviewFiltersByStatusSiteAndNumber();
    void aReleaseShowsItsPlanAndEachUnitsState();
    void aBackedOutUnitInstalledAgainKeepsItsBackOut();
    void statusChangesFollowTheRulesAndAreQueued();
    void closingNeedsTheReviewAndNoUnitInProgress();
    void peopleAreListedWithRolesAndSites();
    void peopleChangeButNobodyLocksThemselvesOut();
    void sitesAndRoomsAreAddedAndListed();

private:
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
    [[nodiscard]] std::int64_t queued(const char *kind) const
    {
        auto q = m_session->store().database().query("SELECT count(*) FROM outbox WHERE kind = ?1");
        q->bind(1, kind);
        q->step();
        return q->int64(0);
    }
    /** @p count more releases, closed, as a school's history after a few years. */
    void addHistory(int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<OfficeReleases> m_releases;
    std::unique_ptr<OfficePeople> m_people;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::vector<std::unique_ptr<QObject>> m_owned;
};

void OfficeModelsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<AppSession>(m_dir->path());
    QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
    QString why;
    QVERIFY2(prepareDemoTablet(*m_session, QStringLiteral("morgan"), &why), qPrintable(why));
    m_releases = std::make_unique<OfficeReleases>();
    m_releases->setSession(m_session.get());
    m_people = std::make_unique<OfficePeople>();
    m_people->setSession(m_session.get());
}

void OfficeModelsTest::cleanup()
{
    m_testers.clear();
    m_owned.clear();
    m_people.reset();
    m_releases.reset();
    m_session.reset();
    m_dir.reset();
}

void OfficeModelsTest::addHistory(int count)
{
    auto &store = m_session->store();
    const Release laptops = release("R-2026-047");
    Store::Batch batch(store);
    for (int i = 0; i < count; ++i) {
        Release r;
        r.number = QStringLiteral("H-%1").arg(i, 4, 10, QLatin1Char('0')).toStdString();
        r.kind = ReleaseKind::Rollout;
        r.units = 10;
        r.buildId = laptops.buildId;
        r.siteId = laptops.siteId;
        r.plannedDate = "2024-0" + std::to_string(i % 9 + 1) + "-10";
        r.createdBy = m_session->userId();
        r.createdAt = AppSession::now();
        const Id id = store.addRelease(r);
        store.closeRelease(id, "Dropped", m_session->userId(), AppSession::now());
    }
    batch.commit();
    m_session->notifyLocalChange();
}

void OfficeModelsTest::theOverviewListsOpenReleasesFirstAPageAtATime()
{
    addHistory(120);
    auto *overview = checked<ReleasesOverviewModel>();
    QTRY_COMPARE(overview->total(), 124);
    QCOMPARE(overview->open(), 3);
    QCOMPARE(overview->rowCount(), ReleasesOverviewModel::kPage);
    QVERIFY(overview->canFetchMore({}));
    // The open ones first, soonest first; then closed ones, the latest first.
    const QStringList first = column(*overview, ReleasesOverviewModel::NumberRole).mid(0, 4);
    QCOMPARE(first, QStringList({QStringLiteral("R-2026-048"), QStringLiteral("R-2026-047"),
                                 QStringLiteral("R-2026-049"), QStringLiteral("R-2026-041")}));
    const int laptops = column(*overview, ReleasesOverviewModel::NumberRole).indexOf(QStringLiteral("R-2026-047"));
    QCOMPARE(roleOf(*overview, laptops, ReleasesOverviewModel::UnitsRole).toInt(), 30);
    QCOMPARE(roleOf(*overview, laptops, ReleasesOverviewModel::UnitsUnderWayRole).toInt(), 2);
    QCOMPARE(roleOf(*overview, laptops, ReleasesOverviewModel::UnitsDoneRole).toInt(), 0);
    QCOMPARE(roleOf(*overview, laptops, ReleasesOverviewModel::ServiceRole).toString(),
             QStringLiteral("Curriculum laptop"));
    QCOMPARE(roleOf(*overview, laptops, ReleasesOverviewModel::StatusRole).toString(), QStringLiteral("in-progress"));

    // The rest, a page at a time, each release once.
    int pages = 0;
    while (overview->canFetchMore({}) && pages++ < 10)
        overview->fetchMore({});
    const QStringList all = column(*overview, ReleasesOverviewModel::NumberRole);
    QCOMPARE(all.size(), 124);
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), 124);
    QVERIFY(!overview->canFetchMore({}));
    const QStringList statuses = column(*overview, ReleasesOverviewModel::StatusRole);
    QCOMPARE(statuses.lastIndexOf(QStringLiteral("in-progress")) < statuses.indexOf(QStringLiteral("closed")), true);
}

void OfficeModelsTest::theOverviewFiltersByStatusSiteAndNumber()
{
    auto *overview = checked<ReleasesOverviewModel>();
    QCOMPARE(overview->total(), 4);
    // Sites to choose from: every site first.
    QCOMPARE(overview->sites().size(), 3);
    QCOMPARE(overview->sites().constFirst().toMap().value(QStringLiteral("id")).toString(), QString());
    QSignalSpy sites(overview, &ReleasesOverviewModel::sitesChanged);

    overview->setStatus(QStringLiteral("planned"));
    QCOMPARE(column(*overview, ReleasesOverviewModel::NumberRole),
             QStringList({QStringLiteral("R-2026-048"), QStringLiteral("R-2026-049")}));
    overview->setSiteId(idText(release("R-2026-049").siteId));
    QCOMPARE(column(*overview, ReleasesOverviewModel::NumberRole), QStringList({QStringLiteral("R-2026-049")}));
    QCOMPARE(overview->total(), 1);
    overview->setStatus({});
    overview->setSiteId({});
    overview->setSearch(QStringLiteral("04"));
    QCOMPARE(overview->total(), 4);
    overview->setSearch(QStringLiteral("r-2026-047"));
    QCOMPARE(column(*overview, ReleasesOverviewModel::NumberRole), QStringList({QStringLiteral("R-2026-047")}));
    overview->setSearch(QStringLiteral("nothing"));
    QCOMPARE(overview->rowCount(), 0);
    QVERIFY(overview->error().isEmpty());
    // A list to choose a site from keeps its choice: the same sites are not announced again.
    QCOMPARE(sites.count(), 0);
}

void OfficeModelsTest::aReleaseShowsItsPlanAndEachUnitsState()
{
    auto *followUp = checked<ReleaseFollowUpModel>();
    const Release laptops = release("R-2026-047");
    followUp->setReleaseId(idText(laptops.id));
    const ReleasePlanInfo plan = followUp->plan();
    QVERIFY(plan.loaded);
    QCOMPARE(plan.number, QStringLiteral("R-2026-047"));
    QCOMPARE(plan.kind, QStringLiteral("rollout"));
    QCOMPARE(plan.units, 30);
    QCOMPARE(plan.service, QStringLiteral("Curriculum laptop"));
    QCOMPARE(plan.buildVersion, 2);
    QCOMPARE(plan.installers, QStringLiteral("Jo Whitaker, Sam Okafor"));
    QCOMPARE(plan.trigger, QStringLiteral("rfc"));
    QCOMPARE(plan.triggerRef, QStringLiteral("RFC-0112"));
    QVERIFY(!plan.ownBackOutPlan);
    QVERIFY(plan.backOutPlan.startsWith(QStringLiteral("Re-image")));
    QCOMPARE(plan.unitsUnderWay, 2);
    QCOMPARE(plan.unitsFailing, 1);
    QCOMPARE(plan.nextStatuses, QStringList({QStringLiteral("installed"), QStringLiteral("backed-out")}));
    QVERIFY(!plan.canClose);
    QVERIFY(plan.canEdit);

    // The failing unit first, with its checklist's progress.
    QCOMPARE(followUp->rowCount(), 2);
    QCOMPARE(roleOf(*followUp, 0, ReleaseFollowUpModel::StateRole).toString(), QStringLiteral("fail"));
    QCOMPARE(roleOf(*followUp, 1, ReleaseFollowUpModel::StateRole).toString(), QStringLiteral("in-progress"));
    QVERIFY(roleOf(*followUp, 0, ReleaseFollowUpModel::StepsRecordedRole).toInt() > 0);
    QVERIFY(roleOf(*followUp, 0, ReleaseFollowUpModel::StepsTotalRole).toInt() >
            roleOf(*followUp, 0, ReleaseFollowUpModel::StepsRecordedRole).toInt());
    QCOMPARE(roleOf(*followUp, 0, ReleaseFollowUpModel::BuildVersionRole).toInt(), 2);
    QCOMPARE(roleOf(*followUp, 0, ReleaseFollowUpModel::StartedByRole).toString(), QStringLiteral("Sam Okafor"));
    QVERIFY(!roleOf(*followUp, 0, ReleaseFollowUpModel::InstalledAgainRole).toBool());

    // No such release: said in words, the list empty.
    followUp->setReleaseId(idText(Id::generate()));
    QCOMPARE(followUp->rowCount(), 0);
    QVERIFY(!followUp->plan().loaded);
    QVERIFY(!followUp->error().isEmpty());
}

void OfficeModelsTest::aBackedOutUnitInstalledAgainKeepsItsBackOut()
{
    auto *followUp = checked<ReleaseFollowUpModel>();
    auto *overview = checked<ReleasesOverviewModel>();
    const Release laptops = release("R-2026-047");
    followUp->setReleaseId(idText(laptops.id));
    const QString failing = roleOf(*followUp, 0, ReleaseFollowUpModel::InstallationIdRole).toString();
    const QString asset = roleOf(*followUp, 0, ReleaseFollowUpModel::AssetIdRole).toString();
    auto &replica = m_session->replica();
    const Id sam = m_session->store().userByName("sam")->id;
    replica.recordBackOut({{}, Id::parse(failing.toStdString()), "Print server certificate missing", sam,
                           AppSession::now()});
    m_session->notifyLocalChange();
    QTRY_COMPARE(roleOf(*followUp, 0, ReleaseFollowUpModel::StateRole).toString(), QStringLiteral("backed-out"));
    QCOMPARE(roleOf(*followUp, 0, ReleaseFollowUpModel::BackOutReasonRole).toString(),
             QStringLiteral("Print server certificate missing"));
    QCOMPARE(followUp->plan().unitsBackedOut, 1);
    const int row = column(*overview, ReleasesOverviewModel::NumberRole).indexOf(QStringLiteral("R-2026-047"));
    QCOMPARE(roleOf(*overview, row, ReleasesOverviewModel::UnitsBackedOutRole).toInt(), 1);

    // Installed again on the same asset: one unit, under way, its back-out in its history.
    const Id again = replica.startInstallation(
        {{}, laptops.id, Id::parse(asset.toStdString()), InstallationStatus::InProgress, sam, AppSession::now() + 1});
    m_session->notifyLocalChange();
    QTRY_VERIFY(column(*followUp, ReleaseFollowUpModel::InstallationIdRole).contains(idText(again)));
    QCOMPARE(followUp->rowCount(), 2);
    const int unit = column(*followUp, ReleaseFollowUpModel::AssetIdRole).indexOf(asset);
    QCOMPARE(roleOf(*followUp, unit, ReleaseFollowUpModel::InstallationIdRole).toString(), idText(again));
    QCOMPARE(roleOf(*followUp, unit, ReleaseFollowUpModel::StateRole).toString(), QStringLiteral("in-progress"));
    QVERIFY(roleOf(*followUp, unit, ReleaseFollowUpModel::InstalledAgainRole).toBool());
    const QString history = roleOf(*followUp, unit, ReleaseFollowUpModel::HistoryRole).toString();
    QVERIFY2(history.contains(QStringLiteral("Print server certificate missing")), qPrintable(history));
    QVERIFY2(history.contains(QStringLiteral("Sam Okafor")), qPrintable(history));
    QCOMPARE(followUp->plan().unitsBackedOut, 0);
    QCOMPARE(followUp->plan().unitsInstalledAgain, 1);
    QCOMPARE(roleOf(*overview, row, ReleasesOverviewModel::UnitsBackedOutRole).toInt(), 0);
    QCOMPARE(roleOf(*overview, row, ReleasesOverviewModel::UnitsUnderWayRole).toInt(), 2);
}

void OfficeModelsTest::statusChangesFollowTheRulesAndAreQueued()
{
    auto *followUp = checked<ReleaseFollowUpModel>();
    const Release office = release("R-2026-048");
    followUp->setReleaseId(idText(office.id));
    QCOMPARE(followUp->plan().status, QStringLiteral("planned"));
    QCOMPARE(followUp->plan().nextStatuses, QStringList({QStringLiteral("in-progress")}));
    QVERIFY(followUp->plan().canClose); // dropped before any work

    // Not a change the rules allow: refused in words, nothing written.
    const auto before = queued("setReleaseStatus");
    const QVariantMap refused = m_releases->setStatus(idText(office.id), QStringLiteral("accepted"));
    QVERIFY(!failure(refused).isEmpty());
    QVERIFY2(failure(refused).contains(QStringLiteral("planned")), qPrintable(failure(refused)));
    QCOMPARE(queued("setReleaseStatus"), before);
    QVERIFY(!failure(m_releases->setStatus(QStringLiteral("not-an-id"), QStringLiteral("installed"))).isEmpty());

    QCOMPARE(failure(m_releases->setStatus(idText(office.id), QStringLiteral("in-progress"))), QString());
    QCOMPARE(failure(m_releases->setStatus(idText(office.id), QStringLiteral("installed"))), QString());
    QCOMPARE(queued("setReleaseStatus"), before + 2);
    QTRY_COMPARE(followUp->plan().status, QStringLiteral("installed"));
    QCOMPARE(followUp->plan().nextStatuses, QStringList({QStringLiteral("accepted"), QStringLiteral("backed-out")}));
    QVERIFY(!followUp->plan().canClose);
}

void OfficeModelsTest::closingNeedsTheReviewAndNoUnitInProgress()
{
    const Release laptops = release("R-2026-047");
    QVERIFY(failure(m_releases->setStatus(idText(laptops.id), QStringLiteral("installed"))).isEmpty());
    QVERIFY(failure(m_releases->setStatus(idText(laptops.id), QStringLiteral("accepted"))).isEmpty());
    // Two units still in progress: the store says so, nothing is closed.
    const QString stillGoing = failure(m_releases->close(idText(laptops.id), QStringLiteral("Went well")));
    QVERIFY2(stillGoing.contains(QStringLiteral("in progress")), qPrintable(stillGoing));
    QCOMPARE(queued("closeRelease"), 0);

    const Release office = release("R-2026-048");
    QVERIFY(!failure(m_releases->close(idText(office.id), QStringLiteral("   "))).isEmpty());
    QCOMPARE(failure(m_releases->close(idText(office.id), QStringLiteral("Dropped: the PCs come next term."))),
             QString());
    QCOMPARE(queued("closeRelease"), 1);
    const Release closed = release("R-2026-048");
    QVERIFY(closed.status == ReleaseStatus::Closed);
    QCOMPARE(closed.reviewNote, std::string("Dropped: the PCs come next term."));

    auto *followUp = checked<ReleaseFollowUpModel>();
    followUp->setReleaseId(idText(office.id));
    QCOMPARE(followUp->plan().reviewNote, QStringLiteral("Dropped: the PCs come next term."));
    QVERIFY(!followUp->plan().canEdit);
    QVERIFY(!followUp->plan().canClose);
    QVERIFY(followUp->plan().nextStatuses.isEmpty());
}

void OfficeModelsTest::peopleAreListedWithRolesAndSites()
{
    auto *people = checked<PeopleModel>();
    QCOMPARE(people->rowCount(), 5);
    QCOMPARE(column(*people, PeopleModel::NameRole),
             QStringList({QStringLiteral("morgan"), QStringLiteral("devi"), QStringLiteral("alex"),
                          QStringLiteral("jo"), QStringLiteral("sam")}));
    QVERIFY(roleOf(*people, 0, PeopleModel::IsMeRole).toBool());
    QVERIFY(!roleOf(*people, 1, PeopleModel::IsMeRole).toBool());
    QCOMPARE(roleOf(*people, 0, PeopleModel::RoleNameRole).toString(), QStringLiteral("Release manager"));
    QCOMPARE(roleOf(*people, 2, PeopleModel::SitesRole).toString(), QStringLiteral("Riverside Academy - Lower School"));
    QCOMPARE(roleOf(*people, 4, PeopleModel::OpenReleasesRole).toInt(), 3);
    QVERIFY(roleOf(*people, 4, PeopleModel::ActiveRole).toBool());
}

void OfficeModelsTest::peopleChangeButNobodyLocksThemselvesOut()
{
    auto *people = checked<PeopleModel>();
    auto &store = m_session->store();
    const auto sites = store.sites();

    // Added here, queued for the server, and listed at once.
    User priya;
    priya.name = "priya";
    priya.displayName = "Priya Shah";
    priya.role = Role::Installer;
    const QVariantMap added = m_people->add(priya, {sites.front().id});
    QCOMPARE(failure(added), QString());
    QCOMPARE(queued("addPerson"), 1);
    QTRY_COMPARE(people->rowCount(), 6);
    QVERIFY(column(*people, PeopleModel::NameRole).contains(QStringLiteral("priya")));
    // The same sign-in name again: refused in words.
    QVERIFY(failure(m_people->add(priya, {sites.front().id})).contains(QStringLiteral("priya")));
    QCOMPARE(queued("addPerson"), 1);

    // Switched off, and on again.
    const QString id = added.value(QStringLiteral("id")).toString();
    QCOMPARE(failure(m_people->setActive(id, false)), QString());
    QVERIFY(!store.user(Id::parse(id.toStdString()))->active);
    QTRY_VERIFY(!roleOf(*people, people->rowCount() - 1, PeopleModel::ActiveRole).toBool());
    QCOMPARE(failure(m_people->setActive(id, true)), QString());
    QCOMPARE(queued("setPersonFields"), 2);

    // The signed-in release manager can neither switch themselves off nor give up their role.
    const QString me = idText(m_session->userId());
    const QString off = failure(m_people->setActive(me, false));
    QVERIFY2(off.contains(QStringLiteral("yourself")), qPrintable(off));
    User myself = *store.user(m_session->userId());
    myself.role = Role::Installer;
    QVERIFY(!failure(m_people->update(myself, store.userSites(myself.id))).isEmpty());
    QVERIFY(store.user(m_session->userId())->role == Role::ReleaseManager);
    QCOMPARE(queued("setPersonFields"), 2);
}

void OfficeModelsTest::sitesAndRoomsAreAddedAndListed()
{
    auto *sites = checked<SitesModel>();
    QCOMPARE(column(*sites, SitesModel::CodeRole), QStringList({"RAL", "RAU"})); // by name: Lower, Upper
    const int upperRooms = roleOf(*sites, 1, SitesModel::RoomCountRole).toInt();
    QVERIFY(upperRooms > 0);

    OfficeSites office;
    office.setSession(m_session.get());
    const auto added = office.addSite(QStringLiteral("Northfield Primary"), QStringLiteral("NFP"),
                                      QStringLiteral("^NFP-[0-9]{5}$"));
    QCOMPARE(failure(added), QString());
    const QString north = added.value(QStringLiteral("id")).toString();
    QCOMPARE(failure(office.addRoom(north, QStringLiteral("ICT Suite"))), QString());
    QCOMPARE(failure(office.addRoom(north, QStringLiteral("Library"))), QString());
    QTRY_COMPARE(column(*sites, SitesModel::CodeRole), QStringList({"NFP", "RAL", "RAU"}));
    QCOMPARE(roleOf(*sites, 0, SitesModel::SiteIdRole).toString(), north);
    QCOMPARE(roleOf(*sites, 0, SitesModel::TagPatternRole).toString(), QStringLiteral("^NFP-[0-9]{5}$"));
    QCOMPARE(roleOf(*sites, 0, SitesModel::RoomCountRole).toInt(), 2);
    QCOMPARE(roleOf(*sites, 0, SitesModel::RoomsRole).toString(), QStringLiteral("ICT Suite, Library"));
    QCOMPARE(queued("addSite"), 1);
    QCOMPARE(queued("addRoom"), 2);

    // A repeated code or room, a blank name, or a tag format that is no regular expression changes nothing.
    const QString sameCode = failure(office.addSite(QStringLiteral("Northfield Infants"), QStringLiteral("NFP"), {}));
    QVERIFY2(sameCode.contains(QStringLiteral("NFP")), qPrintable(sameCode));
    QVERIFY(!failure(office.addRoom(north, QStringLiteral("Library"))).isEmpty());
    QVERIFY(!failure(office.addSite(QStringLiteral("  "), QStringLiteral("BLK"), {})).isEmpty());
    QVERIFY(!failure(office.addSite(QStringLiteral("Broken"), QStringLiteral("BRK"), QStringLiteral("[0-9"))).isEmpty());
    QCOMPARE(sites->rowCount(), 3);
    QCOMPARE(queued("addSite"), 1);
    QCOMPARE(queued("addRoom"), 2);
}

QTEST_MAIN(OfficeModelsTest)
#include "officemodels_test.moc"
