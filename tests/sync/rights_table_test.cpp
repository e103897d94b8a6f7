// Role x mutation kind, made from the kinds' own descriptions (sync/kinds.cpp): for every kind,
// every role, and every combination of the facts its grants depend on (as themselves or as
// another user; an installer of the release or not; at one of their sites or not; ...), a push is
// made that realises those facts on a copy of the demo school. Where no grant holds, the push must
// be refused whole (403) with nothing applied; where one holds, it must not be refused for rights.
#include "synchelpers.h"

#include "sync/kinds.h"
#include "sync/records.h"

#include <filesystem>
#include <functional>
#include <set>

using namespace rd;
using namespace rd::test;

namespace {

namespace fs = std::filesystem;

/** The facts a grant's conditions stand on, each realised by the scenario's builder. */
enum Fact { Self, InstallerOf, AtSite, MovesToSite, AllowedValue, LostIt, kFacts };

Fact factOf(sync::Condition c)
{
    switch (c) {
    case sync::Condition::AsThemselves:
        return Self;
    case sync::Condition::InstallerOfRelease:
    case sync::Condition::InstallerOfInstallation:
        return InstallerOf;
    case sync::Condition::AtTheirSite:
    case sync::Condition::AssetAtTheirSite:
    case sync::Condition::ConflictAtTheirSite:
        return AtSite;
    case sync::Condition::MovesOnlyToTheirSites:
        return MovesToSite;
    case sync::Condition::ValueIn:
        return AllowedValue;
    case sync::Condition::LostTheConflict:
        return LostIt;
    }
    return kFacts;
}

using Facts = std::array<bool, kFacts>;

/** What the descriptions say: some grant for the role whose every requirement's fact holds. */
bool allowed(const sync::MutationKind &kind, Role role, const Facts &facts)
{
    for (const auto &g : kind.grants) {
        if (!(g.roles & (1u << static_cast<unsigned>(role))))
            continue;
        bool all = true;
        for (const auto &r : g.requirements)
            all = all && facts[factOf(r.condition)];
        if (all)
            return true;
    }
    return false;
}

/** The demo school, a tester in each role at the Lower School only, and work under way. */
struct World {
    Id tester[3];  // by Role
    Id other;      // jo: someone else
    Id theirSite;  // the Lower School
    Id otherSite;  // the Upper School
    Id yesRelease; // the tester is made an installer of it
    Id noRelease;
    Id yesInstallation, noInstallation; // in progress, in each
    Id theirAsset, otherAsset;          // at each site, in stock
    Id theirAsset2, otherAsset2;        // spares, for installations
    Id service, approvedBuild, draftBuild;  // the whiteboard service, its approved version and a draft
    Id dslItem, licence, loan, seat;         // a DSL item out on loan, a licence with a seat given
};

World seed(Store &s)
{
    seedDemo(s, kNow, [](const std::string &) { return "unused"; });
    World w;
    for (const auto &site : s.sites())
        (site.code == "RAL" ? w.theirSite : w.otherSite) = site.id;
    for (const auto role : {Role::ReleaseManager, Role::BuildDeveloper, Role::Installer}) {
        const auto id = s.addUser({{}, "tester-" + std::string(toString(role)), "Tester", role});
        s.addUserToSite(id, w.theirSite);
        w.tester[static_cast<int>(role)] = id;
    }
    w.other = s.userByName("jo")->id;
    w.yesRelease = s.releaseByNumber("R-2026-049")->id; // the Lower School whiteboards
    w.noRelease = s.releaseByNumber("R-2026-048")->id;  // the Upper School office release
    auto inStock = [&](const Id &site, int skip) {
        auto q = s.database().query("SELECT id FROM assets WHERE site_id = ?1 AND status = 'in-stock' AND id NOT IN "
                                    "(SELECT asset_id FROM installations) ORDER BY id LIMIT 1 OFFSET ?2");
        q->bindAll(site, skip);
        REQUIRE(q->step());
        return q->id(0);
    };
    w.theirAsset = inStock(w.theirSite, 0);
    w.theirAsset2 = inStock(w.theirSite, 1);
    w.otherAsset = inStock(w.otherSite, 0);
    w.otherAsset2 = inStock(w.otherSite, 1);
    const Id sam = s.userByName("sam")->id;
    w.yesInstallation = s.startInstallation(
        {{}, w.yesRelease, inStock(w.theirSite, 2), InstallationStatus::InProgress, sam, kNow});
    w.noInstallation =
        s.startInstallation({{}, w.noRelease, inStock(w.otherSite, 2), InstallationStatus::InProgress, sam, kNow});
    w.approvedBuild = s.release(w.yesRelease)->buildId;
    w.service = s.buildProcedure(w.approvedBuild)->serviceId;
    w.draftBuild = s.newBuildVersion(w.approvedBuild, s.userByName("devi")->id, kNow);
    w.dslItem = s.addDslItem({{}, "Rights Test Suite", "1.0", "Vendor", MediaKind::Disc, "Cupboard", "",
                              LicenceType::PerSeat});
    w.loan = s.takeOutMedia({{}, w.dslItem, sam, kNow, "a rebuild"});
    w.licence = s.addLicence({{}, w.dslItem, "Rights Test Suite licence", "KEY-1234", 10});
    w.seat = s.assignLicence({{}, w.licence, w.theirAsset, sam, kNow});
    return w;
}

/** One mutation: its data as JSON, made on the scenario's store (which it may prepare). */
using Builder = std::function<sync::codec::json::object(Store &, const World &, const Id &who, const Facts &)>;

Id whoseWork(const World &w, const Id &who, const Facts &f)
{
    return f[Self] ? who : w.other;
}

Id firstStep(Store &s, const Id &installation)
{
    return s.checklist(installation).front().step.id;
}

std::map<std::string, Builder> builders()
{
    using sync::codec::toJson;
    std::map<std::string, Builder> b;
    b["addAsset"] = [](Store &, const World &w, const Id &, const Facts &f) {
        Asset a;
        a.id = Id::generate();
        a.serial = "RT-" + a.id.toString().substr(24);
        a.make = "Dell";
        a.model = "OptiPlex 7010";
        a.category = "Desktop";
        a.siteId = f[AtSite] ? w.theirSite : w.otherSite;
        return toJson(a);
    };
    b["setAssetFields"] = [](Store &s, const World &w, const Id &, const Facts &f) {
        const auto a = *s.asset(f[AtSite] ? w.theirAsset : w.otherAsset);
        const Id to = f[MovesToSite] ? w.theirSite : w.otherSite;
        return toJson(sync::FieldChanges{
            a.id,
            {{"site_id", {a.siteId.toString(), to.toString()}},
             {"room_id", {a.roomId ? std::optional(a.roomId->toString()) : std::nullopt, std::nullopt}}}});
    };
    b["setReleaseStatus"] = [](Store &s, const World &w, const Id &, const Facts &f) {
        const auto r = *s.release(f[InstallerOf] ? w.yesRelease : w.noRelease);
        return toJson(sync::ReleaseStatusChange{r.id, r.status,
                                                f[AllowedValue] ? ReleaseStatus::InProgress : ReleaseStatus::Closed});
    };
    b["startInstallation"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(Installation{Id::generate(), f[InstallerOf] ? w.yesRelease : w.noRelease,
                                   f[InstallerOf] ? w.theirAsset2 : w.otherAsset2, InstallationStatus::InProgress,
                                   whoseWork(w, who, f), kNow});
    };
    b["recordStepResult"] = [](Store &s, const World &w, const Id &who, const Facts &f) {
        const Id inst = f[InstallerOf] ? w.yesInstallation : w.noInstallation;
        return toJson(StepResult{Id::generate(), inst, firstStep(s, inst), StepOutcome::Pass, "", "",
                                 whoseWork(w, who, f), kNow});
    };
    b["signOff"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(SignOff{Id::generate(), f[InstallerOf] ? w.yesInstallation : w.noInstallation, "A. User",
                              "1,1 2,2", kNow, whoseWork(w, who, f)});
    };
    b["recordBackOut"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(BackOut{Id::generate(), f[InstallerOf] ? w.yesInstallation : w.noInstallation, "a reason",
                              whoseWork(w, who, f), kNow});
    };
    b["recordScanOverride"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(ScanOverride{Id::generate(), f[AtSite] ? w.theirAsset : w.otherAsset,
                                   f[InstallerOf] ? w.yesInstallation : w.noInstallation, "serial", "5012345678900",
                                   "a product code", "the label says so", whoseWork(w, who, f), kNow});
    };
    b["recordRoomAudit"] = [](Store &s, const World &w, const Id &who, const Facts &f) {
        // A room of the site with the asset there found, and an unknown scan.
        const Id site = f[AtSite] ? w.theirSite : w.otherSite;
        const Id asset = f[AtSite] ? w.theirAsset : w.otherAsset;
        RoomAudit a;
        a.id = Id::generate();
        a.siteId = site;
        a.roomId = s.rooms(site).front().id;
        a.auditedBy = whoseWork(w, who, f);
        a.startedAt = kNow;
        a.finishedAt = kNow + 60000;
        a.lines = {{1, asset, "RT-SCAN", AuditOutcome::Found}, {2, std::nullopt, "RT-UNKNOWN", AuditOutcome::Unknown}};
        return toJson(a);
    };
    b["resolveConflict"] = [](Store &s, const World &w, const Id &who, const Facts &f) {
        ConflictRecord c;
        c.table = "assets";
        c.recordId = f[AtSite] ? w.theirAsset : w.otherAsset;
        c.field = "assigned_user";
        c.keptValue = "kept";
        c.lostValue = "lost";
        c.baseValue = "";
        c.lostDevice = Id::generate();
        c.lostBy = f[LostIt] ? who : w.other;
        c.createdAt = kNow;
        const Id conflict = s.recordConflict(c);
        return toJson(sync::Resolution{conflict, "kept", whoseWork(w, who, f), kNow});
    };
    // the office
    b["addSite"] = [](Store &, const World &, const Id &, const Facts &) {
        const Id id = Id::generate();
        return toJson(Site{id, "Site " + id.toString().substr(24), "S" + id.toString().substr(30), ""});
    };
    b["addRoom"] = [](Store &, const World &w, const Id &, const Facts &) {
        const Id id = Id::generate();
        return toJson(Room{id, w.theirSite, "Room " + id.toString().substr(24)});
    };
    b["addService"] = [](Store &, const World &, const Id &, const Facts &) {
        const Id id = Id::generate();
        return toJson(Service{id, "Service " + id.toString().substr(24), "", kNow});
    };
    b["setServiceFields"] = [](Store &s, const World &w, const Id &, const Facts &) {
        return toJson(sync::FieldChanges{w.service, {{"description", {s.service(w.service)->description, "new words"}}}});
    };
    b["retireService"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(sync::RecordAction{w.service, whoseWork(w, who, f), kNow});
    };
    b["draftBuild"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(sync::BuildStart{Id::generate(), w.service, w.approvedBuild, whoseWork(w, who, f), kNow});
    };
    b["saveBuildDraft"] = [](Store &s, const World &w, const Id &who, const Facts &f) {
        const auto d = *s.buildProcedure(w.draftBuild);
        return toJson(sync::BuildDraft{d.id, d.revision, d.hardwareModel, "v3 notes", d.backOutPlan, d.dslItemIds,
                                       d.steps, whoseWork(w, who, f), kNow});
    };
    for (const char *kind : {"submitBuild", "approveBuild", "retireBuild"})
        b[kind] = [](Store &, const World &w, const Id &who, const Facts &f) {
            return toJson(sync::RecordAction{w.draftBuild, whoseWork(w, who, f), kNow});
        };
    b["returnBuild"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(sync::BuildReturn{w.draftBuild, "needs a licence check", whoseWork(w, who, f), kNow});
    };
    b["planRelease"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        Release r;
        r.id = Id::generate();
        r.number = "RT-" + r.id.toString().substr(24);
        r.buildId = w.approvedBuild;
        r.siteId = w.theirSite;
        r.plannedDate = "2026-12-01";
        r.createdBy = whoseWork(w, who, f);
        r.createdAt = kNow;
        return toJson(r);
    };
    b["setReleaseFields"] = [](Store &s, const World &w, const Id &, const Facts &) {
        return toJson(
            sync::FieldChanges{w.yesRelease, {{"user_notice", {s.release(w.yesRelease)->userNotice, "Boards off at 3"}}}});
    };
    b["setReleaseInstallers"] = [](Store &s, const World &w, const Id &, const Facts &) {
        const auto now = s.release(w.yesRelease)->installers;
        auto to = now;
        to.push_back(w.other);
        return toJson(sync::SetChange{w.yesRelease, now, to});
    };
    b["setReleaseTargets"] = [](Store &, const World &w, const Id &, const Facts &) {
        return toJson(sync::SetChange{w.yesRelease, {}, {w.theirAsset}});
    };
    b["closeRelease"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(sync::ReleaseClose{w.yesRelease, "went well", whoseWork(w, who, f), kNow});
    };
    b["addPerson"] = [](Store &, const World &w, const Id &, const Facts &) {
        const Id id = Id::generate();
        return toJson(sync::Person{id, "p" + id.toString().substr(24), "New Person", Role::Installer, {w.theirSite}});
    };
    b["setPersonFields"] = [](Store &s, const World &w, const Id &, const Facts &) {
        return toJson(sync::FieldChanges{w.other, {{"display_name", {s.user(w.other)->displayName, "Jo W."}}}});
    };
    b["setPersonSites"] = [](Store &s, const World &w, const Id &, const Facts &) {
        return toJson(sync::SetChange{w.other, s.userSites(w.other), {w.theirSite}});
    };
    // the Definitive Software Library and the licence log
    b["addDslItem"] = [](Store &, const World &, const Id &, const Facts &) {
        const Id id = Id::generate();
        return toJson(DslItem{id, "Product " + id.toString().substr(24), "2.0", "Vendor", MediaKind::Download, "", "",
                              LicenceType::Free});
    };
    b["setDslItemFields"] = [](Store &, const World &w, const Id &, const Facts &) {
        return toJson(sync::FieldChanges{w.dslItem, {{"media_location", {"Cupboard", "Cupboard B"}}}});
    };
    b["takeOutMedia"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(MediaLoan{Id::generate(), w.dslItem, whoseWork(w, who, f), kNow, "to copy"});
    };
    b["returnMedia"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(sync::RecordAction{w.loan, whoseWork(w, who, f), kNow});
    };
    b["addLicence"] = [](Store &, const World &w, const Id &, const Facts &) {
        return toJson(Licence{Id::generate(), w.dslItem, "Another licence", "KEY-9", 5});
    };
    b["setLicenceFields"] = [](Store &, const World &w, const Id &, const Facts &) {
        return toJson(sync::FieldChanges{w.licence, {{"seats", {"10", "20"}}}});
    };
    b["assignLicence"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(LicenceAssignment{Id::generate(), w.licence, w.otherAsset, whoseWork(w, who, f), kNow});
    };
    b["unassignLicence"] = [](Store &, const World &w, const Id &who, const Facts &f) {
        return toJson(sync::RecordAction{w.seat, whoseWork(w, who, f), kNow});
    };
    return b;
}

} // namespace

TEST_CASE("Role x mutation kind: each kind is refused whole, nothing applied, for every role and relation "
          "its description does not allow, and allowed for those it does",
          "[sync][trust][rights]")
{
    const fs::path dir = fs::temp_directory_path() / ("rd-rights-" + Id::generate().toString());
    fs::create_directories(dir);
    const auto templ = dir / "template.db";
    World w;
    {
        Store s(templ.string());
        w = seed(s);
    }
    const auto build = builders();
    int refused = 0, allowedPushes = 0;
    for (const auto &kind : sync::mutationKinds()) {
        INFO("kind " << kind.name);
        REQUIRE(build.count(std::string(kind.name))); // a new kind needs its builder here
        std::set<Fact> used;
        for (const auto &g : kind.grants)
            for (const auto &r : g.requirements)
                used.insert(factOf(r.condition));
        const std::vector<Fact> vary(used.begin(), used.end());
        for (const auto role : {Role::ReleaseManager, Role::BuildDeveloper, Role::Installer}) {
            for (unsigned bits = 0; bits < (1u << vary.size()); ++bits) {
                Facts facts{};
                facts.fill(true);
                for (std::size_t i = 0; i < vary.size(); ++i)
                    facts[vary[i]] = bits & (1u << i);
                // A release manager works at every site: "not at their site" cannot be made.
                if (role == Role::ReleaseManager && (!facts[AtSite] || !facts[MovesToSite]))
                    continue;
                const auto copy = dir / "scenario.db";
                fs::copy_file(templ, copy, fs::copy_options::overwrite_existing);
                Store server(copy.string());
                sync::Hub hub(server);
                const Id who = w.tester[static_cast<int>(role)];
                if (facts[InstallerOf])
                    server.database()
                        .query("INSERT INTO release_installers(release_id, user_id, seq) VALUES (?1, ?2, 0)")
                        ->bindAll(w.yesRelease, who)
                        .run();
                const auto data = build.at(std::string(kind.name))(server, w, who, facts);
                const sync::Principal principal{who, role, hub.sitesOf(who, role), Id::generate()};
                const auto body = R"({"protocol":1,"device_id":")" + principal.deviceId.toString() +
                                  R"(","mutations":[{"seq":1,"kind":")" + std::string(kind.name) +
                                  R"(","at":0,"data":)" + sync::codec::json::serialize(data) + "}]}";
                const auto seqBefore = server.lastSeq();
                std::string facts_text;
                for (std::size_t i = 0; i < kFacts; ++i)
                    facts_text += facts[i] ? "1" : "0";
                INFO("role " << toString(role) << ", facts (self installer site moves value lost) " << facts_text);
                if (allowed(kind, role, facts)) {
                    CHECK_NOTHROW((void)hub.push(principal, body, kNow));
                    ++allowedPushes;
                } else {
                    CHECK_THROWS_AS(hub.push(principal, body, kNow), sync::ForbiddenError);
                    CHECK(server.lastSeq() == seqBefore);
                    CHECK(count(server, "SELECT count(*) FROM sync_devices") == 0);
                    ++refused;
                }
            }
        }
    }
    // Each kind is allowed to someone and refused to someone.
    CHECK(refused > 0);
    CHECK(allowedPushes >= static_cast<int>(sync::mutationKinds().size()));
    fs::remove_all(dir);
}
