// Overrides of refused scans (issue 5): kept by the store as append-only facts.
#include "fixture.h"

#include "scan/fieldcheck.h"

using namespace rd;
using namespace rd::test;

namespace {

ScanOverride overrideOf(const Id &asset, const Id &by, Millis at)
{
    return ScanOverride{{},           asset,
                        std::nullopt, "serial",
                        "5012345678900",
                        "this is an EAN/UPC product code, the same on every unit of a model",
                        "the manufacturer prints its serials as 13 digits",
                        by,           at};
}

} // namespace

TEST_CASE_METHOD(SchoolFixture, "A refused scan the technician overrides is kept with who, when and why",
                 "[scan-overrides]")
{
    // The real check refuses an EAN-13 in the serial field; the technician overrides it.
    auto check = scan::checkSerial("5012345678900");
    REQUIRE(check.isRefused());
    REQUIRE(check.override("the manufacturer prints its serials as 13 digits"));
    const auto inst = startOn(store.addRelease(releaseSpec("R-1")), asset);
    const auto seqBefore = store.lastSeq();

    const Id first = store.recordScanOverride({{},
                                               asset,
                                               inst,
                                               "serial",
                                               check.value(),
                                               check.reason(),
                                               check.overrideReason(),
                                               installer,
                                               kT0 + 5 * kDay});
    const Id second = store.recordScanOverride(
        {{}, asset, std::nullopt, "asset-tag", "  RAU 7 ", "does not follow the site's tag format",
         "old tag from before the format", otherInstaller, kT0 + 6 * kDay});

    const auto kept = store.scanOverrides(asset);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].id == first);
    CHECK(kept[0].assetId == asset);
    CHECK(kept[0].installationId == inst);
    CHECK(kept[0].field == "serial");
    CHECK(kept[0].value == "5012345678900");
    CHECK(kept[0].refusal == check.reason());
    CHECK_FALSE(kept[0].refusal.empty());
    CHECK(kept[0].reason == "the manufacturer prints its serials as 13 digits");
    CHECK(kept[0].recordedBy == installer);
    CHECK(kept[0].recordedAt == kT0 + 5 * kDay);
    CHECK(kept[1].id == second);
    CHECK_FALSE(kept[1].installationId);
    CHECK(kept[1].field == "asset-tag");
    CHECK(kept[1].value == "RAU 7"); // trimmed like every text field
    CHECK(kept[1].recordedBy == otherInstaller);

    // Each row is a change the sync reads, once.
    const auto changes = store.changesSince(seqBefore, 10);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].table == "scan_overrides");
    CHECK(changes[0].key == first);
    CHECK(changes[1].key == second);
    CHECK(store.lastSeq() == changes[1].seq);
    CHECK(store.scanOverrides(addAsset("OTHER-1", "RAU-00002")).empty());
}

TEST_CASE_METHOD(SchoolFixture, "A scan override's fields are checked and a refused one leaves nothing",
                 "[scan-overrides][bad-input]")
{
    const auto release = store.addRelease(releaseSpec("R-1", 2));
    const auto other = addAsset("OTHER-1", "RAU-00002");
    const auto otherInst = startOn(release, other);
    const auto before = snapshot();
    auto bad = [&](auto change) {
        auto o = overrideOf(asset, installer, kT0);
        change(o);
        return o;
    };
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.field = "model"; })), ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.field = ""; })), ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.field = "Serial"; })), ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.value = "   "; })), ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.value = "AB\x1D" "CD"; })),
                    ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.value = std::string(65, '7'); })),
                    ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.value = "\xC3\x28"; })),
                    ValidationError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.refusal = ""; })), ValidationError);
    CHECK_THROWS_WITH(store.recordScanOverride(bad([](ScanOverride &o) { o.reason = " \t "; })),
                      Catch::Contains("override reason"));
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.assetId = Id::generate(); })),
                    NotFoundError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.installationId = Id::generate(); })),
                    NotFoundError);
    CHECK_THROWS_AS(store.recordScanOverride(bad([](ScanOverride &o) { o.recordedBy = Id::generate(); })),
                    NotFoundError);
    // An installation of another asset: the override cannot belong to both.
    CHECK_THROWS_AS(store.recordScanOverride(bad([&](ScanOverride &o) { o.installationId = otherInst; })),
                    RuleError);
    CHECK(snapshot() == before);
    CHECK(store.scanOverrides(asset).empty());
}

TEST_CASE_METHOD(SchoolFixture, "Scan overrides in a batch: all or nothing, a refused one leaves the rest",
                 "[scan-overrides]")
{
    const auto before = snapshot();
    {
        Store::Batch batch(store);
        store.recordScanOverride(overrideOf(asset, installer, kT0));
        // destroyed without commit
    }
    CHECK(snapshot() == before);
    {
        Store::Batch batch(store);
        store.recordScanOverride(overrideOf(asset, installer, kT0));
        auto bad = overrideOf(asset, installer, kT0 + 1);
        bad.recordedBy = Id::generate();
        CHECK_THROWS_AS(store.recordScanOverride(bad), NotFoundError);
        store.recordScanOverride(overrideOf(asset, otherInstaller, kT0 + 2));
        batch.commit();
    }
    const auto kept = store.scanOverrides(asset);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].recordedBy == installer);
    CHECK(kept[1].recordedBy == otherInstaller);
    CHECK(store.changesSince(before.at("#last_seq"), 10).size() == 2); // the refused one took no number
}

TEST_CASE_METHOD(SchoolFixture, "The schema itself refuses a bad scan override row", "[scan-overrides][bad-input]")
{
    auto &db = store.database();
    auto insert = [&](std::string_view field, std::string_view reason) {
        db.query("INSERT INTO scan_overrides(id, asset_id, installation_id, field, value, refusal, reason, "
                 "recorded_by, recorded_at, seq) VALUES (?1, ?2, NULL, ?3, 'X1', 'a product code', ?4, ?5, 0, 1)")
            ->bindAll(Id::generate(), asset, field, reason, installer)
            .run();
    };
    CHECK_THROWS_AS(insert("model", "why"), StoreError);
    CHECK_THROWS_AS(insert("serial", ""), StoreError);
    insert("asset-tag", "why");
    CHECK(store.scanOverrides(asset).size() == 1);
}
