// The release manager's reads: a plan's problems field by field, the releases overview a page at a
// time, a release's units with their back-outs, the plan's choices, and the people.
#include "fixture.h"

#include "domain/errors.h"
#include "domain/releaseplan.h"
#include "store/peopleviews.h"
#include "store/planchoices.h"
#include "store/releaseviews.h"

#include <algorithm>

using namespace rd;
using namespace rd::test;

namespace {

void passRequired(SchoolFixture &f, const Id &inst)
{
    for (const auto &line : f.store.checklist(inst))
        if (line.step.required)
            f.store.recordStepResult({{}, inst, line.step.id, StepOutcome::Pass, "", "", f.installer, kT0 + 3 * kDay + 5});
}

std::vector<std::string> fieldsOf(const std::vector<PlanProblem> &problems)
{
    std::vector<std::string> out;
    for (const auto &p : problems)
        out.push_back(p.field);
    return out;
}

std::vector<std::string> numbers(const std::vector<ReleaseViews::Row> &rows)
{
    std::vector<std::string> out;
    for (const auto &r : rows)
        out.push_back(r.number);
    return out;
}

} // namespace

TEST_CASE_METHOD(SchoolFixture, "A plan's problems are listed field by field, and the store refuses the first",
                 "[releases][office]")
{
    auto r = releaseSpec("R-1");
    CHECK(releasePlanProblems(r).empty());

    r.number = "  ";
    r.kind = ReleaseKind::Rollout;
    r.units = 0;
    r.plannedDate = "2026-02-30";
    r.plannedEnd = "soon";
    r.trigger = TriggerKind::Rfc;
    r.triggerRef = " ";
    const auto problems = releasePlanProblems(r);
    CHECK(fieldsOf(problems) ==
          std::vector<std::string>{"release number", "planned date", "planned end", "units", "trigger reference"});
    CHECK(problems[3].message == "must be between 1 and 10000");
    CHECK(problems[4].message == "is required for a rfc");
    // The store says the first one, in the same words.
    try {
        store.addRelease(r);
        FAIL("a plan with problems was added");
    } catch (const ValidationError &e) {
        CHECK(e.field() == "release number");
        CHECK(std::string(e.what()) == "release number: " + problems[0].message);
    }

    auto single = releaseSpec("R-2", 1);
    single.units = 3;
    REQUIRE(releasePlanProblems(single).size() == 1);
    CHECK(releasePlanProblems(single)[0].message == "a single installation has exactly 1 unit");
    auto backwards = releaseSpec("R-3", 2);
    backwards.plannedEnd = "2026-01-15";
    REQUIRE(releasePlanProblems(backwards).size() == 1);
    CHECK(releasePlanProblems(backwards)[0].field == "planned end");
    CHECK_THROWS_WITH(store.addRelease(backwards), "planned end: is before the planned start");
}

TEST_CASE_METHOD(SchoolFixture, "The overview lists open releases first, soonest first, a page at a time",
                 "[releases][office]")
{
    ReleaseViews views(store);
    auto add = [&](const std::string &number, const std::string &date, const Id &siteId) {
        auto r = releaseSpec(number, 5);
        r.plannedDate = date;
        r.siteId = siteId;
        return store.addRelease(r);
    };
    add("R-2026-003", "2026-03-01", site);
    const Id closed = add("R-2026-001", "2026-01-10", site);
    store.closeRelease(closed, "Dropped: the laptops did not come", manager, kT0);
    const Id older = add("R-2026-000", "2025-12-01", site);
    store.closeRelease(older, "Dropped", manager, kT0);
    add("R-2026-002", "2026-02-01", otherSite);
    add("R-2026-004", "2026-02-15", site);

    CHECK(numbers(views.overview({}, 50)) ==
          std::vector<std::string>{"R-2026-002", "R-2026-004", "R-2026-003", "R-2026-001", "R-2026-000"});
    // Pages follow on from each other.
    CHECK(numbers(views.overview({}, 2, 0)) == std::vector<std::string>{"R-2026-002", "R-2026-004"});
    CHECK(numbers(views.overview({}, 2, 2)) == std::vector<std::string>{"R-2026-003", "R-2026-001"});
    CHECK(numbers(views.overview({}, 2, 4)) == std::vector<std::string>{"R-2026-000"});
    CHECK(views.overview({}, 2, 6).empty());
    CHECK(views.overviewCount({}).releases == 5);
    CHECK(views.overviewCount({}).open == 3);

    ReleaseViews::Filter bySite;
    bySite.siteId = otherSite;
    CHECK(numbers(views.overview(bySite, 50)) == std::vector<std::string>{"R-2026-002"});
    ReleaseViews::Filter byStatus;
    byStatus.status = ReleaseStatus::Closed;
    CHECK(numbers(views.overview(byStatus, 50)) == std::vector<std::string>{"R-2026-001", "R-2026-000"});
    CHECK(views.overviewCount(byStatus).open == 0);
    ReleaseViews::Filter byNumber;
    byNumber.number = "r-2026-00";
    CHECK(views.overview(byNumber, 50).size() == 5);
    byNumber.number = "04";
    CHECK(numbers(views.overview(byNumber, 50)) == std::vector<std::string>{"R-2026-004"});
    byNumber.number = "100%";
    CHECK(views.overview(byNumber, 50).empty());
}

TEST_CASE_METHOD(SchoolFixture, "A release's units: failing first, a back-out kept and the unit installed again",
                 "[releases][office]")
{
    ReleaseViews views(store);
    const Id rel = store.addRelease(releaseSpec("R-1", 3));
    const Id second = addAsset("5CG2", "RAU-00002");
    const Id third = addAsset("5CG3", "RAU-00003");

    // RAU-00001: backed out, then installed again and accepted.
    const Id first = startOn(rel, asset);
    store.recordBackOut({{}, first, "Dock firmware failed", installer, kT0 + 3 * kDay + 10});
    const Id again = startOn(rel, asset);
    passRequired(*this, again);
    store.signOff(signOffFor(again));
    // RAU-00002: under way with a failed stability test. RAU-00003: under way, one line done.
    const Id failing = startOn(rel, second);
    record(failing, 0, StepOutcome::Pass);
    record(failing, 3, StepOutcome::Fail);
    const Id going = startOn(rel, third);
    record(going, 0, StepOutcome::Pass);

    const auto units = views.units(rel);
    REQUIRE(units.size() == 3);
    CHECK(units[0].assetTag == "RAU-00002");
    CHECK(units[0].failing);
    CHECK(units[0].stepsRecorded == 2);
    CHECK(units[0].stepsTotal == 5);
    CHECK(units[1].assetTag == "RAU-00003");
    CHECK(!units[1].failing);
    CHECK(units[1].stepsRecorded == 1);
    CHECK(units[2].assetTag == "RAU-00001");
    CHECK(units[2].installationId == again);
    CHECK(units[2].status == InstallationStatus::Accepted);
    CHECK(units[2].acceptedBy == "Mrs A. Patel");
    CHECK(units[2].stepsRecorded == units[2].stepsTotal);
    CHECK(units[2].installedAgain());
    REQUIRE(units[2].backOuts.size() == 1);
    CHECK(units[2].backOuts[0].installationId == first);
    CHECK(units[2].backOuts[0].reason == "Dock firmware failed");
    CHECK(units[2].backOuts[0].by == "Sam Okafor");
    CHECK(units[2].buildVersion == 1);

    // The overview counts a unit backed out and installed again as done, not as backed out.
    const auto rows = views.overview({}, 10);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].unitsDone == 1);
    CHECK(rows[0].unitsUnderWay == 2);
    CHECK(rows[0].unitsBackedOut == 0);
    store.recordBackOut({{}, going, "Wrong model delivered", installer, kT0 + 4 * kDay});
    CHECK(views.overview({}, 10)[0].unitsBackedOut == 1);
    const auto after = views.units(rel);
    CHECK(after[1].status == InstallationStatus::BackedOut);
    CHECK(!after[1].installedAgain());
    CHECK(after[1].backOuts.size() == 1);
}

TEST_CASE_METHOD(SchoolFixture, "A release's plan in words", "[releases][office]")
{
    ReleaseViews views(store);
    auto r = releaseSpec("R-1", 4);
    r.installers = {installer, otherInstaller};
    r.targetAssets = {asset};
    r.targetRooms = {otherRoom};
    const Id rel = store.addRelease(r);
    const auto plan = views.plan(rel);
    REQUIRE(plan);
    CHECK(plan->release.number == "R-1");
    CHECK(plan->service == "Curriculum laptop");
    CHECK(plan->buildVersion == 1);
    CHECK(plan->hardwareModel == "Dell Latitude 3440");
    CHECK(plan->buildBackOutPlan == "Re-image with the previous build");
    CHECK(plan->siteName == "Upper School");
    CHECK(plan->installers == std::vector<std::string>{"Jo Whitaker", "Sam Okafor"});
    CHECK(plan->targetAssets == std::vector<std::string>{"RAU-00001"});
    CHECK(plan->targetRooms == std::vector<std::string>{"Library"});
    CHECK(plan->createdBy == "Morgan Hale");
    CHECK(!views.plan(Id::generate()));
}

TEST_CASE_METHOD(SchoolFixture, "A plan's choices: releasable services, installers of a site, its assets, the next number",
                 "[releases][office]")
{
    PlanChoices choices(store);
    const Id draftOnly = store.addService({{}, "Whiteboard", "", kT0});
    BuildProcedure b;
    b.serviceId = draftOnly;
    b.createdBy = developer;
    b.createdAt = kT0;
    store.addBuildProcedure(b);
    const auto services = choices.releasableServices();
    REQUIRE(services.size() == 1);
    CHECK(services[0].id == service);
    REQUIRE(choices.approvedBuilds(service).size() == 1);
    CHECK(choices.approvedBuilds(service)[0].backOutPlan == "Re-image with the previous build");
    CHECK(choices.approvedBuilds(draftOnly).empty());

    store.setUserSites(installer, {site});
    store.setUserSites(otherInstaller, {otherSite});
    store.setUserSites(manager, {site, otherSite});
    store.setUserSites(developer, {site});
    const auto people = choices.installersAt(site);
    REQUIRE(people.size() == 2);
    CHECK(people[0].displayName == "Sam Okafor");
    CHECK(people[1].role == Role::ReleaseManager);
    store.setUserActive(installer, false);
    CHECK(choices.installersAt(site).size() == 1);

    addAsset("5CG9999", "RAU-00099");
    CHECK(choices.siteAssets(site, "", 10).empty());
    CHECK(choices.siteAssets(site, "rau-0009", 10).size() == 1);
    CHECK(choices.siteAssets(site, "5cg-12", 10).size() == 1);
    CHECK(choices.siteAssets(otherSite, "RAU", 10).empty());
    CHECK(choices.siteAssets(site, "RAU", 1).size() == 1);
    CHECK(choices.asset(asset)->room == "ICT Suite 1");

    CHECK(choices.nextReleaseNumber(2026) == "R-2026-001");
    store.addRelease(releaseSpec("R-2026-009"));
    store.addRelease(releaseSpec("R-2026-010b"));
    store.addRelease(releaseSpec("R-2025-120"));
    CHECK(choices.nextReleaseNumber(2026) == "R-2026-010");
}

TEST_CASE_METHOD(SchoolFixture, "Everyone, switched-on first, by role, with their sites and open releases",
                 "[people][office]")
{
    PeopleViews views(store);
    store.setUserSites(installer, {site, otherSite});
    store.addRelease(releaseSpec("R-1"));
    store.setUserActive(otherInstaller, false);
    const auto people = views.people();
    REQUIRE(people.size() == 4);
    CHECK(people[0].user.name == "morgan");
    CHECK(people[1].user.name == "devi");
    CHECK(people[2].user.name == "sam");
    CHECK(people[2].sites == "Lower School, Upper School");
    CHECK(people[2].siteIds.size() == 2);
    CHECK(people[2].openReleases == 1);
    CHECK(people[3].user.name == "jo");
    CHECK(!people[3].user.active);
    CHECK(views.person(installer)->sites == "Lower School, Upper School");
    CHECK(!views.person(Id::generate()));
}
