#include "sync_bench_data.h"

#include "sync/records.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace rd::bench {

namespace json = boost::json;

/** Fills the server's database through the store's own checked writes. */
ServerData seed(Store &s, double scale, int deviceCount)
{
    ServerData d;
    // PostgreSQL: writes sent without waiting for each answer (a failure fails the bench anyway).
    Store::OptimisticWrites quick(s);
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, kPassword, std::strlen(kPassword), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory hashing the bench password");
    d.manager = s.addUser({{}, "manager", "Bench Manager", Role::ReleaseManager}, std::string(hash));
    d.site = s.addSite({{}, "Bench Academy", "BA", ""});
    std::vector<Id> rooms;
    for (int i = 0; i < 40; ++i)
        rooms.push_back(s.addRoom({{}, d.site, "Room " + std::to_string(i + 1)}));
    {
        Store::Batch b(s);
        // 200 approved build procedure versions: one per service (approving a version of a service
        // retires the one approved before it).
        for (int svc = 0; svc < 200; ++svc) {
            const Id service = s.addService({{}, "Service " + std::to_string(svc + 1), "", kT0});
            for (int v = 0; v < 1; ++v) {
                BuildProcedure bp;
                bp.serviceId = service;
                bp.hardwareModel = "Model " + std::to_string(v);
                bp.createdBy = d.manager;
                bp.createdAt = kT0;
                for (int i = 0; i < kStepsPerBuild; ++i) {
                    const auto part = i < 20 ? StepPart::Installation
                                             : (i < 25 ? StepPart::Stability : StepPart::Acceptance);
                    bp.steps.push_back({{}, part, i + 1, "Check " + std::to_string(i + 1), "", true});
                }
                const Id id = s.addBuildProcedure(bp);
                s.submitBuild(id, d.manager, kT0);
                s.approveBuild(id, d.manager, kT0);
                d.builds.push_back(id);
                d.steps.push_back(s.buildProcedure(id)->steps);
            }
        }
        b.commit();
    }
    const int assetCount = static_cast<int>(100000 * scale);
    const int releaseCount = std::max(static_cast<int>(2000 * scale), deviceCount + 50);
    const int resultCount = static_cast<int>(500000 * scale);
    std::vector<Id> assets;
    for (int done = 0; done < assetCount;) {
        Store::Batch b(s);
        for (int i = 0; i < 10000 && done < assetCount; ++i, ++done) {
            Asset a;
            a.serial = "5CG" + std::to_string(1000000 + done);
            a.assetTag = "BA-" + std::to_string(100000 + done);
            a.make = "HP";
            a.model = "ProBook 450 G10";
            a.category = "Laptop";
            a.siteId = d.site;
            a.roomId = rooms[static_cast<std::size_t>(done) % rooms.size()];
            assets.push_back(s.addAsset(a));
        }
        b.commit();
    }
    // Device users: one release of a day's units each, among the 2,000.
    std::vector<Id> releases;
    {
        Store::Batch b(s);
        for (int u = 0; u < deviceCount; ++u) {
            DeviceUser du;
            du.name = "installer" + std::to_string(u + 1);
            du.id = s.addUser({{}, du.name, "Installer " + std::to_string(u + 1), Role::Installer},
                              std::string(hash));
            s.addUserToSite(du.id, d.site);
            d.devices.push_back(std::move(du));
        }
        for (int r = 0; r < releaseCount; ++r) {
            Release rel;
            rel.number = "R-" + std::to_string(10000 + r);
            rel.kind = ReleaseKind::Rollout;
            rel.units = kDayInstallations;
            rel.buildId = d.builds[static_cast<std::size_t>(r) % d.builds.size()];
            rel.siteId = d.site;
            rel.plannedDate = "2026-02-01";
            rel.createdBy = d.manager;
            rel.createdAt = kT0;
            rel.installers = {d.manager};
            if (r < deviceCount)
                rel.installers.push_back(d.devices[static_cast<std::size_t>(r)].id);
            releases.push_back(s.addRelease(rel));
        }
        b.commit();
    }
    // History: installations with their results on the other releases.
    std::size_t nextAsset = 0;
    int results = 0;
    for (std::size_t r = static_cast<std::size_t>(deviceCount) + 1; results < resultCount; ++r) {
        Store::Batch b(s);
        for (int unit = 0; unit < 40 && results < resultCount; ++unit) {
            const auto rel = releases[r % releases.size()];
            const Id inst = s.startInstallation(
                {{}, rel, assets[nextAsset++], InstallationStatus::InProgress, d.manager, kT0});
            const auto &steps = d.steps[r % releases.size() % d.builds.size()];
            for (int i = 0; i < kStepsPerBuild && results < resultCount; ++i, ++results)
                s.recordStepResult({{},
                                    inst,
                                    steps[static_cast<std::size_t>(i)].id,
                                    StepOutcome::Pass,
                                    "",
                                    "",
                                    d.manager,
                                    kT0 + i});
        }
        b.commit();
    }
    // Units left in stock for the day's work: the manager's tablet and every device.
    d.managerRelease = releases[static_cast<std::size_t>(deviceCount)];
    for (int i = 0; i < kDayInstallations; ++i)
        d.managerAssets.push_back(assets[nextAsset++]);
    for (auto &du : d.devices) {
        du.release = releases[static_cast<std::size_t>(&du - d.devices.data())];
        for (int i = 0; i < kDayInstallations; ++i)
            du.assets.push_back(assets[nextAsset++]);
    }
    return d;
}

/** A day's work of one device as push bodies: installations, their results, sign-offs. */
std::vector<std::string> dayOfWork(const DeviceUser &du, const ServerData &d, const Id &device)
{
    std::vector<std::string> bodies;
    std::string mutations;
    int seq = 0, inBody = 0;
    auto add = [&](const char *kind, const json::object &data) {
        mutations += mutations.empty() ? "" : ",";
        mutations += "{\"seq\":" + std::to_string(++seq) + ",\"kind\":\"" + kind +
                     "\",\"at\":0,\"data\":" + json::serialize(data) + "}";
        if (++inBody == 500) {
            bodies.push_back("{\"protocol\":1,\"device_id\":\"" + device.toString() + "\",\"mutations\":[" +
                             mutations + "]}");
            mutations.clear();
            inBody = 0;
        }
    };
    const auto buildIndex = static_cast<std::size_t>(&du - d.devices.data()) % d.builds.size();
    for (int i = 0; i < kDayInstallations; ++i) {
        const Millis at = kT0 + 86400000LL * 30 + i * 600000LL;
        Installation inst{Id::generate(),
                          du.release,
                          du.assets[static_cast<std::size_t>(i)],
                          InstallationStatus::InProgress,
                          du.id,
                          at};
        add("startInstallation", sync::codec::toJson(inst));
        for (const auto &step : d.steps[buildIndex])
            add("recordStepResult",
                sync::codec::toJson(StepResult{Id::generate(), inst.id, step.id, StepOutcome::Pass, "", "",
                                               du.id, at + 1000}));
        add("signOff", sync::codec::toJson(SignOff{Id::generate(), inst.id, "User " + std::to_string(i),
                                                   "1,1 4,4;8,2 9,9", at + 5000, du.id}));
    }
    if (!mutations.empty())
        bodies.push_back("{\"protocol\":1,\"device_id\":\"" + device.toString() + "\",\"mutations\":[" +
                         mutations + "]}");
    return bodies;
}

} // namespace rd::bench
