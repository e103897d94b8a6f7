#include "builddiffmodel.h"

#include "buildwords.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"
#include "store/buildviews.h"
#include "store/store.h"

#include <QStringList>

namespace rd::mobile {

namespace {

QString kindName(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Same:
        return QStringLiteral("same");
    case DiffKind::Added:
        return QStringLiteral("added");
    case DiffKind::Removed:
        return QStringLiteral("removed");
    case DiffKind::Changed:
        return QStringLiteral("changed");
    case DiffKind::Moved:
        return QStringLiteral("moved");
    }
    return {};
}

QString kindWords(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Same:
        return BuildDiffModel::tr("Same");
    case DiffKind::Added:
        return BuildDiffModel::tr("Added");
    case DiffKind::Removed:
        return BuildDiffModel::tr("Removed");
    case DiffKind::Changed:
        return BuildDiffModel::tr("Changed");
    case DiffKind::Moved:
        return BuildDiffModel::tr("Moved");
    }
    return {};
}

QString textLabel(BuildDiff::TextField field)
{
    switch (field) {
    case BuildDiff::TextField::HardwareModel:
        return BuildDiffModel::tr("Hardware model");
    case BuildDiff::TextField::DesignNotes:
        return BuildDiffModel::tr("Notes");
    case BuildDiff::TextField::BackOutPlan:
        return BuildDiffModel::tr("Back-out plan");
    }
    return {};
}

/** What changed on a line, in words: "words changed; detail changed; now optional; asks for a scanned value". */
QString lineWhat(const BuildDiff::Line &l)
{
    QStringList what;
    if (l.titleChanged)
        what << BuildDiffModel::tr("words changed");
    if (l.detailChanged)
        what << BuildDiffModel::tr("detail changed");
    if (l.requiredChanged)
        what << (l.after->required ? BuildDiffModel::tr("now required") : BuildDiffModel::tr("now optional"));
    if (l.evidenceChanged)
        what << BuildDiffModel::tr("asks for %1, not %2").arg(evidenceWords(l.after->evidence),
                                                              evidenceWords(l.before->evidence));
    if (l.moved)
        what << BuildDiffModel::tr("moved from %1 to %2").arg(l.before->position).arg(l.after->position);
    return what.join(QStringLiteral("; "));
}

QString lineLabel(const BuildDiff::Line &l)
{
    if (l.before && l.after && l.before->position != l.after->position)
        return QStringLiteral("%1 → %2").arg(l.before->position).arg(l.after->position);
    return QString::number(l.after ? l.after->position : l.before->position);
}

QString itemText(const std::optional<DslItem> &item)
{
    if (!item)
        return {};
    return item->vendor.empty() ? qs(item->version) : BuildDiffModel::tr("%1 (%2)").arg(qs(item->version), qs(item->vendor));
}

/**
 * "2 lines added, 1 removed, 3 changed": the counts that are not 0, in one order, the first with
 * its noun (@p one or @p many, as it counts).
 */
QString counted(const QString &one, const QString &many, int added, int removed, int changed, int moved)
{
    QStringList parts;
    const auto add = [&](int n, const QString &what) {
        if (n <= 0)
            return;
        parts << (parts.isEmpty() ? QStringLiteral("%1 %2 %3").arg(n).arg(n == 1 ? one : many, what)
                                  : QStringLiteral("%1 %2").arg(n).arg(what));
    };
    add(added, BuildDiffModel::tr("added"));
    add(removed, BuildDiffModel::tr("removed"));
    add(changed, BuildDiffModel::tr("changed"));
    add(moved, BuildDiffModel::tr("moved"));
    return parts.join(QStringLiteral(", "));
}

} // namespace

BuildDiffModel::BuildDiffModel(QObject *parent)
    : SessionModel(parent)
{}

int BuildDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant BuildDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case AfterRole:
        return r.after;
    case SectionRole:
        return r.section;
    case KindRole:
        return r.kind;
    case KindWordsRole:
        return r.kindWords;
    case LabelRole:
        return r.label;
    case BeforeRole:
        return r.before;
    case BeforeDetailRole:
        return r.beforeDetail;
    case AfterDetailRole:
        return r.afterDetail;
    case WhatRole:
        return r.what;
    default:
        return {};
    }
}

QHash<int, QByteArray> BuildDiffModel::roleNames() const
{
    return {{SectionRole, "section"},   {KindRole, "kind"},   {KindWordsRole, "kindWords"},
            {LabelRole, "label"},       {BeforeRole, "before"}, {AfterRole, "after"},
            {BeforeDetailRole, "beforeDetail"}, {AfterDetailRole, "afterDetail"}, {WhatRole, "what"}};
}

void BuildDiffModel::setFromBuildId(const QString &id)
{
    if (m_from == id)
        return;
    m_from = id;
    emit fromBuildIdChanged();
    reload();
}

void BuildDiffModel::setToBuildId(const QString &id)
{
    if (m_to == id)
        return;
    m_to = id;
    emit toBuildIdChanged();
    reload();
}

void BuildDiffModel::setShowUnchanged(bool show)
{
    if (m_showUnchanged == show)
        return;
    m_showUnchanged = show;
    emit showUnchangedChanged();
    reload();
}

bool BuildDiffModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_from).has_value() && optionalId(m_to).has_value();
}

void BuildDiffModel::clear()
{
    m_rows.clear();
    m_summary.clear();
    m_same = false;
}

void BuildDiffModel::load()
{
    auto &store = session()->store();
    const auto before = store.buildProcedure(*optionalId(m_from));
    const auto after = store.buildProcedure(*optionalId(m_to));
    if (!before)
        throw NotFoundError("build procedure", utf8(m_from));
    if (!after)
        throw NotFoundError("build procedure", utf8(m_to));
    const auto dsl = BuildViews(store).dslCatalogue();
    const BuildDiff d = diffBuilds(*before, *after, dsl);
    const QString design = tr("Design details");

    auto keep = [&](DiffKind kind) { return m_showUnchanged || kind != DiffKind::Same; };
    auto addText = [&](const BuildDiff::Text &t, const QString &section) {
        if (keep(t.kind))
            m_rows.push_back({section, kindName(t.kind), kindWords(t.kind), textLabel(t.field), qs(t.before),
                              qs(t.after), {}, {}, {}});
    };
    addText(d.texts[0], design);
    addText(d.texts[1], design);
    for (const auto &s : d.software) {
        if (!keep(s.kind))
            continue;
        const DslItem &item = s.after ? *s.after : *s.before;
        m_rows.push_back({design, kindName(s.kind), kindWords(s.kind), qs(item.product), itemText(s.before),
                          itemText(s.after), {}, {}, {}});
    }
    for (const auto &l : d.lines) {
        if (!keep(l.kind))
            continue;
        Row row{partWords(l.part), kindName(l.kind), kindWords(l.kind), lineLabel(l),
                l.before ? qs(l.before->title) : QString(), l.after ? qs(l.after->title) : QString(), {}, {}, {}};
        if (l.kind == DiffKind::Changed || l.kind == DiffKind::Moved)
            row.what = lineWhat(l);
        if (l.detailChanged) {
            row.beforeDetail = qs(l.before->detail);
            row.afterDetail = qs(l.after->detail);
        }
        m_rows.push_back(std::move(row));
    }
    addText(d.texts[2], tr("Back-out plan"));

    m_same = d.same();
    QStringList summary;
    if (const QString lines = counted(tr("line"), tr("lines"), d.lineCount(DiffKind::Added), d.lineCount(DiffKind::Removed),
                                      d.lineCount(DiffKind::Changed), d.lineCount(DiffKind::Moved));
        !lines.isEmpty())
        summary << lines;
    if (const QString software = counted(tr("software item"), tr("software items"), d.softwareCount(DiffKind::Added),
                                         d.softwareCount(DiffKind::Removed), d.softwareCount(DiffKind::Changed), 0);
        !software.isEmpty())
        summary << software;
    for (const auto &t : d.texts) {
        if (t.kind == DiffKind::Changed)
            summary << tr("%1 changed").arg(textLabel(t.field).toLower());
    }
    m_summary = m_same ? tr("No differences: the two versions are the same.") : summary.join(QStringLiteral("; "));
}

} // namespace rd::mobile
