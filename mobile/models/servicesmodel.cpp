#include "servicesmodel.h"

#include "buildwords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include <algorithm>

namespace rd::mobile {

ServicesModel::ServicesModel(QObject *parent)
    : SessionModel(parent)
{}

int ServicesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ServicesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return qs(r.service.name);
    case ServiceIdRole:
        return qs(r.service.id);
    case DescriptionRole:
        return qs(r.service.description);
    case UserBenefitRole:
        return qs(r.service.userBenefit);
    case OwnerRole:
        return qs(r.owner);
    case DocumentedRole:
        return !r.stillToDocument();
    case ApprovedVersionRole:
        return r.approvedVersion.value_or(0);
    case StateRole:
        return serviceStateWords(r);
    case WorkRole:
        return serviceWorkWords(r);
    case RetiredRole:
        return r.service.retiredAt.has_value();
    default:
        return {};
    }
}

QHash<int, QByteArray> ServicesModel::roleNames() const
{
    return {{ServiceIdRole, "serviceId"},     {NameRole, "name"},
            {DescriptionRole, "description"}, {UserBenefitRole, "userBenefit"},
            {OwnerRole, "owner"},             {DocumentedRole, "documented"},
            {ApprovedVersionRole, "approvedVersion"}, {StateRole, "state"},
            {WorkRole, "work"},               {RetiredRole, "retired"}};
}

void ServicesModel::setShowRetired(bool show)
{
    if (m_showRetired == show)
        return;
    m_showRetired = show;
    emit showRetiredChanged();
    reload();
}

int ServicesModel::stillToDocument() const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [](const BuildViews::ServiceRow &r) {
        return !r.service.retiredAt && r.stillToDocument();
    }));
}

int ServicesModel::rowOf(const QString &serviceId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (qs(m_rows[i].service.id) == serviceId)
            return static_cast<int>(i);
    }
    return -1;
}

void ServicesModel::load()
{
    m_rows = BuildViews(session()->store()).services(m_showRetired);
}

} // namespace rd::mobile
