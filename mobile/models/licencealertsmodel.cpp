#include "licencealertsmodel.h"

#include "libraryrecords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

namespace rd::mobile {

LicenceAlertsModel::LicenceAlertsModel(QObject *parent)
    : SessionModel(parent)
    , m_days(kExpiryWarningDays)
{}

int LicenceAlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant LicenceAlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &a = m_rows[static_cast<std::size_t>(index.row())];
    const auto &l = a.row.licence;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return qs(l.name);
    case LicenceIdRole:
        return qs(l.id);
    case AlertRole:
        switch (a.alert) {
        case LibraryViews::Alert::OverUsed:
            return QStringLiteral("over-used");
        case LibraryViews::Alert::Expired:
            return QStringLiteral("expired");
        case LibraryViews::Alert::Expiring:
            break;
        }
        return QStringLiteral("expiring");
    case WordsRole:
        switch (a.alert) {
        case LibraryViews::Alert::OverUsed:
            return tr("%1 seats given of %2").arg(a.row.used).arg(l.seats);
        case LibraryViews::Alert::Expired:
            return tr("expired on %1").arg(qs(l.expiresOn));
        case LibraryViews::Alert::Expiring:
            break;
        }
        return tr("expires on %1").arg(qs(l.expiresOn));
    case ExpiresOnRole:
        return qs(l.expiresOn);
    case SeatsRole:
        return l.seats;
    case UsedRole:
        return a.row.used;
    default:
        return {};
    }
}

QHash<int, QByteArray> LicenceAlertsModel::roleNames() const
{
    return {{LicenceIdRole, "licenceId"}, {NameRole, "name"},   {AlertRole, "alert"}, {WordsRole, "words"},
            {ExpiresOnRole, "expiresOn"}, {SeatsRole, "seats"}, {UsedRole, "used"}};
}

void LicenceAlertsModel::setDays(int days)
{
    if (m_days == days)
        return;
    m_days = days;
    emit daysChanged();
    reload();
}

void LicenceAlertsModel::load()
{
    m_rows = LibraryViews(session()->store()).licenceAlerts(isoToday(), isoInDays(m_days));
    for (auto &a : m_rows)
        a.row.licence.entitlement.clear(); // never needed here
}

} // namespace rd::mobile
