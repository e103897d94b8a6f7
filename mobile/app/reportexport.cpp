#include "reportexport.h"

#include "appsession.h"
#include "qtconvert.h"

#include "store/report.h"
#include "store/reportformat.h"

#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <exception>
#include <functional>

namespace rd::mobile {

namespace {

QVariantMap failure(const QString &why)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

/** A path from what a file dialog or a test gives: a file: URL, or a plain path (a URL without a scheme). */
QString localPath(const QUrl &file)
{
    if (file.isLocalFile())
        return file.toLocalFile();
    return file.scheme().isEmpty() ? file.path() : QString();
}

QString longDay(Millis at)
{
    return QLocale(QLocale::English).toString(localTime(at), QStringLiteral("d MMMM yyyy"));
}

/**
 * The PDF's pages, drawn top to bottom: landscape A4 at 96 dots per inch, so that a list's many
 * columns fit its width; a footer on every page; a table's headings again at the top of a new page.
 */
class PdfPages {
public:
    PdfPages(QPdfWriter &writer, const Report &report)
        : m_writer(writer)
        , m_report(report)
        , m_painter(&writer)
    {
        m_width = writer.width();
        m_height = writer.height();
        footer();
    }

    [[nodiscard]] bool ok() const { return m_painter.isActive(); }
    void end() { m_painter.end(); }

    QFont font(double points, bool bold = false) const
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(points);
        f.setBold(bold);
        // No ligatures: "signed off" stays six letters when the PDF's text is searched or copied.
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }

    /** Room for @p height more, or a new page. */
    void need(double height)
    {
        if (m_y + height <= m_height - kFooter)
            return;
        m_writer.newPage();
        ++m_page;
        m_y = 0;
        footer();
        if (m_onNewPage)
            m_onNewPage();
    }

    /** One line of text across the page, in @p f. */
    void line(const QString &text, const QFont &f, double spaceAfter = 4, const QColor &colour = Qt::black)
    {
        const QFontMetricsF fm(f, &m_writer);
        need(fm.height() + spaceAfter);
        m_painter.setFont(f);
        m_painter.setPen(colour);
        m_painter.drawText(QRectF(0, m_y, m_width, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                           fm.elidedText(text, Qt::ElideRight, m_width));
        m_y += fm.height() + spaceAfter;
    }

    void space(double h) { m_y += h; }

    /** The counts with their rules, FITS's then ITIL's, the numbers in one column. */
    void counts()
    {
        const QFont title = font(10.5), number = font(10.5, true), rule = font(8.5);
        const QFontMetricsF fm(title, &m_writer);
        double titleWidth = 0;
        for (const auto &info : measures())
            titleWidth = std::max(titleWidth, fm.horizontalAdvance(qs(info.title)));
        const double numberX = titleWidth + 16, ruleX = numberX + 56, rowH = fm.height() + 6;
        for (const bool fits : {true, false}) {
            line(fits ? QObject::tr("FITS measurements") : QObject::tr("ITIL measures"), font(12, true), 4);
            for (const auto &info : measures()) {
                if (info.fits != fits)
                    continue;
                need(rowH);
                m_painter.setPen(Qt::black);
                m_painter.setFont(title);
                m_painter.drawText(QRectF(0, m_y, titleWidth, rowH), Qt::AlignLeft | Qt::AlignVCenter, qs(info.title));
                m_painter.setFont(number);
                m_painter.drawText(QRectF(numberX, m_y, 40, rowH), Qt::AlignRight | Qt::AlignVCenter,
                                   QString::number(m_report.counts[info.measure]));
                m_painter.setFont(rule);
                m_painter.setPen(QColor(90, 90, 90));
                const QFontMetricsF rm(rule, &m_writer);
                m_painter.drawText(QRectF(ruleX, m_y, m_width - ruleX, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                                   rm.elidedText(qs(info.rule), Qt::ElideRight, m_width - ruleX));
                m_painter.setPen(QColor(220, 220, 220));
                m_painter.drawLine(QPointF(0, m_y + rowH), QPointF(m_width, m_y + rowH));
                m_y += rowH;
            }
            space(12);
        }
    }

    /** The 12 months of one measure as bars, the report's month darker. */
    void chart(Measure m)
    {
        if (m_report.series.empty())
            return;
        const double h = 150;
        line(QObject::tr("%1, the 12 months to %2")
                 .arg(qs(measureInfo(m).title), qs(m_report.series.back().month.name())),
             font(12, true), 6);
        need(h + 30);
        int top = 1;
        for (const auto &p : m_report.series)
            top = std::max(top, p.counts[m]);
        const double slot = std::min(60.0, m_width / static_cast<double>(m_report.series.size()));
        const QFont small = font(8);
        const QFontMetricsF fm(small, &m_writer);
        m_painter.setFont(small);
        const QLocale english(QLocale::English);
        for (std::size_t i = 0; i < m_report.series.size(); ++i) {
            const auto &p = m_report.series[i];
            const int v = p.counts[m];
            const double barH = (h - fm.height()) * v / top;
            const double x = static_cast<double>(i) * slot;
            const bool last = i + 1 == m_report.series.size();
            m_painter.fillRect(QRectF(x + 6, m_y + h - barH, slot - 12, barH),
                               last ? QColor(40, 53, 147) : QColor(159, 168, 218));
            m_painter.setPen(Qt::black);
            m_painter.drawText(QRectF(x, m_y + h - barH - fm.height(), slot, fm.height()), Qt::AlignCenter,
                               QString::number(v));
            m_painter.drawText(QRectF(x, m_y + h + 2, slot, fm.height()), Qt::AlignCenter,
                               english.monthName(p.month.month, QLocale::ShortFormat));
        }
        m_painter.setPen(QColor(160, 160, 160));
        m_painter.drawLine(QPointF(0, m_y + h), QPointF(slot * static_cast<double>(m_report.series.size()), m_y + h));
        m_y += h + fm.height() + 16;
    }

    /** A list: its title and rule, then its table (headings again on each new page), or "None". */
    void list(const MeasureInfo &info)
    {
        const auto table = reportTable(m_report, info.measure);
        std::vector<std::size_t> cols;
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (!table.columns[i].id)
                cols.push_back(i);
        const QFont cell = font(7.5), heading = font(7.5, true);
        const QFontMetricsF fm(cell, &m_writer), hm(heading, &m_writer);
        const double rowH = fm.height() + 4;
        need(hm.height() * 4 + rowH * std::min<std::size_t>(3, table.rows.size() + 1)); // no title alone at a page's foot
        space(8);
        line(QObject::tr("%1 (%2)").arg(qs(info.title)).arg(table.rows.size()), font(12, true), 2);
        line(qs(info.rule), font(8.5), 6, QColor(90, 90, 90));
        if (table.rows.empty()) {
            line(QObject::tr("None."), font(9), 4);
            return;
        }
        // Each column as wide as its widest cell (a long one at most a quarter of the page); if they
        // do not fit, the wide ones (names, reasons) give up room and wrap, and the narrow ones (tags,
        // dates, versions) stay on one line.
        std::vector<double> widths;
        for (const auto i : cols) {
            double w = hm.horizontalAdvance(qs(table.columns[i].title));
            for (const auto &r : table.rows)
                w = std::max(w, fm.horizontalAdvance(qs(r[i])));
            widths.push_back(std::min(w, m_width / 4) + 10);
        }
        constexpr double kNarrow = 110;
        double total = 0, narrow = 0;
        for (const double w : widths) {
            total += w;
            narrow += w <= kNarrow ? w : 0;
        }
        if (total > m_width) {
            const bool keepNarrow = narrow < m_width * 0.85;
            const double room = keepNarrow ? m_width - narrow : m_width;
            const double shared = keepNarrow ? total - narrow : total;
            for (auto &w : widths)
                if (!keepNarrow || w > kNarrow)
                    w *= room / shared;
        }
        const auto headings = [&] {
            m_painter.setFont(heading);
            m_painter.setPen(Qt::black);
            double x = 0;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                m_painter.drawText(QRectF(x, m_y, widths[c] - 6, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                                   hm.elidedText(qs(table.columns[cols[c]].title), Qt::ElideRight, widths[c] - 6));
                x += widths[c];
            }
            m_painter.setPen(QColor(120, 120, 120));
            m_painter.drawLine(QPointF(0, m_y + rowH), QPointF(m_width, m_y + rowH));
            m_y += rowH + 1;
        };
        m_onNewPage = [&] {
            line(QObject::tr("%1, continued").arg(qs(info.title)), font(9, true), 2);
            headings();
        };
        headings();
        // A row grows to show all of its cells' words (a back-out's reason, a note): a report handed
        // on paper has nothing to click for the rest. Only a row taller than a page is cut.
        const double maxH = m_height - kFooter - hm.height() * 2 - rowH * 2;
        for (const auto &r : table.rows) {
            std::vector<QString> texts;
            double h = rowH;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                QString text = qs(r[cols[c]]);
                text.replace(QLatin1Char('\n'), QLatin1Char(' '));
                const double w = widths[c] - 6;
                if (fm.horizontalAdvance(text) > w) {
                    const auto wrapped = fm.boundingRect(QRectF(0, 0, w, maxH), Qt::TextWordWrap, text);
                    h = std::max(h, std::min(maxH, wrapped.height() + 4));
                }
                texts.push_back(std::move(text));
            }
            need(h);
            m_painter.setFont(cell);
            m_painter.setPen(Qt::black);
            double x = 0;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                const QRectF box(x, m_y + 2, widths[c] - 6, h - 4);
                m_painter.save();
                m_painter.setClipRect(box);
                m_painter.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, texts[c]);
                m_painter.restore();
                x += widths[c];
            }
            m_painter.setPen(QColor(235, 235, 235));
            m_painter.drawLine(QPointF(0, m_y + h), QPointF(m_width, m_y + h));
            m_y += h;
        }
        m_onNewPage = nullptr;
    }

private:
    static constexpr double kFooter = 28;

    void footer()
    {
        const QFont f = font(7.5);
        const QFontMetricsF fm(f, &m_writer);
        m_painter.setFont(f);
        m_painter.setPen(QColor(110, 110, 110));
        const QString left = QObject::tr("Release Desk · Release Management report · %1 · %2")
                                 .arg(qs(m_report.school), qs(reportPeriodWords(m_report)));
        m_painter.drawText(QRectF(0, m_height - fm.height(), m_width * 0.8, fm.height()), Qt::AlignLeft,
                           fm.elidedText(left, Qt::ElideRight, m_width * 0.8));
        m_painter.drawText(QRectF(m_width * 0.8, m_height - fm.height(), m_width * 0.2, fm.height()), Qt::AlignRight,
                           QObject::tr("page %1").arg(m_page));
    }

    QPdfWriter &m_writer;
    const Report &m_report;
    QPainter m_painter;
    double m_width = 0;
    double m_height = 0;
    double m_y = 0;
    int m_page = 1;
    std::function<void()> m_onNewPage;
};

} // namespace

ReportExport::ReportExport(QObject *parent)
    : QObject(parent)
    , m_month(qs(ReportMonth::containing(AppSession::now()).toString()))
{}

void ReportExport::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

void ReportExport::setMonth(const QString &month)
{
    if (m_month == month)
        return;
    m_month = month;
    emit monthChanged();
}

QUrl ReportExport::folder() const
{
    const auto docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QUrl::fromLocalFile(docs.isEmpty() ? QDir::homePath() : docs);
}

QString ReportExport::fileName(const QString &suffix) const
{
    return QStringLiteral("release-report-%1.%2").arg(m_month, suffix);
}

QUrl ReportExport::suggestedFile(const QString &suffix) const
{
    return QUrl::fromLocalFile(QDir(folder().toLocalFile()).filePath(fileName(suffix)));
}

template <typename Write>
QVariantMap ReportExport::save(const QUrl &file, const QString &suffix, Write &&write)
{
    if (!m_session || !m_session->ready())
        return failure(tr("There is no data on this computer to make the report from."));
    const auto month = ReportMonth::parse(utf8(m_month));
    if (!month)
        return failure(tr("'%1' is not a month.").arg(m_month));
    QString path = localPath(file);
    if (path.isEmpty())
        return failure(tr("Choose a file on this computer to save the report in."));
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    try {
        const auto report = ReportViews(m_session->store()).monthly(*month, AppSession::now());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return failure(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
        QString why;
        if (!write(report, out, why)) {
            out.cancelWriting();
            return failure(why.isEmpty() ? tr("Cannot write %1").arg(QDir::toNativeSeparators(path)) : why);
        }
        if (!out.commit())
            return failure(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    } catch (const std::exception &e) {
        return failure(tr("The report cannot be made from this computer's data: %1").arg(QString::fromUtf8(e.what())));
    }
    return {{QStringLiteral("ok"), true}, {QStringLiteral("path"), path}};
}

QVariantMap ReportExport::saveCsv(const QUrl &file)
{
    return save(file, QStringLiteral("csv"), [](const Report &report, QSaveFile &out, QString &) {
        const auto csv = reportCsv(report);
        return out.write(csv.data(), static_cast<qint64>(csv.size())) == static_cast<qint64>(csv.size());
    });
}

QVariantMap ReportExport::savePdf(const QUrl &file)
{
    return save(file, QStringLiteral("pdf"),
                [](const Report &report, QSaveFile &out, QString &why) { return writePdf(report, &out, &why); });
}

bool ReportExport::writePdf(const Report &report, QIODevice *device, QString *error)
{
    QPdfWriter writer(device);
    writer.setCreator(QStringLiteral("Release Desk"));
    writer.setTitle(tr("Release Management report, %1, %2").arg(qs(report.school), qs(reportPeriodWords(report))));
    writer.setResolution(96);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(14, 12, 14, 12),
                                     QPageLayout::Millimeter));
    PdfPages pages(writer, report);
    if (!pages.ok()) {
        if (error)
            *error = tr("The PDF could not be started.");
        return false;
    }
    pages.line(tr("Release Management report"), pages.font(20, true), 2);
    pages.line(report.school.empty() ? qs(reportPeriodWords(report))
                                     : tr("%1 · %2").arg(qs(report.school), qs(reportPeriodWords(report))),
               pages.font(14), 4);
    pages.line(tr("From %1 to %2 · made %3 %4")
                   .arg(longDay(report.period.from), longDay(report.period.to - 1), longDay(report.asOf),
                        localTime(report.asOf).toString(QStringLiteral("HH:mm"))),
               pages.font(9), 14, QColor(90, 90, 90));
    pages.counts();
    pages.chart(Measure::BuildsInstalled);
    for (const auto &info : measures())
        pages.list(info);
    pages.end();
    return true;
}

} // namespace rd::mobile
