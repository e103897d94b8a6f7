#include "testdatabase.h"
#include "demo/demodata.h"
#include "store/store.h"

#include <catch2/catch.hpp>

using namespace rd;

TEST_CASE("The demo school is realistic and follows every rule", "[demo]")
{
    Store store(test::freshDatabase());
    const Millis now = 1795651200000; // 2026-11-26
    const auto summary = seedDemo(store, now, [](const std::string &pw) { return "hash:" + pw; });
    auto &db = store.database();
    CHECK(summary.sites == 2);
    CHECK(db.scalar("SELECT count(*) FROM sites") == 2);
    CHECK(db.scalar("SELECT count(*) FROM assets") == summary.assets);
    CHECK(summary.assets >= 200);
    CHECK(db.scalar("SELECT count(*) FROM build_procedures WHERE status = 'approved'") >= 3);
    CHECK(db.scalar("SELECT count(*) FROM dsl_items") == summary.dslItems);
    CHECK(db.scalar("SELECT count(*) FROM licences") == summary.licences);
    // Open releases assigned to the demo installer.
    const auto installer = store.userByName(DemoUsers::installer);
    REQUIRE(installer);
    CHECK(installer->role == Role::Installer);
    auto q = db.query("SELECT count(*) FROM releases r JOIN release_installers i ON i.release_id = r.id "
                      "WHERE i.user_id = ?1 AND r.status IN ('planned', 'in-progress')");
    q->bind(1, installer->id);
    REQUIRE(q->step());
    CHECK(q->int64(0) >= 3);
    CHECK(store.passwordHash(installer->id) == std::string("hash:") + DemoUsers::password);
    if (!db.isPostgres()) // PostgreSQL never lets a broken reference in
        CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    // A second run refuses to mix demo data into a database in use.
    CHECK_THROWS_AS(seedDemo(store, now), RuleError);
    CHECK(db.scalar("SELECT count(*) FROM sites") == 2);
}
