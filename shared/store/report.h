#pragma once

#include "domain/entities.h"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Store;

/**
 * The monthly Release Management report: FITS's five measurements, the ITIL measures beside them,
 * each with the records behind it, and a 12-month series of each for the chart. The server's
 * `syncserver report` and the release manager's Report page both read it from here, so they
 * count alike; reportformat.h writes it as text, CSV and JSON.
 *
 * A period is [from, to) in Unix milliseconds. A month is a calendar month in the local time zone
 * of the computer that makes the report (the server's TZ; the release manager's tablet's), from
 * midnight on its first day to midnight on the next month's first day.
 *
 * The rules, each said once here (and in the user guide, "The office: the monthly report"):
 *
 * FITS measurements
 * - Builds installed: installations accepted (signed off by their user) in the period, counted
 *   at the sign-off's time. An installation backed out is not installed.
 * - Builds created: build procedure versions created in the period, whatever became of them.
 * - Builds documented: build procedure versions documented at the period's end: approved before
 *   the end, not retired by then, of a service in the school at the end. Approving a new version
 *   retires the one before it, so a service has at most one; a version approved and then retired
 *   within the period is created, but not documented.
 * - Services: services in the school at the period's end: created before the end, not retired
 *   by then.
 * - Services still to document: of those services, the ones with no documented build procedure
 *   at the end.
 *
 * ITIL measures
 * - Back-outs: installations backed out in the period.
 * - Failed checklist lines: checklist results recorded "fail" in the period, each one (a line
 *   failed, fixed and passed on a retest counts once; failed twice, twice).
 * - Scan overrides: refused scans taken on an installer's word in the period.
 * - Not signed off within 7 days: installations still not signed off 7 days (7 x 24 hours) after
 *   they started. Those started in the period that were accepted (or backed out) more than 7 days
 *   after their start, or are still open more than 7 days after it; and those started before the
 *   period and still open at its end (or now, for a period not over yet), 7 days after their
 *   start by then. An installation backed out within its 7 days was closed in time: its back-out
 *   counts under Back-outs.
 */

/** A report's period: [from, to) in Unix milliseconds. */
struct ReportPeriod {
    Millis from = 0;
    Millis to = 0;
    bool operator==(const ReportPeriod &) const = default;
};

/** A calendar month in the local time zone. */
struct ReportMonth {
    int year = 1970;
    int month = 1; ///< 1 to 12

    /** "2026-11"; nothing when @p text is not a month (2026-13, 26-11, 2026-1). */
    [[nodiscard]] static std::optional<ReportMonth> parse(std::string_view text);
    /** The month @p at falls in, in local time. */
    [[nodiscard]] static ReportMonth containing(Millis at);
    [[nodiscard]] std::string toString() const; ///< "2026-11"
    [[nodiscard]] std::string name() const;     ///< "November 2026"
    [[nodiscard]] ReportMonth previous() const;
    [[nodiscard]] ReportMonth next() const;
    /** From local midnight on its first day to local midnight on the next month's first day. */
    [[nodiscard]] ReportPeriod period() const;
    auto operator<=>(const ReportMonth &) const = default;
};

/** What the report counts, in the order it says them: FITS's five, then ITIL's four. */
enum class Measure {
    BuildsInstalled,
    BuildsCreated,
    BuildsDocumented,
    Services,
    ServicesToDocument,
    BackOuts,
    FailedLines,
    ScanOverrides,
    LateSignOffs,
};
inline constexpr std::size_t kMeasureCount = 9;

/** A measure as the report names it: its key (JSON, the app), its words, and its rule in one sentence. */
struct MeasureInfo {
    Measure measure;
    std::string_view key;        ///< "builds_installed"
    std::string_view title;      ///< "Builds installed"
    std::string_view shortTitle; ///< "Installed", for the 12-month table's columns
    std::string_view rule;       ///< "Installations accepted (signed off) in the period."
    bool fits = true;            ///< one of FITS's five; the ITIL measures otherwise
};
/** Every measure, in the report's order. */
[[nodiscard]] std::span<const MeasureInfo> measures() noexcept;
[[nodiscard]] const MeasureInfo &measureInfo(Measure m) noexcept;
/** The measure whose key is @p key, if any. */
[[nodiscard]] std::optional<Measure> measureByKey(std::string_view key) noexcept;

/** The nine counts of a period. */
struct ReportCounts {
    std::array<int, kMeasureCount> values{};
    [[nodiscard]] int operator[](Measure m) const { return values[static_cast<std::size_t>(m)]; }
    int &operator[](Measure m) { return values[static_cast<std::size_t>(m)]; }
    bool operator==(const ReportCounts &) const = default;
};

/** An installation behind Builds installed, Back-outs or Not signed off within 7 days. */
struct ReportInstallation {
    Id installationId;
    Id assetId;
    Id buildId;
    std::string release; ///< its number
    std::string service;
    int buildVersion = 0;
    std::string assetTag;
    std::string serial;
    std::string model;
    std::string site; ///< the release's
    std::string room; ///< the asset's now
    std::string installer;
    Millis startedAt = 0;
    InstallationStatus status = InstallationStatus::InProgress;
    std::optional<Millis> endedAt; ///< accepted or backed out
    std::string signedBy;          ///< the user who accepted it, as they wrote their name
    std::string backedOutBy;
    std::string backOutReason;
};

/** A build procedure version behind Builds created or Builds documented. */
struct ReportBuild {
    Id buildId;
    Id serviceId;
    std::string service;
    int version = 0;
    BuildStatus status = BuildStatus::Draft; ///< now
    Millis createdAt = 0;
    std::string createdBy;
    std::optional<Millis> approvedAt;
    std::string approvedBy;
    std::optional<Millis> retiredAt;
};

/** A service behind Services or Services still to document. */
struct ReportService {
    Id serviceId;
    std::string name;
    std::string owner;
    Millis createdAt = 0;
    std::optional<Id> documentedBy; ///< its build procedure version documented at the period's end
    int documentedVersion = 0;
    std::optional<Millis> documentedSince; ///< that version's approval
    int latestVersion = 0;                 ///< its newest version now, 0 when it has none
    std::optional<BuildStatus> latestStatus;
};

/** A checklist result recorded "fail". */
struct ReportFailedLine {
    Id stepResultId;
    Id installationId;
    Id assetId;
    std::string release;
    std::string service;
    int buildVersion = 0;
    std::string assetTag;
    std::string serial;
    StepPart part = StepPart::Installation;
    std::string step; ///< the line's words
    Millis at = 0;
    std::string by;
    std::string note;
};

/** A refused scan taken on an installer's word. */
struct ReportScanOverride {
    Id overrideId;
    Id assetId;
    std::optional<Id> installationId;
    std::string release; ///< empty when it was not scanned in an installation
    std::string assetTag;
    std::string serial;
    std::string field; ///< "serial" or "asset-tag"
    std::string value;
    std::string refusal;
    std::string reason;
    Millis at = 0;
    std::string by;
};

/** The records behind each count, in time order (services by name). */
struct ReportLists {
    std::vector<ReportInstallation> buildsInstalled;
    std::vector<ReportBuild> buildsCreated;
    std::vector<ReportBuild> buildsDocumented;
    std::vector<ReportService> services;
    std::vector<ReportService> servicesToDocument;
    std::vector<ReportInstallation> backOuts;
    std::vector<ReportFailedLine> failedLines;
    std::vector<ReportScanOverride> scanOverrides;
    std::vector<ReportInstallation> lateSignOffs;

    /** How many records the list of @p m holds (equal to the count). */
    [[nodiscard]] std::size_t size(Measure m) const;
};

/** One month of the series. */
struct ReportSeriesPoint {
    ReportMonth month;
    ReportCounts counts;
};

/** The whole report of a period. */
struct Report {
    std::string school;               ///< ReportViews::schoolName()
    ReportPeriod period;
    std::optional<ReportMonth> month; ///< when the period is one month
    Millis asOf = 0;                  ///< when it was made: "still open" means open then
    ReportCounts counts;
    ReportLists lists;
    /** The 12 months ending with the period's (last) month, oldest first. */
    std::vector<ReportSeriesPoint> series;
};

/**
 * Reads the report from a Store. Read-only, like Views; each call reads in one snapshot, so the
 * counts, lists and series agree with each other even while the server writes.
 */
class ReportViews {
public:
    explicit ReportViews(Store &store)
        : m_store(store)
    {}

    /** The counts of @p period; @p asOf is now, for what is still open. Refuses an empty period (ValidationError). */
    [[nodiscard]] ReportCounts counts(ReportPeriod period, Millis asOf);
    /** The records behind each count of @p period; only @p only's when given. */
    [[nodiscard]] ReportLists lists(ReportPeriod period, Millis asOf, std::optional<Measure> only = std::nullopt);
    /** The counts of the @p months months ending with @p last, oldest first. */
    [[nodiscard]] std::vector<ReportSeriesPoint> series(ReportMonth last, Millis asOf, int months = 12);
    /** A month's report: counts, lists and the 12 months ending with it. */
    [[nodiscard]] Report monthly(ReportMonth month, Millis asOf);
    /** Any period's report: counts, lists and the 12 months ending with the month of its last moment. */
    [[nodiscard]] Report forPeriod(ReportPeriod period, Millis asOf);
    /**
     * The school's name for a report's heading: its one site's name, or what its sites' names
     * share ("Riverside Academy - Upper School" and "... - Lower School": "Riverside Academy"),
     * or their names joined.
     */
    [[nodiscard]] std::string schoolName();

private:
    ReportCounts countsIn(ReportPeriod period, Millis asOf);
    Report build(ReportPeriod period, std::optional<ReportMonth> month, Millis asOf);

    Store &m_store;
};

} // namespace rd
