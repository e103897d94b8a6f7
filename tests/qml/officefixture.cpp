#include "officefixture.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/releaseviews.h"
#include "store/store.h"
#include "sync/replica.h"

using namespace rd;
using namespace rd::mobile;

OfficeFixture::OfficeFixture(QObject *parent)
    : QObject(parent)
{}

QVariant OfficeFixture::release(AppSession *session, const QString &number) const
{
    const auto r = session->store().releaseByNumber(utf8(number));
    if (!r)
        return {};
    return QVariantMap{{QStringLiteral("releaseId"), qs(r->id)},
                       {QStringLiteral("number"), qs(r->number)},
                       {QStringLiteral("status"), qs(toString(r->status))},
                       {QStringLiteral("kind"), qs(toString(r->kind))},
                       {QStringLiteral("units"), r->units},
                       {QStringLiteral("installers"), static_cast<int>(r->installers.size())},
                       {QStringLiteral("targets"), static_cast<int>(r->targetAssets.size() + r->targetRooms.size())},
                       {QStringLiteral("reviewNote"), qs(r->reviewNote)}};
}

QVariant OfficeFixture::person(AppSession *session, const QString &name) const
{
    const auto u = session->store().userByName(utf8(name));
    if (!u)
        return {};
    return QVariantMap{{QStringLiteral("userId"), qs(u->id)},
                       {QStringLiteral("name"), qs(u->name)},
                       {QStringLiteral("displayName"), qs(u->displayName)},
                       {QStringLiteral("role"), qs(toString(u->role))},
                       {QStringLiteral("active"), u->active},
                       {QStringLiteral("sites"), static_cast<int>(session->store().userSites(u->id).size())}};
}

int OfficeFixture::queued(AppSession *session, const QString &kind) const
{
    auto q = session->store().database().query("SELECT count(*) FROM outbox WHERE kind = ?1");
    q->bind(1, utf8(kind));
    q->step();
    return static_cast<int>(q->int64(0));
}

QString OfficeFixture::reinstallFailingUnit(AppSession *session, const QString &number)
{
    auto &store = session->store();
    const auto r = store.releaseByNumber(utf8(number));
    if (!r)
        return {};
    for (const auto &u : ReleaseViews(store).units(r->id)) {
        if (!u.failing)
            continue;
        const auto inst = *store.installation(u.installationId);
        auto &replica = session->replica();
        replica.recordBackOut({{}, u.installationId, "Print server certificate missing", inst.startedBy,
                               AppSession::now()});
        const Id again = replica.startInstallation(
            {{}, r->id, u.assetId, InstallationStatus::InProgress, inst.startedBy, AppSession::now() + 1});
        session->notifyLocalChange();
        return qs(again);
    }
    return {};
}
