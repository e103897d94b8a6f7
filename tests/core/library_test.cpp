#include "fixture.h"

using namespace rd;
using namespace rd::test;

TEST_CASE_METHOD(SchoolFixture, "An approved build procedure cannot be edited", "[builds][rules]")
{
    auto b = *store.buildProcedure(build);
    REQUIRE(b.status == BuildStatus::Approved);
    b.hardwareModel = "Dell Latitude 3450";
    const auto before = snapshot();
    CHECK_THROWS_MATCHES(
        store.updateDraft(b), RuleError,
        Catch::Message("build procedure Curriculum laptop v1 is approved and cannot be edited; "
                       "make a new version to change it"));
    CHECK_THROWS_AS(store.approveBuild(build, manager, kT0), RuleError);
    CHECK(snapshot() == before);
    CHECK(store.buildProcedure(build)->hardwareModel == "Dell Latitude 3440");
}

TEST_CASE_METHOD(SchoolFixture, "A change to a build makes a new version, a draft until approved", "[builds]")
{
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 10 * kDay);
    auto draft = *store.buildProcedure(v2);
    CHECK(draft.version == 2);
    CHECK(draft.status == BuildStatus::Draft);
    CHECK(draft.serviceId == service);
    REQUIRE(draft.steps.size() == steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(draft.steps[i].title == steps[i].title);
        CHECK(draft.steps[i].id != steps[i].id); // the new version has its own checklist
    }
    draft.hardwareModel = "Dell Latitude 3450";
    draft.steps.push_back({{}, StepPart::Acceptance, 2, "Camera works", "", true});
    store.updateDraft(draft);
    CHECK(store.buildProcedure(v2)->steps.size() == steps.size() + 1);
    CHECK(store.buildProcedure(v2)->revision == 2);
    CHECK(store.buildProcedure(build)->hardwareModel == "Dell Latitude 3440"); // v1 untouched
    CHECK_THROWS_AS(store.approveBuild(v2, manager, kT0 + 11 * kDay), RuleError); // not submitted yet
    store.submitBuild(v2, developer, kT0 + 11 * kDay);
    CHECK_THROWS_AS(store.updateDraft(*store.buildProcedure(v2)), RuleError); // submitted: frozen
    store.approveBuild(v2, manager, kT0 + 11 * kDay);
    CHECK(store.buildProcedure(v2)->status == BuildStatus::Approved);
    // Approving v2 retired v1: one approved version per service.
    CHECK(store.buildProcedure(build)->status == BuildStatus::Retired);
    CHECK(store.buildProcedure(build)->retiredAt == kT0 + 11 * kDay);
    CHECK_THROWS_AS(store.retireBuild(build, kT0 + 12 * kDay), RuleError);
}

TEST_CASE_METHOD(SchoolFixture, "A submitted build goes back to draft with the reason, and is submitted again",
                 "[builds]")
{
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 10 * kDay);
    store.submitBuild(v2, developer, kT0 + 10 * kDay);
    CHECK_THROWS_AS(store.returnBuild(v2, "  ", manager, kT0 + 11 * kDay), ValidationError); // a reason is required
    store.returnBuild(v2, "Add the GeoGebra licence check", manager, kT0 + 11 * kDay);
    auto b = *store.buildProcedure(v2);
    CHECK(b.status == BuildStatus::Draft);
    CHECK(b.returnedReason == "Add the GeoGebra licence check");
    CHECK(b.returnedBy == manager);
    b.steps.push_back({{}, StepPart::Acceptance, 2, "GeoGebra opens licensed", "", true, EvidenceKind::Photo});
    store.updateDraft(b);
    store.submitBuild(v2, developer, kT0 + 12 * kDay);
    store.approveBuild(v2, manager, kT0 + 13 * kDay);
    b = *store.buildProcedure(v2);
    CHECK(b.returnedReason.empty());
    CHECK(b.steps.back().evidence == EvidenceKind::Photo);
    CHECK_THROWS_AS(store.returnBuild(v2, "too late", manager, kT0 + 14 * kDay), RuleError); // approved
}

TEST_CASE_METHOD(SchoolFixture, "A draft saved from an older revision is refused, never written over the newer one",
                 "[builds][rules]")
{
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 10 * kDay);
    auto mine = *store.buildProcedure(v2);
    auto theirs = mine;
    theirs.designNotes = "theirs";
    store.updateDraft(theirs);
    mine.designNotes = "mine";
    CHECK_THROWS_WITH(store.updateDraft(mine), Catch::Contains("changed by someone else"));
    CHECK(store.buildProcedure(v2)->designNotes == "theirs");
}

TEST_CASE_METHOD(SchoolFixture, "Only a release manager approves a build", "[builds][rules]")
{
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 10 * kDay);
    store.submitBuild(v2, developer, kT0 + 10 * kDay);
    CHECK_THROWS_WITH(store.approveBuild(v2, installer, kT0), Catch::Contains("Sam Okafor is a installer"));
    CHECK_THROWS_WITH(store.approveBuild(v2, developer, kT0), Catch::Contains("only a release manager approves"));
    CHECK(store.buildProcedure(v2)->status == BuildStatus::Submitted);
}

TEST_CASE_METHOD(SchoolFixture, "A build needs an installation step before it is submitted", "[builds][rules]")
{
    BuildProcedure empty;
    empty.serviceId = service;
    empty.createdBy = developer;
    const Id id = store.addBuildProcedure(empty);
    CHECK_THROWS_AS(store.submitBuild(id, developer, kT0), RuleError);
    CHECK(store.buildProcedure(id)->status == BuildStatus::Draft);
}

TEST_CASE_METHOD(SchoolFixture, "A service says what users get and who owns it, changes, and retires", "[services]")
{
    const Id mis = store.addService({{}, "MIS client", "SIMS on office PCs", kT0, "Pupil records at the desk", manager});
    CHECK_THROWS_AS(store.addService({{}, "MIS client", "", kT0}), DuplicateError);
    auto s = *store.service(mis);
    CHECK(s.userBenefit == "Pupil records at the desk");
    CHECK(s.ownerId == manager);
    s.name = "Curriculum laptop"; // the fixture's service

    CHECK_THROWS_AS(store.updateService(s, manager, kT0 + kDay), DuplicateError);
    s.name = "MIS client (office)";
    store.updateService(s, manager, kT0 + kDay);
    CHECK(store.service(mis)->name == "MIS client (office)");
    store.retireService(mis, manager, kT0 + 2 * kDay);
    CHECK(store.service(mis)->retiredAt == kT0 + 2 * kDay);
    CHECK_THROWS_AS(store.updateService(s, manager, kT0 + 3 * kDay), RuleError);
    CHECK_THROWS_AS(store.retireService(mis, manager, kT0 + 3 * kDay), RuleError);
    BuildProcedure b;
    b.serviceId = mis;
    b.createdBy = developer;
    CHECK_THROWS_AS(store.addBuildProcedure(b), RuleError); // a retired service gets no new build
    // A service with an open release cannot retire.
    store.addRelease(releaseSpec("R-1", 2));
    CHECK_THROWS_WITH(store.retireService(service, manager, kT0), Catch::Contains("release R-1"));
    CHECK_FALSE(store.service(service)->retiredAt);
}

TEST_CASE_METHOD(SchoolFixture, "Two checklist lines at one position are refused", "[builds][bad-input]")
{
    BuildProcedure b;
    b.serviceId = service;
    b.createdBy = developer;
    b.steps = {{{}, StepPart::Installation, 1, "A", "", true},
               {{}, StepPart::Installation, 1, "B", "", true}};
    const auto before = snapshot();
    CHECK_THROWS_AS(store.addBuildProcedure(b), ValidationError);
    b.steps[1].position = 2;
    b.serviceId = Id::generate();
    CHECK_THROWS_AS(store.addBuildProcedure(b), NotFoundError);
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "DSL items keep version, media and the build software's checksum", "[dsl]")
{
    DslItem d{{},           "SMART Notebook",     "22.1",           "SMART Technologies", MediaKind::UsbDrive,
              "Cupboard B", std::string(64, 'A'), LicenceType::Site};
    const Id id = store.addDslItem(d);
    CHECK(store.database().scalar("SELECT count(*) FROM dsl_items WHERE build_sha256 = '" +
                                  std::string(64, 'a') + "'") == 1);
    CHECK_THROWS_AS(store.addDslItem(d), DuplicateError); // same product and version
    d.version = "23.0";
    d.buildSha256 = "not-a-hash";
    CHECK_THROWS_WITH(store.addDslItem(d), "build SHA-256: must be 64 hexadecimal digits");
    (void)id;
}

TEST_CASE_METHOD(SchoolFixture, "The in/out book records who took the original media and when they came back",
                 "[dsl]")
{
    const Id item = store.addDslItem(
        {{}, "SIMS .net", "7.2", "ESS", MediaKind::Disc, "Cupboard A", "", LicenceType::PerSeat});
    const Id loan = store.takeOutMedia({{}, item, installer, kT0, "Office PC rebuild"});
    CHECK_THROWS_WITH(store.takeOutMedia({{}, item, otherInstaller, kT0 + 1, ""}),
                      Catch::Contains("already out with Sam Okafor"));
    CHECK_THROWS_AS(store.returnMedia(loan, kT0 - 1), ValidationError);
    store.returnMedia(loan, kT0 + kDay);
    CHECK_THROWS_AS(store.returnMedia(loan, kT0 + 2 * kDay), RuleError);
    store.takeOutMedia({{}, item, otherInstaller, kT0 + 3 * kDay, ""});
    const auto book = store.mediaBook(item);
    REQUIRE(book.size() == 2);
    CHECK(book[0].takenBy == installer);
    CHECK(book[0].returnedAt == kT0 + kDay);
    CHECK_FALSE(book[1].returnedAt.has_value());
}

TEST_CASE_METHOD(SchoolFixture, "A licence is not assigned beyond its seats without a recorded override",
                 "[licences][rules]")
{
    const Id licence = store.addLicence({{}, std::nullopt, "SIMS client", "ESS-AGR-1", 1});
    const Id second = addAsset("SECOND", "RAU-00002");
    store.assignLicence({{}, licence, asset, manager, kT0});
    const auto before = snapshot();
    CHECK_THROWS_WITH(
        store.assignLicence({{}, licence, second, manager, kT0}),
        "licence SIMS client has all 1 seats assigned; assigning another needs an override with a reason");
    CHECK_THROWS_AS(store.assignLicence({{}, licence, second, manager, kT0, std::string("  ")}), RuleError);
    CHECK_THROWS_AS(store.assignLicence({{}, licence, asset, manager, kT0, std::string("again")}),
                    DuplicateError);
    CHECK(snapshot() == before);

    const Id over = store.assignLicence(
        {{}, licence, second, manager, kT0 + 5, std::string("Trial seat agreed with ESS")});
    CHECK(store.seatsUsed(licence) == 2);
    auto q = store.database().query(
        "SELECT assigned_by, assigned_at, override_reason FROM licence_assignments WHERE id = ?1");
    q->bind(1, over);
    REQUIRE(q->step());
    CHECK(q->id(0) == manager);
    CHECK(q->int64(1) == kT0 + 5);
    CHECK(q->text(2) == "Trial seat agreed with ESS");
}

TEST_CASE_METHOD(SchoolFixture, "A free seat records no override", "[licences]")
{
    const Id licence = store.addLicence({{}, std::nullopt, "Sophos", "SOP-1", 5});
    const Id a = store.assignLicence({{}, licence, asset, manager, kT0, std::string("not needed")});
    auto q = store.database().query("SELECT override_reason FROM licence_assignments WHERE id = ?1");
    q->bind(1, a);
    REQUIRE(q->step());
    CHECK(q->isNull(0));
    CHECK_THROWS_AS(store.addLicence({{}, std::nullopt, "Bad", "X", -1}), ValidationError);
}
