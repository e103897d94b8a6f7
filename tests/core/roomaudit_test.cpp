// Room audits (issue 12): what the core makes of a room's assets and the scans in it, and the
// record the store keeps.
#include "fixture.h"

#include "store/roomaudit.h"
#include "store/views.h"

using namespace rd;
using namespace rd::test;

TEST_CASE_METHOD(SchoolFixture, "A room audit: found, missing, elsewhere and unknown, each asset once",
                 "[core][roomaudit]")
{
    const Id a2 = addAsset("5CG1234ABD", "RAU-00002");
    const Id a3 = addAsset("5CG1234ABE", "RAU-00003");
    Asset far;
    far.assetTag = "RAU-00009";
    far.make = "HP";
    far.model = "ProDesk 400 G7";
    far.category = "Desktop";
    far.siteId = site;
    far.roomId = otherRoom;
    far.status = AssetStatus::InUse;
    const Id elsewhere = store.addAsset(far);

    const Room suite{room, site, "ICT Suite 1"};
    RoomAuditTally tally(suite, assetsExpectedIn(store, room));
    CHECK(tally.expected() == 3);
    CHECK(tally.missing() == 3);

    CHECK(tally.scan("RAU-00001", findAuditedAsset(store, "RAU-00001")));
    CHECK_FALSE(tally.scan("5CG1234ABC", findAuditedAsset(store, "5cg1234abc"))); // its serial: the same asset
    CHECK_FALSE(tally.scan("RAU-00001", findAuditedAsset(store, "RAU-00001")));   // a burst's second read
    CHECK(tally.scan("5CG1234ABD", findAuditedAsset(store, "5CG1234ABD")));
    CHECK(tally.scan("RAU-00009", findAuditedAsset(store, "RAU-00009")));
    CHECK(tally.scan("ZZ-UNKNOWN", findAuditedAsset(store, "ZZ-UNKNOWN")));
    CHECK_FALSE(tally.scan("ZZ-UNKNOWN", std::nullopt));
    CHECK(tally.scans() == 7);
    CHECK(tally.expected() == 3);
    CHECK(tally.found() == 2);
    CHECK(tally.missing() == 1);
    CHECK(tally.unexpected() == 2);
    REQUIRE(tally.lines().size() == 5);
    CHECK(tally.lines()[2].asset->id == a3);
    CHECK(tally.lines()[2].outcome == AuditOutcome::Missing);
    CHECK(tally.lines()[3].outcome == AuditOutcome::Elsewhere);
    CHECK(tally.lines()[4].outcome == AuditOutcome::Unknown);

    // Moved here, the asset from the library counts as expected and found.
    tally.movedHere(3);
    CHECK(tally.expected() == 4);
    CHECK(tally.found() == 3);
    CHECK(tally.unexpected() == 1);

    auto audit = tally.record(installer, kT0, kT0 + 60000);
    const Id id = store.recordRoomAudit(audit);
    const auto kept = store.roomAudit(id);
    REQUIRE(kept);
    CHECK(kept->expected == 4);
    CHECK(kept->found == 3);
    CHECK(kept->missing == 1);
    CHECK(kept->unexpected == 1);
    REQUIRE(kept->lines.size() == 5);
    CHECK(kept->lines[4].outcome == AuditOutcome::Unknown);
    CHECK_FALSE(kept->lines[4].assetId);
    CHECK_THROWS_AS(store.recordRoomAudit(*kept), DuplicateError);

    // The office sees the room's last audit and what is missing; each asset's history says it.
    const auto last = lastRoomAudit(store, room);
    REQUIRE(last);
    CHECK(last->missing == 1);
    REQUIRE(last->missingAssets.size() == 1);
    CHECK(last->missingAssets[0] == "RAU-00003 (Dell Latitude 3440)");
    CHECK_FALSE(lastRoomAudit(store, farRoom));
    Views views(store);
    const auto history = views.assetHistory(a3);
    REQUIRE_FALSE(history.empty());
    CHECK(history.front().what == "Audited in ICT Suite 1: missing");
    CHECK(views.assetHistory(a2).front().what == "Audited in ICT Suite 1: found");
    CHECK(views.assetHistory(elsewhere).front().what == "Audited in ICT Suite 1: found");
    (void)elsewhere;
}

TEST_CASE_METHOD(SchoolFixture, "A room audit is refused for a room of another site, or lines that do not add up",
                 "[core][roomaudit]")
{
    RoomAudit audit;
    audit.siteId = site;
    audit.roomId = farRoom;
    audit.auditedBy = installer;
    audit.startedAt = audit.finishedAt = kT0;
    CHECK_THROWS_AS(store.recordRoomAudit(audit), RuleError);
    audit.roomId = room;
    audit.lines = {{1, std::nullopt, "", AuditOutcome::Missing}};
    CHECK_THROWS_AS(store.recordRoomAudit(audit), ValidationError);
    audit.lines = {{1, asset, "RAU-00001", AuditOutcome::Found}, {1, std::nullopt, "X1", AuditOutcome::Unknown}};
    CHECK_THROWS_AS(store.recordRoomAudit(audit), ValidationError);
    CHECK(store.database().scalar("SELECT count(*) FROM room_audits") == 0);
    CHECK(store.database().scalar("SELECT count(*) FROM room_audit_lines") == 0);
}

TEST_CASE_METHOD(SchoolFixture, "Door labels name a room; an asset not found may be marked missing and found again",
                 "[core][roomaudit]")
{
    const auto byCode = roomOfLabel(store, "ROOM:ups/ICT Suite 1");
    REQUIRE(byCode);
    CHECK(byCode->id == room);
    CHECK(roomLabel(store, *byCode) == "ROOM:UPS/ICT Suite 1");
    const auto byId = roomOfLabel(store, otherRoom.toString());
    REQUIRE(byId);
    CHECK(byId->name == "Library");
    CHECK_FALSE(roomOfLabel(store, "ROOM:UPS/Nowhere"));
    CHECK_FALSE(roomOfLabel(store, "RAU-00001"));

    store.setAssetStatus(asset, AssetStatus::Missing);
    CHECK(store.asset(asset)->status == AssetStatus::Missing);
    store.setAssetStatus(asset, AssetStatus::InStock);
    CHECK(store.asset(asset)->status == AssetStatus::InStock);
}
