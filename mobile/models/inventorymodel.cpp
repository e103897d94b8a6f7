#include "inventorymodel.h"

#include "librarywords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/libraryviews.h"

#include <QScopedValueRollback>

#include <algorithm>

#include "domain/errors.h"

namespace rd::mobile {

namespace {

QVariant assetRole(const Views::AssetRow &row, int role)
{
    const Asset &a = row.asset;
    switch (role) {
    case Qt::DisplayRole:
    case InventoryModel::AssetTagRole:
        return qs(a.assetTag);
    case InventoryModel::AssetIdRole:
        return qs(a.id);
    case InventoryModel::SerialRole:
        return qs(a.serial);
    case InventoryModel::MakeRole:
        return qs(a.make);
    case InventoryModel::ModelRole:
        return qs(a.model);
    case InventoryModel::CategoryRole:
        return qs(a.category);
    case InventoryModel::SiteRole:
        return qs(row.siteName);
    case InventoryModel::RoomRole:
        return qs(row.room);
    case InventoryModel::StatusRole:
        return qs(toString(a.status));
    case InventoryModel::AssignedUserRole:
        return qs(a.assignedUser);
    default:
        return {};
    }
}

} // namespace

InventoryModel::InventoryModel(QObject *parent)
    : SessionModel(parent)
{}

int InventoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant InventoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return assetRole(m_rows[static_cast<std::size_t>(index.row())], role);
}

QHash<int, QByteArray> InventoryModel::roleNames() const
{
    return assetRoleNames();
}

QHash<int, QByteArray> InventoryModel::assetRoleNames()
{
    return {{AssetIdRole, "assetId"}, {AssetTagRole, "assetTag"}, {SerialRole, "serial"},
            {MakeRole, "make"},       {ModelRole, "model"},       {CategoryRole, "category"},
            {SiteRole, "site"},       {RoomRole, "room"},         {StatusRole, "status"},
            {AssignedUserRole, "assignedUser"}};
}

bool InventoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_fetching && !announcingReset();
}

void InventoryModel::fetchMore(const QModelIndex &parent)
{
    // A view may ask again while the rows of this page are being inserted: one page at a time.
    if (parent.isValid() || !m_more || m_fetching || announcingReset() || !canLoad())
        return;
    const QScopedValueRollback<bool> fetching(m_fetching, true);
    std::vector<Views::AssetRow> page;
    try {
        page = session()->views().searchAssets(utf8(m_query), kPage, static_cast<int>(m_rows.size()));
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

void InventoryModel::setQuery(const QString &query)
{
    if (m_query == query)
        return;
    m_query = query;
    emit queryChanged();
    reload();
}

void InventoryModel::clear()
{
    m_rows.clear();
    m_more = false;
}

void InventoryModel::load()
{
    m_rows = session()->views().searchAssets(utf8(m_query), kPage, 0);
    m_more = static_cast<int>(m_rows.size()) == kPage;
}

HistoryModel::HistoryModel(QObject *parent)
    : SessionModel(parent)
{}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &h = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case WhatRole:
        return h.what;
    case AtRole:
        return localTime(h.at);
    case ReleaseRole:
        return h.release;
    case InstallationIdRole:
        return h.installationId;
    case WhoRole:
        return h.who;
    case DetailRole:
        return h.detail;
    case KindRole:
        return h.kind;
    case PhotoRole:
        return h.photo;
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return {{AtRole, "at"},     {ReleaseRole, "release"}, {InstallationIdRole, "installationId"},
            {WhatRole, "what"}, {WhoRole, "who"},         {DetailRole, "detail"},
            {KindRole, "kind"},     {PhotoRole, "photo"}};
}

void HistoryModel::setAssetId(const QString &id)
{
    if (m_assetId == id)
        return;
    m_assetId = id;
    emit assetIdChanged();
    reload();
}

bool HistoryModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_assetId).has_value();
}

void HistoryModel::clear()
{
    m_rows.clear();
    m_asset = {};
}

void HistoryModel::load()
{
    auto &views = session()->views();
    const Id id = *optionalId(m_assetId);
    const auto row = views.assetRow(id);
    if (!row)
        throw NotFoundError("asset", id.toString());
    AssetInfo asset;
    asset.loaded = true;
    asset.assetId = qs(row->asset.id);
    asset.assetTag = qs(row->asset.assetTag);
    asset.serial = qs(row->asset.serial);
    asset.make = qs(row->asset.make);
    asset.model = qs(row->asset.model);
    asset.category = qs(row->asset.category);
    asset.site = qs(row->siteName);
    asset.room = qs(row->room);
    asset.status = qs(toString(row->asset.status));
    asset.assignedUser = qs(row->asset.assignedUser);
    m_asset = asset;
    const QString work = QStringLiteral("work");
    for (const auto &h : views.assetHistory(id))
        m_rows.push_back({h.at, qs(h.release), h.installationId.isNull() ? QString() : qs(h.installationId),
                          qs(h.what), qs(h.who), qs(h.detail), work, qs(h.photo)});
    // Beside the work on it: every change of its fields, and the licence seats it was given.
    LibraryViews library(session()->store());
    const QString change = QStringLiteral("change");
    for (const auto &c : library.recordHistory(id))
        m_rows.push_back({c.change.changedAt, {}, {}, changeSentence(c), qs(c.who), {}, change});
    const QString licence = QStringLiteral("licence");
    for (const auto &s : library.assetSeats(id)) {
        m_rows.push_back({s.seat.assignedAt, qs(s.release),
                          s.seat.installationId ? qs(*s.seat.installationId) : QString(),
                          tr("Seat of %1 given").arg(qs(s.licence)), qs(s.assignedBy),
                          s.seat.overrideReason ? tr("past the seats bought: %1").arg(qs(*s.seat.overrideReason))
                                                : QString(),
                          licence});
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Entry &a, const Entry &b) { return a.at > b.at; });
}

} // namespace rd::mobile
