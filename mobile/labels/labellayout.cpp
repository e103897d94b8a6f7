#include "labellayout.h"

#include <algorithm>

namespace rd::mobile {

LabelLayout::LabelLayout(Kind kind)
    : m_kind(kind)
{
    switch (kind) {
    case A4Sheet3x8:
        // The common 24-a-sheet size: 3 columns 2.5 mm apart, 8 rows touching, centred on A4.
        m_page = {210, 297};
        m_label = {63.5, 33.9};
        m_columns = 3;
        m_rows = 8;
        m_pitch = {66.0, 33.9};
        m_first = {(210 - (2 * 66.0 + 63.5)) / 2, (297 - 8 * 33.9) / 2};
        m_padding = 2.5;
        m_linearHeight = 9;
        break;
    case A4Sheet4x10:
        // 40 a sheet: 4 columns and 10 rows touching, centred on A4.
        m_page = {210, 297};
        m_label = {48.5, 25.4};
        m_columns = 4;
        m_rows = 10;
        m_pitch = {48.5, 25.4};
        m_first = {(210 - 4 * 48.5) / 2, (297 - 10 * 25.4) / 2};
        m_padding = 2;
        m_linearHeight = 7;
        break;
    case Single62x29:
        // A label printer's 62 x 29 mm label: the page is the label.
        m_page = {62, 29};
        m_label = {62, 29};
        m_first = {0, 0};
        m_pitch = {62, 29};
        m_padding = 1.5;
        m_linearHeight = 8;
        break;
    }
}

QList<LabelLayout> LabelLayout::all()
{
    return {LabelLayout(A4Sheet3x8), LabelLayout(A4Sheet4x10), LabelLayout(Single62x29)};
}

std::optional<LabelLayout> LabelLayout::byId(const QString &id)
{
    for (const LabelLayout &l : all()) {
        if (l.id() == id)
            return l;
    }
    return std::nullopt;
}

QString LabelLayout::id() const
{
    switch (m_kind) {
    case A4Sheet3x8: return QStringLiteral("a4-3x8");
    case A4Sheet4x10: return QStringLiteral("a4-4x10");
    case Single62x29: return QStringLiteral("62x29");
    }
    return {};
}

QString LabelLayout::name() const
{
    const QString size = QStringLiteral("%1 × %2 mm").arg(m_label.width()).arg(m_label.height());
    if (m_kind == Single62x29)
        return QStringLiteral("Label printer, one %1 label a page").arg(size);
    return QStringLiteral("A4 sheet, %1 × %2 labels of %3").arg(m_columns).arg(m_rows).arg(size);
}

int LabelLayout::pagesFor(int labels) const noexcept
{
    return labels <= 0 ? 0 : (labels + perPage() - 1) / perPage();
}

QRectF LabelLayout::labelRect(int index) const
{
    const int column = index % m_columns;
    const int row = (index / m_columns) % m_rows;
    return {QPointF(m_first.x() + column * m_pitch.width(), m_first.y() + row * m_pitch.height()), m_label};
}

QRectF LabelLayout::linearArea() const
{
    return {m_padding, m_label.height() - m_padding - m_linearHeight, m_label.width() - 2 * m_padding, m_linearHeight};
}

QRectF LabelLayout::matrixArea() const
{
    const double side = std::max(0.0, m_label.height() - 2 * m_padding - m_linearHeight - m_gap);
    return {m_padding, m_padding, side, side};
}

QRectF LabelLayout::textArea() const
{
    const QRectF matrix = matrixArea();
    const double left = matrix.right() + m_gap;
    return {left, m_padding, m_label.width() - m_padding - left, matrix.height()};
}

} // namespace rd::mobile
