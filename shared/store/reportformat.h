#pragma once

#include "report.h"

#include <string>
#include <string_view>
#include <vector>

namespace rd {

/**
 * The monthly report written out: each list as a table (the same columns in the text, the CSV, the
 * JSON and the app's PDF), and the whole report as text for a terminal, as CSV for a spreadsheet
 * and as JSON for a script. `syncserver report` and the app's "Export CSV" both call reportCsv(),
 * so their files are the same.
 */

/** How a table writes a time: for people ("2026-11-03 14:05") or for programs (ISO 8601 with the offset). */
enum class TimeStyle { Readable, Iso8601 };

/** @p at in local time, as @p style says. */
[[nodiscard]] std::string formatReportTime(Millis at, TimeStyle style = TimeStyle::Readable);

/** A column of a list's table: its JSON key and its heading. Id columns go to JSON only. */
struct ReportColumn {
    std::string_view key;
    std::string_view title;
    bool id = false;
};

/** The list behind one measure as rows of text, one cell per column. */
struct ReportTable {
    Measure measure = Measure::BuildsInstalled;
    std::vector<ReportColumn> columns;
    std::vector<std::vector<std::string>> rows;
};

/** The table of @p m's list in @p report. */
[[nodiscard]] ReportTable reportTable(const Report &report, Measure m, TimeStyle style = TimeStyle::Readable);

/** "November 2026", or "2026-11-03 to 2026-11-16" for another period (its last day). */
[[nodiscard]] std::string reportPeriodWords(const Report &report);

/** The counts, then each list with its rows, then the 12 months: for a terminal, columns aligned. */
[[nodiscard]] std::string reportText(const Report &report);

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted where they hold a comma, quote or line break): a
 * section per part, each a title row, a heading row and its rows, a blank line between them: the
 * report's heading, the counts with their rules, the 12 months, then each list in the report's order.
 */
[[nodiscard]] std::string reportCsv(const Report &report);

/**
 * One JSON object: school, month (or null), from, to and as_of (ISO 8601), counts (by key), measures
 * (key, title, rule, fits, count, in order), lists (by key: an array of objects, one per row, with
 * the table's columns and the records' ids) and series (12 objects: month and each count by key).
 */
[[nodiscard]] std::string reportJson(const Report &report);

/** One CSV field as RFC 4180 writes it: quoted, with its quotes doubled, when it must be. */
[[nodiscard]] std::string csvField(std::string_view text);

} // namespace rd
