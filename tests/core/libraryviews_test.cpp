// The screens' reads of the Definitive Software Library, the licence log and the history of every
// change (LibraryViews), against the store's own rules: the seats a sign-off would take are the
// ones Store::signOff takes, and a full one is the one it refuses without a reason.
#include "fixture.h"

#include "store/libraryviews.h"

using namespace rd;
using namespace rd::test;

namespace {

struct LibraryFixture : SchoolFixture {
    Id sims, chrome, sophos;
    Id simsLicence, sophosLicence;

    LibraryFixture()
    {
        sims = store.addDslItem({{}, "SIMS .net", "7.214", "ESS", MediaKind::Disc, "Cupboard A, shelf 1", "",
                                 LicenceType::PerSeat, "\\\\fs01\\dsl\\sims"});
        chrome = store.addDslItem({{}, "Google Chrome Enterprise", "120.0", "Google", MediaKind::Download, "",
                                   "", LicenceType::Free, "\\\\fs01\\dsl\\chrome-120.msi"});
        sophos = store.addDslItem({{}, "Sophos Endpoint", "2023.2", "Sophos", MediaKind::Download, "", "",
                                   LicenceType::PerSeat, "\\\\fs01\\dsl\\sophos"});
        simsLicence = store.addLicence({{}, sims, "SIMS .net client licences", "ESS-AGR-20417", 1, "2026-03-01",
                                        "ESS", "PO-1187"});
        sophosLicence = store.addLicence({{}, sophos, "Sophos Endpoint (education)", "SOP-EDU-1", 10});
    }

    /** A new approved version of the laptop build that installs @p items; its id. */
    Id buildWith(std::vector<Id> items)
    {
        const Id v2 = store.newBuildVersion(build, developer, kT0 + 5 * kDay);
        auto b = *store.buildProcedure(v2);
        b.dslItemIds = std::move(items);
        store.updateDraft(b);
        store.submitBuild(v2, developer, kT0 + 5 * kDay);
        store.approveBuild(v2, manager, kT0 + 5 * kDay);
        return v2;
    }

    /** An installation of @p onBuild on @p onAsset with every required line passed. */
    Id readyToSign(const Id &onBuild, const Id &onAsset, const std::string &number)
    {
        auto r = releaseSpec(number);
        r.buildId = onBuild;
        const Id release = store.addRelease(r);
        const Id inst = startOn(release, onAsset);
        for (const auto &line : store.checklist(inst))
            store.recordStepResult({{}, inst, line.step.id,
                                    line.step.required ? StepOutcome::Pass : StepOutcome::NotApplicable, "", "",
                                    installer, kT0 + 3 * kDay + 1000});
        return inst;
    }
};

} // namespace

TEST_CASE_METHOD(LibraryFixture, "The library lists each item with its licences and whether its media are out",
                 "[library][views]")
{
    LibraryViews views(store);
    auto rows = views.dslItems();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].item.product == "Google Chrome Enterprise");
    CHECK(rows[1].item.product == "SIMS .net");
    CHECK(rows[1].licences == "SIMS .net client licences");
    CHECK(rows[0].licences.empty());
    CHECK(!rows[1].out);

    store.takeOutMedia({{}, sims, installer, kT0 + kDay, "Office PC rebuild", std::nullopt, kT0 + 2 * kDay});
    const auto row = views.dslRow(sims);
    REQUIRE(row);
    REQUIRE(row->out);
    CHECK(row->outWith == "Sam Okafor");
    CHECK(row->out->purpose == "Office PC rebuild");
    CHECK(row->out->expectedBack == kT0 + 2 * kDay);

    // Search: product, vendor, version, where the media or build software are; case does not matter.
    CHECK(views.dslItems("sophos").size() == 1);
    CHECK(views.dslItems("cupboard a").size() == 1);
    CHECK(views.dslItems("chrome-120").size() == 1);
    CHECK(views.dslItems("7.2").size() == 1);
    CHECK(views.dslItems("  ").size() == 3);
    CHECK(views.dslItems("100%").empty()); // % is a character, not a wildcard
}

TEST_CASE_METHOD(LibraryFixture, "The in/out book reads newest first; media past their day back are overdue",
                 "[library][views]")
{
    LibraryViews views(store);
    const Id first = store.takeOutMedia({{}, sims, developer, kT0, "First", std::nullopt, kT0 + kDay});
    store.returnMedia(first, kT0 + kDay / 2, installer);
    const Id second = store.takeOutMedia({{}, sims, installer, kT0 + kDay, "Second", std::nullopt, kT0 + 2 * kDay});
    store.takeOutMedia({{}, sophos, manager, kT0 + kDay, "No day given"});

    const auto book = views.mediaBook(sims);
    REQUIRE(book.size() == 2);
    CHECK(book[0].loan.id == second);
    CHECK(book[0].takenBy == "Sam Okafor");
    CHECK(book[1].loan.returnedAt == kT0 + kDay / 2);
    CHECK(book[1].returnedBy == "Sam Okafor");

    CHECK(views.overdueMedia(kT0 + 2 * kDay).empty()); // due back now: not overdue yet
    const auto overdue = views.overdueMedia(kT0 + 3 * kDay);
    REQUIRE(overdue.size() == 1); // the first came back; the Sophos media have no day to be back by
    CHECK(overdue[0].loan.id == second);
    CHECK(overdue[0].product == "SIMS .net");
    CHECK(overdue[0].takenBy == "Sam Okafor");
    store.returnMedia(second, kT0 + 3 * kDay, installer);
    CHECK(views.overdueMedia(kT0 + 4 * kDay).empty());
}

TEST_CASE_METHOD(LibraryFixture, "The licence log counts seats and says which licences want looking at",
                 "[library][views]")
{
    LibraryViews views(store);
    const Id other = addAsset("5CG9999XYZ", "RAU-00002");
    store.assignLicence({{}, simsLicence, asset, developer, kT0});
    CHECK_THROWS_AS(store.assignLicence({{}, simsLicence, other, developer, kT0}), RuleError);
    store.assignLicence({{}, simsLicence, other, developer, kT0 + 1, "The office's second PC, one more bought"});

    const auto rows = views.licences();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].licence.name == "SIMS .net client licences");
    CHECK(rows[0].used == 2);
    CHECK(rows[0].software == "SIMS .net 7.214");
    CHECK(rows[0].type == LicenceType::PerSeat);
    CHECK(rows[0].licence.entitlement == "ESS-AGR-20417");
    CHECK(views.licences("PO-1187").size() == 1);
    CHECK(views.licences("sophos").size() == 1);
    CHECK(views.licencesOf(sophos).size() == 1);

    const auto seats = views.seats(simsLicence);
    REQUIRE(seats.size() == 2);
    CHECK(seats[0].assetTag == "RAU-00002");
    CHECK(seats[0].seat.overrideReason == "The office's second PC, one more bought");
    CHECK(seats[0].assignedBy == "Devi Raman");
    CHECK(seats[0].site == "Upper School");
    CHECK(views.assetSeats(asset).size() == 1);

    // Over-used counts first, whatever its expiry; each licence once.
    auto alerts = views.licenceAlerts("2026-01-15", "2026-02-14");
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].alert == LibraryViews::Alert::OverUsed);
    auto sophosRow = *store.licence(sophosLicence);
    sophosRow.expiresOn = "2026-02-01";
    store.updateLicence(sophosRow, manager, kT0);
    alerts = views.licenceAlerts("2026-01-15", "2026-02-14");
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[1].row.licence.name == "Sophos Endpoint (education)");
    CHECK(alerts[1].alert == LibraryViews::Alert::Expiring);
    alerts = views.licenceAlerts("2026-02-02", "2026-03-04");
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[1].alert == LibraryViews::Alert::Expired);
    store.unassignLicence(seats[0].seat.id);
    alerts = views.licenceAlerts("2026-01-15", "2026-01-20");
    CHECK(alerts.empty()); // no longer over-used; neither expires within the horizon
}

TEST_CASE_METHOD(LibraryFixture, "The seats a sign-off would take are the ones it takes, and a full one needs a reason",
                 "[library][views][signoff]")
{
    LibraryViews views(store);
    const Id v2 = buildWith({sims, chrome, sophos});
    const Id inst = readyToSign(v2, asset, "R-1");
    auto needed = views.seatsForSignOff(inst);
    REQUIRE(needed.size() == 2); // Chrome is free: no seat
    CHECK(needed[0].name == "SIMS .net client licences");
    CHECK(!needed[0].full());
    CHECK(needed[1].name == "Sophos Endpoint (education)");
    store.signOff(signOffFor(inst));
    CHECK(store.seatsUsed(simsLicence) == 1);
    CHECK(views.seatsForSignOff(inst).empty()); // the asset has its seats now

    // The second asset finds SIMS full: the view says so, and the sign-off wants the reason.
    const Id other = addAsset("5CG9999XYZ", "RAU-00002");
    const Id inst2 = readyToSign(v2, other, "R-2");
    needed = views.seatsForSignOff(inst2);
    REQUIRE(needed.size() == 2);
    CHECK(needed[0].full());
    CHECK(needed[0].used == 1);
    CHECK(needed[0].seats == 1);
    CHECK(!needed[1].full());
    CHECK_THROWS_AS(store.signOff(signOffFor(inst2)), RuleError);
    auto withReason = signOffFor(inst2);
    withReason.seatOverrideReason = "Second office PC; the extra seat is on order (PO-1203)";
    store.signOff(withReason);
    CHECK(store.seatsUsed(simsLicence) == 2);
}

TEST_CASE_METHOD(LibraryFixture, "A record's history reads newest first with names for the ids",
                 "[history][views]")
{
    LibraryViews views(store);
    store.recordChange({{}, "assets", asset, "room_id", room.toString(), otherRoom.toString(), installer, kT0});
    store.recordChange({{}, "assets", asset, "status", "in-stock", "in-use", manager, kT0 + 1000});
    store.recordChange({{}, "assets", asset, "site_id", site.toString(), otherSite.toString(), manager, kT0 + 2000});
    store.recordChange({{}, "assets", asset, "room_id", otherRoom.toString(), std::nullopt, manager, kT0 + 2000});
    const auto rows = views.recordHistory(asset);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].change.changedAt == kT0 + 2000);
    CHECK(rows[0].who == "Morgan Hale");
    const auto &site_ = rows[0].change.field == "site_id" ? rows[0] : rows[1];
    CHECK(site_.from == "Upper School");
    CHECK(site_.to == "Lower School");
    const auto &room_ = rows[0].change.field == "room_id" ? rows[0] : rows[1];
    CHECK(room_.from == "Library");
    CHECK(!room_.to);
    CHECK(rows[2].change.field == "status");
    CHECK(rows[2].to == "in-use"); // an enum by its stored name: the app says it in words
    CHECK(rows[3].from == "ICT Suite 1");
    CHECK(rows[3].who == "Sam Okafor");

    // A set of people, and a key kept only as "(hidden)".
    const Id release = store.addRelease(releaseSpec("R-9"));
    store.recordChange({{}, "releases", release, "installers", installer.toString() + "," + otherInstaller.toString(),
                        installer.toString(), manager, kT0});
    CHECK(views.recordHistory(release)[0].from == "Sam Okafor, Jo Whitaker");
    store.recordChange({{}, "licences", simsLicence, "entitlement", "(hidden)", "(hidden)", developer, kT0});
    CHECK(views.recordHistory(simsLicence)[0].to == "(hidden)");
    // An id this device does not know stays as it is.
    const Id unknown = Id::generate();
    store.recordChange({{}, "assets", asset, "room_id", std::nullopt, unknown.toString(), manager, kT0 + 5000});
    CHECK(views.recordHistory(asset)[0].to == unknown.toString());
}
