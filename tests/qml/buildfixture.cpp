#include "buildfixture.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/buildviews.h"
#include "store/store.h"
#include "sync/records.h"

using namespace rd;
using namespace rd::mobile;

namespace {

Id idOf(const QString &text)
{
    return Id::parse(text.toStdString());
}

QVariantList linesOf(const BuildProcedure &b, StepPart part)
{
    QVariantList out;
    for (const auto &s : b.steps) {
        if (s.part == part)
            out << QVariantMap{{QStringLiteral("title"), qs(s.title)},
                               {QStringLiteral("detail"), qs(s.detail)},
                               {QStringLiteral("required"), s.required},
                               {QStringLiteral("evidence"), qs(toString(s.evidence))}};
    }
    return out;
}

} // namespace

QString BuildFixture::serviceId(AppSession *session, const QString &name) const
{
    const auto id = BuildViews(session->store()).serviceNamed(name.toStdString());
    return id ? qs(*id) : QString();
}

QVariant BuildFixture::service(AppSession *session, const QString &serviceId) const
{
    const auto row = BuildViews(session->store()).serviceRow(idOf(serviceId));
    if (!row)
        return {};
    return QVariantMap{{QStringLiteral("name"), qs(row->service.name)},
                       {QStringLiteral("description"), qs(row->service.description)},
                       {QStringLiteral("userBenefit"), qs(row->service.userBenefit)},
                       {QStringLiteral("owner"), qs(row->owner)},
                       {QStringLiteral("retired"), row->service.retiredAt.has_value()}};
}

QString BuildFixture::buildId(AppSession *session, const QString &service, int version) const
{
    const auto id = BuildViews(session->store()).serviceNamed(service.toStdString());
    if (!id)
        return {};
    for (const auto &v : BuildViews(session->store()).buildVersions(*id)) {
        if (v.version == version)
            return qs(v.id);
    }
    return {};
}

QVariant BuildFixture::build(AppSession *session, const QString &buildId) const
{
    const auto b = session->store().buildProcedure(idOf(buildId));
    if (!b)
        return {};
    return QVariantMap{{QStringLiteral("version"), b->version},
                       {QStringLiteral("status"), qs(toString(b->status))},
                       {QStringLiteral("revision"), b->revision},
                       {QStringLiteral("hardwareModel"), qs(b->hardwareModel)},
                       {QStringLiteral("designNotes"), qs(b->designNotes)},
                       {QStringLiteral("backOutPlan"), qs(b->backOutPlan)},
                       {QStringLiteral("returnedReason"), qs(b->returnedReason)},
                       {QStringLiteral("software"), static_cast<int>(b->dslItemIds.size())},
                       {QStringLiteral("installation"), linesOf(*b, StepPart::Installation)},
                       {QStringLiteral("stability"), linesOf(*b, StepPart::Stability)},
                       {QStringLiteral("acceptance"), linesOf(*b, StepPart::Acceptance)}};
}

void BuildFixture::submitted(AppSession *session, const QString &buildId) const
{
    auto &store = session->store();
    const Id id = idOf(buildId);
    store.submitBuild(id, store.buildProcedure(id)->createdBy, AppSession::now());
    session->notifyLocalChange();
}

QString BuildFixture::draftConflict(AppSession *session, const QString &buildId) const
{
    auto &store = session->store();
    const Id id = idOf(buildId);
    auto mine = *store.buildProcedure(id);
    mine.steps.pop_back();
    const sync::BuildDraft lost{id, mine.revision, mine.hardwareModel, "My notes", mine.backOutPlan, mine.dslItemIds,
                                mine.steps, session->userId(), AppSession::now() - 60000};
    // Kim, a second build developer, as the sync brings the people.
    const auto known = store.userByName("kim");
    const Id kim = known ? known->id : store.addUser({{}, "kim", "Kim Doyle", Role::BuildDeveloper});
    auto theirs = *store.buildProcedure(id);
    theirs.designNotes = "Kim's notes";
    store.updateDraft(theirs, kim, AppSession::now() - 30000);
    ConflictRecord c;
    c.table = "build_procedures";
    c.recordId = id;
    c.field = "draft";
    c.keptValue = "revision " + std::to_string(theirs.revision + 1);
    c.lostValue = sync::codec::json::serialize(sync::codec::toJson(lost));
    c.baseValue = "revision " + std::to_string(mine.revision);
    c.lostDevice = store.deviceId();
    c.lostBy = session->userId();
    c.createdAt = AppSession::now();
    const Id conflict = store.recordConflict(c);
    session->notifyLocalChange();
    return qs(conflict);
}

QVariant BuildFixture::outboxKinds(AppSession *session) const
{
    QVariantList out;
    auto q = session->store().database().query("SELECT kind FROM outbox ORDER BY rowid");
    while (q->step())
        out << qs(q->text(0));
    return out;
}
