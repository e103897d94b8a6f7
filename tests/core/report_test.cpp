#include "fixture.h"

using namespace rd;
using namespace rd::test;

TEST_CASE_METHOD(SchoolFixture, "The monthly report gives the five FITS counts for a period", "[report]")
{
    // Fixture: one service (created at kT0), its build v1 created at kT0 and approved at kT0 + 1 day.
    const Millis jan = kT0, feb = kT0 + 31 * kDay, mar = feb + 28 * kDay;
    store.addService({{}, "MIS client", "", kT0 + 5 * kDay}); // never documented
    store.addService({{}, "Exam PC", "", feb + 2 * kDay});    // arrives in February

    // In February: build v2 created and approved, v1 retired; one installation accepted, one backed out.
    const Id v2 = store.newBuildVersion(build, developer, feb + kDay);
    store.submitBuild(v2, developer, feb + kDay);
    store.approveBuild(v2, manager, feb + 2 * kDay); // and v1 retires
    auto r = releaseSpec("R-1", 2);
    r.buildId = v2;
    const Id rel = store.addRelease(r);
    const Id done = startOn(rel, asset);
    for (const auto &line : store.checklist(done))
        if (line.step.required)
            store.recordStepResult(
                {{}, done, line.step.id, StepOutcome::Pass, "", "", installer, feb + 9 * kDay});
    store.signOff(signOffFor(done, feb + 10 * kDay));
    const Id failed = startOn(rel, addAsset("S2", "RAU-00002"));
    store.recordBackOut({{}, failed, "No network", installer, feb + 11 * kDay});

    const auto january = store.monthlyReport(jan, feb);
    CHECK(january.buildsInstalled == 0);
    CHECK(january.buildsCreated == 1);
    CHECK(january.buildsDocumented == 1);
    CHECK(january.services == 2);
    CHECK(january.servicesToDocument == 1); // MIS client

    const auto february = store.monthlyReport(feb, mar);
    CHECK(february.buildsInstalled == 1); // the backed-out one does not count
    CHECK(february.buildsCreated == 1);
    CHECK(february.buildsDocumented == 1); // v2 replaced v1
    CHECK(february.services == 3);
    CHECK(february.servicesToDocument == 2); // MIS client and Exam PC

    CHECK_THROWS_AS(store.monthlyReport(feb, jan), ValidationError);
}
