#pragma once

#include "labellayout.h"

#include <QList>
#include <QString>

class QIODevice;

namespace rd::mobile {

/** What one asset label says: the asset tag (in both codes and as text) and the school's name. */
struct AssetLabel {
    QString assetTag;
    QString school;
};

/**
 * Asset labels as a PDF, laid out by a LabelLayout: on each label a Data Matrix (a QR code for the
 * few tags whose Data Matrix zxing-cpp 1.4 would make a rectangle) and a Code 128 of the asset tag,
 * with their quiet zones, the school's name and the tag as text. zxing-cpp encodes the
 * codes; each is drawn as its modules, filled rectangles at their size in millimetres (one path, so
 * that no seam shows between touching modules), never a scaled bitmap: crisp at any printer's
 * resolution.
 */
class LabelPdf {
public:
    /**
     * Writes @p labels to @p device (open for writing), as many pages as they take. False, saying
     * why in @p error, when there is nothing to print, a tag cannot be encoded, or the PDF cannot
     * be written; never throws.
     */
    static bool write(QIODevice *device, const LabelLayout &layout, const QList<AssetLabel> &labels,
                      QString *error);

    /**
     * The smallest module of each code on a label for @p assetTag in @p layout, in millimetres:
     * {Data Matrix, Code 128}; {0, 0} when the tag cannot be encoded. For the page's hint (a long tag on a
     * small label gives thin bars) and the test.
     */
    [[nodiscard]] static std::pair<double, double> moduleSizes(const LabelLayout &layout, const QString &assetTag);
};

} // namespace rd::mobile
