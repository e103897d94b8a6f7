// syncserver import-assets and export-assets, the real binary: a Snipe-IT file with bad rows, a dry
// run that changes nothing, the import, the same file again, files that are no inventory, --help.
#include "serverprocess.h"
#include "testdatabase.h"

#include "demo/snipeitsample.h"
#include "domain/id.h"
#include "io/csv.h"
#include "store/store.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace rd;
using namespace rd::test;

namespace {

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("rd_import_" + Id::generate().toString());
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() { std::filesystem::remove_all(path); }
};

void writeFile(const std::filesystem::path &p, const std::string &bytes)
{
    std::ofstream f(p, std::ios::binary);
    f << bytes;
}

std::string readFile(const std::filesystem::path &p)
{
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::int64_t count(const std::filesystem::path &data, const std::string &sql)
{
    Store store(rd::test::databaseFor(data));
    return store.database().scalar(sql);
}

} // namespace

TEST_CASE("import-assets: a dry run names the bad rows and changes nothing; the import adds the good; again nothing",
          "[server][process][import]")
{
    TempDir dir;
    const auto data = (dir.path / "data").string();
    REQUIRE(runSyncserver({"seed-demo", "--data", data}, dir.path).exitCode == 0);
    std::string csv;
    std::vector<SnipeItSample::Bad> bad;
    int good = 0;
    {
        Store store(rd::test::databaseFor(data));
        auto sample = snipeItSample(store, 400, 13);
        csv = std::move(sample.csv);
        bad = std::move(sample.bad);
        good = sample.goodRows;
    }
    const auto file = dir.path / "snipeit.csv";
    writeFile(file, csv);
    const auto assets = count(data, "SELECT count(*) FROM assets");
    const auto seq = count(data, "SELECT coalesce(max(seq), 0) FROM assets");

    const auto dry = runSyncserver({"import-assets", "--data", data, file.string(), "--dry-run"}, dir.path);
    INFO(dry.out << dry.err);
    REQUIRE(dry.exitCode == 0);
    for (const auto &b : bad)
        CHECK_THAT(dry.out, Catch::Contains("line " + std::to_string(b.line) + ": refused: "));
    CHECK_THAT(dry.out, Catch::Contains(std::to_string(good) + " new, 0 updated, 0 unchanged"));
    CHECK_THAT(dry.out, Catch::Contains("13 refused"));
    CHECK_THAT(dry.out, Catch::Contains("nothing was changed"));
    CHECK(count(data, "SELECT count(*) FROM assets") == assets);
    CHECK(count(data, "SELECT coalesce(max(seq), 0) FROM assets") == seq);

    const auto imported = runSyncserver({"import-assets", "--data", data, file.string(), "--as", "morgan"}, dir.path);
    INFO(imported.out << imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::Contains(std::to_string(good) + " assets added and 0 updated, recorded as morgan"));
    CHECK(count(data, "SELECT count(*) FROM assets") == assets + good);

    const auto again = runSyncserver({"import-assets", "--data", data, file.string()}, dir.path);
    REQUIRE(again.exitCode == 0);
    CHECK_THAT(again.out, Catch::Contains("0 new, 0 updated, " + std::to_string(good) + " unchanged"));
    CHECK(count(data, "SELECT count(*) FROM assets") == assets + good);

    // An update is kept in the asset's history as the release manager's.
    writeFile(file, "Serial,Manufacturer,Model,Category,Location\r\n" + [&] {
        Store store(rd::test::databaseFor(data));
        auto q = store.database().query("SELECT a.serial, a.make, a.model, a.category, s.code FROM assets a "
                                        "JOIN sites s ON s.id = a.site_id WHERE a.asset_tag = 'IMP-00001'");
        REQUIRE(q->step());
        const std::string elsewhere = q->text(4) == "RAU" ? "RAL - Hall" : "RAU - Library";
        return q->text(0) + "," + q->text(1) + "," + q->text(2) + "," + q->text(3) + "," + elsewhere + "\r\n";
    }());
    const auto moved = runSyncserver({"import-assets", "--data", data, file.string()}, dir.path);
    INFO(moved.out << moved.err);
    REQUIRE(moved.exitCode == 0);
    CHECK_THAT(moved.out, Catch::Contains("0 new, 1 updated"));
    CHECK(count(data, "SELECT count(*) FROM record_changes c JOIN users u ON u.id = c.changed_by "
                      "JOIN assets a ON a.id = c.record_id WHERE a.asset_tag = 'IMP-00001' AND u.name = 'morgan' "
                      "AND c.field = 'site_id'") == 1);
}

TEST_CASE("import-assets: files that are no inventory get a clear answer and exit 1", "[server][process][import]")
{
    TempDir dir;
    const auto data = (dir.path / "data").string();
    REQUIRE(runSyncserver({"seed-demo", "--data", data}, dir.path).exitCode == 0);
    const auto tryFile = [&](const std::string &bytes) {
        const auto file = dir.path / "in.csv";
        writeFile(file, bytes);
        return runSyncserver({"import-assets", "--data", data, file.string()}, dir.path);
    };
    const auto empty = tryFile("");
    CHECK(empty.exitCode == 1);
    CHECK_THAT(empty.err, Catch::Contains("The file is empty"));
    const auto xlsx = tryFile(std::string("PK\x03\x04\x14\x00\x06\x00", 8));
    CHECK(xlsx.exitCode == 1);
    CHECK_THAT(xlsx.err, Catch::Contains("save it as \"CSV (comma delimited)\""));
    const auto unknown = tryFile("Name,Phone\r\nA,1\r\n");
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("no column the import knows"));
    const auto allBad = tryFile("Serial,Manufacturer,Model,Category,Location\r\n,Dell,X,Laptop,RAU\r\n");
    CHECK(allBad.exitCode == 1);
    CHECK_THAT(allBad.out, Catch::Contains("line 2: refused: missing serial"));
    const auto missing = runSyncserver({"import-assets", "--data", data, (dir.path / "nope.csv").string()}, dir.path);
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.err, Catch::Contains("cannot open"));
    const auto byDefault = tryFile("Serial,Manufacturer,Model,Category,Location\r\nSN1,Dell,X,Laptop,RAU\r\n");
    CHECK(byDefault.exitCode == 0);
    const auto asInstaller = runSyncserver({"import-assets", "--data", data, (dir.path / "in.csv").string(), "--as", "sam"},
                                           dir.path);
    CHECK(asInstaller.exitCode == 2);
    CHECK_THAT(asInstaller.err, Catch::Contains("--as must name a release manager"));
}

TEST_CASE("export-assets writes the inventory and a period's installations; --help says how", "[server][process][export]")
{
    TempDir dir;
    const auto data = (dir.path / "data").string();
    REQUIRE(runSyncserver({"seed-demo", "--data", data}, dir.path).exitCode == 0);
    const auto file = dir.path / "inventory.csv";
    const auto inv = runSyncserver({"export-assets", "--data", data, file.string()}, dir.path);
    REQUIRE(inv.exitCode == 0);
    const auto assets = count(data, "SELECT count(*) FROM assets");
    CHECK_THAT(inv.out, Catch::Contains(std::to_string(assets) + " assets written to"));
    const auto table = io::readCsv(readFile(file));
    REQUIRE(table.error.empty());
    CHECK(static_cast<std::int64_t>(table.records.size()) == assets + 1);
    CHECK(table.records[0].fields[0] == "Asset Tag");
    // The export imports back as nothing to change.
    const auto back = runSyncserver({"import-assets", "--data", data, file.string(), "--dry-run"}, dir.path);
    CHECK_THAT(back.out, Catch::Contains("0 new, 0 updated, " + std::to_string(assets) + " unchanged"));

    const auto stdoutCsv = runSyncserver({"export-assets", "--data", data, "--installations", "--from", "2000-01-01",
                                          "--to", "2100-12-31"},
                                         dir.path);
    REQUIRE(stdoutCsv.exitCode == 0);
    const auto installs = io::readCsv(stdoutCsv.out);
    CHECK(static_cast<std::int64_t>(installs.records.size()) == count(data, "SELECT count(*) FROM installations") + 1);
    CHECK(installs.records[0].fields[12] == "Outcome");

    const auto badRange = runSyncserver({"export-assets", "--data", data, "--installations", "--from", "2026-02-01"},
                                        dir.path);
    CHECK(badRange.exitCode == 2);
    CHECK_THAT(badRange.err, Catch::Contains("--from YYYY-MM-DD and --to YYYY-MM-DD"));
    for (const char *command : {"import-assets", "export-assets"}) {
        const auto help = runSyncserver({command, "--help"}, dir.path);
        CHECK(help.exitCode == 0);
        CHECK_THAT(help.out, Catch::Contains(std::string("usage: syncserver ") + command));
    }
}
