// Sync benchmark against the real syncserver on 127.0.0.1:
//   1. the initial sync of an empty tablet from a server holding 100,000 assets, 200 build
//      procedures, 2,000 releases and 500,000 step results;
//   2. a day's push from that tablet: 40 installations of 30 step results each, and 40 sign-offs;
//   3. 200 devices syncing at once, each pushing a day's work.
// Progress on stderr; one JSON line on stdout at the end.
//
//   build/bench/sync_bench [--devices N] [--scale F] [--server-threads N]
//                          [--database postgresql://... [--servers N] [--push-writers N]]
//   (F scales the server's data, default 1; N request threads for the server, default its own;
//   --database: the server's database on PostgreSQL, an empty one, instead of SQLite, with N
//   syncserver processes on it, the devices spread over them in turn, each with its own default
//   of push threads unless --push-writers says)
#include "httpclient.h"
#include "sync_bench_data.h"
#include "serverprocess.h"

#include "compression.h"
#include "store/store.h"
#include "store/walcheckpointer.h"
#include "sync/codec.h"
#include "sync/replica.h"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>

using namespace rd;
using namespace rd::bench;
using Clock = std::chrono::steady_clock;
namespace json = boost::json;

namespace {

constexpr int kPullPage = 20000;
constexpr int kFirstPullPage = 1000;

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

struct Session {
    std::string token;
    Id deviceId;
};

Session signIn(rd::test::HttpClient &http, const std::string &name, const Id &device)
{
    const auto body = json::serialize(
        json::object{{"name", name}, {"password", kPassword}, {"device_id", device.toString()}});
    const auto a = http.post("/api/v1/signin", body);
    if (a.status != 200)
        throw std::runtime_error("sign-in of " + name + " failed: " + std::to_string(a.status) + " " +
                                 a.body);
    return {std::string(sync::codec::parseObject(a.body).at("access_token").as_string()), device};
}

/** POSTs an already gzip-compressed body, accepting a gzip answer; counts the bytes on the wire. */
std::string exchangePacked(rd::test::HttpClient &http, const std::string &target, const std::string &packed,
                           const std::string &token, std::size_t &wireBytes)
{
    auto headers = rd::test::bearer(token);
    headers["Content-Encoding"] = "gzip";
    headers["Accept-Encoding"] = "gzip";
    const auto a = http.post(target, packed, headers);
    wireBytes += packed.size() + a.body.size();
    if (a.status != 200)
        throw std::runtime_error(target + " answered " + std::to_string(a.status) + ": " +
                                 a.body.substr(0, 300));
    const auto enc = a.headers.find("content-encoding");
    if (enc == a.headers.end() || enc->second != "gzip")
        return a.body;
    server::InflateError error{};
    auto plain = server::gzipDecompress(a.body, std::size_t(1) << 30, error);
    if (!plain)
        throw std::runtime_error("the server's gzip answer does not inflate");
    return *plain;
}

/** POSTs @p body gzip-compressed (on the tablet's own processor), accepting a gzip answer. */
std::string exchange(rd::test::HttpClient &http, const std::string &target, const std::string &body,
                     const std::string &token, std::size_t &wireBytes)
{
    return exchangePacked(http, target, server::gzipCompress(body), token, wireBytes);
}

} // namespace

int run(int argc, char **argv);

int main(int argc, char **argv)
{
    // Caught here so that every destructor runs: the server process is stopped, the data removed.
    try {
        return run(argc, argv);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "sync_bench: %s\n", e.what());
        return 1;
    }
}

int run(int argc, char **argv)
{
    int deviceCount = 200;
    double scale = 1.0;
    // `syncserver serve` options beyond --data and --listen. Every device here connects from
    // 127.0.0.1, beyond the default cap of connections per address.
    std::vector<std::string> serverArgs{"--max-connections-per-address", "100000"};
    std::string database;
    int serverCount = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--database")
            database = argv[i + 1];
        else if (a == "--servers")
            serverCount = std::max(1, std::stoi(argv[i + 1]));
        else if (a == "--devices")
            deviceCount = std::stoi(argv[i + 1]);
        else if (a == "--scale")
            scale = std::stod(argv[i + 1]);
        else if (a == "--server-threads")
            serverArgs.insert(serverArgs.end(), {"--threads", argv[i + 1]});
        else if (a == "--push-writers")
            serverArgs.insert(serverArgs.end(), {"--push-writers", argv[i + 1]});
    }
    if (sodium_init() < 0)
        return 1;
    const auto dir =
        std::filesystem::temp_directory_path() / ("releasedesk_sync_bench_" + Id::generate().toString());
    std::filesystem::create_directories(dir / "server");
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() { std::filesystem::remove_all(dir); }
    } cleanup{dir};

    const bool postgres = !database.empty();
    if (!postgres) {
        database = (dir / "server" / "releasedesk.db").string();
        serverCount = 1; // one server per SQLite database
    } else {
        serverArgs.insert(serverArgs.end(), {"--database", database});
    }
    ServerData data;
    {
        Store server(database);
        if (server.lastSeq() != 0)
            throw std::runtime_error("the database given to --database must be empty");
        const auto t = Clock::now();
        data = seed(server, scale, deviceCount);
        std::fprintf(stderr, "server data: %lld changes in %.1f s\n",
                     static_cast<long long>(server.lastSeq()), seconds(Clock::now() - t));
        // After a bulk load, as a DBA would: statistics for the planner, and autovacuum's work
        // done now rather than during the measurement.
        if (postgres)
            server.database().exec("VACUUM (ANALYZE)");
    }
    std::vector<std::unique_ptr<rd::test::ServerProcess>> processes;
    for (int i = 0; i < serverCount; ++i)
        processes.push_back(std::make_unique<rd::test::ServerProcess>(dir / "server", serverArgs));
    auto &process = *processes.front();
    rd::test::HttpClient http(process.port(), false, std::chrono::seconds(120));

    // 1. The initial sync of an empty tablet (the release manager's: every site).
    Store tablet((dir / "tablet.db").string());
    sql::WalCheckpointer tabletCheckpoints(tablet.database()); // as releasedesk runs its store
    sync::Replica replica(tablet);
    const auto session = signIn(http, "manager", tablet.deviceId());
    std::size_t pullWire = 0;
    std::int64_t pulledRows = 0;
    const auto pullStart = Clock::now();
    Clock::duration applyTime{}, waitTime{};
    // As the app's SyncClient does: a small first page, so writing starts at once, and then the
    // next page always on its way while this one is written (Replica::pullBodyAfter).
    std::string page =
        exchange(http, "/api/v1/pull", replica.nextPullBody(kFirstPullPage), session.token, pullWire);
    for (;;) {
        std::future<std::string> next;
        if (const auto body = replica.pullBodyAfter(page, kPullPage))
            next = std::async(std::launch::async, [&, b = *body] {
                return exchange(http, "/api/v1/pull", b, session.token, pullWire);
            });
        const auto applyStart = Clock::now();
        const auto outcome = replica.applyPullPage(page);
        applyTime += Clock::now() - applyStart;
        pulledRows += outcome.rows;
        if (outcome.complete)
            break;
        const auto waitStart = Clock::now();
        page = next.get();
        waitTime += Clock::now() - waitStart;
    }
    const double initialSync = seconds(Clock::now() - pullStart);
    std::fprintf(stderr,
                 "initial sync: %lld rows in %.2f s (applying %.2f s, waiting for the server %.2f s), %.1f "
                 "MB on the wire\n",
                 static_cast<long long>(pulledRows), initialSync, seconds(applyTime), seconds(waitTime),
                 static_cast<double>(pullWire) / 1e6);

    // 2. A day's push from that tablet, recorded through its replica as the app does.
    const auto build = *tablet.buildProcedure(tablet.release(data.managerRelease)->buildId);
    for (int i = 0; i < kDayInstallations; ++i) {
        const Millis at = kT0 + 86400000LL * 31 + i * 600000LL;
        const Id inst = replica.startInstallation({{},
                                                   data.managerRelease,
                                                   data.managerAssets[static_cast<std::size_t>(i)],
                                                   InstallationStatus::InProgress,
                                                   data.manager,
                                                   at});
        for (const auto &step : build.steps)
            replica.recordStepResult({{}, inst, step.id, StepOutcome::Pass, "", "", data.manager, at + 1000});
        replica.signOff({{}, inst, "User " + std::to_string(i), "1,1 4,4;8,2 9,9", at + 5000, data.manager});
    }
    std::size_t pushWire = 0;
    const auto pushStart = Clock::now();
    while (const auto body = replica.nextPushBody(2000))
        replica.acceptPushResponse(exchange(http, "/api/v1/push", *body, session.token, pushWire));
    const double dayPushMs = seconds(Clock::now() - pushStart) * 1000;
    const double dayResults = kDayInstallations * static_cast<double>(build.steps.size());
    std::fprintf(stderr, "day push: %.0f ms, %.0f bytes on the wire per step result\n", dayPushMs,
                 static_cast<double>(pushWire) / dayResults);

    // 3. Devices syncing at once, each pushing a day's work (signed in beforehand).
    std::vector<Session> sessions;
    std::vector<std::vector<std::string>> work;
    for (const auto &du : data.devices) {
        rd::test::HttpClient its(processes[sessions.size() % processes.size()]->port(), false,
                                 std::chrono::seconds(120));
        sessions.push_back(signIn(its, du.name, Id::generate()));
        work.push_back(dayOfWork(du, data, sessions.back().deviceId));
        for (auto &body : work.back()) // each tablet compresses on its own processor, before the clock starts
            body = server::gzipCompress(body);
    }
    std::vector<double> durations(data.devices.size(), 0);
    std::atomic<int> failed{0};
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < data.devices.size(); ++i) {
        threads.emplace_back([&, i] {
            rd::test::HttpClient client(processes[i % processes.size()]->port(), false, std::chrono::seconds(120));
            ++ready;
            while (!go.load())
                std::this_thread::yield();
            const auto start = Clock::now();
            try {
                std::size_t wire = 0;
                for (const auto &body : work[i]) {
                    const auto answer = sync::codec::parseObject(
                        exchangePacked(client, "/api/v1/push", body, sessions[i].token, wire));
                    (void)answer;
                }
                durations[i] = seconds(Clock::now() - start);
            } catch (const std::exception &e) {
                std::fprintf(stderr, "device %zu failed: %s\n", i, e.what());
                ++failed;
            }
        });
    }
    while (ready.load() < static_cast<int>(threads.size()))
        std::this_thread::yield();
    std::fprintf(stderr, "burst: %zu devices start pushing (server pid %d)\n", threads.size(),
                 static_cast<int>(process.pid()));
    const auto burstStart = Clock::now();
    go = true;
    for (auto &t : threads)
        t.join();
    const double burst = seconds(Clock::now() - burstStart);
    std::fprintf(stderr, "%zu devices pushed a day each in %.2f s\n", data.devices.size(), burst);
    double lockHeld = 0, lockWait = 0;
    for (const auto &p : processes) {
        // How busy each server's push threads were: the time spent applying pushes, summed over
        // its threads (on PostgreSQL, waits for the database's locks included).
        const auto metrics = rd::test::HttpClient(p->port()).get("/metrics").body;
        auto value = [&](const std::string &name) {
            const auto at = metrics.find("\n" + name + " ");
            return at == std::string::npos ? -1.0 : std::stod(metrics.substr(at + name.size() + 2));
        };
        const double held = value("releasedesk_push_lock_held_seconds_total");
        const double wait = value("releasedesk_push_lock_wait_seconds_total");
        std::fprintf(stderr, "server %d: applying pushes %.2f s, pushes queued for its push threads %.2f s in all\n",
                     static_cast<int>(p->pid()), held, wait);
        lockHeld += held;
        lockWait += wait;
    }
    for (auto &p : processes)
        p->stop();

    // Count what arrived: every device's results and sign-offs, once.
    Store server(database);
    std::int64_t lost = 0, duplicated = 0;
    for (const auto &du : data.devices) {
        auto q = server.database().query("SELECT (SELECT count(*) FROM step_results r JOIN installations i "
                                         "ON i.id = r.installation_id WHERE i.release_id = ?1), "
                                         "(SELECT count(*) FROM signoffs s JOIN installations i ON i.id = "
                                         "s.installation_id WHERE i.release_id = ?1), "
                                         "(SELECT count(*) FROM installations WHERE release_id = ?1)");
        q->bind(1, du.release);
        q->step();
        const std::int64_t expected = kDayInstallations * (kStepsPerBuild + 2);
        const std::int64_t found = q->int64(0) + q->int64(1) + q->int64(2);
        lost += std::max<std::int64_t>(0, expected - found);
        duplicated += std::max<std::int64_t>(0, found - expected);
    }

    std::printf(
        "{\"initial_sync_s\": %.3f, \"initial_sync_rows_per_s\": %.0f, \"day_push_ms\": %.1f, \"devices\": "
        "%zu, "
        "\"devices_failed\": %d, \"mutations_lost\": %lld, \"mutations_duplicated\": %lld, "
        "\"concurrent_p99_s\": %.3f, "
        "\"concurrent_median_s\": %.3f, \"concurrent_total_s\": %.3f, \"wire_bytes_per_step_result\": %.1f, "
        "\"initial_sync_wire_mb\": %.1f, \"initial_sync_rows\": %lld, \"push_apply_s\": %.2f, "
        "\"push_queue_wait_s\": %.2f, \"servers\": %zu, \"database\": \"%s\"}\n",
        initialSync, static_cast<double>(pulledRows) / initialSync, dayPushMs, data.devices.size(),
        failed.load(), static_cast<long long>(lost), static_cast<long long>(duplicated),
        percentile(durations, 0.99), percentile(durations, 0.5), burst,
        static_cast<double>(pushWire) / dayResults, static_cast<double>(pullWire) / 1e6,
        static_cast<long long>(pulledRows), lockHeld, lockWait, processes.size(), postgres ? "postgresql" : "sqlite");
    return failed.load() == 0 && lost == 0 && duplicated == 0 ? 0 : 1;
}
