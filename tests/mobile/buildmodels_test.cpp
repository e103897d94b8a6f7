// The office's services and build procedures list models, over the demo school's tablet (no
// server), each under QAbstractItemModelTester, which fails the test on any broken contract: the
// service catalogue, a service's versions, what changed between two versions, and a build draft
// saved twice as the sync page's conflicts show it.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officebench.h"
#include "app/workbench.h"
#include "models/builddiffmodel.h"
#include "models/buildversionsmodel.h"
#include "models/conflictsmodel.h"
#include "models/servicesmodel.h"

#include "store/buildviews.h"
#include "store/store.h"
#include "sync/records.h"

#include <QAbstractItemModelTester>
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

} // namespace

class BuildModelsTest : public QObject {
    Q_OBJECT

private slots:
    void cleanup();

    void theCatalogueSaysWhatIsStillToDocument();
    void retiredServicesOnlyWhenAskedFor();
    void aServiceListsItsVersionsNewestFirst();
    void aReturnedDraftShowsWhy();
    void whatChangedBetweenTwoVersions();
    void aVersionComparedWithItselfIsTheSame();
    void aDraftSavedTwiceIsReadableAndKeptWhole();

private:
    AppSession *tablet(const char *user);
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
    Id build(AppSession *session, const char *service, int version)
    {
        auto q = session->store().database().query(
            "SELECT b.id FROM build_procedures b JOIN services s ON s.id = b.service_id "
            "WHERE s.name = ?1 AND b.version = ?2");
        q->bindAll(std::string(service), version);
        return q->step() ? q->id(0) : Id();
    }

    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
    std::vector<std::unique_ptr<AppSession>> m_sessions;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::vector<std::unique_ptr<QObject>> m_owned;
};

AppSession *BuildModelsTest::tablet(const char *user)
{
    m_dirs.push_back(std::make_unique<QTemporaryDir>());
    m_sessions.push_back(std::make_unique<AppSession>(m_dirs.back()->path()));
    QString why;
    if (!prepareDemoTablet(*m_sessions.back(), QString::fromLatin1(user), &why))
        qFatal("the demo tablet cannot be prepared: %s", qPrintable(why));
    return m_sessions.back().get();
}

void BuildModelsTest::cleanup()
{
    m_testers.clear();
    m_owned.clear();
    m_sessions.clear();
    m_dirs.clear();
}

void BuildModelsTest::theCatalogueSaysWhatIsStillToDocument()
{
    auto *session = tablet("morgan");
    auto *services = checked<ServicesModel>(session);
    QCOMPARE(column(*services, ServicesModel::NameRole),
             QStringList({QStringLiteral("Curriculum laptop"), QStringLiteral("Exam room PC"),
                          QStringLiteral("Interactive whiteboard"), QStringLiteral("Library kiosk"),
                          QStringLiteral("MIS client"), QStringLiteral("Staff desktop")}));
    const int laptop = services->rowOf(idText(*BuildViews(session->store()).serviceNamed("Curriculum laptop")));
    QCOMPARE(laptop, 0);
    QCOMPARE(roleOf(*services, laptop, ServicesModel::StateRole).toString(), QStringLiteral("documented (v2 approved)"));
    QVERIFY(roleOf(*services, laptop, ServicesModel::DocumentedRole).toBool());
    QCOMPARE(roleOf(*services, laptop, ServicesModel::ApprovedVersionRole).toInt(), 2);
    QCOMPARE(roleOf(*services, laptop, ServicesModel::WorkRole).toString(), QString());
    const int mis = 4;
    QCOMPARE(roleOf(*services, mis, ServicesModel::StateRole).toString(), QStringLiteral("still to document"));
    QCOMPARE(roleOf(*services, mis, ServicesModel::WorkRole).toString(), QStringLiteral("v1 is being written"));
    QCOMPARE(services->stillToDocument(), 3); // MIS client, Exam room PC, Library kiosk
    QCOMPARE(services->rowOf(QStringLiteral("not an id")), -1);

    // A service added on this tablet is listed at once, still to document.
    OfficeBench office;
    office.setSession(session);
    Service s;
    s.name = "Visualiser";
    s.userBenefit = "Show a book on the board";
    QVERIFY(office.saveService(s).value(QStringLiteral("ok")).toBool());
    QTRY_COMPARE(services->count(), 7);
    QCOMPARE(services->stillToDocument(), 4);
    const int added = column(*services, ServicesModel::NameRole).indexOf(QStringLiteral("Visualiser"));
    QCOMPARE(roleOf(*services, added, ServicesModel::UserBenefitRole).toString(), QStringLiteral("Show a book on the board"));
    QCOMPARE(roleOf(*services, added, ServicesModel::OwnerRole).toString(), QString());
}

void BuildModelsTest::retiredServicesOnlyWhenAskedFor()
{
    auto *session = tablet("morgan");
    auto *services = checked<ServicesModel>(session);
    OfficeBench office;
    office.setSession(session);
    const Id kiosk = *BuildViews(session->store()).serviceNamed("Library kiosk");
    QVERIFY(office.retireService(idText(kiosk)).value(QStringLiteral("ok")).toBool());
    QTRY_COMPARE(services->count(), 5);
    QCOMPARE(services->rowOf(idText(kiosk)), -1);
    services->setShowRetired(true);
    QCOMPARE(services->count(), 6);
    const int row = services->rowOf(idText(kiosk));
    QVERIFY(roleOf(*services, row, ServicesModel::RetiredRole).toBool());
    QCOMPARE(roleOf(*services, row, ServicesModel::StateRole).toString(), QStringLiteral("retired"));
    QCOMPARE(services->stillToDocument(), 2); // a retired service is not waiting for documentation
}

void BuildModelsTest::aServiceListsItsVersionsNewestFirst()
{
    auto *session = tablet("devi");
    auto *versions = checked<BuildVersionsModel>(session);
    QVERIFY(!versions->service().loaded);
    const Id laptopV2 = build(session, "Curriculum laptop", 2);
    const Id serviceId = session->store().buildProcedure(laptopV2)->serviceId;
    versions->setServiceId(idText(serviceId));
    QVERIFY(versions->service().loaded);
    QCOMPARE(versions->service().name, QStringLiteral("Curriculum laptop"));
    QCOMPARE(versions->service().state, QStringLiteral("documented (v2 approved)"));
    QCOMPARE(versions->service().approvedBuildId, idText(laptopV2));
    QCOMPARE(column(*versions, BuildVersionsModel::LabelRole),
             QStringList({QStringLiteral("v2 · Approved"), QStringLiteral("v1 · Retired")}));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhatRole).toString(), QStringLiteral("approved by"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhoRole).toString(), QStringLiteral("Morgan Hale"));
    QVERIFY(roleOf(*versions, 0, BuildVersionsModel::WhenRole).toDateTime().isValid());
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::LinesRole).toInt(), 12);
    QCOMPARE(roleOf(*versions, 1, BuildVersionsModel::StatusRole).toString(), QStringLiteral("retired"));
    QCOMPARE(versions->rowOf(idText(laptopV2)), 0);
    QCOMPARE(versions->buildIdAt(0), idText(laptopV2));
    QCOMPARE(versions->buildIdAt(5), QString());

    // A new version drafted on this tablet comes first.
    OfficeBench office;
    office.setSession(session);
    QVERIFY(office.draftBuild(idText(serviceId), idText(laptopV2)).value(QStringLiteral("ok")).toBool());
    QTRY_COMPARE(versions->count(), 3);
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::LabelRole).toString(), QStringLiteral("v3 · Draft"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhatRole).toString(), QStringLiteral("written by"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhoRole).toString(), QStringLiteral("Devi Raman"));
    versions->setServiceId(QStringLiteral("not an id"));
    QCOMPARE(versions->count(), 0);
    QVERIFY(!versions->service().loaded);
}

void BuildModelsTest::aReturnedDraftShowsWhy()
{
    auto *session = tablet("morgan");
    const Id mis = build(session, "MIS client", 1);
    // Handed in by the build developer (as a sync would bring it), then returned here.
    session->store().submitBuild(mis, session->store().buildProcedure(mis)->createdBy, AppSession::now());
    auto *versions = checked<BuildVersionsModel>(session);
    versions->setServiceId(idText(session->store().buildProcedure(mis)->serviceId));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::StatusRole).toString(), QStringLiteral("submitted"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhoRole).toString(), QStringLiteral("Devi Raman"));
    OfficeBench office;
    office.setSession(session);
    const QVariantMap refused = office.returnBuild(idText(mis), QStringLiteral("  "));
    QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
    QVERIFY(refused.value(QStringLiteral("error")).toString().contains(QStringLiteral("reason")));
    QVERIFY(office.returnBuild(idText(mis), QStringLiteral("Say which SIMS version the office runs"))
                .value(QStringLiteral("ok"))
                .toBool());
    QTRY_COMPARE(roleOf(*versions, 0, BuildVersionsModel::StatusRole).toString(), QStringLiteral("draft"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::ReturnedReasonRole).toString(),
             QStringLiteral("Say which SIMS version the office runs"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhatRole).toString(), QStringLiteral("returned by"));
    QCOMPARE(roleOf(*versions, 0, BuildVersionsModel::WhoRole).toString(), QStringLiteral("Morgan Hale"));
}

void BuildModelsTest::whatChangedBetweenTwoVersions()
{
    auto *session = tablet("devi");
    auto *diff = checked<BuildDiffModel>(session);
    QCOMPARE(diff->count(), 0);
    diff->setFromBuildId(idText(build(session, "Curriculum laptop", 1)));
    diff->setToBuildId(idText(build(session, "Curriculum laptop", 2)));
    // v2 adds GeoGebra for maths and says so in its notes; its lines are v1's.
    QCOMPARE(column(*diff, BuildDiffModel::KindRole), QStringList({QStringLiteral("changed"), QStringLiteral("added")}));
    QCOMPARE(roleOf(*diff, 0, BuildDiffModel::LabelRole).toString(), QStringLiteral("Notes"));
    QCOMPARE(roleOf(*diff, 0, BuildDiffModel::AfterRole).toString(),
             QStringLiteral("v2: adds GeoGebra Classic for maths; otherwise as v1."));
    QCOMPARE(roleOf(*diff, 1, BuildDiffModel::LabelRole).toString(), QStringLiteral("GeoGebra Classic"));
    QCOMPARE(roleOf(*diff, 1, BuildDiffModel::AfterRole).toString(), QStringLiteral("6.0 (GeoGebra)"));
    QCOMPARE(roleOf(*diff, 1, BuildDiffModel::SectionRole).toString(), QStringLiteral("Design details"));
    QCOMPARE(diff->summary(), QStringLiteral("1 software item added; notes changed"));
    QVERIFY(!diff->same());

    // A draft of v3 with its lines edited: each change in words.
    OfficeBench office;
    office.setSession(session);
    const Id v2 = build(session, "Curriculum laptop", 2);
    const QString v3 = office.draftBuild(idText(session->store().buildProcedure(v2)->serviceId), idText(v2))
                           .value(QStringLiteral("id"))
                           .toString();
    auto draft = *session->store().buildProcedure(Id::parse(v3.toStdString()));
    for (auto &s : draft.steps) {
        if (s.title == "Join the domain and the build's organisational unit") {
            s.required = false;
            s.evidence = EvidenceKind::Note;
        }
    }
    draft.steps.erase(draft.steps.begin()); // the unboxing line
    for (auto &s : draft.steps) {
        if (s.part == StepPart::Installation)
            --s.position;
    }
    draft.steps.push_back({Id::generate(), StepPart::Acceptance, 4, "Webcam works in Teams", "", true, EvidenceKind::Photo});
    QVERIFY(office.saveBuildDraft(draft, false).value(QStringLiteral("ok")).toBool());
    diff->setFromBuildId(idText(v2));
    diff->setToBuildId(v3);
    QCOMPARE(diff->summary(), QStringLiteral("1 line added, 1 removed, 1 changed"));
    const QStringList kinds = column(*diff, BuildDiffModel::KindRole);
    QCOMPARE(kinds, QStringList({QStringLiteral("removed"), QStringLiteral("changed"), QStringLiteral("added")}));
    QCOMPARE(roleOf(*diff, 0, BuildDiffModel::SectionRole).toString(), QStringLiteral("Installation steps"));
    QCOMPARE(roleOf(*diff, 0, BuildDiffModel::BeforeRole).toString(),
             QStringLiteral("Unbox, check against the delivery note, fit asset tag"));
    QCOMPARE(roleOf(*diff, 1, BuildDiffModel::LabelRole).toString(), QStringLiteral("4 → 3"));
    QCOMPARE(roleOf(*diff, 1, BuildDiffModel::WhatRole).toString(),
             QStringLiteral("now optional; asks for a note, not nothing"));
    QCOMPARE(roleOf(*diff, 2, BuildDiffModel::SectionRole).toString(), QStringLiteral("Acceptance tests"));
    QCOMPARE(roleOf(*diff, 2, BuildDiffModel::AfterRole).toString(), QStringLiteral("Webcam works in Teams"));
    // With the unchanged lines too: every line of both, once.
    diff->setShowUnchanged(true);
    QCOMPARE(diff->count(), 3 + 6 + 13); // three texts, six software items, 13 lines (12 and the one removed)
    QCOMPARE(roleOf(*diff, diff->count() - 1, BuildDiffModel::SectionRole).toString(), QStringLiteral("Back-out plan"));
}

void BuildModelsTest::aVersionComparedWithItselfIsTheSame()
{
    auto *session = tablet("devi");
    auto *diff = checked<BuildDiffModel>(session);
    const QString v2 = idText(build(session, "Curriculum laptop", 2));
    diff->setFromBuildId(v2);
    diff->setToBuildId(v2);
    QCOMPARE(diff->count(), 0);
    QVERIFY(diff->same());
    QCOMPARE(diff->summary(), QStringLiteral("No differences: the two versions are the same."));
    diff->setToBuildId(idText(Id::generate())); // not on this tablet
    QCOMPARE(diff->count(), 0);
    QVERIFY(!diff->error().isEmpty());
}

void BuildModelsTest::aDraftSavedTwiceIsReadableAndKeptWhole()
{
    auto *session = tablet("devi");
    auto &store = session->store();
    const Id mis = build(session, "MIS client", 1);
    // The sync left this: Devi's save of revision 1 lost to a colleague's, kept whole as JSON.
    auto mine = *store.buildProcedure(mis);
    mine.steps.pop_back();
    const sync::BuildDraft lost{mis, 1, mine.hardwareModel, "Devi's notes", mine.backOutPlan, mine.dslItemIds,
                                mine.steps, session->userId(), AppSession::now() - 60000};
    const Id kim = store.addUser({{}, "kim", "Kim Doyle", Role::BuildDeveloper}); // as the sync brings people
    auto theirs = *store.buildProcedure(mis);
    theirs.designNotes = "Kim's notes";
    store.updateDraft(theirs, kim, AppSession::now() - 30000);
    ConflictRecord c;
    c.table = "build_procedures";
    c.recordId = mis;
    c.field = "draft";
    c.keptValue = "revision 2";
    c.lostValue = sync::codec::json::serialize(sync::codec::toJson(lost));
    c.baseValue = "revision 1";
    c.lostDevice = store.deviceId();
    c.lostBy = session->userId();
    c.createdAt = AppSession::now();
    store.recordConflict(c);

    auto *conflicts = checked<ConflictsModel>(session);
    QCOMPARE(conflicts->count(), 1);
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::RecordRole).toString(), QStringLiteral("Build procedure MIS client v1"));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::KeptTitleRole).toString(), QStringLiteral("Kept: Kim Doyle's save"));
    QVERIFY2(roleOf(*conflicts, 0, ConflictsModel::KeptLabelRole).toString().startsWith(QStringLiteral("Revision 2: 12 lines")),
             qPrintable(roleOf(*conflicts, 0, ConflictsModel::KeptLabelRole).toString()));
    QVERIFY2(roleOf(*conflicts, 0, ConflictsModel::LostLabelRole).toString().startsWith(QStringLiteral("11 lines, saved")),
             qPrintable(roleOf(*conflicts, 0, ConflictsModel::LostLabelRole).toString()));
    QVERIFY(roleOf(*conflicts, 0, ConflictsModel::LostLabelRole).toString().endsWith(QStringLiteral("from revision 1")));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::LostTitleRole).toString(), QStringLiteral("Yours, not kept"));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::KeepTextRole).toString(), QStringLiteral("Keep theirs"));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::TakeTextRole).toString(), QStringLiteral("Keep mine"));
    QCOMPARE(roleOf(*conflicts, 0, ConflictsModel::KeptValueRole).toString(), QString());
    const QString lostValue = roleOf(*conflicts, 0, ConflictsModel::LostValueRole).toString();
    QVERIFY(lostValue.contains(QStringLiteral("Devi's notes")));

    // Kept: the lost draft, whole, goes to the office to be put back over the colleague's.
    Workbench bench;
    bench.setSession(session);
    const auto outbox = store.database().scalar("SELECT count(*) FROM outbox");
    QVERIFY(bench.resolveConflict(roleOf(*conflicts, 0, ConflictsModel::ConflictIdRole).toString(), lostValue)
                .value(QStringLiteral("ok"))
                .toBool());
    QTRY_COMPARE(conflicts->count(), 0);
    QCOMPARE(store.database().scalar("SELECT count(*) FROM outbox"), outbox + 1);
    auto q = store.database().query("SELECT payload FROM outbox WHERE kind = 'resolveConflict'");
    QVERIFY(q->step());
    QVERIFY(q->text(0).find("Devi's notes") != std::string::npos);
}

QTEST_GUILESS_MAIN(BuildModelsTest)

#include "buildmodels_test.moc"
