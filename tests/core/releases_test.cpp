#include "fixture.h"

using namespace rd;
using namespace rd::test;

TEST_CASE_METHOD(SchoolFixture, "Release numbers are unique", "[releases][rules][bad-input]")
{
    const Id first = store.addRelease(releaseSpec("R-2026-001"));
    const auto before = snapshot();
    try {
        store.addRelease(releaseSpec("R-2026-001"));
        FAIL("a second release with the same number");
    } catch (const DuplicateError &e) {
        CHECK(e.existingId() == first.toString());
        CHECK(std::string(e.what()) == "release number R-2026-001 is already used");
    }
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "Only an approved build procedure version can be released",
                 "[releases][rules]")
{
    const Id draft = store.newBuildVersion(build, developer, kT0);
    auto r = releaseSpec("R-1");
    r.buildId = draft;
    CHECK_THROWS_WITH(store.addRelease(r),
                      "only an approved build procedure can be released; version 2 is draft");
    r.buildId = Id::generate();
    CHECK_THROWS_AS(store.addRelease(r), NotFoundError);
}

TEST_CASE_METHOD(SchoolFixture, "A release's fields are checked", "[releases][bad-input]")
{
    const auto before = snapshot();
    auto r = releaseSpec("R-1");
    r.plannedDate = "2026-02-30";
    CHECK_THROWS_AS(store.addRelease(r), ValidationError);
    r = releaseSpec("R-1");
    r.units = 3; // a single installation with three units
    CHECK_THROWS_AS(store.addRelease(r), ValidationError);
    r = releaseSpec("R-1");
    r.trigger = TriggerKind::Rfc; // an RFC trigger without its reference
    CHECK_THROWS_AS(store.addRelease(r), ValidationError);
    r = releaseSpec("R-1");
    r.installers.push_back(Id::generate());
    CHECK_THROWS_AS(store.addRelease(r), NotFoundError); // and the release row is not left behind
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "Release status changes follow the allowed transitions", "[releases][rules]")
{
    const Id r = store.addRelease(releaseSpec("R-1"));
    CHECK_THROWS_AS(store.setReleaseStatus(r, ReleaseStatus::Accepted), RuleError);
    const Id inst = startOn(r, asset);
    CHECK(store.release(r)->status == ReleaseStatus::InProgress); // the first installation starts it
    (void)inst;
    store.setReleaseStatus(r, ReleaseStatus::BackedOut);
    store.setReleaseStatus(r, ReleaseStatus::Planned);
    CHECK(store.release(r)->status == ReleaseStatus::Planned);
    CHECK_THROWS_AS(store.setReleaseStatus(Id::generate(), ReleaseStatus::Closed), NotFoundError);
}

TEST_CASE_METHOD(SchoolFixture,
                 "An installation cannot be accepted while a required step is failed or missing",
                 "[installations][rules]")
{
    const Id r = store.addRelease(releaseSpec("R-1"));
    const Id inst = startOn(r, asset);
    record(inst, 0, StepOutcome::Pass);
    record(inst, 1, StepOutcome::Fail);
    // step 2 is optional; stability (3) and acceptance (4) have no result yet
    const auto before = snapshot();
    CHECK_THROWS_WITH(store.signOff(signOffFor(inst)),
                      "the installation cannot be accepted yet: failed 'Join the domain'; "
                      "no result for 'Printing still works', 'User signs in';");
    CHECK(snapshot() == before);
    CHECK(store.installation(inst)->status == InstallationStatus::InProgress);

    // A retest that passes replaces the failure: the latest result counts.
    record(inst, 1, StepOutcome::Pass, kT0 + 3 * kDay + 2000);
    record(inst, 3, StepOutcome::Pass);
    CHECK_THROWS_WITH(store.signOff(signOffFor(inst)), Catch::Contains("no result for 'User signs in'"));
    record(inst, 4, StepOutcome::Pass);
    store.signOff(signOffFor(inst));
    CHECK(store.installation(inst)->status == InstallationStatus::Accepted);
    CHECK(store.installation(inst)->endedAt == kT0 + 4 * kDay);
    CHECK(store.asset(asset)->status == AssetStatus::Installed); // the configuration record follows
    CHECK(store.unitsDone(r) == 1);
}

TEST_CASE_METHOD(SchoolFixture, "The checklist shows each step's latest result in order", "[installations]")
{
    const Id inst = startOn(store.addRelease(releaseSpec("R-1")), asset);
    record(inst, 1, StepOutcome::Fail, kT0 + 10);
    record(inst, 1, StepOutcome::Pass, kT0 + 20);
    record(inst, 2, StepOutcome::NotApplicable, kT0 + 30);
    const auto lines = store.checklist(inst);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].step.title == "Deploy the image");
    CHECK_FALSE(lines[0].latest);
    REQUIRE(lines[1].latest);
    CHECK(lines[1].latest->outcome == StepOutcome::Pass);
    CHECK(lines[1].latest->recordedBy == installer);
    CHECK(lines[2].latest->outcome == StepOutcome::NotApplicable);
    CHECK(lines[3].step.part == StepPart::Stability);
    CHECK(lines[4].step.part == StepPart::Acceptance);
    // Every result is kept: the failure is history, not overwritten, and the line says so.
    CHECK(store.database().scalar("SELECT count(*) FROM step_results") == 3);
    REQUIRE(lines[1].earlier.size() == 1);
    CHECK(lines[1].earlier[0].outcome == StepOutcome::Fail);
    CHECK(lines[1].earlier[0].recordedAt == kT0 + 10);
    CHECK(lines[2].earlier.empty());
}

TEST_CASE_METHOD(SchoolFixture, "A required step cannot be marked not applicable", "[installations][rules]")
{
    const Id inst = startOn(store.addRelease(releaseSpec("R-1")), asset);
    const auto before = snapshot();
    CHECK_THROWS_WITH(record(inst, 0, StepOutcome::NotApplicable),
                      "step 'Deploy the image' is required: it cannot be not applicable");
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "Results must belong to the installation's build and a real installation",
                 "[installations][bad-input]")
{
    const Id inst = startOn(store.addRelease(releaseSpec("R-1")), asset);
    const Id v2 = store.newBuildVersion(build, developer, kT0);
    const auto foreignStep = store.buildProcedure(v2)->steps.front().id;
    const auto before = snapshot();
    CHECK_THROWS_AS(
        store.recordStepResult({{}, inst, foreignStep, StepOutcome::Pass, "", "", installer, kT0}),
        RuleError);
    CHECK_THROWS_AS(
        store.recordStepResult({{}, Id::generate(), steps[0].id, StepOutcome::Pass, "", "", installer, kT0}),
        NotFoundError);
    CHECK_THROWS_AS(
        store.recordStepResult({{}, inst, Id::generate(), StepOutcome::Pass, "", "", installer, kT0}),
        NotFoundError);
    CHECK_THROWS_AS(
        store.recordStepResult({{}, inst, steps[0].id, StepOutcome::Pass, "", "", Id::generate(), kT0}),
        NotFoundError);
    CHECK_THROWS_AS(
        store.recordStepResult(
            {{}, inst, steps[0].id, StepOutcome::Pass, std::string(2001, 'n'), "", installer, kT0}),
        ValidationError);
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "A failed installation is backed out and takes no more results",
                 "[installations]")
{
    const Id r = store.addRelease(releaseSpec("R-1", 2));
    const Id inst = startOn(r, asset);
    record(inst, 0, StepOutcome::Fail);
    CHECK_THROWS_AS(store.recordBackOut({{}, inst, "  ", installer, kT0}), ValidationError);
    store.recordBackOut({{},
                         inst,
                         "Image failed to deploy; previous laptop returned to the user",
                         installer,
                         kT0 + 3 * kDay + 5000});
    CHECK(store.installation(inst)->status == InstallationStatus::BackedOut);
    CHECK_THROWS_WITH(record(inst, 0, StepOutcome::Pass),
                      "the installation is backed-out; its results can no longer change");
    CHECK_THROWS_AS(store.signOff(signOffFor(inst)), RuleError);
    CHECK_THROWS_AS(store.recordBackOut({{}, inst, "again", installer, kT0}), RuleError);
    CHECK(store.unitsDone(r) == 0);
}

TEST_CASE_METHOD(SchoolFixture, "A rollout takes no more installations than its units",
                 "[installations][rules]")
{
    const Id r = store.addRelease(releaseSpec("R-1", 2));
    const Id second = addAsset("S2", "RAU-00002");
    const Id third = addAsset("S3", "RAU-00003");
    const Id first = startOn(r, asset);
    startOn(r, second);
    CHECK_THROWS_WITH(startOn(r, third), "release R-1 already has all its 2 unit(s)");
    CHECK_THROWS_AS(startOn(r, second), DuplicateError);
    // A backed-out unit frees its place.
    store.recordBackOut({{}, first, "Faulty screen", installer, kT0});
    startOn(r, third);
    CHECK(store.database().scalar("SELECT count(*) FROM installations") == 3);
}

TEST_CASE_METHOD(SchoolFixture, "An installation's asset must be at the release's site",
                 "[installations][rules]")
{
    Asset far;
    far.serial = "FAR1";
    far.make = "Dell";
    far.model = "Latitude";
    far.category = "Laptop";
    far.siteId = otherSite;
    const Id farAsset = store.addAsset(far);
    const Id r = store.addRelease(releaseSpec("R-1"));
    CHECK_THROWS_AS(startOn(r, farAsset), RuleError);
    CHECK(store.release(r)->status == ReleaseStatus::Planned);
}

TEST_CASE_METHOD(SchoolFixture, "A signature must be strokes", "[installations][bad-input]")
{
    const Id inst = startOn(store.addRelease(releaseSpec("R-1")), asset);
    for (std::size_t i : {0, 1, 3, 4})
        record(inst, i, StepOutcome::Pass);
    auto so = signOffFor(inst);
    so.strokes = "";
    CHECK_THROWS_AS(store.signOff(so), ValidationError);
    so.strokes = "<svg>";
    CHECK_THROWS_AS(store.signOff(so), ValidationError);
    so = signOffFor(inst);
    so.userName = "";
    CHECK_THROWS_AS(store.signOff(so), ValidationError);
    CHECK(store.installation(inst)->status == InstallationStatus::InProgress);
}

TEST_CASE_METHOD(SchoolFixture, "A batch is all or nothing, and a refused write inside it leaves the rest",
                 "[store][batch]")
{
    const auto before = snapshot();
    {
        Store::Batch batch(store);
        addAsset("B1", "RAU-00101");
        addAsset("B2", "RAU-00102");
        // no commit
    }
    CHECK(snapshot() == before);
    {
        Store::Batch batch(store);
        addAsset("B1", "RAU-00101");
        CHECK_THROWS_AS(addAsset("b-1", "RAU-00103"), DuplicateError); // refused, the batch goes on
        CHECK_THROWS_AS(store.addRelease([&] {
            auto r = releaseSpec("R-9");
            r.installers = {Id::generate()};
            return r;
        }()),
                        NotFoundError); // a several-row write undone to its savepoint
        addAsset("B2", "RAU-00102");
        batch.commit();
    }
    CHECK(store.database().scalar("SELECT count(*) FROM assets") == 3);
    CHECK(store.database().scalar("SELECT count(*) FROM releases") == 0);
    CHECK(store.database().scalar("SELECT count(*) FROM release_installers") == 0);
}
