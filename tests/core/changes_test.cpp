#include "fixture.h"

#include <set>

using namespace rd;
using namespace rd::test;

namespace {

/** Reads every change after @p after in pages of @p page, as the sync will. */
std::vector<Change> readAll(Store &store, std::int64_t after, int page)
{
    std::vector<Change> out;
    for (;;) {
        const auto chunk = store.changesSince(after, page);
        if (chunk.empty())
            return out;
        out.insert(out.end(), chunk.begin(), chunk.end());
        after = chunk.back().seq;
    }
}

} // namespace

TEST_CASE_METHOD(SchoolFixture, "Every write is read from the change sequence exactly once, in order",
                 "[changes]")
{
    const auto all = readAll(store, 0, 7);
    REQUIRE_FALSE(all.empty());
    // strictly increasing, no row twice
    std::set<std::pair<std::string, Id>> rows;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i > 0)
            CHECK(all[i].seq > all[i - 1].seq);
        CHECK(rows.emplace(all[i].table, all[i].key).second);
    }
    CHECK(all.back().seq == store.lastSeq());
    // Every row of the synced tables is there.
    CHECK(rows.count({"assets", asset}) == 1);
    CHECK(rows.count({"build_procedures", build}) == 1);
    for (const auto &s : steps)
        CHECK(rows.count({"build_steps", s.id}) == 1);

    // An update moves the row to the end of the sequence; a reader past it sees it once more.
    const auto cursor = store.lastSeq();
    store.moveAsset(asset, site, otherRoom);
    const auto after = store.changesSince(cursor, 100);
    REQUIRE(after.size() == 1);
    CHECK(after[0].table == "assets");
    CHECK(after[0].key == asset);
    CHECK_FALSE(after[0].deleted);
    // and a full read still has each row once
    const auto again = readAll(store, 0, 1000);
    CHECK(again.size() == all.size());
}

TEST_CASE_METHOD(SchoolFixture, "A deletion leaves a tombstone in the change sequence", "[changes]")
{
    const Id licence = store.addLicence({{}, std::nullopt, "Sophos", "SOP-1", 5});
    const Id seat = store.assignLicence({{}, licence, asset, manager, kT0});
    const auto cursor = store.lastSeq();
    store.unassignLicence(seat);
    const auto changes = store.changesSince(cursor, 10);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].table == "licence_assignments");
    CHECK(changes[0].key == seat);
    CHECK(changes[0].deleted);
    CHECK_THROWS_AS(store.unassignLicence(seat), NotFoundError);
}

TEST_CASE_METHOD(SchoolFixture, "Two-part keys come back whole from the change sequence", "[changes]")
{
    const auto cursor = store.lastSeq();
    store.addUserToSite(installer, otherSite);
    const auto changes = store.changesSince(cursor, 10);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].table == "user_sites");
    CHECK(changes[0].key == installer);
    CHECK(changes[0].key2 == otherSite);
}

TEST_CASE_METHOD(SchoolFixture, "A refused write takes no place in the change sequence",
                 "[changes][bad-input]")
{
    const auto cursor = store.lastSeq();
    CHECK_THROWS(addAsset("5CG1234ABC", "RAU-77777"));
    {
        Store::Batch batch(store);
        addAsset("NEW-1", "RAU-00010");
    } // rolled back
    CHECK(store.lastSeq() == cursor);
    CHECK(store.changesSince(cursor, 10).empty());
    CHECK_THROWS_AS(store.changesSince(cursor, 0), ValidationError);
}
