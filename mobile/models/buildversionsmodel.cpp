#include "buildversionsmodel.h"

#include "buildwords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"

namespace rd::mobile {

BuildVersionsModel::BuildVersionsModel(QObject *parent)
    : SessionModel(parent)
{}

int BuildVersionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant BuildVersionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return tr("v%1 · %2").arg(r.version).arg(buildStatusWords(r.status));
    case BuildIdRole:
        return qs(r.id);
    case VersionRole:
        return r.version;
    case StatusRole:
        return qs(toString(r.status));
    case StatusWordsRole:
        return buildStatusWords(r.status);
    case WhatRole:
        return versionWhat(r);
    case WhoRole:
        return versionWho(r);
    case WhenRole:
        return localTime(versionWhen(r));
    case ReturnedReasonRole:
        return r.status == BuildStatus::Draft ? qs(r.returnedReason) : QString();
    case LinesRole:
        return r.lines;
    default:
        return {};
    }
}

QHash<int, QByteArray> BuildVersionsModel::roleNames() const
{
    return {{BuildIdRole, "buildId"}, {VersionRole, "version"}, {StatusRole, "status"},
            {StatusWordsRole, "statusWords"}, {LabelRole, "label"}, {WhatRole, "what"},
            {WhoRole, "who"}, {WhenRole, "when"}, {ReturnedReasonRole, "returnedReason"},
            {LinesRole, "lines"}};
}

void BuildVersionsModel::setServiceId(const QString &id)
{
    if (m_serviceId == id)
        return;
    m_serviceId = id;
    emit serviceIdChanged();
    reload();
}

bool BuildVersionsModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_serviceId).has_value();
}

void BuildVersionsModel::clear()
{
    m_rows.clear();
    m_service = {};
}

int BuildVersionsModel::rowOf(const QString &buildId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (qs(m_rows[i].id) == buildId)
            return static_cast<int>(i);
    }
    return -1;
}

QString BuildVersionsModel::buildIdAt(int row) const
{
    return row >= 0 && row < rowCount() ? qs(m_rows[static_cast<std::size_t>(row)].id) : QString();
}

void BuildVersionsModel::load()
{
    BuildViews views(session()->store());
    const Id id = *optionalId(m_serviceId);
    const auto row = views.serviceRow(id);
    if (!row)
        throw NotFoundError("service", id.toString());
    m_rows = views.buildVersions(id);
    m_service.loaded = true;
    m_service.serviceId = qs(row->service.id);
    m_service.name = qs(row->service.name);
    m_service.description = qs(row->service.description);
    m_service.userBenefit = qs(row->service.userBenefit);
    m_service.owner = qs(row->owner);
    m_service.retired = row->service.retiredAt.has_value();
    m_service.documented = !row->stillToDocument();
    m_service.approvedVersion = row->approvedVersion.value_or(0);
    m_service.state = serviceStateWords(*row);
    for (const auto &v : m_rows) {
        if (v.status == BuildStatus::Approved)
            m_service.approvedBuildId = qs(v.id);
    }
}

} // namespace rd::mobile
