// The monthly report as tables, text, CSV and JSON.
#include "reportformat.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

namespace rd {

namespace {

constexpr Millis kDayMs = 24LL * 60 * 60 * 1000;

std::string version(int v)
{
    return v > 0 ? "v" + std::to_string(v) : std::string();
}

/** A status name in words: "in-progress" reads "in progress". */
std::string words(std::string_view name)
{
    std::string out(name);
    std::replace(out.begin(), out.end(), '-', ' ');
    return out;
}

std::string optTime(const std::optional<Millis> &at, TimeStyle style)
{
    return at ? formatReportTime(*at, style) : std::string();
}

/** A table's column with how each row of type R gives its cell. */
template <typename R>
struct Col {
    ReportColumn column;
    std::function<std::string(const R &)> cell;
};

template <typename R>
ReportTable makeTable(Measure m, const std::vector<Col<R>> &cols, const std::vector<R> &rows)
{
    ReportTable t;
    t.measure = m;
    for (const auto &c : cols)
        t.columns.push_back(c.column);
    for (const auto &r : rows) {
        std::vector<std::string> cells;
        cells.reserve(cols.size());
        for (const auto &c : cols)
            cells.push_back(c.cell(r));
        t.rows.push_back(std::move(cells));
    }
    return t;
}

using I = ReportInstallation;
using B = ReportBuild;
using S = ReportService;

std::vector<Col<I>> installationColumns(Measure m, TimeStyle ts, Millis asOf)
{
    std::vector<Col<I>> c;
    if (m == Measure::BuildsInstalled)
        c.push_back({{"accepted_at", "Accepted"}, [ts](const I &r) { return optTime(r.endedAt, ts); }});
    else if (m == Measure::BackOuts)
        c.push_back({{"backed_out_at", "Backed out"}, [ts](const I &r) { return optTime(r.endedAt, ts); }});
    else
        c.push_back({{"started_at", "Started"}, [ts](const I &r) { return formatReportTime(r.startedAt, ts); }});
    c.push_back({{"release", "Release"}, [](const I &r) { return r.release; }});
    c.push_back({{"service", "Service"}, [](const I &r) { return r.service; }});
    c.push_back({{"build_version", "Build"}, [](const I &r) { return version(r.buildVersion); }});
    c.push_back({{"asset_tag", "Asset tag"}, [](const I &r) { return r.assetTag; }});
    c.push_back({{"serial", "Serial"}, [](const I &r) { return r.serial; }});
    c.push_back({{"model", "Model"}, [](const I &r) { return r.model; }});
    c.push_back({{"site", "Site"}, [](const I &r) { return r.site; }});
    c.push_back({{"room", "Room"}, [](const I &r) { return r.room; }});
    c.push_back({{"installer", "Installed by"}, [](const I &r) { return r.installer; }});
    if (m == Measure::LateSignOffs) {
        c.push_back({{"status", "Now"}, [](const I &r) { return words(toString(r.status)); }});
        c.push_back({{"ended_at", "Ended"}, [ts](const I &r) { return optTime(r.endedAt, ts); }});
        c.push_back({{"days_unsigned", "Days not signed off"}, [asOf](const I &r) {
                         const Millis until = r.endedAt ? *r.endedAt : asOf; // signed off, backed out, or now
                         return std::to_string(std::max<Millis>(0, until - r.startedAt) / kDayMs);
                     }});
    } else {
        c.push_back({{"started_at", "Started"}, [ts](const I &r) { return formatReportTime(r.startedAt, ts); }});
    }
    if (m == Measure::BuildsInstalled)
        c.push_back({{"signed_by", "Signed off by"}, [](const I &r) { return r.signedBy; }});
    if (m == Measure::BackOuts) {
        c.push_back({{"backed_out_by", "Backed out by"}, [](const I &r) { return r.backedOutBy; }});
        c.push_back({{"reason", "Reason"}, [](const I &r) { return r.backOutReason; }});
    }
    c.push_back({{"installation_id", "Installation id", true}, [](const I &r) { return r.installationId.toString(); }});
    c.push_back({{"asset_id", "Asset id", true}, [](const I &r) { return r.assetId.toString(); }});
    c.push_back({{"build_id", "Build id", true}, [](const I &r) { return r.buildId.toString(); }});
    return c;
}

std::vector<Col<B>> buildColumns(Measure m, TimeStyle ts)
{
    std::vector<Col<B>> c;
    if (m == Measure::BuildsCreated)
        c.push_back({{"created_at", "Created"}, [ts](const B &r) { return formatReportTime(r.createdAt, ts); }});
    c.push_back({{"service", "Service"}, [](const B &r) { return r.service; }});
    c.push_back({{"version", "Version"}, [](const B &r) { return version(r.version); }});
    if (m == Measure::BuildsCreated) {
        c.push_back({{"created_by", "Created by"}, [](const B &r) { return r.createdBy; }});
        c.push_back({{"status", "Status now"}, [](const B &r) { return std::string(toString(r.status)); }});
        c.push_back({{"approved_at", "Approved"}, [ts](const B &r) { return optTime(r.approvedAt, ts); }});
        c.push_back({{"retired_at", "Retired"}, [ts](const B &r) { return optTime(r.retiredAt, ts); }});
    } else {
        c.push_back({{"approved_at", "Approved"}, [ts](const B &r) { return optTime(r.approvedAt, ts); }});
        c.push_back({{"approved_by", "Approved by"}, [](const B &r) { return r.approvedBy; }});
        c.push_back({{"created_at", "Created"}, [ts](const B &r) { return formatReportTime(r.createdAt, ts); }});
        c.push_back({{"created_by", "Created by"}, [](const B &r) { return r.createdBy; }});
    }
    c.push_back({{"build_id", "Build id", true}, [](const B &r) { return r.buildId.toString(); }});
    c.push_back({{"service_id", "Service id", true}, [](const B &r) { return r.serviceId.toString(); }});
    return c;
}

std::vector<Col<S>> serviceColumns(Measure m, TimeStyle ts)
{
    std::vector<Col<S>> c;
    c.push_back({{"service", "Service"}, [](const S &r) { return r.name; }});
    c.push_back({{"owner", "Owner"}, [](const S &r) { return r.owner; }});
    c.push_back({{"created_at", "Created"}, [ts](const S &r) { return formatReportTime(r.createdAt, ts); }});
    if (m == Measure::Services) {
        c.push_back({{"documented_by", "Documented by"}, [ts](const S &r) {
                         if (!r.documentedBy)
                             return std::string("still to document");
                         return version(r.documentedVersion) + ", approved " + optTime(r.documentedSince, ts);
                     }});
    } else {
        c.push_back({{"now", "Now"}, [](const S &r) {
                         if (r.latestVersion == 0 || !r.latestStatus)
                             return std::string("no build procedure yet");
                         return version(r.latestVersion) + " " + std::string(toString(*r.latestStatus));
                     }});
    }
    c.push_back({{"service_id", "Service id", true}, [](const S &r) { return r.serviceId.toString(); }});
    return c;
}

std::vector<Col<ReportFailedLine>> failedColumns(TimeStyle ts)
{
    using F = ReportFailedLine;
    return {
        {{"recorded_at", "Recorded"}, [ts](const F &r) { return formatReportTime(r.at, ts); }},
        {{"release", "Release"}, [](const F &r) { return r.release; }},
        {{"service", "Service"}, [](const F &r) { return r.service; }},
        {{"build_version", "Build"}, [](const F &r) { return version(r.buildVersion); }},
        {{"asset_tag", "Asset tag"}, [](const F &r) { return r.assetTag; }},
        {{"serial", "Serial"}, [](const F &r) { return r.serial; }},
        {{"part", "Part"}, [](const F &r) { return std::string(toString(r.part)); }},
        {{"line", "Line"}, [](const F &r) { return r.step; }},
        {{"recorded_by", "Recorded by"}, [](const F &r) { return r.by; }},
        {{"note", "Note"}, [](const F &r) { return r.note; }},
        {{"step_result_id", "Result id", true}, [](const F &r) { return r.stepResultId.toString(); }},
        {{"installation_id", "Installation id", true}, [](const F &r) { return r.installationId.toString(); }},
        {{"asset_id", "Asset id", true}, [](const F &r) { return r.assetId.toString(); }},
    };
}

std::vector<Col<ReportScanOverride>> overrideColumns(TimeStyle ts)
{
    using O = ReportScanOverride;
    return {
        {{"recorded_at", "Recorded"}, [ts](const O &r) { return formatReportTime(r.at, ts); }},
        {{"asset_tag", "Asset tag"}, [](const O &r) { return r.assetTag; }},
        {{"serial", "Serial"}, [](const O &r) { return r.serial; }},
        {{"field", "Field"}, [](const O &r) { return words(r.field); }},
        {{"value", "Value taken"}, [](const O &r) { return r.value; }},
        {{"refusal", "Refused because"}, [](const O &r) { return r.refusal; }},
        {{"reason", "Reason given"}, [](const O &r) { return r.reason; }},
        {{"recorded_by", "Recorded by"}, [](const O &r) { return r.by; }},
        {{"release", "Release"}, [](const O &r) { return r.release; }},
        {{"override_id", "Override id", true}, [](const O &r) { return r.overrideId.toString(); }},
        {{"asset_id", "Asset id", true}, [](const O &r) { return r.assetId.toString(); }},
        {{"installation_id", "Installation id", true},
         [](const O &r) { return r.installationId ? r.installationId->toString() : std::string(); }},
    };
}

/** The visible columns' indexes (ids are for JSON only). */
std::vector<std::size_t> shown(const ReportTable &t)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (!t.columns[i].id)
            out.push_back(i);
    return out;
}

/** One line of a text table: a cell's line breaks as spaces. */
std::string flat(std::string_view text)
{
    std::string out(text);
    for (auto &c : out)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    return out;
}

/** Columns of @p rows aligned by their widths in characters (UTF-8 aware), two spaces apart; a line each. */
std::vector<std::string> alignedLines(const std::vector<std::vector<std::string>> &rows, const std::string &indent)
{
    const auto width = [](const std::string &s) {
        std::size_t n = 0;
        for (const unsigned char c : s)
            n += (c & 0xC0) != 0x80;
        return n;
    };
    std::vector<std::size_t> widths;
    for (const auto &r : rows) {
        widths.resize(std::max(widths.size(), r.size()));
        for (std::size_t i = 0; i < r.size(); ++i)
            widths[i] = std::max(widths[i], width(r[i]));
    }
    std::vector<std::string> out;
    for (const auto &r : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size())
                line += std::string(widths[i] - width(r[i]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out.push_back(std::move(line));
    }
    return out;
}

std::string aligned(const std::vector<std::vector<std::string>> &rows, const std::string &indent)
{
    std::string out;
    for (const auto &line : alignedLines(rows, indent))
        out += line + "\n";
    return out;
}

std::string csvRow(const std::vector<std::string> &cells)
{
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i)
        out += (i ? "," : "") + csvField(cells[i]);
    return out + "\r\n";
}

} // namespace

std::string formatReportTime(Millis at, TimeStyle style)
{
    const std::time_t t = static_cast<std::time_t>(at >= 0 ? at / 1000 : (at - 999) / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[40];
    if (style == TimeStyle::Readable) {
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
        return buf;
    }
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
    std::string iso = buf; // ...+0100: ISO 8601 writes the offset +01:00
    if (iso.size() >= 5)
        iso.insert(iso.size() - 2, ":");
    return iso;
}

std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + "\"";
}

ReportTable reportTable(const Report &report, Measure m, TimeStyle style)
{
    const auto &l = report.lists;
    switch (m) {
    case Measure::BuildsInstalled:
        return makeTable(m, installationColumns(m, style, report.asOf), l.buildsInstalled);
    case Measure::BackOuts:
        return makeTable(m, installationColumns(m, style, report.asOf), l.backOuts);
    case Measure::LateSignOffs:
        return makeTable(m, installationColumns(m, style, report.asOf), l.lateSignOffs);
    case Measure::BuildsCreated:
        return makeTable(m, buildColumns(m, style), l.buildsCreated);
    case Measure::BuildsDocumented:
        return makeTable(m, buildColumns(m, style), l.buildsDocumented);
    case Measure::Services:
        return makeTable(m, serviceColumns(m, style), l.services);
    case Measure::ServicesToDocument:
        return makeTable(m, serviceColumns(m, style), l.servicesToDocument);
    case Measure::FailedLines:
        return makeTable(m, failedColumns(style), l.failedLines);
    case Measure::ScanOverrides:
        return makeTable(m, overrideColumns(style), l.scanOverrides);
    }
    return {};
}

std::string reportPeriodWords(const Report &report)
{
    if (report.month)
        return report.month->name();
    return formatReportTime(report.period.from).substr(0, 10) + " to " +
           formatReportTime(report.period.to - 1).substr(0, 10);
}

std::string reportText(const Report &report)
{
    std::string out = "Release Management report for " +
                      (report.month ? report.month->toString() : reportPeriodWords(report)) +
                      (report.school.empty() ? "" : ": " + report.school) + "\n";
    out += "  " + reportPeriodWords(report) + ", from " + formatReportTime(report.period.from) + " to " +
           formatReportTime(report.period.to) + " (local time); made " + formatReportTime(report.asOf) + "\n";
    // Both groups' counts aligned as one table, so that the numbers make one column.
    std::vector<std::vector<std::string>> counts;
    for (const auto &info : measures())
        counts.push_back({std::string(info.title) + ":", std::to_string(report.counts[info.measure]),
                          std::string(info.rule)});
    const auto lines = alignedLines(counts, "  ");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool fits = measures()[i].fits;
        if (i == 0 || fits != measures()[i - 1].fits)
            out += fits ? "\nFITS measurements\n" : "\nITIL measures\n";
        out += lines[i] + "\n";
    }
    for (const auto &info : measures()) {
        const auto table = reportTable(report, info.measure);
        out += "\n" + std::string(info.title) + " (" + std::to_string(table.rows.size()) + ")\n";
        if (table.rows.empty()) {
            out += "  none\n";
            continue;
        }
        const auto cols = shown(table);
        std::vector<std::vector<std::string>> rows;
        rows.emplace_back();
        for (const auto i : cols)
            rows.back().emplace_back(table.columns[i].title);
        for (const auto &r : table.rows) {
            rows.emplace_back();
            for (const auto i : cols)
                rows.back().push_back(flat(r[i]));
        }
        out += aligned(rows, "  ");
    }
    if (!report.series.empty()) {
        out += "\nThe 12 months to " + report.series.back().month.name() + "\n";
        std::vector<std::vector<std::string>> rows{{"Month"}};
        for (const auto &info : measures())
            rows[0].emplace_back(info.shortTitle);
        for (const auto &p : report.series) {
            rows.push_back({p.month.toString()});
            for (const auto &info : measures())
                rows.back().push_back(std::to_string(p.counts[info.measure]));
        }
        out += aligned(rows, "  ");
    }
    return out;
}

std::string reportCsv(const Report &report)
{
    std::string out;
    out += csvRow({"Release Management report"});
    out += csvRow({"School", report.school});
    out += csvRow({"Month", report.month ? report.month->toString() : std::string()});
    out += csvRow({"From", formatReportTime(report.period.from)});
    out += csvRow({"To", formatReportTime(report.period.to)});
    out += csvRow({"Made", formatReportTime(report.asOf)});
    out += "\r\n";
    out += csvRow({"Counts"});
    out += csvRow({"Measure", "Count", "Kind", "Rule"});
    for (const auto &info : measures())
        out += csvRow({std::string(info.title), std::to_string(report.counts[info.measure]),
                       info.fits ? "FITS" : "ITIL", std::string(info.rule)});
    if (!report.series.empty()) {
        out += "\r\n";
        out += csvRow({"12 months"});
        std::vector<std::string> heading{"Month"};
        for (const auto &info : measures())
            heading.emplace_back(info.title);
        out += csvRow(heading);
        for (const auto &p : report.series) {
            std::vector<std::string> row{p.month.toString()};
            for (const auto &info : measures())
                row.push_back(std::to_string(p.counts[info.measure]));
            out += csvRow(row);
        }
    }
    for (const auto &info : measures()) {
        const auto table = reportTable(report, info.measure);
        const auto cols = shown(table);
        out += "\r\n";
        out += csvRow({std::string(info.title)});
        std::vector<std::string> heading;
        for (const auto i : cols)
            heading.emplace_back(table.columns[i].title);
        out += csvRow(heading);
        for (const auto &r : table.rows) {
            std::vector<std::string> row;
            for (const auto i : cols)
                row.push_back(r[i]);
            out += csvRow(row);
        }
    }
    return out;
}

std::string reportJson(const Report &report)
{
    namespace json = boost::json;
    json::object o;
    o["school"] = report.school;
    o["month"] = report.month ? json::value(report.month->toString()) : json::value(nullptr);
    o["from"] = formatReportTime(report.period.from, TimeStyle::Iso8601);
    o["to"] = formatReportTime(report.period.to, TimeStyle::Iso8601);
    o["as_of"] = formatReportTime(report.asOf, TimeStyle::Iso8601);
    json::object counts;
    json::array measureList;
    json::object lists;
    for (const auto &info : measures()) {
        const int n = report.counts[info.measure];
        counts[info.key] = n;
        measureList.push_back(json::object{{"key", info.key},
                                           {"title", info.title},
                                           {"rule", info.rule},
                                           {"fits", info.fits},
                                           {"count", n}});
        const auto table = reportTable(report, info.measure, TimeStyle::Iso8601);
        json::array rows;
        for (const auto &r : table.rows) {
            json::object row;
            for (std::size_t i = 0; i < table.columns.size(); ++i)
                row[table.columns[i].key] = r[i];
            rows.push_back(std::move(row));
        }
        lists[info.key] = std::move(rows);
    }
    o["counts"] = std::move(counts);
    o["measures"] = std::move(measureList);
    o["lists"] = std::move(lists);
    json::array series;
    for (const auto &p : report.series) {
        json::object point{{"month", p.month.toString()}};
        for (const auto &info : measures())
            point[info.key] = p.counts[info.measure];
        series.push_back(std::move(point));
    }
    o["series"] = std::move(series);
    return json::serialize(o) + "\n";
}

} // namespace rd
