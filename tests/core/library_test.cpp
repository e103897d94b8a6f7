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
    CHECK(store.buildProcedure(build)->hardwareModel == "Dell Latitude 3440"); // v1 untouched
    store.approveBuild(v2, developer, kT0 + 11 * kDay);
    CHECK(store.buildProcedure(v2)->status == BuildStatus::Approved);
    store.retireBuild(build, kT0 + 11 * kDay);
    CHECK(store.buildProcedure(build)->status == BuildStatus::Retired);
    CHECK_THROWS_AS(store.retireBuild(build, kT0 + 12 * kDay), RuleError);
}

TEST_CASE_METHOD(SchoolFixture, "Only a build developer or release manager approves a build",
                 "[builds][rules]")
{
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 10 * kDay);
    CHECK_THROWS_WITH(store.approveBuild(v2, installer, kT0), Catch::Contains("Sam Okafor is an installer"));
    CHECK(store.buildProcedure(v2)->status == BuildStatus::Draft);
}

TEST_CASE_METHOD(SchoolFixture, "A build needs an installation step before approval", "[builds][rules]")
{
    BuildProcedure empty;
    empty.serviceId = service;
    empty.createdBy = developer;
    const Id id = store.addBuildProcedure(empty);
    CHECK_THROWS_AS(store.approveBuild(id, manager, kT0), RuleError);
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
