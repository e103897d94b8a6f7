#include "releasesoverviewmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/store.h"

#include <QDate>
#include <QScopedValueRollback>

namespace rd::mobile {

ReleasesOverviewModel::ReleasesOverviewModel(QObject *parent)
    : SessionModel(parent)
{}

int ReleasesOverviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReleasesOverviewModel::data(const QModelIndex &index, int role) const
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
    case TypeRole:
        return qs(toString(r.type));
    case StatusRole:
        return qs(toString(r.status));
    case ServiceRole:
        return qs(r.service);
    case BuildVersionRole:
        return r.buildVersion;
    case SiteRole:
        return qs(r.siteName);
    case UnitsRole:
        return r.units;
    case UnitsDoneRole:
        return r.unitsDone;
    case UnitsUnderWayRole:
        return r.unitsUnderWay;
    case UnitsBackedOutRole:
        return r.unitsBackedOut;
    case PlannedDateRole:
        return qs(r.plannedDate);
    case PlannedEndRole:
        return qs(r.plannedEnd);
    case OverdueRole: {
        // Still to be installed after the day it was planned to be done by.
        const bool installing = r.status == ReleaseStatus::Planned || r.status == ReleaseStatus::InProgress;
        const QString due = qs(r.plannedEnd.empty() ? r.plannedDate : r.plannedEnd);
        return installing && QDate::fromString(due, Qt::ISODate) < QDate::currentDate();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ReleasesOverviewModel::roleNames() const
{
    return {{ReleaseIdRole, "releaseId"},         {NumberRole, "number"},
            {KindRole, "kind"},                   {TypeRole, "type"},
            {StatusRole, "status"},               {ServiceRole, "service"},
            {BuildVersionRole, "buildVersion"},   {SiteRole, "site"},
            {UnitsRole, "units"},                 {UnitsDoneRole, "unitsDone"},
            {UnitsUnderWayRole, "unitsUnderWay"}, {UnitsBackedOutRole, "unitsBackedOut"},
            {PlannedDateRole, "plannedDate"},     {PlannedEndRole, "plannedEnd"},
            {OverdueRole, "overdue"}};
}

bool ReleasesOverviewModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_fetching && !announcingReset();
}

void ReleasesOverviewModel::fetchMore(const QModelIndex &parent)
{
    // A view may ask again while the rows of this page are being inserted: one page at a time.
    if (parent.isValid() || !m_more || m_fetching || announcingReset() || !canLoad())
        return;
    const QScopedValueRollback<bool> fetching(m_fetching, true);
    std::vector<ReleaseViews::Row> page;
    try {
        page = ReleaseViews(session()->store()).overview(filter(), kPage, static_cast<int>(m_rows.size()));
    } catch (const std::exception &e) {
        m_more = false;
        setError(QString::fromUtf8(e.what()));
        return;
    }
    m_more = static_cast<int>(page.size()) == kPage;
    if (page.empty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
    for (auto &row : page)
        m_rows.push_back(std::move(row));
    endInsertRows();
}

void ReleasesOverviewModel::setStatus(const QString &status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit filterChanged();
    reload();
}

void ReleasesOverviewModel::setSiteId(const QString &siteId)
{
    if (m_siteId == siteId)
        return;
    m_siteId = siteId;
    emit filterChanged();
    reload();
}

void ReleasesOverviewModel::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    emit filterChanged();
    reload();
}

ReleaseViews::Filter ReleasesOverviewModel::filter() const
{
    ReleaseViews::Filter f;
    f.status = tryParse<ReleaseStatus>(utf8(m_status)); // empty (or unknown): every status
    f.siteId = optionalId(m_siteId);
    f.number = utf8(m_search.trimmed());
    return f;
}

void ReleasesOverviewModel::clear()
{
    m_rows.clear();
    m_count = {};
    m_more = false;
}

void ReleasesOverviewModel::load()
{
    ReleaseViews views(session()->store());
    const auto f = filter();
    m_rows = views.overview(f, kPage, 0);
    m_more = static_cast<int>(m_rows.size()) == kPage;
    m_count = views.overviewCount(f);
    QVariantList sites{QVariantMap{{QStringLiteral("id"), QString()}, {QStringLiteral("name"), tr("Every site")}}};
    for (const auto &site : session()->store().sites())
        sites.push_back(QVariantMap{{QStringLiteral("id"), qs(site.id)}, {QStringLiteral("name"), qs(site.name)}});
    if (sites != m_sites) {
        m_sites = sites;
        emit sitesChanged();
    }
}

} // namespace rd::mobile
