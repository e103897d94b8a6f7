// The office's changes through the sync (issue 10), on the Hub and Replicas in process: a build
// procedure written, returned, approved; two build developers editing one draft; an approved
// version edited by a hand-made push; a service changed on two desks; a unit installed again after
// a back-out; a person added.
#include "synchelpers.h"

#include "sync/records.h"

using namespace rd;
using namespace rd::test;

namespace {

Id service(Store &s, const std::string &name)
{
    auto q = s.database().query("SELECT id FROM services WHERE name = ?1");
    q->bind(1, name);
    REQUIRE(q->step());
    return q->id(0);
}

/** The approved version of @p serviceId. */
Id approvedOf(Store &s, const Id &serviceId)
{
    auto q = s.database().query("SELECT id FROM build_procedures WHERE service_id = ?1 AND status = 'approved'");
    q->bind(1, serviceId);
    REQUIRE(q->step());
    return q->id(0);
}

std::int64_t conflictsOn(Store &s, const Id &record)
{
    auto q = s.database().query("SELECT count(*) FROM conflicts WHERE record_id = ?1");
    q->bind(1, record);
    q->step();
    return q->int64(0);
}

} // namespace

TEST_CASE_METHOD(SyncFixture,
                 "A build procedure is drafted, returned with a reason, approved, and the old version retires",
                 "[sync][office][builds]")
{
    auto devi = tablet(DemoUsers::buildDeveloper);
    auto morgan = tablet(DemoUsers::releaseManager);
    auto sam = tablet(DemoUsers::installer);
    sync(*devi);
    sync(*morgan);
    const Id laptops = service(server, "Curriculum laptop");
    const Id v2 = approvedOf(server, laptops);

    // The build developer drafts v3 from v2, adds a line, and submits it.
    const Id v3 = devi->replica.draftBuild(laptops, v2, devi->who.userId, kNow);
    auto draft = *devi->store->buildProcedure(v3);
    draft.steps.push_back({{}, StepPart::Acceptance, 9, "Webcam works in Teams", "", true, EvidenceKind::Photo});
    devi->replica.saveBuildDraft(draft, devi->who.userId, kNow + 1);
    devi->replica.submitBuild(v3, devi->who.userId, kNow + 2);
    sync(*devi);
    CHECK(server.buildProcedure(v3)->status == BuildStatus::Submitted);
    CHECK(server.buildProcedure(v3)->version == 3);
    CHECK(server.buildProcedure(v3)->steps.back().evidence == EvidenceKind::Photo);

    // The release manager returns it once with a reason...
    sync(*morgan);
    morgan->replica.returnBuild(v3, "The webcam line needs the model number", morgan->who.userId, kNow + 3);
    sync(*morgan);
    sync(*devi);
    REQUIRE(devi->store->buildProcedure(v3)->status == BuildStatus::Draft);
    CHECK(devi->store->buildProcedure(v3)->returnedReason == "The webcam line needs the model number");
    // ... the developer mends and submits it again, and it is approved: v2 retires.
    draft = *devi->store->buildProcedure(v3);
    draft.steps.back().detail = "Logitech C270 on the docking station";
    devi->replica.saveBuildDraft(draft, devi->who.userId, kNow + 4);
    devi->replica.submitBuild(v3, devi->who.userId, kNow + 5);
    sync(*devi);
    sync(*morgan);
    morgan->replica.approveBuild(v3, morgan->who.userId, kNow + 6);
    sync(*morgan);
    CHECK(server.buildProcedure(v3)->status == BuildStatus::Approved);
    CHECK(server.buildProcedure(v2)->status == BuildStatus::Retired);
    sync(*sam);
    sync(*devi);
    CHECK(sam->store->buildProcedure(v3)->status == BuildStatus::Approved);
    CHECK(sam->store->buildProcedure(v3)->steps.back().detail == "Logitech C270 on the docking station");
    CHECK(dumpAll(*devi->store, {"build_procedures", "build_steps", "build_items"}) ==
          dumpAll(*sam->store, {"build_procedures", "build_steps", "build_items"}));
}

TEST_CASE_METHOD(SyncFixture,
                 "Two build developers edit one draft offline: the second is a conflict, both drafts are kept",
                 "[sync][office][builds][conflicts]")
{
    // A second build developer.
    const Id kim = server.addUser({{}, "kim", "Kim Doyle", Role::BuildDeveloper});
    auto devi = tablet(DemoUsers::buildDeveloper);
    auto other = tablet("kim");
    sync(*devi);
    const Id laptops = service(server, "Curriculum laptop");
    const Id v3 = devi->replica.draftBuild(laptops, approvedOf(server, laptops), devi->who.userId, kNow);
    sync(*devi);
    sync(*other);
    auto mine = *devi->store->buildProcedure(v3);
    auto theirs = *other->store->buildProcedure(v3);
    mine.designNotes = "Devi's notes";
    theirs.designNotes = "Kim's notes";
    theirs.steps.push_back({{}, StepPart::Acceptance, 20, "Kim's extra test", "", false});
    devi->replica.saveBuildDraft(mine, devi->who.userId, kNow + 1);
    other->replica.saveBuildDraft(theirs, kim, kNow + 2);
    sync(*devi); // first
    sync(*other);
    CHECK(server.buildProcedure(v3)->designNotes == "Devi's notes");
    REQUIRE(conflictsOn(server, v3) == 1);
    const auto conflicts = other->replica.openConflicts();
    REQUIRE(conflicts.size() == 1);
    CHECK_THAT(conflicts[0].lostValue, Catch::Contains("Kim's notes") && Catch::Contains("Kim's extra test")); // nothing lost
    // Kim's tablet holds the draft as the server has it, lines included: not a mix of the two.
    CHECK(other->store->buildProcedure(v3)->designNotes == "Devi's notes");
    CHECK(other->store->buildProcedure(v3)->steps.size() == server.buildProcedure(v3)->steps.size());
    CHECK(dump(*other->store, "build_steps") == dump(server, "build_steps"));
    // Kim keeps theirs: the draft they lost is written over the current one, openly, on the tablet at once.
    other->replica.resolveConflict(conflicts[0].id, conflicts[0].lostValue, kim, kNow + 3);
    CHECK(other->store->buildProcedure(v3)->designNotes == "Kim's notes");
    sync(*other);
    CHECK(server.buildProcedure(v3)->designNotes == "Kim's notes");
    CHECK(server.buildProcedure(v3)->steps.back().title == "Kim's extra test");
    sync(*devi);
    CHECK(dump(*devi->store, "build_steps") == dump(server, "build_steps"));
}

TEST_CASE_METHOD(SyncFixture, "An approved build procedure cannot be edited by a hand-made push",
                 "[sync][office][builds][bad-input]")
{
    auto devi = tablet(DemoUsers::buildDeveloper);
    sync(*devi);
    const Id v2 = approvedOf(server, service(server, "Curriculum laptop"));
    const auto before = *server.buildProcedure(v2);
    const sync::BuildDraft edit{v2, before.revision, "Dell Latitude 9999", "sneaked in", before.backOutPlan,
                                before.dslItemIds, before.steps, devi->who.userId, kNow};
    const auto body = R"({"protocol":1,"device_id":")" + devi->who.deviceId.toString() +
                      R"(","mutations":[{"seq":1,"kind":"saveBuildDraft","at":0,"data":)" +
                      sync::codec::json::serialize(sync::codec::toJson(edit)) + "}]}";
    const auto answer = hub.push(devi->who, body, kNow);
    CHECK_THAT(answer, Catch::Contains("\"rejected\"") && Catch::Contains("is approved and cannot be edited"));
    CHECK(server.buildProcedure(v2)->hardwareModel == before.hardwareModel);
    CHECK(server.buildProcedure(v2)->designNotes == before.designNotes);
}

TEST_CASE_METHOD(SyncFixture, "A service changed on two desks keeps both values: one stands, one is a conflict",
                 "[sync][office][services][conflicts]")
{
    auto morgan = tablet(DemoUsers::releaseManager);
    auto devi = tablet(DemoUsers::buildDeveloper);
    sync(*morgan);
    sync(*devi);
    const Id id = morgan->replica.addService({{}, "Exam PC", "Locked-down PCs for exams", kNow, "", morgan->who.userId});
    sync(*morgan);
    sync(*devi);
    auto a = *morgan->store->service(id);
    auto b = *devi->store->service(id);
    a.userBenefit = "A quiet PC that only runs the exam";
    b.userBenefit = "Exam software, nothing else";
    b.description = "Locked-down PCs for exams and mocks";
    morgan->replica.updateService(a, morgan->who.userId, kNow + 1);
    devi->replica.updateService(b, devi->who.userId, kNow + 2);
    sync(*morgan);
    sync(*devi);
    sync(*morgan);
    CHECK(server.service(id)->userBenefit == "A quiet PC that only runs the exam");
    CHECK(server.service(id)->description == "Locked-down PCs for exams and mocks"); // not in conflict: applied
    CHECK(conflictsOn(server, id) == 1);
    CHECK(morgan->store->service(id)->description == "Locked-down PCs for exams and mocks");
    CHECK(conflictsOn(*morgan->store, id) == 1);
}

TEST_CASE_METHOD(SyncFixture, "A unit backed out is installed again in its release through the sync",
                 "[sync][office][releases]")
{
    auto sam = tablet(DemoUsers::installer);
    auto jo = tablet("jo");
    sync(*sam);
    const auto rollout = laptopRollout(server);
    const Id asset = laptopsInStock(*sam->store, 1).front().id;
    const Id first = sam->replica.startInstallation({{}, rollout.id, asset, InstallationStatus::InProgress, sam->who.userId, kNow});
    sam->replica.recordBackOut({{}, first, "Faulty keyboard; swapped", sam->who.userId, kNow + 1});
    const Id again =
        sam->replica.startInstallation({{}, rollout.id, asset, InstallationStatus::InProgress, sam->who.userId, kNow + 2});
    sync(*sam);
    sync(*jo);
    CHECK(server.installation(first)->status == InstallationStatus::BackedOut);
    CHECK(server.installation(again)->status == InstallationStatus::InProgress);
    CHECK(jo->store->installation(again).has_value());
    CHECK(jo->store->installation(first)->status == InstallationStatus::BackedOut);
}

TEST_CASE_METHOD(SyncFixture, "A release manager plans a release and adds a person; installers may not",
                 "[sync][office][releases][people]")
{
    auto morgan = tablet(DemoUsers::releaseManager);
    sync(*morgan);
    const Id lower = [&] {
        for (const auto &s : server.sites())
            if (s.code == "RAL")
                return s.id;
        FAIL("no Lower School");
        return Id();
    }();
    const Id person = morgan->replica.addPerson({{}, "robin", "Robin Hale", Role::Installer}, {lower});
    Release r;
    r.number = "R-2026-060";
    r.kind = ReleaseKind::Rollout;
    r.units = 3;
    r.type = ReleaseType::Minor;
    r.buildId = approvedOf(server, service(server, "Curriculum laptop"));
    r.siteId = lower;
    r.plannedDate = "2026-12-07";
    r.installers = {morgan->who.userId};
    r.createdBy = morgan->who.userId;
    r.createdAt = kNow;
    const Id rel = morgan->replica.planRelease(r);
    morgan->replica.setReleaseInstallers(rel, {person}, morgan->who.userId, kNow + 1);
    sync(*morgan);
    CHECK(server.user(person)->name == "robin");
    CHECK(server.userSites(person) == std::vector<Id>{lower});
    CHECK(server.release(rel)->installers == std::vector<Id>{person});
    CHECK_FALSE(server.passwordHash(person).has_value()); // set online, never through the outbox
    CHECK(morgan->replica.pendingCount() == 0);
}

TEST_CASE_METHOD(SyncFixture,
                 "Sites and rooms: a release manager adds them; a second desk's same code is refused with its room",
                 "[sync][office][sites]")
{
    auto morgan = tablet(DemoUsers::releaseManager);
    auto other = tablet(DemoUsers::releaseManager); // a second desk, the same person
    sync(*morgan);
    sync(*other);

    const Id north = morgan->replica.addSite({{}, "Northfield Primary", "NFP", "^NFP-[0-9]{5}$"});
    const Id suite = morgan->replica.addRoom({{}, north, "ICT Suite"});
    // Offline, the other desk adds a site with the same code, and a room in it.
    const Id clash = other->replica.addSite({{}, "Northfield Infants", "NFP", ""});
    const Id clashRoom = other->replica.addRoom({{}, clash, "Hall"});
    sync(*morgan);
    sync(*other);

    const auto rows = [](Store &s, const std::string &table, const Id &id) {
        auto q = s.database().query("SELECT count(*) FROM " + table + " WHERE id = ?1");
        q->bind(1, id);
        q->step();
        return q->int64(0);
    };
    CHECK(count(server, "SELECT count(*) FROM sites WHERE code = 'NFP'") == 1);
    CHECK(count(server, "SELECT count(*) FROM sites WHERE name = 'Northfield Primary'") == 1);
    REQUIRE(server.rooms(north).size() == 1);
    CHECK(server.rooms(north).front().id == suite);
    CHECK(rows(server, "sites", clash) == 0);
    CHECK(rows(server, "rooms", clashRoom) == 0);
    // The refused site and its room are undone on the other desk, each kept with its reason; the
    // site that stands arrives with its room.
    CHECK(other->replica.rejectionCount() == 2);
    CHECK(rows(*other->store, "sites", clash) == 0);
    CHECK(rows(*other->store, "rooms", clashRoom) == 0);
    CHECK(rows(*other->store, "sites", north) == 1);
    CHECK(other->store->rooms(north).size() == 1);
    CHECK(other->replica.pendingCount() == 0);
}
