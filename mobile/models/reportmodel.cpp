#include "reportmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include <QLocale>

#include <exception>

namespace rd::mobile {

ReportModel::ReportModel(QObject *parent)
    : SessionModel(parent)
    , m_month(ReportMonth::containing(AppSession::now()))
{}

int ReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_loaded ? 0 : static_cast<int>(kMeasureCount);
}

QVariant ReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &info = measures()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return qs(info.title);
    case KeyRole:
        return qs(info.key);
    case RuleRole:
        return qs(info.rule);
    case FitsRole:
        return info.fits;
    case ValueRole:
        return m_counts[info.measure];
    default:
        return {};
    }
}

QHash<int, QByteArray> ReportModel::roleNames() const
{
    return {{KeyRole, "key"}, {TitleRole, "title"}, {RuleRole, "rule"}, {FitsRole, "fits"}, {ValueRole, "value"}};
}

QString ReportModel::month() const
{
    return qs(m_month.toString());
}

void ReportModel::setMonth(const QString &month)
{
    const auto m = ReportMonth::parse(utf8(month));
    if (!m || *m > thisMonth() || *m == m_month)
        return;
    m_month = *m;
    emit monthChanged();
    if (!m_loaded) {
        reload();
        return;
    }
    // The same nine rows with other numbers: changed in place, so that the tiles stay where they are.
    try {
        read();
    } catch (const std::exception &) {
        reload(); // says why, with the rows gone
        return;
    }
    emit dataChanged(index(0), index(rowCount() - 1), {ValueRole});
    emit chartChanged();
}

QString ReportModel::monthName() const
{
    return qs(m_month.name());
}

bool ReportModel::latest() const
{
    return !(m_month < thisMonth());
}

QString ReportModel::chartKey() const
{
    return qs(measureInfo(m_chart).key);
}

void ReportModel::setChartKey(const QString &key)
{
    const auto m = measureByKey(utf8(key));
    if (!m || *m == m_chart)
        return;
    m_chart = *m;
    emit chartChanged();
}

QString ReportModel::chartTitle() const
{
    if (m_series.empty())
        return qs(measureInfo(m_chart).title);
    return tr("%1, %2 to %3")
        .arg(qs(measureInfo(m_chart).title), qs(m_series.front().month.name()), qs(m_series.back().month.name()));
}

QStringList ReportModel::chartLabels() const
{
    QStringList out;
    const QLocale english(QLocale::English);
    for (const auto &p : m_series)
        out << english.monthName(p.month.month, QLocale::ShortFormat);
    return out;
}

QList<int> ReportModel::chartValues() const
{
    QList<int> out;
    for (const auto &p : m_series)
        out << p.counts[m_chart];
    return out;
}

int ReportModel::value(const QString &key) const
{
    const auto m = measureByKey(utf8(key));
    return m ? m_counts[*m] : -1;
}

void ReportModel::previousMonth()
{
    setMonth(qs(m_month.previous().toString()));
}

void ReportModel::nextMonth()
{
    setMonth(qs(m_month.next().toString()));
}

ReportMonth ReportModel::thisMonth() const
{
    return ReportMonth::containing(AppSession::now());
}

void ReportModel::read()
{
    ReportViews views(session()->store());
    const Millis now = AppSession::now();
    m_counts = views.counts(m_month.period(), now);
    m_series = views.series(m_month, now);
    m_school = qs(views.schoolName());
}

void ReportModel::load()
{
    read();
    m_loaded = true;
    emit chartChanged();
}

void ReportModel::clear()
{
    m_loaded = false;
    m_counts = {};
    m_series.clear();
    m_school.clear();
    emit chartChanged();
}

} // namespace rd::mobile
