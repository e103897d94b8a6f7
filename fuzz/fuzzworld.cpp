#include "fuzzworld.h"

#include "domain/text.h"
#include "sync/codec.h"

#include <sqlite3.h>

namespace rd::fuzz {

namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kDay = 24 * 60 * kMinute;

sqlite3 *openCopy(sqlite3 *like)
{
    sqlite3 *copy = nullptr;
    if (sqlite3_open(":memory:", &copy) != SQLITE_OK)
        finding("fuzz setup: cannot open an in-memory database");
    // An in-memory destination keeps its page size: make it the source's before the first copy.
    sqlite3_stmt *q = nullptr;
    sqlite3_prepare_v2(like, "PRAGMA page_size", -1, &q, nullptr);
    const int pageSize = q && sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 4096;
    sqlite3_finalize(q);
    sqlite3_exec(copy, ("PRAGMA page_size = " + std::to_string(pageSize)).c_str(), nullptr, nullptr, nullptr);
    return copy;
}

void copyDatabase(sqlite3 *to, sqlite3 *from, const char *what)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        finding(what, sqlite3_errmsg(to));
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    // Busy or locked: a statement or transaction was left open by the input before.
    if (rc != SQLITE_DONE)
        finding(what, sqlite3_errstr(rc));
}

} // namespace

void say(std::string_view what, std::string_view detail)
{
    static const bool verbose = std::getenv("RD_FUZZ_VERBOSE") != nullptr;
    if (verbose)
        std::fprintf(stderr, "%.*s %.*s\n", static_cast<int>(what.size()), what.data(),
                     static_cast<int>(detail.size() > 4000 ? 4000 : detail.size()), detail.data());
}

void requireSendable(const std::exception &e)
{
    if (!isValidUtf8(e.what()))
        finding("an error message that is not UTF-8 (it goes into a JSON answer)", e.what());
}

void requireJsonObject(std::string_view body, std::string_view what)
{
    try {
        (void)sync::codec::parseObject(body);
    } catch (const Error &e) {
        finding(std::string(what) + " is not a JSON object: " + e.what(), body);
    }
}

// --- the school -----------------------------------------------------------------------------

void seedSchool(Store &store, const std::optional<std::string> &passwordHash)
{
    using namespace school;
    const Millis t0 = kNow - 200 * kDay;
    Store::Batch batch(store);

    store.addUser({morgan, "morgan", "Morgan Hale", Role::ReleaseManager}, passwordHash);
    store.addUser({devi, "devi", "Devi Raman", Role::BuildDeveloper}, passwordHash);
    store.addUser({sam, "sam", "Sam Okafor", Role::Installer}, passwordHash);
    store.addUser({jo, "jo", "Jo Whitaker", Role::Installer}, passwordHash);
    store.addUser({alex, "alex", "Alex Moreau", Role::Installer}, passwordHash);
    store.addUser({pat, "pat", "Pat Doyle", Role::Installer, false}, passwordHash);

    store.addSite({upper, "Riverside Academy - Upper School", "RAU", "^RAU-[0-9]{5}$"});
    store.addSite({lower, "Riverside Academy - Lower School", "RAL", "^RAL-[0-9]{5}$"});
    for (const Id &u : {morgan, devi, sam, jo, pat}) {
        store.addUserToSite(u, upper);
        store.addUserToSite(u, lower);
    }
    store.addUserToSite(alex, lower);
    store.addRoom({fixedId(0x301), upper, "ICT Suite 1"});
    store.addRoom({fixedId(0x302), upper, "Library"});
    store.addRoom({fixedId(0x303), lower, "Class 1"});

    store.addService({fixedId(0x401), "Curriculum laptop", "Student laptop for lessons", t0});
    store.addService({fixedId(0x402), "Interactive whiteboard", "Classroom display", t0});
    store.addDslItem({fixedId(0xc01), "Windows 11 Education", "23H2", "Microsoft", MediaKind::DiskImage,
                      "\\\\fs01\\dsl\\win11-edu-23h2.wim",
                      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", LicenceType::Subscription});
    store.addLicence({fixedId(0xc11), fixedId(0xc01), "Microsoft A3", "EES-ENROL-71882310", 30}); // seats for every sign-off here

    BuildProcedure laptop;
    laptop.id = laptopBuild;
    laptop.serviceId = fixedId(0x401);
    laptop.hardwareModel = "Dell Latitude 3440";
    laptop.designNotes = "Standard build; software as listed from the DSL.";
    laptop.dslItemIds = {fixedId(0xc01)};
    laptop.steps = {
        {fixedId(0x601), StepPart::Installation, 1, "Deploy the Windows image", "Boot from the network.", true},
        {fixedId(0x602), StepPart::Installation, 2, "Install the build's applications", "", true},
        {fixedId(0x603), StepPart::Stability, 1, "Network printing works", "Print a test page.", true},
        {fixedId(0x604), StepPart::Stability, 2, "MIS unaffected", "", false},
        {fixedId(0x605), StepPart::Acceptance, 1, "User signs in with their own account", "", true},
    };
    laptop.backOutPlan = "Re-image with the previous build from the DSL.";
    laptop.createdBy = devi;
    laptop.createdAt = t0;
    store.addBuildProcedure(laptop);
    store.submitBuild(laptopBuild, devi, t0 + kDay / 2);
    store.approveBuild(laptopBuild, morgan, t0 + kDay);

    BuildProcedure board;
    board.id = boardBuild;
    board.serviceId = fixedId(0x402);
    board.hardwareModel = "SMART Board MX275-V4";
    board.steps = {{fixedId(0x606), StepPart::Installation, 1, "Mount the display", "", true}};
    board.createdBy = devi;
    board.createdAt = t0;
    store.addBuildProcedure(board);

    auto asset = [&](std::uint64_t n, const char *tag, const char *serial, const char *make, const char *model,
                     const char *category, const Id &site, std::optional<Id> room, AssetStatus status) {
        store.addAsset({fixedId(n), std::string(tag), std::string(serial), make, model, category, site, room, "",
                        status});
    };
    asset(0x701, "RAU-00001", "5CG1234ABC", "Dell", "Latitude 3440", "Laptop", upper, std::nullopt, AssetStatus::InStock);
    asset(0x702, "RAU-00002", "5CG1234ABD", "Dell", "Latitude 3440", "Laptop", upper, std::nullopt, AssetStatus::InStock);
    asset(0x703, "RAU-00003", "CZC1234567", "HP", "ProDesk 400 G9", "Desktop", upper, fixedId(0x301), AssetStatus::InUse);
    asset(0x704, "RAU-00004", "5CG0000001", "Dell", "Latitude 3420", "Laptop", upper, fixedId(0x302), AssetStatus::Spare);
    asset(0x705, "RAL-00001", "MX27500000000001", "SMART", "MX275-V4", "Interactive display", lower, std::nullopt,
          AssetStatus::InStock);
    asset(0x706, "RAL-00002", "CZC7654321", "HP", "ProDesk 400 G7", "Desktop", lower, fixedId(0x303), AssetStatus::InUse);
    store.assignLicence({fixedId(0xc21), fixedId(0xc11), fixedId(0x703), devi, t0 + 2 * kDay});

    Release r1;
    r1.id = release1;
    r1.number = "R-1";
    r1.kind = ReleaseKind::Rollout;
    r1.units = 5;
    r1.trigger = TriggerKind::Rfc;
    r1.triggerRef = "RFC-0112";
    r1.buildId = laptopBuild;
    r1.siteId = upper;
    r1.plannedDate = "2026-11-28";
    r1.installers = {sam, jo};
    r1.createdBy = morgan;
    r1.createdAt = kNow - 7 * kDay;
    store.addRelease(r1);
    Release r2 = r1;
    r2.id = release2;
    r2.number = "R-2";
    r2.units = 2;
    r2.trigger = TriggerKind::Request;
    r2.triggerRef = "REQ-4711";
    r2.siteId = lower;
    r2.installers = {alex};
    store.addRelease(r2);
    Release r3 = r1;
    r3.id = release3;
    r3.number = "R-3";
    r3.kind = ReleaseKind::Single;
    r3.units = 1;
    r3.trigger = TriggerKind::None;
    r3.triggerRef = "";
    r3.installers = {};
    store.addRelease(r3);

    const Millis t = kNow - kDay;
    store.startInstallation({fixedId(0x901), release1, fixedId(0x701), InstallationStatus::InProgress, sam, t});
    store.recordStepResult({fixedId(0xa01), fixedId(0x901), fixedId(0x601), StepOutcome::Pass, "", "", sam, t + kMinute});
    store.recordStepResult({fixedId(0xa02), fixedId(0x901), fixedId(0x602), StepOutcome::Pass, "", "", sam, t + 2 * kMinute});
    store.recordStepResult({fixedId(0xa03), fixedId(0x901), fixedId(0x603), StepOutcome::Fail, "printer offline",
                            "", sam, t + 3 * kMinute});
    store.startInstallation({fixedId(0x902), release1, fixedId(0x702), InstallationStatus::InProgress, jo, t});
    int n = 0;
    for (std::uint64_t step : {0x601, 0x602, 0x603, 0x605})
        store.recordStepResult({fixedId(0xa04 + static_cast<std::uint64_t>(n++)), fixedId(0x902), fixedId(step),
                                StepOutcome::Pass, "", "", jo, t + 10 * kMinute});
    store.signOff({fixedId(0xd01), fixedId(0x902), "Mrs A. Patel", "10,40 30,22 52,45;80,40 120,38", t + kDay / 2, jo});
    store.startInstallation({fixedId(0x903), release2, fixedId(0x705), InstallationStatus::InProgress, alex, t});
    store.recordStepResult({fixedId(0xa08), fixedId(0x903), fixedId(0x601), StepOutcome::Pass, "", "", alex, t + kMinute});
    store.startInstallation({fixedId(0x904), release1, fixedId(0x704), InstallationStatus::InProgress, jo, t});

    ConflictRecord c;
    c.id = fixedId(0xb01);
    c.table = "assets";
    c.recordId = fixedId(0x703);
    c.field = "status";
    c.keptValue = "in-use";
    c.lostValue = "spare";
    c.baseValue = "in-use";
    c.lostDevice = samTablet;
    c.lostBy = sam;
    c.createdAt = t;
    store.recordConflict(c);
    store.recordScanOverride({fixedId(0xf01), fixedId(0x701), fixedId(0x901), "serial", "5CG1234ABC",
                              "a product code", "the label is printed so", sam, t});
    batch.commit();
}

void setDeviceId(Store &store, const Id &deviceId)
{
    // The store made a random one; setMeta refuses to change it, as it should for everyone else.
    store.database().query("UPDATE meta SET value = ?1 WHERE key = 'device_id'")->bindAll(deviceId.toString()).run();
}

void registerDevices(sync::Hub &hub)
{
    using namespace school;
    hub.registerDevice(sam, samTablet, kNow - 30 * kDay);
    hub.registerDevice(jo, joTablet, kNow - 30 * kDay);
    hub.registerDevice(alex, alexTablet, kNow - 30 * kDay);
    hub.registerDevice(morgan, morganDesktop, kNow - 30 * kDay);
    hub.registerDevice(devi, deviDesktop, kNow - 30 * kDay);
}

std::optional<sync::Principal> principalOf(sync::Hub &hub, const Id &deviceId)
{
    using namespace school;
    struct Owner {
        Id device, user;
        Role role;
    };
    static const Owner owners[] = {{samTablet, sam, Role::Installer},
                                   {joTablet, jo, Role::Installer},
                                   {alexTablet, alex, Role::Installer},
                                   {morganDesktop, morgan, Role::ReleaseManager},
                                   {deviDesktop, devi, Role::BuildDeveloper}};
    for (const auto &o : owners) {
        if (o.device == deviceId)
            return sync::Principal{o.user, o.role, hub.sitesOf(o.user, o.role), o.device};
    }
    return std::nullopt;
}

void pullAll(sync::Hub &hub, const sync::Principal &who, sync::Replica &replica, int pageSize)
{
    for (int pages = 0; pages < 1000; ++pages) {
        if (replica.applyPullPage(hub.pull(who, replica.nextPullBody(pageSize))).complete)
            return;
    }
    finding("fuzz setup: the pull does not end");
}

void recordTabletDay(sync::Replica &replica)
{
    using namespace school;
    const Millis t = kNow + 9 * 60 * kMinute; // the morning after the seed
    // A laptop jo's tablet registers first on the server (seeded there as 0x707): merged.
    replica.addAsset({fixedId(0x781), std::string("RAU-00009"), std::string("5CG9999XYZ"), "Dell", "Latitude 3440",
                      "Laptop", upper, fixedId(0x301), "", AssetStatus::InStock});
    replica.moveAsset(fixedId(0x704), upper, fixedId(0x301));
    replica.setAssetUser(fixedId(0x703), "Ms Green"); // the server has Mr Brown by now: a conflict
    replica.setAssetStatus(fixedId(0x781), AssetStatus::Spare);
    replica.startInstallation({fixedId(0x981), release1, fixedId(0x781), InstallationStatus::InProgress, sam, t});
    int n = 0;
    for (std::uint64_t step : {0x601, 0x602, 0x603, 0x605})
        replica.recordStepResult({fixedId(0xa81 + static_cast<std::uint64_t>(n++)), fixedId(0x981), fixedId(step),
                                  StepOutcome::Pass, "", "", sam, t + 10 * kMinute});
    replica.signOff({fixedId(0xd81), fixedId(0x981), "Ms Green", "10,40 30,22;80,40 120,38", t + 20 * kMinute, sam});
    // The failed test retested and signed off here; jo's later failure on the server refuses it.
    replica.recordStepResult({fixedId(0xa85), fixedId(0x901), fixedId(0x603), StepOutcome::Pass, "printer back",
                              "", sam, t + 30 * kMinute});
    replica.recordStepResult({fixedId(0xa86), fixedId(0x901), fixedId(0x605), StepOutcome::Pass, "", "", sam,
                              t + 31 * kMinute});
    replica.signOff({fixedId(0xd82), fixedId(0x901), "Mr B. Stone", "1,1 2,2", t + 32 * kMinute, sam});
    replica.recordBackOut({fixedId(0xd91), fixedId(0x904), "the wrong image was deployed", sam, t + 40 * kMinute});
    replica.recordScanOverride({fixedId(0xf81), fixedId(0x781), fixedId(0x981), "serial", "5CG9999XYZ",
                                "looks like a part number", "HP prints it so", sam, t + 41 * kMinute});
    replica.resolveConflict(fixedId(0xb01), "spare", sam, t + 42 * kMinute);
}

void recordServerDay(Store &store)
{
    using namespace school;
    store.addAsset({fixedId(0x707), std::string("RAU-00010"), std::string("5CG-9999-XYZ"), "DELL", "Latitude 3440",
                    "Laptop", upper, std::nullopt, "", AssetStatus::InStock});
    store.setAssetUser(fixedId(0x703), "Mr Brown");
    store.recordStepResult({fixedId(0xa09), fixedId(0x901), fixedId(0x605), StepOutcome::Fail, "cannot sign in", "",
                            jo, kNow + 12 * 60 * kMinute});
    store.unassignLicence(Store::seatId(fixedId(0xc11), fixedId(0x703))); // a tombstone for the next pull
}

// --- snapshots ------------------------------------------------------------------------------

Snapshot::Snapshot(sqlite3 *db)
    : m_db(db)
    , m_copy(openCopy(db))
{
    copyDatabase(m_copy, m_db, "fuzz setup: cannot copy the database");
    m_changes = sqlite3_total_changes64(m_db);
}

Snapshot::~Snapshot()
{
    sqlite3_close(m_copy);
}

void Snapshot::restore()
{
    if (sqlite3_get_autocommit(m_db) == 0)
        finding("a transaction was left open after the input");
    // Counts every row written since, also in transactions rolled back: conservative.
    if (sqlite3_total_changes64(m_db) == m_changes)
        return;
    copyDatabase(m_db, m_copy, "cannot put the database back after the input");
    m_changes = sqlite3_total_changes64(m_db);
}

// --- the worlds -----------------------------------------------------------------------------

ServerWorld &ServerWorld::get()
{
    static ServerWorld *world = new ServerWorld(); // never destroyed: nothing runs at exit
    return *world;
}

ServerWorld::ServerWorld()
{
    using namespace school;
    seedSchool(store);
    (void)hub.databaseId();
    registerDevices(hub);

    // Sam's tablet syncs, works a day offline while the server changes, then pushes.
    Store tabletStore(":memory:");
    setDeviceId(tabletStore, samTablet);
    sync::Replica tablet(tabletStore);
    const auto samWho = *principalOf(hub, samTablet);
    pullAll(hub, samWho, tablet);
    recordServerDay(store);
    recordTabletDay(tablet);
    samPushBody = tablet.nextPushBody(1000).value();
    samPushAnswer = hub.push(samWho, samPushBody, kNow + 13 * 60 * kMinute);
    tablet.acceptPushResponse(samPushAnswer);
    snapshot = std::make_unique<Snapshot>(store.database().handle());
}

TabletWorld &TabletWorld::get()
{
    static TabletWorld *world = new TabletWorld();
    return *world;
}

TabletWorld::TabletWorld()
{
    using namespace school;
    setDeviceId(store, samTablet);
    Store serverStore(":memory:");
    sync::Hub hub(serverStore);
    seedSchool(serverStore);
    registerDevices(hub);
    pullAll(hub, *principalOf(hub, samTablet), replica);
    recordTabletDay(replica);
    snapshot = std::make_unique<Snapshot>(store.database().handle());
}

} // namespace rd::fuzz
