// Import benchmark (issue 11): a Snipe-IT export of 10,000 assets with 50 bad rows into the demo
// school, dry run and import, on the server's store (as `syncserver import-assets` does) and on a
// tablet through the Replica in one Group (as the app does), then the same file again. SQLite files
// in a temporary folder, WAL, as in production. Progress on stderr; one JSON line on stdout at the
// end; exit status 1 when a dry run or an import took more than 2 s.
//
//   build/bench/import_bench [--rows N] [--bad N]
#include "demo/demodata.h"
#include "demo/snipeitsample.h"
#include "domain/id.h"
#include "io/assetimport.h"
#include "store/store.h"
#include "sync/replica.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace rd;
using Clock = std::chrono::steady_clock;

namespace {

constexpr Millis kNow = 1795000000000; // a fixed day, so every run writes the same school

template <typename F>
double timed(F &&f)
{
    const auto start = Clock::now();
    f();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/** A fresh database at @p path with the demo school in it. */
std::unique_ptr<Store> school(const std::filesystem::path &path)
{
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);
    auto store = std::make_unique<Store>(path.string());
    seedDemo(*store, kNow);
    return store;
}

void check(const io::ImportReport &r, int expectAdded, const char *what)
{
    if (!r.ok() || r.counts.added != expectAdded) {
        std::fprintf(stderr, "import_bench: %s: expected %d added, got %d (%s)\n", what, expectAdded, r.counts.added,
                     r.error.c_str());
        std::exit(2);
    }
}

} // namespace

int main(int argc, char **argv)
{
    int rows = 10000;
    int bad = 50;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--rows")
            rows = std::stoi(argv[i + 1]);
        else if (a == "--bad")
            bad = std::stoi(argv[i + 1]);
    }
    const auto dir = std::filesystem::temp_directory_path() / ("releasedesk_import_bench_" + Id::generate().toString());
    std::filesystem::create_directories(dir);

    auto server = school(dir / "server.db");
    const auto sample = snipeItSample(*server, rows, bad);
    std::fprintf(stderr, "import_bench: %d rows (%d bad), %.1f MB of CSV\n", rows, static_cast<int>(sample.bad.size()),
                 static_cast<double>(sample.csv.size()) / 1e6);
    const Id manager = server->userByName(DemoUsers::releaseManager)->id;

    io::ImportReport r;
    const double dry = timed([&] { r = io::planAssetImport(*server, sample.csv); });
    check(r, sample.goodRows, "dry run");
    const double import = timed([&] { r = io::importAssets(*server, sample.csv, manager, kNow); });
    check(r, sample.goodRows, "import");
    const double again = timed([&] { r = io::importAssets(*server, sample.csv, manager, kNow); });
    check(r, 0, "the same file again");
    std::fprintf(stderr, "import_bench: server: dry run %.3f s, import %.3f s, again %.3f s\n", dry, import, again);

    auto tablet = school(dir / "tablet.db");
    sync::Replica replica(*tablet);
    const double replicaDry = timed([&] { r = io::planAssetImport(*tablet, sample.csv); });
    check(r, sample.goodRows, "tablet dry run");
    const double replicaImport = timed([&] { r = io::importAssets(replica, *tablet, sample.csv, manager, kNow); });
    check(r, sample.goodRows, "tablet import");
    const int queued = replica.pendingCount();
    std::fprintf(stderr, "import_bench: tablet: dry run %.3f s, import %.3f s (%d changes queued)\n", replicaDry,
                 replicaImport, queued);

    server.reset();
    tablet.reset();
    std::filesystem::remove_all(dir);
    const bool ok = dry <= 2 && import <= 2 && again <= 2 && replicaDry <= 2 && replicaImport <= 2;
    std::printf("{\"rows\": %d, \"bad_rows\": %d, \"dry_run_s\": %.3f, \"import_s\": %.3f, \"reimport_s\": %.3f, "
                "\"replica_dry_run_s\": %.3f, \"replica_import_s\": %.3f, \"replica_queued\": %d, \"limit_s\": 2, "
                "\"within_limit\": %s}\n",
                rows, static_cast<int>(sample.bad.size()), dry, import, again, replicaDry, replicaImport, queued,
                ok ? "true" : "false");
    return ok ? 0 : 1;
}
