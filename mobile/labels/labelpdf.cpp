#include "labelpdf.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <QFont>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <exception>

namespace rd::mobile {

namespace {

/** A code's modules: width x height, dark or light, row by row. Empty when it cannot be encoded. */
struct Modules {
    int width = 0;
    int height = 0;
    int quiet = 0; ///< the quiet zone the symbology asks for, in modules
    std::vector<bool> dark;

    [[nodiscard]] bool empty() const { return width <= 0 || height <= 0; }
    [[nodiscard]] bool at(int x, int y) const { return dark[std::size_t(y) * std::size_t(width) + std::size_t(x)]; }
};

Modules encode(ZXing::BarcodeFormat format, const QString &text, QString *error)
{
    Modules m;
    try {
        // Margin 0: the quiet zones are the layout's, in millimetres. Width and height 0 (1 row for a
        // linear code): one bit per module, the symbol's own size.
        const ZXing::BitMatrix bits = ZXing::MultiFormatWriter(format).setMargin(0).encode(
            text.toStdString(), 0, format == ZXing::BarcodeFormat::Code128 ? 1 : 0);
        m.quiet = format == ZXing::BarcodeFormat::Code128 ? LabelLayout::kLinearQuietModules
                  : format == ZXing::BarcodeFormat::QRCode ? 4
                                                           : LabelLayout::kMatrixQuietModules;
        m.width = bits.width();
        m.height = format == ZXing::BarcodeFormat::Code128 ? 1 : bits.height();
        m.dark.resize(std::size_t(m.width) * std::size_t(m.height));
        for (int y = 0; y < m.height; ++y)
            for (int x = 0; x < m.width; ++x)
                m.dark[std::size_t(y) * std::size_t(m.width) + std::size_t(x)] = bits.get(x, y);
    } catch (const std::exception &e) {
        if (error)
            *error = QStringLiteral("The asset tag %1 cannot be written as %2 (%3).")
                         .arg(text, format == ZXing::BarcodeFormat::DataMatrix ? QStringLiteral("a Data Matrix")
                                                                              : QStringLiteral("a Code 128"),
                              QString::fromStdString(e.what()));
        return {};
    }
    return m;
}

/**
 * The square code for @p tag: a Data Matrix, or a QR code when zxing-cpp 1.4 (which cannot be told
 * the shape) would make the Data Matrix a rectangle, a thin strip in the label's square that
 * readers, ours among them, find far harder (HS/ICT/190 gives 8 x 32 modules).
 */
Modules encodeMatrix(const QString &tag, QString *error)
{
    Modules m = encode(ZXing::BarcodeFormat::DataMatrix, tag, error);
    if (!m.empty() && m.width != m.height)
        m = encode(ZXing::BarcodeFormat::QRCode, tag, error);
    return m;
}

/** The matrix code's module size and its top-left corner in @p area (mm), quiet zone inside, centred. */
std::pair<double, QPointF> matrixPlace(const Modules &m, const QRectF &area)
{
    const int q = m.quiet;
    const double module = std::min(area.width() / (m.width + 2 * q), area.height() / (m.height + 2 * q));
    const QPointF at(area.left() + (area.width() - m.width * module) / 2,
                     area.top() + (area.height() - m.height * module) / 2);
    return {module, at};
}

/**
 * The Code 128's module size and its left edge in @p area (mm): the bars and both quiet zones fill
 * the width, up to 0.5 mm a module (wider bars read no better), centred.
 */
std::pair<double, double> linearPlace(const Modules &m, const QRectF &area)
{
    const int q = LabelLayout::kLinearQuietModules;
    const double module = std::min(0.5, area.width() / (m.width + 2 * q));
    return {module, area.left() + (area.width() - m.width * module) / 2};
}

/** Millimetres to the writer's device units. */
class Millimetres {
public:
    explicit Millimetres(double dotsPerInch)
        : m_scale(dotsPerInch / 25.4)
    {
    }
    [[nodiscard]] double operator()(double mm) const { return mm * m_scale; }
    [[nodiscard]] QRectF operator()(const QRectF &r) const
    {
        return {r.x() * m_scale, r.y() * m_scale, r.width() * m_scale, r.height() * m_scale};
    }

private:
    double m_scale;
};

QFont labelFont(double pixels, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, int(pixels)));
    f.setBold(bold);
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

void drawLabel(QPainter &p, const Millimetres &mm, const LabelLayout &layout, const QPointF &corner,
               const AssetLabel &label, const Modules &matrix, const Modules &linear)
{
    // The modules, each code one path filled once: touching modules leave no seam.
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    {
        const auto [module, at] = matrixPlace(matrix, layout.matrixArea().translated(corner));
        for (int y = 0; y < matrix.height; ++y) {
            for (int x = 0; x < matrix.width;) {
                if (!matrix.at(x, y)) {
                    ++x;
                    continue;
                }
                int run = 1;
                while (x + run < matrix.width && matrix.at(x + run, y))
                    ++run;
                path.addRect(mm(QRectF(at.x() + x * module, at.y() + y * module, run * module, module)));
                x += run;
            }
        }
    }
    {
        const QRectF area = layout.linearArea().translated(corner);
        const auto [module, left] = linearPlace(linear, area);
        for (int x = 0; x < linear.width;) {
            if (!linear.at(x, 0)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < linear.width && linear.at(x + run, 0))
                ++run;
            path.addRect(mm(QRectF(left + x * module, area.top(), run * module, area.height())));
            x += run;
        }
    }
    p.fillPath(path, Qt::black);

    // The school's name above, the tag below it in bold, each shrunk to fit the width.
    const QRectF text = mm(layout.textArea().translated(corner));
    const auto fitted = [&](const QString &s, double pixels, bool bold) {
        QFont f = labelFont(pixels, bold);
        for (int i = 0; i < 8 && QFontMetricsF(f, p.device()).horizontalAdvance(s) > text.width(); ++i)
            f = labelFont(f.pixelSize() * 0.85, bold);
        return f;
    };
    const QFont schoolFont = fitted(label.school, text.height() * 0.2, false);
    const QFont tagFont = fitted(label.assetTag, text.height() * 0.3, true);
    p.setPen(Qt::black);
    p.setFont(schoolFont);
    const QFontMetricsF schoolMetrics(schoolFont, p.device());
    p.drawText(QRectF(text.left(), text.top(), text.width(), text.height() * 0.45), Qt::AlignLeft | Qt::AlignTop,
               schoolMetrics.elidedText(label.school, Qt::ElideRight, text.width()));
    p.setFont(tagFont);
    p.drawText(QRectF(text.left(), text.top() + text.height() * 0.45, text.width(), text.height() * 0.55),
               Qt::AlignLeft | Qt::AlignVCenter, label.assetTag);
}

} // namespace

std::pair<double, double> LabelPdf::moduleSizes(const LabelLayout &layout, const QString &assetTag)
{
    const Modules matrix = encodeMatrix(assetTag, nullptr);
    const Modules linear = encode(ZXing::BarcodeFormat::Code128, assetTag, nullptr);
    if (matrix.empty() || linear.empty())
        return {0, 0};
    return {matrixPlace(matrix, layout.matrixArea()).first, linearPlace(linear, layout.linearArea()).first};
}

bool LabelPdf::write(QIODevice *device, const LabelLayout &layout, const QList<AssetLabel> &labels, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (labels.isEmpty())
        return fail(QStringLiteral("No asset to print a label for."));
    // Every code first: a tag that cannot be encoded stops the file before anything is written.
    std::vector<std::pair<Modules, Modules>> codes;
    for (const AssetLabel &label : labels) {
        if (label.assetTag.trimmed().isEmpty())
            return fail(QStringLiteral("An asset without an asset tag has no label to print."));
        QString why;
        Modules matrix = encodeMatrix(label.assetTag, &why);
        Modules linear = matrix.empty() ? Modules{} : encode(ZXing::BarcodeFormat::Code128, label.assetTag, &why);
        if (matrix.empty() || linear.empty())
            return fail(why);
        codes.emplace_back(std::move(matrix), std::move(linear));
    }

    QPdfWriter writer(device);
    writer.setResolution(1200);
    writer.setCreator(QStringLiteral("Release Desk"));
    writer.setTitle(QStringLiteral("Asset labels (%1)").arg(layout.name()));
    const QSizeF page = layout.pageSize();
    writer.setPageLayout(QPageLayout(QPageSize(page, QPageSize::Millimeter, layout.id(), QPageSize::ExactMatch),
                                     // Portrait: the size as given (a landscape layout would turn 62 x 29 round)
                                     QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
    QPainter p;
    if (!p.begin(&writer))
        return fail(QStringLiteral("The PDF could not be started."));
    p.setRenderHint(QPainter::Antialiasing, false);
    const Millimetres mm(writer.resolution());
    for (int i = 0; i < int(labels.size()); ++i) {
        if (i > 0 && i % layout.perPage() == 0)
            writer.newPage();
        const QPointF corner = layout.labelRect(i % layout.perPage()).topLeft();
        drawLabel(p, mm, layout, corner, labels[i], codes[std::size_t(i)].first, codes[std::size_t(i)].second);
    }
    if (!p.end())
        return fail(QStringLiteral("The PDF could not be finished."));
    return true;
}

} // namespace rd::mobile
