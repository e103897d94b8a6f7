// The office's read queries for the services and build procedures screens (store/buildviews.h).
#include "fixture.h"

#include "store/buildviews.h"

using namespace rd;
using namespace rd::test;

TEST_CASE_METHOD(SchoolFixture, "The catalogue says which services are documented and which are still to document",
                 "[buildviews][office]")
{
    BuildViews views(store);
    const Id kiosk = store.addService({{}, "Library kiosk", "Catalogue search", kT0, "Find a book", developer});
    const Id old = store.addService({{}, "Old projector", "", kT0});
    store.retireService(old, manager, kT0 + kDay);

    const auto rows = views.services(false);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].service.name == "Curriculum laptop");
    CHECK(rows[0].approvedVersion == 1);
    CHECK_FALSE(rows[0].stillToDocument());
    CHECK(rows[0].latestStatus == BuildStatus::Approved);
    CHECK(rows[1].service.id == kiosk);
    CHECK(rows[1].stillToDocument());
    CHECK(rows[1].owner == "Devi Raman");
    CHECK(rows[1].service.userBenefit == "Find a book");
    CHECK(rows[1].versions == 0);
    CHECK_FALSE(rows[1].latestVersion);

    const auto all = views.services(true);
    REQUIRE(all.size() == 3);
    CHECK(all[2].service.id == old);
    CHECK(all[2].service.retiredAt);

    // A draft is not documentation: the service stays at its approved version.
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 2 * kDay);
    const auto laptop = *views.serviceRow(service);
    CHECK(laptop.approvedVersion == 1);
    CHECK(laptop.latestVersion == 2);
    CHECK(laptop.latestStatus == BuildStatus::Draft);
    // Approving v2 retires v1, and the service is documented by v2.
    store.submitBuild(v2, developer, kT0 + 3 * kDay);
    store.approveBuild(v2, manager, kT0 + 4 * kDay);
    CHECK(views.serviceRow(service)->approvedVersion == 2);

    CHECK(views.serviceNamed("Library kiosk") == kiosk);
    CHECK(views.serviceNamed("Old projector") == old);
    CHECK_FALSE(views.serviceNamed("library kiosk"));
}

TEST_CASE_METHOD(SchoolFixture, "A service's versions, newest first, with who did what and a return's reason",
                 "[buildviews][office]")
{
    BuildViews views(store);
    const Id v2 = store.newBuildVersion(build, developer, kT0 + 2 * kDay);
    store.submitBuild(v2, developer, kT0 + 3 * kDay);
    store.returnBuild(v2, "The stability tests miss the printers", manager, kT0 + 4 * kDay);

    const auto versions = views.buildVersions(service);
    REQUIRE(versions.size() == 2);
    const auto &draft = versions[0];
    CHECK(draft.id == v2);
    CHECK(draft.version == 2);
    CHECK(draft.status == BuildStatus::Draft);
    CHECK(draft.lines == 5);
    CHECK(draft.createdBy == "Devi Raman");
    CHECK(draft.submittedBy == "Devi Raman");
    CHECK(draft.returnedReason == "The stability tests miss the printers");
    CHECK(draft.returnedBy == "Morgan Hale");
    CHECK(draft.returnedAt == kT0 + 4 * kDay);
    CHECK(draft.changedBy == "Morgan Hale");
    const auto &approved = versions[1];
    CHECK(approved.status == BuildStatus::Approved);
    CHECK(approved.approvedBy == "Morgan Hale");
    CHECK(approved.approvedAt == kT0 + kDay);

    CHECK(views.buildVersion(v2)->revision == 1);
    CHECK_FALSE(views.buildVersion(Id::generate()));
}

TEST_CASE_METHOD(SchoolFixture, "The DSL to pick from, and the people who may own a service", "[buildviews][office]")
{
    BuildViews views(store);
    store.addDslItem({{}, "Windows 11 Education", "24H2", "Microsoft"});
    store.addDslItem({{}, "GeoGebra Classic", "6.0", "GeoGebra"});
    store.addDslItem({{}, "Windows 11 Education", "23H2", "Microsoft"});
    const auto dsl = views.dslCatalogue();
    REQUIRE(dsl.size() == 3);
    CHECK(dsl[0].product == "GeoGebra Classic");
    CHECK(dsl[1].version == "23H2");
    CHECK(dsl[2].version == "24H2");

    store.setUserActive(otherInstaller, false);
    const auto people = views.activePeople();
    REQUIRE(people.size() == 3);
    CHECK(people[0].displayName == "Devi Raman");
    CHECK(people[0].role == Role::BuildDeveloper);
    CHECK(people[2].displayName == "Sam Okafor");
}
