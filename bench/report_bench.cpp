// report_bench: the monthly report (issue 11) on the demo school, then on a big school: 50,000
// installations over the two years to the month (20 checklist results each: 1,000,000, about 3% of
// them failed), back-outs, installations left open and 2,000 scan overrides, written through the
// Store's checked write methods. Measures, median of several runs:
//   counts_ms       the nine counts of the month
//   series_ms       the 12-month series (the chart)
//   monthly_ms      the whole month's report: counts, every list and the series
//   csv_ms          that report written as CSV
// and series_without_indexes_ms: the series again with migration 7's indexes dropped, for comparison.
// Ends with one JSON line.
//
//   build/bench/report_bench [--installations N] [--db FILE]
#include "demo/demodata.h"
#include "store/report.h"
#include "store/reportformat.h"
#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace rd;
using Clock = std::chrono::steady_clock;

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double timeMs(int runs, const std::function<void()> &what)
{
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        what();
        t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return median(t);
}

struct Figures {
    double counts = 0, series = 0, monthly = 0, csv = 0;
    std::size_t csvBytes = 0;
};

Figures measure(Store &store, ReportMonth month, Millis asOf, int runs)
{
    ReportViews views(store);
    Figures f;
    f.counts = timeMs(runs, [&] { (void)views.counts(month.period(), asOf); });
    f.series = timeMs(runs, [&] { (void)views.series(month, asOf); });
    f.monthly = timeMs(std::max(3, runs / 4), [&] { (void)views.monthly(month, asOf); });
    const auto report = views.monthly(month, asOf);
    f.csv = timeMs(std::max(3, runs / 4), [&] { f.csvBytes = reportCsv(report).size(); });
    return f;
}

/** The big school's history, on top of the demo school: returns how many installations were written. */
int fill(Store &store, ReportMonth month, Millis asOf, int installations)
{
    std::mt19937 rng(20261201);
    const Id manager = store.userByName(DemoUsers::releaseManager)->id;
    const Id developer = store.userByName(DemoUsers::buildDeveloper)->id;
    const Id sam = store.userByName(DemoUsers::installer)->id;
    const auto site = store.sites().front();
    const Millis start = month.period().to - 730 * kDay;

    Store::Batch setup(store);
    const Id service = store.addService({{}, "Bench laptop", "", start - kDay});
    BuildProcedure b;
    b.serviceId = service;
    b.createdBy = developer;
    b.createdAt = start - kDay;
    for (int i = 1; i <= 20; ++i)
        b.steps.push_back({{}, i <= 16 ? StepPart::Installation : StepPart::Acceptance, i,
                           "Step " + std::to_string(i), "", true});
    const Id build = store.addBuildProcedure(b);
    store.submitBuild(build, developer, start - kDay);
    store.approveBuild(build, manager, start - kDay);
    const auto steps = store.buildProcedure(build)->steps;
    setup.commit();

    constexpr int kUnits = 500;
    std::uniform_int_distribution<int> pct(0, 99);
    std::uniform_int_distribution<Millis> within(0, 730 * kDay - 1);
    std::uniform_int_distribution<Millis> hours(1, 240);
    Id release;
    int written = 0;
    while (written < installations) {
        Store::Batch batch(store);
        for (int k = 0; k < 500 && written < installations; ++k, ++written) {
            if (written % kUnits == 0) {
                Release r;
                r.number = "BENCH-" + std::to_string(written / kUnits);
                r.kind = ReleaseKind::Rollout;
                r.units = kUnits;
                r.buildId = build;
                r.siteId = site.id;
                r.plannedDate = "2025-01-01";
                r.installers = {sam};
                r.createdBy = manager;
                r.createdAt = start;
                release = store.addRelease(r);
            }
            Asset a;
            a.serial = "BENCH" + std::to_string(written);
            a.assetTag = "RAU-B" + std::to_string(written);
            a.make = "Dell";
            a.model = "Latitude 3440";
            a.category = "Laptop";
            a.siteId = site.id;
            const Millis at = std::min(start + within(rng), asOf - kDay);
            const Id inst = store.startInstallation(
                {{}, release, store.addAsset(a), InstallationStatus::InProgress, sam, at});
            Millis t = at;
            for (const auto &s : steps) {
                t += 60000;
                if (pct(rng) < 3) // failed, then passed on a retest
                    store.recordStepResult({{}, inst, s.id, StepOutcome::Fail, "retest", "", sam, t});
                store.recordStepResult({{}, inst, s.id, StepOutcome::Pass, "", "", sam, t + 1000});
            }
            const int fate = pct(rng);
            const Millis end = std::min(at + hours(rng) * 3600000, asOf - 1);
            if (fate < 90)
                store.signOff({{}, inst, "A user", "1,1 2,2", end, sam});
            else if (fate < 95)
                store.recordBackOut({{}, inst, "Did not work in the room", sam, end});
            if (written % 25 == 0)
                store.recordScanOverride(
                    {{}, store.installation(inst)->assetId, inst, "serial", "4006381333931", "an EAN-13 product code",
                     "No serial label", sam, at});
        }
        batch.commit();
        std::fprintf(stderr, "\r%d installations", written);
    }
    std::fprintf(stderr, "\n");
    return written;
}

} // namespace

int main(int argc, char **argv)
{
    int installations = 50000;
    std::string path = (std::filesystem::temp_directory_path() / "releasedesk_report_bench.db").string();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--installations")
            installations = std::stoi(argv[i + 1]);
        else if (a == "--db")
            path = argv[i + 1];
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);

    const Millis asOf = static_cast<Millis>(std::time(nullptr)) * 1000;
    const auto month = ReportMonth::containing(asOf).previous(); // the month just ended
    Store store(path);
    (void)seedDemo(store, asOf, {});
    const auto demo = measure(store, month, asOf, 40);
    std::fprintf(stderr, "demo school: series %.2f ms, whole report %.2f ms\n", demo.series, demo.monthly);

    const auto fillStart = Clock::now();
    const int written = fill(store, month, asOf, installations);
    const double fillS = std::chrono::duration<double>(Clock::now() - fillStart).count();
    store.database().exec("ANALYZE");
    const auto big = measure(store, month, asOf, 20);
    const auto counts = ReportViews(store).counts(month.period(), asOf);
    std::fprintf(stderr, "big school: counts %.2f ms, series %.2f ms, whole report %.2f ms, csv %.2f ms (%zu bytes)\n",
                 big.counts, big.series, big.monthly, big.csv, big.csvBytes);

    for (const char *index : {"installations_ended", "installations_started", "step_results_failed",
                              "scan_overrides_recorded"})
        store.database().exec(std::string("DROP INDEX ") + index);
    ReportViews views(store);
    const double without = timeMs(3, [&] { (void)views.series(month, asOf); });
    std::fprintf(stderr, "series without migration 7's indexes: %.1f ms\n", without);

    std::printf("{\"bench\":\"report\",\"month\":\"%s\",\"demo_series_ms\":%.2f,\"demo_monthly_ms\":%.2f,"
                "\"installations\":%d,\"fill_s\":%.1f,\"month_installed\":%d,\"month_failed_lines\":%d,"
                "\"counts_ms\":%.2f,\"series_ms\":%.2f,\"monthly_ms\":%.2f,\"csv_ms\":%.2f,\"csv_bytes\":%zu,"
                "\"series_without_indexes_ms\":%.1f}\n",
                month.toString().c_str(), demo.series, demo.monthly, written, fillS,
                counts[Measure::BuildsInstalled], counts[Measure::FailedLines], big.counts, big.series, big.monthly,
                big.csv, big.csvBytes, without);
    return 0;
}
