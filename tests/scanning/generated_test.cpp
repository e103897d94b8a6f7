// Labels made with zxing-cpp's writer, then rotated, blurred, noised and washed out as a camera
// would see them, read back through the camera's path with the serial they hold.
#include "framedecoder.h"
#include "videoframes.h"

#include "scan/fieldcheck.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>

#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include <cstring>

using namespace rd::mobile;

namespace {

QImage render(ZXing::BarcodeFormat format, const std::string &text, int width, int height)
{
    const auto matrix = ZXing::MultiFormatWriter(format).setMargin(10).encode(text, width, height);
    QImage img(matrix.width(), matrix.height(), QImage::Format_Grayscale8);
    for (int y = 0; y < matrix.height(); ++y)
        for (int x = 0; x < matrix.width(); ++x)
            img.scanLine(y)[x] = matrix.get(x, y) ? 0 : 255;
    return img;
}

/** The label on a 640x480 grey desk, turned by @p degrees about its centre. */
QImage onDesk(const QImage &label, double degrees)
{
    QImage frame(640, 480, QImage::Format_Grayscale8);
    frame.fill(200);
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(320, 240);
    p.rotate(degrees);
    p.drawImage(-label.width() / 2, -label.height() / 2, label);
    p.end();
    return frame;
}

QImage boxBlur(const QImage &in, int radius)
{
    QImage tmp = in.copy();
    QImage out = in.copy();
    const int w = in.width(), h = in.height();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int sum = 0, n = 0;
            for (int d = -radius; d <= radius; ++d)
                if (x + d >= 0 && x + d < w) {
                    sum += in.constScanLine(y)[x + d];
                    ++n;
                }
            tmp.scanLine(y)[x] = uchar(sum / n);
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int sum = 0, n = 0;
            for (int d = -radius; d <= radius; ++d)
                if (y + d >= 0 && y + d < h) {
                    sum += tmp.constScanLine(y + d)[x];
                    ++n;
                }
            out.scanLine(y)[x] = uchar(sum / n);
        }
    return out;
}

QImage noise(const QImage &in, int amplitude, quint32 seed)
{
    QImage out = in.copy();
    for (int y = 0; y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x) {
            seed = seed * 1664525u + 1013904223u;
            const int v = out.scanLine(y)[x] + int(seed >> 24) % (2 * amplitude + 1) - amplitude;
            out.scanLine(y)[x] = uchar(std::clamp(v, 0, 255));
        }
    return out;
}

/** Black becomes @p dark and white @p light: a faded print in poor light. */
QImage lowContrast(const QImage &in, int dark, int light)
{
    QImage out = in.copy();
    for (int y = 0; y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x)
            out.scanLine(y)[x] = uchar(dark + out.scanLine(y)[x] * (light - dark) / 255);
    return out;
}

} // namespace

class GeneratedTest : public QObject {
    Q_OBJECT

private slots:
    void readsBack_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("label");  // what the barcode holds
        QTest::addColumn<QString>("serial"); // what the serial field must take
        QTest::addColumn<double>("degrees");
        QTest::addColumn<int>("blur");
        QTest::addColumn<int>("noise");
        QTest::addColumn<int>("dark");
        QTest::addColumn<int>("light");
        const int c128 = int(ZXing::BarcodeFormat::Code128);
        const int c39 = int(ZXing::BarcodeFormat::Code39);
        const int dm = int(ZXing::BarcodeFormat::DataMatrix);
        const int qr = int(ZXing::BarcodeFormat::QRCode);
        // clang-format off
        QTest::newRow("code128 plain")      << c128 << "5CG1234ABC" << "5CG1234ABC" << 0.0 << 0 << 0 << 0 << 255;
        QTest::newRow("code128 rotated 8")  << c128 << "5CG1234ABC" << "5CG1234ABC" << 8.0 << 0 << 0 << 0 << 255;
        QTest::newRow("code128 upside down")<< c128 << "S/N: PF2ABCDE" << "PF2ABCDE" << 180.0 << 0 << 0 << 0 << 255;
        QTest::newRow("code128 vertical")   << c128 << "SN 7HX2Q3" << "7HX2Q3" << 90.0 << 0 << 0 << 0 << 255;
        QTest::newRow("code128 blurred")    << c128 << "5CG1234ABC" << "5CG1234ABC" << 0.0 << 1 << 0 << 0 << 255;
        QTest::newRow("code128 noisy")      << c128 << "5CG1234ABC" << "5CG1234ABC" << 3.0 << 0 << 40 << 0 << 255;
        QTest::newRow("code128 faded")      << c128 << "5CG1234ABC" << "5CG1234ABC" << 0.0 << 0 << 0 << 100 << 160;
        QTest::newRow("code128 all of it")  << c128 << "5CG1234ABC" << "5CG1234ABC" << 5.0 << 1 << 15 << 80 << 180;
        QTest::newRow("code39 rotated")     << c39 << "C02XK1ABJG5H" << "C02XK1ABJG5H" << -6.0 << 0 << 0 << 0 << 255;
        QTest::newRow("code39 faded noisy") << c39 << "C02XK1ABJG5H" << "C02XK1ABJG5H" << 0.0 << 0 << 20 << 90 << 170;
        QTest::newRow("datamatrix turned")  << dm << "SN:FOC1234X0AB" << "FOC1234X0AB" << 30.0 << 0 << 0 << 0 << 255;
        QTest::newRow("datamatrix blurred") << dm << "FOC1234X0AB" << "FOC1234X0AB" << 0.0 << 1 << 10 << 0 << 255;
        QTest::newRow("datamatrix faded")   << dm << "FOC1234X0AB" << "FOC1234X0AB" << 12.0 << 0 << 0 << 110 << 170;
        QTest::newRow("qr turned")          << qr << "Serial No. C02XK1ABJG5H" << "C02XK1ABJG5H" << 45.0 << 0 << 0 << 0 << 255;
        QTest::newRow("qr noisy faded")     << qr << "C02XK1ABJG5H" << "C02XK1ABJG5H" << 20.0 << 1 << 25 << 70 << 190;
        // clang-format on
    }

    void readsBack()
    {
        QFETCH(int, format);
        QFETCH(QString, label);
        QFETCH(QString, serial);
        QFETCH(double, degrees);
        QFETCH(int, blur);
        QFETCH(int, noise);
        QFETCH(int, dark);
        QFETCH(int, light);
        const auto fmt = ZXing::BarcodeFormat(format);
        const bool linear = fmt == ZXing::BarcodeFormat::Code128 || fmt == ZXing::BarcodeFormat::Code39;
        QImage frame = onDesk(render(fmt, label.toStdString(), fmt == ZXing::BarcodeFormat::Code39 ? 520 : linear ? 360 : 160, linear ? 90 : 160), degrees);
        if (blur)
            frame = boxBlur(frame, blur);
        if (dark != 0 || light != 255)
            frame = lowContrast(frame, dark, light);
        if (noise)
            frame = ::noise(frame, noise, 7);

        // A budget no loaded test machine runs out of: what is read must not depend on the load.
        BarcodeDecoder::Options options;
        options.budgetMs = 2000;
        FrameDecoder decoder(options);
        QSignalSpy spy(&decoder, &FrameDecoder::decoded);
        QVERIFY(decoder.offer(videoFrameFromImage(frame)));
        QVERIFY(spy.wait(30000));
        const auto outcome = spy.first().at(0).value<DecodeOutcome>();
        QCOMPARE(outcome.barcodes.size(), 1);
        const Barcode &b = outcome.barcodes.front();
        QCOMPARE(b.text, label);
        const auto check = rd::scan::checkSerial(b.scanText().toStdString());
        QVERIFY2(check.isAccepted(), check.reason().c_str());
        QCOMPARE(QString::fromStdString(check.value()), serial);
    }

    void unevenDataMatrix()
    {
        // A Data Matrix whose module columns narrow from 6 pixels at its left to 2 at its right, its
        // rows even: a label curved round a cable, or a printer with uneven dot pitch.
        const auto modules = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::DataMatrix).setMargin(0).encode("FOC1234X0AB", 0, 0);
        const int n = modules.width();
        QVERIFY(n >= 10);
        std::vector<int> left(n + 1, 0); // where each column starts
        for (int i = 0; i < n; ++i)
            left[i + 1] = left[i] + 6 - (4 * i) / (n - 1);
        constexpr int rowHeight = 4, quiet = 16;
        QImage label(left[n] + 2 * quiet, modules.height() * rowHeight + 2 * quiet, QImage::Format_Grayscale8);
        label.fill(255);
        for (int j = 0; j < modules.height(); ++j)
            for (int i = 0; i < n; ++i)
                if (modules.get(i, j))
                    for (int y = 0; y < rowHeight; ++y)
                        std::memset(label.scanLine(quiet + j * rowHeight + y) + quiet + left[i], 0, size_t(left[i + 1] - left[i]));
        const QImage frame = onDesk(label, 0);

        // zxing 1.4 alone samples it on a straight grid and misses it.
        const ZXing::ImageView view(frame.constBits(), frame.width(), frame.height(), ZXing::ImageFormat::Lum,
                                    int(frame.bytesPerLine()));
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::DataMatrix).setTryHarder(true).setTryRotate(true).setTryDownscale(false);
        QVERIFY(!ZXing::ReadBarcode(view, hints).isValid());

        // The decoder redraws it on the grid its timing pattern gives, and reads it, where it is.
        // The look that reads it comes after the others: a budget no loaded test machine runs out
        // of, so that what is tested is the look, not the machine's speed (the app's is 120 ms).
        BarcodeDecoder::Options options;
        options.budgetMs = 2000;
        FrameDecoder decoder(options);
        QSignalSpy spy(&decoder, &FrameDecoder::decoded);
        QVERIFY(decoder.offer(videoFrameFromImage(frame)));
        QVERIFY(spy.wait(30000));
        const auto outcome = spy.first().at(0).value<DecodeOutcome>();
        QCOMPARE(outcome.barcodes.size(), 1);
        QCOMPARE(outcome.barcodes.front().text, QStringLiteral("FOC1234X0AB"));
        QCOMPARE(outcome.barcodes.front().format, QStringLiteral("Data Matrix"));
        const QRect symbol(320 - label.width() / 2 + quiet, 240 - label.height() / 2 + quiet, left[n], modules.height() * rowHeight);
        QVERIFY(outcome.barcodes.front().box.intersects(symbol));
    }

    void greyLabelOnWhite()
    {
        // A grey label whose bars start 2 pixels from its edge, on a white case: next to the
        // brighter case both binarizers take the paper for dark and the bars lose their quiet zone.
        const auto bars = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::Code128).setMargin(0).encode("5CG1234ABC", 300, 80);
        QImage frame(640, 480, QImage::Format_Grayscale8);
        frame.fill(255);
        const QPoint at(170, 200);
        for (int y = -2; y < bars.height() + 2; ++y)
            for (int x = -2; x < bars.width() + 2; ++x) {
                const bool dark = x >= 0 && y >= 0 && x < bars.width() && y < bars.height() && bars.get(x, y);
                frame.scanLine(at.y() + y)[at.x() + x] = dark ? 60 : 165;
            }
        const ZXing::ImageView view(frame.constBits(), frame.width(), frame.height(), ZXing::ImageFormat::Lum,
                                    int(frame.bytesPerLine()));
        for (const auto binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
            ZXing::DecodeHints hints;
            hints.setFormats(ZXing::BarcodeFormat::Code128).setTryHarder(true).setTryRotate(true).setTryDownscale(false)
                .setBinarizer(binarizer).setMaxNumberOfSymbols(0xff);
            QVERIFY(!ZXing::ReadBarcode(view, hints).isValid()); // zxing alone misses it
        }
        // The look that reads it comes after the others: a budget no loaded test machine runs out
        // of, so that what is tested is the look, not the machine's speed (the app's is 120 ms).
        BarcodeDecoder::Options options;
        options.budgetMs = 2000;
        FrameDecoder decoder(options);
        QSignalSpy spy(&decoder, &FrameDecoder::decoded);
        QVERIFY(decoder.offer(videoFrameFromImage(frame)));
        QVERIFY(spy.wait(30000));
        const auto outcome = spy.first().at(0).value<DecodeOutcome>();
        QCOMPARE(outcome.barcodes.size(), 1);
        QCOMPARE(outcome.barcodes.front().text, QStringLiteral("5CG1234ABC"));
    }

    void framesAreDroppedWhileBusy()
    {
        // A camera offers faster than frames are decoded: the extra ones are dropped, not queued.
        FrameDecoder decoder;
        QSignalSpy spy(&decoder, &FrameDecoder::decoded);
        const QVideoFrame frame = videoFrameFromImage(onDesk(render(ZXing::BarcodeFormat::QRCode, "X", 160, 160), 0));
        QVERIFY(decoder.offer(frame));
        QVERIFY(decoder.isBusy());
        int dropped = 0;
        for (int i = 0; i < 10; ++i)
            dropped += decoder.offer(frame) ? 0 : 1;
        // The worker cannot finish before its result reaches this thread's event loop, not run yet.
        QCOMPARE(dropped, 10);
        QCOMPARE(decoder.framesDropped(), 10);
        QVERIFY(spy.wait(30000));
        QCOMPARE(spy.size(), 1);
        QVERIFY(!decoder.isBusy());
        QVERIFY(decoder.offer(frame)); // free again
        QVERIFY(spy.wait(30000));
        QCOMPARE(decoder.framesDecoded(), 2);
    }
};

QTEST_GUILESS_MAIN(GeneratedTest)
#include "generated_test.moc"
