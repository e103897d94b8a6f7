#include "synchelpers.h"

#include "sync/records.h"

using namespace rd;
using namespace rd::test;

namespace {

/** A whole installation done on a tablet: every step passed, the user signs off. */
Id installAndSignOff(Tablet &t, const Release &r, const Id &asset, Millis at)
{
    const Id inst =
        t.replica.startInstallation({{}, r.id, asset, InstallationStatus::InProgress, t.who.userId, at});
    for (const auto &line : t.store->checklist(inst))
        t.replica.recordStepResult(
            {{}, inst, line.step.id, StepOutcome::Pass, "", "", t.who.userId, at + 1000});
    t.replica.signOff({{}, inst, "Ms K. Adeyemi", "1,1 5,5;9,9 12,3", at + 2000, t.who.userId});
    return inst;
}

/** Every table the sync carries, as the core lists them. */
const std::vector<std::string> kInstallerTables = [] {
    std::vector<std::string> out;
    for (const auto &t : sync::syncedTables())
        out.emplace_back(t.name);
    return out;
}();

/** Compares two databases table by table, naming the table that differs. */
void checkSame(const std::map<std::string, std::vector<std::string>> &a,
               const std::map<std::string, std::vector<std::string>> &b)
{
    REQUIRE(a.size() == b.size());
    for (const auto &[table, rows] : a) {
        INFO("table " << table);
        CHECK(rows == b.at(table));
    }
}

/** The server's rows limited to a user's scope, to compare with that user's tablet. */
std::map<std::string, std::vector<std::string>> serverViewOf(SyncFixture &f, const sync::Principal &who)
{
    // A fresh tablet's first sync is exactly the server's view for that user.
    Tablet fresh;
    fresh.who = who;
    fresh.who.deviceId = fresh.store->deviceId();
    f.sync(fresh);
    return dumpAll(*fresh.store, kInstallerTables);
}

} // namespace

TEST_CASE_METHOD(SyncFixture, "A first sync brings an empty tablet the server's records in its scope",
                 "[sync][pull]")
{
    auto sam = tablet(DemoUsers::installer);
    const auto before = sam->replica.pullCursor();
    CHECK(before == 0);
    // The first page says how much there is: a true progress bar.
    const auto first = sam->replica.applyPullPage(hub.pull(sam->who, sam->replica.nextPullBody(pageSize)));
    CHECK(first.total > pageSize);
    CHECK(first.done == pageSize);
    CHECK_FALSE(first.complete);
    sync(*sam);
    CHECK(count(*sam->store, "SELECT count(*) FROM assets") > 200);
    // Assets come only from the sites sam works at; users come without password hashes.
    CHECK(count(*sam->store, "SELECT count(*) FROM users WHERE password_hash IS NOT NULL") == 0);
    CHECK(sam->store->releaseByNumber("R-2026-047"));
    CHECK(sam->store->database().scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(sam->replica.pullCursor() == server.lastSeq());
}

TEST_CASE_METHOD(SyncFixture, "A tablet pulls assets and releases only for the sites its user works at",
                 "[sync][pull][scope]")
{
    auto alex = tablet("alex"); // alex works at the Lower School only
    sync(*alex);
    const auto upper = server.database().scalar(
        "SELECT count(*) FROM assets a JOIN sites s ON s.id = a.site_id WHERE s.code = 'RAU'");
    REQUIRE(upper > 0);
    CHECK(count(*alex->store,
                "SELECT count(*) FROM assets a JOIN sites s ON s.id = a.site_id WHERE s.code = 'RAU'") == 0);
    CHECK(count(*alex->store, "SELECT count(*) FROM assets") > 0);
    CHECK_FALSE(alex->store->releaseByNumber("R-2026-047")); // the Upper School laptops
    CHECK(alex->store->releaseByNumber("R-2026-049"));       // the Lower School whiteboards
    CHECK(count(*alex->store, "SELECT count(*) FROM installations") == 0);
    CHECK(count(*alex->store, "SELECT count(*) FROM sites") == 2); // reference data goes to everyone
    auto morgan = tablet(DemoUsers::releaseManager);
    sync(*morgan);
    CHECK(morgan->store->releaseByNumber("R-2026-049"));
}

TEST_CASE_METHOD(SyncFixture, "Two tablets record offline, sync, and end with the same data as the server",
                 "[sync]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    const auto rollout = laptopRollout(*sam->store);
    const auto laptops = laptopsInStock(*sam->store, 4);
    REQUIRE(laptops.size() == 4);

    // Offline: each installs two laptops, and each registers a new laptop that arrived today.
    installAndSignOff(*sam, rollout, laptops[0].id, kNow + 1000);
    installAndSignOff(*sam, rollout, laptops[1].id, kNow + 2000);
    installAndSignOff(*jo, rollout, laptops[2].id, kNow + 3000);
    const Id joInst = jo->replica.startInstallation(
        {{}, rollout.id, laptops[3].id, InstallationStatus::InProgress, jo->who.userId, kNow + 4000});
    jo->replica.recordStepResult({{},
                                  joInst,
                                  jo->store->checklist(joInst).front().step.id,
                                  StepOutcome::Fail,
                                  "BIOS update failed twice",
                                  "",
                                  jo->who.userId,
                                  kNow + 5000});
    jo->replica.recordBackOut(
        {{}, joInst, "Faulty motherboard: returned to supplier", jo->who.userId, kNow + 6000});
    Asset fresh;
    fresh.serial = "7HQ2KX3";
    fresh.assetTag = "RAU-09001";
    fresh.make = "Dell";
    fresh.model = "Latitude 3440";
    fresh.category = "Laptop";
    fresh.siteId = rollout.siteId;
    sam->replica.addAsset(fresh);
    CHECK(sam->replica.pendingCount() > 20);

    sync(*sam);
    sync(*jo);
    sync(*sam); // sam learns jo's work
    CHECK(sam->replica.pendingCount() == 0);
    CHECK(jo->replica.pendingCount() == 0);

    const auto samData = dumpAll(*sam->store, kInstallerTables);
    const auto joData = dumpAll(*jo->store, kInstallerTables);
    checkSame(samData, joData);
    checkSame(samData, serverViewOf(*this, sam->who));
    // Every record reached the server, attributed to the right user and time.
    CHECK(server.unitsDone(rollout.id) == 3);
    CHECK(count(server, "SELECT count(*) FROM backouts") == 1);
    CHECK(server.findAssetsBySerial("7hq-2kx3").size() == 1);
    auto q = server.database().query(
        "SELECT count(*) FROM step_results WHERE recorded_by = ?1 AND recorded_at = ?2");
    q->bindAll(jo->who.userId, kNow + 5000);
    REQUIRE(q->step());
    CHECK(q->int64(0) == 1);
}

TEST_CASE_METHOD(SyncFixture,
                 "Two tablets change one asset's room: one value wins, the other is a conflict everywhere",
                 "[sync][conflicts]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    const auto asset = laptopsInStock(*sam->store, 1).front();
    const auto rooms = sam->store->rooms(asset.siteId);
    const Id library =
        std::find_if(rooms.begin(), rooms.end(), [](const Room &r) { return r.name == "Library"; })->id;
    const Id lab =
        std::find_if(rooms.begin(), rooms.end(), [](const Room &r) { return r.name == "Science Lab 1"; })->id;
    sam->replica.moveAsset(asset.id, asset.siteId, library);
    jo->replica.moveAsset(asset.id, asset.siteId, lab);

    sync(*sam); // first to reach the server
    sync(*jo);
    sync(*sam);

    CHECK(server.asset(asset.id)->roomId == library);
    CHECK(sam->store->asset(asset.id)->roomId == library);
    CHECK(jo->store->asset(asset.id)->roomId == library);
    for (Store *s : {&server, sam->store.get(), jo->store.get()}) {
        auto q = s->database().query(
            "SELECT kept_value, lost_value, base_value, lost_by FROM conflicts WHERE record_id = ?1");
        q->bind(1, asset.id);
        REQUIRE(q->step());
        CHECK(q->text(0) == library.toString());
        CHECK(q->text(1) == lab.toString());
        CHECK(q->id(3) == jo->who.userId);
    }
    REQUIRE(jo->replica.openConflicts().size() == 1);

    // jo resolves it by keeping the lab after all; everyone ends with the lab and no open conflict.
    const auto conflict = jo->replica.openConflicts().front();
    jo->replica.resolveConflict(conflict.id, conflict.lostValue, jo->who.userId, kNow + 10000);
    sync(*jo);
    sync(*sam);
    CHECK(server.asset(asset.id)->roomId == lab);
    CHECK(sam->store->asset(asset.id)->roomId == lab);
    CHECK(sam->replica.openConflicts().empty());
    CHECK(server.conflict(conflict.id)->resolvedBy == jo->who.userId);
}

TEST_CASE_METHOD(SyncFixture, "The same batch pushed twice, or after a lost answer, is applied once",
                 "[sync][push]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto rollout = laptopRollout(*sam->store);
    installAndSignOff(*sam, rollout, laptopsInStock(*sam->store, 1).front().id, kNow);
    const auto body = *sam->replica.nextPushBody(1000);
    const auto results = count(server, "SELECT count(*) FROM step_results");

    const auto firstAnswer = hub.push(sam->who, body, kNow);  // the answer is lost on the way
    const auto secondAnswer = hub.push(sam->who, body, kNow); // the tablet sends the batch again
    const auto outcome = sam->replica.acceptPushResponse(secondAnswer);
    CHECK(outcome.duplicates == outcome.lastAppliedSeq);
    CHECK(outcome.applied == 0);
    CHECK(sam->replica.pendingCount() == 0);
    const auto steps = static_cast<std::int64_t>(sam->store->buildProcedure(rollout.buildId)->steps.size());
    CHECK(count(server, "SELECT count(*) FROM step_results") == results + steps);
    CHECK(count(server, "SELECT count(*) FROM signoffs") == 3); // two in the demo, one now
    (void)firstAnswer;
    // and a third time, answered again with nothing new
    sam->replica.acceptPushResponse(hub.push(sam->who, body, kNow));
    CHECK(count(server, "SELECT count(*) FROM step_results") == results + steps);
}

TEST_CASE_METHOD(SyncFixture,
                 "The same asset registered on two tablets becomes one, and their installations point at it",
                 "[sync][merge]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    auto a = newLaptop(laptopRollout(*sam->store).siteId, "9ZX-41P2");
    const Id samCopy = sam->replica.addAsset(a);
    a.serial = "9zx41p2"; // typed differently on jo's tablet
    a.assetTag = "RAU-09002";
    const Id joCopy = jo->replica.addAsset(a);
    REQUIRE(samCopy != joCopy);
    // Both start installing it in the rollout: after the merge, that is one installation too.
    const auto rollout = laptopRollout(*sam->store);
    const Id samInst = sam->replica.startInstallation(
        {{}, rollout.id, samCopy, InstallationStatus::InProgress, sam->who.userId, kNow});
    const Id joInst = jo->replica.startInstallation(
        {{}, rollout.id, joCopy, InstallationStatus::InProgress, jo->who.userId, kNow});
    jo->replica.recordStepResult({{},
                                  joInst,
                                  jo->store->checklist(joInst).front().step.id,
                                  StepOutcome::Pass,
                                  "",
                                  "",
                                  jo->who.userId,
                                  kNow + 1});

    sync(*sam);
    sync(*jo);
    sync(*sam);
    CHECK(server.findAssetsBySerial("9ZX41P2").size() == 1);
    for (Tablet *t : {sam.get(), jo.get()}) {
        const auto copies = t->store->findAssetsBySerial("9ZX41P2");
        REQUIRE(copies.size() == 1);
        CHECK(copies[0].id == samCopy);
        auto q = t->store->database().query("SELECT id FROM installations WHERE asset_id = ?1");
        q->bind(1, samCopy);
        REQUIRE(q->step());
        CHECK(q->id(0) == samInst);
        CHECK_FALSE(q->step());
        // jo's step result landed on the one installation.
        CHECK(t->store->checklist(samInst).front().latest.has_value());
    }
    CHECK_FALSE(jo->store->asset(joCopy));
    CHECK_FALSE(jo->store->installation(joInst));
}

TEST_CASE_METHOD(SyncFixture,
                 "A push answer lost after a merge: the tablet's next push names the merged copy, and it lands on "
                 "the kept one",
                 "[sync][merge]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    auto a = newLaptop(laptopRollout(*sam->store).siteId, "4KQ-7710");
    const Id samCopy = sam->replica.addAsset(a);
    sync(*sam);
    a.assetTag = "RAU-09003";
    const Id joCopy = jo->replica.addAsset(a);
    // jo's push of the asset is merged on the server, but the answer never reaches the tablet.
    {
        const auto body = jo->replica.nextPushBody(50);
        REQUIRE(body);
        (void)hub.push(jo->who, *body, kNow);
    }
    // Still offline, jo starts installing it: the next push sends the asset again and, new, the
    // installation on jo's copy, which the server knows only as merged into sam's.
    const auto rollout = laptopRollout(*jo->store);
    const Id joInst = jo->replica.startInstallation(
        {{}, rollout.id, joCopy, InstallationStatus::InProgress, jo->who.userId, kNow + 1});
    sync(*jo);
    auto q = server.database().query("SELECT id FROM installations WHERE asset_id = ?1");
    q->bind(1, samCopy);
    REQUIRE(q->step());
    CHECK(q->id(0) == joInst);
    CHECK_FALSE(q->step());
    CHECK_FALSE(server.asset(joCopy));
    CHECK(count(server, "SELECT count(*) FROM installations WHERE asset_id NOT IN (SELECT id FROM assets)") == 0);
}

TEST_CASE_METHOD(SyncFixture,
                 "A change refused on the server is undone on the tablet and kept with the reason",
                 "[sync][push]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    // The demo's second laptop has a failed stability test recorded on the server; sam's tablet
    // is made to believe otherwise by a stale copy: simulate by recording a pass locally only
    // after the failure is replaced on the server by a new fail.
    const auto rollout = laptopRollout(*sam->store);
    const Id inst = [&] {
        auto q = sam->store->database().query(
            "SELECT i.id FROM installations i JOIN step_results r ON r.installation_id = i.id "
            "WHERE i.release_id = ?1 AND r.outcome = 'fail'");
        q->bind(1, rollout.id);
        REQUIRE(q->step());
        return q->id(0);
    }();
    for (const auto &line : sam->store->checklist(inst))
        if (!line.latest || line.latest->outcome != StepOutcome::Pass)
            sam->replica.recordStepResult(
                {{}, inst, line.step.id, StepOutcome::Pass, "", "", sam->who.userId, kNow + 10});
    sam->replica.signOff({{}, inst, "Mr T. Reid", "1,1 2,2", kNow + 20, sam->who.userId});
    // Meanwhile on the server, a colleague's later retest fails the printing test again.
    const auto failing = server.checklist(inst);
    const auto printing = std::find_if(failing.begin(), failing.end(), [](const ChecklistLine &l) {
        return l.step.part == StepPart::Stability;
    });
    server.recordStepResult(
        {{}, inst, printing->step.id, StepOutcome::Fail, "still failing", "", sam->who.userId, kNow + 30});

    sync(*sam);
    CHECK(server.installation(inst)->status == InstallationStatus::InProgress);
    CHECK(sam->store->installation(inst)->status == InstallationStatus::InProgress); // undone locally
    CHECK(sam->store->database().scalar("SELECT count(*) FROM signoffs") == 2); // the demo's two, not sam's
    CHECK(sam->replica.rejectionCount() == 1);
    auto r = sam->store->database().query("SELECT kind, reason FROM local_rejections");
    REQUIRE(r->step());
    CHECK(r->text(0) == "signOff");
    CHECK_THAT(r->text(1), Catch::Contains("cannot be accepted yet"));
    CHECK(count(server, "SELECT count(*) FROM sync_rejections") == 1);
}

TEST_CASE_METHOD(SyncFixture,
                 "Work recorded as another user, or beyond an installer's role, is refused whole",
                 "[sync][push][bad-input]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto rollout = laptopRollout(*sam->store);
    const auto jo = *server.userByName("jo");
    const auto before = server.lastSeq();
    // A result claimed for jo from sam's sign-in.
    const auto inst = sam->replica.startInstallation({{},
                                                      rollout.id,
                                                      laptopsInStock(*sam->store, 1).front().id,
                                                      InstallationStatus::InProgress,
                                                      sam->who.userId,
                                                      kNow});
    sam->replica.recordStepResult(
        {{}, inst, sam->store->checklist(inst).front().step.id, StepOutcome::Pass, "", "", jo.id, kNow});
    CHECK_THROWS_AS(hub.push(sam->who, *sam->replica.nextPushBody(100), kNow), sync::ForbiddenError);
    CHECK(server.lastSeq() == before); // not even the installation before it
    CHECK_FALSE(server.installation(inst));

    // An installer closing a release: a release manager's action.
    auto other = tablet(DemoUsers::installer);
    sync(*other);
    const std::string close = R"({"protocol":1,"device_id":")" + other->who.deviceId.toString() +
                              R"(","mutations":[{"seq":1,"kind":"setReleaseStatus","at":0,"data":{"id":")" +
                              rollout.id.toString() + R"(","from":"in-progress","to":"closed"}}]})";
    CHECK_THROWS_AS(hub.push(other->who, close, kNow), sync::ForbiddenError);
    // Another device's id in the body.
    auto spoof = close;
    spoof.replace(spoof.find(other->who.deviceId.toString()), 36, Id::generate().toString());
    CHECK_THROWS_AS(hub.push(other->who, spoof, kNow), sync::ForbiddenError);
    CHECK(server.release(rollout.id)->status == ReleaseStatus::InProgress);
}

TEST_CASE_METHOD(SyncFixture, "Unreadable pushes and pulls are refused with a protocol error",
                 "[sync][bad-input]")
{
    auto sam = tablet(DemoUsers::installer);
    const auto device = sam->who.deviceId.toString();
    auto code = [&](const std::string &body) {
        try {
            (void)hub.push(sam->who, body, kNow);
        } catch (const sync::ProtocolError &e) {
            return e.code();
        }
        return std::string("accepted");
    };
    CHECK(code("{not json") == "malformed_json");
    CHECK(code("[1,2]") == "wrong_type");
    CHECK(code("{\"protocol\":\"1\"}") == "wrong_type");
    CHECK(code("{\"protocol\":2,\"device_id\":\"" + device + "\",\"mutations\":[]}") ==
          "unsupported_protocol_version");
    CHECK(code("{\"protocol\":1,\"device_id\":\"" + device + "\"}") == "missing_field");
    CHECK(code("{\"protocol\":1,\"device_id\":\"" + device + "\",\"mutations\":[{\"seq\":\"one\"}]}") ==
          "wrong_type");
    CHECK(code("{\"protocol\":1,\"device_id\":\"" + device +
               "\",\"mutations\":[{\"seq\":1,\"kind\":\"dropTables\",\"at\":0,\"data\":{}}]}") ==
          "wrong_type");
    CHECK(code("{\"protocol\":1,\"device_id\":\"" + device + "\",\"x\":\"\xC3\x28\"}") == "invalid_utf8");
    CHECK(code("{\"protocol\":1,\"device_id\":\"" + device +
               "\",\"mutations\":[{\"seq\":2,\"kind\":\"setAssetFields\",\"at\":0,\"data\":{\"id\":\"" +
               device + "\",\"changes\":{\"password_hash\":{\"from\":null,\"to\":\"x\"}}}},{\"seq\":1}]}") ==
          "wrong_type");
    CHECK_THROWS_AS(hub.pull(sam->who, "{\"protocol\":1,\"cursor\":-1,\"limit\":10}"), sync::ProtocolError);
    CHECK_THROWS_AS(hub.pull(sam->who, "{\"protocol\":1,\"cursor\":0,\"limit\":1000000}"),
                    sync::ProtocolError);
    CHECK(count(server, "SELECT count(*) FROM sync_devices") == 0);
}

TEST_CASE_METHOD(SyncFixture, "An interrupted pull resumes from its cursor and loses nothing", "[sync][pull]")
{
    auto a = tablet(DemoUsers::installer);
    auto b = tablet(DemoUsers::installer);
    // a: two pages, then a page fetched but never applied (the connection died), then the rest.
    a->replica.applyPullPage(hub.pull(a->who, a->replica.nextPullBody(pageSize)));
    a->replica.applyPullPage(hub.pull(a->who, a->replica.nextPullBody(pageSize)));
    const auto lost = hub.pull(a->who, a->replica.nextPullBody(pageSize));
    CHECK_THROWS_AS(a->replica.applyPullPage(lost.substr(0, lost.size() / 2)),
                    sync::ProtocolError); // torn page
    sync(*a);
    sync(*b);
    checkSame(dumpAll(*a->store, kInstallerTables), dumpAll(*b->store, kInstallerTables));
}

TEST_CASE_METHOD(SyncFixture, "After the first sync, deletions reach the tablet as tombstones",
                 "[sync][pull]")
{
    auto morgan = tablet(DemoUsers::releaseManager);
    sync(*morgan);
    const auto before = count(*morgan->store, "SELECT count(*) FROM licence_assignments");
    REQUIRE(before > 0);
    const Id seat = [&] {
        auto q = server.database().query("SELECT id FROM licence_assignments LIMIT 1");
        REQUIRE(q->step());
        return q->id(0);
    }();
    server.unassignLicence(seat);
    sync(*morgan);
    CHECK(count(*morgan->store, "SELECT count(*) FROM licence_assignments") == before - 1);
    // A new tablet's first sync is a snapshot: no tombstones of rows it never had.
    auto fresh = tablet(DemoUsers::releaseManager);
    const auto page =
        sync::codec::parseObject(hub.pull(fresh->who, fresh->replica.nextPullBody(100000 / 10)));
    CHECK(page.at("deleted").as_array().empty());
}

namespace {

/** A technician's override of a refused serial, as the scan page records it. */
ScanOverride serialOverride(const Id &asset, std::optional<Id> inst, const Id &by, Millis at)
{
    return ScanOverride{Id::generate(),
                        asset,
                        inst,
                        "serial",
                        "5012345678900",
                        "this is an EAN/UPC product code, the same on every unit of a model",
                        "the manufacturer prints its serials as 13 digits",
                        by,
                        at};
}

std::int64_t overridesOf(Store &s, const Id &asset)
{
    return static_cast<std::int64_t>(s.scanOverrides(asset).size());
}

} // namespace

TEST_CASE_METHOD(SyncFixture,
                 "A scan override reaches the server once and the tablets in its scope, not others",
                 "[sync][push][pull][scan-overrides]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    auto alex = tablet("alex"); // Lower School only
    sync(*sam);
    sync(*jo);
    sync(*alex);
    const auto rollout = laptopRollout(*sam->store);
    const auto laptops = laptopsInStock(*sam->store, 2);
    REQUIRE(laptops.size() == 2);
    // In an installation, and on its own (a label checked in the inventory).
    const Id inst = sam->replica.startInstallation(
        {{}, rollout.id, laptops[0].id, InstallationStatus::InProgress, sam->who.userId, kNow});
    const Id during =
        sam->replica.recordScanOverride(serialOverride(laptops[0].id, inst, sam->who.userId, kNow + 1000));
    auto tag = serialOverride(laptops[1].id, std::nullopt, sam->who.userId, kNow + 2000);
    tag.field = "asset-tag";
    tag.value = "RAU 77";
    tag.refusal = "does not follow the site's asset tag format";
    tag.reason = "a tag from before the format";
    const Id alone = sam->replica.recordScanOverride(tag);
    // Written and queued together, with the id made on the tablet.
    CHECK(overridesOf(*sam->store, laptops[0].id) == 1);
    CHECK(count(*sam->store, "SELECT count(*) FROM outbox WHERE kind = 'recordScanOverride'") == 2);

    // The batch sent twice (a lost answer) is applied once.
    const auto body = *sam->replica.nextPushBody(100);
    (void)hub.push(sam->who, body, kNow);
    const auto outcome = sam->replica.acceptPushResponse(hub.push(sam->who, body, kNow));
    CHECK(outcome.duplicates == outcome.lastAppliedSeq);
    CHECK(sam->replica.pendingCount() == 0);
    CHECK(count(server, "SELECT count(*) FROM scan_overrides") == 2);
    const auto kept = server.scanOverrides(laptops[0].id);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].id == during);
    CHECK(kept[0].installationId == inst);
    CHECK(kept[0].field == "serial");
    CHECK(kept[0].value == "5012345678900");
    CHECK(kept[0].refusal == "this is an EAN/UPC product code, the same on every unit of a model");
    CHECK(kept[0].reason == "the manufacturer prints its serials as 13 digits");
    CHECK(kept[0].recordedBy == sam->who.userId);
    CHECK(kept[0].recordedAt == kNow + 1000);
    REQUIRE(server.scanOverrides(laptops[1].id).size() == 1);
    CHECK(server.scanOverrides(laptops[1].id)[0].id == alone);
    CHECK_FALSE(server.scanOverrides(laptops[1].id)[0].installationId);

    // jo works at the same site and pulls both; alex, at the Lower School only, pulls neither.
    sync(*jo);
    sync(*alex);
    sync(*sam);
    CHECK(dump(*jo->store, "scan_overrides") == dump(server, "scan_overrides"));
    CHECK(jo->store->scanOverrides(laptops[0].id).at(0).reason ==
          "the manufacturer prints its serials as 13 digits");
    CHECK(dump(*sam->store, "scan_overrides") == dump(server, "scan_overrides"));
    CHECK(count(*alex->store, "SELECT count(*) FROM scan_overrides") == 0);
    checkSame(dumpAll(*jo->store, kInstallerTables), serverViewOf(*this, jo->who));
}

TEST_CASE_METHOD(SyncFixture,
                 "A scan override recorded as another user, or at a site the installer does not work at, is "
                 "refused whole",
                 "[sync][push][bad-input][scan-overrides]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    const auto jo = *server.userByName("jo");
    const auto laptop = laptopsInStock(*sam->store, 1).front();
    const auto before = server.lastSeq();
    sam->replica.recordScanOverride(serialOverride(laptop.id, std::nullopt, jo.id, kNow));
    CHECK_THROWS_AS(hub.push(sam->who, *sam->replica.nextPushBody(100), kNow), sync::ForbiddenError);
    CHECK(server.lastSeq() == before);
    CHECK(overridesOf(server, laptop.id) == 0);

    // alex works at the Lower School only: an Upper School laptop is beyond alex's sites.
    auto alex = tablet("alex");
    const auto pushOf = [&](const ScanOverride &o) {
        return R"({"protocol":1,"device_id":")" + alex->who.deviceId.toString() +
               R"(","mutations":[{"seq":1,"kind":"recordScanOverride","at":0,"data":)" +
               sync::codec::json::serialize(sync::codec::toJson(o)) + "}]}";
    };
    CHECK_THROWS_AS(hub.push(alex->who, pushOf(serialOverride(laptop.id, std::nullopt, alex->who.userId, kNow)),
                             kNow),
                    sync::ForbiddenError);
    CHECK(server.lastSeq() == before);
    // The same record for a Lower School asset is alex's to make.
    const Id lower = [&] {
        auto q = server.database().query(
            "SELECT a.id FROM assets a JOIN sites s ON s.id = a.site_id WHERE s.code <> 'RAU' LIMIT 1");
        REQUIRE(q->step());
        return q->id(0);
    }();
    const auto answer =
        hub.push(alex->who, pushOf(serialOverride(lower, std::nullopt, alex->who.userId, kNow)), kNow);
    CHECK_THAT(answer, Catch::Contains("\"last_applied_seq\":1"));
    CHECK(overridesOf(server, lower) == 1);
    // A release manager may record one at any site, as themselves.
    auto morgan = tablet(DemoUsers::releaseManager);
    sync(*morgan);
    morgan->replica.recordScanOverride(serialOverride(laptop.id, std::nullopt, morgan->who.userId, kNow));
    sync(*morgan);
    CHECK(overridesOf(server, laptop.id) == 1);
}

TEST_CASE_METHOD(SyncFixture,
                 "A scan override on an asset registered on two tablets lands on the one asset the server keeps",
                 "[sync][merge][scan-overrides]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    auto a = newLaptop(laptopRollout(*sam->store).siteId, "5012345678900");
    const Id samCopy = sam->replica.addAsset(a);
    // jo scans the same label, is refused, overrides, and registers the laptop with it.
    const Id joCopy = [&] {
        sync::Replica::Group group(jo->replica);
        const Id id = jo->replica.addAsset(a);
        jo->replica.recordScanOverride(serialOverride(id, std::nullopt, jo->who.userId, kNow));
        group.commit();
        return id;
    }();
    REQUIRE(samCopy != joCopy);

    sync(*sam);
    sync(*jo);
    sync(*sam);
    CHECK(overridesOf(server, samCopy) == 1);
    CHECK(count(server, "SELECT count(*) FROM scan_overrides") == 1);
    CHECK(server.scanOverrides(samCopy)[0].recordedBy == jo->who.userId);
    for (Tablet *t : {sam.get(), jo.get()}) {
        CHECK(overridesOf(*t->store, samCopy) == 1);
        CHECK(overridesOf(*t->store, joCopy) == 0);
    }
    CHECK(dump(*jo->store, "scan_overrides") == dump(server, "scan_overrides"));
    CHECK(jo->store->database().scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

TEST_CASE_METHOD(SyncFixture,
                 "A scan override on an asset the server refused is refused too, and dropped on the tablet",
                 "[sync][push][scan-overrides]")
{
    auto sam = tablet(DemoUsers::installer);
    sync(*sam);
    // A new laptop whose asset tag the server already gave another machine.
    const auto taken = laptopsInStock(*sam->store, 1).front();
    auto a = newLaptop(taken.siteId, "7QX-0001");
    a.assetTag = "RAU-55555";
    const Id asset = sam->replica.addAsset(a);
    server.database()
        .query("UPDATE assets SET asset_tag = 'RAU-55555' WHERE id = ?1")
        ->bindAll(taken.id)
        .run();
    sam->replica.recordScanOverride(serialOverride(asset, std::nullopt, sam->who.userId, kNow));

    sync(*sam);
    CHECK(count(server, "SELECT count(*) FROM scan_overrides") == 0);
    CHECK(overridesOf(*sam->store, asset) == 0);
    CHECK(sam->replica.pendingCount() == 0);
    auto q = sam->store->database().query("SELECT kind, reason FROM local_rejections ORDER BY mutation_seq");
    REQUIRE(q->step());
    CHECK(q->text(0) == "addAsset");
    REQUIRE(q->step());
    CHECK(q->text(0) == "recordScanOverride");
    CHECK_THAT(q->text(1), Catch::Contains("asset"));
    CHECK(count(server, "SELECT count(*) FROM sync_rejections WHERE kind = 'recordScanOverride'") == 1);
}

TEST_CASE_METHOD(SyncFixture,
                 "Pushes applied together each apply whole and once, and one that fails leaves the others applied",
                 "[sync][push]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    sync(*jo);
    const auto rollout = laptopRollout(*sam->store);
    const auto laptops = laptopsInStock(*sam->store, 2);
    REQUIRE(laptops.size() == 2);
    installAndSignOff(*sam, rollout, laptops[0].id, kNow + 1000);
    installAndSignOff(*jo, rollout, laptops[1].id, kNow + 2000);
    const auto samBody = sync::Hub::readPush(*sam->replica.nextPushBody(1000));
    const auto joBody = sync::Hub::readPush(*jo->replica.nextPushBody(1000));
    const auto results = count(server, "SELECT count(*) FROM step_results");
    const auto signoffs = count(server, "SELECT count(*) FROM signoffs");

    // sam's push, a push that fails (jo's body sent with sam's sign-in), jo's push, and sam's again.
    const std::vector<sync::Hub::GroupedPush> group{
        {&sam->who, samBody.get()}, {&sam->who, joBody.get()}, {&jo->who, joBody.get()}, {&sam->who, samBody.get()}};
    const auto answers = hub.pushGroup(group, kNow + 3000);
    REQUIRE(answers.size() == 4);
    CHECK_FALSE(answers[0].error);
    CHECK(answers[0].rows == static_cast<std::int64_t>(sync::Hub::mutationCount(*samBody)));
    REQUIRE(answers[1].error);
    CHECK_THROWS_AS(std::rethrow_exception(answers[1].error), sync::ForbiddenError);
    CHECK(answers[1].answer.empty());
    CHECK_FALSE(answers[2].error);
    CHECK_FALSE(answers[3].error);
    CHECK(answers[3].rows == 0); // the replay: every mutation already applied

    const auto samOutcome = sam->replica.acceptPushResponse(answers[0].answer);
    CHECK(samOutcome.applied == samOutcome.lastAppliedSeq);
    // The replay's answer lists every mutation as a duplicate.
    const auto replay = boost::json::parse(answers[3].answer).as_object();
    CHECK(replay.at("results").as_array().size() == sync::Hub::mutationCount(*samBody));
    for (const auto &r : replay.at("results").as_array())
        CHECK(r.as_object().at("status").as_string() == "duplicate");
    jo->replica.acceptPushResponse(answers[2].answer);
    CHECK(sam->replica.pendingCount() == 0);
    CHECK(jo->replica.pendingCount() == 0);
    const auto steps = static_cast<std::int64_t>(sam->store->buildProcedure(rollout.buildId)->steps.size());
    CHECK(count(server, "SELECT count(*) FROM step_results") == results + 2 * steps);
    CHECK(count(server, "SELECT count(*) FROM signoffs") == signoffs + 2);

    // The same group again changes nothing: each device's pushes are applied once.
    const auto replayed = hub.pushGroup(group, kNow + 4000);
    CHECK_FALSE(replayed[0].error);
    CHECK(replayed[0].rows == 0);
    CHECK(replayed[1].error);
    CHECK(replayed[2].rows == 0);
    CHECK(count(server, "SELECT count(*) FROM step_results") == results + 2 * steps);
    CHECK(count(server, "SELECT count(*) FROM signoffs") == signoffs + 2);
}
