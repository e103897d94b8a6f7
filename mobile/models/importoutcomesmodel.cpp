#include "importoutcomesmodel.h"

#include "qtconvert.h"

namespace rd::mobile {

ImportOutcomesModel::ImportOutcomesModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int ImportOutcomesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ImportOutcomesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[m_shown[static_cast<std::size_t>(index.row())]];
    switch (role) {
    case Qt::DisplayRole:
    case DetailRole:
        return qs(r.detail);
    case LineRole:
        return r.line;
    case KindRole:
        return qs(io::toString(r.outcome));
    case KindWordsRole:
        return kindWords(r.outcome);
    case AssetTagRole:
        return qs(r.assetTag);
    case SerialRole:
        return qs(r.serial);
    case MakeModelRole:
        return qs(r.make + (r.make.empty() || r.model.empty() ? "" : " ") + r.model);
    case AssetRole: {
        QStringList parts;
        for (const auto &part : {qs(r.assetTag), data(index, MakeModelRole).toString(), qs(r.serial)})
            if (!part.isEmpty())
                parts << part;
        return parts.join(QStringLiteral(" · "));
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ImportOutcomesModel::roleNames() const
{
    return {{LineRole, "line"},         {KindRole, "kind"},     {KindWordsRole, "kindWords"},
            {DetailRole, "detail"},     {AssetTagRole, "assetTag"}, {SerialRole, "serial"},
            {MakeModelRole, "makeModel"}, {AssetRole, "asset"}};
}

void ImportOutcomesModel::setKind(const QString &kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    filter();
    emit kindChanged();
}

void ImportOutcomesModel::setRows(std::vector<io::ImportRow> rows)
{
    m_rows = std::move(rows);
    filter();
}

void ImportOutcomesModel::filter()
{
    const int before = count();
    beginResetModel();
    m_shown.clear();
    const auto wanted = utf8(m_kind);
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (wanted.empty() || io::toString(m_rows[i].outcome) == wanted)
            m_shown.push_back(i);
    endResetModel();
    if (count() != before)
        emit countChanged();
}

QString ImportOutcomesModel::kindWords(io::RowOutcome outcome)
{
    switch (outcome) {
    case io::RowOutcome::New:
        return tr("New");
    case io::RowOutcome::Updated:
        return tr("Updated");
    case io::RowOutcome::Unchanged:
        return tr("Unchanged");
    case io::RowOutcome::SameSerial:
        return tr("Same serial");
    case io::RowOutcome::Refused:
        return tr("Refused");
    }
    return {};
}

} // namespace rd::mobile
