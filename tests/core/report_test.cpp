// The monthly report against months built by hand: each count, and each list behind it equal to the
// records put in, with the edges of the rules (the first and last millisecond of the month, a build
// approved then retired within it, a service retired, an installation still open).
#include "fixture.h"

#include "store/report.h"
#include "store/reportformat.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

using namespace rd;
using namespace rd::test;

namespace {

template <typename Row, typename Key>
std::vector<Id> ids(const std::vector<Row> &rows, Key key)
{
    std::vector<Id> out;
    for (const auto &r : rows)
        out.push_back(r.*key);
    return out;
}

/** November 2026 at the school, and around it, with every kind of record the report reads. */
struct ReportMonthFixture : SchoolFixture {
    const ReportMonth month{2026, 11};
    const ReportPeriod p = month.period();
    /** 10:00 on day @p n of the month (0 and below: the days before it). */
    Millis day(int n) const { return p.from + (n - 1) * kDay + 10 * 3600 * 1000; }
    const Millis asOf = p.to + 14 * kDay;

    Id release;
    int assets = 1;
    // Services and build procedure versions.
    Id laptopV2, mis, misDraft, exam, kiosk, kioskV1, board, boardV1, desktop, desktopV1, future;
    // Installations.
    Id lastMs, nextMonth, firstMs, backedOut, lateAccepted, openInMonth, openSinceOctober, october,
        backedOutLate, openRecently;
    // Failed lines and overrides.
    Id failE, failF1, failF2, overrideA, overrideAlone;

    Id addBuild(const Id &svc, Millis createdAt)
    {
        BuildProcedure b;
        b.serviceId = svc;
        b.hardwareModel = "Any";
        b.createdBy = developer;
        b.createdAt = createdAt;
        b.steps = {{{}, StepPart::Installation, 1, "Install it", "", true}};
        return store.addBuildProcedure(b);
    }
    Id approved(const Id &svc, Millis createdAt, Millis approvedAt)
    {
        const Id b = addBuild(svc, createdAt);
        store.submitBuild(b, developer, approvedAt);
        store.approveBuild(b, manager, approvedAt);
        return b;
    }
    Id start(Millis at)
    {
        const auto n = std::to_string(++assets);
        return store.startInstallation({{}, release, addAsset("SER" + n, "RAU-9" + n), InstallationStatus::InProgress,
                                        installer, at});
    }
    void passAll(const Id &inst, Millis at)
    {
        for (const auto &line : store.checklist(inst))
            store.recordStepResult({{}, inst, line.step.id,
                                    line.step.required ? StepOutcome::Pass : StepOutcome::NotApplicable, "", "",
                                    installer, at});
    }
    Id accepted(Millis startedAt, Millis signedAt)
    {
        const Id inst = start(startedAt);
        passAll(inst, startedAt + 1000);
        store.signOff(signOffFor(inst, signedAt));
        return inst;
    }
    Id fail(const Id &inst, Millis at, const std::string &note)
    {
        // The first line of the installation's own build version (v2's lines are v1's, with ids of their own).
        return store.recordStepResult(
            {{}, inst, store.checklist(inst).front().step.id, StepOutcome::Fail, note, "", installer, at});
    }

    ReportMonthFixture()
    {
        // The fixture's "Curriculum laptop" (January) is documented by v1; v2 is made and approved in
        // November, which retires v1.
        laptopV2 = store.newBuildVersion(build, developer, day(2));
        store.submitBuild(laptopV2, developer, day(4));
        store.approveBuild(laptopV2, manager, day(4));
        // MIS client: never documented; a draft begun in November.
        mis = store.addService({{}, "MIS client", "", kT0 + 5 * kDay});
        misDraft = addBuild(mis, day(15));
        // Exam PC: arrives in November, nothing written yet.
        exam = store.addService({{}, "Exam PC", "", day(10)});
        // Library kiosk: documented since February, the service retired in November.
        kiosk = store.addService({{}, "Library kiosk", "", kT0});
        kioskV1 = approved(kiosk, kT0 + 30 * kDay, kT0 + 31 * kDay);
        store.retireService(kiosk, manager, day(20));
        // Whiteboard: its first version created, approved and retired within November.
        board = store.addService({{}, "Interactive whiteboard", "", kT0});
        boardV1 = approved(board, day(3), day(5));
        store.retireBuild(boardV1, day(25), manager);
        // Staff desktop: documented since March, nothing new.
        desktop = store.addService({{}, "Staff desktop", "", kT0});
        desktopV1 = approved(desktop, kT0 + 60 * kDay, kT0 + 61 * kDay);
        // Arrives in December: not in November's school.
        future = store.addService({{}, "Visualiser", "", p.to + kDay});

        auto spec = releaseSpec("R-2026-100", 30);
        spec.buildId = laptopV2;
        release = store.addRelease(spec);
        lastMs = accepted(day(27), p.to - 1);        // accepted on the month's last millisecond
        nextMonth = accepted(day(27), p.to);         // ... and on the next month's first
        firstMs = accepted(day(-1), p.from);         // started in October, accepted at November's first ms
        backedOut = start(day(5));                   // backed out the next day
        store.recordBackOut({{}, backedOut, "No network in the room", installer, day(6)});
        lateAccepted = start(day(2));                // a failed line, retested, accepted after 10 days
        failE = fail(lateAccepted, day(3), "Image did not deploy");
        passAll(lateAccepted, day(4));
        store.signOff(signOffFor(lateAccepted, day(12)));
        openInMonth = start(day(20));                // still open, its 7 days long past
        failF1 = fail(openInMonth, day(21), "Domain join refused");
        failF2 = fail(openInMonth, day(22), "Domain join refused again");
        fail(openInMonth, p.to, "December's failure"); // the next month's
        openSinceOctober = start(day(-30));          // open since 1 October
        october = accepted(day(-30), day(-11));      // October's, late there
        backedOutLate = start(day(-3));              // started 28 October, backed out 10 November
        store.recordBackOut({{}, backedOutLate, "Wrong model delivered", installer, day(10)});
        openRecently = start(day(25));               // open, 7 days old on 2 December

        const Id assetA = store.installation(lastMs)->assetId;
        overrideA = store.recordScanOverride(
            {{}, assetA, lastMs, "serial", "4006381333931", "an EAN-13 product code", "Serial label missing", installer,
             day(27)});
        overrideAlone = store.recordScanOverride(
            {{}, asset, std::nullopt, "asset-tag", "OLD-123", "not this site's pattern", "Old tag kept", installer,
             day(15)});
        store.recordScanOverride({{}, asset, std::nullopt, "asset-tag", "OLD-124", "not this site's pattern",
                                  "Old tag kept", installer, p.from - 1}); // October's last millisecond
    }
};

} // namespace

TEST_CASE_METHOD(ReportMonthFixture, "Each count of a hand-built month has the list behind it", "[report]")
{
    ReportViews views(store);
    const auto r = views.monthly(month, asOf);
    const auto &l = r.lists;
    using M = Measure;

    // Builds installed: accepted in November, from its first millisecond to its last.
    CHECK(ids(l.buildsInstalled, &ReportInstallation::installationId) == std::vector{firstMs, lateAccepted, lastMs});
    CHECK(l.buildsInstalled.front().endedAt == p.from);
    CHECK(l.buildsInstalled.back().endedAt == p.to - 1);
    CHECK(l.buildsInstalled.back().signedBy == "Mrs A. Patel");
    CHECK(l.buildsInstalled.back().release == "R-2026-100");
    CHECK(l.buildsInstalled.back().service == "Curriculum laptop");
    CHECK(l.buildsInstalled.back().buildVersion == 2);
    CHECK(l.buildsInstalled.back().installer == "Sam Okafor");

    // Builds created in November, whatever became of them: the laptop's v2, the whiteboard's v1
    // (approved and retired since) and the MIS client's draft.
    CHECK(ids(l.buildsCreated, &ReportBuild::buildId) == std::vector{laptopV2, boardV1, misDraft});
    // Documented at the end: the laptop's v2 (v1 retired by its approval) and the desktop's v1; not
    // the whiteboard's (retired in the month) nor the kiosk's (its service retired).
    CHECK(ids(l.buildsDocumented, &ReportBuild::buildId) == std::vector{laptopV2, desktopV1});
    // Services at the end, by name: not the retired kiosk, not December's visualiser.
    CHECK(ids(l.services, &ReportService::serviceId) == std::vector{service, exam, board, mis, desktop});
    CHECK(ids(l.servicesToDocument, &ReportService::serviceId) == std::vector{exam, board, mis});
    const auto &misRow = l.servicesToDocument.back();
    CHECK(misRow.latestVersion == 1);
    CHECK(misRow.latestStatus == BuildStatus::Draft);
    CHECK(l.services.front().documentedBy == laptopV2);
    CHECK(l.services.front().documentedVersion == 2);

    // ITIL: back-outs, failed lines (a retest that passed still counts its fail), overrides.
    CHECK(ids(l.backOuts, &ReportInstallation::installationId) == std::vector{backedOut, backedOutLate});
    CHECK(l.backOuts.front().backOutReason == "No network in the room");
    CHECK(l.backOuts.front().backedOutBy == "Sam Okafor");
    CHECK(ids(l.failedLines, &ReportFailedLine::stepResultId) == std::vector{failE, failF1, failF2});
    CHECK(l.failedLines.front().step == "Deploy the image");
    CHECK(l.failedLines.front().note == "Image did not deploy");
    CHECK(ids(l.scanOverrides, &ReportScanOverride::overrideId) == std::vector{overrideAlone, overrideA});
    CHECK(l.scanOverrides.back().release == "R-2026-100");
    CHECK(l.scanOverrides.front().release.empty());
    // Not signed off within 7 days: open since October; accepted after 10 days; open since the 20th;
    // open since the 25th (7 days old on 2 December, before asOf). Not the one backed out the next
    // day, nor the late back-out that started in October and ended within November.
    CHECK(ids(l.lateSignOffs, &ReportInstallation::installationId) ==
          std::vector{openSinceOctober, lateAccepted, openInMonth, openRecently});

    // Each count is its list's length.
    for (const auto &info : measures()) {
        INFO(info.title);
        CHECK(static_cast<std::size_t>(r.counts[info.measure]) == l.size(info.measure));
    }
    CHECK(r.counts[M::BuildsInstalled] == 3);
    CHECK(r.counts[M::ServicesToDocument] == 3);
    CHECK(views.counts(p, asOf) == r.counts);
    CHECK(r.school == "Lower School, Upper School"); // two sites whose names share no words
}

TEST_CASE_METHOD(ReportMonthFixture, "The 12-month series counts each month by the same rules", "[report]")
{
    ReportViews views(store);
    const auto series = views.series(month, asOf);
    REQUIRE(series.size() == 12);
    CHECK(series.front().month == ReportMonth{2025, 12});
    CHECK(series.back().month == month);
    for (const auto &point : series) {
        INFO(point.month.toString());
        CHECK(point.counts == views.counts(point.month.period(), asOf));
    }
    CHECK(series.back().counts == views.counts(p, asOf));
    const auto &oct = series[10].counts;
    CHECK(oct[Measure::BuildsInstalled] == 1); // October's own; November's first-millisecond one is not
    CHECK(oct[Measure::BackOuts] == 0);
    CHECK(oct[Measure::ScanOverrides] == 1); // on its last millisecond
    // Late in October: accepted after 19 days; backed out after 13; open since the 1st.
    CHECK(oct[Measure::LateSignOffs] == 3);
    CHECK(oct[Measure::Services] == 5);            // the kiosk still there, the exam PC not yet
    CHECK(oct[Measure::BuildsDocumented] == 3);    // laptop v1, kiosk v1, desktop v1; no whiteboard yet
    CHECK(oct[Measure::ServicesToDocument] == 2);  // the MIS client and the whiteboard
    // December holds what crossed the month's end.
    const auto december = views.counts(month.next().period(), asOf);
    CHECK(december[Measure::BuildsInstalled] == 1);
    CHECK(december[Measure::FailedLines] == 1);
}

TEST_CASE_METHOD(ReportMonthFixture, "Still open is judged when the report is made", "[report]")
{
    ReportViews views(store);
    // On the 28th, the installation started on the 25th is 3 days old: not late yet; the one
    // started on the 20th is; the one open since October is open now, 7 days old long ago.
    const auto early = views.lists(p, day(28), Measure::LateSignOffs).lateSignOffs;
    CHECK(ids(early, &ReportInstallation::installationId) == std::vector{openSinceOctober, lateAccepted, openInMonth});
    CHECK(views.counts(p, day(28))[Measure::LateSignOffs] == 3);
    // Only the list asked for is read.
    const auto only = views.lists(p, asOf, Measure::BackOuts);
    CHECK(only.backOuts.size() == 2);
    CHECK(only.buildsInstalled.empty());
}

TEST_CASE_METHOD(SchoolFixture, "The report gives the five FITS counts for any period", "[report]")
{
    // Fixture: one service (created at kT0), its build v1 created at kT0 and approved at kT0 + 1 day.
    const Millis jan = kT0, feb = kT0 + 31 * kDay, mar = feb + 28 * kDay;
    store.addService({{}, "MIS client", "", kT0 + 5 * kDay}); // never documented
    store.addService({{}, "Exam PC", "", feb + 2 * kDay});    // arrives in February

    // In February: build v2 created and approved, v1 retired; one installation accepted, one backed out.
    const Id v2 = store.newBuildVersion(build, developer, feb + kDay);
    store.submitBuild(v2, developer, feb + kDay);
    store.approveBuild(v2, manager, feb + 2 * kDay); // and v1 retires
    auto r = releaseSpec("R-1", 2);
    r.buildId = v2;
    const Id rel = store.addRelease(r);
    const Id done = store.startInstallation({{}, rel, asset, InstallationStatus::InProgress, installer, feb + 8 * kDay});
    for (const auto &line : store.checklist(done))
        if (line.step.required)
            store.recordStepResult(
                {{}, done, line.step.id, StepOutcome::Pass, "", "", installer, feb + 9 * kDay});
    store.signOff(signOffFor(done, feb + 10 * kDay));
    const Id failed =
        store.startInstallation({{}, rel, addAsset("S2", "RAU-00002"), InstallationStatus::InProgress, installer,
                                 feb + 10 * kDay});
    store.recordBackOut({{}, failed, "No network", installer, feb + 11 * kDay});

    ReportViews views(store);
    using M = Measure;
    const auto january = views.counts({jan, feb}, mar);
    CHECK(january[M::BuildsInstalled] == 0);
    CHECK(january[M::BuildsCreated] == 1);
    CHECK(january[M::BuildsDocumented] == 1);
    CHECK(january[M::Services] == 2);
    CHECK(january[M::ServicesToDocument] == 1); // MIS client

    const auto february = views.counts({feb, mar}, mar);
    CHECK(february[M::BuildsInstalled] == 1); // the backed-out one does not count
    CHECK(february[M::BuildsCreated] == 1);
    CHECK(february[M::BuildsDocumented] == 1); // v2 replaced v1
    CHECK(february[M::Services] == 3);
    CHECK(february[M::ServicesToDocument] == 2); // MIS client and Exam PC
    CHECK(february[M::BackOuts] == 1);

    // Any period: the first quarter holds both months' installations and creations.
    const auto quarter = views.forPeriod({jan, mar + 31 * kDay}, mar);
    CHECK_FALSE(quarter.month);
    CHECK(quarter.counts[M::BuildsCreated] == 2);
    CHECK(quarter.series.size() == 12);

    CHECK_THROWS_AS(views.counts({feb, jan}, mar), ValidationError);
    CHECK_THROWS_AS(views.counts({feb, feb}, mar), ValidationError);
}

TEST_CASE("Months are read, named and stepped", "[report]")
{
    CHECK(ReportMonth::parse("2026-11") == ReportMonth{2026, 11});
    for (const char *bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "", "abcd-ef", "1969-12"})
        CHECK_FALSE(ReportMonth::parse(bad));
    CHECK(ReportMonth{2026, 12}.next() == ReportMonth{2027, 1});
    CHECK(ReportMonth{2026, 1}.previous() == ReportMonth{2025, 12});
    CHECK(ReportMonth{2026, 11}.name() == "November 2026");
    CHECK(ReportMonth{2026, 3}.toString() == "2026-03");
    const auto p = ReportMonth{2026, 11}.period();
    CHECK(ReportMonth::containing(p.from) == ReportMonth{2026, 11});
    CHECK(ReportMonth::containing(p.to - 1) == ReportMonth{2026, 11});
    CHECK(ReportMonth::containing(p.to) == ReportMonth{2026, 12});
    CHECK(p.to - p.from >= 30 * kDay - 3600 * 1000); // a day of 25 hours when the clocks go back
    CHECK(p.to - p.from <= 30 * kDay + 3600 * 1000);
    CHECK(measureByKey("services_to_document") == Measure::ServicesToDocument);
    CHECK_FALSE(measureByKey("nope"));
    CHECK(measures().size() == kMeasureCount);
    for (std::size_t i = 0; i < measures().size(); ++i)
        CHECK(static_cast<std::size_t>(measures()[i].measure) == i);
}

TEST_CASE_METHOD(ReportMonthFixture, "The report as text, CSV and JSON", "[report]")
{
    ReportViews views(store);
    const auto r = views.monthly(month, asOf);

    SECTION("CSV: a section per part, quoted as RFC 4180 says")
    {
        CHECK(csvField("plain") == "plain");
        CHECK(csvField("a, b") == "\"a, b\"");
        CHECK(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
        CHECK(csvField("two\nlines") == "\"two\nlines\"");
        const auto csv = reportCsv(r);
        CHECK_THAT(csv, Catch::StartsWith("Release Management report\r\n"));
        CHECK_THAT(csv, Catch::Contains("\r\nMonth,2026-11\r\n"));
        CHECK_THAT(csv, Catch::Contains("\r\nBuilds installed,3,FITS,"));
        CHECK_THAT(csv, Catch::Contains("\r\nServices still to document,3,FITS,"));
        CHECK_THAT(csv, Catch::Contains("\r\nNot signed off within 7 days,4,ITIL,"));
        CHECK_THAT(csv, Catch::Contains("\r\n12 months\r\nMonth,Builds installed,"));
        CHECK_THAT(csv, Catch::Contains("\r\n2026-11,3,3,2,5,3,2,3,2,4\r\n"));
        CHECK_THAT(csv, Catch::Contains("\r\nServices still to document\r\nService,Owner,Created,Now\r\n"
                                        "Exam PC,,"));
        CHECK_THAT(csv, Catch::Contains(",MIS client,v1,"));
        // Every line ends CRLF; no bare LF outside quotes.
        CHECK(csv.find("\n") == csv.find("\r\n") + 1);
    }
    SECTION("Text: the counts and every list, readable")
    {
        const auto text = reportText(r);
        CHECK_THAT(text, Catch::StartsWith("Release Management report for 2026-11"));
        CHECK_THAT(text, Catch::Contains("Builds installed:"));
        CHECK_THAT(text, Catch::Contains("Services still to document (3)"));
        CHECK_THAT(text, Catch::Contains("Wrong model delivered"));
        CHECK_THAT(text, Catch::Contains("The 12 months to November 2026"));
    }
    SECTION("JSON: one object with counts, lists and the series")
    {
        const auto v = boost::json::parse(reportJson(r)).as_object();
        CHECK(v.at("month").as_string() == "2026-11");
        CHECK(v.at("counts").at("builds_installed").as_int64() == 3);
        CHECK(v.at("counts").at("late_sign_offs").as_int64() == 4);
        const auto &installed = v.at("lists").at("builds_installed").as_array();
        REQUIRE(installed.size() == 3);
        CHECK(installed[2].at("installation_id").as_string() == lastMs.toString());
        CHECK(installed[2].at("signed_by").as_string() == "Mrs A. Patel");
        CHECK(v.at("series").as_array().size() == 12);
        CHECK(v.at("series").as_array().back().at("month").as_string() == "2026-11");
        CHECK(v.at("measures").as_array().size() == kMeasureCount);
        CHECK(std::string(v.at("from").as_string().c_str()).substr(0, 19) == "2026-11-01T00:00:00");
    }
}
