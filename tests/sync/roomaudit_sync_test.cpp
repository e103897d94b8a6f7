// Room audits through the sync (issue 12): the audit and its lines reach the server once however
// often pushed, go to the users of the room's site, and are refused for another site's room.
#include "synchelpers.h"

#include "store/roomaudit.h"

using namespace rd;
using namespace rd::test;

namespace {

Room roomNamed(Store &s, const std::string &siteCode, const std::string &name)
{
    const auto room = roomOfLabel(s, "ROOM:" + siteCode + "/" + name);
    REQUIRE(room);
    return *room;
}

/** An audit of @p room on @p t: every expected asset but the first two scanned, and one unknown tag. */
RoomAudit auditOf(Tablet &t, const Room &room)
{
    RoomAuditTally tally(room, assetsExpectedIn(*t.store, room.id));
    const auto &lines = tally.lines();
    std::vector<std::string> tags;
    for (std::size_t i = 2; i < lines.size(); ++i)
        tags.push_back(lines[i].asset->assetTag.value_or(lines[i].asset->serial.value_or("")));
    for (const auto &tag : tags)
        tally.scan(tag, findAuditedAsset(*t.store, tag));
    tally.scan("NOT-A-TAG-1", findAuditedAsset(*t.store, "NOT-A-TAG-1"));
    return tally.record(t.who.userId, kNow, kNow + 600000);
}

} // namespace

TEST_CASE_METHOD(SyncFixture, "A room audit is applied once, however often it is pushed, and reaches colleagues",
                 "[sync][roomaudit]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    auto alex = tablet("alex"); // Lower School only
    sync(*sam);
    sync(*jo);
    sync(*alex);
    const Room library = roomNamed(*sam->store, "RAU", "Library");
    const auto audit = auditOf(*sam, library);
    REQUIRE(audit.expected >= 3);
    const Id id = sam->replica.recordRoomAudit(audit);
    const auto body = *sam->replica.nextPushBody(1000);
    (void)hub.push(sam->who, body, kNow); // the answer is lost on the way
    const auto again = sam->replica.acceptPushResponse(hub.push(sam->who, body, kNow));
    CHECK(again.applied == 0);
    CHECK(again.duplicates == again.lastAppliedSeq);
    sam->replica.acceptPushResponse(hub.push(sam->who, body, kNow));
    CHECK(sam->replica.pendingCount() == 0);

    CHECK(count(server, "SELECT count(*) FROM room_audits") == 1);
    CHECK(count(server, "SELECT count(*) FROM room_audit_lines") == static_cast<std::int64_t>(audit.lines.size()));
    const auto kept = server.roomAudit(id);
    REQUIRE(kept);
    CHECK(kept->expected == audit.expected);
    CHECK(kept->found == audit.expected - 2);
    CHECK(kept->missing == 2);
    CHECK(kept->unexpected == 1);
    CHECK(kept->auditedBy == sam->who.userId);
    CHECK(dump(server, "room_audit_lines") == dump(*sam->store, "room_audit_lines"));

    // A colleague of the site gets it with its lines; someone of the other site does not.
    sync(*jo);
    sync(*alex);
    CHECK(dump(*jo->store, "room_audits") == dump(server, "room_audits"));
    CHECK(dump(*jo->store, "room_audit_lines") == dump(server, "room_audit_lines"));
    CHECK(count(*alex->store, "SELECT count(*) FROM room_audits") == 0);
    CHECK(count(*alex->store, "SELECT count(*) FROM room_audit_lines") == 0);
    const auto last = lastRoomAudit(*jo->store, library.id);
    REQUIRE(last);
    CHECK(last->missing == 2);
    CHECK(last->missingAssets.size() == 2);
}

TEST_CASE_METHOD(SyncFixture, "A room audit of another site's room is refused, nothing of it applied",
                 "[sync][roomaudit]")
{
    auto alex = tablet("alex"); // Lower School only
    sync(*alex);
    // Rooms travel to everyone, so alex's tablet knows the Upper School's library; its assets it does not.
    const Room library = roomNamed(*alex->store, "RAU", "Library");
    RoomAuditTally tally(library, {});
    tally.scan("RAU-00001", std::nullopt);
    // Claiming the Lower School for the Upper School's room is refused on the tablet already.
    auto claimed = tally.record(alex->who.userId, kNow, kNow + 2000);
    claimed.siteId = roomNamed(*alex->store, "RAL", "Hall").siteId;
    CHECK_THROWS_AS(alex->replica.recordRoomAudit(claimed), RuleError);
    CHECK(alex->replica.pendingCount() == 0);
    // As the room's own site, it is queued, and the server refuses the push: not one of alex's sites.
    alex->replica.recordRoomAudit(tally.record(alex->who.userId, kNow, kNow + 1000));
    const auto body = *alex->replica.nextPushBody(50);
    CHECK_THROWS_AS(hub.push(alex->who, body, kNow), sync::ForbiddenError);
    CHECK(count(server, "SELECT count(*) FROM room_audits") == 0);
    CHECK(count(server, "SELECT count(*) FROM room_audit_lines") == 0);

    // The same audit by someone of that site is taken.
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    sam->replica.recordRoomAudit(tally.record(sam->who.userId, kNow, kNow + 1000));
    sync(*sam);
    CHECK(count(server, "SELECT count(*) FROM room_audits") == 1);
    CHECK(sam->replica.rejectionCount() == 0);
}

TEST_CASE_METHOD(SyncFixture,
                 "A fresh pull from a restored server drops an audit it lost and keeps one waiting to be sent",
                 "[sync][roomaudit][restore]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    const Room library = roomNamed(*sam->store, "RAU", "Library");
    const Id lost = sam->replica.recordRoomAudit(auditOf(*sam, library));
    sync(*sam);
    sync(*jo);
    REQUIRE(jo->store->roomAudit(lost));
    const Id waiting = jo->replica.recordRoomAudit(auditOf(*jo, roomNamed(*jo->store, "RAU", "Music")));
    const auto lines = jo->store->roomAudit(waiting)->lines.size();

    // The server is restored to a copy made before sam's audit.
    server.database().query("DELETE FROM room_audit_lines WHERE audit_id = ?1")->bindAll(lost).run();
    server.database().query("DELETE FROM room_audits WHERE id = ?1")->bindAll(lost).run();
    server.database().exec("UPDATE sync_devices SET last_seq = 0");
    server.setMeta("database_id", Id::generate().toString());
    sync::Hub restored(server);
    try {
        (void)restored.pull(jo->who, jo->replica.nextPullBody(100));
        FAIL("a pull naming another database was answered");
    } catch (const sync::DatabaseChangedError &e) {
        CHECK(jo->replica.noteDatabase(e.databaseId()));
    }
    // Pulled afresh before jo's audit is sent: sam's, which the server lost, goes with its lines (children
    // first, no reference left broken); jo's own stays with its lines.
    for (int pages = 0; !jo->replica.applyPullPage(restored.pull(jo->who, jo->replica.nextPullBody(pageSize))).complete;
         ++pages)
        REQUIRE(pages < 1000);
    CHECK_FALSE(jo->store->roomAudit(lost));
    CHECK(count(*jo->store, "SELECT count(*) FROM room_audit_lines") == static_cast<std::int64_t>(lines));
    REQUIRE(jo->store->roomAudit(waiting));
    CHECK(jo->store->roomAudit(waiting)->lines.size() == lines);
    while (const auto body = jo->replica.nextPushBody(50))
        jo->replica.acceptPushResponse(restored.push(jo->who, *body, kNow));
    CHECK(server.roomAudit(waiting)->lines.size() == lines);
}
