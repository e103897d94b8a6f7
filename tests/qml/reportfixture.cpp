#include "reportfixture.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/report.h"

#include <QDir>
#include <QFile>
#include <QVariantMap>

using namespace rd;
using namespace rd::mobile;

ReportFixture::ReportFixture(QObject *parent)
    : QObject(parent)
{}

QVariant ReportFixture::counts(AppSession *session, const QString &month) const
{
    const auto m = ReportMonth::parse(utf8(month));
    if (!session || !m)
        return {};
    const auto c = ReportViews(session->store()).counts(m->period(), AppSession::now());
    QVariantMap out;
    for (const auto &info : measures())
        out.insert(qs(info.key), c[info.measure]);
    return out;
}

QVariantList ReportFixture::series(AppSession *session, const QString &month, const QString &key) const
{
    const auto m = ReportMonth::parse(utf8(month));
    const auto measure = measureByKey(utf8(key));
    if (!session || !m || !measure)
        return {};
    QVariantList out;
    for (const auto &p : ReportViews(session->store()).series(*m, AppSession::now()))
        out << p.counts[*measure];
    return out;
}

QStringList ReportFixture::listIds(AppSession *session, const QString &month, const QString &key) const
{
    const auto m = ReportMonth::parse(utf8(month));
    const auto measure = measureByKey(utf8(key));
    if (!session || !m || !measure)
        return {};
    const auto l = ReportViews(session->store()).lists(m->period(), AppSession::now(), measure);
    QStringList out;
    const auto assets = [&](const auto &records) {
        for (const auto &r : records)
            out << qs(r.assetId);
    };
    const auto builds = [&](const std::vector<ReportBuild> &records) {
        for (const auto &r : records)
            out << qs(r.buildId);
    };
    const auto services = [&](const std::vector<ReportService> &records) {
        for (const auto &r : records)
            out << qs(r.serviceId);
    };
    switch (*measure) {
    case Measure::BuildsInstalled:
        assets(l.buildsInstalled);
        break;
    case Measure::BackOuts:
        assets(l.backOuts);
        break;
    case Measure::LateSignOffs:
        assets(l.lateSignOffs);
        break;
    case Measure::FailedLines:
        assets(l.failedLines);
        break;
    case Measure::ScanOverrides:
        assets(l.scanOverrides);
        break;
    case Measure::BuildsCreated:
        builds(l.buildsCreated);
        break;
    case Measure::BuildsDocumented:
        builds(l.buildsDocumented);
        break;
    case Measure::Services:
        services(l.services);
        break;
    case Measure::ServicesToDocument:
        services(l.servicesToDocument);
        break;
    }
    return out;
}

QString ReportFixture::path(const QString &name) const
{
    return QDir(m_dir.path()).filePath(name);
}

QString ReportFixture::head(const QString &path, int bytes) const
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.read(bytes));
}
