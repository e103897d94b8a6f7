#include "conflictsmodel.h"

#include "draftconflict.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"

#include "store/store.h"
#include "store/views.h"
#include "sync/replica.h"

namespace rd::mobile {

ConflictsModel::ConflictsModel(QObject *parent)
    : SessionModel(parent)
{}

int ConflictsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConflictsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case RecordRole:
        return r.record;
    case ConflictIdRole:
        return r.id;
    case FieldRole:
        return r.field;
    case KeptValueRole:
        return r.keptValue;
    case KeptLabelRole:
        return r.keptLabel;
    case LostValueRole:
        return r.lostValue;
    case LostLabelRole:
        return r.lostLabel;
    case LostByRole:
        return r.lostBy;
    case CreatedAtRole:
        return localTime(r.createdAt);
    case KeptTitleRole:
        return r.keptTitle;
    case LostTitleRole:
        return r.lostTitle;
    case KeepTextRole:
        return r.keepText;
    case TakeTextRole:
        return r.takeText;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConflictsModel::roleNames() const
{
    return {{ConflictIdRole, "conflictId"}, {RecordRole, "record"},       {FieldRole, "field"},
            {KeptValueRole, "keptValue"},   {KeptLabelRole, "keptLabel"}, {LostValueRole, "lostValue"},
            {LostLabelRole, "lostLabel"},   {LostByRole, "lostBy"},       {CreatedAtRole, "createdAt"},
            {KeptTitleRole, "keptTitle"},   {LostTitleRole, "lostTitle"}, {KeepTextRole, "keepText"},
            {TakeTextRole, "takeText"}};
}

void ConflictsModel::load()
{
    auto &store = session()->store();
    auto &views = session()->views();
    auto roomName = [&](const std::string &value) -> QString {
        if (value.empty())
            return tr("(no room)");
        try {
            const std::string name = views.roomName(Id::parse(value));
            if (!name.empty())
                return qs(name);
        } catch (const Error &) {
        }
        return qs(value);
    };
    for (const auto &c : session()->replica().openConflicts()) {
        Row row;
        row.id = qs(c.id);
        row.keptValue = qs(c.keptValue);
        row.lostValue = qs(c.lostValue);
        row.keptLabel = row.keptValue;
        row.lostLabel = row.lostValue;
        row.field = qs(c.field);
        row.lostBy = qs(views.userDisplayName(c.lostBy));
        row.keptTitle = tr("Kept by the office");
        row.lostTitle = tr("From %1").arg(row.lostBy);
        row.keepText = tr("Keep this");
        row.takeText = tr("Use this instead");
        if (isDraftConflict(c)) {
            const auto d = describeDraftConflict(store, c);
            row.record = d.record;
            row.field = d.field;
            row.keptTitle = d.keptTitle;
            row.keptLabel = d.keptLabel;
            row.keptValue = d.keptValue;
            row.lostTitle = d.lostTitle;
            row.lostLabel = d.lostLabel;
            row.lostValue = d.lostValue;
            row.keepText = d.keepText;
            row.takeText = d.takeText;
        } else if (c.table == "assets") {
            const auto asset = views.assetRow(c.recordId);
            row.record = asset ? tr("Asset %1 (%2 %3)")
                                     .arg(qs(asset->asset.assetTag.value_or(asset->asset.serial.value_or(""))),
                                          qs(asset->asset.make), qs(asset->asset.model))
                               : tr("Asset %1").arg(qs(c.recordId));
            if (c.field == "room_id") {
                row.field = tr("room");
                row.keptLabel = roomName(c.keptValue);
                row.lostLabel = roomName(c.lostValue);
            } else if (c.field == "assigned_user") {
                row.field = tr("user");
            }
        } else if (c.table == "releases") {
            const auto release = store.release(c.recordId);
            row.record = tr("Release %1").arg(release ? qs(release->number) : qs(c.recordId));
        } else {
            row.record = qs(c.table) + QLatin1Char(' ') + qs(c.recordId);
        }
        row.createdAt = c.createdAt;
        m_rows.push_back(row);
    }
}

} // namespace rd::mobile
