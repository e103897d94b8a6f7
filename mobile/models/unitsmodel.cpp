#include "unitsmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"

#include "store/store.h"

namespace rd::mobile {

UnitsModel::UnitsModel(QObject *parent)
    : SessionModel(parent)
{}

int UnitsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant UnitsModel::data(const QModelIndex &index, int role) const
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
    case StepsRecordedRole:
        return u.stepsRecorded;
    case StepsTotalRole:
        return u.stepsTotal;
    case FailingRole:
        return u.failing;
    case StartedByRole:
        return qs(u.startedBy);
    case StartedAtRole:
        return localTime(u.startedAt);
    default:
        return {};
    }
}

QHash<int, QByteArray> UnitsModel::roleNames() const
{
    return {{InstallationIdRole, "installationId"}, {AssetIdRole, "assetId"},
            {AssetTagRole, "assetTag"},             {SerialRole, "serial"},
            {ModelRole, "model"},                   {RoomRole, "room"},
            {StatusRole, "status"},                 {StepsRecordedRole, "stepsRecorded"},
            {StepsTotalRole, "stepsTotal"},         {FailingRole, "failing"},
            {StartedByRole, "startedBy"},           {StartedAtRole, "startedAt"}};
}

void UnitsModel::setReleaseId(const QString &id)
{
    if (m_releaseId == id)
        return;
    m_releaseId = id;
    emit releaseIdChanged();
    reload();
}

bool UnitsModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_releaseId).has_value();
}

void UnitsModel::clear()
{
    m_rows.clear();
    m_release.clear();
    m_build.clear();
}

void UnitsModel::load()
{
    auto &views = session()->views();
    const Id id = *optionalId(m_releaseId);
    const auto summary = views.releaseSummary(id);
    const auto release = session()->store().release(id);
    if (!summary || !release)
        throw NotFoundError("release", id.toString());
    m_release = {{QStringLiteral("releaseId"), qs(summary->id)},
                 {QStringLiteral("number"), qs(summary->number)},
                 {QStringLiteral("kind"), qs(toString(summary->kind))},
                 {QStringLiteral("status"), qs(toString(summary->status))},
                 {QStringLiteral("service"), qs(summary->service)},
                 {QStringLiteral("site"), qs(summary->siteName)},
                 {QStringLiteral("siteId"), qs(summary->siteId)},
                 {QStringLiteral("rooms"), qs(summary->rooms)},
                 {QStringLiteral("units"), summary->units},
                 {QStringLiteral("unitsDone"), summary->unitsDone},
                 {QStringLiteral("unitsStarted"), summary->unitsStarted},
                 {QStringLiteral("unitsBackedOut"), summary->unitsBackedOut},
                 {QStringLiteral("plannedDate"), qs(summary->plannedDate)},
                 {QStringLiteral("trigger"), qs(toString(release->trigger))},
                 {QStringLiteral("triggerRef"), qs(release->triggerRef)},
                 {QStringLiteral("backOutPlan"), qs(release->backOutPlan)}};
    if (const auto details = views.buildDetails(release->buildId)) {
        const auto &b = details->build;
        int steps[3] = {0, 0, 0};
        for (const auto &s : b.steps)
            ++steps[static_cast<int>(s.part)];
        m_build = {{QStringLiteral("buildId"), qs(b.id)},
                   {QStringLiteral("service"), qs(details->service)},
                   {QStringLiteral("version"), b.version},
                   {QStringLiteral("status"), qs(toString(b.status))},
                   {QStringLiteral("hardwareModel"), qs(b.hardwareModel)},
                   {QStringLiteral("designNotes"), qs(b.designNotes)},
                   {QStringLiteral("backOutPlan"), qs(views.backOutPlan(release->id))},
                   {QStringLiteral("installationSteps"), steps[0]},
                   {QStringLiteral("stabilityTests"), steps[1]},
                   {QStringLiteral("acceptanceTests"), steps[2]},
                   {QStringLiteral("software"), static_cast<int>(details->software.size())}};
    }
    m_rows = views.releaseUnits(id);
}

SoftwareModel::SoftwareModel(QObject *parent)
    : SessionModel(parent)
{}

int SoftwareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SoftwareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &d = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case ProductRole:
        return qs(d.product);
    case VersionRole:
        return qs(d.version);
    case VendorRole:
        return qs(d.vendor);
    case MediaKindRole:
        return qs(toString(d.mediaKind));
    case MediaLocationRole:
        return qs(d.mediaLocation);
    case LicenceTypeRole:
        return qs(toString(d.licenceType));
    case Sha256Role:
        return qs(d.buildSha256);
    default:
        return {};
    }
}

QHash<int, QByteArray> SoftwareModel::roleNames() const
{
    return {{ProductRole, "product"},     {VersionRole, "version"},         {VendorRole, "vendor"},
            {MediaKindRole, "mediaKind"}, {MediaLocationRole, "mediaLocation"}, {LicenceTypeRole, "licenceType"},
            {Sha256Role, "sha256"}};
}

void SoftwareModel::setBuildId(const QString &id)
{
    if (m_buildId == id)
        return;
    m_buildId = id;
    emit buildIdChanged();
    reload();
}

bool SoftwareModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_buildId).has_value();
}

void SoftwareModel::load()
{
    m_rows = session()->views().buildSoftware(*optionalId(m_buildId));
}

} // namespace rd::mobile
