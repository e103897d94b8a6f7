#include "releasefollowupmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"
#include "domain/rules.h"
#include "store/store.h"

namespace rd::mobile {

namespace {

QString joined(const std::vector<std::string> &texts)
{
    QStringList out;
    for (const auto &t : texts)
        out << qs(t);
    return out.join(QStringLiteral(", "));
}

/** A unit's back-outs in words, one a line, oldest first. */
QString history(const ReleaseViews::Unit &u)
{
    QStringList lines;
    for (const auto &b : u.backOuts)
        lines << ReleaseFollowUpModel::tr("Backed out %1 by %2: %3")
                     .arg(localTime(b.at).toString(QStringLiteral("d MMM hh:mm")), qs(b.by), qs(b.reason));
    return lines.join(u'\n');
}

} // namespace

ReleaseFollowUpModel::ReleaseFollowUpModel(QObject *parent)
    : SessionModel(parent)
{}

int ReleaseFollowUpModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReleaseFollowUpModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &u = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case AssetTagRole:
        return qs(u.assetTag);
    case InstallationIdRole:
        return qs(u.installationId);
    case AssetIdRole:
        return qs(u.assetId);
    case SerialRole:
        return qs(u.serial);
    case ModelRole:
        return qs(u.model);
    case RoomRole:
        return qs(u.room);
    case StatusRole:
        return qs(toString(u.status));
    case StateRole: // what its chip says: a failing unit is "fail", the others their status
        return u.failing ? QStringLiteral("fail") : qs(toString(u.status));
    case StepsRecordedRole:
        return u.stepsRecorded;
    case StepsTotalRole:
        return u.stepsTotal;
    case BuildVersionRole:
        return u.buildVersion;
    case StartedByRole:
        return qs(u.startedBy);
    case StartedAtRole:
        return localTime(u.startedAt);
    case AcceptedByRole:
        return qs(u.acceptedBy);
    case InstalledAgainRole:
        return u.installedAgain();
    case BackOutReasonRole:
        return u.backOuts.empty() ? QString() : qs(u.backOuts.back().reason);
    case HistoryRole:
        return history(u);
    default:
        return {};
    }
}

QHash<int, QByteArray> ReleaseFollowUpModel::roleNames() const
{
    return {{InstallationIdRole, "installationId"}, {AssetIdRole, "assetId"},
            {AssetTagRole, "assetTag"},             {SerialRole, "serial"},
            {ModelRole, "model"},                   {RoomRole, "room"},
            {StatusRole, "status"},                 {StateRole, "state"},
            {StepsRecordedRole, "stepsRecorded"},   {StepsTotalRole, "stepsTotal"},
            {BuildVersionRole, "buildVersion"},     {StartedByRole, "startedBy"},
            {StartedAtRole, "startedAt"},           {AcceptedByRole, "acceptedBy"},
            {InstalledAgainRole, "installedAgain"}, {BackOutReasonRole, "backOutReason"},
            {HistoryRole, "history"}};
}

void ReleaseFollowUpModel::setReleaseId(const QString &id)
{
    if (m_releaseId == id)
        return;
    m_releaseId = id;
    emit releaseIdChanged();
    reload();
}

bool ReleaseFollowUpModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_releaseId).has_value();
}

void ReleaseFollowUpModel::clear()
{
    m_rows.clear();
    m_plan = {};
}

void ReleaseFollowUpModel::load()
{
    ReleaseViews views(session()->store());
    const Id id = *optionalId(m_releaseId);
    const auto plan = views.plan(id);
    if (!plan)
        throw NotFoundError("release", id.toString());
    m_rows = views.units(id);

    const Release &r = plan->release;
    ReleasePlanInfo p;
    p.loaded = true;
    p.releaseId = qs(r.id);
    p.number = qs(r.number);
    p.kind = qs(toString(r.kind));
    p.type = qs(toString(r.type));
    p.status = qs(toString(r.status));
    p.service = qs(plan->service);
    p.buildVersion = plan->buildVersion;
    p.hardwareModel = qs(plan->hardwareModel);
    p.site = qs(plan->siteName);
    p.plannedDate = qs(r.plannedDate);
    p.plannedEnd = qs(r.plannedEnd);
    p.trigger = qs(toString(r.trigger));
    p.triggerRef = qs(r.triggerRef);
    // A release planned with the build's back-out plan holds a copy of it (the store copies it).
    p.ownBackOutPlan = !r.backOutPlan.empty() && r.backOutPlan != plan->buildBackOutPlan;
    p.backOutPlan = qs(r.backOutPlan.empty() ? plan->buildBackOutPlan : r.backOutPlan);
    p.userNotice = qs(r.userNotice);
    p.reviewNote = qs(r.reviewNote);
    p.installers = joined(plan->installers);
    QStringList targets;
    if (!plan->targetAssets.empty())
        targets << joined(plan->targetAssets);
    if (!plan->targetRooms.empty())
        targets << tr("rooms %1").arg(joined(plan->targetRooms));
    p.targets = targets.join(QStringLiteral("; "));
    p.createdBy = qs(plan->createdBy);
    p.units = r.units;
    for (const auto &u : m_rows) {
        p.unitsDone += u.status == InstallationStatus::Accepted;
        p.unitsUnderWay += u.status == InstallationStatus::InProgress;
        p.unitsFailing += u.failing;
        p.unitsBackedOut += u.status == InstallationStatus::BackedOut;
        p.unitsInstalledAgain += u.installedAgain();
    }
    for (const auto next : nextStatuses(r.status)) {
        if (next != ReleaseStatus::Closed) // closing takes the review note: close()
            p.nextStatuses << qs(toString(next));
    }
    p.canClose = canChange(r.status, ReleaseStatus::Closed);
    p.canEdit = r.status != ReleaseStatus::Closed;
    m_plan = p;
}

} // namespace rd::mobile
