#include "sitesmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/roomaudit.h"
#include "store/store.h"

#include <QLocale>
#include <QVariantMap>

#include <QStringList>

namespace rd::mobile {

SitesModel::SitesModel(QObject *parent)
    : SessionModel(parent)
{}

int SitesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SitesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return qs(row.site.name);
    case SiteIdRole:
        return qs(row.site.id);
    case CodeRole:
        return qs(row.site.code);
    case TagPatternRole:
        return qs(row.site.assetTagPattern);
    case RoomsRole: {
        QStringList names;
        for (const auto &room : row.rooms)
            names << qs(room.name);
        return names.join(QStringLiteral(", "));
    }
    case RoomCountRole:
        return static_cast<int>(row.rooms.size());
    case RoomAuditsRole:
        return row.audits;
    default:
        return {};
    }
}

QHash<int, QByteArray> SitesModel::roleNames() const
{
    return {{SiteIdRole, "siteId"}, {NameRole, "name"},   {CodeRole, "code"},
            {TagPatternRole, "tagPattern"}, {RoomsRole, "rooms"}, {RoomCountRole, "roomCount"},
            {RoomAuditsRole, "roomAudits"}};
}

void SitesModel::load()
{
    auto &store = session()->store();
    for (auto &site : store.sites()) {
        auto rooms = store.rooms(site.id);
        QVariantList audits;
        for (const auto &room : rooms) {
            const auto last = lastRoomAudit(store, room.id);
            QStringList missing;
            if (last)
                for (const auto &m : last->missingAssets)
                    missing << qs(m);
            audits.push_back(QVariantMap{
                {QStringLiteral("roomId"), qs(room.id)},
                {QStringLiteral("name"), qs(room.name)},
                {QStringLiteral("lastAudit"),
                 last ? QLocale().toString(localTime(last->finishedAt).date(), QLocale::ShortFormat) : QString()},
                {QStringLiteral("missing"), last ? last->missing : 0},
                {QStringLiteral("missingAssets"), missing.join(QStringLiteral(", "))}});
        }
        m_rows.push_back({std::move(site), std::move(rooms), std::move(audits)});
    }
}

} // namespace rd::mobile
