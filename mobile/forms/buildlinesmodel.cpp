#include "buildlinesmodel.h"

#include "fielderror.h"

#include "models/buildwords.h"

#include <algorithm>

namespace rd::mobile {

namespace {

constexpr int kEvidenceKinds = static_cast<int>(EnumNames<EvidenceKind>::names.size());

} // namespace

BuildLinesModel::BuildLinesModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::modelReset, this, &BuildLinesModel::countChanged);
    connect(this, &QAbstractItemModel::rowsInserted, this, &BuildLinesModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &BuildLinesModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &BuildLinesModel::errorsChanged);
    connect(this, &QAbstractItemModel::rowsInserted, this, &BuildLinesModel::errorsChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &BuildLinesModel::errorsChanged);
}

BuildLinesModel::BuildLinesModel(StepPart part, QObject *parent)
    : BuildLinesModel(parent)
{
    m_part = part;
}

int BuildLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

QVariant BuildLinesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &l = m_lines[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return qs(l.title);
    case LineIdRole:
        return qs(l.id);
    case PositionRole:
        return index.row() + 1;
    case DetailRole:
        return qs(l.detail);
    case RequiredRole:
        return l.required;
    case EvidenceRole:
        return qs(toString(l.evidence));
    case EvidenceIndexRole:
        return static_cast<int>(l.evidence);
    case EvidenceWordsRole:
        return evidenceWords(l.evidence);
    case TitleErrorRole:
        return fieldError(fields::stepTitle, qs(l.title));
    case DetailErrorRole:
        return fieldError(fields::stepDetail, qs(l.detail));
    default:
        return {};
    }
}

bool BuildLinesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    switch (role) {
    case Qt::EditRole:
    case TitleRole:
        return setTitle(index.row(), value.toString());
    case DetailRole:
        return setDetail(index.row(), value.toString());
    case RequiredRole:
        return setRequired(index.row(), value.toBool());
    case EvidenceIndexRole:
        return setEvidenceIndex(index.row(), value.toInt());
    default:
        return false;
    }
}

Qt::ItemFlags BuildLinesModel::flags(const QModelIndex &index) const
{
    const auto f = QAbstractListModel::flags(index);
    return m_readOnly || !index.isValid() ? f : f | Qt::ItemIsEditable;
}

QHash<int, QByteArray> BuildLinesModel::roleNames() const
{
    return {{LineIdRole, "lineId"},       {PositionRole, "position"},       {TitleRole, "title"},
            {DetailRole, "detail"},       {RequiredRole, "required"},       {EvidenceRole, "evidence"},
            {EvidenceIndexRole, "evidenceIndex"}, {EvidenceWordsRole, "evidenceWords"},
            {TitleErrorRole, "titleError"}, {DetailErrorRole, "detailError"}};
}

QString BuildLinesModel::title() const
{
    return partWords(m_part);
}

void BuildLinesModel::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    emit readOnlyChanged();
}

int BuildLinesModel::errorCount() const
{
    return static_cast<int>(std::count_if(m_lines.begin(), m_lines.end(), [](const BuildStep &l) {
        return !fieldError(fields::stepTitle, qs(l.title)).isEmpty() ||
               !fieldError(fields::stepDetail, qs(l.detail)).isEmpty();
    }));
}

QVariantList BuildLinesModel::evidenceKinds() const
{
    QVariantList out;
    for (int i = 0; i < kEvidenceKinds; ++i) {
        const auto kind = static_cast<EvidenceKind>(i);
        out.push_back(QVariantMap{{QStringLiteral("value"), qs(toString(kind))},
                                  {QStringLiteral("text"), i == 0 ? tr("No evidence") : tr("Asks for %1").arg(evidenceWords(kind))}});
    }
    return out;
}

bool BuildLinesModel::editable(int row) const
{
    return !m_readOnly && row >= 0 && row < rowCount();
}

void BuildLinesModel::changed(int row, const QList<int> &roles)
{
    const auto at = index(row, 0);
    emit dataChanged(at, at, roles);
    emit errorsChanged();
    emit edited();
}

int BuildLinesModel::add(int row)
{
    if (m_readOnly)
        return -1;
    const int at = row < 0 || row >= rowCount() ? rowCount() : row + 1;
    BuildStep line;
    // The line's id is made now and kept through every save, so each save names the same line.
    line.id = Id::generate();
    line.part = m_part;
    beginInsertRows({}, at, at);
    m_lines.insert(m_lines.begin() + at, line);
    endInsertRows();
    if (at + 1 < rowCount()) // the lines after it are numbered on by one
        emit dataChanged(index(at + 1, 0), index(rowCount() - 1, 0), {PositionRole});
    emit edited();
    return at;
}

bool BuildLinesModel::remove(int row)
{
    if (!editable(row))
        return false;
    beginRemoveRows({}, row, row);
    m_lines.erase(m_lines.begin() + row);
    endRemoveRows();
    if (row < rowCount())
        emit dataChanged(index(row, 0), index(rowCount() - 1, 0), {PositionRole});
    emit edited();
    return true;
}

bool BuildLinesModel::moveUp(int row)
{
    if (!editable(row) || row == 0)
        return false;
    beginMoveRows({}, row, row, {}, row - 1);
    std::swap(m_lines[static_cast<std::size_t>(row)], m_lines[static_cast<std::size_t>(row - 1)]);
    endMoveRows();
    emit dataChanged(index(row - 1, 0), index(row, 0), {PositionRole});
    emit edited();
    return true;
}

bool BuildLinesModel::moveDown(int row)
{
    if (!editable(row) || row + 1 >= rowCount())
        return false;
    return moveUp(row + 1);
}

bool BuildLinesModel::setTitle(int row, const QString &title)
{
    if (!editable(row))
        return false;
    auto &l = m_lines[static_cast<std::size_t>(row)];
    if (qs(l.title) == title)
        return true;
    l.title = utf8(title);
    changed(row, {TitleRole, Qt::DisplayRole, TitleErrorRole});
    return true;
}

bool BuildLinesModel::setDetail(int row, const QString &detail)
{
    if (!editable(row))
        return false;
    auto &l = m_lines[static_cast<std::size_t>(row)];
    if (qs(l.detail) == detail)
        return true;
    l.detail = utf8(detail);
    changed(row, {DetailRole, DetailErrorRole});
    return true;
}

bool BuildLinesModel::setRequired(int row, bool required)
{
    if (!editable(row))
        return false;
    auto &l = m_lines[static_cast<std::size_t>(row)];
    if (l.required == required)
        return true;
    l.required = required;
    changed(row, {RequiredRole});
    return true;
}

bool BuildLinesModel::setEvidenceIndex(int row, int index)
{
    if (!editable(row) || index < 0 || index >= kEvidenceKinds)
        return false;
    auto &l = m_lines[static_cast<std::size_t>(row)];
    const auto evidence = static_cast<EvidenceKind>(index);
    if (l.evidence == evidence)
        return true;
    l.evidence = evidence;
    changed(row, {EvidenceRole, EvidenceIndexRole, EvidenceWordsRole});
    return true;
}

void BuildLinesModel::setLines(std::vector<BuildStep> lines)
{
    beginResetModel();
    m_lines = std::move(lines);
    std::stable_sort(m_lines.begin(), m_lines.end(),
                     [](const BuildStep &a, const BuildStep &b) { return a.position < b.position; });
    endResetModel();
}

std::vector<BuildStep> BuildLinesModel::lines() const
{
    std::vector<BuildStep> out = m_lines;
    int position = 0;
    for (auto &l : out) {
        l.part = m_part;
        l.position = ++position;
    }
    return out;
}

} // namespace rd::mobile
