// The build editor's form without its page: a version's four parts read, edited, checked, saved
// from the revision they were read at, submitted; a version that cannot be edited refused with
// nothing written; a colleague's save never written over in silence. Over the demo school's tablet
// (no server), signed in as its build developer (devi) or release manager (morgan). The page's own
// Qt Quick test (tests/qml/tst_buildeditor.qml) drives the same form by hand.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/officebench.h"
#include "forms/buildform.h"
#include "forms/buildlinesmodel.h"
#include "forms/buildsoftwaremodel.h"

#include "store/store.h"

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

bool ok(const QVariantMap &answer)
{
    return answer.value(QStringLiteral("ok")).toBool();
}

QString error(const QVariantMap &answer)
{
    return answer.value(QStringLiteral("error")).toString();
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
    /** The version @p version of the demo service @p service. */
    Id build(const char *service, int version)
    {
        auto q = store().database().query("SELECT b.id FROM build_procedures b JOIN services s ON s.id = b.service_id "
                                          "WHERE s.name = ?1 AND b.version = ?2");
        q->bindAll(std::string(service), version);
        return q->step() ? q->id(0) : Id();
    }
    std::int64_t outbox() { return store().database().scalar("SELECT count(*) FROM outbox"); }
};

} // namespace

class BuildFormTest : public QObject {
    Q_OBJECT

private slots:
    void aDraftIsReadWithItsFourParts();
    void editsAreKeptUntilSavedAndEachLineKeepsItsId();
    void aLineWithoutWordsIsSaidAndNothingIsSaved();
    void submitSavesAndHandsInTogether();
    void anApprovedVersionCannotBeEdited();
    void aReleaseManagerReadsADraftButDoesNotEditIt();
    void aColleaguesSaveIsNeverWrittenOverInSilence();
    void anUntouchedFormFollowsTheStore();
    void aNewVersionIsDraftedFromTheApprovedOne();
    void onlyAReleaseManagerRetiresAVersion();
    void theLinesAndSoftwareKeepTheirModelContracts();

private:
    /** A form over @p buildId, as the page makes it (the id first, then the office). */
    static std::unique_ptr<BuildForm> form(Desk &desk, const Id &buildId)
    {
        auto f = std::make_unique<BuildForm>();
        f->setBuildId(idText(buildId));
        f->setOffice(&desk.office);
        return f;
    }
};

void BuildFormTest::aDraftIsReadWithItsFourParts()
{
    Desk devi("devi");
    const auto f = form(devi, devi.build("MIS client", 1));
    QVERIFY(f->loaded());
    QCOMPARE(f->service(), QStringLiteral("MIS client"));
    QCOMPARE(f->version(), 1);
    QCOMPARE(f->status(), QStringLiteral("draft"));
    QCOMPARE(f->statusWords(), QStringLiteral("Draft"));
    QVERIFY(!f->readOnly());
    QCOMPARE(f->readOnlyReason(), QString());
    QCOMPARE(f->hardwareModel(), QStringLiteral("HP ProDesk 400 G9"));
    QVERIFY(!f->backOutPlan().isEmpty());
    QCOMPARE(f->installation()->count(), 6);
    QCOMPARE(f->stability()->count(), 3);
    QCOMPARE(f->acceptance()->count(), 3);
    QCOMPARE(f->lineCount(), 12);
    QCOMPARE(f->software()->pickedCount(), 3); // Windows, SIMS .net, Sophos
    QCOMPARE(f->software()->count(), 9);        // the whole DSL, to pick from
    QVERIFY(!f->dirty());
    QVERIFY(!f->canSave());
    QVERIFY(f->canSubmit());
    QCOMPARE(f->errorCount(), 0);
    QCOMPARE(f->savedBy(), QStringLiteral("Devi Raman"));
}

void BuildFormTest::editsAreKeptUntilSavedAndEachLineKeepsItsId()
{
    Desk devi("devi");
    const Id id = devi.build("MIS client", 1);
    const auto f = form(devi, id);
    QSignalSpy saved(f.get(), &BuildForm::saved);
    const auto outboxBefore = devi.outbox();

    f->setHardwareModel(QStringLiteral("HP ProDesk 400 G9, or HP EliteDesk 800 G9"));
    auto *stability = f->stability();
    const int row = stability->add(0); // after the first line
    QCOMPARE(row, 1);
    QVERIFY(stability->setTitle(row, QStringLiteral("MIS reports print to the office printer")));
    QVERIFY(stability->setEvidenceIndex(row, static_cast<int>(EvidenceKind::Photo)));
    QVERIFY(stability->setRequired(row, false));
    QVERIFY(f->installation()->moveDown(0)); // unboxing after the BIOS update
    QVERIFY(f->acceptance()->remove(2));
    QVERIFY(f->software()->setPicked(0, true));
    QVERIFY(f->dirty());
    QVERIFY(f->canSave());
    // Nothing is written before it is saved.
    QCOMPARE(devi.outbox(), outboxBefore);
    QCOMPARE(devi.store().buildProcedure(id)->hardwareModel, std::string("HP ProDesk 400 G9"));

    const QVariantMap answer = f->save();
    QVERIFY2(ok(answer), qPrintable(error(answer)));
    QCOMPARE(saved.count(), 1);
    QVERIFY(!f->dirty());
    QCOMPARE(f->revision(), 2);
    QCOMPARE(devi.outbox(), outboxBefore + 1); // one saveBuildDraft
    const auto stored = *devi.store().buildProcedure(id);
    QCOMPARE(stored.revision, 2);
    QCOMPARE(stored.hardwareModel, std::string("HP ProDesk 400 G9, or HP EliteDesk 800 G9"));
    QCOMPARE(stored.steps.size(), std::size_t(12));
    QCOMPARE(stored.dslItemIds.size(), std::size_t(4));
    std::vector<BuildStep> stab;
    for (const auto &s : stored.steps) {
        if (s.part == StepPart::Stability)
            stab.push_back(s);
    }
    QCOMPARE(stab.size(), std::size_t(4));
    QCOMPARE(stab[1].title, std::string("MIS reports print to the office printer"));
    QCOMPARE(stab[1].position, 2);
    QVERIFY(stab[1].evidence == EvidenceKind::Photo);
    QVERIFY(!stab[1].required);
    QCOMPARE(stored.steps[0].title, std::string("Update BIOS/UEFI to the build's version"));

    // Saved again: every line keeps its id (the new one too), so nothing is made anew.
    std::vector<Id> ids;
    for (const auto &s : stored.steps)
        ids.push_back(s.id);
    f->setDesignNotes(QStringLiteral("The office PCs: SIMS needs the .NET runtime first."));
    QVERIFY2(ok(f->save()), qPrintable(f->error()));
    const auto again = *devi.store().buildProcedure(id);
    QCOMPARE(again.revision, 3);
    std::vector<Id> idsAgain;
    for (const auto &s : again.steps)
        idsAgain.push_back(s.id);
    QVERIFY(ids == idsAgain);
    // An untouched form is not saved again.
    const auto outbox = devi.outbox();
    QVERIFY(ok(f->save()));
    QCOMPARE(devi.outbox(), outbox);
}

void BuildFormTest::aLineWithoutWordsIsSaidAndNothingIsSaved()
{
    Desk devi("devi");
    const Id id = devi.build("MIS client", 1);
    const auto f = form(devi, id);
    const int row = f->acceptance()->add();
    QCOMPARE(f->errorCount(), 1);
    QVERIFY(!f->canSave());
    const QModelIndex index = f->acceptance()->index(row, 0);
    QCOMPARE(index.data(BuildLinesModel::TitleErrorRole).toString(), QStringLiteral("The step title is required."));
    f->setHardwareModel(QString(121, QLatin1Char('x')));
    QVERIFY(f->hardwareModelError().contains(QStringLiteral("too long")));
    QCOMPARE(f->errorCount(), 2);

    // Sent anyway, the core refuses it in words and writes nothing.
    const auto outbox = devi.outbox();
    const QVariantMap answer = f->save();
    QVERIFY(!ok(answer));
    QVERIFY2(!f->error().isEmpty(), "the refusal is said");
    QCOMPARE(devi.outbox(), outbox);
    QCOMPARE(devi.store().buildProcedure(id)->revision, 1);
    QVERIFY(f->dirty()); // the edits stay, to be put right
    QVERIFY(f->acceptance()->setTitle(row, QStringLiteral("The office manager runs the daily report")));
    f->setHardwareModel(QStringLiteral("HP ProDesk 400 G9"));
    QCOMPARE(f->errorCount(), 0);
    QVERIFY2(ok(f->save()), qPrintable(f->error()));
    QCOMPARE(f->error(), QString());
}

void BuildFormTest::submitSavesAndHandsInTogether()
{
    Desk devi("devi");
    const Id id = devi.build("MIS client", 1);
    const auto f = form(devi, id);
    QSignalSpy submitted(f.get(), &BuildForm::submitted);
    f->setBackOutPlan(QStringLiteral("Restore the office PC's image from last night."));
    const auto outbox = devi.outbox();
    const QVariantMap answer = f->submit();
    QVERIFY2(ok(answer), qPrintable(error(answer)));
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(devi.outbox(), outbox + 2); // saveBuildDraft and submitBuild
    const auto stored = *devi.store().buildProcedure(id);
    QVERIFY(stored.status == BuildStatus::Submitted);
    QCOMPARE(stored.backOutPlan, std::string("Restore the office PC's image from last night."));
    QCOMPARE(f->status(), QStringLiteral("submitted"));
    QVERIFY(f->readOnly());
    QVERIFY(f->readOnlyReason().contains(QStringLiteral("decision")));
}

void BuildFormTest::anApprovedVersionCannotBeEdited()
{
    Desk devi("devi");
    const Id id = devi.build("Curriculum laptop", 2);
    const auto before = *devi.store().buildProcedure(id);
    QVERIFY(before.status == BuildStatus::Approved);
    const auto f = form(devi, id);
    QVERIFY(f->readOnly());
    QVERIFY(f->readOnlyReason().contains(QStringLiteral("never changes")));
    QVERIFY(f->installation()->readOnly());
    QVERIFY(f->software()->pickedOnly()); // only what it installs is listed
    QCOMPARE(f->software()->count(), 6);
    // Every edit is refused...
    f->setHardwareModel(QStringLiteral("Dell Latitude 9999"));
    QCOMPARE(f->hardwareModel(), QStringLiteral("Dell Latitude 3440"));
    QVERIFY(!f->installation()->setTitle(0, QStringLiteral("sneaked in")));
    QCOMPARE(f->installation()->add(), -1);
    QVERIFY(!f->installation()->remove(0));
    QVERIFY(!f->installation()->moveDown(0));
    QVERIFY(!f->software()->setPicked(0, false));
    QVERIFY(!f->dirty());
    QVERIFY(!f->canSave());
    QVERIFY(!f->canSubmit());
    // ... and a save anyway is the core's refusal, with nothing written.
    const auto outbox = devi.outbox();
    const QVariantMap answer = f->save();
    QVERIFY(!ok(answer));
    QVERIFY2(f->error().contains(QStringLiteral("approved")), qPrintable(f->error()));
    QVERIFY(!ok(f->submit()));
    QCOMPARE(devi.outbox(), outbox);
    const auto after = *devi.store().buildProcedure(id);
    QCOMPARE(after.revision, before.revision);
    QCOMPARE(after.hardwareModel, before.hardwareModel);
    QCOMPARE(after.steps.size(), before.steps.size());
    QVERIFY(after.status == BuildStatus::Approved);
}

void BuildFormTest::aReleaseManagerReadsADraftButDoesNotEditIt()
{
    Desk morgan("morgan");
    const Id id = morgan.build("MIS client", 1);
    const auto f = form(morgan, id);
    QCOMPARE(f->status(), QStringLiteral("draft"));
    QVERIFY(f->readOnly());
    QCOMPARE(f->readOnlyReason(), QStringLiteral("Only a build developer edits a build procedure."));
    const auto outbox = morgan.outbox();
    const QVariantMap answer = f->save();
    QVERIFY(!ok(answer));
    QCOMPARE(morgan.outbox(), outbox);
    // The office says the same of every build developer's action.
    QVERIFY(!morgan.office.canWriteBuilds());
    QVERIFY(morgan.office.canDecideBuilds());
    QVERIFY(!ok(morgan.office.submitBuild(idText(id))));
    QVERIFY(!ok(morgan.office.draftBuild(idText(morgan.store().buildProcedure(id)->serviceId), {})));
    QCOMPARE(morgan.outbox(), outbox);
    QVERIFY(morgan.store().buildProcedure(id)->status == BuildStatus::Draft);
}

void BuildFormTest::aColleaguesSaveIsNeverWrittenOverInSilence()
{
    Desk devi("devi");
    const Id id = devi.build("MIS client", 1);
    const auto f = form(devi, id);
    f->setDesignNotes(QStringLiteral("Devi's notes"));
    // A sync brings a colleague's save of the same draft meanwhile (revision 2).
    auto theirs = *devi.store().buildProcedure(id);
    theirs.designNotes = "Kim's notes";
    devi.store().updateDraft(theirs);
    devi.session->notifyLocalChange();
    QTRY_VERIFY(f->newerElsewhere());
    QCOMPARE(f->designNotes(), QStringLiteral("Devi's notes")); // the edits stay
    QVERIFY(f->dirty());
    // Saved as read: refused, in words, and nothing written.
    const auto outbox = devi.outbox();
    QVERIFY(!ok(f->save()));
    QVERIFY2(f->error().contains(QStringLiteral("changed by someone else")), qPrintable(f->error()));
    QCOMPARE(devi.outbox(), outbox);
    QCOMPARE(devi.store().buildProcedure(id)->designNotes, std::string("Kim's notes"));
    // On the person's say-so, theirs is replaced, openly.
    QVERIFY2(ok(f->saveOverNewer()), qPrintable(f->error()));
    QVERIFY(!f->newerElsewhere());
    QCOMPARE(devi.store().buildProcedure(id)->designNotes, std::string("Devi's notes"));
    QCOMPARE(devi.store().buildProcedure(id)->revision, 3);
    QCOMPARE(devi.outbox(), outbox + 1);
}

void BuildFormTest::anUntouchedFormFollowsTheStore()
{
    Desk devi("devi");
    const Id id = devi.build("MIS client", 1);
    const auto f = form(devi, id);
    auto theirs = *devi.store().buildProcedure(id);
    theirs.hardwareModel = "HP EliteDesk 800 G9";
    devi.store().updateDraft(theirs);
    devi.session->notifyLocalChange();
    QTRY_COMPARE(f->hardwareModel(), QStringLiteral("HP EliteDesk 800 G9"));
    QCOMPARE(f->revision(), 2);
    QVERIFY(!f->newerElsewhere());
    QVERIFY(!f->dirty());
    // Reverting drops the edits: the version as stored.
    f->setHardwareModel(QStringLiteral("typed and dropped"));
    QVERIFY(f->dirty());
    f->revert();
    QVERIFY(!f->dirty());
    QCOMPARE(f->hardwareModel(), QStringLiteral("HP EliteDesk 800 G9"));
}

void BuildFormTest::aNewVersionIsDraftedFromTheApprovedOne()
{
    Desk devi("devi");
    const Id approved = devi.build("Curriculum laptop", 2);
    const QVariantMap answer = devi.office.draftBuild(idText(devi.store().buildProcedure(approved)->serviceId),
                                                      idText(approved));
    QVERIFY2(ok(answer), qPrintable(error(answer)));
    const auto f = form(devi, Id::parse(answer.value(QStringLiteral("id")).toString().toStdString()));
    QCOMPARE(f->version(), 3);
    QCOMPARE(f->status(), QStringLiteral("draft"));
    QVERIFY(!f->readOnly());
    QCOMPARE(f->lineCount(), 12);
    QCOMPARE(f->software()->pickedCount(), 6);
    QCOMPARE(f->hardwareModel(), QStringLiteral("Dell Latitude 3440"));
    // The approved version is as it was.
    QVERIFY(devi.store().buildProcedure(approved)->status == BuildStatus::Approved);
}

void BuildFormTest::onlyAReleaseManagerRetiresAVersion()
{
    Desk devi("devi");
    const Id boardsOnDevi = devi.build("Interactive whiteboard", 1);
    const auto outbox = devi.outbox();
    const QVariantMap refused = devi.office.retireBuild(idText(boardsOnDevi));
    QVERIFY(!ok(refused));
    QCOMPARE(error(refused), QStringLiteral("Only a release manager retires a build procedure."));
    QCOMPARE(devi.outbox(), outbox);

    Desk morgan("morgan");
    const Id boards = morgan.build("Interactive whiteboard", 1);
    const auto f = form(morgan, boards);
    QVERIFY2(ok(morgan.office.retireBuild(idText(boards))), "a release manager retires it");
    QVERIFY(morgan.store().buildProcedure(boards)->status == BuildStatus::Retired);
    QTRY_COMPARE(f->status(), QStringLiteral("retired")); // the form follows the store
    QVERIFY(f->readOnlyReason().contains(QStringLiteral("retired")));
    // Retired once: not again, in the core's words, and nothing more is written.
    const auto after = morgan.outbox();
    const QVariantMap again = morgan.office.retireBuild(idText(boards));
    QVERIFY(!ok(again));
    QVERIFY(!error(again).isEmpty());
    QCOMPARE(morgan.outbox(), after);
}

void BuildFormTest::theLinesAndSoftwareKeepTheirModelContracts()
{
    Desk devi("devi");
    const auto f = form(devi, devi.build("MIS client", 1));
    QAbstractItemModelTester lines(f->installation(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester software(f->software(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *l = f->installation();
    const int added = l->add(2);
    QCOMPARE(added, 3);
    QCOMPARE(l->index(added, 0).data(BuildLinesModel::PositionRole).toInt(), 4);
    QCOMPARE(l->index(added + 1, 0).data(BuildLinesModel::PositionRole).toInt(), 5);
    QVERIFY(l->setData(l->index(added, 0), QStringLiteral("Fit the VESA mount"), BuildLinesModel::TitleRole));
    QVERIFY(l->moveUp(added));
    QCOMPARE(l->index(added - 1, 0).data(BuildLinesModel::TitleRole).toString(), QStringLiteral("Fit the VESA mount"));
    QVERIFY(!l->moveUp(0));
    QVERIFY(!l->moveDown(l->count() - 1));
    QVERIFY(l->remove(added - 1));
    QCOMPARE(l->count(), 6);
    QCOMPARE(l->evidenceKinds().size(), 4);
    // Only the picked items, then every one again.
    auto *s = f->software();
    s->setPickedOnly(true);
    QCOMPARE(s->count(), 3);
    QVERIFY(s->setPicked(0, false));
    QCOMPARE(s->count(), 2);
    s->setPickedOnly(false);
    QCOMPARE(s->count(), 9);
    QCOMPARE(s->pickedCount(), 2);
    f->revert();
    QCOMPARE(s->pickedCount(), 3);
}

QTEST_GUILESS_MAIN(BuildFormTest)

#include "buildform_test.moc"
