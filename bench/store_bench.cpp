// Store benchmark: bulk inserts of assets, installations and step results through the Store's
// own checked write methods, in batches, then lookups by normalised serial. Prints progress on
// stderr and ends with one JSON line on stdout.
//
//   build/bench/store_bench [--assets N] [--step-results N] [--db FILE]
#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace rd;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::int64_t dbBytes(Store &store)
{
    return store.database().scalar("PRAGMA page_count") * store.database().scalar("PRAGMA page_size");
}

} // namespace

int main(int argc, char **argv)
{
    int assetCount = 100000;
    int resultCount = 1000000;
    std::string path = (std::filesystem::temp_directory_path() / "releasedesk_store_bench.db").string();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--assets")
            assetCount = std::stoi(argv[i + 1]);
        else if (a == "--step-results")
            resultCount = std::stoi(argv[i + 1]);
        else if (a == "--db")
            path = argv[i + 1];
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);

    constexpr int kBatch = 10000; // rows per transaction, as a sync page or an import would write them
    constexpr int kStepsPerBuild = 20;
    constexpr int kUnitsPerRelease = 500; // a large school rollout
    const int installationCount = (resultCount + kStepsPerBuild - 1) / kStepsPerBuild;

    Store store(path);
    const Millis t0 = 1767225600000; // 2026-01-01
    const Id user = store.addUser({{}, "bench", "Bench Installer", Role::ReleaseManager});
    const Id site = store.addSite({{}, "Bench School", "BS", ""});
    std::vector<Id> rooms;
    for (int i = 0; i < 40; ++i)
        rooms.push_back(store.addRoom({{}, site, "Room " + std::to_string(i + 1)}));
    const Id service = store.addService({{}, "Curriculum laptop", "", t0});
    BuildProcedure b;
    b.serviceId = service;
    b.hardwareModel = "Dell Latitude 3440";
    b.createdBy = user;
    b.createdAt = t0;
    for (int i = 0; i < kStepsPerBuild; ++i) {
        const auto part =
            i < 14 ? StepPart::Installation : (i < 17 ? StepPart::Stability : StepPart::Acceptance);
        b.steps.push_back({{}, part, i + 1, "Step " + std::to_string(i + 1), "", true});
    }
    const Id build = store.addBuildProcedure(b);
    store.submitBuild(build, user, t0);
    store.approveBuild(build, user, t0);
    const auto steps = store.buildProcedure(build)->steps;

    std::mt19937_64 rng(42);
    std::vector<std::string> serials;
    serials.reserve(static_cast<std::size_t>(assetCount));
    std::vector<Id> assets;
    assets.reserve(static_cast<std::size_t>(assetCount));
    std::int64_t rows = 0;
    Clock::duration insertTime{};
    Clock::duration phaseTime[3]{}; // assets, installations, step results
    std::vector<double> batchRates;

    // Assets.
    for (int done = 0; done < assetCount;) {
        const auto start = Clock::now();
        Store::Batch batch(store);
        const int n = std::min(kBatch, assetCount - done);
        for (int i = 0; i < n; ++i, ++done) {
            char serial[16];
            std::snprintf(serial, sizeof serial, "5CG%07llu",
                          static_cast<unsigned long long>(rng() % 10000000));
            std::snprintf(serial + 10, sizeof serial - 10, "%c", 'A' + done % 26);
            char tag[16];
            std::snprintf(tag, sizeof tag, "BS-%06d", done);
            Asset a;
            a.assetTag = std::string(tag);
            a.serial = std::string(serial);
            a.make = "HP";
            a.model = "ProBook 450 G10";
            a.category = "Laptop";
            a.siteId = site;
            a.roomId = rooms[static_cast<std::size_t>(done) % rooms.size()];
            a.status = AssetStatus::InStock;
            try {
                assets.push_back(store.addAsset(a));
                serials.push_back(serial);
            } catch (const DuplicateError &) { // a random serial repeated: make another
                --i;
                --done;
                continue;
            }
        }
        batch.commit();
        const auto d = Clock::now() - start;
        insertTime += d;
        phaseTime[0] += d;
        rows += n;
        batchRates.push_back(n / seconds(d));
    }
    std::fprintf(stderr, "assets: %d\n", assetCount);

    // Releases and installations.
    std::vector<Id> installations;
    installations.reserve(static_cast<std::size_t>(installationCount));
    Id release;
    for (int done = 0; done < installationCount;) {
        const auto start = Clock::now();
        Store::Batch batch(store);
        const int n = std::min(kBatch, installationCount - done);
        for (int i = 0; i < n; ++i, ++done) {
            if (done % kUnitsPerRelease == 0) {
                Release r;
                r.number = "R-" + std::to_string(done / kUnitsPerRelease + 1);
                r.kind = ReleaseKind::Rollout;
                r.units = kUnitsPerRelease;
                r.buildId = build;
                r.siteId = site;
                r.plannedDate = "2026-01-05";
                r.createdBy = user;
                r.createdAt = t0;
                release = store.addRelease(r);
                ++rows;
            }
            installations.push_back(
                store.startInstallation({{},
                                         release,
                                         assets[static_cast<std::size_t>(done) % assets.size()],
                                         InstallationStatus::InProgress,
                                         user,
                                         t0 + done * 1000LL}));
        }
        batch.commit();
        const auto d = Clock::now() - start;
        insertTime += d;
        phaseTime[1] += d;
        rows += n;
        batchRates.push_back(n / seconds(d));
    }
    std::fprintf(stderr, "installations: %d\n", installationCount);

    // Step results.
    const auto bytesBefore = dbBytes(store);
    for (int done = 0; done < resultCount;) {
        const auto start = Clock::now();
        Store::Batch batch(store);
        const int n = std::min(kBatch, resultCount - done);
        for (int i = 0; i < n; ++i, ++done) {
            const auto inst = installations[static_cast<std::size_t>(done / kStepsPerBuild)];
            const auto &step = steps[static_cast<std::size_t>(done % kStepsPerBuild)];
            store.recordStepResult({{}, inst, step.id, StepOutcome::Pass, "", "", user, t0 + done * 100LL});
        }
        batch.commit();
        const auto d = Clock::now() - start;
        insertTime += d;
        phaseTime[2] += d;
        rows += n;
        batchRates.push_back(n / seconds(d));
    }
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const auto bytesAfter = dbBytes(store);
    std::fprintf(stderr, "step results: %d\n", resultCount);

    // Lookups by serial, typed as a person or scanner might (lower case, dashes, spaces).
    std::vector<double> lookupMs;
    constexpr int kLookups = 20000;
    int found = 0;
    for (int i = 0; i < kLookups; ++i) {
        std::string s = serials[static_cast<std::size_t>(rng() % serials.size())];
        std::transform(s.begin(), s.end(), s.begin(),
                       [](char c) { return static_cast<char>(std::tolower(c)); });
        s.insert(3, "-");
        s.insert(7, " ");
        const auto start = Clock::now();
        const auto hits = store.findAssetsBySerial(s);
        lookupMs.push_back(seconds(Clock::now() - start) * 1000.0);
        found += hits.size() == 1;
    }
    if (found != kLookups) {
        std::fprintf(stderr, "error: %d of %d lookups found their asset\n", found, kLookups);
        return 1;
    }

    // The rows the target names (assets and step results) over their own insert time; the
    // installations they need are timed and reported beside it.
    const double insertRate =
        (assetCount + static_cast<double>(resultCount)) / seconds(phaseTime[0] + phaseTime[2]);
    const double allRate = static_cast<double>(rows) / seconds(insertTime);
    std::printf(
        "{\"insert_rows_per_s\": %.0f, \"all_insert_rows_per_s\": %.0f, \"insert_batch_rows_per_s_median\": "
        "%.0f, \"serial_lookup_ms\": %.5f, "
        "\"bytes_per_step_result\": %.1f, \"asset_rows_per_s\": %.0f, \"installation_rows_per_s\": %.0f, "
        "\"step_result_rows_per_s\": %.0f, \"rows\": %lld, \"assets\": %d, \"installations\": %d, "
        "\"step_results\": %d, \"db_bytes\": %lld}\n",
        insertRate, allRate, median(batchRates), median(lookupMs),
        static_cast<double>(bytesAfter - bytesBefore) / resultCount, assetCount / seconds(phaseTime[0]),
        installationCount / seconds(phaseTime[1]), resultCount / seconds(phaseTime[2]),
        static_cast<long long>(rows), assetCount, installationCount, resultCount,
        static_cast<long long>(bytesAfter));
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    return 0;
}
