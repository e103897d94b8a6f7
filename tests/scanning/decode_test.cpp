// `releasedesk decode IMAGE...`, the real binary in a child process: on the sample sets it reads
// what the image-set test reads (the camera's path, in this process, image by image), and its exit
// status tells a script whether every file held a code, one held none, or one was not a picture.
#include "testdata.h"

#include "barcodedecoder.h"
#include "videoframes.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace rd::mobile;
using rd::test::SampleImage;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runDecode(const QStringList &arguments)
{
    QProcess process;
    process.setProgram(QStringLiteral(RD_RELEASEDESK_BIN));
    process.setArguments(QStringList{QStringLiteral("decode")} + arguments);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // no display is needed: make sure none is used
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start();
    Run run;
    if (!process.waitForFinished(240000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/** The quoted text after "FILE: FORMAT " read back: \\, \" and \xNN undone. */
QByteArray unquote(const QString &quoted)
{
    QByteArray out;
    const QByteArray in = quoted.toUtf8();
    for (qsizetype i = 1; i + 1 < in.size(); ++i) {
        if (in[i] == '\\' && i + 1 < in.size() - 1) {
            if (in[i + 1] == 'x') {
                out.append(char(in.mid(i + 2, 2).toInt(nullptr, 16)));
                i += 3;
            } else {
                out.append(in[i + 1]);
                ++i;
            }
        } else {
            out.append(in[i]);
        }
    }
    return out;
}

/** The texts printed for each file: the lines "FILE: FORMAT "TEXT"". */
std::map<QString, QList<QByteArray>> readsOf(const QString &out, const QStringList &files)
{
    std::map<QString, QList<QByteArray>> reads;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char(' ')))
            continue;
        for (const QString &f : files) {
            if (!line.startsWith(f + QStringLiteral(": ")))
                continue;
            const qsizetype quote = line.indexOf(QLatin1Char('"'), f.size() + 2);
            if (quote > 0)
                reads[f].append(unquote(line.mid(quote)));
        }
    }
    return reads;
}

} // namespace

class DecodeTest : public QObject {
    Q_OBJECT

private slots:
    void sampleSets_data()
    {
        // The image-set test's sets and what the camera's path reads of each (imagesets_test.cpp).
        QTest::addColumn<QString>("set");
        QTest::addColumn<int>("ours");
        QTest::newRow("code128-1") << QStringLiteral("code128-1") << 6;
        QTest::newRow("code128-2") << QStringLiteral("code128-2") << 14;
        QTest::newRow("code39-1") << QStringLiteral("code39-1") << 5;
        QTest::newRow("datamatrix-1") << QStringLiteral("datamatrix-1") << 29;
        QTest::newRow("datamatrix-2") << QStringLiteral("datamatrix-2") << 13;
        QTest::newRow("ean13-1") << QStringLiteral("ean13-1") << 14;
        QTest::newRow("qrcode-1") << QStringLiteral("qrcode-1") << 8;
        QTest::newRow("qrcode-3") << QStringLiteral("qrcode-3") << 16;
    }

    void sampleSets()
    {
        QFETCH(QString, set);
        QFETCH(int, ours);
        const QString dir = rd::test::sampleSetDir(set);
        if (dir.isEmpty())
            QSKIP("sample set not found");
        QStringList files;
        QList<SampleImage> samples;
        for (const SampleImage &s : rd::test::sampleImages(dir)) {
            if (s.hasExpected) {
                files << s.path;
                samples << s;
            }
        }
        const Run run = runDecode(files);
        QVERIFY2(run.exitCode >= 0, "releasedesk decode did not finish");
        const auto reads = readsOf(run.out, files);

        // The camera's path in this process, as imagesets_test decodes (its unhurried budget).
        BarcodeDecoder::Options unhurried;
        unhurried.budgetMs = 2000;
        const BarcodeDecoder decoder(unhurried);
        int read = 0;
        bool anyMissed = false;
        for (const SampleImage &s : samples) {
            const auto it = reads.find(s.path);
            const bool cliRead = it != reads.end() && it->second.contains(s.expected);
            const DecodeOutcome outcome = decoder.decode(lumaOf(videoFrameFromImage(QImage(s.path))));
            bool cameraRead = false;
            for (const Barcode &b : outcome.barcodes)
                cameraRead = cameraRead || b.text.toUtf8() == s.expected;
            QVERIFY2(cliRead == cameraRead,
                     qPrintable(QStringLiteral("%1: the command %2, the camera's path %3")
                                    .arg(s.path, cliRead ? QStringLiteral("reads it") : QStringLiteral("does not"),
                                         cameraRead ? QStringLiteral("reads it") : QStringLiteral("does not"))));
            read += cliRead;
            if (it == reads.end()) {
                anyMissed = true;
                QVERIFY2(run.err.contains(s.path + QStringLiteral(": no code found")), qPrintable(run.err));
            }
        }
        qInfo("%s: releasedesk decode reads %d of %d", qPrintable(set), read, int(samples.size()));
        QVERIFY2(read >= ours, qPrintable(QStringLiteral("%1 read, the image-set test reads %2").arg(read).arg(ours)));
        QCOMPARE(run.exitCode, anyMissed ? 1 : 0);
    }

    void labelRules()
    {
        // What the rules make of a read: an EAN-13 is a product code, never a serial.
        const QString dir = rd::test::sampleSetDir(QStringLiteral("ean13-1"));
        if (dir.isEmpty())
            QSKIP("ean13-1 not found");
        QStringList files;
        for (const SampleImage &s : rd::test::sampleImages(dir))
            files << s.path;
        const Run run = runDecode(files);
        QCOMPARE(run.exitCode, 1); // two of the set are read by no one
        QVERIFY2(run.out.contains(QStringLiteral("    label: AIM ]E0")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("    serial: refused (product-code, may be overridden): ")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("    asset tag: refused (product-code")), qPrintable(run.out));
    }

    void exitStatuses()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        // A picture with no code: an even grey card with a soft gradient.
        QImage blank(320, 200, QImage::Format_Grayscale8);
        for (int y = 0; y < blank.height(); ++y)
            for (int x = 0; x < blank.width(); ++x)
                blank.scanLine(y)[x] = uchar(150 + (x + y) / 8);
        const QString noCode = tmp.filePath(QStringLiteral("blank.png"));
        QVERIFY(blank.save(noCode));
        // A file that is not a picture, though named like one.
        const QString notImage = tmp.filePath(QStringLiteral("notes.png"));
        {
            QFile f(notImage);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Room 12: three desktops to re-image on Tuesday.\n");
        }
        const QString good = rd::test::sampleSetDir(QStringLiteral("code128-1")) + QStringLiteral("/1.png");

        Run run = runDecode({good});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(good + QStringLiteral(": Code 128 \"")));
        QVERIFY(run.err.isEmpty());

        run = runDecode({good, noCode});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(noCode + QStringLiteral(": no code found")), qPrintable(run.err));
        QVERIFY(run.out.contains(good + QStringLiteral(": Code 128")));

        run = runDecode({notImage, good});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(notImage + QStringLiteral(": not read: not a picture")), qPrintable(run.err));

        run = runDecode({noCode, notImage}); // not a picture wins: it is the more likely mistake
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(noCode + QStringLiteral(": no code found")));

        run = runDecode({tmp.filePath(QStringLiteral("missing.png"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("missing.png: not read: no such file")), qPrintable(run.err));

        run = runDecode({});
        QCOMPARE(run.exitCode, 64);
        QVERIFY(run.err.contains(QStringLiteral("no picture given")));

        run = runDecode({QStringLiteral("--no-such-option"), good});
        QCOMPARE(run.exitCode, 64);

        run = runDecode({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("Usage: releasedesk decode")));
        QVERIFY(run.out.contains(QStringLiteral("Exit status:")));
    }
};

QTEST_GUILESS_MAIN(DecodeTest)
#include "decode_test.moc"
