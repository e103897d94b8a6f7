#include "wornlabels.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <cstdint>

namespace rd::bench {

namespace {

/** A small fixed generator (SplitMix64): std's distributions differ between libraries. */
class Random {
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    {
    }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /** In [lo, hi]. */
    int between(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); }
    double unit() { return double(next() >> 11) / double(1ull << 53); }

private:
    std::uint64_t m_state;
};

/** The clean label: the code's modules @p module pixels each, black on white, with a white border. */
QImage cleanLabel(bool matrix, const std::string &text)
{
    const auto format = matrix ? ZXing::BarcodeFormat::DataMatrix : ZXing::BarcodeFormat::Code128;
    const auto bits = ZXing::MultiFormatWriter(format).setMargin(0).encode(text, 0, matrix ? 0 : 1);
    const int module = matrix ? 6 : 3;
    const int quiet = matrix ? 3 * module : 10 * module;
    const int w = bits.width() * module + 2 * quiet;
    const int h = matrix ? bits.height() * module + 2 * quiet : 80 + 2 * 12;
    QImage out(w, h, QImage::Format_Grayscale8);
    out.fill(255);
    for (int y = 0; y < (matrix ? bits.height() * module : 80); ++y) {
        uchar *row = out.scanLine((matrix ? quiet : 12) + y);
        for (int x = 0; x < bits.width() * module; ++x)
            if (bits.get(x / module, matrix ? y / module : 0))
                row[quiet + x] = 0;
    }
    return out;
}

void boxBlur(QImage &image)
{
    const QImage src = image.copy();
    for (int y = 1; y + 1 < image.height(); ++y) {
        uchar *o = image.scanLine(y);
        for (int x = 1; x + 1 < image.width(); ++x) {
            int sum = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    sum += src.constScanLine(y + dy)[x + dx];
            o[x] = uchar(sum / 9);
        }
    }
}

void noise(QImage &image, Random &rnd, int amplitude)
{
    for (int y = 0; y < image.height(); ++y) {
        uchar *o = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x)
            o[x] = uchar(std::clamp(int(o[x]) + rnd.between(-amplitude, amplitude), 0, 255));
    }
}

void dot(QImage &image, int cx, int cy, int r, uchar v)
{
    for (int y = std::max(0, cy - r); y <= std::min(image.height() - 1, cy + r); ++y)
        for (int x = std::max(0, cx - r); x <= std::min(image.width() - 1, cx + r); ++x)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                image.scanLine(y)[x] = v;
}

/** @p severity in [0, 1]: from a label still easy to read to one at the edge of readable. */
void wear(QImage &label, const QString &defect, double severity, Random &rnd)
{
    const int w = label.width(), h = label.height();
    if (defect == QLatin1String("speckle")) {
        // Dust and specks on the paper, voids in the toner.
        const int specks = int(w * h * (0.002 + 0.006 * severity));
        for (int i = 0; i < specks; ++i) {
            const int x = rnd.between(0, w - 1), y = rnd.between(0, h - 1);
            const bool onDark = label.scanLine(y)[x] < 128;
            dot(label, x, y, rnd.between(0, 2), onDark ? 255 : 0);
        }
    } else if (defect == QLatin1String("dropouts")) {
        // Dead dots of a thermal head: white lines along the feed, across every bar they meet.
        const int lines = 2 + int(3 * severity + rnd.unit());
        for (int i = 0; i < lines; ++i) {
            const int x = rnd.between(w / 10, w - w / 10), width = rnd.between(1, 2);
            for (int y = 0; y < h; ++y)
                for (int dx = 0; dx < width && x + dx < w; ++dx)
                    label.scanLine(y)[x + dx] = 255;
        }
        noise(label, rnd, 6);
    } else if (defect == QLatin1String("faded")) {
        // Faded print on yellowed paper: little contrast, soft edges, grain.
        const int paper = rnd.between(200, 225);
        const int ink = paper - int(90 - 60 * severity) + rnd.between(-5, 5);
        for (int y = 0; y < h; ++y) {
            uchar *o = label.scanLine(y);
            for (int x = 0; x < w; ++x)
                o[x] = uchar(o[x] < 128 ? ink : paper);
        }
        boxBlur(label);
        noise(label, rnd, 4 + int(6 * severity));
    } else { // threshold
        // A 1-bit scan: blurred, grainy, then cut at a level too dark or too light.
        boxBlur(label);
        noise(label, rnd, 20 + int(30 * severity));
        const bool dark = rnd.unit() < 0.5;
        const int level = dark ? 128 + int(60 * severity) : 128 - int(60 * severity);
        for (int y = 0; y < h; ++y) {
            uchar *o = label.scanLine(y);
            for (int x = 0; x < w; ++x)
                o[x] = o[x] < level ? 0 : 255;
        }
    }
}

} // namespace

std::vector<WornLabel> wornLabels(int perDefect, unsigned long long seed)
{
    Random rnd(seed); // fixed: the set is the same on every run
    std::vector<WornLabel> out;
    const QStringList defects = {QStringLiteral("speckle"), QStringLiteral("dropouts"), QStringLiteral("faded"),
                                 QStringLiteral("threshold")};
    for (const QString &defect : defects) {
        for (int i = 0; i < perDefect; ++i) {
            const bool matrix = i % 2 == 1;
            // Asset tags and serials as schools and makers print them.
            const std::string text = i % 4 < 2 ? "HS-" + std::to_string(100000 + rnd.between(0, 899999))
                                               : "5CG" + std::to_string(1000000 + rnd.between(0, 8999999)) + "X";
            QImage label = cleanLabel(matrix, text);
            const double severity = perDefect > 1 ? double(i) / (perDefect - 1) : 0.5;
            wear(label, defect, severity, rnd);
            QImage frame(1280, 720, QImage::Format_Grayscale8);
            frame.fill(225);
            const int x0 = (1280 - label.width()) / 2 + rnd.between(-80, 80);
            const int y0 = (720 - label.height()) / 2 + rnd.between(-60, 60);
            for (int y = 0; y < label.height(); ++y)
                std::copy_n(label.constScanLine(y), label.width(), frame.scanLine(y0 + y) + x0);
            WornLabel l;
            l.name = QStringLiteral("%1/%2-%3").arg(defect).arg(i, 2, 10, QLatin1Char('0'))
                         .arg(matrix ? QStringLiteral("datamatrix") : QStringLiteral("code128"));
            l.defect = defect;
            l.frame = frame;
            l.expected = QByteArray::fromStdString(text);
            out.push_back(std::move(l));
        }
    }
    return out;
}

} // namespace rd::bench
