#include "barcodedecoder.h"

#include "zxingguard.h"

#include <ZXing/ReadBarcode.h>

#include <QElapsedTimer>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace rd::mobile {

namespace {

using ZXing::BarcodeFormat;
using ZXing::BarcodeFormats;
using ZXing::Binarizer;

// The symbologies: what hardware and asset labels carry.
const BarcodeFormats kLinear = BarcodeFormat::Code128 | BarcodeFormat::Code39 | BarcodeFormat::Code93 |
                               BarcodeFormat::EAN13 | BarcodeFormat::EAN8 | BarcodeFormat::UPCA | BarcodeFormat::UPCE;
// Aztec: not named by the issue, but on tickets and some asset labels, and multi-1/#360.png holds one.
const BarcodeFormats kMatrix = BarcodeFormat::QRCode | BarcodeFormat::MicroQRCode | BarcodeFormat::DataMatrix |
                               BarcodeFormat::PDF417 | BarcodeFormat::Aztec;

/** A clean-up of worn print, for the looks after the others found nothing. */
enum class Repair {
    None,
    CloseAcross, ///< white gaps up to 2 pixels wide inside dark filled (a thermal head's dead dots)
    Median,      ///< each pixel the median of its 3x3 neighbourhood (dust, specks, toner voids)
    WideMedian,  ///< the same over 5x5: specks up to 5 pixels across, on codes with modules wider than that
};

/** One way of looking at the frame: scaled, padded with white, cropped, with a binarizer. */
struct Look {
    double scale = 1.0;
    int pad = 0;           ///< white border added around the (cropped) frame, before scaling
    QRect crop;            ///< the part of the frame looked at; null: all of it
    Binarizer binarizer = Binarizer::LocalAverage;
    bool smooth = true;    ///< smooth (area) scaling, else nearest pixel
    bool levels = false;   ///< black and white points moved to the code's own dark and light (leveled())
    Repair repair = Repair::None;
};

/** A look's image and how to map its coordinates back to the frame. */
struct View {
    QImage image; // Grayscale8
    Look look;
    QPoint origin; // top-left of the crop in the frame

    [[nodiscard]] QRect toFrame(const QRect &r) const
    {
        const double s = look.scale;
        return QRect(QPoint(int(std::floor(r.left() / s)) - look.pad, int(std::floor(r.top() / s)) - look.pad),
                     QPoint(int(std::ceil(r.right() / s)) - look.pad, int(std::ceil(r.bottom() / s)) - look.pad))
            .translated(origin);
    }
    [[nodiscard]] QRect fromFrame(const QRect &r) const
    {
        const double s = look.scale;
        const QRect local = r.translated(-origin).translated(look.pad, look.pad);
        return QRect(QPoint(int(std::floor(local.left() * s)), int(std::floor(local.top() * s))),
                     QPoint(int(std::ceil(local.right() * s)), int(std::ceil(local.bottom() * s))));
    }
};

/**
 * @p src (8-bit grey) scaled to @p w x @p h: bilinear when enlarging, the mean of each pixel's
 * footprint when shrinking, the nearest pixel when not @p smooth. QImage::scaled() turns 8-bit grey
 * into 32-bit colour and back for smooth scaling, several times the cost of the looks' zxing calls.
 */
QImage scaleGrey(const QImage &src, int w, int h, bool smooth)
{
    QImage out(w, h, QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    const int sw = src.width(), sh = src.height();
    if (!smooth) {
        std::vector<int> xs(std::size_t(w), 0);
        for (int x = 0; x < w; ++x)
            xs[std::size_t(x)] = std::min(sw - 1, int(qint64(x) * sw / w));
        for (int y = 0; y < h; ++y) {
            const uchar *in = src.constScanLine(std::min(sh - 1, int(qint64(y) * sh / h)));
            uchar *o = out.scanLine(y);
            for (int x = 0; x < w; ++x)
                o[x] = in[xs[std::size_t(x)]];
        }
        return out;
    }
    if (w <= sw && h <= sh) {
        std::vector<int> x0(std::size_t(w) + 1, 0);
        for (int x = 0; x <= w; ++x)
            x0[std::size_t(x)] = int(qint64(x) * sw / w);
        std::vector<int> sums(std::size_t(w), 0);
        for (int y = 0; y < h; ++y) {
            const int ya = int(qint64(y) * sh / h);
            const int yb = std::max(ya + 1, int(qint64(y + 1) * sh / h));
            std::fill(sums.begin(), sums.end(), 0);
            for (int sy = ya; sy < yb; ++sy) {
                const uchar *in = src.constScanLine(sy);
                for (int x = 0; x < w; ++x) {
                    const int xb = std::max(x0[std::size_t(x)] + 1, x0[std::size_t(x) + 1]);
                    for (int sx = x0[std::size_t(x)]; sx < xb; ++sx)
                        sums[std::size_t(x)] += in[sx];
                }
            }
            uchar *o = out.scanLine(y);
            for (int x = 0; x < w; ++x) {
                const int xb = std::max(x0[std::size_t(x)] + 1, x0[std::size_t(x) + 1]);
                const int n = (xb - x0[std::size_t(x)]) * (yb - ya);
                o[x] = uchar((sums[std::size_t(x)] + n / 2) / n);
            }
        }
        return out;
    }
    // Bilinear, in 1/256ths: the centre of each output pixel mapped back into the source.
    const auto axis = [](int from, int to, std::vector<int> &index, std::vector<int> &weight) {
        index.resize(std::size_t(to));
        weight.resize(std::size_t(to));
        for (int i = 0; i < to; ++i) {
            const qint64 pos = std::max<qint64>(0, ((2 * qint64(i) + 1) * from * 128) / to - 128); // 1/256ths
            const int at = std::min(from - 1, int(pos >> 8));
            index[std::size_t(i)] = at;
            weight[std::size_t(i)] = at + 1 < from ? int(pos & 255) : 0;
        }
    };
    std::vector<int> xi, xw, yi, yw;
    axis(sw, w, xi, xw);
    axis(sh, h, yi, yw);
    for (int y = 0; y < h; ++y) {
        const uchar *a = src.constScanLine(yi[std::size_t(y)]);
        const uchar *b = src.constScanLine(std::min(sh - 1, yi[std::size_t(y)] + 1));
        const int wy = yw[std::size_t(y)];
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x) {
            const int i = xi[std::size_t(x)];
            const int j = std::min(sw - 1, i + 1);
            const int wx = xw[std::size_t(x)];
            const int top = a[i] * (256 - wx) + a[j] * wx;
            const int bottom = b[i] * (256 - wx) + b[j] * wx;
            o[x] = uchar((top * (256 - wy) + bottom * wy + (1 << 15)) >> 16);
        }
    }
    return out;
}

/**
 * @p grey with its black point at the mean of its darkest third of grey levels and its white point at
 * the mean of the middle third, the thirds chosen as the three-class Otsu split of its histogram
 * (the darkest and lightest 2% of pixels left out):
 * for a label whose paper is not the brightest thing about it (a grey label on a white case, a
 * glare, a photo of a label pasted on a lighter page), where both binarizers take the paper for
 * dark next to the brighter surround and lose the quiet zone. Null when there are no three classes.
 */
QImage leveled(const QImage &grey)
{
    std::array<double, 257> count{}, sum{};
    {
        std::array<long, 256> hist{};
        for (int y = 0; y < grey.height(); ++y) {
            const uchar *row = grey.constScanLine(y);
            for (int x = 0; x < grey.width(); ++x)
                ++hist[row[x]];
        }
        // The darkest and the lightest 2% are left out of the split: a white edge row, a glint.
        const long total = long(grey.width()) * grey.height();
        long below = 0;
        for (int i = 0; i < 256 && (below += hist[std::size_t(i)]) <= total / 50; ++i)
            hist[std::size_t(i)] = 0;
        long above = 0;
        for (int i = 255; i >= 0 && (above += hist[std::size_t(i)]) <= total / 50; --i)
            hist[std::size_t(i)] = 0;
        for (int i = 0; i < 256; ++i) {
            count[std::size_t(i) + 1] = count[std::size_t(i)] + double(hist[std::size_t(i)]);
            sum[std::size_t(i) + 1] = sum[std::size_t(i)] + double(i) * double(hist[std::size_t(i)]);
        }
    }
    const auto spread = [&](int a, int b) { // between-class term of levels [a, b)
        const double n = count[std::size_t(b)] - count[std::size_t(a)];
        const double s = sum[std::size_t(b)] - sum[std::size_t(a)];
        return n > 0 ? s * s / n : 0.0;
    };
    double best = -1;
    int t1 = 0, t2 = 0;
    for (int a = 1; a < 255; ++a)
        for (int b = a + 1; b < 256; ++b)
            if (const double v = spread(0, a) + spread(a, b) + spread(b, 256); v > best)
                best = v, t1 = a, t2 = b;
    const auto mean = [&](int a, int b) {
        const double n = count[std::size_t(b)] - count[std::size_t(a)];
        return n > 0 ? int((sum[std::size_t(b)] - sum[std::size_t(a)]) / n) : -1;
    };
    const int black = mean(0, t1);
    const int white = mean(t1, t2);
    if (black < 0 || white < black + 16)
        return {};
    std::array<uchar, 256> lut{};
    for (int v = 0; v < 256; ++v)
        lut[std::size_t(v)] = uchar(std::clamp((v - black) * 255 / (white - black), 0, 255));
    QImage out(grey.size(), QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    for (int y = 0; y < grey.height(); ++y) {
        const uchar *in = grey.constScanLine(y);
        uchar *o = out.scanLine(y);
        for (int x = 0; x < grey.width(); ++x)
            o[x] = lut[in[x]];
    }
    return out;
}

/**
 * @p grey closed across (a grey-level dilation of the dark, then an erosion, each over 3 pixels
 * along the row): a white line 1 or 2 pixels wide inside a bar or a module (a thermal printer's
 * dead dot draws one along the whole label) is filled, and bars and spaces 3 pixels or wider keep
 * their width. Narrower spaces close too, hence a look of its own after the others.
 */
QImage closedAcross(const QImage &grey)
{
    const int w = grey.width(), h = grey.height();
    QImage out(w, h, QImage::Format_Grayscale8);
    if (out.isNull() || w < 3)
        return {};
    std::vector<uchar> darker(std::size_t(w), 0);
    for (int y = 0; y < h; ++y) {
        const uchar *in = grey.constScanLine(y);
        for (int x = 0; x < w; ++x)
            darker[std::size_t(x)] = std::min({in[std::max(0, x - 1)], in[x], in[std::min(w - 1, x + 1)]});
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x)
            o[x] = std::max({darker[std::size_t(std::max(0, x - 1))], darker[std::size_t(x)],
                             darker[std::size_t(std::min(w - 1, x + 1))]});
    }
    return out;
}

/**
 * @p grey with each pixel the median of its (2 @p r + 1)-square neighbourhood: specks and voids up
 * to @p r pixels across go; edges stay where they are. A histogram per row, slid along it.
 */
QImage medianOf(const QImage &grey, int r)
{
    const int w = grey.width(), h = grey.height();
    QImage out(w, h, QImage::Format_Grayscale8);
    if (out.isNull())
        return {};
    const int n = (2 * r + 1) * (2 * r + 1);
    std::array<int, 256> hist{};
    const auto at = [&](int x, int y) {
        return grey.constScanLine(std::clamp(y, 0, h - 1))[std::clamp(x, 0, w - 1)];
    };
    for (int y = 0; y < h; ++y) {
        hist.fill(0);
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx)
                ++hist[at(dx, y + dy)];
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x) {
            if (x > 0) {
                for (int dy = -r; dy <= r; ++dy) {
                    --hist[at(x - r - 1, y + dy)];
                    ++hist[at(x + r, y + dy)];
                }
            }
            int seen = 0, v = 0;
            while ((seen += hist[std::size_t(v)]) <= n / 2)
                ++v;
            o[x] = uchar(v);
        }
    }
    return out;
}

View makeView(const QImage &frame, const Look &look)
{
    View v;
    v.look = look;
    QImage part = frame;
    if (!look.crop.isNull()) {
        // The crop shares the frame's pixels (read-only: masking a code copies them first).
        const QRect c = look.crop.intersected(frame.rect());
        part = QImage(frame.constScanLine(c.top()) + c.left(), c.width(), c.height(), frame.bytesPerLine(),
                      QImage::Format_Grayscale8);
        v.origin = c.topLeft();
    }
    if (look.repair != Repair::None) {
        const QImage grey = part.format() == QImage::Format_Grayscale8 ? part : part.convertToFormat(QImage::Format_Grayscale8);
        part = look.repair == Repair::CloseAcross ? closedAcross(grey)
               : medianOf(grey, look.repair == Repair::Median ? 1 : 2);
        if (part.isNull())
            return v;
    }
    if (look.levels) {
        part = leveled(part.format() == QImage::Format_Grayscale8 ? part : part.convertToFormat(QImage::Format_Grayscale8));
        if (part.isNull())
            return v;
    }
    if (look.pad > 0) {
        QImage padded(part.width() + 2 * look.pad, part.height() + 2 * look.pad, QImage::Format_Grayscale8);
        padded.fill(255);
        QPainter p(&padded);
        p.drawImage(look.pad, look.pad, part);
        p.end();
        part = padded;
    }
    if (look.scale != 1.0) {
        const int w = std::max(1, int(std::lround(part.width() * look.scale)));
        const int h = std::max(1, int(std::lround(part.height() * look.scale)));
        const QImage grey = part.format() == QImage::Format_Grayscale8 ? part : part.convertToFormat(QImage::Format_Grayscale8);
        part = scaleGrey(grey, w, h, look.smooth);
    }
    v.image = part.format() == QImage::Format_Grayscale8 ? part : part.convertToFormat(QImage::Format_Grayscale8);
    return v;
}

/**
 * Where in a large frame something barcode-like is: the box around the 16x16 blocks in which many
 * pixels differ strongly from the one 4 pixels on, across or along, as at the edges of bars and
 * modules, with a margin. Null when no block is like that: a wall, a desk, a blurred sweep of the
 * camera, where no look can find a code. Reads one pixel in 16: a tenth of a millisecond at 1280x720.
 */
QRect busyRegion(const QImage &grey)
{
    constexpr int block = 16;
    constexpr int step = 4;      // between samples, and from a sample to the pixels it is compared with
    constexpr int strong = 24;   // grey levels
    constexpr int busyCount = 4; // of the 4x4 samples of a block: one edge across it
    const int w = grey.width();
    const int h = grey.height();
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int by = 0; by + block <= h; by += block) {
        for (int bx = 0; bx + block <= w; bx += block) {
            int count = 0;
            for (int y = by; y < by + block; y += step) {
                const uchar *row = grey.constScanLine(y);
                const uchar *below = grey.constScanLine(std::min(h - 1, y + step));
                for (int x = bx; x < bx + block; x += step) {
                    const int right = row[std::min(w - 1, x + step)];
                    count += std::abs(right - row[x]) >= strong || std::abs(int(below[x]) - row[x]) >= strong;
                }
            }
            if (count >= busyCount) {
                x0 = std::min(x0, bx), y0 = std::min(y0, by);
                x1 = std::max(x1, bx + block - 1), y1 = std::max(y1, by + block - 1);
            }
        }
    }
    if (x1 < 0)
        return {};
    constexpr int margin = 32; // the quiet zone, and a code's edge in a block that was not busy
    return QRect(QPoint(x0, y0), QPoint(x1, y1)).adjusted(-margin, -margin, margin, margin).intersected(grey.rect());
}

/**
 * The looks for a frame of @p size, first to last, at the part @p region of it where something
 * barcode-like is (all of a small frame: a still image is looked at whole).
 */
std::vector<Look> looksFor(QSize size, QRect region)
{
    const QRect crop = region == QRect(QPoint(), size) ? QRect() : region;
    const int longest = std::max(region.width(), region.height());
    std::vector<Look> looks;
    looks.push_back({1.0, 0, crop});
    // Enlarging: all of the region when it is small, else the middle of it (a large frame with
    // something everywhere: the scan page's viewfinder asks the technician to hold the label there).
    const QRect middle(region.x() + region.width() / 4, region.y() + region.height() / 4, region.width() / 2,
                       region.height() / 2);
    const QRect enlarged = longest <= 800 ? crop : middle;
    looks.push_back({1.5, 16, enlarged});
    looks.push_back({2.0, 16, enlarged});
    looks.push_back({1.25, 0, enlarged});
    looks.push_back({1.0, 0, crop, Binarizer::GlobalHistogram});
    if (longest <= 200)
        looks.push_back({3.0, 8, crop, Binarizer::LocalAverage, false});
    if (longest >= 1000)
        looks.push_back({0.5, 0, crop});
    if (longest <= 800) // a label-sized region: a whole busy camera frame has no one paper level
        looks.push_back({1.0, 0, crop, Binarizer::LocalAverage, true, true});
    // Worn print, when nothing else read it: a thermal head's dropouts filled, specks taken out.
    looks.push_back({1.0, 0, crop, Binarizer::LocalAverage, true, false, Repair::CloseAcross});
    looks.push_back({1.0, 0, crop, Binarizer::LocalAverage, true, false, Repair::Median});
    looks.push_back({1.0, 0, crop, Binarizer::LocalAverage, true, false, Repair::WideMedian});
    return looks;
}

QString formatName(BarcodeFormat f)
{
    switch (f) {
    case BarcodeFormat::Code128: return QStringLiteral("Code 128");
    case BarcodeFormat::Code39: return QStringLiteral("Code 39");
    case BarcodeFormat::Code93: return QStringLiteral("Code 93");
    case BarcodeFormat::EAN13: return QStringLiteral("EAN-13");
    case BarcodeFormat::EAN8: return QStringLiteral("EAN-8");
    case BarcodeFormat::UPCA: return QStringLiteral("UPC-A");
    case BarcodeFormat::UPCE: return QStringLiteral("UPC-E");
    case BarcodeFormat::QRCode: return QStringLiteral("QR Code");
    case BarcodeFormat::MicroQRCode: return QStringLiteral("Micro QR Code");
    case BarcodeFormat::DataMatrix: return QStringLiteral("Data Matrix");
    case BarcodeFormat::PDF417: return QStringLiteral("PDF417");
    case BarcodeFormat::Aztec: return QStringLiteral("Aztec");
    default: return QStringLiteral("barcode");
    }
}

QRect boxOf(const ZXing::Position &p)
{
    int x0 = p[0].x, x1 = p[0].x, y0 = p[0].y, y1 = p[0].y;
    for (const auto &pt : p) {
        x0 = std::min(x0, pt.x);
        x1 = std::max(x1, pt.x);
        y0 = std::min(y0, pt.y);
        y1 = std::max(y1, pt.y);
    }
    return QRect(QPoint(x0, y0), QPoint(x1, y1));
}

/** The reads of one look at @p image; false when zxing failed inside. */
bool readOnce(const QImage &image, Binarizer binarizer, std::vector<ZXing::Result> &out)
{
    const ZXing::ImageView view(image.constBits(), image.width(), image.height(), ZXing::ImageFormat::Lum,
                                int(image.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setTryHarder(true).setTryRotate(true).setTryDownscale(false).setBinarizer(binarizer);
    return runGuarded([&] {
        // Matrix codes: ReadBarcodes finds several; comparing matrix reads cannot hit the assertion.
        ZXing::DecodeHints matrix = hints;
        matrix.setFormats(kMatrix);
        for (auto &r : ZXing::ReadBarcodes(view, matrix)) {
            if (r.isValid())
                out.push_back(std::move(r));
        }
        // Linear codes: one at a time, through the path that never compares results. maxNumberOfSymbols
        // must not be 1, which would route ReadBarcode into ReadBarcodes.
        ZXing::DecodeHints linear = hints;
        linear.setFormats(kLinear).setMaxNumberOfSymbols(0xff);
        auto r = ZXing::ReadBarcode(view, linear);
        if (r.isValid())
            out.push_back(std::move(r));
    });
}

/**
 * An upright Data Matrix redrawn on an even grid: its module columns and rows are where its timing
 * pattern (the dotted sides, opposite the solid L) changes from dark to light, however unevenly
 * they are spaced (a label curved round a cable or a battery, a printer with uneven dot pitch: the
 * fifth code of multi-1/multi-dm.png has columns 4 pixels wide at its left and 2 at its right,
 * which zxing's straight sampling grid cannot follow). @p area is one group of dark modules in
 * @p image. Null when it does not look like an upright Data Matrix.
 */
QImage evenGrid(const QImage &image, QRect area)
{
    area = area.intersected(image.rect());
    if (area.width() < 10 || area.height() < 10)
        return {};
    int lo = 255, hi = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        const uchar *row = image.constScanLine(y);
        for (int x = area.left(); x <= area.right(); ++x)
            lo = std::min(lo, int(row[x])), hi = std::max(hi, int(row[x]));
    }
    if (hi - lo < 48)
        return {};
    const int threshold = (lo + hi) / 2;
    const auto dark = [&](int x, int y) { return image.constScanLine(y)[x] < threshold; };
    int x0 = area.right() + 1, x1 = -1, y0 = area.bottom() + 1, y1 = -1;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (dark(x, y))
                x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    if (x1 - x0 < 9 || y1 - y0 < 9)
        return {};
    const auto rowShare = [&](int y) {
        int n = 0;
        for (int x = x0; x <= x1; ++x)
            n += dark(x, y);
        return double(n) / (x1 - x0 + 1);
    };
    const auto columnShare = [&](int x) {
        int n = 0;
        for (int y = y0; y <= y1; ++y)
            n += dark(x, y);
        return double(n) / (y1 - y0 + 1);
    };
    // Specks beside the symbol (a neighbour's edge, noise) are not its edge: a side has many dark pixels.
    while (x1 - x0 >= 9 && columnShare(x0) < 0.15)
        ++x0;
    while (x1 - x0 >= 9 && columnShare(x1) < 0.15)
        --x1;
    while (y1 - y0 >= 9 && rowShare(y0) < 0.15)
        ++y0;
    while (y1 - y0 >= 9 && rowShare(y1) < 0.15)
        --y1;
    // One pixel inside each edge: the L's two sides are solid, the timing sides half dark.
    const double top = rowShare(y0 + 1), bottom = rowShare(y1 - 1);
    const double left = columnShare(x0 + 1), right = columnShare(x1 - 1);
    const bool solidBottom = bottom > top;
    const bool solidLeft = left > right;
    const auto timing = [](double share) { return share >= 0.3 && share <= 0.7; };
    if (std::max(top, bottom) < 0.9 || std::max(left, right) < 0.9 || !timing(std::min(top, bottom)) ||
        !timing(std::min(left, right)))
        return {};
    const int timingRow = solidBottom ? y0 + 1 : y1 - 1;
    const int timingColumn = solidLeft ? x1 - 1 : x0 + 1;
    std::vector<int> columns{x0}, rows{y0};
    for (int x = x0 + 1; x <= x1; ++x)
        if (dark(x, timingRow) != dark(x - 1, timingRow))
            columns.push_back(x);
    columns.push_back(x1 + 1);
    for (int y = y0 + 1; y <= y1; ++y)
        if (dark(timingColumn, y) != dark(timingColumn, y - 1))
            rows.push_back(y);
    rows.push_back(y1 + 1);
    const int nc = int(columns.size()) - 1, nr = int(rows.size()) - 1;
    // Data Matrix sizes are even, from 8 to 144 modules a side.
    if (nc % 2 || nr % 2 || nc < 8 || nr < 8 || nc > 144 || nr > 144)
        return {};
    constexpr int module = 5, quiet = 3 * module;
    QImage out(nc * module + 2 * quiet, nr * module + 2 * quiet, QImage::Format_Grayscale8);
    if (out.isNull())
        return {};
    out.fill(255);
    for (int j = 0; j < nr; ++j) {
        const int sy = (rows[j] + rows[j + 1]) / 2;
        for (int i = 0; i < nc; ++i) {
            if (!dark((columns[i] + columns[i + 1]) / 2, sy))
                continue;
            for (int y = 0; y < module; ++y)
                std::memset(out.scanLine(quiet + j * module + y) + quiet + i * module, 0, module);
        }
    }
    return out;
}

/** The Data Matrix on a grid evenGrid() drew, read as a pure symbol; false when zxing failed inside. */
bool readGrid(const QImage &grid, std::vector<ZXing::Result> &out)
{
    const ZXing::ImageView view(grid.constBits(), grid.width(), grid.height(), ZXing::ImageFormat::Lum,
                                int(grid.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(BarcodeFormat::DataMatrix).setIsPure(true).setTryDownscale(false).setMaxNumberOfSymbols(0xff);
    return runGuarded([&] {
        auto r = ZXing::ReadBarcode(view, hints);
        if (r.isValid())
            out.push_back(std::move(r));
    });
}

Barcode barcodeOf(const ZXing::Result &r)
{
    Barcode b;
    b.text = QString::fromStdString(r.text());
    b.symbologyIdentifier = QString::fromStdString(r.symbologyIdentifier());
    b.format = formatName(r.format());
    return b;
}

/**
 * Reads @p area of @p image as a Data Matrix with uneven modules (evenGrid); its box is @p area.
 * 1: read into @p found, 0: nothing there, -1: zxing failed inside.
 */
int readUneven(const QImage &image, QRect area, Barcode &found)
{
    const QImage grid = evenGrid(image, area);
    if (grid.isNull())
        return 0;
    std::vector<ZXing::Result> reads;
    if (!readGrid(grid, reads))
        return -1;
    if (reads.empty())
        return 0;
    found = barcodeOf(reads.front());
    found.box = area;
    return 1;
}

bool isLinear(const QString &format)
{
    return !(format.contains(QStringLiteral("QR")) || format == QStringLiteral("Data Matrix") ||
             format == QStringLiteral("PDF417") || format == QStringLiteral("Aztec"));
}

/**
 * Whether @p b is a code already in @p a: the same text and format in the same place. zxing gives a
 * linear code's position as the scan line it was read on, so two reads of one linear code on
 * different lines are the same code when their lines overlap across and lie close together.
 * Two labels with the same text in different places are two codes.
 */
bool sameCode(const Barcode &a, const Barcode &b)
{
    if (a.text != b.text || a.format != b.format)
        return false;
    if (!isLinear(a.format))
        return a.box.adjusted(-4, -4, 4, 4).intersects(b.box);
    // Along the code (across the bars) the reads overlap; across it they lie close together.
    const bool across = std::max(a.box.width(), b.box.width()) >= std::max(a.box.height(), b.box.height());
    const auto span = [across](const QRect &r) { return across ? std::pair(r.left(), r.right()) : std::pair(r.top(), r.bottom()); };
    const auto side = [across](const QRect &r) { return across ? std::pair(r.top(), r.bottom()) : std::pair(r.left(), r.right()); };
    const auto [a0, a1] = span(a.box);
    const auto [b0, b1] = span(b.box);
    const auto [s0, s1] = side(a.box);
    const auto [t0, t1] = side(b.box);
    const int overlap = std::min(a1, b1) - std::max(a0, b0);
    const int length = std::max(a1 - a0, b1 - b0);
    const int gap = std::max(s0, t0) - std::min(s1, t1);
    return overlap * 2 >= length && gap <= std::max(20, length / 2);
}

/**
 * The extent of a linear code read on @p line in @p image: the lines beside the read one that look
 * like it, so that masking removes the whole symbol, not one scan line of it. A read of a code
 * turned upright is a vertical line, and its neighbours are columns.
 */
QRect linearExtent(const QImage &image, QRect line)
{
    line = line.intersected(image.rect());
    if (line.isEmpty())
        return line;
    const bool horizontal = line.width() >= line.height();
    const int length = horizontal ? line.width() : line.height();
    const int from = horizontal ? line.left() : line.top();
    const int mid = horizontal ? line.center().y() : line.center().x();
    const int limit = horizontal ? image.height() : image.width();
    auto sample = [&](int across, int along) {
        return horizontal ? int(image.constScanLine(across)[along]) : int(image.constScanLine(along)[across]);
    };
    auto similar = [&](int across) {
        long diff = 0;
        for (int i = from; i < from + length; ++i)
            diff += std::abs(sample(across, i) - sample(mid, i));
        return diff <= long(length) * 48;
    };
    int low = mid;
    while (low > 0 && similar(low - 1))
        --low;
    int high = mid;
    while (high + 1 < limit && similar(high + 1))
        ++high;
    const QRect extent = horizontal ? QRect(from, low, length, high - low + 1) : QRect(low, from, high - low + 1, length);
    return extent.united(line);
}

/**
 * Whether @p box of @p image could hold a matrix code: along a row and down a column, dark and
 * light alternate at least 4 times. A printed word has at most 3 strokes down any column (E, B, 8),
 * a linear code 1; linear codes are found by looking again at the whole view, masked. Spares a
 * zxing call per word printed under a barcode.
 */
bool codeLike(const QImage &image, QRect box, int threshold)
{
    const auto darkRuns = [&](int x, int y, int dx, int dy, int steps) {
        int runs = 0;
        bool inDark = false;
        for (int i = 0; i < steps; ++i, x += dx, y += dy) {
            const bool dark = image.constScanLine(y)[x] < threshold;
            runs += dark && !inDark;
            inDark = dark;
        }
        return runs;
    };
    int across = 0, down = 0;
    for (const int f : {1, 2, 3}) { // a quarter, a half and three quarters across and down
        across = std::max(across, darkRuns(box.left(), box.top() + box.height() * f / 4, 1, 0, box.width()));
        down = std::max(down, darkRuns(box.left() + box.width() * f / 4, box.top(), 0, 1, box.height()));
    }
    return across >= 4 && down >= 4;
}

/**
 * The places in @p image where dark modules lie close together: the connected groups of dark pixels
 * (darker than halfway between the darkest and the lightest) once each is grown by @p reach pixels,
 * so that the modules of one symbol join and two symbols a quiet zone apart do not. Groups too
 * small to hold a code, or spanning nearly the whole image (one group: nothing to separate), are
 * left out; the largest first, at most @p most.
 */
std::vector<QRect> darkGroups(const QImage &image, int reach, std::size_t most)
{
    const int w = image.width();
    const int h = image.height();
    int lo = 255, hi = 0;
    for (int y = 0; y < h; ++y) {
        const uchar *row = image.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            lo = std::min(lo, int(row[x]));
            hi = std::max(hi, int(row[x]));
        }
    }
    if (hi - lo < 48)
        return {};
    const int threshold = (lo + hi) / 2;
    // Dark, grown by reach across then along (a square), one byte a pixel.
    std::vector<uchar> across(std::size_t(w) * h, 0), grown(std::size_t(w) * h, 0);
    for (int y = 0; y < h; ++y) {
        const uchar *row = image.constScanLine(y);
        uchar *out = &across[std::size_t(y) * w];
        int lastDark = -1 - reach;
        for (int x = 0; x < w + reach; ++x) {
            if (x < w && row[x] < threshold)
                lastDark = x;
            const int at = x - reach; // dark if a dark pixel lies within reach on either side
            if (at >= 0 && at < w && x - lastDark <= 2 * reach)
                out[at] = 1;
        }
    }
    for (int x = 0; x < w; ++x) {
        int lastDark = -1 - reach;
        for (int y = 0; y < h + reach; ++y) {
            if (y < h && across[std::size_t(y) * w + x])
                lastDark = y;
            const int at = y - reach;
            if (at >= 0 && at < h && y - lastDark <= 2 * reach)
                grown[std::size_t(at) * w + x] = 1;
        }
    }
    std::vector<std::pair<int, QRect>> groups; // pixel count, box
    std::vector<int> stack;
    for (int start = 0; start < w * h; ++start) {
        if (grown[std::size_t(start)] != 1)
            continue;
        grown[std::size_t(start)] = 2;
        stack.assign(1, start);
        int x0 = w, x1 = -1, y0 = h, y1 = -1, count = 0;
        while (!stack.empty()) {
            const int at = stack.back();
            stack.pop_back();
            const int x = at % w, y = at / w;
            ++count;
            x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
            const auto visit = [&](int n) {
                if (grown[std::size_t(n)] == 1) {
                    grown[std::size_t(n)] = 2;
                    stack.push_back(n);
                }
            };
            if (x > 0) visit(at - 1);
            if (x + 1 < w) visit(at + 1);
            if (y > 0) visit(at - w);
            if (y + 1 < h) visit(at + w);
        }
        const QRect box = QRect(QPoint(x0, y0), QPoint(x1, y1)).adjusted(reach, reach, -reach, -reach);
        if (box.width() >= 12 && box.height() >= 8 && !(box.width() * 10 >= w * 9 && box.height() * 10 >= h * 9) &&
            codeLike(image, box, threshold))
            groups.emplace_back(count, box);
    }
    std::sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<QRect> out;
    for (std::size_t i = 0; i < groups.size() && i < most; ++i)
        out.push_back(groups[i].second);
    return out;
}

/** Paints @p box (view coordinates) white, with a margin, so that the next look misses it. */
void mask(QImage &image, QRect r)
{
    const int margin = std::max(4, std::max(r.width(), r.height()) / 10);
    r.adjust(-margin, -margin, margin, margin);
    QPainter p(&image);
    p.fillRect(r, Qt::white);
}

} // namespace

BarcodeDecoder::BarcodeDecoder()
    : BarcodeDecoder(Options{})
{
}

BarcodeDecoder::BarcodeDecoder(Options options)
    : m_options(options)
{
}

DecodeOutcome BarcodeDecoder::decode(const QImage &image) const
{
    DecodeOutcome out;
    QElapsedTimer clock;
    clock.start();
    if (image.isNull() || image.width() < 1 || image.height() < 1) {
        out.error = QStringLiteral("empty frame");
        return out;
    }
    // zxing keeps sizes in int and strides in int; a frame beyond this is not a camera frame.
    if (image.width() > 16384 || image.height() > 16384) {
        out.error = QStringLiteral("frame too large (%1x%2)").arg(image.width()).arg(image.height());
        return out;
    }
    const QImage grey = image.format() == QImage::Format_Grayscale8 ? image
                                                                     : image.convertToFormat(QImage::Format_Grayscale8);
    if (grey.isNull()) {
        out.error = QStringLiteral("frame could not be converted to grey");
        return out;
    }

    const auto timeLeft = [&] { return clock.elapsed() < m_options.budgetMs; };
    const auto full = [&] { return out.barcodes.size() >= m_options.maxCodes; };

    // A large frame (a camera's) is looked at where something barcode-like is, and not at all when
    // nothing is: the looks cost by the pixel, and zxing scans fewer lines of a taller image.
    QRect region = grey.rect();
    if (std::max(grey.width(), grey.height()) > 800) {
        region = busyRegion(grey);
        if (region.isNull()) {
            out.millis = double(clock.nsecsElapsed()) / 1e6;
            return out;
        }
    }
    for (const Look &look : looksFor(grey.size(), region)) {
        if (out.passes > 0 && !timeLeft())
            break;
        View view = makeView(grey, look);
        if (view.image.isNull())
            continue;
        const QImage unmasked = view.image; // shared: masking copies view.image first
        ++out.passes;

        // Reads the part @p area of the view (all of it when null); adds the new codes and masks
        // every code read. Returns how many were new, or -1 when zxing failed inside.
        const auto collect = [&](QRect area, bool padded) -> int {
            // A part gets a white border: a symbol cut by the part's edge, or at the frame's, has
            // lost its quiet zone.
            constexpr int border = 8;
            QImage part = view.image;
            QPoint offset;
            if (!area.isNull() && !padded) {
                part = view.image.copy(area);
                offset = area.topLeft();
            } else if (!area.isNull()) {
                part = QImage(area.width() + 2 * border, area.height() + 2 * border, QImage::Format_Grayscale8);
                part.fill(255);
                QPainter p(&part);
                p.drawImage(QPoint(border, border), view.image, area);
                p.end();
                offset = area.topLeft() - QPoint(border, border);
            }
            std::vector<ZXing::Result> reads;
            if (!readOnce(part, look.binarizer, reads))
                return -1;
            int added = 0;
            for (const auto &r : reads) {
                Barcode b = barcodeOf(r);
                QRect local = boxOf(r.position()).translated(offset);
                if (isLinear(b.format))
                    local = linearExtent(view.image, local);
                b.box = view.toFrame(local).intersected(grey.rect());
                const bool known = std::any_of(out.barcodes.begin(), out.barcodes.end(),
                                               [&](const Barcode &o) { return sameCode(o, b); });
                mask(view.image, local);
                if (!known && !full()) {
                    out.barcodes.push_back(b);
                    ++added;
                }
            }
            return added;
        };

        // Look, mask what was found, look again: until nothing new, enough codes, or no time.
        int added = collect({}, false);
        while (added > 0 && m_options.findAll && !full() && timeLeft())
            added = collect({}, false);
        if (added < 0) {
            out.faulted = true;
            break;
        }
        const QSize size = view.image.size();
        // zxing's detectors may stop at the first of several like symbols, or see codes so close
        // together as one (the five Data Matrix codes of multi-1/multi-dm.png): look again at each
        // group of dark modules on its own, with a quiet zone, the codes found so far masked.
        if (!out.barcodes.isEmpty() && m_options.findAll && std::max(size.width(), size.height()) <= 1000) {
            for (const QRect &group : darkGroups(view.image, 2, 12)) {
                if (full() || !timeLeft())
                    break;
                const QRect area = group.adjusted(-2, -2, 2, 2).intersected(view.image.rect());
                int found = collect(area, true);
                while (found > 0 && !full() && timeLeft())
                    found = collect(area, true);
                if (found != 0 || full())
                    continue;
                // Nothing there: perhaps a Data Matrix with uneven modules; redrawn on an even grid.
                // Its own pixels as they were: a neighbour's mask may have reached over its edge.
                Barcode b;
                const int uneven = readUneven(unmasked, group, b);
                if (uneven < 0)
                    out.faulted = true;
                if (uneven <= 0)
                    continue;
                b.box = view.toFrame(group).intersected(grey.rect());
                mask(view.image, group);
                if (std::none_of(out.barcodes.begin(), out.barcodes.end(), [&](const Barcode &o) { return sameCode(o, b); }))
                    out.barcodes.push_back(b);
            }
        }
        if (!out.barcodes.isEmpty() || out.faulted)
            break;
    }
    // Last, when no look found anything: each group of dark modules of a region no larger than a
    // still image, as a Data Matrix with uneven modules (datamatrix-1/distorted.png).
    if (out.barcodes.isEmpty() && !out.faulted && std::max(region.width(), region.height()) <= 800 && timeLeft()) {
        const QImage part(grey.constScanLine(region.top()) + region.left(), region.width(), region.height(),
                          grey.bytesPerLine(), QImage::Format_Grayscale8);
        std::vector<QRect> groups = darkGroups(part, 2, 4);
        if (groups.empty())
            groups.push_back(part.rect()); // one group filling it: the symbol alone
        ++out.passes;
        for (const QRect &group : groups) {
            Barcode b;
            const int uneven = readUneven(part, group, b);
            if (uneven < 0) {
                out.faulted = true;
                break;
            }
            if (uneven > 0) {
                b.box = group.translated(region.topLeft());
                out.barcodes.push_back(b);
                break;
            }
        }
    }
    out.millis = double(clock.nsecsElapsed()) / 1e6;
    return out;
}

} // namespace rd::mobile
