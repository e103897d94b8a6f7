// The release planning form without its page: the choices, each field's check in the core's words,
// what is still missing, planning a rollout and changing a plan, over the release manager's demo
// tablet (no server). The page's Qt Quick test (tests/qml/tst_releaseplan.qml) drives the same form
// by hand.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officereleases.h"
#include "forms/releaseplanform.h"

#include "store/store.h"

#include <QDate>
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

/** The place of the entry named @p name in a form's list of {id, name}. */
int indexOfName(const QVariantList &list, const QString &name)
{
    for (int i = 0; i < list.size(); ++i) {
        if (field(list.at(i), "name") == name)
            return i;
    }
    return -1;
}

QString idOfName(const QVariantList &list, const QString &name)
{
    const int at = indexOfName(list, name);
    return at < 0 ? QString() : field(list.at(at), "id");
}

} // namespace

class ReleasePlanFormTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void aNewPlanSuggestsANumberAndSaysWhatItWaitsFor();
    void aRolloutIsPlannedWithItsRoomsAssetsAndInstallers();
    void eachFieldIsCheckedInTheCoresWords();
    void changingAPlanKeepsItsServiceAndSite();
    void withoutTheActionsNothingIsSent();

private:
    std::unique_ptr<ReleasePlanForm> form(const QString &releaseId = {});
    /** A new plan of the laptops' service at the Upper School, by Sam, with nothing else wrong. */
    std::unique_ptr<ReleasePlanForm> readyPlan();
    [[nodiscard]] std::int64_t queued(const char *kind) const
    {
        auto q = m_session->store().database().query("SELECT count(*) FROM outbox WHERE kind = ?1");
        q->bind(1, kind);
        q->step();
        return q->int64(0);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<OfficeReleases> m_releases;
};

void ReleasePlanFormTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<AppSession>(m_dir->path());
    QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
    QString why;
    QVERIFY2(prepareDemoTablet(*m_session, QStringLiteral("morgan"), &why), qPrintable(why));
    m_releases = std::make_unique<OfficeReleases>();
    m_releases->setSession(m_session.get());
}

void ReleasePlanFormTest::cleanup()
{
    m_releases.reset();
    m_session.reset();
    m_dir.reset();
}

std::unique_ptr<ReleasePlanForm> ReleasePlanFormTest::form(const QString &releaseId)
{
    auto f = std::make_unique<ReleasePlanForm>();
    // QML sets the properties in no given order: the release first, then the actions.
    f->setReleaseId(releaseId);
    f->setReleases(m_releases.get());
    return f;
}

std::unique_ptr<ReleasePlanForm> ReleasePlanFormTest::readyPlan()
{
    auto f = form();
    f->setServiceIndex(indexOfName(f->services(), QStringLiteral("Curriculum laptop")));
    f->setSiteIndex(indexOfName(f->sites(), QStringLiteral("Riverside Academy - Upper School")));
    f->setInstallerChosen(idOfName(f->installers(), QStringLiteral("Sam Okafor")), true);
    return f;
}

void ReleasePlanFormTest::aNewPlanSuggestsANumberAndSaysWhatItWaitsFor()
{
    const auto f = form();
    QVERIFY(f->isNew());
    const int year = QDate::currentDate().year();
    QCOMPARE(f->number(), year == 2026 ? QStringLiteral("R-2026-050") : QStringLiteral("R-%1-001").arg(year));
    QCOMPARE(f->plannedDate(), QDate::currentDate().toString(Qt::ISODate));
    QCOMPARE(f->kind(), QStringLiteral("single"));
    QCOMPARE(f->units(), 1);
    QCOMPARE(f->releaseType(), QStringLiteral("minor"));
    QCOMPARE(f->trigger(), QStringLiteral("none"));
    QVERIFY(f->useBuildBackOut());
    // Services with an approved build procedure, and both sites: of several, none is chosen for you.
    QVERIFY(indexOfName(f->services(), QStringLiteral("Curriculum laptop")) >= 0);
    QCOMPARE(f->sites().size(), 2);
    QCOMPARE(f->serviceIndex(), -1);
    QCOMPARE(f->siteIndex(), -1);
    QVERIFY(f->installers().isEmpty());
    QCOMPARE(f->missing(), QStringLiteral("Still needed: a service, a site and someone to install it."));
    QVERIFY(!f->canSubmit());
    // Nothing typed wrong yet: no field says anything.
    QCOMPARE(f->numberError(), QString());
    QCOMPARE(f->unitsError(), QString());
    QCOMPARE(f->plannedDateError(), QString());
    QCOMPARE(f->triggerRefError(), QString());

    // The service brings its newest approved version, the build's hardware and back-out plan.
    f->setServiceIndex(indexOfName(f->services(), QStringLiteral("Curriculum laptop")));
    QCOMPARE(f->buildIndex(), 0);
    QCOMPARE(f->builds().constFirst().toMap().value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(f->hardwareModel(), QStringLiteral("Dell Latitude 3440"));
    QVERIFY(f->buildBackOutPlan().startsWith(QStringLiteral("Re-image")));
    // The site brings its rooms and the people who install there.
    f->setSiteIndex(indexOfName(f->sites(), QStringLiteral("Riverside Academy - Lower School")));
    QVERIFY(indexOfName(f->installers(), QStringLiteral("Alex Moreau")) >= 0);
    QVERIFY(indexOfName(f->installers(), QStringLiteral("Devi Raman")) < 0); // a build developer does not install
    QVERIFY(!f->rooms().isEmpty());
    QCOMPARE(f->missing(), QStringLiteral("Still needed: someone to install it."));
}

void ReleasePlanFormTest::aRolloutIsPlannedWithItsRoomsAssetsAndInstallers()
{
    const auto f = readyPlan();
    QSignalSpy saved(f.get(), &ReleasePlanForm::saved);
    f->setNumber(QStringLiteral("R-2026-120"));
    f->setKind(QStringLiteral("rollout"));
    f->setUnits(30);
    f->setReleaseType(QStringLiteral("major"));
    f->setInstallerChosen(idOfName(f->installers(), QStringLiteral("Jo Whitaker")), true);
    const QString room = field(f->rooms().constFirst(), "id");
    f->setRoomChosen(room, true);
    // Particular assets, found by tag as typed.
    f->setAssetSearch(QStringLiteral("rau-0000"));
    QVERIFY(f->assetMatches().size() > 1);
    QVERIFY(f->assetMatches().size() <= 8);
    const QString asset = field(f->assetMatches().constFirst(), "id");
    QCOMPARE(field(f->assetMatches().constFirst(), "label"), QStringLiteral("RAU-00001"));
    QVERIFY(f->addTargetAsset(asset));
    QCOMPARE(f->targetAssets().size(), 1);
    QVERIFY(!f->addTargetAsset(asset)); // named already: no longer among the matches
    QCOMPARE(field(f->assetMatches().constFirst(), "label"), QStringLiteral("RAU-00002"));
    f->setPlannedDate(QStringLiteral("2027-01-11"));
    f->setPlannedEnd(QStringLiteral("2027-01-22"));
    f->setTrigger(QStringLiteral("rfc"));
    QCOMPARE(f->missing(), QStringLiteral("Still needed: the RFC's reference."));
    f->setTriggerRef(QStringLiteral("RFC-0121"));
    f->setUseBuildBackOut(false);
    QCOMPARE(f->missing(), QStringLiteral("Still needed: the release's own back-out plan."));
    f->setBackOutPlan(QStringLiteral("Swap the old laptop back from the store room."));
    f->setUserNotice(QStringLiteral("Save your work to OneDrive first."));
    QCOMPARE(f->missing(), QString());
    QVERIFY(f->canSubmit());

    const QVariantMap answer = f->submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    QCOMPARE(saved.count(), 1);
    const auto r = m_session->store().releaseByNumber("R-2026-120");
    QVERIFY(r);
    QCOMPARE(saved.at(0).at(0).toString(), idText(r->id));
    QVERIFY(r->kind == ReleaseKind::Rollout);
    QCOMPARE(r->units, 30);
    QVERIFY(r->type == ReleaseType::Major);
    QVERIFY(r->trigger == TriggerKind::Rfc);
    QCOMPARE(r->triggerRef, std::string("RFC-0121"));
    QCOMPARE(r->plannedDate, std::string("2027-01-11"));
    QCOMPARE(r->plannedEnd, std::string("2027-01-22"));
    QCOMPARE(r->backOutPlan, std::string("Swap the old laptop back from the store room."));
    QCOMPARE(r->userNotice, std::string("Save your work to OneDrive first."));
    QCOMPARE(r->installers.size(), std::size_t(2));
    QCOMPARE(r->targetAssets.size(), std::size_t(1));
    QCOMPARE(idText(r->targetAssets.front()), asset);
    QCOMPARE(r->targetRooms.size(), std::size_t(1));
    QCOMPARE(idText(r->targetRooms.front()), room);
    QCOMPARE(idText(r->createdBy), idText(m_session->userId()));
    QCOMPARE(queued("planRelease"), 1);
}

void ReleasePlanFormTest::eachFieldIsCheckedInTheCoresWords()
{
    const auto f = readyPlan();
    QVERIFY(f->canSubmit());
    f->setKind(QStringLiteral("rollout"));
    f->setUnits(0);
    QCOMPARE(f->unitsError(), QStringLiteral("Units: must be between 1 and 10000"));
    QVERIFY(!f->canSubmit());
    f->setKind(QStringLiteral("single")); // one unit, whatever was typed
    QCOMPARE(f->units(), 1);
    QCOMPARE(f->unitsError(), QString());

    f->setPlannedDate(QStringLiteral("2027-02-30"));
    QCOMPARE(f->plannedDateError(), QStringLiteral("Planned date: '2027-02-30' is not a date (YYYY-MM-DD)"));
    f->setPlannedDate(QStringLiteral("2027-03-01"));
    f->setPlannedEnd(QStringLiteral("2027-02-01"));
    QCOMPARE(f->plannedEndError(), QStringLiteral("Planned end: is before the planned start"));
    f->setPlannedEnd({});
    QCOMPARE(f->plannedEndError(), QString());

    f->setTrigger(QStringLiteral("request"));
    QCOMPARE(f->triggerRefError(), QString());
    QCOMPARE(f->missing(), QStringLiteral("Still needed: the request's reference."));
    f->setTriggerRef(QString(65, u'X'));
    QVERIFY2(f->triggerRefError().startsWith(QStringLiteral("Trigger reference: is too long")),
             qPrintable(f->triggerRefError()));
    f->setTriggerRef(QStringLiteral("REQ-5001"));
    QCOMPARE(f->triggerRefError(), QString());

    // A number in use is said as it is typed; the store refuses it too, writing nothing.
    f->setNumber(QStringLiteral("R-2026-047"));
    QCOMPARE(f->numberError(), QStringLiteral("Release number R-2026-047 is already used: choose another."));
    QVERIFY(!f->canSubmit());
    const QVariantMap refused = f->submit();
    QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
    QVERIFY2(f->error().contains(QStringLiteral("R-2026-047")), qPrintable(f->error()));
    QCOMPARE(queued("planRelease"), 0);
    f->setNumber(QStringLiteral("line one\nline two"));
    QVERIFY(!f->numberError().isEmpty());
    f->setNumber(QStringLiteral("R-2026-121"));
    QCOMPARE(f->numberError(), QString());
    QVERIFY(f->canSubmit());
}

void ReleasePlanFormTest::changingAPlanKeepsItsServiceAndSite()
{
    auto &store = m_session->store();
    const auto laptops = *store.releaseByNumber("R-2026-047");
    const auto f = form(idText(laptops.id));
    QVERIFY(!f->isNew());
    QCOMPARE(f->number(), QStringLiteral("R-2026-047"));
    QCOMPARE(f->services().size(), 1);
    QCOMPARE(f->serviceIndex(), 0);
    QCOMPARE(f->sites().size(), 1);
    QCOMPARE(f->siteIndex(), 0);
    QCOMPARE(f->buildId(), idText(laptops.buildId));
    QCOMPARE(f->kind(), QStringLiteral("rollout"));
    QCOMPARE(f->units(), 30);
    QCOMPARE(f->trigger(), QStringLiteral("rfc"));
    QCOMPARE(f->triggerRef(), QStringLiteral("RFC-0112"));
    QVERIFY(f->useBuildBackOut()); // planned with the build's: the copy the store kept is the build's
    QCOMPARE(f->missing(), QString());
    int chosen = 0;
    for (const auto &p : f->installers())
        chosen += p.toMap().value(QStringLiteral("chosen")).toBool();
    QCOMPARE(chosen, 2);
    // Its own number is not "already used".
    QCOMPARE(f->numberError(), QString());

    // Fewer units than are under way: the store refuses in words, nothing changes.
    f->setUnits(1);
    QVERIFY(!f->submit().value(QStringLiteral("ok")).toBool());
    QVERIFY2(f->error().contains(QStringLiteral("under way")), qPrintable(f->error()));
    QCOMPARE(store.releaseByNumber("R-2026-047")->units, 30);

    f->setUnits(40);
    f->setPlannedEnd(QDate::currentDate().addDays(20).toString(Qt::ISODate));
    f->setInstallerChosen(idOfName(f->installers(), QStringLiteral("Jo Whitaker")), false);
    const QVariantMap answer = f->submit();
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(f->error()));
    const auto changed = *store.releaseByNumber("R-2026-047");
    QCOMPARE(changed.units, 40);
    QCOMPARE(changed.installers.size(), std::size_t(1));
    QCOMPARE(idText(changed.installers.front()), idText(store.userByName("sam")->id));
    QCOMPARE(changed.backOutPlan, laptops.backOutPlan);
    QCOMPARE(queued("setReleaseFields"), 1);
    QCOMPARE(queued("setReleaseInstallers"), 1);
    QCOMPARE(queued("setReleaseTargets"), 0); // the same targets: nothing to send
}

void ReleasePlanFormTest::withoutTheActionsNothingIsSent()
{
    ReleasePlanForm f;
    QVERIFY(f.services().isEmpty());
    QVERIFY(!f.canSubmit());
    const QVariantMap answer = f.submit();
    QVERIFY(!answer.value(QStringLiteral("ok")).toBool());
    QVERIFY(!f.error().isEmpty());
}

QTEST_MAIN(ReleasePlanFormTest)
#include "releaseplanform_test.moc"
