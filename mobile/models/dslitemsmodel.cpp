#include "dslitemsmodel.h"

#include "librarywords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include <algorithm>

namespace rd::mobile {

DslItemsModel::DslItemsModel(QObject *parent)
    : SessionModel(parent)
{}

int DslItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant DslItemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return qs(r.item.product + " " + r.item.version);
    case DslItemIdRole:
        return qs(r.item.id);
    case ProductRole:
        return qs(r.item.product);
    case VersionRole:
        return qs(r.item.version);
    case VendorRole:
        return qs(r.item.vendor);
    case MediaKindRole:
        return mediaKindWords(r.item.mediaKind);
    case MediaLocationRole:
        return qs(r.item.mediaLocation);
    case BuildLocationRole:
        return qs(r.item.buildLocation);
    case ChecksumRole:
        return qs(r.item.buildSha256);
    case LicenceTypeRole:
        return licenceTypeWords(r.item.licenceType);
    case LicencesRole:
        return qs(r.licences);
    case MediaOutRole:
        return r.out.has_value();
    case OutWithRole:
        return qs(r.outWith);
    case OutSinceRole:
        return r.out ? localTime(r.out->takenAt) : QDateTime();
    case ExpectedBackRole:
        return r.out && r.out->expectedBack ? localTime(*r.out->expectedBack) : QDateTime();
    case OverdueRole:
        return r.out && r.out->expectedBack && *r.out->expectedBack < m_now;
    default:
        return {};
    }
}

QHash<int, QByteArray> DslItemsModel::roleNames() const
{
    return {{DslItemIdRole, "dslItemId"},         {ProductRole, "product"},
            {VersionRole, "version"},             {VendorRole, "vendor"},
            {MediaKindRole, "mediaKind"},         {MediaLocationRole, "mediaLocation"},
            {BuildLocationRole, "buildLocation"}, {ChecksumRole, "checksum"},
            {LicenceTypeRole, "licenceType"},     {LicencesRole, "licences"},
            {MediaOutRole, "mediaOut"},           {OutWithRole, "outWith"},
            {OutSinceRole, "outSince"},           {ExpectedBackRole, "expectedBack"},
            {OverdueRole, "overdue"}};
}

void DslItemsModel::setQuery(const QString &query)
{
    if (m_query == query)
        return;
    m_query = query;
    emit queryChanged();
    reload();
}

int DslItemsModel::mediaOut() const
{
    return static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [](const LibraryViews::DslRow &r) { return r.out.has_value(); }));
}

int DslItemsModel::rowOf(const QString &dslItemId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (qs(m_rows[i].item.id) == dslItemId)
            return static_cast<int>(i);
    }
    return -1;
}

void DslItemsModel::load()
{
    m_now = AppSession::now();
    m_rows = LibraryViews(session()->store()).dslItems(utf8(m_query));
}

} // namespace rd::mobile
