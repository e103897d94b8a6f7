#include "licencesmodel.h"

#include "libraryrecords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include <algorithm>

namespace rd::mobile {

LicencesModel::LicencesModel(QObject *parent)
    : SessionModel(parent)
{}

int LicencesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant LicencesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    const auto &expires = r.licence.expiresOn;
    const bool expired = !expires.empty() && expires < m_today;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return qs(r.licence.name);
    case LicenceIdRole:
        return qs(r.licence.id);
    case SoftwareRole:
        return qs(r.software);
    case KeyRole:
        return m_seesKeys ? qs(r.licence.entitlement) : QString();
    case HasKeyRole:
        return m_seesKeys && !r.licence.entitlement.empty();
    case SeatsRole:
        return r.licence.seats;
    case UsedRole:
        return r.used;
    case FullRole:
        return r.used >= r.licence.seats;
    case OverUsedRole:
        return r.used > r.licence.seats;
    case ExpiresOnRole:
        return qs(expires);
    case ExpiredRole:
        return expired;
    case ExpiringSoonRole:
        return !expired && !expires.empty() && expires <= m_horizon;
    case SupplierRole:
        return qs(r.licence.supplier);
    case PurchaseRefRole:
        return qs(r.licence.purchaseRef);
    default:
        return {};
    }
}

QHash<int, QByteArray> LicencesModel::roleNames() const
{
    return {{LicenceIdRole, "licenceId"}, {NameRole, "name"},         {SoftwareRole, "software"},
            {KeyRole, "key"},             {HasKeyRole, "hasKey"},     {SeatsRole, "seats"},
            {UsedRole, "used"},           {FullRole, "full"},         {OverUsedRole, "overUsed"},
            {ExpiresOnRole, "expiresOn"}, {ExpiredRole, "expired"},   {ExpiringSoonRole, "expiringSoon"},
            {SupplierRole, "supplier"},   {PurchaseRefRole, "purchaseRef"}};
}

void LicencesModel::setQuery(const QString &query)
{
    if (m_query == query)
        return;
    m_query = query;
    emit queryChanged();
    reload();
}

int LicencesModel::needingAttention() const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [&](const LibraryViews::LicenceRow &r) {
        return r.used > r.licence.seats || (!r.licence.expiresOn.empty() && r.licence.expiresOn <= m_horizon);
    }));
}

int LicencesModel::rowOf(const QString &licenceId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (qs(m_rows[i].licence.id) == licenceId)
            return static_cast<int>(i);
    }
    return -1;
}

void LicencesModel::load()
{
    m_seesKeys = seesKeys(session());
    m_today = isoToday();
    m_horizon = isoInDays(kExpiryWarningDays);
    m_rows = LibraryViews(session()->store()).licences(utf8(m_query));
    if (!m_seesKeys) {
        // Not even kept in memory for a person who may not see keys.
        for (auto &r : m_rows)
            r.licence.entitlement.clear();
    }
}

} // namespace rd::mobile
