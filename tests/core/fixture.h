#pragma once

#include "store/store.h"
#include "testdatabase.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace rd::test {

constexpr Millis kT0 = 1767225600000; // 2026-01-01T00:00:00Z
constexpr Millis kDay = 24LL * 60 * 60 * 1000;

/**
 * An in-memory store holding one school: people in each role, a site with two rooms, a second
 * site, a service with an approved build procedure (3 installation steps, one optional; 1
 * stability test; 1 acceptance test) and an asset in stock.
 */
struct SchoolFixture {
    Store store{freshDatabase()};
    Id manager, developer, installer, otherInstaller;
    Id site, otherSite, room, otherRoom, farRoom;
    Id service, build;
    std::vector<BuildStep> steps;
    Id asset;

    SchoolFixture()
    {
        manager = store.addUser({{}, "morgan", "Morgan Hale", Role::ReleaseManager});
        developer = store.addUser({{}, "devi", "Devi Raman", Role::BuildDeveloper});
        installer = store.addUser({{}, "sam", "Sam Okafor", Role::Installer});
        otherInstaller = store.addUser({{}, "jo", "Jo Whitaker", Role::Installer});
        site = store.addSite({{}, "Upper School", "UPS", ""});
        otherSite = store.addSite({{}, "Lower School", "LWS", ""});
        room = store.addRoom({{}, site, "ICT Suite 1"});
        otherRoom = store.addRoom({{}, site, "Library"});
        farRoom = store.addRoom({{}, otherSite, "Class 1"});
        service = store.addService({{}, "Curriculum laptop", "", kT0});
        BuildProcedure b;
        b.serviceId = service;
        b.hardwareModel = "Dell Latitude 3440";
        b.backOutPlan = "Re-image with the previous build";
        b.createdBy = developer;
        b.createdAt = kT0;
        b.steps = {
            {{}, StepPart::Installation, 1, "Deploy the image", "", true},
            {{}, StepPart::Installation, 2, "Join the domain", "", true},
            {{}, StepPart::Installation, 3, "Label the charger", "", false},
            {{}, StepPart::Stability, 1, "Printing still works", "", true},
            {{}, StepPart::Acceptance, 1, "User signs in", "", true},
        };
        build = store.addBuildProcedure(b);
        store.submitBuild(build, developer, kT0 + kDay);
        store.approveBuild(build, manager, kT0 + kDay);
        steps = store.buildProcedure(build)->steps;
        asset = addAsset("5CG1234ABC", "RAU-00001");
    }

    Id addAsset(const std::string &serial, const std::string &tag, const std::string &make = "Dell",
                AssetStatus status = AssetStatus::InStock)
    {
        Asset a;
        a.serial = serial;
        a.assetTag = tag;
        a.make = make;
        a.model = "Latitude 3440";
        a.category = "Laptop";
        a.siteId = site;
        a.roomId = room;
        a.status = status;
        return store.addAsset(a);
    }

    Release releaseSpec(const std::string &number, int units = 1)
    {
        Release r;
        r.number = number;
        r.kind = units == 1 ? ReleaseKind::Single : ReleaseKind::Rollout;
        r.units = units;
        r.buildId = build;
        r.siteId = site;
        r.plannedDate = "2026-02-01";
        r.installers = {installer};
        r.createdBy = manager;
        r.createdAt = kT0 + 2 * kDay;
        return r;
    }

    Id startOn(const Id &release, const Id &onAsset)
    {
        return store.startInstallation(
            {{}, release, onAsset, InstallationStatus::InProgress, installer, kT0 + 3 * kDay});
    }

    Id record(const Id &inst, std::size_t stepIndex, StepOutcome outcome, Millis at = kT0 + 3 * kDay + 1000)
    {
        return store.recordStepResult({{}, inst, steps.at(stepIndex).id, outcome, "", "", installer, at});
    }

    SignOff signOffFor(const Id &inst, Millis at = kT0 + 4 * kDay)
    {
        return SignOff{{}, inst, "Mrs A. Patel", "10,10 20,20;30,30 40,45", at, installer};
    }

    /** Row counts of every table and the change sequence: equal snapshots mean nothing was written. */
    std::map<std::string, std::int64_t> snapshot()
    {
        std::map<std::string, std::int64_t> out;
        auto &db = store.database();
        std::vector<std::string> tables;
        {
            auto q = db.query(db.isPostgres() ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                                "current_schema() ORDER BY table_name"
                                              : "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
            while (q->step())
                tables.push_back(q->text(0));
        }
        for (const auto &t : tables)
            out[t] = db.scalar("SELECT count(*) FROM " + t);
        out["#last_seq"] = store.lastSeq();
        return out;
    }
};

} // namespace rd::test
