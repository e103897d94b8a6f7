// The scan flow the scan page drives: paired asset tag and serial, refusals and overrides, a frame
// with several codes, manual entry with the same checks, a scanner on the keyboard, no camera.
#include "camerascanner.h"
#include "keyboardwedge.h"
#include "scancontroller.h"

#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using namespace rd::mobile;

namespace {

DecodeOutcome frameWith(std::initializer_list<std::pair<QString, QString>> codes)
{
    DecodeOutcome o;
    int x = 0;
    for (const auto &[aim, text] : codes) {
        Barcode b;
        b.symbologyIdentifier = aim;
        b.text = text;
        b.format = QStringLiteral("Code 128");
        b.box = QRect(x, 0, 100, 30);
        x += 120;
        o.barcodes.append(b);
    }
    return o;
}

} // namespace

class ControllerTest : public QObject {
    Q_OBJECT

private slots:
    void pairedFlow()
    {
        ScanController c;
        c.setAssetTagPattern(QStringLiteral("RAU-[0-9]{5}"));
        QCOMPARE(c.mode(), ScanController::Paired);
        QCOMPARE(c.expecting(), ScanController::AssetTagField);
        QSignalSpy good(&c, &ScanController::goodRead);
        QSignalSpy done(&c, &ScanController::scanned);

        QVERIFY(c.submit(QStringLiteral("RAU-00042"), QStringLiteral("manual")));
        QCOMPARE(c.assetTag(), QStringLiteral("RAU-00042"));
        QCOMPARE(c.expecting(), ScanController::SerialField);
        QCOMPARE(good.size(), 1);
        QCOMPARE(good.first().at(0).toString(), QStringLiteral("assetTag"));

        QVERIFY(c.submit(QStringLiteral("S/N: 5CG1234ABC")));
        QVERIFY(c.isComplete());
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().at(0).toString(), QStringLiteral("RAU-00042"));
        QCOMPARE(done.first().at(1).toString(), QStringLiteral("5CG1234ABC"));
        QCOMPARE(done.first().at(2).toBool(), false);
        QVERIFY(!c.submit(QStringLiteral("ANOTHER1"))); // nothing more to scan
    }

    void refusalAndOverride()
    {
        ScanController c;
        c.setMode(ScanController::SerialOnly);
        QSignalSpy refused(&c, &ScanController::refused);
        QSignalSpy done(&c, &ScanController::scanned);
        QVERIFY(!c.submit(QStringLiteral("5901234123457")));
        QCOMPARE(refused.size(), 1);
        QVERIFY(c.refusalReason().contains(QStringLiteral("product code")));
        QVERIFY(c.canOverride());
        QCOMPARE(c.refusedValue(), QStringLiteral("5901234123457"));
        QVERIFY(!c.overrideRefusal(QStringLiteral("  "))); // a reason is required
        QCOMPARE(done.size(), 0);
        QVERIFY(c.overrideRefusal(QStringLiteral("numeric serial on this projector")));
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().at(1).toString(), QStringLiteral("5901234123457"));
        QCOMPARE(done.first().at(2).toBool(), true);
        QVERIFY(done.first().at(3).toString().contains(QStringLiteral("numeric serial on this projector")));
        QVERIFY(c.isOverridden());
        QVERIFY(c.refusalReason().isEmpty());
    }

    void emptyScanCannotBeOverridden()
    {
        ScanController c;
        c.setMode(ScanController::SerialOnly);
        QVERIFY(!c.submit(QStringLiteral("S/N:")));
        QVERIFY(!c.canOverride());
        QVERIFY(!c.overrideRefusal(QStringLiteral("because")));
        c.dismissRefusal();
        QVERIFY(c.refusalReason().isEmpty());
        QCOMPARE(c.expecting(), ScanController::SerialField);
    }

    void manualEntryHasTheSameChecks()
    {
        ScanController c;
        c.setMode(ScanController::SerialOnly);
        const auto mac = c.checkText(QStringLiteral("00:1A:2B:3C:4D:5E"));
        QCOMPARE(mac.value(QStringLiteral("accepted")).toBool(), false);
        QVERIFY(mac.value(QStringLiteral("reason")).toString().contains(QStringLiteral("MAC")));
        QCOMPARE(mac.value(QStringLiteral("canOverride")).toBool(), true);
        const auto ok = c.checkText(QStringLiteral("Serial No. C02XK1ABJG5H"));
        QCOMPARE(ok.value(QStringLiteral("accepted")).toBool(), true);
        QCOMPARE(ok.value(QStringLiteral("value")).toString(), QStringLiteral("C02XK1ABJG5H"));
        QCOMPARE(c.expecting(), ScanController::SerialField); // checking changed nothing
    }

    void severalCodesInAFrameArePicked()
    {
        ScanController c;
        c.setMode(ScanController::SerialOnly);
        QSignalSpy done(&c, &ScanController::scanned);
        c.takeFrame(frameWith({{QStringLiteral("]E0"), QStringLiteral("5901234123457")},
                               {QStringLiteral("]C0"), QStringLiteral("S/N: PF2ABCDE")}}));
        QCOMPARE(c.candidates().size(), 2);
        const auto first = c.candidates().at(0).toMap();
        QCOMPARE(first.value(QStringLiteral("accepted")).toBool(), false); // shown as a product code
        QCOMPARE(c.candidates().at(1).toMap().value(QStringLiteral("value")).toString(), QStringLiteral("PF2ABCDE"));
        // While the list is up, new frames do not disturb it.
        c.takeFrame(frameWith({{QString(), QStringLiteral("OTHER123")}}));
        QCOMPARE(c.candidates().size(), 2);
        QVERIFY(!c.pick(5));
        QVERIFY(c.pick(1));
        QCOMPARE(done.size(), 1);
        QCOMPARE(c.serial(), QStringLiteral("PF2ABCDE"));
        QVERIFY(c.candidates().isEmpty());
    }

    void sameLabelInViewIsTakenOnce()
    {
        ScanController c;
        QSignalSpy good(&c, &ScanController::goodRead);
        c.takeFrame(frameWith({{QStringLiteral("]C0"), QStringLiteral("RAU-00042")}}));
        c.takeFrame(frameWith({{QStringLiteral("]C0"), QStringLiteral("RAU-00042")}})); // next frame, same label
        QCOMPARE(good.size(), 1);
        QCOMPARE(c.expecting(), ScanController::SerialField);
        // The asset tag in view again while the serial is wanted is a refusal only once, too.
        c.takeFrame(frameWith({{QStringLiteral("]C0"), QStringLiteral("5CG1234ABC")}}));
        QCOMPARE(c.serial(), QStringLiteral("5CG1234ABC"));
    }

    void keyboardScannerFeedsTheFlow()
    {
        ScanController c;
        c.setMode(ScanController::SerialOnly);
        QWindow window;
        window.show();
        qint64 now = 0;
        c.keyboardWedge().setClock([&now] { return now; });
        c.setKeyTarget(&window);
        QCOMPARE(c.keyTarget(), &window);
        QSignalSpy done(&c, &ScanController::scanned);
        for (const char ch : QByteArray("]C0S/N 7HX2Q3")) {
            now += 5;
            QTest::keyClick(&window, ch);
        }
        now += 5;
        QTest::keyClick(&window, Qt::Key_Return);
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().at(1).toString(), QStringLiteral("7HX2Q3"));
    }

    void noCameraIsSaidInWords()
    {
        if (CameraScanner::cameraPresent())
            QSKIP("this machine has a camera");
        ScanController c;
        QVERIFY(!c.cameraAvailable());
        QSignalSpy changed(&c, &ScanController::cameraChanged);
        c.setCameraActive(true);
        QVERIFY(!c.cameraActive());
        QVERIFY(c.cameraMessage().contains(QStringLiteral("No camera")));
        QVERIFY(!changed.isEmpty());
        QVERIFY(!c.torchAvailable());
        c.setTorchOn(true); // no torch: nothing happens, nothing breaks
        QVERIFY(!c.torchOn());
    }

    void rescanAndReset()
    {
        ScanController c;
        QVERIFY(c.submit(QStringLiteral("TAG-1")));
        QVERIFY(c.submit(QStringLiteral("SERIAL-1")));
        QVERIFY(c.isComplete());
        c.rescan(ScanController::SerialField);
        QCOMPARE(c.expecting(), ScanController::SerialField);
        QCOMPARE(c.assetTag(), QStringLiteral("TAG-1"));
        c.reset();
        QCOMPARE(c.expecting(), ScanController::AssetTagField);
        QVERIFY(c.assetTag().isEmpty());
    }
};

QTEST_MAIN(ControllerTest)
#include "controller_test.moc"
