// Importing and exporting the inventory (issue 11): the CSV reader and writer, the dry run, the
// import all or nothing, the same file twice, the files that are no inventory, and the round trip.
#include "testdatabase.h"
#include "fixture.h"

#include "demo/demodata.h"
#include "demo/snipeitsample.h"
#include "io/assetexport.h"
#include "io/assetimport.h"
#include "io/csv.h"
#include "sync/replica.h"

#include <sstream>

using namespace rd;
using namespace rd::io;
using rd::test::kDay;
using rd::test::kT0;

namespace {

std::string inventory(Store &store)
{
    std::ostringstream out;
    writeInventoryCsv(store, out);
    return out.str();
}

int assetCount(Store &store)
{
    auto q = store.database().query("SELECT count(*) FROM assets");
    q->step();
    return static_cast<int>(q->int64(0));
}

const ImportRow &rowAt(const ImportReport &r, int line)
{
    for (const auto &row : r.rows)
        if (row.line == line)
            return row;
    FAIL("no row at line " << line);
    return r.rows.front();
}

constexpr const char *kHeader = "Asset Tag,Serial,Manufacturer,Model,Category,Location,Status,Checked Out To,"
                                "Purchase Date,Notes\r\n";

} // namespace

TEST_CASE("CSV: quoted commas, quotes and line breaks, CRLF or LF, a byte-order mark, blank lines", "[io][csv]")
{
    const auto t = readCsv("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\n1,,3\n");
    REQUIRE(t.error.empty());
    CHECK(t.hadByteOrderMark);
    CHECK_FALSE(t.readAsWindows1252);
    REQUIRE(t.records.size() == 3);
    CHECK(t.records[0].fields == std::vector<std::string>{"a", "b", "c"});
    CHECK(t.records[1].line == 2);
    CHECK(t.records[1].fields == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK(t.records[2].line == 5);
    CHECK(t.records[2].fields == std::vector<std::string>{"1", "", "3"});

    std::ostringstream out;
    writeCsvRecord(out, {"plain", "a,b", "q\"q", "line\nbreak", " padded", "=SUM(A1)", ""});
    CHECK(out.str() == "plain,\"a,b\",\"q\"\"q\",\"line\nbreak\",\" padded\",'=SUM(A1),\r\n");
    const auto back = readCsv(out.str());
    REQUIRE(back.records.size() == 1);
    CHECK(back.records[0].fields[3] == "line\nbreak");
}

TEST_CASE("CSV: Windows-1252 text is read as such, and what is not CSV is said so", "[io][csv]")
{
    const auto t = readCsv("Notes\r\n\"Bought with the \xA3" "1,200 grant \x96 see \x93order\x94\"\r\n");
    REQUIRE(t.error.empty());
    CHECK(t.readAsWindows1252);
    CHECK(t.records[1].fields[0] == "Bought with the \xC2\xA3" "1,200 grant \xE2\x80\x93 see \xE2\x80\x9Corder\xE2\x80\x9D");

    CHECK_THAT(readCsv(std::string("PK\x03\x04\x14\x00", 6)).error, Catch::Contains("spreadsheet workbook"));
    CHECK_THAT(readCsv("%PDF-1.7\n").error, Catch::Contains("PDF"));
    CHECK_THAT(readCsv(std::string("ab\0cd", 5)).error, Catch::Contains("binary"));
    CHECK_THAT(readCsv("a,b\n\"open,2\n").error, Catch::Contains("starts on line 2 is never closed"));
}

TEST_CASE("Dates as schools write them, and those refused", "[io][import]")
{
    std::string why;
    CHECK(importDate("2024-09-01", why) == "2024-09-01");
    CHECK(importDate("2024-09-01 00:00:00", why) == "2024-09-01");
    CHECK(importDate("01/09/2024", why) == "2024-09-01");
    CHECK(importDate("1/9/2024", why) == "2024-09-01");
    CHECK(importDate("01.09.2024", why) == "2024-09-01");
    CHECK(importDate("13-09-2024", why) == "2024-09-13");
    CHECK(importDate("2024/09/01", why) == "2024-09-01");
    CHECK_FALSE(importDate("03/04/21", why));
    CHECK_THAT(why, Catch::Contains("two-digit year"));
    CHECK_FALSE(importDate("09/13/2024", why));
    CHECK_THAT(why, Catch::Contains("month first"));
    CHECK_FALSE(importDate("31/02/2023", why));
    CHECK_THAT(why, Catch::Contains("no such day"));
    CHECK_FALSE(importDate("September 2024", why));
    CHECK_THAT(why, Catch::Contains("not a date"));
    CHECK_FALSE(importDate("2024-13-01", why));
}

TEST_CASE("Snipe-IT's status labels and Release Desk's names", "[io][import]")
{
    CHECK(importStatus("Ready to Deploy") == AssetStatus::InStock);
    CHECK(importStatus("ready to deploy") == AssetStatus::InStock);
    CHECK(importStatus("Deployed") == AssetStatus::InUse);
    CHECK(importStatus("Ready to Deploy (Deployed)") == AssetStatus::InUse);
    CHECK(importStatus("Pending") == AssetStatus::OnOrder);
    CHECK(importStatus("Archived") == AssetStatus::Retired);
    CHECK(importStatus("Broken") == AssetStatus::Retired);
    CHECK(importStatus("Lost/Stolen") == AssetStatus::Retired);
    CHECK(importStatus("Out for Repair") == AssetStatus::Retired);
    CHECK(importStatus("in-stock") == AssetStatus::InStock);
    CHECK(importStatus("spare") == AssetStatus::Spare);
    CHECK(importStatus("disposed") == AssetStatus::Disposed);
    CHECK_FALSE(importStatus("Misplaced"));
}

TEST_CASE("10,000 Snipe-IT rows with 50 bad ones: the dry run names each, the import adds the good, again nothing",
          "[io][import][done-when]")
{
    Store store(test::freshDatabase());
    seedDemo(store, kT0);
    const auto sample = snipeItSample(store, 10000, 50);
    REQUIRE(sample.bad.size() == 50);
    REQUIRE(sample.goodRows == 9950);
    const auto before = inventory(store);
    const auto seqBefore = store.lastSeq();
    const int countBefore = assetCount(store);

    const auto dry = planAssetImport(store, sample.csv);
    REQUIRE(dry.ok());
    CHECK(dry.format == "Snipe-IT");
    CHECK(dry.ignoredColumns == std::vector<std::string>{"Asset Name", "Model No.", "Purchase Cost"});
    CHECK(dry.rows.size() == 10000);
    CHECK(dry.counts.added == 9950);
    CHECK(dry.counts.refused == 50);
    for (const auto &b : sample.bad) {
        const auto &row = rowAt(dry, b.line);
        INFO("line " << b.line << ": " << row.detail);
        CHECK(row.outcome == RowOutcome::Refused);
        CHECK_THAT(row.detail, Catch::Contains(b.reason, Catch::CaseSensitive::No));
    }
    // The dry run changed nothing.
    CHECK(store.lastSeq() == seqBefore);
    CHECK(inventory(store) == before);

    const auto imported = importAssets(store, sample.csv, Id::generate(), kT0 + kDay);
    REQUIRE(imported.ok());
    CHECK(imported.applied);
    CHECK(imported.counts.added == 9950);
    CHECK(assetCount(store) == countBefore + 9950);
    for (const auto &serial : sample.goodSerials)
        REQUIRE(store.findAssetsBySerial(serial).size() == 1);
    // A £ in a note and a line break came through whole.
    CHECK_THAT(inventory(store), Catch::Contains("Bought with the \xC2\xA3" "1,200 grant"));
    CHECK_THAT(inventory(store), Catch::Contains("Keyboard sticky;\nsee ticket 4411"));

    const auto seqAfter = store.lastSeq();
    const auto after = inventory(store);
    const auto again = importAssets(store, sample.csv, Id::generate(), kT0 + 2 * kDay);
    REQUIRE(again.ok());
    CHECK(again.counts.added == 0);
    CHECK(again.counts.updated == 0);
    CHECK(again.counts.unchanged == 9950 - 0);
    CHECK(again.counts.refused == 50);
    CHECK_FALSE(again.applied);
    CHECK(store.lastSeq() == seqAfter);
    CHECK(inventory(store) == after);
}

TEST_CASE("An existing asset: updated fields with history, unchanged, kept details, refusals", "[io][import]")
{
    test::SchoolFixture f; // Upper School (UPS): ICT Suite 1, Library; Lower School (LWS): Class 1
    f.addAsset("HP-7788", "UPS-2", "HP");
    const std::string csv = std::string(kHeader) +
        "RAU-00001,5CG1234ABC,Dell,Latitude 3440,Laptop,Upper School - Library,Spare,Ms Patel,01/09/2024,\r\n" // 2 updated
        ",5cg-1234-abc,DELL,Latitude 3440,Laptop,UPS,,,,\r\n"           // 3 duplicate of line 2 (normalised)
        ",HP7788,Hp,EliteBook,Laptop,Upper School,,,,\r\n"            // 4 unchanged, model kept
        "UPS-9,HP-7788,Lenovo,T14,Laptop,LWS - Class 1,,,,\r\n"          // 5 same serial, another make
        "RAU-00001,NEW-1,Dell,Latitude,Laptop,UPS,,,,\r\n"                // 6 tag used by another asset
        "UPS-10,NEW-2,Dell,Latitude,Laptop,Library,Pending,,2024-02-30,\r\n" // 7 bad date
        "UPS-11,NEW-3,Dell,Latitude,Laptop,Class 1,Pending,,,\"Spare, kept in \"\"B\"\"\"\r\n" // 8 new, room alone
        "UPS-12,NEW-4,Dell,Latitude,Laptop,Upper School - Gym,,,,\r\n"   // 9 no such room
        "UPS-13,NEW-5,Dell,,Laptop,UPS,,,,\r\n"                           // 10 missing model
        "UPS-2,HP-7788,Hewlett-Packard,EliteBook,Laptop,UPS,,,,\r\n";     // 11 its tag and serial, another make
    const auto dry = planAssetImport(f.store, csv);
    REQUIRE(dry.ok());
    CHECK(rowAt(dry, 2).outcome == RowOutcome::Updated);
    CHECK(rowAt(dry, 2).changedFields == std::vector<std::string>{"room", "status", "user"});
    CHECK_THAT(rowAt(dry, 2).detail, Catch::Contains("room ICT Suite 1 -> Library"));
    CHECK_THAT(rowAt(dry, 2).detail, Catch::Contains("kept the inventory's purchase date"));
    CHECK(rowAt(dry, 3).outcome == RowOutcome::Refused);
    CHECK_THAT(rowAt(dry, 3).detail, Catch::Contains("the same asset as line 2"));
    CHECK(rowAt(dry, 4).outcome == RowOutcome::Unchanged);
    CHECK_THAT(rowAt(dry, 4).detail, Catch::Contains("kept the inventory's model"));
    CHECK(rowAt(dry, 5).outcome == RowOutcome::SameSerial);
    CHECK(rowAt(dry, 6).outcome == RowOutcome::Refused);
    CHECK_THAT(rowAt(dry, 6).detail, Catch::Contains("asset tag RAU-00001 is on line 2 too"));
    CHECK_THAT(rowAt(dry, 7).detail, Catch::Contains("no such day"));
    CHECK(rowAt(dry, 8).outcome == RowOutcome::New);
    CHECK(rowAt(dry, 8).asset.roomId == f.farRoom);
    CHECK(rowAt(dry, 8).detail == "a new asset at Lower School, Class 1, on-order");
    CHECK_THAT(rowAt(dry, 9).detail, Catch::Contains("no room 'Gym' at Upper School"));
    CHECK_THAT(rowAt(dry, 10).detail, Catch::Contains("missing model"));
    CHECK(rowAt(dry, 11).outcome == RowOutcome::SameSerial);
    CHECK_THAT(rowAt(dry, 11).detail, Catch::Contains("UPS-2 (HP"));

    const Id manager = f.manager;
    const auto done = importAssets(f.store, csv, manager, kT0 + 5 * kDay);
    REQUIRE(done.applied);
    const auto a = *f.store.asset(f.asset);
    CHECK(a.roomId == f.otherRoom);
    CHECK(a.status == AssetStatus::Spare);
    CHECK(a.assignedUser == "Ms Patel");
    const auto history = f.store.recordChanges(f.asset);
    REQUIRE(history.size() == 3);
    for (const auto &c : history) {
        CHECK(c.changedBy == manager);
        CHECK(c.changedAt == kT0 + 5 * kDay);
    }
    const auto added = f.store.findAssetsBySerial("NEW-3");
    REQUIRE(added.size() == 1);
    CHECK(added[0].notes == "Spare, kept in \"B\"");
    CHECK(added[0].status == AssetStatus::OnOrder);

    // A status the rules do not allow from where the asset stands is refused.
    const auto disposed = std::string(kHeader) + "RAU-00001,5CG1234ABC,Dell,Latitude 3440,Laptop,UPS,Pending,,,\r\n";
    CHECK_THAT(planAssetImport(f.store, disposed).rows[0].detail, Catch::Contains("cannot go from spare to on-order"));
}

TEST_CASE("Files that are no inventory get a clear answer and import nothing", "[io][import]")
{
    test::SchoolFixture f;
    const auto before = inventory(f.store);
    const auto answer = [&](std::string_view bytes) {
        const auto r = importAssets(f.store, bytes, f.manager, kT0);
        CHECK_FALSE(r.applied);
        CHECK(r.rows.empty());
        return r.error;
    };
    CHECK_THAT(answer(""), Catch::Contains("empty"));
    CHECK_THAT(answer("\xEF\xBB\xBF\r\n\r\n"), Catch::Contains("empty"));
    CHECK_THAT(answer(std::string("PK\x03\x04 workbook", 13)), Catch::Contains("not CSV"));
    CHECK_THAT(answer("Name,Phone\r\nA,1\r\n"), Catch::Contains("no column the import knows"));
    CHECK_THAT(answer("Asset Tag,Serial\r\nA,1\r\n"), Catch::Contains("no Manufacturer, Model, Category, Location columns"));
    CHECK_THAT(answer(kHeader), Catch::Contains("header line but no assets"));
    CHECK(inventory(f.store) == before);
}

TEST_CASE("Windows-1252 with a £, a byte-order mark, quoted commas and line breaks import right", "[io][import]")
{
    test::SchoolFixture f;
    const std::string cp1252 = std::string(kHeader) + "UPS-7,SN-A1,Dell,Latitude,Laptop,UPS,,,,Cost \xA3" "450\r\n";
    const auto r1 = importAssets(f.store, cp1252, f.manager, kT0);
    REQUIRE(r1.applied);
    CHECK(r1.readAsWindows1252);
    CHECK(f.store.findAssetsBySerial("SN-A1")[0].notes == "Cost \xC2\xA3" "450");

    const std::string bom = "\xEF\xBB\xBF" "serial,MAKE, model ,category,location\nSN-B2,HP,\"ProBook, 450\",Laptop,"
                            "\"Upper School - Library\"\n";
    const auto r2 = importAssets(f.store, bom, f.manager, kT0);
    REQUIRE(r2.applied);
    CHECK(r2.hadByteOrderMark);
    const auto b = f.store.findAssetsBySerial("SN-B2")[0];
    CHECK(b.model == "ProBook, 450");
    CHECK(b.roomId == f.otherRoom);

    const std::string multi = std::string(kHeader) + "UPS-8,SN-C3,Dell,Latitude,Laptop,UPS,,,,\"first line\r\nsecond, with a comma\"\r\n";
    REQUIRE(importAssets(f.store, multi, f.manager, kT0).applied);
    CHECK(f.store.findAssetsBySerial("SN-C3")[0].notes == "first line\nsecond, with a comma");
}

TEST_CASE("The inventory exported reads back as the same inventory", "[io][export][import]")
{
    Store from(test::freshDatabase());
    seedDemo(from, kT0);
    const auto exported = inventory(from);
    const auto count = assetCount(from);

    // Another database with the same sites and rooms, and no assets.
    Store to(test::freshDatabase());
    for (const auto &s : from.sites()) {
        to.addSite(s);
        for (const auto &r : from.rooms(s.id))
            to.addRoom(r);
    }
    const auto r = importAssets(to, exported, Id::generate(), kT0);
    REQUIRE(r.ok());
    CHECK(r.format == "Release Desk");
    CHECK(r.counts.refused == 0);
    CHECK(r.counts.added == count);
    CHECK(inventory(to) == exported);
    // And into the database it came from, it changes nothing.
    const auto back = planAssetImport(from, exported);
    CHECK(back.counts.unchanged == count);
    CHECK(back.toWrite() == 0);
}

TEST_CASE("The installations of a period as CSV", "[io][export]")
{
    test::SchoolFixture f;
    const auto rel = f.store.addRelease(f.releaseSpec("R-1", 2));
    Installation i;
    i.releaseId = rel;
    i.assetId = f.asset;
    i.startedBy = f.installer;
    i.startedAt = kT0 + 2 * kDay;
    const Id inst = f.store.startInstallation(i);
    f.store.recordBackOut({{}, inst, "Image failed, see \"log\"", f.installer, kT0 + 2 * kDay + 3600000});
    Installation late = i;
    late.id = {};
    late.assetId = f.addAsset("LATE-1", "UPS-99");
    late.startedAt = kT0 + 40 * kDay;
    f.store.startInstallation(late);

    const auto range = dayRange("2026-01-01", "2026-01-31");
    REQUIRE(range);
    std::ostringstream out;
    CHECK(writeInstallationsCsv(f.store, range->first, range->second, out) == 1);
    const auto t = readCsv(out.str());
    REQUIRE(t.records.size() == 2);
    const auto &row = t.records[1].fields;
    CHECK(row[0] == inst.toString());
    CHECK(row[1] == "RAU-00001");
    CHECK(row[6] == "R-1");
    CHECK(row[7] == "Curriculum laptop");
    CHECK(row[8] == "1");
    CHECK(row[9] == "Sam Okafor");
    CHECK(row[10] == "2026-01-03 00:00:00Z");
    CHECK(row[11] == "2026-01-03 01:00:00Z");
    CHECK(row[12] == "backed-out");
    CHECK(row[14] == "Image failed, see \"log\"");
    CHECK_FALSE(dayRange("2026-02-01", "2026-01-01"));
    CHECK_FALSE(dayRange("2026-02-30", "2026-03-01"));
}

TEST_CASE("On a tablet the import goes through the Replica: queued once, all or nothing", "[io][import][sync]")
{
    test::SchoolFixture f;
    sync::Replica replica(f.store);
    const std::string csv = std::string(kHeader) +
        "UPS-50,SN-R1,Dell,Latitude,Laptop,UPS - Library,,,,\r\n"
        "RAU-00001,5CG1234ABC,Dell,Latitude 3440,Laptop,UPS - Library,Installed,,,\r\n";
    const auto r = importAssets(replica, f.store, csv, f.manager, kT0 + kDay);
    REQUIRE(r.applied);
    CHECK(r.counts.added == 1);
    CHECK(r.counts.updated == 1);
    CHECK(replica.pendingCount() == 3); // addAsset, and the room and status of the one updated
    CHECK(f.store.recordChanges(f.asset).size() == 2);
    const auto again = importAssets(replica, f.store, csv, f.manager, kT0 + 2 * kDay);
    CHECK_FALSE(again.applied);
    CHECK(again.counts.unchanged == 2);
    CHECK(replica.pendingCount() == 3);
}
