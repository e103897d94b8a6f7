#include "recordhistorymodel.h"

#include "librarywords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

namespace rd::mobile {

RecordHistoryModel::RecordHistoryModel(QObject *parent)
    : SessionModel(parent)
{}

int RecordHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant RecordHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    const auto &c = r.change;
    const bool secret = c.oldValue == std::optional<std::string>("(hidden)") ||
                        c.newValue == std::optional<std::string>("(hidden)");
    switch (role) {
    case Qt::DisplayRole:
    case WhatRole:
        return changeSentence(r);
    case AtRole:
        return localTime(c.changedAt);
    case WhoRole:
        return qs(r.who);
    case FieldRole:
        return fieldWords(c.table, c.field);
    case FromRole:
        return secret ? QString() : valueWords(c.table, c.field, r.from);
    case ToRole:
        return secret ? QString() : valueWords(c.table, c.field, r.to);
    default:
        return {};
    }
}

QHash<int, QByteArray> RecordHistoryModel::roleNames() const
{
    return {{AtRole, "at"}, {WhoRole, "who"}, {FieldRole, "field"}, {FromRole, "from"}, {ToRole, "to"},
            {WhatRole, "what"}};
}

void RecordHistoryModel::setRecordId(const QString &id)
{
    if (m_recordId == id)
        return;
    m_recordId = id;
    emit recordIdChanged();
    reload();
}

bool RecordHistoryModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_recordId).has_value();
}

void RecordHistoryModel::load()
{
    m_rows = LibraryViews(session()->store()).recordHistory(*optionalId(m_recordId));
}

} // namespace rd::mobile
