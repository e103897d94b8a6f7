#include "peoplemodel.h"

#include "app/appsession.h"
#include "app/officepeople.h"
#include "app/qtconvert.h"

namespace rd::mobile {

PeopleModel::PeopleModel(QObject *parent)
    : SessionModel(parent)
{}

int PeopleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant PeopleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &p = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return qs(p.user.displayName);
    case UserIdRole:
        return qs(p.user.id);
    case NameRole:
        return qs(p.user.name);
    case RoleRole:
        return qs(toString(p.user.role));
    case RoleNameRole:
        return OfficePeople::roleWords(p.user.role);
    case ActiveRole:
        return p.user.active;
    case SitesRole:
        return qs(p.sites);
    case OpenReleasesRole:
        return p.openReleases;
    case IsMeRole:
        return p.user.id == m_me;
    default:
        return {};
    }
}

QHash<int, QByteArray> PeopleModel::roleNames() const
{
    return {{UserIdRole, "userId"},     {NameRole, "name"},     {DisplayNameRole, "displayName"},
            {RoleRole, "role"},         {RoleNameRole, "roleName"}, {ActiveRole, "active"},
            {SitesRole, "sites"},       {OpenReleasesRole, "openReleases"}, {IsMeRole, "isMe"}};
}

void PeopleModel::load()
{
    m_me = session()->userId();
    m_rows = PeopleViews(session()->store()).people();
}

} // namespace rd::mobile
