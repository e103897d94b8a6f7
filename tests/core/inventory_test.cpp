#include "fixture.h"

using namespace rd;
using namespace rd::test;

TEST_CASE_METHOD(SchoolFixture, "A second asset with the same make and normalised serial is refused",
                 "[inventory][serial][bad-input]")
{
    const auto before = snapshot();
    Asset a;
    a.serial = "5cg-1234 abc"; // the fixture's 5CG1234ABC as typed by hand
    a.make = "DELL ";
    a.model = "Latitude 3440";
    a.category = "Laptop";
    a.siteId = site;
    try {
        store.addAsset(a);
        FAIL("duplicate serial accepted");
    } catch (const DuplicateError &e) {
        CHECK(e.existingId() == asset.toString());
        CHECK_THAT(e.what(), Catch::Contains("serial 5cg-1234 abc is already in the inventory as RAU-00001"));
    }
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "The same serial under another make is another asset", "[inventory][serial]")
{
    const Id hp = addAsset("5CG1234ABC", "RAU-00002", "HP");
    CHECK(hp != asset);
    const auto found = store.findAssetsBySerial(" 5cg 1234-abc ");
    CHECK(found.size() == 2);
}

TEST_CASE_METHOD(SchoolFixture, "Assets are found by normalised serial and by asset tag", "[inventory]")
{
    const auto bySerial = store.findAssetsBySerial("5cg\xE2\x80\x94"
                                                   "1234abc");
    REQUIRE(bySerial.size() == 1);
    CHECK(bySerial[0].id == asset);
    CHECK(bySerial[0].serial == "5CG1234ABC");
    CHECK(bySerial[0].roomId == room);
    CHECK(store.findAssetsBySerial("5CG1234ABD").empty());
    CHECK(store.findAssetsBySerial("---").empty());
    const auto byTag = store.findAssetByTag("RAU-00001");
    REQUIRE(byTag);
    CHECK(byTag->id == asset);
}

TEST_CASE_METHOD(SchoolFixture, "A duplicate asset tag is refused", "[inventory][bad-input]")
{
    const auto before = snapshot();
    CHECK_THROWS_AS(addAsset("OTHER-SERIAL", "RAU-00001"), DuplicateError);
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "An asset referring to a site or room that does not exist is refused",
                 "[inventory][bad-input]")
{
    const auto before = snapshot();
    Asset a;
    a.serial = "NEW1";
    a.make = "Dell";
    a.model = "Latitude";
    a.category = "Laptop";
    a.siteId = Id::generate();
    CHECK_THROWS_MATCHES(store.addAsset(a), NotFoundError,
                         Catch::Message("site " + a.siteId.toString() + " does not exist"));
    a.siteId = site;
    a.roomId = Id::generate();
    CHECK_THROWS_AS(store.addAsset(a), NotFoundError);
    a.roomId = farRoom; // a room at the other site
    CHECK_THROWS_AS(store.addAsset(a), ValidationError);
    CHECK_THROWS_AS(store.moveAsset(asset, site, farRoom), ValidationError);
    CHECK_THROWS_AS(store.moveAsset(Id::generate(), site, room), NotFoundError);
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "Over-long or invalid UTF-8 asset fields are refused whole",
                 "[inventory][bad-input]")
{
    const auto before = snapshot();
    CHECK_THROWS_AS(addAsset(std::string(65, 'A'), "RAU-09999"), ValidationError);
    CHECK_THROWS_AS(addAsset("SERIAL\xC3", "RAU-09999"), ValidationError);
    CHECK_THROWS_AS(addAsset("SERIAL", "RAU-09999", std::string(81, 'm')), ValidationError);
    CHECK_THROWS_AS(store.setAssetUser(asset, "Mrs \xFF"), ValidationError);
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(SchoolFixture, "Asset status changes follow the lifecycle", "[inventory][rules]")
{
    store.setAssetStatus(asset, AssetStatus::Installed);
    store.setAssetStatus(asset, AssetStatus::InUse);
    store.setAssetStatus(asset, AssetStatus::Retired);
    const auto before = snapshot();
    CHECK_THROWS_MATCHES(
        store.setAssetStatus(asset, AssetStatus::InUse), RuleError,
        Catch::Message("asset cannot go from retired to in-use (allowed: in-stock, disposed)"));
    CHECK(snapshot() == before);
    store.setAssetStatus(asset, AssetStatus::Disposed);
    CHECK(store.asset(asset)->status == AssetStatus::Disposed);
}

TEST_CASE_METHOD(SchoolFixture, "Moving an asset and changing its user are recorded", "[inventory]")
{
    store.moveAsset(asset, site, otherRoom);
    store.setAssetUser(asset, "  Mr J. Singh ");
    const auto a = store.asset(asset);
    CHECK(a->roomId == otherRoom);
    CHECK(a->assignedUser == "Mr J. Singh");
}

TEST_CASE_METHOD(SchoolFixture, "The database itself refuses an unknown status written by hand",
                 "[inventory][bad-input]")
{
    CHECK_THROWS_AS(store.database().exec("UPDATE assets SET status = 'lost'"), StoreError);
    CHECK(store.asset(asset)->status == AssetStatus::InStock);
}
