// The holes an outside client and a security test found in the sync (issue 9), one test each,
// named after what it proves: on the Hub and Replica in process, no network.
#include "synchelpers.h"

#include "sync/records.h"

using namespace rd;
using namespace rd::test;

namespace {

/** A push body for @p who with @p mutations, written by hand as an outside client would. */
std::string pushBody(const sync::Principal &who, const std::string &mutations)
{
    return R"({"protocol":1,"device_id":")" + who.deviceId.toString() + R"(","mutations":[)" + mutations + "]}";
}

template <typename Record>
std::string mutation(std::int64_t seq, std::string_view kind, const Record &record)
{
    return R"({"seq":)" + std::to_string(seq) + R"(,"kind":")" + std::string(kind) + R"(","at":)" +
           std::to_string(kNow) + R"(,"data":)" + sync::codec::json::serialize(sync::codec::toJson(record)) + "}";
}

/** A new laptop with the id its tablet gave it, for a push written by hand. */
Asset laptopWithId(const Id &site, const std::string &serial)
{
    auto a = newLaptop(site, serial);
    a.id = Id::generate();
    return a;
}

Id siteByCode(Store &s, const std::string &code)
{
    for (const auto &site : s.sites()) {
        if (site.code == code)
            return site.id;
    }
    FAIL("no site " << code);
    return {};
}

/** Everything a refused push must leave as it was: the change sequence and the device's number. */
struct ServerState {
    std::int64_t seq;
    std::int64_t devices;
    std::int64_t lastSeqs;
    bool operator==(const ServerState &) const = default;
};

ServerState stateOf(Store &server)
{
    return {server.lastSeq(), count(server, "SELECT count(*) FROM sync_devices"),
            count(server, "SELECT coalesce(sum(last_seq), 0) FROM sync_devices")};
}

} // namespace

TEST_CASE_METHOD(SyncFixture,
                 "Device hijack: another account cannot use a colleague's device id, and the colleague's next "
                 "change is still applied",
                 "[sync][trust][devices]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto laptops = laptopsInStock(*sam->store, 2);
    sam->replica.setAssetUser(laptops[0].id, "Room 12 trolley");
    sync(*sam); // sam's device is sam's, at seq 1

    // jo signs in with sam's device id: refused, as is a push of a huge number on it.
    const auto jo = *server.userByName("jo");
    CHECK_THROWS_AS(hub.registerDevice(jo.id, sam->who.deviceId, kNow), sync::ForbiddenError);
    sync::Principal hijacker{jo.id, jo.role, hub.sitesOf(jo.id, jo.role), sam->who.deviceId};
    const auto before = stateOf(server);
    Asset a = *server.asset(laptops[1].id);
    CHECK_THROWS_AS(hub.push(hijacker, pushBody(hijacker, mutation(1000000, "addAsset", laptopWithId(a.siteId, "HIJ-1"))),
                             kNow),
                    sync::ForbiddenError);
    CHECK(stateOf(server) == before);

    // sam's next real change is applied, not answered as a duplicate and thrown away.
    sam->replica.setAssetUser(laptops[1].id, "Head of Science");
    const auto answer = hub.push(sam->who, *sam->replica.nextPushBody(50), kNow);
    CHECK_THAT(answer, Catch::Contains("\"last_applied_seq\":2"));
    CHECK_THAT(answer, !Catch::Contains("duplicate"));
    sam->replica.acceptPushResponse(answer);
    CHECK(server.asset(laptops[1].id)->assignedUser == "Head of Science");
}

TEST_CASE_METHOD(SyncFixture, "Seq gap: a push that skips numbers is refused whole with the number expected",
                 "[sync][trust][seq]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const Id upper = siteByCode(server, "RAU");
    std::string first;
    for (int i = 1; i <= 8; ++i)
        first += (i > 1 ? "," : "") + mutation(i, "addAsset", laptopWithId(upper, "GAP-" + std::to_string(i)));
    (void)hub.push(sam->who, pushBody(sam->who, first), kNow);
    const auto before = stateOf(server);

    // After 8, a push of 13 would make 9 to 12 duplicates never applied: refused, nothing applied.
    try {
        (void)hub.push(sam->who, pushBody(sam->who, mutation(13, "addAsset", laptopWithId(upper, "GAP-13"))), kNow);
        FAIL("a push over a gap was accepted");
    } catch (const sync::SeqGapError &e) {
        CHECK(e.expected() == 9);
    }
    CHECK(stateOf(server) == before);
    CHECK(server.findAssetsBySerial("GAP-13").empty());
    // Numbers that do not follow one another inside a push are not a push at all.
    CHECK_THROWS_AS(hub.push(sam->who,
                             pushBody(sam->who, mutation(9, "addAsset", laptopWithId(upper, "GAP-9")) + "," +
                                                    mutation(11, "addAsset", laptopWithId(upper, "GAP-11"))),
                             kNow),
                    sync::ProtocolError);
    // Going on from 9 is fine.
    CHECK_THAT(hub.push(sam->who, pushBody(sam->who, mutation(9, "addAsset", laptopWithId(upper, "GAP-9"))), kNow),
               Catch::Contains("\"last_applied_seq\":9"));
}

TEST_CASE_METHOD(SyncFixture,
                 "A tablet recovers from a seq gap: what it kept goes again from the number expected, and what "
                 "it no longer has is numbered on",
                 "[sync][trust][seq][restore]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto laptops = laptopsInStock(*sam->store, 3);
    sam->replica.setAssetUser(laptops[0].id, "one");
    sam->replica.setAssetUser(laptops[1].id, "two");
    sync(*sam);
    REQUIRE(count(*sam->store, "SELECT count(*) FROM outbox WHERE acked_at IS NOT NULL") == 2);

    // The server loses both (as after a restore): it expects 1 again.
    server.database().exec("UPDATE sync_devices SET last_seq = 0");
    server.database().exec("UPDATE assets SET assigned_user = ''");
    sam->replica.setAssetUser(laptops[2].id, "three");
    try {
        (void)hub.push(sam->who, *sam->replica.nextPushBody(50), kNow);
        FAIL("the push over the gap was accepted");
    } catch (const sync::SeqGapError &e) {
        sam->replica.resendFrom(sam->who.deviceId, e.expected());
    }
    sync(*sam);
    CHECK(server.asset(laptops[0].id)->assignedUser == "one");
    CHECK(server.asset(laptops[1].id)->assignedUser == "two");
    CHECK(server.asset(laptops[2].id)->assignedUser == "three");

    // When the tablet no longer keeps what the server lacks, the rest is numbered on from there.
    server.database().exec("UPDATE sync_devices SET last_seq = 1");
    sam->store->database().exec("DELETE FROM outbox WHERE seq <= 3"); // kept no longer
    sam->replica.setAssetUser(laptops[2].id, "four");
    try {
        (void)hub.push(sam->who, *sam->replica.nextPushBody(50), kNow);
        FAIL("the push over the gap was accepted");
    } catch (const sync::SeqGapError &e) {
        CHECK(e.expected() == 2);
        sam->replica.resendFrom(sam->who.deviceId, e.expected());
    }
    CHECK(count(*sam->store, "SELECT min(seq) FROM outbox WHERE acked_at IS NULL") == 2);
    sync(*sam);
    CHECK(server.asset(laptops[2].id)->assignedUser == "four");
    CHECK(sam->replica.pendingCount() == 0);
    // The next change gets the next number after the renumbered ones: never one used twice.
    sam->replica.setAssetUser(laptops[2].id, "five");
    CHECK_THAT(*sam->replica.nextPushBody(50), Catch::Contains("\"seq\":3"));
}

TEST_CASE_METHOD(SyncFixture,
                 "Reused-id rights bypass: a refused start reusing a colleague's installation id gives no rights "
                 "over that installation",
                 "[sync][trust][rights]")
{
    // jo is an installer of the laptop rollout, not of the office release, which sam works alone.
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    const auto office = *server.releaseByNumber("R-2026-048");
    const auto rollout = laptopRollout(server);
    const auto laptops = laptopsInStock(*sam->store, 2);
    const Id samsInstallation =
        sam->replica.startInstallation({{}, office.id, laptops[0].id, InstallationStatus::InProgress, sam->who.userId, kNow});
    sync(*sam);
    const auto step = server.checklist(samsInstallation).front().step.id;
    const auto before = stateOf(server);

    // jo "starts" sam's installation id in her own release (refused: the id is taken), then records
    // a failed step and a back-out on it.
    const Installation reused{samsInstallation, rollout.id, laptops[1].id, InstallationStatus::InProgress,
                              jo->who.userId, kNow};
    const StepResult fail{Id::generate(), samsInstallation, step, StepOutcome::Fail, "", "", jo->who.userId, kNow};
    const BackOut backOut{Id::generate(), samsInstallation, "sabotage", jo->who.userId, kNow};
    CHECK_THROWS_AS(hub.push(jo->who,
                             pushBody(jo->who, mutation(1, "startInstallation", reused) + "," +
                                                   mutation(2, "recordStepResult", fail) + "," +
                                                   mutation(3, "recordBackOut", backOut)),
                             kNow),
                    sync::ForbiddenError);
    CHECK(stateOf(server) == before);
    CHECK(server.installation(samsInstallation)->status == InstallationStatus::InProgress);
    CHECK(count(server, "SELECT count(*) FROM backouts WHERE reason = 'sabotage'") == 0);
}

TEST_CASE_METHOD(SyncFixture,
                 "Build developer rights: a build developer cannot change a release's status or record back-outs",
                 "[sync][trust][rights]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto rollout = laptopRollout(server);
    const Id inst = sam->replica.startInstallation({{}, rollout.id, laptopsInStock(*sam->store, 1).front().id,
                                                    InstallationStatus::InProgress, sam->who.userId, kNow});
    sync(*sam);

    auto devi = tablet(DemoUsers::buildDeveloper);
    const auto before = stateOf(server);
    const sync::ReleaseStatusChange status{rollout.id, rollout.status, ReleaseStatus::Closed};
    CHECK_THROWS_AS(hub.push(devi->who, pushBody(devi->who, mutation(1, "setReleaseStatus", status)), kNow),
                    sync::ForbiddenError);
    const BackOut backOut{Id::generate(), inst, "not mine to back out", devi->who.userId, kNow};
    CHECK_THROWS_AS(hub.push(devi->who, pushBody(devi->who, mutation(1, "recordBackOut", backOut)), kNow),
                    sync::ForbiddenError);
    CHECK(stateOf(server) == before);
    CHECK(server.release(rollout.id)->status == rollout.status);
    CHECK(server.installation(inst)->status == InstallationStatus::InProgress);
}

TEST_CASE_METHOD(SyncFixture,
                 "Conflicts scope: a conflict reaches only users of its record's site",
                 "[sync][trust][scope][conflicts]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    auto alex = tablet("alex"); // the Lower School only
    sync(*sam);
    sync(*jo);
    const auto asset = laptopsInStock(*sam->store, 1).front(); // at the Upper School
    sam->replica.setAssetUser(asset.id, "Mr Davies");
    jo->replica.setAssetUser(asset.id, "Ms Ahmed");
    sync(*sam);
    sync(*jo); // jo's change loses: a conflict, with both values and jo's device
    REQUIRE(count(server, "SELECT count(*) FROM conflicts") == 1);

    sync(*alex);
    CHECK(count(*alex->store, "SELECT count(*) FROM conflicts") == 0);
    sync(*sam);
    CHECK(count(*sam->store, "SELECT count(*) FROM conflicts") == 1);
    auto morgan = tablet(DemoUsers::releaseManager);
    sync(*morgan);
    CHECK(count(*morgan->store, "SELECT count(*) FROM conflicts") == 1);
}

TEST_CASE_METHOD(SyncFixture,
                 "Foreign asset override: an addAsset reusing another site's asset id gives no rights over that "
                 "asset",
                 "[sync][trust][scope][scan-overrides]")
{
    auto alex = tablet("alex"); // the Lower School only
    const Id lower = siteByCode(server, "RAL");
    const auto upperLaptop = laptopsInStock(server, 1).front();
    const auto before = stateOf(server);

    // An "asset" at alex's site that carries the Upper School laptop's id, then an override on it.
    Asset claimed = laptopWithId(lower, "CLAIM-1");
    claimed.id = upperLaptop.id;
    const ScanOverride o{Id::generate(), upperLaptop.id, std::nullopt, "serial", "5012345678900",
                         "this is an EAN/UPC product code", "the label says so", alex->who.userId, kNow};
    CHECK_THROWS_AS(hub.push(alex->who,
                             pushBody(alex->who, mutation(1, "addAsset", claimed) + "," +
                                                     mutation(2, "recordScanOverride", o)),
                             kNow),
                    sync::ForbiddenError);
    CHECK(stateOf(server) == before);
    CHECK(count(server, "SELECT count(*) FROM scan_overrides") == 0);

    // Nor can alex register an asset at a site alex does not work at, or move one there.
    const Id upper = siteByCode(server, "RAU");
    CHECK_THROWS_AS(hub.push(alex->who, pushBody(alex->who, mutation(1, "addAsset", laptopWithId(upper, "CLAIM-2"))),
                             kNow),
                    sync::ForbiddenError);
    const auto lowerAsset = [&] {
        auto q = server.database().query("SELECT id FROM assets WHERE site_id = ?1 LIMIT 1");
        q->bind(1, lower);
        REQUIRE(q->step());
        return *server.asset(q->id(0));
    }();
    const sync::FieldChanges move{lowerAsset.id,
                                 {{"site_id", {lowerAsset.siteId.toString(), upper.toString()}},
                                  {"room_id", {lowerAsset.roomId ? std::optional(lowerAsset.roomId->toString()) : std::nullopt,
                                               std::nullopt}}}};
    CHECK_THROWS_AS(hub.push(alex->who, pushBody(alex->who, mutation(1, "setAssetFields", move)), kNow),
                    sync::ForbiddenError);
    CHECK(stateOf(server) == before);
}

TEST_CASE_METHOD(SyncFixture, "SQL text: a refusal by the database reaches the device in words, with a reference",
                 "[sync][trust][messages]")
{
    std::vector<std::string> logged;
    hub.setLog([&](const std::string &line) { logged.push_back(line); });
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    // A new asset carrying an existing asset's id: the database's primary key refuses it.
    const auto existing = laptopsInStock(server, 1).front();
    Asset copy = laptopWithId(existing.siteId, "SQL-1");
    copy.id = existing.id;
    const auto answer = hub.push(sam->who, pushBody(sam->who, mutation(1, "addAsset", copy)), kNow);
    CHECK_THAT(answer, Catch::Contains("\"rejected\""));
    for (const char *leak : {"INSERT", "SELECT", "sqlite", "postgresql", "UNIQUE", "assets.id", "constraint"})
        CHECK_THAT(answer, !Catch::Contains(leak, Catch::CaseSensitive::No));
    const auto message = sync::codec::parseObject(answer).at("results").as_array().at(0).as_object().at("message");
    const std::string words(message.as_string());
    const auto ref = words.substr(words.find("ref ") + 4, 8);
    REQUIRE(ref.size() == 8);
    // The details went to the server's log under the same reference.
    REQUIRE(logged.size() == 1);
    CHECK_THAT(logged[0], Catch::Contains("ref " + ref) &&
                              Catch::Contains(server.database().isPostgres() ? "postgresql" : "sqlite",
                                              Catch::CaseSensitive::No));
    CHECK(count(server, "SELECT count(*) FROM sync_rejections WHERE reason LIKE '%INSERT%'") == 0);
}

TEST_CASE_METHOD(SyncFixture,
                 "A restored server is told apart by its database id, and a tablet sends it again what it lost",
                 "[sync][trust][restore]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto original = hub.databaseId();
    REQUIRE(sam->replica.knownDatabase() == original);
    const auto laptops = laptopsInStock(*sam->store, 2);
    sam->replica.setAssetUser(laptops[0].id, "kept through the restore");
    sync(*sam);

    // The server is "restored" to a copy made before that change: another database id, the change gone.
    server.database().exec("UPDATE assets SET assigned_user = ''");
    server.database().exec("UPDATE sync_devices SET last_seq = 0");
    server.setMeta("database_id", Id::generate().toString());
    sync::Hub restored(server);
    try {
        (void)restored.pull(sam->who, sam->replica.nextPullBody(100));
        FAIL("a pull naming another database was answered");
    } catch (const sync::DatabaseChangedError &e) {
        CHECK(e.databaseId() == restored.databaseId());
        CHECK(sam->replica.noteDatabase(e.databaseId()));
    }
    CHECK(sam->replica.pendingCount() == 1); // the acknowledged change goes again
    CHECK(sam->replica.freshPullPending());
    sam->replica.setAssetUser(laptops[1].id, "made after the restore");
    while (const auto body = sam->replica.nextPushBody(50))
        sam->replica.acceptPushResponse(restored.push(sam->who, *body, kNow));
    for (int pages = 0; !sam->replica.applyPullPage(restored.pull(sam->who, sam->replica.nextPullBody(pageSize))).complete;
         ++pages)
        REQUIRE(pages < 1000);
    CHECK(server.asset(laptops[0].id)->assignedUser == "kept through the restore");
    CHECK(server.asset(laptops[1].id)->assignedUser == "made after the restore");
    CHECK_FALSE(sam->replica.freshPullPending());
    CHECK(dumpAll(*sam->store, {"assets", "installations", "step_results"}) ==
          [&] {
              Tablet fresh;
              fresh.who = sam->who;
              fresh.who.deviceId = fresh.store->deviceId();
              for (int pages = 0; !fresh.replica.applyPullPage(restored.pull(fresh.who, fresh.replica.nextPullBody(5000))).complete;
                   ++pages)
                  REQUIRE(pages < 1000);
              return dumpAll(*fresh.store, {"assets", "installations", "step_results"});
          }());
}

TEST_CASE_METHOD(SyncFixture, "Numbers out of range are refused, never taken", "[sync][trust][bad-input]")
{
    auto sam = tablet(DemoUsers::installer);
    for (const char *pull : {R"({"protocol":1,"cursor":-1,"limit":10})",
                             R"({"protocol":1,"cursor":0,"limit":10,"snapshot_until":-1})",
                             R"({"protocol":1,"cursor":0,"limit":10,"snapshot_until":9223372036854775807})",
                             R"({"protocol":1,"cursor":0,"limit":0})", R"({"protocol":1,"cursor":0,"limit":20001})",
                             R"({"protocol":1,"cursor":5,"limit":10,"session_from":6})"}) {
        INFO(pull);
        CHECK_THROWS_AS(hub.pull(sam->who, pull), sync::ProtocolError);
    }
    // A cursor past the server's sequence (as far as a pull may read) comes from another
    // (restored) database.
    CHECK_THROWS_AS(hub.pull(sam->who, R"({"protocol":1,"cursor":)" + std::to_string(server.pullHorizon() + 1) +
                                           R"(,"limit":10})"),
                    sync::DatabaseChangedError);
    const Id upper = siteByCode(server, "RAU");
    for (const std::string seq : {"0", "-4", "9007199254740992"}) {
        const auto m = R"({"seq":)" + seq + R"(,"kind":"addAsset","at":0,"data":)" +
                       sync::codec::json::serialize(sync::codec::toJson(laptopWithId(upper, "R-" + seq))) + "}";
        CHECK_THROWS_AS(hub.push(sam->who, pushBody(sam->who, m), kNow), sync::ProtocolError);
    }
    for (const std::string at : {"-1", "32503680000001"}) {
        const auto m = R"({"seq":1,"kind":"addAsset","at":)" + at + R"(,"data":)" +
                       sync::codec::json::serialize(sync::codec::toJson(laptopWithId(upper, "AT"))) + "}";
        CHECK_THROWS_AS(hub.push(sam->who, pushBody(sam->who, m), kNow), sync::ProtocolError);
    }
    StepResult late{Id::generate(), Id::generate(), Id::generate(), StepOutcome::Pass, "", "", sam->who.userId, -5};
    CHECK_THROWS_AS(hub.push(sam->who, pushBody(sam->who, mutation(1, "recordStepResult", late)), kNow),
                    sync::ProtocolError);
    CHECK(server.findAssetsBySerial("AT").empty());
}
