#include "releasesmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"

#include <QDate>

namespace rd::mobile {

ReleasesModel::ReleasesModel(QObject *parent)
    : SessionModel(parent)
{}

int ReleasesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReleasesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NumberRole:
        return qs(r.number);
    case ReleaseIdRole:
        return qs(r.id);
    case KindRole:
        return qs(toString(r.kind));
    case StatusRole:
        return qs(toString(r.status));
    case ServiceRole:
        return qs(r.service);
    case BuildVersionRole:
        return r.buildVersion;
    case HardwareModelRole:
        return qs(r.hardwareModel);
    case SiteRole:
        return qs(r.siteName);
    case RoomsRole:
        return qs(r.rooms);
    case UnitsRole:
        return r.units;
    case UnitsDoneRole:
        return r.unitsDone;
    case UnitsStartedRole:
        return r.unitsStarted;
    case PlannedDateRole:
        return qs(r.plannedDate);
    case OverdueRole:
        return QDate::fromString(qs(r.plannedDate), Qt::ISODate) < QDate::currentDate();
    default:
        return {};
    }
}

QHash<int, QByteArray> ReleasesModel::roleNames() const
{
    return {{ReleaseIdRole, "releaseId"},     {NumberRole, "number"},
            {KindRole, "kind"},               {StatusRole, "status"},
            {ServiceRole, "service"},         {BuildVersionRole, "buildVersion"},
            {HardwareModelRole, "hardwareModel"}, {SiteRole, "site"},
            {RoomsRole, "rooms"},             {UnitsRole, "units"},
            {UnitsDoneRole, "unitsDone"},     {UnitsStartedRole, "unitsStarted"},
            {PlannedDateRole, "plannedDate"}, {OverdueRole, "overdue"}};
}

void ReleasesModel::setMineOnly(bool mineOnly)
{
    if (m_mineOnly == mineOnly)
        return;
    m_mineOnly = mineOnly;
    emit mineOnlyChanged();
    reload();
}

void ReleasesModel::load()
{
    const Id user = session()->userId();
    if (m_mineOnly && user.isNull())
        return;
    m_rows = session()->views().openReleases(m_mineOnly ? std::optional<Id>(user) : std::nullopt);
}

} // namespace rd::mobile
