#include "demodata.h"

#include "domain/errors.h"
#include "store/store.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <random>

namespace rd {

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

/** A stable, realistic-looking SHA-256 hex string for a demo build image. */
std::string demoSha256(const std::string &seed)
{
    std::seed_seq seq(seed.begin(), seed.end());
    std::mt19937_64 rng(seq);
    std::string out;
    char buf[17];
    for (int i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
        out += buf;
    }
    return out;
}

std::string isoDate(Millis ms)
{
    const std::time_t t = ms / 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

struct StepSpec {
    StepPart part;
    const char *title;
    const char *detail;
    bool required;
};

} // namespace

DemoSummary seedDemo(Store &store, Millis now,
                     const std::function<std::string(const std::string &)> &hashPassword)
{
    if (store.database().scalar("SELECT count(*) FROM users") > 0)
        throw RuleError("the database already holds users; demo data goes only into an empty database");

    DemoSummary sum;
    std::mt19937 rng(20261126);
    Store::Batch batch(store);
    const auto pw =
        hashPassword ? std::optional<std::string>(hashPassword(DemoUsers::password)) : std::nullopt;

    const Id morgan = store.addUser({{}, DemoUsers::releaseManager, "Morgan Hale", Role::ReleaseManager}, pw);
    const Id devi = store.addUser({{}, DemoUsers::buildDeveloper, "Devi Raman", Role::BuildDeveloper}, pw);
    const Id sam = store.addUser({{}, DemoUsers::installer, "Sam Okafor", Role::Installer}, pw);
    const Id jo = store.addUser({{}, "jo", "Jo Whitaker", Role::Installer}, pw);
    const Id alex = store.addUser({{}, "alex", "Alex Moreau", Role::Installer}, pw); // Lower School only

    // A school on two sites.
    const Id upper = store.addSite({{}, "Riverside Academy - Upper School", "RAU", "^RAU-[0-9]{5}$"});
    const Id lower = store.addSite({{}, "Riverside Academy - Lower School", "RAL", "^RAL-[0-9]{5}$"});
    sum.sites = 2;
    for (const Id &u : {morgan, devi, sam, jo}) {
        store.addUserToSite(u, upper);
        store.addUserToSite(u, lower);
    }
    store.addUserToSite(alex, lower);
    std::vector<Id> upperRooms, lowerRooms;
    for (const char *r : {"ICT Suite 1", "ICT Suite 2", "Library", "Science Lab 1", "Science Lab 2",
                          "Staff Room", "Main Office", "Exam Hall", "Music", "Technician's Office"})
        upperRooms.push_back(store.addRoom({{}, upper, r}));
    for (const char *r : {"Class 1", "Class 2", "Class 3", "Class 4", "Class 5", "Class 6", "Hall", "Office"})
        lowerRooms.push_back(store.addRoom({{}, lower, r}));
    sum.rooms = static_cast<int>(upperRooms.size() + lowerRooms.size());

    // Services the school provides; two are still to be documented.
    const Millis yearAgo = now - 365 * kDay;
    const Id laptop = store.addService(
        {{}, "Curriculum laptop", "Student laptop for lessons, on the curriculum network", yearAgo});
    const Id desktop =
        store.addService({{}, "Staff desktop", "Desktop PC for teaching and admin staff", yearAgo});
    const Id board = store.addService(
        {{}, "Interactive whiteboard", "Classroom display with its teaching software", yearAgo});
    const Id mis = store.addService(
        {{}, "MIS client", "The management information system client for the office", yearAgo});
    store.addService({{}, "Exam room PC", "Locked-down PC for on-screen exams", now - 40 * kDay});
    store.addService({{}, "Library kiosk", "Catalogue search kiosk", now - 20 * kDay});
    sum.services = 6;

    // The Definitive Software Library.
    struct DslSpec {
        const char *product, *version, *vendor;
        MediaKind media;
        const char *where;
        LicenceType lic;
    };
    const std::array<DslSpec, 9> dsl{{
        {"Windows 11 Education", "23H2", "Microsoft", MediaKind::DiskImage,
         "\\\\fs01\\dsl\\win11-edu-23h2.wim", LicenceType::Subscription},
        {"Microsoft 365 Apps for enterprise", "2308", "Microsoft", MediaKind::Download,
         "\\\\fs01\\dsl\\m365-2308", LicenceType::Subscription},
        {"SMART Notebook", "22.1", "SMART Technologies", MediaKind::UsbDrive, "Cupboard B, shelf 2",
         LicenceType::Site},
        {"SIMS .net", "7.214", "ESS", MediaKind::Disc, "Cupboard A, shelf 1", LicenceType::PerSeat},
        {"Google Chrome Enterprise", "120.0", "Google", MediaKind::Download, "\\\\fs01\\dsl\\chrome-120.msi",
         LicenceType::Free},
        {"Scratch Desktop", "3.29", "MIT", MediaKind::Download, "\\\\fs01\\dsl\\scratch-3.29.exe",
         LicenceType::Free},
        {"GeoGebra Classic", "6.0", "GeoGebra", MediaKind::Download, "\\\\fs01\\dsl\\geogebra-6.msi",
         LicenceType::Free},
        {"Adobe Acrobat Reader", "23.006", "Adobe", MediaKind::Download, "\\\\fs01\\dsl\\reader-23.msi",
         LicenceType::Free},
        {"Sophos Endpoint", "2023.2", "Sophos", MediaKind::Download, "\\\\fs01\\dsl\\sophos",
         LicenceType::PerSeat},
    }};
    std::vector<Id> dslIds;
    for (const auto &d : dsl)
        dslIds.push_back(store.addDslItem({{},
                                           d.product,
                                           d.version,
                                           d.vendor,
                                           d.media,
                                           d.where,
                                           demoSha256(std::string(d.product) + d.version),
                                           d.lic}));
    sum.dslItems = static_cast<int>(dslIds.size());
    const Id loan = store.takeOutMedia({{}, dslIds[3], devi, now - 9 * kDay, "Office PC rebuild"});
    store.returnMedia(loan, now - 8 * kDay);
    store.takeOutMedia({{}, dslIds[2], sam, now - 1 * kDay, "Whiteboard rollout, Lower School"});

    // The licence log.
    const Id simsLicence = store.addLicence({{}, dslIds[3], "SIMS .net client licences", "ESS-AGR-20417", 6});
    const Id sophosLicence =
        store.addLicence({{}, dslIds[8], "Sophos Endpoint (education)", "SOP-EDU-88213-K", 400});
    store.addLicence({{}, dslIds[2], "SMART Learning Suite site licence", "SLS-SITE-5591-RIVERSIDE", 1});
    store.addLicence({{}, dslIds[0], "Microsoft A3 for faculty and students", "EES-ENROL-71882310", 600});
    sum.licences = 4;

    // Build procedures: the four parts, approved; the laptop build is on its second version.
    const std::vector<StepSpec> pcSteps{
        {StepPart::Installation, "Unbox, check against the delivery note, fit asset tag",
         "Record the serial and asset tag by scanning.", true},
        {StepPart::Installation, "Update BIOS/UEFI to the build's version",
         "Use the vendor's update tool from the DSL share.", true},
        {StepPart::Installation, "Deploy the Windows image",
         "Boot from the network, choose the build's image.", true},
        {StepPart::Installation, "Join the domain and the build's organisational unit", "", true},
        {StepPart::Installation, "Install the build's applications",
         "Check each DSL item and version in the design details.", true},
        {StepPart::Installation, "Install and register endpoint protection", "", true},
        {StepPart::Stability, "Network printing and file shares work",
         "Print a test page; open the shared drive.", true},
        {StepPart::Stability, "No new alerts on the management console", "", true},
        {StepPart::Stability, "Existing services unaffected (MIS, web filter)", "", false},
        {StepPart::Acceptance, "User signs in with their own account", "", true},
        {StepPart::Acceptance, "User opens their usual applications and files", "", true},
        {StepPart::Acceptance, "Projector / display output works", "", false},
    };
    auto buildSpec = [&](const Id &service, const char *model, std::vector<Id> items,
                         const std::vector<StepSpec> &steps, Millis at) {
        BuildProcedure b;
        b.serviceId = service;
        b.hardwareModel = model;
        b.designNotes = "Standard build for this service; software versions as listed from the DSL.";
        b.dslItemIds = std::move(items);
        b.backOutPlan =
            "Re-image with the previous build from the DSL, or return the previous device to the user; "
            "record the back-out and tell the release manager.";
        int pos[3] = {0, 0, 0};
        for (const auto &s : steps)
            b.steps.push_back({{}, s.part, ++pos[static_cast<int>(s.part)], s.title, s.detail, s.required});
        b.createdBy = devi;
        b.createdAt = at;
        return b;
    };
    const Id laptopV1 = store.addBuildProcedure(
        buildSpec(laptop, "Dell Latitude 3440", {dslIds[0], dslIds[1], dslIds[4], dslIds[5], dslIds[8]},
                  pcSteps, now - 200 * kDay));
    // Each version is written and submitted by the build developer, then approved by the release
    // manager; approving v2 retires v1.
    const auto submitAndApprove = [&](const Id &build, Millis at) {
        store.submitBuild(build, devi, at - kDay);
        store.approveBuild(build, morgan, at);
    };
    submitAndApprove(laptopV1, now - 195 * kDay);
    const Id laptopV2 = store.newBuildVersion(laptopV1, devi, now - 30 * kDay);
    {
        auto b = *store.buildProcedure(laptopV2);
        b.dslItemIds.push_back(dslIds[6]); // GeoGebra added for maths
        b.designNotes = "v2: adds GeoGebra Classic for maths; otherwise as v1.";
        store.updateDraft(b);
    }
    submitAndApprove(laptopV2, now - 28 * kDay);
    const Id desktopV1 = store.addBuildProcedure(
        buildSpec(desktop, "HP ProDesk 400 G9", {dslIds[0], dslIds[1], dslIds[4], dslIds[7], dslIds[8]},
                  pcSteps, now - 150 * kDay));
    submitAndApprove(desktopV1, now - 148 * kDay);
    const std::vector<StepSpec> boardSteps{
        {StepPart::Installation, "Mount the display and check the wall fixing",
         "Two people; check the fixing certificate.", true},
        {StepPart::Installation, "Connect the classroom PC (HDMI and USB touch)", "", true},
        {StepPart::Installation, "Install SMART Notebook and activate the site licence", "", true},
        {StepPart::Stability, "Classroom PC still prints and reaches the network", "", true},
        {StepPart::Acceptance, "Teacher writes, saves and reopens a lesson", "", true},
        {StepPart::Acceptance, "Touch is aligned in all four corners", "", true},
    };
    const Id boardV1 = store.addBuildProcedure(
        buildSpec(board, "SMART Board MX275-V4", {dslIds[2]}, boardSteps, now - 90 * kDay));
    submitAndApprove(boardV1, now - 88 * kDay);
    store.addBuildProcedure(
        buildSpec(mis, "HP ProDesk 400 G9", {dslIds[0], dslIds[3], dslIds[8]}, pcSteps, now - 5 * kDay));
    sum.buildProcedures = 5;

    // A few hundred assets: serials and tags as the labels print them.
    auto serial = [&](const char *prefix, int len) {
        static constexpr char chars[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        std::string s = prefix;
        std::uniform_int_distribution<int> pick(0, 33);
        while (static_cast<int>(s.size()) < len)
            s.push_back(chars[pick(rng)]);
        return s;
    };
    int tagNo[2] = {0, 0};
    auto addAssets = [&](int count, const Id &site, const std::vector<Id> &rooms, const char *make,
                         const char *model, const char *category, const char *serialPrefix, int serialLen,
                         AssetStatus status) {
        std::vector<Id> ids;
        const bool isUpper = site == upper;
        std::uniform_int_distribution<std::size_t> room(0, rooms.size() - 1);
        for (int i = 0; i < count; ++i) {
            char tag[16];
            std::snprintf(tag, sizeof tag, "%s-%05d", isUpper ? "RAU" : "RAL", ++tagNo[isUpper ? 0 : 1]);
            Asset a;
            a.assetTag = std::string(tag);
            a.serial = serial(serialPrefix, serialLen);
            a.make = make;
            a.model = model;
            a.category = category;
            a.siteId = site;
            if (status != AssetStatus::InStock && status != AssetStatus::OnOrder)
                a.roomId = rooms[room(rng)];
            a.status = status;
            ids.push_back(store.addAsset(a));
        }
        sum.assets += count;
        return ids;
    };
    addAssets(150, upper, upperRooms, "Dell", "Latitude 3420", "Laptop", "", 7, AssetStatus::InUse);
    const auto newLaptops =
        addAssets(30, upper, upperRooms, "Dell", "Latitude 3440", "Laptop", "", 7, AssetStatus::InStock);
    addAssets(60, upper, upperRooms, "HP", "ProDesk 400 G7", "Desktop", "CZC", 10, AssetStatus::InUse);
    const auto newDesktops =
        addAssets(8, upper, upperRooms, "HP", "ProDesk 400 G9", "Desktop", "CZC", 10, AssetStatus::InStock);
    addAssets(40, lower, lowerRooms, "HP", "ProDesk 400 G7", "Desktop", "CZC", 10, AssetStatus::InUse);
    addAssets(6, lower, lowerRooms, "SMART", "SMART Board 6065", "Interactive display", "SBID", 14,
              AssetStatus::InUse);
    const auto newBoards = addAssets(4, lower, lowerRooms, "SMART", "SMART Board MX275-V4",
                                     "Interactive display", "MX275", 14, AssetStatus::InStock);
    addAssets(6, upper, upperRooms, "Dell", "Latitude 3420", "Laptop", "", 7, AssetStatus::Spare);
    addAssets(10, upper, upperRooms, "Dell", "Latitude 3440", "Laptop", "", 7, AssetStatus::OnOrder);

    // Licence seats for the office PCs.
    for (int i = 0; i < 4; ++i)
        store.assignLicence(
            {{}, simsLicence, newDesktops[static_cast<std::size_t>(i)], devi, now - 10 * kDay});
    store.assignLicence({{}, sophosLicence, newDesktops[4], devi, now - 10 * kDay});

    // Releases: one done last month, three open for the demo installer.
    const auto desktopBuild = *store.buildProcedure(desktopV1);
    Release done;
    done.number = "R-2026-041";
    done.kind = ReleaseKind::Rollout;
    done.units = 2;
    done.trigger = TriggerKind::Request;
    done.triggerRef = "REQ-4710";
    done.buildId = desktopV1;
    done.siteId = upper;
    done.plannedDate = isoDate(now - 35 * kDay);
    done.installers = {sam};
    done.createdBy = morgan;
    done.createdAt = now - 40 * kDay;
    const Id doneId = store.addRelease(done);
    for (int unit = 0; unit < 2; ++unit) {
        const Millis t = now - 35 * kDay + unit * 2 * 60 * 60 * 1000;
        const Id inst = store.startInstallation({{},
                                                 doneId,
                                                 newDesktops[static_cast<std::size_t>(6 + unit)],
                                                 InstallationStatus::InProgress,
                                                 sam,
                                                 t});
        for (const auto &step : desktopBuild.steps)
            store.recordStepResult({{}, inst, step.id, StepOutcome::Pass, "", "", sam, t + 60000});
        store.signOff(
            {{}, inst, "Mrs A. Patel (Finance)", "10,40 30,22 52,45 70,20;80,40 120,38", t + 3600000, sam});
        ++sum.installations;
    }
    store.setReleaseStatus(doneId, ReleaseStatus::Installed);
    store.setReleaseStatus(doneId, ReleaseStatus::Accepted);
    store.setReleaseStatus(doneId, ReleaseStatus::Closed);

    Release laptops;
    laptops.number = "R-2026-047";
    laptops.kind = ReleaseKind::Rollout;
    laptops.units = 30;
    laptops.trigger = TriggerKind::Rfc;
    laptops.triggerRef = "RFC-0112";
    laptops.buildId = laptopV2;
    laptops.siteId = upper;
    laptops.plannedDate = isoDate(now + 2 * kDay);
    laptops.installers = {sam, jo};
    laptops.createdBy = morgan;
    laptops.createdAt = now - 7 * kDay;
    const Id laptopsId = store.addRelease(laptops);
    // Two units already under way, one with a failed stability test to deal with.
    const auto laptopBuild = *store.buildProcedure(laptopV2);
    for (int unit = 0; unit < 2; ++unit) {
        const Millis t = now - kDay + unit * 45 * 60 * 1000;
        const Id inst = store.startInstallation({{},
                                                 laptopsId,
                                                 newLaptops[static_cast<std::size_t>(unit)],
                                                 InstallationStatus::InProgress,
                                                 sam,
                                                 t});
        ++sum.installations;
        for (const auto &step : laptopBuild.steps) {
            if (step.part == StepPart::Acceptance)
                break;
            const bool fail = unit == 1 && step.part == StepPart::Stability && step.position == 1;
            store.recordStepResult({{},
                                    inst,
                                    step.id,
                                    fail ? StepOutcome::Fail : StepOutcome::Pass,
                                    fail ? "Test page stuck in the queue: print server certificate?" : "",
                                    "",
                                    sam,
                                    t + 60000});
            if (fail)
                break;
        }
    }

    Release office;
    office.number = "R-2026-048";
    office.trigger = TriggerKind::Request;
    office.triggerRef = "REQ-4821";
    office.buildId = desktopV1;
    office.siteId = upper;
    office.plannedDate = isoDate(now);
    office.installers = {sam};
    office.createdBy = morgan;
    office.createdAt = now - 3 * kDay;
    store.addRelease(office);

    Release boards;
    boards.number = "R-2026-049";
    boards.kind = ReleaseKind::Rollout;
    boards.units = static_cast<int>(newBoards.size());
    boards.trigger = TriggerKind::Rfc;
    boards.triggerRef = "RFC-0115";
    boards.buildId = boardV1;
    boards.siteId = lower;
    boards.plannedDate = isoDate(now + 7 * kDay);
    boards.installers = {sam};
    boards.createdBy = morgan;
    boards.createdAt = now - 2 * kDay;
    store.addRelease(boards);
    sum.releases = 4;

    batch.commit();
    return sum;
}

} // namespace rd
