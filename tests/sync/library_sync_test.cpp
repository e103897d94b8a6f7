// The Definitive Software Library, the licence log and the history of every change through the sync
// (issue 11): a sign-off takes a seat once however often it is sent, a full licence needs a reason,
// media go out once, keys never reach an installer's tablet, and every field change is kept with
// who and when, once, on the tablet and the server alike.
#include "synchelpers.h"

#include "sync/records.h"

using namespace rd;
using namespace rd::test;

namespace {

/** Every step of @p inst passed on @p t, then the user's sign-off (not yet synced). */
Id installed(Tablet &t, const Id &inst, Millis at, std::optional<std::string> seatReason = std::nullopt)
{
    for (const auto &line : t.store->checklist(inst))
        t.replica.recordStepResult({{}, inst, line.step.id, StepOutcome::Pass, "", "", t.who.userId, at});
    return t.replica.signOff({{}, inst, "Ms K. Adeyemi", "1,1 5,5;9,9 12,3", at + 1000, t.who.userId, seatReason});
}

/** An installer's tablet, synced, with an installation started (not yet synced) on the first of two laptops in stock. */
struct StartedOnLaptop {
    std::unique_ptr<Tablet> sam;
    std::vector<Asset> laptops;
    Id installation;
};

StartedOnLaptop startedOnLaptop(SyncFixture &f)
{
    StartedOnLaptop s;
    s.sam = f.tablet(DemoUsers::installer);
    f.sync(*s.sam);
    const auto rollout = laptopRollout(f.server);
    s.laptops = laptopsInStock(*s.sam->store, 2);
    s.installation = s.sam->replica.startInstallation(
        {{}, rollout.id, s.laptops[0].id, InstallationStatus::InProgress, s.sam->who.userId, kNow});
    return s;
}

} // namespace

TEST_CASE_METHOD(SyncFixture, "A sign-off takes the build's licence seat once, however often it is pushed",
                 "[sync][licences]")
{
    const Id licence = laptopLicence(server, 5);
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto rollout = laptopRollout(server);
    const Id asset = laptopsInStock(*sam->store, 1).front().id;
    const Id inst = sam->replica.startInstallation({{}, rollout.id, asset, InstallationStatus::InProgress, sam->who.userId, kNow});
    installed(*sam, inst, kNow + 1);
    CHECK(seatsOf(*sam->store, licence) == 1); // on the tablet at once
    const auto body = *sam->replica.nextPushBody(500);
    const auto first = hub.push(sam->who, body, kNow);
    const auto again = hub.push(sam->who, body, kNow); // the answer was lost: sent again
    CHECK_THAT(again, Catch::Contains("duplicate"));
    sam->replica.acceptPushResponse(again);
    sync(*sam);
    CHECK(seatsOf(server, licence) == 1);
    CHECK(seatsOf(*sam->store, licence) == 1); // the server's seat and the tablet's are one row
    // A second tablet's sign-off of the same installation is refused: still one seat.
    auto jo = tablet("jo");
    sync(*jo);
    CHECK_THROWS(jo->store->signOff({{}, inst, "Someone", "1,1 2,2", kNow + 5, jo->who.userId}));
    CHECK(seatsOf(server, licence) == 1);
    (void)first;
}

TEST_CASE_METHOD(SyncFixture, "A licence with no seat left refuses a sign-off without a reason, and takes one with it",
                 "[sync][licences][rules]")
{
    const Id licence = laptopLicence(server, 1);
    auto [sam, laptops, first] = startedOnLaptop(*this);
    const auto rollout = laptopRollout(server);
    installed(*sam, first, kNow + 1);
    const Id second = sam->replica.startInstallation({{}, rollout.id, laptops[1].id, InstallationStatus::InProgress,
                                                      sam->who.userId, kNow + 2});
    CHECK_THROWS_WITH(installed(*sam, second, kNow + 3),
                      Catch::Contains("Laptop suite has all 1 seats assigned") && Catch::Contains("reason"));
    CHECK(sam->store->installation(second)->status == InstallationStatus::InProgress); // nothing half-written
    installed(*sam, second, kNow + 4, "Licence top-up ordered: PO 4471");
    sync(*sam);
    CHECK(seatsOf(server, licence) == 2);
    auto q = server.database().query(
        "SELECT override_reason, installation_id FROM licence_assignments WHERE licence_id = ?1 AND asset_id = ?2");
    q->bindAll(licence, laptops[1].id);
    REQUIRE(q->step());
    CHECK(q->text(0) == "Licence top-up ordered: PO 4471");
    CHECK(q->id(1) == second);
    CHECK(count(server, "SELECT count(*) FROM signoffs WHERE seat_override_reason IS NOT NULL") == 1);
}

TEST_CASE_METHOD(SyncFixture, "A sign-off refused at its second licence leaves no seat of the first, and the push goes on",
                 "[sync][licences][rules]")
{
    // Two licences of the build's software, taken in name order: "A suite" has seats, "B suite"
    // one. The server refuses the sign-off at B after the office gives B's seat away; the seat of
    // A, the sign-off and the installation's acceptance must then all be missing, not half there.
    const Id spare = laptopLicence(server, 5);
    const Id item = *server.licence(spare)->dslItemId;
    const Id a = server.addLicence({{}, item, "A suite", "AAAA-0000", 5});
    const Id b = server.addLicence({{}, item, "B suite", "BBBB-0000", 1});
    auto [sam, laptops, inst] = startedOnLaptop(*this);
    installed(*sam, inst, kNow + 1);
    server.assignLicence({{}, b, laptops[1].id, server.userByName(DemoUsers::releaseManager)->id, kNow + 2});
    sync(*sam);
    CHECK(count(*sam->store, "SELECT count(*) FROM local_rejections WHERE kind = 'signOff'") == 1);
    CHECK(seatsOf(server, a) == 0);
    CHECK(seatsOf(server, b) == 1);
    CHECK(seatsOf(server, spare) == 0);
    const auto ofInstallation = [&, inst = inst](Store &s, const char *table) {
        auto q = s.database().query(std::string("SELECT count(*) FROM ") + table + " WHERE installation_id = ?1");
        q->bind(1, inst);
        q->step();
        return q->int64(0);
    };
    CHECK(ofInstallation(server, "signoffs") == 0);
    CHECK(ofInstallation(server, "licence_assignments") == 0);
    // What came before the sign-off in the same push landed.
    REQUIRE(server.installation(inst));
    CHECK(server.installation(inst)->status == InstallationStatus::InProgress);
    CHECK(ofInstallation(server, "step_results") == ofInstallation(*sam->store, "step_results"));
    CHECK(ofInstallation(server, "step_results") > 0);
}

TEST_CASE_METHOD(SyncFixture, "A sign-off the server refuses gives back the seats it took on the tablet",
                 "[sync][licences][rules]")
{
    const Id licence = laptopLicence(server, 1);
    auto [sam, laptops, inst] = startedOnLaptop(*this);
    installed(*sam, inst, kNow + 1);
    CHECK(seatsOf(*sam->store, licence) == 1);
    // Meanwhile the office gives the licence's only seat to another laptop: the sign-off has no reason.
    server.assignLicence({{}, licence, laptops[1].id, server.userByName(DemoUsers::releaseManager)->id, kNow + 2});
    sync(*sam);
    CHECK(count(*sam->store, "SELECT count(*) FROM local_rejections WHERE kind = 'signOff'") == 1);
    CHECK(seatsOf(*sam->store, licence) == 1); // the server's seat only, on the other laptop
    auto q = sam->store->database().query("SELECT asset_id FROM licence_assignments WHERE licence_id = ?1");
    q->bind(1, licence);
    REQUIRE(q->step());
    CHECK(q->id(0) == laptops[1].id);
    CHECK(sam->store->installation(inst)->status == InstallationStatus::InProgress);
}

TEST_CASE_METHOD(SyncFixture, "Original media taken out twice is refused, on the tablet and by a hand-made push",
                 "[sync][dsl]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    auto q = server.database().query("SELECT id FROM dsl_items ORDER BY product LIMIT 1");
    REQUIRE(q->step());
    const Id item = q->id(0);
    q->rewind();
    sam->replica.takeOutMedia({{}, item, sam->who.userId, kNow, "Rebuild of the office PC", std::nullopt, kNow + 86400000});
    CHECK_THROWS_WITH(sam->replica.takeOutMedia({{}, item, sam->who.userId, kNow + 1, "again"}),
                      Catch::Contains("already out"));
    jo->replica.takeOutMedia({{}, item, jo->who.userId, kNow + 2, "Jo's copy"}); // offline: jo does not know
    sync(*sam);
    sync(*jo);
    const auto out = [&](Store &s) {
        auto l = s.database().query("SELECT count(*) FROM media_loans WHERE dsl_item_id = ?1 AND returned_at IS NULL");
        l->bind(1, item);
        l->step();
        return l->int64(0);
    };
    CHECK(out(server) == 1);
    CHECK(jo->replica.rejectionCount() == 1); // kept with its reason, undone on jo's tablet
    CHECK(out(*jo->store) == 1);
    const Id loan = [&] {
        auto l = server.database().query("SELECT id FROM media_loans WHERE dsl_item_id = ?1 AND returned_at IS NULL");
        l->bind(1, item);
        REQUIRE(l->step());
        return l->id(0);
    }();
    sam->replica.returnMedia(loan, sam->who.userId, kNow + 3);
    sync(*sam);
    CHECK(count(server, "SELECT count(*) FROM media_loans WHERE returned_at IS NOT NULL AND returned_by IS NOT NULL") == 1);
}

TEST_CASE_METHOD(SyncFixture, "An installer's tablet never receives licence keys; the office's does",
                 "[sync][licences][scope]")
{
    laptopLicence(server, 5);
    auto sam = tablet(DemoUsers::installer);
    auto devi = tablet(DemoUsers::buildDeveloper);
    // On the pull pages themselves: no key text in any page an installer is sent.
    for (int pages = 0;; ++pages) {
        REQUIRE(pages < 1000);
        const auto page = hub.pull(sam->who, sam->replica.nextPullBody(pageSize));
        CHECK_THAT(page, !Catch::Contains("AAAA-BBBB-CCCC-DDDD"));
        CHECK_THAT(page, !Catch::Contains("ESS-AGR-20417")); // the demo's SIMS agreement number
        if (sam->replica.applyPullPage(page).complete)
            break;
    }
    CHECK(count(*sam->store, "SELECT count(*) FROM licences") > 0);
    CHECK(count(*sam->store, "SELECT count(*) FROM licences WHERE entitlement <> ''") == 0);
    sync(*devi);
    CHECK(count(*devi->store, "SELECT count(*) FROM licences WHERE entitlement = 'AAAA-BBBB-CCCC-DDDD'") == 1);
}

TEST_CASE_METHOD(SyncFixture, "Every field change of an asset is kept with who and when, once, on tablet and server",
                 "[sync][history]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    const auto asset = laptopsInStock(*sam->store, 1).front();
    const auto rooms = sam->store->rooms(asset.siteId);
    sam->replica.moveAsset(asset.id, asset.siteId, rooms.at(2).id, sam->who.userId, kNow + 10);
    sam->replica.setAssetUser(asset.id, "Mr Davies", sam->who.userId, kNow + 20);
    CHECK(sam->store->recordChanges(asset.id).size() == 2); // shown on sam's tablet at once
    jo->replica.setAssetStatus(asset.id, AssetStatus::Spare); // no "by": the server keeps the row
    sync(*sam);
    sync(*jo);
    sync(*sam);
    const auto kept = server.recordChanges(asset.id);
    REQUIRE(kept.size() == 3);
    CHECK(kept[0].field == "room_id");
    CHECK(kept[0].newValue == rooms.at(2).id.toString());
    CHECK(kept[0].changedBy == sam->who.userId);
    CHECK(kept[0].changedAt == kNow + 10);
    CHECK(kept[1].field == "assigned_user");
    CHECK(kept[1].oldValue == "");
    CHECK(kept[1].newValue == "Mr Davies");
    CHECK(kept[2].field == "status");
    CHECK(kept[2].changedBy == jo->who.userId);
    // One row per change everywhere: sam's own rows and the server's are the same rows.
    CHECK(sam->store->recordChanges(asset.id).size() == 3);
    CHECK(jo->store->recordChanges(asset.id).size() == 3);
    CHECK(dump(*sam->store, "record_changes") == dump(*jo->store, "record_changes"));
}

TEST_CASE_METHOD(SyncFixture, "A licence key changed is kept in the history only as changed, never its text",
                 "[sync][history][licences]")
{
    const Id licence = laptopLicence(server, 5);
    auto devi = tablet(DemoUsers::buildDeveloper);
    sync(*devi);
    auto l = *devi->store->licence(licence);
    l.entitlement = "ZZZZ-YYYY-XXXX-WWWW";
    l.seats = 8;
    devi->replica.updateLicence(l, devi->who.userId, kNow);
    sync(*devi);
    CHECK(server.licence(licence)->entitlement == "ZZZZ-YYYY-XXXX-WWWW");
    CHECK(server.licence(licence)->seats == 8);
    const auto changes = server.recordChanges(licence);
    REQUIRE(changes.size() == 2);
    for (const auto &c : changes) {
        if (c.field == "entitlement") {
            CHECK(c.oldValue == "(hidden)");
            CHECK(c.newValue == "(hidden)");
        } else {
            CHECK(c.field == "seats");
            CHECK(c.newValue == "8");
        }
    }
}
