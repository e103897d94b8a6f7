#include "licenceseatsmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"

namespace rd::mobile {

LicenceSeatsModel::LicenceSeatsModel(QObject *parent)
    : SessionModel(parent)
{}

int LicenceSeatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant LicenceSeatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case AssetTagRole:
        return qs(r.assetTag);
    case SeatIdRole:
        return qs(r.seat.id);
    case AssetIdRole:
        return qs(r.seat.assetId);
    case SerialRole:
        return qs(r.serial);
    case ModelRole:
        return qs(r.model);
    case SiteRole:
        return qs(r.site);
    case AssignedByRole:
        return qs(r.assignedBy);
    case AssignedAtRole:
        return localTime(r.seat.assignedAt);
    case OverrideReasonRole:
        return qs(r.seat.overrideReason);
    case ReleaseRole:
        return qs(r.release);
    default:
        return {};
    }
}

QHash<int, QByteArray> LicenceSeatsModel::roleNames() const
{
    return {{SeatIdRole, "seatId"},         {AssetIdRole, "assetId"},       {AssetTagRole, "assetTag"},
            {SerialRole, "serial"},         {ModelRole, "model"},           {SiteRole, "site"},
            {AssignedByRole, "assignedBy"}, {AssignedAtRole, "assignedAt"}, {OverrideReasonRole, "overrideReason"},
            {ReleaseRole, "release"}};
}

void LicenceSeatsModel::setLicenceId(const QString &id)
{
    if (m_licenceId == id)
        return;
    m_licenceId = id;
    emit licenceIdChanged();
    reload();
}

bool LicenceSeatsModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_licenceId).has_value();
}

void LicenceSeatsModel::clear()
{
    m_rows.clear();
    m_licence = {};
}

void LicenceSeatsModel::load()
{
    const Id id = *optionalId(m_licenceId);
    LibraryViews views(session()->store());
    const auto row = views.licenceRow(id);
    if (!row)
        throw NotFoundError("licence", id.toString());
    m_licence = licenceInfo(*row, seesKeys(session()));
    m_rows = views.seats(id);
}

} // namespace rd::mobile
