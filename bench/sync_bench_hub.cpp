// The server's side of sync_bench's 200-device burst, in process and on one thread: the same
// seeded database and the same day of work per device, each push body read (Hub::readPush, which
// the server does outside its store lock) and applied (Hub::push, under the lock). No HTTP, no
// clients: what is left is the work the server serialises, measured alone.
//
//   build/bench/sync_bench_hub [--devices N] [--apply K] [--scale F] [--pause-ms MS]
//
// seeds as sync_bench does for N devices (default 200), then applies the day of K of them
// (default N). Under callgrind, only the apply phase is counted:
//   valgrind --tool=callgrind --instr-atstart=no build/bench/sync_bench_hub --apply 10
// One JSON line on stdout: CPU and wall time of the apply phase, per mutation, split into read
// and apply, and the WAL frames (pages) written per push.
#include "sync_bench_data.h"

#include "store/walcheckpointer.h"
#include "sync/hub.h"

#include <sodium.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <valgrind/callgrind.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include <unistd.h>

using namespace rd;
using namespace rd::bench;
using Clock = std::chrono::steady_clock;

namespace {

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval &t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

struct WalCount {
    int last = 0;
    std::int64_t frames = 0;
    std::int64_t commits = 0;
    std::int64_t restarts = 0; ///< the WAL began again from its start (after a full checkpoint)
    int largest = 0;           ///< frames in the WAL at its longest
};

int onWalCommit(void *arg, sqlite3 *, const char *, int frames)
{
    auto &c = *static_cast<WalCount *>(arg);
    c.frames += frames >= c.last ? frames - c.last : frames; // the WAL restarts after a checkpoint
    c.restarts += frames < c.last;
    c.largest = std::max(c.largest, frames);
    c.last = frames;
    ++c.commits;
    return SQLITE_OK;
}

} // namespace

int main(int argc, char **argv)
{
    int deviceCount = 200, applyCount = -1;
    double scale = 1.0;
    int pauseMs = 0; // time to attach a profiler (perf record -p PID) before the apply phase
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc)
            break;
        const char *value = argv[++i];
        if (a == "--devices")
            deviceCount = std::stoi(value);
        else if (a == "--apply")
            applyCount = std::stoi(value);
        else if (a == "--scale")
            scale = std::stod(value);
        else if (a == "--pause-ms")
            pauseMs = std::stoi(value);
    }
    if (applyCount < 0 || applyCount > deviceCount)
        applyCount = deviceCount;
    if (sodium_init() < 0)
        return 1;
    const auto dir =
        std::filesystem::temp_directory_path() / ("releasedesk_sync_bench_hub_" + Id::generate().toString());
    std::filesystem::create_directories(dir);
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() { std::filesystem::remove_all(dir); }
    } cleanup{dir};

    try {
        const auto path = (dir / "releasedesk.db").string();
        ServerData data;
        {
            Store seeding(path);
            data = seed(seeding, scale, deviceCount);
        }
        // As the server runs its store: checkpoints on a thread and connection of their own.
        Store store(path);
        std::mutex storeLock; // as the server's: held for each push (uncontended here)
        sql::WalCheckpointer checkpoints(store.database());
        sync::Hub hub(store);
        WalCount wal;

        std::vector<sync::Principal> who;
        std::vector<std::vector<std::string>> work;
        std::int64_t mutations = 0;
        for (int i = 0; i < applyCount; ++i) {
            const auto &du = data.devices[static_cast<std::size_t>(i)];
            who.push_back({du.id, Role::Installer, hub.sitesOf(du.id, Role::Installer), Id::generate()});
            work.push_back(dayOfWork(du, data, who.back().deviceId));
            mutations += kDayInstallations * (kStepsPerBuild + 2);
        }
        sqlite3_wal_hook(store.database().handle(), onWalCommit, &wal);

        std::fprintf(stderr, "apply phase starts in %d ms (pid %d)\n", pauseMs, static_cast<int>(getpid()));
        std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
        double readCpu = 0, applyCpu = 0;
        std::size_t answerBytes = 0;
        const auto wallStart = Clock::now();
        CALLGRIND_START_INSTRUMENTATION;
        // Round robin, as 200 devices pushing at once reach the lock: one body of each in turn.
        for (std::size_t body = 0;; ++body) {
            bool any = false;
            for (std::size_t d = 0; d < work.size(); ++d) {
                if (body >= work[d].size())
                    continue;
                any = true;
                const double t0 = cpuSeconds();
                const auto request = sync::Hub::readPush(work[d][body]);
                std::lock_guard lock(storeLock);
                const double t1 = cpuSeconds();
                answerBytes += hub.push(who[d], *request, kT0 + 86400000LL * 31).size();
                applyCpu += cpuSeconds() - t1;
                readCpu += t1 - t0;
            }
            if (!any)
                break;
        }
        CALLGRIND_STOP_INSTRUMENTATION;
        const double wall = std::chrono::duration<double>(Clock::now() - wallStart).count();
        sqlite3_wal_hook(store.database().handle(), nullptr, nullptr);

        const double perMutationUs = 1e6 / static_cast<double>(mutations);
        std::printf("{\"devices_applied\": %d, \"mutations\": %lld, \"wall_s\": %.3f, \"read_cpu_s\": %.3f, "
                    "\"apply_cpu_s\": %.3f, \"read_us_per_mutation\": %.2f, \"apply_us_per_mutation\": %.2f, "
                    "\"commits\": %lld, \"wal_frames_per_commit\": %.1f, \"wal_mb\": %.1f, "
                    "\"wal_restarts\": %lld, \"wal_largest_mb\": %.1f, \"answer_bytes\": %zu}\n",
                    applyCount, static_cast<long long>(mutations), wall, readCpu, applyCpu,
                    readCpu * perMutationUs, applyCpu * perMutationUs, static_cast<long long>(wal.commits),
                    wal.commits ? static_cast<double>(wal.frames) / static_cast<double>(wal.commits) : 0.0,
                    static_cast<double>(wal.frames) *
                        static_cast<double>(store.database().scalar("PRAGMA page_size")) / 1e6,
                    static_cast<long long>(wal.restarts),
                    static_cast<double>(wal.largest) * static_cast<double>(store.database().scalar("PRAGMA page_size")) / 1e6,
                    answerBytes);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "sync_bench_hub: %s\n", e.what());
        return 1;
    }
    return 0;
}
