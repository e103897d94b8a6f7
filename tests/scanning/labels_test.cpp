// Asset labels as PDF (issue 12): each layout rendered, its pages rasterised by pdftoppm at 300 dpi
// as a printer would, every label cut out where the layout says it is, and both its codes decoded
// by the project's own decoder to the label's asset tag.
#include "app/appsession.h"
#include "app/labelexport.h"
#include "barcodedecoder.h"
#include "labels/labellayout.h"
#include "labels/labelpdf.h"

#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rd::mobile;

class LabelsTest : public QObject {
    Q_OBJECT

private slots:
    void geometry()
    {
        for (const LabelLayout &l : LabelLayout::all()) {
            QCOMPARE(LabelLayout::byId(l.id())->kind(), l.kind());
            const QRectF page(QPointF(), l.pageSize());
            for (int i = 0; i < l.perPage(); ++i) {
                const QRectF r = l.labelRect(i);
                QVERIFY2(page.contains(r), qPrintable(l.id()));
                if (i > 0)
                    QVERIFY(!l.labelRect(i - 1).intersects(r.adjusted(0.01, 0.01, -0.01, -0.01)));
            }
            // The parts lie inside the label and apart.
            const QRectF label(QPointF(), l.labelSize());
            QVERIFY(label.contains(l.matrixArea()) && label.contains(l.textArea()) && label.contains(l.linearArea()));
            QVERIFY(!l.matrixArea().intersects(l.linearArea()) && !l.textArea().intersects(l.linearArea()));
            QCOMPARE(l.matrixArea().width(), l.matrixArea().height());
            // Modules a printer at 300 dpi draws well: Code 128 bars of at least 0.25 mm for a
            // nine-character tag, Data Matrix modules of at least 0.5 mm.
            const auto [matrix, linear] = LabelPdf::moduleSizes(l, QStringLiteral("HS-004217"));
            QVERIFY2(linear >= 0.25, qPrintable(QStringLiteral("%1: %2 mm").arg(l.id()).arg(linear)));
            QVERIFY2(matrix >= 0.5, qPrintable(QStringLiteral("%1: %2 mm").arg(l.id()).arg(matrix)));
        }
        QCOMPARE(LabelLayout(LabelLayout::A4Sheet3x8).perPage(), 24);
        QCOMPARE(LabelLayout(LabelLayout::A4Sheet4x10).perPage(), 40);
        QCOMPARE(LabelLayout(LabelLayout::Single62x29).pagesFor(3), 3);
        QVERIFY(!LabelLayout::byId(QStringLiteral("a5-2x2")));
    }

    void everyCodeDecodes_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("count");
        QTest::newRow("a4-3x8") << QStringLiteral("a4-3x8") << 24 + 5; // a full sheet and a few on the next
        QTest::newRow("a4-4x10") << QStringLiteral("a4-4x10") << 40;
        QTest::newRow("62x29") << QStringLiteral("62x29") << 3;
    }

    void everyCodeDecodes()
    {
        QFETCH(QString, layout);
        QFETCH(int, count);
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            QSKIP("pdftoppm (poppler-utils, scripts/setup.sh installs it) not found");
        const LabelLayout l = *LabelLayout::byId(layout);
        QList<AssetLabel> labels;
        for (int i = 0; i < count; ++i) // tags of different lengths and kinds, as schools have them
            labels.append({i % 3 == 2 ? QStringLiteral("HS/ICT/%1").arg(i * 37 + 5) : QStringLiteral("HS-%1").arg(4200 + i * 7, 6, 10, QLatin1Char('0')),
                           QStringLiteral("Hillside Academy")});

        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString pdf = tmp.filePath(QStringLiteral("labels.pdf"));
        {
            QFile out(pdf);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QString error;
            QVERIFY2(LabelPdf::write(&out, l, labels, &error), qPrintable(error));
        }
        constexpr int dpi = 300;
        QProcess raster;
        raster.start(pdftoppm, {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-gray"), QStringLiteral("-png"),
                                pdf, tmp.filePath(QStringLiteral("page"))});
        QVERIFY(raster.waitForFinished(120000));
        QCOMPARE(raster.exitCode(), 0);
        const QStringList pages = QDir(tmp.path()).entryList({QStringLiteral("page-*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(int(pages.size()), l.pagesFor(count));

        BarcodeDecoder::Options unhurried; // what is read must not depend on how busy the machine is
        unhurried.budgetMs = 2000;
        const BarcodeDecoder decoder(unhurried);
        const double px = dpi / 25.4;
        int label = 0, dataMatrices = 0;
        for (const QString &name : pages) {
            const QImage page(tmp.filePath(name));
            QVERIFY(!page.isNull());
            // The page is the layout's size.
            QVERIFY2(std::abs(page.width() - l.pageSize().width() * px) <= 2 &&
                         std::abs(page.height() - l.pageSize().height() * px) <= 2,
                     qPrintable(QStringLiteral("%1: %2x%3 pixels").arg(name).arg(page.width()).arg(page.height())));
            for (int i = 0; i < l.perPage() && label < count; ++i, ++label) {
                const QRectF mm = l.labelRect(i);
                const QRect cell(int(mm.x() * px), int(mm.y() * px), int(mm.width() * px), int(mm.height() * px));
                const DecodeOutcome outcome = decoder.decode(page.copy(cell));
                const QString tag = labels[label].assetTag;
                bool matrix = false, linear = false;
                for (const Barcode &b : outcome.barcodes) {
                    // A Data Matrix, or a QR code where zxing would make the Data Matrix a rectangle.
                    const bool square = b.format == QLatin1String("Data Matrix") || b.format == QLatin1String("QR Code");
                    matrix = matrix || (square && b.text == tag);
                    dataMatrices += b.format == QLatin1String("Data Matrix") && b.text == tag;
                    linear = linear || (b.format == QLatin1String("Code 128") && b.text == tag);
                    QVERIFY2(b.text == tag, qPrintable(QStringLiteral("label %1 read as %2").arg(tag, b.text)));
                }
                if (!matrix || !linear) // for a look at what went wrong
                    page.copy(cell).save(QDir::temp().filePath(QStringLiteral("labels_test-%1-%2.png").arg(layout).arg(label)));
                QVERIFY2(matrix, qPrintable(QStringLiteral("%1, label %2 (%3): no Data Matrix or QR code read").arg(layout).arg(label).arg(tag)));
                QVERIFY2(linear, qPrintable(QStringLiteral("%1, label %2 (%3): no Code 128 read").arg(layout).arg(label).arg(tag)));
            }
        }
        QCOMPARE(label, count);
        QVERIFY2(dataMatrices * 3 >= count * 2, "most tags (HS-004200 ...) get a Data Matrix");
    }

    void printLabelsAction()
    {
        // The Inventory page's Print labels: every asset the search matches, by tag, the school
        // being the asset's site; assets without a tag left out and counted.
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        AppSession session(dir.path());
        QVERIFY2(session.ready(), qPrintable(session.openError()));
        rd::Site site;
        site.name = "Hillside Academy";
        site.code = "HS";
        const rd::Id siteId = session.store().addSite(site);
        for (int i = 0; i < 30; ++i) {
            rd::Asset a;
            if (i % 10 != 9)
                a.assetTag = "HS-" + std::to_string(4300 - i);
            a.serial = "5CG" + std::to_string(1000000 + i);
            a.make = "HP";
            a.model = "ProBook 450";
            a.category = "laptop";
            a.siteId = siteId;
            session.store().addAsset(a);
        }
        LabelExport labels;
        labels.setSession(&session);
        QCOMPARE(labels.layouts().size(), 3);
        labels.setLayoutId(QStringLiteral("nonsense"));
        QCOMPARE(labels.layoutId(), QStringLiteral("a4-3x8"));
        labels.setLayoutId(QStringLiteral("a4-4x10"));
        QCOMPARE(labels.layoutId(), QStringLiteral("a4-4x10"));
        QVERIFY(labels.suggestedFile().toLocalFile().endsWith(QStringLiteral("asset-labels-a4-4x10.pdf")));

        const QVariantMap preview = labels.preview(QString());
        QCOMPARE(preview.value(QStringLiteral("labels")).toInt(), 27);
        QCOMPARE(preview.value(QStringLiteral("skipped")).toInt(), 3);
        QCOMPARE(preview.value(QStringLiteral("pages")).toInt(), 1);
        QCOMPARE(labels.preview(QStringLiteral("HS-429")).value(QStringLiteral("labels")).toInt(), 9); // HS-4290 .. HS-4299 but HS-4291, which has no tag

        const QString path = dir.filePath(QStringLiteral("labels")); // ".pdf" added
        const QVariantMap answer = labels.savePdf(QUrl::fromLocalFile(path), QStringLiteral("HS-42"));
        QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
        QCOMPARE(answer.value(QStringLiteral("path")).toString(), path + QStringLiteral(".pdf"));
        QFile pdf(path + QStringLiteral(".pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QCOMPARE(answer.value(QStringLiteral("labels")).toInt(), 26); // HS-4271 .. HS-4299, the untagged not matched
        QCOMPARE(answer.value(QStringLiteral("skipped")).toInt(), 0);
        // The school's name and the tags as text, where pdftotext can show them.
        if (const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext")); !pdftotext.isEmpty()) {
            QProcess text;
            text.start(pdftotext, {path + QStringLiteral(".pdf"), QStringLiteral("-")});
            QVERIFY(text.waitForFinished(60000));
            const QString words = QString::fromUtf8(text.readAllStandardOutput());
            QVERIFY2(words.contains(QStringLiteral("Hillside Academy")) && words.contains(QStringLiteral("HS-4299")) &&
                         words.contains(QStringLiteral("HS-4272")) && !words.contains(QStringLiteral("HS-4291")),
                     qPrintable(words));
        }

        const QVariantMap none = labels.savePdf(QUrl::fromLocalFile(dir.filePath(QStringLiteral("none.pdf"))),
                                                QStringLiteral("ZZ-"));
        QVERIFY(!none.value(QStringLiteral("ok")).toBool());
        QVERIFY(!none.value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.pdf"))));
    }

    void refusals()
    {
        const LabelLayout l(LabelLayout::A4Sheet3x8);
        QTemporaryDir tmp;
        QFile out(tmp.filePath(QStringLiteral("x.pdf")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY(!LabelPdf::write(&out, l, {}, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!LabelPdf::write(&out, l, {{QStringLiteral(" "), QStringLiteral("Hillside")}}, &error));
        QVERIFY(error.contains(QStringLiteral("without an asset tag")));
        // Code 128 holds Latin-1 at most: a tag it cannot hold is refused, saying which.
        QVERIFY(!LabelPdf::write(&out, l, {{QStringLiteral("HS-日本"), QStringLiteral("Hillside")}}, &error));
        QVERIFY2(error.contains(QStringLiteral("HS-日本")), qPrintable(error));
    }
};

QTEST_MAIN(LabelsTest) // a QGuiApplication: the labels' text needs fonts
#include "labels_test.moc"
