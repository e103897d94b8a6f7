// Sign-in flood against the real syncserver on 127.0.0.1 (issue 9): 200 wrong-password sign-ins
// sent at once from 20 connections (10 each, one after another on each), while another client
// pulls and calls /healthz. Before the sign-in pool, the flood took 91 s and held /healthz and
// pulls up to 84 s. Run twice: first with throttling set so high that every sign-in is hashed
// (the pool alone keeps the server responsive), then with the server's default settings (the
// throttle refuses most of the flood unhashed). Progress on stderr; one JSON line on stdout: the
// default run's figures, and the first run's with the prefix "hashed_".
//
//   build/bench/signin_bench [--signins N] [--connections N]
#include "httpclient.h"
#include "rawconnection.h"
#include "serverfixture.h"
#include "serverprocess.h"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>
#include <vector>

using namespace rd;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace json = boost::json;

namespace {

double millis(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::string request(const std::string &method, const std::string &target, const std::string &body,
                    const std::string &token = {})
{
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty())
        r += "Authorization: Bearer " + token + "\r\n";
    if (method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

/** The status of the first answer in @p bytes, or 0. */
int statusOf(const std::string &bytes)
{
    return bytes.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(bytes.c_str() + 9) : 0;
}

/** Requests on one kept-alive connection, opened again when the server closes it. */
class Client {
public:
    explicit Client(std::uint16_t port)
        : m_port(port)
    {}

    /** Sends @p req and waits for its answer; returns the status (0: no answer) and the time taken. */
    std::pair<int, double> exchange(const std::string &req)
    {
        if (!m_connection || m_connection->closed())
            m_connection = std::make_unique<rd::test::RawConnection>(m_port);
        const auto start = Clock::now();
        if (!m_connection->write(req)) {
            m_connection.reset();
            return {0, millis(Clock::now() - start)};
        }
        const auto answer = m_connection->readAnswers(1, 120s);
        return {statusOf(answer), millis(Clock::now() - start)};
    }

private:
    std::uint16_t m_port;
    std::unique_ptr<rd::test::RawConnection> m_connection;
};

struct Figures {
    std::vector<double> healthz, pull, signin;
    std::map<int, int> statuses; ///< of the sign-ins
    double floodSeconds = 0;
    int probeFailures = 0; ///< /healthz or pull answers other than 200
};

Figures flood(const std::filesystem::path &data, const std::vector<std::string> &serverArgs, int signins,
              int connections)
{
    rd::test::ServerProcess server(data, serverArgs);
    const auto port = server.port();
    const auto signedIn = rd::test::HttpClient(port).post(
        "/api/v1/signin", rd::test::signinBody("morgan", rd::test::newDeviceId()));
    if (signedIn.status != 200)
        throw std::runtime_error("the release manager cannot sign in: " + signedIn.body);
    const auto token = rd::test::jsonField(signedIn.body, "access_token");

    Figures f;
    std::atomic<bool> flooding{true};
    std::thread probe([&] {
        Client client(port);
        const auto healthz = request("GET", "/healthz", {});
        const auto pull = request("POST", "/api/v1/pull", rd::test::pullBody(2000), token);
        while (flooding.load()) {
            const auto [hs, hms] = client.exchange(healthz);
            f.healthz.push_back(hms);
            const auto [ps, pms] = client.exchange(pull);
            f.pull.push_back(pms);
            f.probeFailures += (hs != 200) + (ps != 200);
            std::this_thread::sleep_for(10ms); // a tablet's pace, not a second flood
        }
    });

    // Ten names, half of them real accounts, each with the wrong password.
    const std::vector<std::string> names{"sam", "jo", "alex", "morgan", "devi", "pat", "kim", "lee", "ash", "rui"};
    std::vector<std::vector<std::pair<int, double>>> results(static_cast<std::size_t>(connections));
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    const int each = signins / connections;
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            Client client(port);
            ++ready;
            while (!go.load())
                std::this_thread::yield();
            for (int i = 0; i < each; ++i) {
                const auto &name = names[static_cast<std::size_t>(c * each + i) % names.size()];
                results[static_cast<std::size_t>(c)].push_back(client.exchange(request(
                    "POST", "/api/v1/signin", rd::test::signinBody(name, rd::test::newDeviceId(), "wrong guess"))));
            }
        });
    }
    while (ready.load() < connections)
        std::this_thread::yield();
    const auto start = Clock::now();
    go = true;
    for (auto &t : threads)
        t.join();
    f.floodSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    flooding = false;
    probe.join();
    for (const auto &r : results)
        for (const auto &[status, ms] : r) {
            f.signin.push_back(ms);
            ++f.statuses[status];
        }
    std::fprintf(stderr,
                 "%zu sign-ins in %.2f s: %d refused (401), %d throttled (429), %d busy (503), %d other; "
                 "/healthz p99 %.1f ms (max %.1f, %zu calls), pull p99 %.1f ms (%zu calls)\n",
                 f.signin.size(), f.floodSeconds, f.statuses[401], f.statuses[429], f.statuses[503],
                 static_cast<int>(f.signin.size()) - f.statuses[401] - f.statuses[429] - f.statuses[503],
                 percentile(f.healthz, 0.99), percentile(f.healthz, 1.0), f.healthz.size(), percentile(f.pull, 0.99),
                 f.pull.size());
    server.stop();
    return f;
}

std::string figuresJson(const Figures &f, const std::string &prefix)
{
    char buf[768];
    std::snprintf(buf, sizeof buf,
                  "\"%shealthz_p99_ms\": %.1f, \"%shealthz_max_ms\": %.1f, \"%spull_p99_ms\": %.1f, "
                  "\"%ssignin_p50_ms\": %.2f, \"%ssignin_p99_ms\": %.1f, \"%sflood_s\": %.2f, \"%ssignins\": %zu, "
                  "\"%srefused\": %d, \"%sthrottled\": %d, \"%sbusy\": %d, \"%sprobe_failures\": %d",
                  prefix.c_str(), percentile(f.healthz, 0.99), prefix.c_str(), percentile(f.healthz, 1.0),
                  prefix.c_str(), percentile(f.pull, 0.99), prefix.c_str(), percentile(f.signin, 0.5), prefix.c_str(),
                  percentile(f.signin, 0.99), prefix.c_str(), f.floodSeconds, prefix.c_str(), f.signin.size(),
                  prefix.c_str(), f.statuses.count(401) ? f.statuses.at(401) : 0, prefix.c_str(),
                  f.statuses.count(429) ? f.statuses.at(429) : 0, prefix.c_str(),
                  f.statuses.count(503) ? f.statuses.at(503) : 0, prefix.c_str(), f.probeFailures);
    return buf;
}

int run(int argc, char **argv)
{
    int signins = 200;
    int connections = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--signins")
            signins = std::stoi(argv[i + 1]);
        else if (a == "--connections")
            connections = std::stoi(argv[i + 1]);
    }
    rd::test::TempDir dir;
    const auto data = dir.path / "server";
    const auto seeded = rd::test::runSyncserver({"seed-demo", "--data", data.string()}, dir.path);
    if (seeded.exitCode != 0)
        throw std::runtime_error("seed-demo failed: " + seeded.err);

    std::fprintf(stderr, "every sign-in hashed (throttling off):\n");
    const auto hashed = flood(data,
                              {"--signin-failures-per-account", "1000000", "--signin-failures-per-address", "1000000"},
                              signins, connections);
    std::fprintf(stderr, "the server's default settings:\n");
    const auto defaults = flood(data, {}, signins, connections);
    std::printf("{%s, %s}\n", figuresJson(defaults, "").c_str(), figuresJson(hashed, "hashed_").c_str());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // Caught here so that every destructor runs: the server process is stopped, the data removed.
    try {
        return run(argc, argv);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "signin_bench: %s\n", e.what());
        return 1;
    }
}
