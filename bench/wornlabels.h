#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include <vector>

namespace rd::bench {

/** The seed of the set scan_bench reports on; another (scan_bench --worn-seed S) gives a held-out set. */
inline constexpr unsigned long long kWornSeed = 20261201;

/** One generated worn label on a camera-sized frame, and the text it holds. */
struct WornLabel {
    QString name;    ///< "dropouts/03-code128"
    QString defect;  ///< "speckle", "dropouts", "faded" or "threshold"
    QImage frame;    ///< 1280x720, 8-bit grey: the label in the middle of a light grey desk
    QByteArray expected;
};

/**
 * Asset-tag and serial labels (Code 128 and Data Matrix) with the print defects of labels on
 * school hardware: speckle and dust (dark specks, toner voids), a thermal printer's dead dots
 * (white lines along the feed, across the bars), faded low-contrast print with blur and noise,
 * and 1-bit scans thresholded too dark or too light. @p perDefect labels of each defect, half of
 * each symbology, their severity spread over a range. Made from a fixed seed with its own
 * generator: the same images on every machine and library, and no image chosen or tuned by hand.
 */
[[nodiscard]] std::vector<WornLabel> wornLabels(int perDefect = 8, unsigned long long seed = kWornSeed);

} // namespace rd::bench
