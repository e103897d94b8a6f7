#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>

namespace rd::mobile {

/**
 * Where asset labels go, in millimetres: the page, each label on it, and the parts of a label (the
 * Data Matrix, the school's name and the tag as text, the Code 128 along the bottom). The one place
 * that knows the sheets' geometry: the PDF is drawn from it and the test finds each label by it.
 *
 * Every label has the same parts: a square for the Data Matrix (its quiet zone inside) at the top
 * left, the text beside it, and a band across the bottom for the Code 128 with its quiet zones.
 */
class LabelLayout {
public:
    /** The layouts offered: two A4 sheets and a single label for label printers. */
    enum Kind {
        A4Sheet3x8,  ///< 24 labels of 63.5 x 33.9 mm on A4, 3 across, 8 down
        A4Sheet4x10, ///< 40 labels of 48.5 x 25.4 mm on A4, 4 across, 10 down
        Single62x29, ///< one 62 x 29 mm label a page: a label printer's roll (e.g. 62 mm die-cut)
    };

    explicit LabelLayout(Kind kind);

    /** Every layout, in the order offered. */
    [[nodiscard]] static QList<LabelLayout> all();
    /** The layout named @p id ("a4-3x8", "a4-4x10", "62x29"), if there is one. */
    [[nodiscard]] static std::optional<LabelLayout> byId(const QString &id);

    [[nodiscard]] Kind kind() const noexcept { return m_kind; }
    /** "a4-3x8", for files, settings and the command line. */
    [[nodiscard]] QString id() const;
    /** In words, for the page: "A4 sheet, 3 × 8 labels of 63.5 × 33.9 mm". */
    [[nodiscard]] QString name() const;

    /** The page, in millimetres, portrait as it comes out of the printer. */
    [[nodiscard]] QSizeF pageSize() const noexcept { return m_page; }
    [[nodiscard]] int columns() const noexcept { return m_columns; }
    [[nodiscard]] int rows() const noexcept { return m_rows; }
    [[nodiscard]] int perPage() const noexcept { return m_columns * m_rows; }
    /** How many pages @p labels labels take. */
    [[nodiscard]] int pagesFor(int labels) const noexcept;

    /** Label @p index on its page (0 .. perPage()-1, across then down), in page millimetres. */
    [[nodiscard]] QRectF labelRect(int index) const;

    /** The label's size. */
    [[nodiscard]] QSizeF labelSize() const noexcept { return m_label; }
    /** The parts of a label, in millimetres from the label's top-left corner. */
    [[nodiscard]] QRectF matrixArea() const;  ///< a square: the Data Matrix with its quiet zone
    [[nodiscard]] QRectF textArea() const;    ///< the school's name, then the tag in bold
    [[nodiscard]] QRectF linearArea() const;  ///< the Code 128 with its quiet zones, bars full height
    /** The quiet zone kept round the Data Matrix, in modules (ISO/IEC 16022 asks for 1). */
    static constexpr int kMatrixQuietModules = 2;
    /** The quiet zone at each end of the Code 128, in modules (ISO/IEC 15417 asks for 10). */
    static constexpr int kLinearQuietModules = 10;

private:
    Kind m_kind;
    QSizeF m_page;
    QSizeF m_label;
    QPointF m_first;  ///< the top-left corner of the first label on the page
    QSizeF m_pitch;   ///< from one label's corner to the next one's, across and down
    int m_columns = 1;
    int m_rows = 1;
    double m_padding = 2; ///< kept clear inside the label's edge (cutting and printing tolerance)
    double m_linearHeight = 7; ///< the Code 128's bars
    double m_gap = 1;     ///< between the parts
};

} // namespace rd::mobile
