#include "store/migrations.h"
#include "store/database.h"
#include "store/store.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

using namespace rd;

namespace {

struct TempDb {
    std::string path =
        (std::filesystem::temp_directory_path() / ("rd_migrations_" + Id::generate().toString() + ".db"))
            .string();
    ~TempDb()
    {
        for (const char *suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    }
};

} // namespace

TEST_CASE("Every migration applies in order from an empty database", "[migrations][sqlite-only]")
{
    sql::Database db(":memory:");
    CHECK(db.scalar("PRAGMA user_version") == 0);
    int previous = 0;
    for (const auto &m : migrations()) {
        CHECK(m.version == previous + 1);
        migrate(db, m.version);
        CHECK(db.scalar("PRAGMA user_version") == m.version);
        CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
        auto q = db.query("PRAGMA integrity_check");
        REQUIRE(q->step());
        CHECK(q->text(0) == "ok");
        previous = m.version;
    }
    CHECK(previous == schemaVersion());
    // Running it again changes nothing.
    migrate(db);
    CHECK(db.scalar("PRAGMA user_version") == schemaVersion());
}

TEST_CASE("The schema indexes what screens and the sync filter on", "[migrations][sqlite-only]")
{
    sql::Database db(":memory:");
    migrate(db);
    auto plan = [&](const std::string &sql) {
        std::string out;
        auto q = db.query("EXPLAIN QUERY PLAN " + sql);
        while (q->step())
            out += q->text(3) + "\n";
        return out;
    };
    CHECK_THAT(plan("SELECT id FROM assets WHERE serial_norm = 'X'"),
               Catch::Contains("USING INDEX assets_serial"));
    CHECK_THAT(plan("SELECT id FROM assets WHERE asset_tag = 'X'"), Catch::Contains("USING INDEX"));
    CHECK_THAT(plan("SELECT id FROM step_results WHERE installation_id = x'00'"),
               Catch::Contains("INDEX step_results_installation"));
    CHECK_THAT(plan("SELECT id FROM installations WHERE release_id = x'00'"), Catch::Contains("USING"));
    CHECK_THAT(plan("SELECT id FROM scan_overrides WHERE asset_id = x'00' ORDER BY recorded_at"),
               Catch::Contains("INDEX scan_overrides_asset"));
    for (const char *table :
         {"assets", "step_results", "installations", "releases", "build_procedures", "scan_overrides"})
        CHECK_THAT(plan(std::string("SELECT * FROM ") + table + " WHERE seq > 5"),
                   Catch::Contains(std::string("INDEX ") + table + "_seq"));
}

TEST_CASE("A database newer than the program is refused and left unchanged", "[migrations][sqlite-only][bad-input]")
{
    TempDb tmp;
    {
        Store store(tmp.path);
        store.database().exec("PRAGMA user_version = " + std::to_string(schemaVersion() + 1));
    }
    const auto sizeBefore = std::filesystem::file_size(tmp.path);
    try {
        Store again(tmp.path);
        FAIL("a newer database was opened");
    } catch (const StoreError &e) {
        CHECK_THAT(e.what(), Catch::Contains("written by a newer Release Desk"));
        CHECK_THAT(e.what(), Catch::Contains("schema version " + std::to_string(schemaVersion() + 1)));
    }
    sql::Database raw(tmp.path);
    CHECK(raw.scalar("PRAGMA user_version") == schemaVersion() + 1);
    CHECK(std::filesystem::file_size(tmp.path) == sizeBefore);
}

TEST_CASE("A store keeps its device id and data across reopening", "[migrations][sqlite-only]")
{
    TempDb tmp;
    Id device;
    {
        Store store(tmp.path);
        device = store.deviceId();
        store.addSite({{}, "Upper School", "UPS", ""});
    }
    Store again(tmp.path);
    CHECK(again.deviceId() == device);
    CHECK(again.sites().size() == 1);
}

TEST_CASE("A version 2 database is upgraded to version 3 with its data and outbox kept", "[migrations][sqlite-only]")
{
    TempDb tmp;
    Id site, user, asset;
    const Id device = Id::generate();
    {
        // A tablet's database as the previous release wrote it: schema version 2, a record, a
        // change waiting in the outbox, and the pull cursor.
        sql::Database db(tmp.path);
        migrate(db, 2);
        REQUIRE(db.scalar("PRAGMA user_version") == 2);
        site = Id::generate();
        user = Id::generate();
        asset = Id::generate();
        db.exec("INSERT INTO meta(key, value) VALUES ('last_seq', '3'), ('sync.pull_cursor', '1200')");
        db.query("INSERT INTO meta(key, value) VALUES ('device_id', ?1)")->bindAll(device.toString()).run();
        db.query("INSERT INTO sites(id, name, code, seq) VALUES (?1, 'Upper School', 'UPS', 1)")
            ->bindAll(site)
            .run();
        db.query("INSERT INTO users(id, name, display_name, role, seq) VALUES (?1, 'sam', 'Sam', 'installer', 2)")
            ->bindAll(user)
            .run();
        db.query("INSERT INTO assets(id, serial, serial_norm, make, make_key, model, category, site_id, status, "
                 "seq) VALUES (?1, '5cg-1234', '5CG1234', 'Dell', 'DELL', 'Latitude', 'Laptop', ?2, 'in-stock', 3)")
            ->bindAll(asset, site)
            .run();
        db.exec("INSERT INTO outbox(kind, payload, created_at) VALUES ('addAsset', '{}', 1)");
        CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'scan_overrides'") == 0);
    }
    Store store(tmp.path); // migrates to the newest version
    auto &db = store.database();
    CHECK(db.scalar("PRAGMA user_version") == schemaVersion());
    CHECK(schemaVersion() >= 3);
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'scan_overrides'") == 1);
    CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    // Everything the version 2 database held is still there, unchanged.
    CHECK(store.deviceId() == device);
    CHECK(store.lastSeq() == 3);
    CHECK(store.meta("sync.pull_cursor") == "1200");
    REQUIRE(store.asset(asset));
    CHECK(store.asset(asset)->serial == "5cg-1234");
    CHECK(store.findAssetsBySerial("5CG 1234").size() == 1);
    CHECK(store.user(user)->name == "sam");
    CHECK(db.scalar("SELECT count(*) FROM outbox WHERE kind = 'addAsset'") == 1);
    // The new table works on the upgraded database, and continues the change sequence.
    const Id o = store.recordScanOverride(
        {{}, asset, std::nullopt, "serial", "5012345678900", "a product code", "serials are 13 digits", user, 10});
    CHECK(store.scanOverrides(asset).size() == 1);
    CHECK(store.changesSince(3, 10).size() == 1);
    CHECK(store.changesSince(3, 10).front().key == o);
    CHECK(store.lastSeq() == 4);
}

TEST_CASE("A version 3 database is upgraded to 5: its outbox becomes the tablet's own device's, numbers kept, and "
          "installations keep their build",
          "[migrations][sqlite-only]")
{
    TempDb tmp;
    const Id device = Id::generate();
    const Id site = Id::generate(), user = Id::generate(), service = Id::generate(), build = Id::generate(),
             release = Id::generate(), asset = Id::generate(), installation = Id::generate();
    {
        sql::Database db(tmp.path);
        migrate(db, 3);
        db.query("INSERT INTO meta(key, value) VALUES ('device_id', ?1), ('last_seq', '9')")
            ->bindAll(device.toString())
            .run();
        db.query("INSERT INTO sites(id, name, code, seq) VALUES (?1, 'Upper', 'UPS', 1)")->bindAll(site).run();
        db.query("INSERT INTO users(id, name, display_name, role, seq) VALUES (?1, 'sam', 'Sam', 'installer', 2)")
            ->bindAll(user)
            .run();
        db.query("INSERT INTO services(id, name, created_at, seq) VALUES (?1, 'Laptop', 0, 3)")->bindAll(service).run();
        db.query("INSERT INTO build_procedures(id, service_id, version, status, created_by, created_at, seq) "
                 "VALUES (?1, ?2, 1, 'approved', ?3, 0, 4)")
            ->bindAll(build, service, user)
            .run();
        db.query("INSERT INTO releases(id, number, kind, units, trigger_kind, build_id, site_id, planned_date, status, "
                 "created_by, created_at, seq) VALUES (?1, 'R-1', 'single', 1, 'none', ?2, ?3, '2026-01-01', "
                 "'in-progress', ?4, 0, 5)")
            ->bindAll(release, build, site, user)
            .run();
        db.query("INSERT INTO assets(id, make, make_key, model, category, site_id, status, seq) "
                 "VALUES (?1, 'Dell', 'DELL', 'L', 'Laptop', ?2, 'in-stock', 6)")
            ->bindAll(asset, site)
            .run();
        db.query("INSERT INTO installations(id, release_id, asset_id, status, started_by, started_at, seq) "
                 "VALUES (?1, ?2, ?3, 'in-progress', ?4, 0, 7)")
            ->bindAll(installation, release, asset, user)
            .run();
        // The outbox as version 3 numbered it: its last entries waiting, numbers 5 and 6.
        for (int seq : {5, 6})
            db.query("INSERT INTO outbox(seq, kind, payload, created_at) VALUES (?1, 'setAssetFields', '{}', 1)")
                ->bindAll(seq)
                .run();
    }
    Store store(tmp.path);
    auto &db = store.database();
    CHECK(db.scalar("PRAGMA user_version") == schemaVersion());
    CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(db.scalar("PRAGMA foreign_keys") == 1); // back on after the tables were rebuilt
    CHECK(db.scalar("SELECT count(*) FROM outbox WHERE device_id = '" + device.toString() + "' AND acked_at IS NULL") == 2);
    CHECK(db.scalar("SELECT min(seq) FROM outbox") == 5);
    CHECK(db.scalar("SELECT last_seq FROM outbox_devices WHERE device_id = '" + device.toString() + "'") == 6);
    REQUIRE(store.installation(installation));
    CHECK(store.installation(installation)->buildId == build);
    CHECK(store.buildProcedure(build)->status == BuildStatus::Approved);
    CHECK(store.buildProcedure(build)->revision == 1);
    CHECK(store.release(release)->type == ReleaseType::Minor);
    // The one-unit-per-asset rule now spares units backed out.
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'installations_unit'") == 1);
    CHECK(store.lastSeq() == 9);
}
