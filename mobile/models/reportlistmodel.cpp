#include "reportlistmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include <QLocale>

namespace rd::mobile {

namespace {

constexpr Millis kDayMs = 24LL * 60 * 60 * 1000;

QString when(Millis at)
{
    return QLocale(QLocale::English).toString(localTime(at), QStringLiteral("d MMM HH:mm"));
}

QString day(Millis at)
{
    return QLocale(QLocale::English).toString(localTime(at), QStringLiteral("d MMM yyyy"));
}

/** "RAU-00153 · 08T9K02", or whichever of the two the asset has. */
QString assetWords(const std::string &tag, const std::string &serial)
{
    QStringList parts;
    if (!tag.empty())
        parts << qs(tag);
    if (!serial.empty())
        parts << qs(serial);
    return parts.isEmpty() ? ReportListModel::tr("An asset") : parts.join(QStringLiteral(" · "));
}

QString joined(const QStringList &parts)
{
    QStringList kept;
    for (const auto &p : parts)
        if (!p.isEmpty())
            kept << p;
    return kept.join(QStringLiteral(" · "));
}

QString buildWords(const std::string &service, int version)
{
    return version > 0 ? ReportListModel::tr("%1 v%2").arg(qs(service)).arg(version) : qs(service);
}

/** An installation: the asset, its release, service and build, and where. */
ReportListModel::Row installationRow(const ReportInstallation &r)
{
    ReportListModel::Row row;
    row.title = assetWords(r.assetTag, r.serial);
    row.subtitle = joined({qs(r.release), buildWords(r.service, r.buildVersion), qs(r.room)});
    row.opens = QStringLiteral("asset");
    row.targetId = qs(r.assetId);
    return row;
}

QString statusWords(BuildStatus s)
{
    switch (s) {
    case BuildStatus::Draft:
        return ReportListModel::tr("being written");
    case BuildStatus::Submitted:
        return ReportListModel::tr("waiting for approval");
    case BuildStatus::Approved:
        return ReportListModel::tr("approved");
    case BuildStatus::Retired:
        return ReportListModel::tr("retired");
    }
    return {};
}

QString partWords(StepPart p)
{
    switch (p) {
    case StepPart::Installation:
        return ReportListModel::tr("installation step");
    case StepPart::Stability:
        return ReportListModel::tr("stability test");
    case StepPart::Acceptance:
        return ReportListModel::tr("acceptance test");
    }
    return {};
}

std::vector<ReportListModel::Row> rowsOf(const ReportLists &l, Measure m, Millis now)
{
    using Row = ReportListModel::Row;
    using T = ReportListModel;
    std::vector<Row> out;
    switch (m) {
    case Measure::BuildsInstalled:
        for (const auto &r : l.buildsInstalled) {
            Row row = installationRow(r);
            row.detail = joined({r.signedBy.empty() ? QString() : T::tr("Signed off by %1").arg(qs(r.signedBy)),
                                 r.installer.empty() ? QString() : T::tr("installed by %1").arg(qs(r.installer))});
            row.when = r.endedAt ? T::tr("accepted %1").arg(when(*r.endedAt)) : QString();
            out.push_back(row);
        }
        break;
    case Measure::BackOuts:
        for (const auto &r : l.backOuts) {
            Row row = installationRow(r);
            row.detail = r.backedOutBy.empty() ? qs(r.backOutReason)
                                               : T::tr("%1: %2").arg(qs(r.backedOutBy), qs(r.backOutReason));
            row.when = r.endedAt ? T::tr("backed out %1").arg(when(*r.endedAt)) : QString();
            out.push_back(row);
        }
        break;
    case Measure::LateSignOffs:
        for (const auto &r : l.lateSignOffs) {
            Row row = installationRow(r);
            const int days = static_cast<int>(((r.endedAt ? *r.endedAt : now) - r.startedAt) / kDayMs);
            QString state; // the class by name: lupdate does not follow T to find the plurals' context
            if (r.status == InstallationStatus::Accepted)
                state = ReportListModel::tr("signed off after %n day(s)", "", days);
            else if (r.status == InstallationStatus::BackedOut)
                state = ReportListModel::tr("backed out after %n day(s), not signed off", "", days);
            else
                state = ReportListModel::tr("still open after %n day(s)", "", days);
            row.detail = joined({state, r.installer.empty() ? QString() : T::tr("by %1").arg(qs(r.installer))});
            row.when = T::tr("started %1").arg(when(r.startedAt));
            out.push_back(row);
        }
        break;
    case Measure::BuildsCreated:
    case Measure::BuildsDocumented:
        for (const auto &r : m == Measure::BuildsCreated ? l.buildsCreated : l.buildsDocumented) {
            Row row;
            row.title = buildWords(r.service, r.version);
            if (m == Measure::BuildsCreated) {
                row.subtitle = joined({r.createdBy.empty() ? QString() : T::tr("Written by %1").arg(qs(r.createdBy)),
                                       T::tr("now %1").arg(statusWords(r.status))});
                row.when = T::tr("created %1").arg(when(r.createdAt));
            } else {
                row.subtitle = r.approvedBy.empty() ? QString() : T::tr("Approved by %1").arg(qs(r.approvedBy));
                row.when = r.approvedAt ? T::tr("approved %1").arg(day(*r.approvedAt)) : QString();
            }
            if (r.retiredAt)
                row.detail = T::tr("Retired %1").arg(when(*r.retiredAt));
            row.opens = QStringLiteral("build");
            row.targetId = qs(r.buildId);
            out.push_back(row);
        }
        break;
    case Measure::Services:
    case Measure::ServicesToDocument:
        for (const auto &r : m == Measure::Services ? l.services : l.servicesToDocument) {
            Row row;
            row.title = qs(r.name);
            if (r.documentedBy)
                row.subtitle = T::tr("Documented by v%1, approved %2")
                                   .arg(r.documentedVersion)
                                   .arg(r.documentedSince ? day(*r.documentedSince) : QString());
            else if (r.latestVersion > 0 && r.latestStatus)
                row.subtitle = T::tr("Still to document: v%1 %2").arg(r.latestVersion).arg(statusWords(*r.latestStatus));
            else
                row.subtitle = T::tr("Still to document: no build procedure yet");
            row.detail = r.owner.empty() ? QString() : T::tr("Owner: %1").arg(qs(r.owner));
            row.when = T::tr("since %1").arg(day(r.createdAt));
            row.opens = QStringLiteral("service");
            row.targetId = qs(r.serviceId);
            out.push_back(row);
        }
        break;
    case Measure::FailedLines:
        for (const auto &r : l.failedLines) {
            Row row;
            row.title = qs(r.step);
            row.subtitle = joined({assetWords(r.assetTag, r.serial), qs(r.release), partWords(r.part)});
            row.detail = r.note.empty() ? qs(r.by) : T::tr("%1: %2").arg(qs(r.by), qs(r.note));
            row.when = when(r.at);
            row.opens = QStringLiteral("asset");
            row.targetId = qs(r.assetId);
            out.push_back(row);
        }
        break;
    case Measure::ScanOverrides:
        for (const auto &r : l.scanOverrides) {
            Row row;
            row.title = r.field == "serial" ? T::tr("Serial %1 taken").arg(qs(r.value))
                                            : T::tr("Asset tag %1 taken").arg(qs(r.value));
            row.subtitle = joined({assetWords(r.assetTag, r.serial), qs(r.release)});
            row.detail = T::tr("Refused: %1. Reason given: %2 (%3)").arg(qs(r.refusal), qs(r.reason), qs(r.by));
            row.when = when(r.at);
            row.opens = QStringLiteral("asset");
            row.targetId = qs(r.assetId);
            out.push_back(row);
        }
        break;
    }
    return out;
}

} // namespace

ReportListModel::ReportListModel(QObject *parent)
    : SessionModel(parent)
{}

int ReportListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReportListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case SubtitleRole:
        return r.subtitle;
    case DetailRole:
        return r.detail;
    case WhenRole:
        return r.when;
    case OpensRole:
        return r.opens;
    case TargetIdRole:
        return r.targetId;
    default:
        return {};
    }
}

QHash<int, QByteArray> ReportListModel::roleNames() const
{
    return {{TitleRole, "title"}, {SubtitleRole, "subtitle"}, {DetailRole, "detail"},
            {WhenRole, "when"},   {OpensRole, "opens"},       {TargetIdRole, "targetId"}};
}

QString ReportListModel::month() const
{
    return m_month ? qs(m_month->toString()) : QString();
}

void ReportListModel::setMonth(const QString &month)
{
    const auto m = ReportMonth::parse(utf8(month));
    if (m == m_month)
        return;
    m_month = m;
    emit monthChanged();
    reload();
}

QString ReportListModel::measure() const
{
    return m_measure ? qs(measureInfo(*m_measure).key) : QString();
}

void ReportListModel::setMeasure(const QString &key)
{
    const auto m = measureByKey(utf8(key));
    if (m == m_measure)
        return;
    m_measure = m;
    emit measureChanged();
    reload();
}

QString ReportListModel::title() const
{
    return m_measure ? qs(measureInfo(*m_measure).title) : QString();
}

QString ReportListModel::rule() const
{
    return m_measure ? qs(measureInfo(*m_measure).rule) : QString();
}

QString ReportListModel::monthName() const
{
    return m_month ? qs(m_month->name()) : QString();
}

bool ReportListModel::canLoad() const
{
    return SessionModel::canLoad() && m_month && m_measure;
}

void ReportListModel::load()
{
    const Millis now = AppSession::now();
    const auto lists = ReportViews(session()->store()).lists(m_month->period(), now, m_measure);
    m_rows = rowsOf(lists, *m_measure, now);
}

} // namespace rd::mobile
