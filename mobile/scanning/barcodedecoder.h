#pragma once

#include <QImage>
#include <QList>
#include <QRect>
#include <QString>

namespace rd::mobile {

/** One barcode found in a frame. */
struct Barcode {
    QString text;                ///< the data; GS1 separators (0x1D) kept
    QString symbologyIdentifier; ///< the AIM identifier, "]C1", "]d2", "]E0" ...
    QString format;              ///< "Code 128", "Data Matrix" ...
    QRect box;                   ///< where it is, in frame pixels

    /** What the core's label reader takes: the AIM identifier and the data, as a scanner sends them. */
    [[nodiscard]] QString scanText() const { return symbologyIdentifier + text; }
};

/** What decoding one frame gave. */
struct DecodeOutcome {
    QList<Barcode> barcodes; ///< every code found, in the order found; empty when none
    int passes = 0;          ///< how many attempts (views of the frame) were made
    double millis = 0;       ///< decoding time
    bool faulted = false;    ///< zxing failed inside a call (caught); the frame was given up
    QString error;           ///< why the frame could not be decoded at all ("empty frame")
};

/**
 * Finds the barcodes in one image with zxing-cpp, safely and more thoroughly than a single call.
 *
 * Safety: Debian's libzxing 1.4 aborts the process (an assertion in Result::operator==) when its
 * ReadBarcodes compares two reads of a linear code; with default options it does so on
 * code128-1/4.png, because its downscaled second look finds the same Code 128 again. So linear
 * codes are read only through ReadBarcode with maxNumberOfSymbols != 1, which never compares
 * results, and ReadBarcodes is only asked for matrix codes (QR, Data Matrix, PDF417, Aztec), whose
 * comparison is a position test without that assertion; zxing's own downscaling is off and the
 * scales are made here. Every call still runs under runGuarded (zxingguard.h) and inside try/catch.
 *
 * Strategy: a large frame (a camera's, longer than 800 pixels) is first scanned for where something
 * barcode-like is (blocks with strong edges); the looks are made there, and not at all when nothing
 * is. A first look at that region as it is, like ZXingReader -noscale; when it finds nothing,
 * further looks until one finds something or the time budget is spent: enlarged 1.5x and 2x with
 * a white quiet zone added (small or distant codes, codes touching the edge), 1.25x, the global
 * histogram binarizer (uneven light), 3x for tiny images, half size for large frames, and last the
 * black and white points moved to the code's own dark and paper (a grey label on a white case), then
 * for worn print: the region closed across (white gaps of 1-2 pixels inside dark filled, a thermal
 * head's dead dots) and the region median-filtered 3x3, then 5x5 (dust, specks, toner voids). Several
 * codes: each code found is masked out and the same look repeated, until no new code appears; then
 * each group of dark modules that could hold a matrix code is looked at on its own (ZXing 1.4 alone
 * finds one Data Matrix of five in multi-1/multi-dm.png). An upright Data Matrix with unevenly
 * spaced modules (a curved label) is redrawn on the grid its timing pattern gives and read as a
 * pure symbol.
 *
 * Thread-safe: decode() keeps no state between calls.
 */
class BarcodeDecoder {
public:
    struct Options {
        int budgetMs = 120; ///< no new look starts after this much time; a look under way finishes
        int maxCodes = 8;   ///< stop looking for more codes in one frame after this many
        bool findAll = true; ///< mask and look again for more codes; false: the first code is enough
    };

    BarcodeDecoder();
    explicit BarcodeDecoder(Options options);

    /** Decodes @p image (any format; converted to 8-bit grey). Never throws, never aborts. */
    [[nodiscard]] DecodeOutcome decode(const QImage &image) const;

    [[nodiscard]] const Options &options() const noexcept { return m_options; }

private:
    Options m_options;
};

} // namespace rd::mobile
