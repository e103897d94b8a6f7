// bench/soak: many sync sessions of several tablets against the real syncserver, with faults
// injected at random (the server killed and restarted, connections cut, answers lost after
// commit, tokens expired, the server restored from an older backup, a full disk, skewed clocks),
// then the checks: nothing lost, nothing twice, every tablet equal to a fresh pull, nothing left
// unsent. Progress and findings on stderr; one JSON line on stdout at the end. Exit 0 only when
// lost, duplicated, diverged and stuck are all 0.
//
//   build/bench/soak [--sessions N] [--devices N] [--seed S] [--short] [--proxy-faults P]
//                    [--max-seconds S] [--without KINDS] [--keep] [--verbose] [--trace]
//   --short: the CI size, 1,000 sessions
//   --without: leave fault kinds out (kill, expire, restore, disk-full, skew, proxy), to tell which
//              one a failing check comes from
#include "soakrun.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>
#include <random>
#include <set>
#include <string>

namespace {

constexpr const char *kUsage =
    "usage: soak [--sessions N] [--devices N] [--seed S] [--short] [--proxy-faults P] [--max-seconds S]\n"
    "            [--without kill,expire,restore,disk-full,skew,proxy] [--keep] [--verbose] [--trace]\n";

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    rd::soak::SoakOptions options;
    options.seed = std::random_device{}();
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            const auto value = [&]() -> std::string {
                if (i + 1 >= argc)
                    throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            if (a == "--sessions")
                options.sessions = std::stoi(value());
            else if (a == "--devices")
                options.devices = std::stoi(value());
            else if (a == "--seed")
                options.seed = std::stoull(value());
            else if (a == "--short")
                options.sessions = 1000;
            else if (a == "--proxy-faults")
                options.proxyFaults = std::stod(value());
            else if (a == "--max-seconds")
                options.maxSeconds = std::stoi(value());
            else if (a == "--keep")
                options.keep = true;
            else if (a == "--verbose")
                options.verbose = true;
            else if (a == "--without") {
                // A comma-separated list: kill, expire, restore, disk-full, skew, proxy.
                const auto list = value();
                std::size_t from = 0;
                while (from <= list.size()) {
                    const auto comma = std::min(list.find(',', from), list.size());
                    const auto kind = list.substr(from, comma - from);
                    static const std::set<std::string> kinds{"kill", "expire", "restore", "disk-full", "skew", "proxy"};
                    if (!kinds.count(kind))
                        throw std::invalid_argument("--without takes kill, expire, restore, disk-full, skew, proxy; not '" + kind + "'");
                    options.without.insert(kind);
                    from = comma + 1;
                }
            } else if (a == "--trace")
                options.verbose = options.trace = true;
            else
                throw std::invalid_argument("unknown option " + a);
        }
        if (options.sessions < 1 || options.devices < 1 || options.proxyFaults < 0 || options.proxyFaults > 1)
            throw std::invalid_argument("sessions and devices must be at least 1, proxy faults from 0 to 1");
    } catch (const std::exception &e) {
        std::fprintf(stderr, "soak: %s\n%s", e.what(), kUsage);
        return 2;
    }
    rd::soak::SoakRun run(options);
    const int code = run.run();
    std::printf("%s\n", run.jsonLine().c_str());
    std::fflush(stdout);
    return code;
}
