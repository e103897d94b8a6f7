// The generated worn labels (bench/wornlabels.cpp, issue 12) through the camera's decoder: the set is
// the same on every run, and the decoder reads clearly more of it than zxing-cpp's ReadBarcodes
// with its default options, every kind of defect included.
#include "barcodedecoder.h"
#include "videoframes.h"
#include "wornlabels.h"
#include "zxingguard.h"

#include <ZXing/ReadBarcode.h>

#include <QCryptographicHash>
#include <QTest>

#include <map>

using namespace rd::mobile;

class WornTest : public QObject {
    Q_OBJECT

private slots:
    void sameSetEveryRun()
    {
        const auto digest = [] {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            for (const auto &w : rd::bench::wornLabels()) {
                hash.addData(w.expected);
                for (int y = 0; y < w.frame.height(); ++y)
                    hash.addData(QByteArrayView(reinterpret_cast<const char *>(w.frame.constScanLine(y)), w.frame.width()));
            }
            return hash.result();
        };
        QCOMPARE(digest(), digest());
        const auto set = rd::bench::wornLabels();
        QCOMPARE(int(set.size()), 32);
        std::map<QString, int> perDefect;
        for (const auto &w : set)
            ++perDefect[w.defect];
        QCOMPARE(int(perDefect.size()), 4);
        for (const auto &[defect, n] : perDefect)
            QCOMPARE(n, 8);
    }

    void readsMoreThanZxing_data()
    {
        // The set scan_bench reports on, and three made the same way from other seeds (held out:
        // what the decoder does for worn print was not chosen on them).
        QTest::addColumn<qulonglong>("seed");
        QTest::newRow("reported") << qulonglong(rd::bench::kWornSeed);
        QTest::newRow("held-out 1") << qulonglong(1);
        QTest::newRow("held-out 2") << qulonglong(2);
        QTest::newRow("held-out 3") << qulonglong(3);
    }

    void readsMoreThanZxing()
    {
        QFETCH(qulonglong, seed);
        BarcodeDecoder::Options unhurried; // what is read must not depend on how busy the machine is
        unhurried.budgetMs = 2000;
        const BarcodeDecoder decoder(unhurried);
        std::map<QString, std::pair<int, int>> byDefect; // ours, zxing's
        int ours = 0, theirs = 0;
        for (const auto &w : rd::bench::wornLabels(8, seed)) {
            const DecodeOutcome outcome = decoder.decode(lumaOf(videoFrameFromImage(w.frame)));
            QVERIFY(!outcome.faulted);
            bool read = false;
            for (const Barcode &b : outcome.barcodes) {
                QVERIFY2(b.text.toUtf8() == w.expected, qPrintable(w.name + QStringLiteral(": misread as ") + b.text));
                read = read || b.text.toUtf8() == w.expected;
            }
            const ZXing::ImageView view(w.frame.constBits(), w.frame.width(), w.frame.height(), ZXing::ImageFormat::Lum,
                                        int(w.frame.bytesPerLine()));
            bool zx = false;
            if (!runGuarded([&] {
                    for (const auto &r : ZXing::ReadBarcodes(view))
                        zx = zx || (r.isValid() && QByteArray::fromStdString(r.text()) == w.expected);
                }))
                zx = false; // Debian's libzxing aborts on some (caught): not read
            ours += read;
            theirs += zx;
            byDefect[w.defect].first += read;
            byDefect[w.defect].second += zx;
        }
        for (const auto &[defect, counts] : byDefect) {
            qInfo("%-9s ours %d of 8, zxing-cpp ReadBarcodes %d", qPrintable(defect), counts.first, counts.second);
            QVERIFY2(counts.first >= 5, qPrintable(defect)); // every defect mostly read
            QVERIFY2(counts.first >= counts.second, qPrintable(defect));
        }
        qInfo("worn labels: ours %d of 32, zxing-cpp ReadBarcodes %d", ours, theirs);
        QVERIFY(ours >= 28); // 31 of the reported set when written; 29 to 31 of the held-out ones
        QVERIFY(ours >= 2 * theirs);
    }
};

QTEST_GUILESS_MAIN(WornTest)
#include "worn_test.moc"
