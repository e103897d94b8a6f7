// The office's rules in the store (issue 10): planning a release, its targets and installers, a
// unit installed again after a back-out, an installation keeping its build version, closing with a
// review, and the one sign-off rule the checklist page also asks.
#include "fixture.h"

#include "domain/rules.h"

using namespace rd;
using namespace rd::test;

namespace {

/** Passes every required line of @p inst and leaves optional ones as given. */
void passRequired(SchoolFixture &f, const Id &inst)
{
    for (const auto &line : f.store.checklist(inst))
        if (line.step.required)
            f.store.recordStepResult({{}, inst, line.step.id, StepOutcome::Pass, "", "", f.installer, kT0 + 3 * kDay + 5});
}

} // namespace

TEST_CASE_METHOD(SchoolFixture, "A release is planned with its type, dates, what users are told and its targets",
                 "[releases][office]")
{
    auto r = releaseSpec("R-2026-100", 3);
    r.type = ReleaseType::Major;
    r.plannedEnd = "2026-02-10";
    r.userNotice = "Laptops are swapped in ICT Suite 1 during period 3.";
    r.targetRooms = {room};
    const Id id = store.addRelease(r);
    const auto back = *store.release(id);
    CHECK(back.type == ReleaseType::Major);
    CHECK(back.plannedEnd == "2026-02-10");
    CHECK(back.userNotice == r.userNotice);
    CHECK(back.targetRooms == std::vector<Id>{room});
    // An asset outside the rooms named is not one of this release's units.
    const Id elsewhere = addAsset("ELSEWHERE", "RAU-00009");
    store.moveAsset(elsewhere, site, std::nullopt);
    CHECK_THROWS_WITH(startOn(id, elsewhere), Catch::Contains("particular assets and rooms"));
    CHECK_NOTHROW(startOn(id, asset)); // in the room
    r = back;
    r.plannedEnd = "2026-01-01"; // before the start
    CHECK_THROWS_AS(store.updateRelease(r, manager, kT0), ValidationError);
    r.plannedEnd = "2026-02-20";
    r.units = 5;
    r.targetRooms.clear();
    r.targetAssets = {asset, elsewhere};
    store.updateRelease(r, manager, kT0 + kDay);
    CHECK(store.release(id)->units == 5);
    CHECK(store.release(id)->targetAssets.size() == 2);
    CHECK(store.release(id)->targetRooms.empty());
}

TEST_CASE_METHOD(SchoolFixture, "A unit backed out is installed again in the same release, its back-out kept",
                 "[releases][office]")
{
    const Id rel = store.addRelease(releaseSpec("R-1"));
    const Id first = startOn(rel, asset);
    CHECK_THROWS_AS(startOn(rel, asset), DuplicateError); // one under way per asset
    store.recordBackOut({{}, first, "Dock firmware failed", installer, kT0 + 3 * kDay});
    const Id again = startOn(rel, asset);
    CHECK(again != first);
    passRequired(*this, again);
    store.signOff(signOffFor(again));
    CHECK(store.installation(first)->status == InstallationStatus::BackedOut);
    CHECK(store.installation(again)->status == InstallationStatus::Accepted);
    CHECK(store.database().scalar("SELECT count(*) FROM backouts") == 1);
    CHECK_THROWS_AS(startOn(rel, asset), DuplicateError); // accepted: done
}

TEST_CASE_METHOD(SchoolFixture, "An installation under way keeps the build version it started with", "[releases][office]")
{
    const Id rel = store.addRelease(releaseSpec("R-1", 2));
    const Id onV1 = startOn(rel, asset);
    // Version 2 is approved (v1 retires) and the release moves to it: the unit under way keeps v1.
    auto draft = *store.buildProcedure(store.newBuildVersion(build, developer, kT0 + 5 * kDay));
    draft.steps.push_back({{}, StepPart::Acceptance, 2, "Webcam works", "", true});
    store.updateDraft(draft);
    store.submitBuild(draft.id, developer, kT0 + 5 * kDay);
    store.approveBuild(draft.id, manager, kT0 + 6 * kDay);
    auto r = *store.release(rel);
    r.buildId = draft.id;
    store.updateRelease(r, manager, kT0 + 6 * kDay);
    CHECK(store.installation(onV1)->buildId == build);
    CHECK(store.checklist(onV1).size() == steps.size());
    const Id onV2 = startOn(rel, addAsset("V2UNIT", "RAU-00003"));
    CHECK(store.installation(onV2)->buildId == draft.id);
    CHECK(store.checklist(onV2).size() == steps.size() + 1);
    passRequired(*this, onV1);
    CHECK_NOTHROW(store.signOff(signOffFor(onV1))); // by v1's checklist
    // A release keeps its service, and releases only approved versions.
    auto other = r;
    other.buildId = store.newBuildVersion(draft.id, developer, kT0 + 7 * kDay);
    CHECK_THROWS_WITH(store.updateRelease(other, manager, kT0), Catch::Contains("only an approved"));
}

TEST_CASE_METHOD(SchoolFixture, "A release's installers are replaced, and a build developer is not one",
                 "[releases][office]")
{
    const Id rel = store.addRelease(releaseSpec("R-1"));
    store.setReleaseInstallers(rel, {installer, otherInstaller}, manager, kT0);
    CHECK(store.release(rel)->installers.size() == 2);
    store.setReleaseInstallers(rel, {otherInstaller}, manager, kT0);
    CHECK(store.release(rel)->installers == std::vector<Id>{otherInstaller});
    CHECK(store.database().scalar("SELECT count(*) FROM tombstones WHERE table_name = 'release_installers'") == 1);
    CHECK_THROWS_WITH(store.setReleaseInstallers(rel, {developer}, manager, kT0), Catch::Contains("build developer"));
}

TEST_CASE_METHOD(SchoolFixture, "A release closes with its review note, once nothing is in progress",
                 "[releases][office]")
{
    const Id rel = store.addRelease(releaseSpec("R-1"));
    const Id inst = startOn(rel, asset);
    store.setReleaseStatus(rel, ReleaseStatus::Installed);
    store.setReleaseStatus(rel, ReleaseStatus::Accepted);
    CHECK_THROWS_WITH(store.closeRelease(rel, "Went well", manager, kT0), Catch::Contains("in progress"));
    passRequired(*this, inst);
    store.signOff(signOffFor(inst));
    CHECK_THROWS_AS(store.closeRelease(rel, "   ", manager, kT0), ValidationError); // the review is required
    store.closeRelease(rel, "Went well; the dock firmware needs a step of its own.", manager, kT0 + 5 * kDay);
    CHECK(store.release(rel)->status == ReleaseStatus::Closed);
    CHECK(store.release(rel)->reviewNote == "Went well; the dock firmware needs a step of its own.");
    auto r = *store.release(rel);
    r.userNotice = "late";
    CHECK_THROWS_AS(store.updateRelease(r, manager, kT0), RuleError); // closed: the plan no longer changes
}

TEST_CASE_METHOD(SchoolFixture,
                 "One sign-off rule: a failed optional line does not stop the sign-off, a failed or missing "
                 "required one does",
                 "[releases][rules][office]")
{
    CHECK_FALSE(blocksSignOff(false, StepOutcome::Fail));
    CHECK_FALSE(blocksSignOff(false, std::nullopt));
    CHECK(blocksSignOff(true, StepOutcome::Fail));
    CHECK(blocksSignOff(true, std::nullopt));
    CHECK_FALSE(blocksSignOff(true, StepOutcome::Pass));

    const Id rel = store.addRelease(releaseSpec("R-1"));
    const Id inst = startOn(rel, asset);
    passRequired(*this, inst);
    const auto optional = std::find_if(steps.begin(), steps.end(), [](const BuildStep &s) { return !s.required; });
    REQUIRE(optional != steps.end());
    store.recordStepResult({{}, inst, optional->id, StepOutcome::Fail, "charger label printer jammed", "", installer,
                            kT0 + 3 * kDay + 9});
    CHECK_NOTHROW(store.signOff(signOffFor(inst)));
}

TEST_CASE_METHOD(SchoolFixture, "A person's role, name and sites change", "[people][office]")
{
    auto u = *store.user(otherInstaller);
    u.displayName = "Jo W.";
    u.role = Role::BuildDeveloper;
    store.updateUser(u);
    CHECK(store.user(otherInstaller)->role == Role::BuildDeveloper);
    CHECK(store.user(otherInstaller)->displayName == "Jo W.");
    store.setUserSites(otherInstaller, {});
    CHECK(store.userSites(otherInstaller).empty());
    store.setUserSites(otherInstaller, {site});
    CHECK(store.userSites(otherInstaller) == std::vector<Id>{site});
    CHECK_THROWS_AS(store.setUserSites(otherInstaller, {Id::generate()}), NotFoundError);
    CHECK(store.userSites(otherInstaller) == std::vector<Id>{site}); // unchanged
}
