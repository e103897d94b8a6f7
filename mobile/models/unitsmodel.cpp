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
    m_release = {};
    m_build = {};
}

void UnitsModel::load()
{
    auto &views = session()->views();
    const Id id = *optionalId(m_releaseId);
    const auto summary = views.releaseSummary(id);
    const auto release = session()->store().release(id);
    if (!summary || !release)
        throw NotFoundError("release", id.toString());
    m_release.loaded = true;
    m_release.releaseId = qs(summary->id);
    m_release.number = qs(summary->number);
    m_release.kind = qs(toString(summary->kind));
    m_release.status = qs(toString(summary->status));
    m_release.service = qs(summary->service);
    m_release.site = qs(summary->siteName);
    m_release.siteId = qs(summary->siteId);
    m_release.rooms = qs(summary->rooms);
    m_release.units = summary->units;
    m_release.unitsDone = summary->unitsDone;
    m_release.unitsStarted = summary->unitsStarted;
    m_release.unitsBackedOut = summary->unitsBackedOut;
    m_release.plannedDate = qs(summary->plannedDate);
    m_release.trigger = qs(toString(release->trigger));
    m_release.triggerRef = qs(release->triggerRef);
    m_release.backOutPlan = qs(release->backOutPlan);
    if (const auto details = views.buildDetails(release->buildId)) {
        const auto &b = details->build;
        int steps[3] = {0, 0, 0};
        for (const auto &s : b.steps)
            ++steps[static_cast<int>(s.part)];
        m_build.loaded = true;
        m_build.buildId = qs(b.id);
        m_build.service = qs(details->service);
        m_build.version = b.version;
        m_build.status = qs(toString(b.status));
        m_build.hardwareModel = qs(b.hardwareModel);
        m_build.designNotes = qs(b.designNotes);
        m_build.backOutPlan = qs(views.backOutPlan(release->id));
        m_build.installationSteps = steps[0];
        m_build.stabilityTests = steps[1];
        m_build.acceptanceTests = steps[2];
        m_build.software = static_cast<int>(details->software.size());
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
