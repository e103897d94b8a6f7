// The monthly Release Management report: each measure's rule as one SQL condition, used alike by its
// count, its list and the 12-month series. report.h says the rules in words.
#include "report.h"

#include "store.h"

#include "domain/errors.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace rd {

namespace {

constexpr Millis kWeek = 7LL * 24 * 60 * 60 * 1000;

constexpr std::array<MeasureInfo, kMeasureCount> kMeasures{{
    {Measure::BuildsInstalled, "builds_installed", "Builds installed", "Installed",
     "Installations accepted (signed off by their user) in the period.", true},
    {Measure::BuildsCreated, "builds_created", "Builds created", "Created",
     "Build procedure versions created in the period, whatever became of them.", true},
    {Measure::BuildsDocumented, "builds_documented", "Builds documented", "Documented",
     "Build procedure versions approved and not retired at the period's end, of services in the school then.", true},
    {Measure::Services, "services", "Services", "Services",
     "Services in the school at the period's end: created before it, not retired by then.", true},
    {Measure::ServicesToDocument, "services_to_document", "Services still to document", "To document",
     "Services in the school at the period's end with no build procedure documented then.", true},
    {Measure::BackOuts, "back_outs", "Back-outs", "Back-outs", "Installations backed out in the period.", false},
    {Measure::FailedLines, "failed_lines", "Failed checklist lines", "Failed lines",
     "Checklist results recorded as failed in the period, each one.", false},
    {Measure::ScanOverrides, "scan_overrides", "Scan overrides", "Overrides",
     "Refused scans taken on an installer's word in the period.", false},
    {Measure::LateSignOffs, "late_sign_offs", "Not signed off within 7 days", "Late",
     "Installations started in the period, or still open at its end, not signed off within 7 days of their start.",
     false},
}};

// The rules, as conditions over one row of `p` (f: the period's start, t: its end, e: its end or now,
// whichever is earlier, n: now) and the tables' usual aliases: i installations, b build_procedures,
// s services, r step_results, o scan_overrides. Every query starts with kParams.
constexpr std::string_view kParams = "WITH p(f, t, e, n) AS (VALUES (?1, ?2, ?3, ?4)) ";

constexpr std::string_view kInstalled = "i.status = 'accepted' AND i.ended_at >= p.f AND i.ended_at < p.t";
constexpr std::string_view kCreated = "b.created_at >= p.f AND b.created_at < p.t";
constexpr std::string_view kServiceInSchool = "s.created_at < p.t AND (s.retired_at IS NULL OR s.retired_at >= p.t)";
/** A version documents its service at the end (the service's own condition is kServiceInSchool). */
constexpr std::string_view kBuildDocuments = "b.approved_at < p.t AND (b.retired_at IS NULL OR b.retired_at >= p.t)";
constexpr std::string_view kBackedOut = "i.status = 'backed-out' AND i.ended_at >= p.f AND i.ended_at < p.t";
constexpr std::string_view kFailed = "r.outcome = 'fail' AND r.recorded_at >= p.f AND r.recorded_at < p.t";
constexpr std::string_view kOverridden = "o.recorded_at >= p.f AND o.recorded_at < p.t";
/** Started in the period and not ended (accepted or backed out) within 7 days; "not yet" judged now. */
constexpr std::string_view kLateStarted =
    "i.started_at >= p.f AND i.started_at < p.t AND coalesce(i.ended_at, p.n) > i.started_at + 604800000";
/**
 * Started before the period, 7 days old at its end (or now), and open then: still open now, or ended
 * after it. Said in two halves, each an index range (installations_ended), which the count adds up.
 */
constexpr std::string_view kLateBefore = "i.started_at < p.f AND i.started_at < p.e - 604800000";
constexpr std::string_view kOpenNow = "i.status = 'in-progress' AND i.ended_at IS NULL";
constexpr std::string_view kEndedAfter = "i.status IN ('accepted', 'backed-out') AND i.ended_at >= p.e";

std::string periodQuery(std::initializer_list<std::string_view> parts)
{
    std::string out(kParams);
    for (const auto part : parts)
        out += part;
    return out;
}

const std::string &serviceDocumented()
{
    static const std::string s = "EXISTS (SELECT 1 FROM build_procedures b WHERE b.service_id = s.id AND " +
                                 std::string(kBuildDocuments) + ")";
    return s;
}

void bindPeriod(sql::Statement &q, ReportPeriod period, Millis asOf)
{
    q.bindAll(period.from, period.to, std::min(period.to, asOf), asOf);
}

/** Starts a read snapshot unless the caller is inside a transaction already. */
class Snapshot {
public:
    explicit Snapshot(sql::Database &db)
    {
        if (!db.inTransaction())
            m_tx.emplace(db, sql::Transaction::Mode::Read);
    }
    void done()
    {
        if (m_tx)
            m_tx->commit();
    }

private:
    std::optional<sql::Transaction> m_tx;
};

void checkPeriod(ReportPeriod period)
{
    if (period.to <= period.from)
        throw ValidationError("report period", "must end after it starts");
}

// --- the lists ---------------------------------------------------------------------------------

constexpr std::string_view kInstallationSelect = R"sql(
SELECT i.id, i.asset_id, i.build_id, coalesce(rl.number, ''), coalesce(sv.name, ''), coalesce(b.version, 0),
       coalesce(a.asset_tag, ''), coalesce(a.serial, ''), coalesce(a.model, ''), coalesce(st.name, ''),
       coalesce(rm.name, ''), coalesce(u.display_name, ''), i.started_at, i.status, i.ended_at,
       coalesce(so.user_name, ''), coalesce(bu.display_name, ''), coalesce(bo.reason, '')
  FROM p CROSS JOIN installations i
  LEFT JOIN releases rl ON rl.id = i.release_id
  LEFT JOIN build_procedures b ON b.id = i.build_id
  LEFT JOIN services sv ON sv.id = b.service_id
  LEFT JOIN assets a ON a.id = i.asset_id
  LEFT JOIN sites st ON st.id = rl.site_id
  LEFT JOIN rooms rm ON rm.id = a.room_id
  LEFT JOIN users u ON u.id = i.started_by
  LEFT JOIN signoffs so ON so.installation_id = i.id
  LEFT JOIN backouts bo ON bo.installation_id = i.id
  LEFT JOIN users bu ON bu.id = bo.performed_by
 WHERE )sql";

ReportInstallation readInstallation(const sql::Statement &q)
{
    ReportInstallation r;
    r.installationId = q.id(0);
    r.assetId = q.id(1);
    r.buildId = q.id(2);
    r.release = q.text(3);
    r.service = q.text(4);
    r.buildVersion = static_cast<int>(q.int64(5));
    r.assetTag = q.text(6);
    r.serial = q.text(7);
    r.model = q.text(8);
    r.site = q.text(9);
    r.room = q.text(10);
    r.installer = q.text(11);
    r.startedAt = q.int64(12);
    r.status = parse<InstallationStatus>(q.textView(13));
    r.endedAt = q.optInt64(14);
    r.signedBy = q.text(15);
    r.backedOutBy = q.text(16);
    r.backOutReason = q.text(17);
    return r;
}

constexpr std::string_view kBuildSelect = R"sql(
SELECT b.id, b.service_id, coalesce(s.name, ''), b.version, b.status, b.created_at, coalesce(cu.display_name, ''),
       b.approved_at, coalesce(au.display_name, ''), b.retired_at
  FROM p CROSS JOIN build_procedures b
  JOIN services s ON s.id = b.service_id
  LEFT JOIN users cu ON cu.id = b.created_by
  LEFT JOIN users au ON au.id = b.approved_by
 WHERE )sql";

ReportBuild readBuild(const sql::Statement &q)
{
    ReportBuild r;
    r.buildId = q.id(0);
    r.serviceId = q.id(1);
    r.service = q.text(2);
    r.version = static_cast<int>(q.int64(3));
    r.status = parse<BuildStatus>(q.textView(4));
    r.createdAt = q.int64(5);
    r.createdBy = q.text(6);
    r.approvedAt = q.optInt64(7);
    r.approvedBy = q.text(8);
    r.retiredAt = q.optInt64(9);
    return r;
}

// A service with the version documenting it at the end (if any) and its newest version now.
constexpr std::string_view kServiceSelect = R"sql(
SELECT s.id, s.name, coalesce(ow.display_name, ''), s.created_at, d.id, d.version, d.approved_at,
       l.version, l.status
  FROM p CROSS JOIN services s
  LEFT JOIN users ow ON ow.id = s.owner_id
  LEFT JOIN build_procedures d ON d.id = (SELECT b.id FROM build_procedures b WHERE b.service_id = s.id AND )sql";
constexpr std::string_view kServiceSelectTail = R"sql( ORDER BY b.version DESC LIMIT 1)
  LEFT JOIN build_procedures l ON l.id = (SELECT id FROM build_procedures WHERE service_id = s.id
                                           ORDER BY version DESC LIMIT 1)
 WHERE )sql";

ReportService readService(const sql::Statement &q)
{
    ReportService r;
    r.serviceId = q.id(0);
    r.name = q.text(1);
    r.owner = q.text(2);
    r.createdAt = q.int64(3);
    r.documentedBy = q.optId(4);
    r.documentedVersion = q.isNull(5) ? 0 : static_cast<int>(q.int64(5));
    r.documentedSince = q.optInt64(6);
    r.latestVersion = q.isNull(7) ? 0 : static_cast<int>(q.int64(7));
    if (!q.isNull(8))
        r.latestStatus = parse<BuildStatus>(q.textView(8));
    return r;
}

constexpr std::string_view kFailedSelect = R"sql(
SELECT r.id, r.installation_id, i.asset_id, coalesce(rl.number, ''), coalesce(sv.name, ''), coalesce(b.version, 0),
       coalesce(a.asset_tag, ''), coalesce(a.serial, ''), coalesce(bs.part, 'installation'), coalesce(bs.title, ''),
       r.recorded_at, coalesce(u.display_name, ''), coalesce(r.note, '')
  FROM p CROSS JOIN step_results r
  JOIN installations i ON i.id = r.installation_id
  LEFT JOIN releases rl ON rl.id = i.release_id
  LEFT JOIN build_procedures b ON b.id = i.build_id
  LEFT JOIN services sv ON sv.id = b.service_id
  LEFT JOIN assets a ON a.id = i.asset_id
  LEFT JOIN build_steps bs ON bs.id = r.step_id
  LEFT JOIN users u ON u.id = r.recorded_by
 WHERE )sql";

ReportFailedLine readFailed(const sql::Statement &q)
{
    ReportFailedLine r;
    r.stepResultId = q.id(0);
    r.installationId = q.id(1);
    r.assetId = q.id(2);
    r.release = q.text(3);
    r.service = q.text(4);
    r.buildVersion = static_cast<int>(q.int64(5));
    r.assetTag = q.text(6);
    r.serial = q.text(7);
    r.part = parse<StepPart>(q.textView(8));
    r.step = q.text(9);
    r.at = q.int64(10);
    r.by = q.text(11);
    r.note = q.text(12);
    return r;
}

constexpr std::string_view kOverrideSelect = R"sql(
SELECT o.id, o.asset_id, o.installation_id, coalesce(rl.number, ''), coalesce(a.asset_tag, ''),
       coalesce(a.serial, ''), o.field, o.value, o.refusal, o.reason, o.recorded_at, coalesce(u.display_name, '')
  FROM p CROSS JOIN scan_overrides o
  LEFT JOIN installations i ON i.id = o.installation_id
  LEFT JOIN releases rl ON rl.id = i.release_id
  LEFT JOIN assets a ON a.id = o.asset_id
  LEFT JOIN users u ON u.id = o.recorded_by
 WHERE )sql";

ReportScanOverride readOverride(const sql::Statement &q)
{
    ReportScanOverride r;
    r.overrideId = q.id(0);
    r.assetId = q.id(1);
    r.installationId = q.optId(2);
    r.release = q.text(3);
    r.assetTag = q.text(4);
    r.serial = q.text(5);
    r.field = q.text(6);
    r.value = q.text(7);
    r.refusal = q.text(8);
    r.reason = q.text(9);
    r.at = q.int64(10);
    r.by = q.text(11);
    return r;
}

template <typename Row, typename Read>
std::vector<Row> readRows(sql::Database &db, const std::string &text, ReportPeriod period, Millis asOf, Read read)
{
    std::vector<Row> out;
    auto q = db.query(text);
    bindPeriod(*q, period, asOf);
    while (q->step())
        out.push_back(read(*q));
    return out;
}

int count(sql::Database &db, const std::string &text, ReportPeriod period, Millis asOf)
{
    auto q = db.query(text);
    bindPeriod(*q, period, asOf);
    q->step();
    return static_cast<int>(q->int64(0));
}

} // namespace

// --- months ----------------------------------------------------------------------------------------

std::optional<ReportMonth> ReportMonth::parse(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-')
        return std::nullopt;
    for (std::size_t i = 0; i < 7; ++i)
        if (i != 4 && (text[i] < '0' || text[i] > '9'))
            return std::nullopt;
    const auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    ReportMonth m{digits(0, 4), digits(5, 2)};
    if (m.year < 1970 || m.month < 1 || m.month > 12)
        return std::nullopt;
    return m;
}

ReportMonth ReportMonth::containing(Millis at)
{
    const std::time_t t = static_cast<std::time_t>(at >= 0 ? at / 1000 : (at - 999) / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1};
}

std::string ReportMonth::toString() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::string ReportMonth::name() const
{
    static constexpr std::array<std::string_view, 12> kNames{"January", "February", "March",     "April",
                                                             "May",     "June",     "July",      "August",
                                                             "September", "October", "November", "December"};
    return std::string(kNames[static_cast<std::size_t>(std::clamp(month, 1, 12) - 1)]) + " " + std::to_string(year);
}

ReportMonth ReportMonth::previous() const
{
    return month == 1 ? ReportMonth{year - 1, 12} : ReportMonth{year, month - 1};
}

ReportMonth ReportMonth::next() const
{
    return month == 12 ? ReportMonth{year + 1, 1} : ReportMonth{year, month + 1};
}

ReportPeriod ReportMonth::period() const
{
    const auto start = [](const ReportMonth &m) {
        std::tm tm{};
        tm.tm_year = m.year - 1900;
        tm.tm_mon = m.month - 1;
        tm.tm_mday = 1;
        tm.tm_isdst = -1; // whichever is in force at that midnight
        return static_cast<Millis>(std::mktime(&tm)) * 1000;
    };
    return {start(*this), start(next())};
}

// --- measures --------------------------------------------------------------------------------------

std::span<const MeasureInfo> measures() noexcept
{
    return kMeasures;
}

const MeasureInfo &measureInfo(Measure m) noexcept
{
    return kMeasures[static_cast<std::size_t>(m)];
}

std::optional<Measure> measureByKey(std::string_view key) noexcept
{
    for (const auto &m : kMeasures)
        if (m.key == key)
            return m.measure;
    return std::nullopt;
}

std::size_t ReportLists::size(Measure m) const
{
    switch (m) {
    case Measure::BuildsInstalled:
        return buildsInstalled.size();
    case Measure::BuildsCreated:
        return buildsCreated.size();
    case Measure::BuildsDocumented:
        return buildsDocumented.size();
    case Measure::Services:
        return services.size();
    case Measure::ServicesToDocument:
        return servicesToDocument.size();
    case Measure::BackOuts:
        return backOuts.size();
    case Measure::FailedLines:
        return failedLines.size();
    case Measure::ScanOverrides:
        return scanOverrides.size();
    case Measure::LateSignOffs:
        return lateSignOffs.size();
    }
    return 0;
}

// --- the report --------------------------------------------------------------------------------------

ReportCounts ReportViews::countsIn(ReportPeriod period, Millis asOf)
{
    auto &db = m_store.database();
    static const std::string installed = periodQuery({"SELECT count(*) FROM p CROSS JOIN installations i WHERE ", kInstalled});
    static const std::string created = periodQuery({"SELECT count(*) FROM p CROSS JOIN build_procedures b WHERE ", kCreated});
    static const std::string documented =
        periodQuery({"SELECT count(*) FROM p CROSS JOIN build_procedures b JOIN services s ON s.id = b.service_id WHERE ",
             kBuildDocuments, " AND ", kServiceInSchool});
    static const std::string services = periodQuery({"SELECT count(*) FROM p CROSS JOIN services s WHERE ", kServiceInSchool});
    static const std::string toDocument =
        periodQuery({"SELECT count(*) FROM p CROSS JOIN services s WHERE ", kServiceInSchool, " AND NOT ", serviceDocumented()});
    static const std::string backOuts = periodQuery({"SELECT count(*) FROM p CROSS JOIN installations i WHERE ", kBackedOut});
    static const std::string failed = periodQuery({"SELECT count(*) FROM p CROSS JOIN step_results r WHERE ", kFailed});
    static const std::string overrides = periodQuery({"SELECT count(*) FROM p CROSS JOIN scan_overrides o WHERE ", kOverridden});
    // The rule's parts never hold for the same installation: started in the period or before it;
    // open now or ended.
    static const std::string late = periodQuery(
        {"SELECT (SELECT count(*) FROM installations i WHERE ", kLateStarted,
         ") + (SELECT count(*) FROM installations i WHERE ", kLateBefore, " AND ", kOpenNow,
         ") + (SELECT count(*) FROM installations i WHERE ", kLateBefore, " AND ", kEndedAfter, ") FROM p"});
    ReportCounts c;
    c[Measure::BuildsInstalled] = count(db, installed, period, asOf);
    c[Measure::BuildsCreated] = count(db, created, period, asOf);
    c[Measure::BuildsDocumented] = count(db, documented, period, asOf);
    c[Measure::Services] = count(db, services, period, asOf);
    c[Measure::ServicesToDocument] = count(db, toDocument, period, asOf);
    c[Measure::BackOuts] = count(db, backOuts, period, asOf);
    c[Measure::FailedLines] = count(db, failed, period, asOf);
    c[Measure::ScanOverrides] = count(db, overrides, period, asOf);
    c[Measure::LateSignOffs] = count(db, late, period, asOf);
    return c;
}

ReportCounts ReportViews::counts(ReportPeriod period, Millis asOf)
{
    checkPeriod(period);
    Snapshot snapshot(m_store.database());
    auto c = countsIn(period, asOf);
    snapshot.done();
    return c;
}

ReportLists ReportViews::lists(ReportPeriod period, Millis asOf, std::optional<Measure> only)
{
    checkPeriod(period);
    auto &db = m_store.database();
    Snapshot snapshot(db);
    const auto wanted = [&](Measure m) { return !only || *only == m; };
    ReportLists l;
    if (wanted(Measure::BuildsInstalled)) {
        static const std::string q = periodQuery({kInstallationSelect, kInstalled, " ORDER BY i.ended_at, rl.number, a.asset_tag"});
        l.buildsInstalled = readRows<ReportInstallation>(db, q, period, asOf, readInstallation);
    }
    if (wanted(Measure::BuildsCreated)) {
        static const std::string q = periodQuery({kBuildSelect, kCreated, " ORDER BY b.created_at, s.name, b.version"});
        l.buildsCreated = readRows<ReportBuild>(db, q, period, asOf, readBuild);
    }
    if (wanted(Measure::BuildsDocumented)) {
        static const std::string q =
            periodQuery({kBuildSelect, kBuildDocuments, " AND ", kServiceInSchool, " ORDER BY s.name, b.version"});
        l.buildsDocumented = readRows<ReportBuild>(db, q, period, asOf, readBuild);
    }
    if (wanted(Measure::Services) || wanted(Measure::ServicesToDocument)) {
        static const std::string q =
            periodQuery({kServiceSelect, kBuildDocuments, kServiceSelectTail, kServiceInSchool, " ORDER BY s.name"});
        auto services = readRows<ReportService>(db, q, period, asOf, readService);
        for (const auto &s : services)
            if (!s.documentedBy && wanted(Measure::ServicesToDocument))
                l.servicesToDocument.push_back(s);
        if (wanted(Measure::Services))
            l.services = std::move(services);
    }
    if (wanted(Measure::BackOuts)) {
        static const std::string q = periodQuery({kInstallationSelect, kBackedOut, " ORDER BY i.ended_at, rl.number, a.asset_tag"});
        l.backOuts = readRows<ReportInstallation>(db, q, period, asOf, readInstallation);
    }
    if (wanted(Measure::FailedLines)) {
        static const std::string q = periodQuery({kFailedSelect, kFailed, " ORDER BY r.recorded_at, rl.number, a.asset_tag"});
        l.failedLines = readRows<ReportFailedLine>(db, q, period, asOf, readFailed);
    }
    if (wanted(Measure::ScanOverrides)) {
        static const std::string q = periodQuery({kOverrideSelect, kOverridden, " ORDER BY o.recorded_at, a.asset_tag"});
        l.scanOverrides = readRows<ReportScanOverride>(db, q, period, asOf, readOverride);
    }
    if (wanted(Measure::LateSignOffs)) {
        static const std::string q =
            periodQuery({kInstallationSelect, "((", kLateStarted, ") OR (", kLateBefore, " AND ((", kOpenNow, ") OR (",
                         kEndedAfter, ")))) ORDER BY i.started_at, rl.number, a.asset_tag"});
        l.lateSignOffs = readRows<ReportInstallation>(db, q, period, asOf, readInstallation);
    }
    snapshot.done();
    return l;
}

std::vector<ReportSeriesPoint> ReportViews::series(ReportMonth last, Millis asOf, int months)
{
    std::vector<ReportSeriesPoint> out;
    if (months <= 0)
        return out;
    std::vector<ReportMonth> each{last};
    while (static_cast<int>(each.size()) < months)
        each.push_back(each.back().previous());
    std::reverse(each.begin(), each.end());
    Snapshot snapshot(m_store.database());
    for (const auto &m : each)
        out.push_back({m, countsIn(m.period(), asOf)});
    snapshot.done();
    return out;
}

Report ReportViews::build(ReportPeriod period, std::optional<ReportMonth> month, Millis asOf)
{
    checkPeriod(period);
    Snapshot snapshot(m_store.database());
    Report r;
    r.school = schoolName();
    r.period = period;
    r.month = month;
    r.asOf = asOf;
    r.counts = countsIn(period, asOf);
    r.lists = lists(period, asOf);
    r.series = series(month ? *month : ReportMonth::containing(period.to - 1), asOf);
    snapshot.done();
    return r;
}

Report ReportViews::monthly(ReportMonth month, Millis asOf)
{
    return build(month.period(), month, asOf);
}

Report ReportViews::forPeriod(ReportPeriod period, Millis asOf)
{
    checkPeriod(period);
    const auto month = ReportMonth::containing(period.from);
    return build(period, month.period() == period ? std::optional(month) : std::nullopt, asOf);
}

std::string ReportViews::schoolName()
{
    std::vector<std::string> names;
    {
        auto q = m_store.database().query("SELECT name FROM sites ORDER BY name");
        while (q->step())
            names.push_back(q->text(0));
    }
    if (names.empty())
        return {};
    if (names.size() == 1)
        return names.front();
    // What every name starts with, cut back to a whole word and without a trailing " -" or ",".
    std::string common = names.front();
    for (const auto &n : names) {
        std::size_t i = 0;
        while (i < common.size() && i < n.size() && common[i] == n[i])
            ++i;
        common.resize(i);
    }
    bool wholeWord = true;
    for (const auto &n : names)
        wholeWord = wholeWord && (n.size() == common.size() || n[common.size()] == ' ');
    if (!wholeWord) {
        const auto space = common.rfind(' ');
        common.resize(space == std::string::npos ? 0 : space);
    }
    while (!common.empty() && (common.back() == ' ' || common.back() == '-' || common.back() == ',' ||
                               common.back() == ':' || common.back() == '/'))
        common.pop_back();
    if (common.size() >= 3)
        return common;
    std::string joined;
    for (const auto &n : names)
        joined += (joined.empty() ? "" : ", ") + n;
    return joined;
}

} // namespace rd
