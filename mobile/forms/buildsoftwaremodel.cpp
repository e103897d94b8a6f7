#include "buildsoftwaremodel.h"

#include "app/qtconvert.h"

#include <algorithm>

namespace rd::mobile {

BuildSoftwareModel::BuildSoftwareModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::modelReset, this, &BuildSoftwareModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &BuildSoftwareModel::pickedChanged);
}

int BuildSoftwareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant BuildSoftwareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &i = m_items[m_rows[static_cast<std::size_t>(index.row())]];
    switch (role) {
    case Qt::DisplayRole:
    case ProductRole:
        return qs(i.item.product);
    case ItemIdRole:
        return qs(i.item.id);
    case VersionRole:
        return qs(i.item.version);
    case VendorRole:
        return qs(i.item.vendor);
    case MediaLocationRole:
        return qs(i.item.mediaLocation);
    case PickedRole:
        return i.picked;
    default:
        return {};
    }
}

QHash<int, QByteArray> BuildSoftwareModel::roleNames() const
{
    return {{ItemIdRole, "itemId"},   {ProductRole, "product"},           {VersionRole, "version"},
            {VendorRole, "vendor"},   {MediaLocationRole, "mediaLocation"}, {PickedRole, "picked"}};
}

int BuildSoftwareModel::pickedCount() const
{
    return static_cast<int>(std::count_if(m_items.begin(), m_items.end(), [](const Item &i) { return i.picked; }));
}

void BuildSoftwareModel::setPickedOnly(bool pickedOnly)
{
    if (m_pickedOnly == pickedOnly)
        return;
    m_pickedOnly = pickedOnly;
    emit pickedOnlyChanged();
    beginResetModel();
    rebuild();
    endResetModel();
}

void BuildSoftwareModel::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    emit readOnlyChanged();
}

bool BuildSoftwareModel::setPicked(int row, bool picked)
{
    if (m_readOnly || row < 0 || row >= rowCount())
        return false;
    auto &item = m_items[m_rows[static_cast<std::size_t>(row)]];
    if (item.picked == picked)
        return true;
    if (m_pickedOnly && !picked) {
        // The row goes: only picked items are listed.
        beginRemoveRows({}, row, row);
        item.picked = false;
        rebuild();
        endRemoveRows();
        emit countChanged();
    } else {
        item.picked = picked;
        emit dataChanged(index(row, 0), index(row, 0), {PickedRole});
    }
    emit pickedChanged();
    emit edited();
    return true;
}

void BuildSoftwareModel::setCatalogue(std::vector<DslItem> catalogue, const std::vector<Id> &picked)
{
    beginResetModel();
    m_items.clear();
    for (auto &d : catalogue) {
        const bool isPicked = std::find(picked.begin(), picked.end(), d.id) != picked.end();
        m_items.push_back({std::move(d), isPicked});
    }
    // A picked item the DSL on this tablet lacks is still the build's: kept, by its id.
    for (const auto &id : picked) {
        if (std::none_of(m_items.begin(), m_items.end(), [&](const Item &i) { return i.item.id == id; })) {
            DslItem unknown;
            unknown.id = id;
            unknown.product = tr("DSL item %1").arg(qs(id)).toStdString();
            m_items.push_back({unknown, true});
        }
    }
    rebuild();
    endResetModel();
}

std::vector<Id> BuildSoftwareModel::picked() const
{
    std::vector<Id> out;
    for (const auto &i : m_items) {
        if (i.picked)
            out.push_back(i.item.id);
    }
    return out;
}

void BuildSoftwareModel::rebuild()
{
    m_rows.clear();
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        if (!m_pickedOnly || m_items[i].picked)
            m_rows.push_back(i);
    }
}

} // namespace rd::mobile
