#pragma once
// The sync benchmarks' data: the server's records (seeded through the store's own checked writes)
// and each device's day of work as push bodies. Shared by sync_bench (over HTTP, against the real
// syncserver) and sync_bench_hub (the Hub in process, for instruction counts).
#include "store/store.h"

#include <string>
#include <vector>

namespace rd::bench {

constexpr Millis kT0 = 1767225600000; // 2026-01-01
constexpr int kStepsPerBuild = 30;
constexpr int kDayInstallations = 40;
constexpr const char *kPassword = "bench-password";

struct DeviceUser {
    std::string name;
    Id id;
    Id release;
    std::vector<Id> assets; ///< in stock, for its day of installations
};

struct ServerData {
    Id manager;
    Id site;
    std::vector<Id> builds;
    std::vector<std::vector<BuildStep>> steps; ///< per build
    std::vector<DeviceUser> devices;
    Id managerRelease;
    std::vector<Id> managerAssets;
};

/** Fills the server's database through the store's own checked writes. */
ServerData seed(Store &s, double scale, int deviceCount);

/** A day's work of one device as push bodies (500 mutations each): installations, results, sign-offs. */
std::vector<std::string> dayOfWork(const DeviceUser &du, const ServerData &d, const Id &device);

} // namespace rd::bench
