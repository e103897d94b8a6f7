// The monthly report in the app, over the release manager's demo tablet (no server) with a month of
// work added: the Report page's model and the list behind each count, both under
// QAbstractItemModelTester and both equal to the core's report; and the exports opened and read
// back: the CSV field by field (the same file the server writes), the PDF whole (its header, its end,
// its page tree) and its text, page by page, through pdftotext.
#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/qtconvert.h"
#include "app/reportexport.h"
#include "models/reportlistmodel.h"
#include "models/reportmodel.h"

#include "store/report.h"
#include "store/reportformat.h"
#include "store/store.h"
#include "store/views.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace rd;
using namespace rd::mobile;

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << model.data(model.index(i, 0), role).toString();
    return out;
}

/** RFC 4180 read back (CRLF rows; quoted fields may hold commas, quotes and line breaks). */
QList<QStringList> readCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            row << field;
            field.clear();
            rows << row;
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

/** The pages of a PDF as its page tree says: each page object, and the tree's own count. */
struct PdfPages {
    int objects = 0; ///< "/Type /Page" objects
    int count = -1;  ///< the root "/Type /Pages" node's /Count
};

PdfPages pdfPages(const QByteArray &pdf)
{
    PdfPages out;
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![A-Za-z])"));
    static const QRegularExpression count(QStringLiteral("/Type\\s*/Pages\\s*/Kids\\s*\\[[^\\]]*\\]\\s*/Count\\s+(\\d+)"));
    const QString text = QString::fromLatin1(pdf);
    out.objects = static_cast<int>(text.count(page));
    if (const auto m = count.match(text); m.hasMatch())
        out.count = m.captured(1).toInt();
    return out;
}

/** The text of a PDF, page by page, through poppler's pdftotext (poppler-utils, scripts/setup.sh). */
QStringList pdfText(const QString &path)
{
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (pdftotext.isEmpty())
        return {};
    QProcess read;
    read.start(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!read.waitForFinished(30000) || read.exitCode() != 0)
        return {};
    // A form feed ends each page.
    QStringList pages = QString::fromUtf8(read.readAllStandardOutput()).split(QLatin1Char('\f'));
    if (!pages.isEmpty() && pages.last().trimmed().isEmpty())
        pages.removeLast();
    return pages;
}

} // namespace

class ReportTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void theReportModelCountsEachMeasureAndStepsMonths();
    void eachListHoldsTheRecordsBehindItsCount();
    void theCsvIsTheServersCsvReadBackFieldByField();
    void thePdfReadsBackWithEveryCountAndList();
    void aLongListRunsOnOverPagesWithItsHeadings();
    void aSaveThatCannotBeWrittenSaysSoAndLeavesNothing();

private:
    template <typename Model>
    Model *checked()
    {
        auto *model = new Model(this);
        m_owned.push_back(std::unique_ptr<QObject>(model));
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        model->setSession(m_session.get());
        return model;
    }
    /**
     * Last month's work at the school, as syncs from the installers' tablets bring it: two units
     * accepted (one by a user whose name has a comma), one backed out for a reason with quotes, a
     * comma and a line break, one failed line.
     */
    void addLastMonth();
    [[nodiscard]] Report coreReport() { return ReportViews(m_session->store()).monthly(m_month, AppSession::now()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSession> m_session;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::vector<std::unique_ptr<QObject>> m_owned;
    ReportMonth m_month;
    QString m_reason = QStringLiteral("Wrong model, \"Latitude 5440\" delivered;\nsent back to the supplier");
};

void ReportTest::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<AppSession>(m_dir->filePath(QStringLiteral("tablet")));
    QVERIFY2(m_session->ready(), qPrintable(m_session->openError()));
    QString why;
    QVERIFY2(prepareDemoTablet(*m_session, QStringLiteral("morgan"), &why), qPrintable(why));
    m_month = ReportMonth::containing(AppSession::now()).previous();
    addLastMonth();
}

void ReportTest::cleanup()
{
    m_testers.clear();
    m_owned.clear();
    m_session.reset();
    m_dir.reset();
}

void ReportTest::addLastMonth()
{
    auto &store = m_session->store();
    const auto laptops = *store.releaseByNumber("R-2026-047");
    const Id sam = store.userByName("sam")->id;
    const Millis start = m_month.period().from + 2 * kDay;
    std::vector<Id> free;
    {
        auto q = store.database().query("SELECT id FROM assets WHERE site_id = ?1 AND status = 'in-stock' AND "
                                        "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 3");
        q->bind(1, laptops.siteId);
        while (q->step())
            free.push_back(q->id(0));
    }
    QCOMPARE(free.size(), std::size_t(3));
    Store::Batch batch(store);
    const auto accept = [&](const Id &asset, Millis at, const char *signer) {
        const Id inst = store.startInstallation({{}, laptops.id, asset, InstallationStatus::InProgress, sam, at});
        const auto lines = store.checklist(inst);
        store.recordStepResult({{}, inst, lines.front().step.id, StepOutcome::Fail, "Image hash wrong", "", sam, at});
        for (const auto &line : lines)
            store.recordStepResult({{}, inst, line.step.id,
                                    line.step.required ? StepOutcome::Pass : StepOutcome::NotApplicable, "", "", sam,
                                    at + 60000});
        store.signOff({{}, inst, signer, "1,1 2,2", at + 3600000, sam});
    };
    accept(free[0], start, "Mr D. Osei (Geography)");
    accept(free[1], start + kDay, "Okafor, Amara");
    const Id out = store.startInstallation({{}, laptops.id, free[2], InstallationStatus::InProgress, sam, start});
    store.recordBackOut({{}, out, utf8(m_reason), sam, start + 2 * kDay});
    batch.commit();
    m_session->notifyLocalChange();
}

void ReportTest::theReportModelCountsEachMeasureAndStepsMonths()
{
    auto *model = checked<ReportModel>();
    const auto thisMonth = ReportMonth::containing(AppSession::now());
    QCOMPARE(model->month(), qs(thisMonth.toString()));
    QVERIFY(model->latest());
    QCOMPARE(model->rowCount(), int(kMeasureCount));
    QCOMPARE(column(*model, ReportModel::KeyRole).first(), QStringLiteral("builds_installed"));
    QCOMPARE(column(*model, ReportModel::KeyRole).last(), QStringLiteral("late_sign_offs"));

    QSignalSpy monthSpy(model, &ReportModel::monthChanged);
    model->previousMonth();
    QCOMPARE(monthSpy.count(), 1);
    QCOMPARE(model->month(), qs(m_month.toString()));
    QCOMPARE(model->monthName(), qs(m_month.name()));
    QVERIFY(!model->latest());
    const auto counts = ReportViews(m_session->store()).counts(m_month.period(), AppSession::now());
    for (int i = 0; i < model->rowCount(); ++i) {
        const auto &info = measures()[static_cast<std::size_t>(i)];
        QCOMPARE(model->data(model->index(i), ReportModel::TitleRole).toString(), qs(info.title));
        QCOMPARE(model->data(model->index(i), ReportModel::FitsRole).toBool(), info.fits);
        QCOMPARE(model->data(model->index(i), ReportModel::ValueRole).toInt(), counts[info.measure]);
    }
    QVERIFY(model->value(QStringLiteral("builds_installed")) >= 2);
    QVERIFY(model->value(QStringLiteral("back_outs")) >= 1);
    QCOMPARE(model->value(QStringLiteral("nope")), -1);

    // The chart: 12 months of the chosen count, this one last.
    QCOMPARE(model->chartValues().size(), 12);
    QCOMPARE(model->chartLabels().size(), 12);
    QCOMPARE(model->chartValues().last(), model->value(QStringLiteral("builds_installed")));
    QSignalSpy chartSpy(model, &ReportModel::chartChanged);
    model->setChartKey(QStringLiteral("back_outs"));
    QCOMPARE(chartSpy.count(), 1);
    QCOMPARE(model->chartValues().last(), model->value(QStringLiteral("back_outs")));
    QVERIFY(model->chartTitle().startsWith(QStringLiteral("Back-outs, ")));
    model->setChartKey(QStringLiteral("not_a_measure"));
    QCOMPARE(model->chartKey(), QStringLiteral("back_outs"));

    // Not past this month, nor a month that is not one.
    model->nextMonth();
    QCOMPARE(model->month(), qs(thisMonth.toString()));
    model->nextMonth();
    QCOMPARE(model->month(), qs(thisMonth.toString()));
    model->setMonth(QStringLiteral("2026-13"));
    QCOMPARE(model->month(), qs(thisMonth.toString()));
    // A change on the tablet is counted at once.
    model->setMonth(qs(m_month.toString()));
    const int before = model->value(QStringLiteral("scan_overrides"));
    m_session->store().recordScanOverride({{}, m_session->store().findAssetByTag("RAU-00001")->id, std::nullopt,
                                           "serial", "4006381333931", "an EAN-13 product code", "No label",
                                           m_session->userId(), m_month.period().from + kDay});
    m_session->notifyLocalChange();
    QTRY_COMPARE(model->value(QStringLiteral("scan_overrides")), before + 1);
}

void ReportTest::eachListHoldsTheRecordsBehindItsCount()
{
    auto *list = checked<ReportListModel>();
    QCOMPARE(list->rowCount(), 0); // no month and measure yet
    list->setMonth(qs(m_month.toString()));
    const auto report = coreReport();
    for (const auto &info : measures()) {
        list->setMeasure(qs(info.key));
        QCOMPARE(list->title(), qs(info.title));
        QCOMPARE(list->rule(), qs(info.rule));
        QCOMPARE(std::size_t(list->rowCount()), report.lists.size(info.measure));
        QCOMPARE(list->rowCount(), report.counts[info.measure]);
    }
    // The installations in the core's order, each opening its asset.
    list->setMeasure(QStringLiteral("builds_installed"));
    QStringList assets;
    for (const auto &r : report.lists.buildsInstalled)
        assets << qs(r.assetId);
    QCOMPARE(column(*list, ReportListModel::TargetIdRole), assets);
    QVERIFY(column(*list, ReportListModel::OpensRole).count(QStringLiteral("asset")) == assets.size());
    QVERIFY(column(*list, ReportListModel::DetailRole).contains(
        QStringLiteral("Signed off by Okafor, Amara · installed by Sam Okafor")));
    list->setMeasure(QStringLiteral("back_outs"));
    QVERIFY(column(*list, ReportListModel::DetailRole).contains(QStringLiteral("Sam Okafor: ") + m_reason));
    list->setMeasure(QStringLiteral("services_to_document"));
    QVERIFY(column(*list, ReportListModel::TitleRole).contains(QStringLiteral("MIS client")));
    QCOMPARE(column(*list, ReportListModel::OpensRole).count(QStringLiteral("service")), list->rowCount());
    list->setMeasure(QStringLiteral("builds_documented"));
    QCOMPARE(column(*list, ReportListModel::OpensRole).count(QStringLiteral("build")), list->rowCount());
    list->setMeasure(QStringLiteral("failed_lines"));
    QVERIFY(list->rowCount() >= 2);
    QVERIFY(column(*list, ReportListModel::DetailRole).contains(QStringLiteral("Sam Okafor: Image hash wrong")));
}

void ReportTest::theCsvIsTheServersCsvReadBackFieldByField()
{
    ReportExport exporter;
    exporter.setSession(m_session.get());
    exporter.setMonth(qs(m_month.toString()));
    QCOMPARE(exporter.fileName(QStringLiteral("csv")), QStringLiteral("release-report-%1.csv").arg(qs(m_month.toString())));
    const QString path = m_dir->filePath(QStringLiteral("report.csv"));
    const auto answer = exporter.saveCsv(QUrl::fromLocalFile(path));
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    QCOMPARE(answer.value(QStringLiteral("path")).toString(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());

    // The same as the server's `report --format csv` (both reportCsv): all but when it was made.
    auto rows = readCsv(text);
    auto core = readCsv(qs(reportCsv(coreReport())));
    for (auto *r : {&rows, &core})
        r->removeIf([](const QStringList &row) { return row.first() == QStringLiteral("Made"); });
    QCOMPARE(rows, core);

    // Field by field: the school and month, a count, and the reason with its quotes and line break.
    QCOMPARE(rows[1], (QStringList{QStringLiteral("School"), QStringLiteral("Riverside Academy")}));
    QCOMPARE(rows[2], (QStringList{QStringLiteral("Month"), qs(m_month.toString())}));
    const auto backOuts = rows.indexOf(QStringList{QStringLiteral("Back-outs")}, 12);
    QVERIFY(backOuts > 0);
    const QStringList heading = rows[backOuts + 1];
    QCOMPARE(heading.first(), QStringLiteral("Backed out"));
    bool found = false;
    for (auto i = backOuts + 2; i < rows.size() && rows[i] != QStringList{QString()}; ++i)
        found = found || rows[i][heading.indexOf(QStringLiteral("Reason"))] == m_reason;
    QVERIFY(found);
    const auto installed = rows.indexOf(QStringList{QStringLiteral("Builds installed")}, 12);
    QVERIFY(installed > 0);
    const auto signedBy = rows[installed + 1].indexOf(QStringLiteral("Signed off by"));
    QVERIFY(signedBy > 0);
    QStringList signers;
    for (auto i = installed + 2; i < rows.size() && rows[i] != QStringList{QString()}; ++i)
        signers << rows[i][signedBy];
    QVERIFY(signers.contains(QStringLiteral("Okafor, Amara")));
}

void ReportTest::thePdfReadsBackWithEveryCountAndList()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QFAIL("pdftotext is missing: install poppler-utils (scripts/setup.sh does)");
    ReportExport exporter;
    exporter.setSession(m_session.get());
    exporter.setMonth(qs(m_month.toString()));
    const QString path = m_dir->filePath(QStringLiteral("report")); // the suffix is added
    const auto answer = exporter.savePdf(QUrl::fromLocalFile(path));
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    QCOMPARE(answer.value(QStringLiteral("path")).toString(), path + QStringLiteral(".pdf"));
    if (qEnvironmentVariableIsSet("RD_KEEP_PDF"))
        QFile::copy(path + QStringLiteral(".pdf"), qEnvironmentVariable("RD_KEEP_PDF"));

    // A whole PDF: its header, its end, and pages that its page tree counts alike.
    QFile file(path + QStringLiteral(".pdf"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-1."));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    const auto tree = pdfPages(bytes);
    QVERIFY(tree.objects >= 2); // the counts and chart, then the lists
    QCOMPARE(tree.count, tree.objects);

    const QStringList pages = pdfText(file.fileName());
    QCOMPARE(pages.size(), tree.objects);
    for (int i = 0; i < pages.size(); ++i)
        QVERIFY2(pages[i].contains(QStringLiteral("page %1").arg(i + 1)), qPrintable(pages[i].right(200)));
    const QString text = pages.join(QLatin1Char('\n'));
    QVERIFY2(pages.first().contains(QStringLiteral("Release Management report")), qPrintable(text.left(400)));
    QVERIFY(pages.first().contains(QStringLiteral("Riverside Academy")));
    QVERIFY(pages.first().contains(qs(m_month.name())));
    const auto report = coreReport();
    for (const auto &info : measures()) {
        QVERIFY2(text.contains(qs(info.title)), info.title.data());
        // Each list's heading with its count.
        const QString heading = QStringLiteral("%1 (%2)").arg(qs(info.title)).arg(report.counts[info.measure]);
        QVERIFY2(text.contains(heading), qPrintable(heading));
    }
    // The records: every installation's asset tag, the services to document, the reason whole
    // (its cell grows to show all of it).
    for (const auto &r : report.lists.buildsInstalled)
        QVERIFY2(text.contains(qs(r.assetTag)), r.assetTag.c_str());
    for (const auto &s : report.lists.servicesToDocument)
        QVERIFY2(text.contains(qs(s.name)), s.name.c_str());
    QVERIFY(text.contains(QStringLiteral("Okafor, Amara")));
    QVERIFY(text.contains(QStringLiteral("Wrong model")));
    QVERIFY2(text.contains(QStringLiteral("supplier")), qPrintable(text));
}

void ReportTest::aLongListRunsOnOverPagesWithItsHeadings()
{
    // Thirty more units accepted last month: Builds installed fills a page and runs on.
    {
        auto &store = m_session->store();
        const Id sam = store.userByName("sam")->id;
        // Each free asset with an open release at its site.
        std::vector<std::pair<Id, Id>> free;
        auto q = store.database().query(
            "SELECT a.id, MIN(r.id) FROM assets a JOIN releases r ON r.site_id = a.site_id "
            "WHERE a.status = 'in-stock' AND r.kind = 'rollout' AND r.status IN ('planned', 'in-progress') "
            "AND a.id NOT IN (SELECT asset_id FROM installations) GROUP BY a.id ORDER BY a.asset_tag LIMIT 30");
        while (q->step())
            free.emplace_back(q->id(0), q->id(1));
        QCOMPARE(free.size(), std::size_t(30));
        Store::Batch batch(store);
        Millis at = m_month.period().from + 10 * kDay;
        for (const auto &[asset, release] : free) try {
            const Id inst = store.startInstallation({{}, release, asset, InstallationStatus::InProgress, sam, at});
            for (const auto &line : store.checklist(inst))
                store.recordStepResult({{}, inst, line.step.id,
                                        line.step.required ? StepOutcome::Pass : StepOutcome::NotApplicable, "", "",
                                        sam, at + 60000});
            store.signOff({{}, inst, "Ms A. Okafor", "1,1 2,2", at + 120000, sam});
            at += 3600000;
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        batch.commit();
    }
    const auto report = coreReport();
    QCOMPARE(report.counts[Measure::BuildsInstalled], 32);

    ReportExport exporter;
    exporter.setSession(m_session.get());
    exporter.setMonth(qs(m_month.toString()));
    const QString path = m_dir->filePath(QStringLiteral("long.pdf"));
    const auto answer = exporter.savePdf(QUrl::fromLocalFile(path));
    QVERIFY2(answer.value(QStringLiteral("ok")).toBool(), qPrintable(answer.value(QStringLiteral("error")).toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto tree = pdfPages(file.readAll());
    QVERIFY2(tree.objects >= 4, qPrintable(QString::number(tree.objects)));
    QCOMPARE(tree.count, tree.objects);

    const QStringList pages = pdfText(path);
    QCOMPARE(pages.size(), tree.objects);
    // Each page that the list runs on to says so, and has the table's headings again.
    int continued = 0;
    for (const auto &page : pages) {
        if (!page.contains(QStringLiteral("Builds installed, continued")))
            continue;
        ++continued;
        QVERIFY(page.contains(QStringLiteral("Signed off by")));
    }
    QVERIFY(continued >= 1);
    // Every unit is in the list, once.
    const QString text = pages.join(QLatin1Char('\n'));
    const auto from = text.indexOf(QStringLiteral("Builds installed (%1)").arg(report.counts[Measure::BuildsInstalled]));
    const auto to = text.indexOf(QStringLiteral("Builds created ("));
    QVERIFY(from > 0 && to > from);
    const QString list = text.mid(from, to - from);
    for (const auto &r : report.lists.buildsInstalled)
        QVERIFY2(list.count(qs(r.assetTag) + QLatin1Char(' ')) == 1, r.assetTag.c_str());
}

void ReportTest::aSaveThatCannotBeWrittenSaysSoAndLeavesNothing()
{
    ReportExport exporter;
    exporter.setSession(m_session.get());
    exporter.setMonth(qs(m_month.toString()));
    const QString nowhere = m_dir->filePath(QStringLiteral("no/such/folder/report.csv"));
    const auto answer = exporter.saveCsv(QUrl::fromLocalFile(nowhere));
    QVERIFY(!answer.value(QStringLiteral("ok")).toBool());
    QVERIFY2(answer.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("Cannot write ")),
             qPrintable(answer.value(QStringLiteral("error")).toString()));
    QVERIFY(!QFile::exists(nowhere));
    const auto notAFile = exporter.savePdf(QUrl(QStringLiteral("https://example.org/report.pdf")));
    QVERIFY(!notAFile.value(QStringLiteral("ok")).toBool());
    exporter.setMonth(QStringLiteral("November"));
    QVERIFY(!exporter.saveCsv(QUrl::fromLocalFile(m_dir->filePath(QStringLiteral("x.csv")))).value(QStringLiteral("ok")).toBool());
    ReportExport alone;
    QVERIFY(!alone.saveCsv(QUrl::fromLocalFile(m_dir->filePath(QStringLiteral("y.csv")))).value(QStringLiteral("ok")).toBool());
}

QTEST_MAIN(ReportTest) // a QGuiApplication: the PDF is drawn with fonts
#include "report_test.moc"
