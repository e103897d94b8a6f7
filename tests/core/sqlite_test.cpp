#include "store/database.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace rd;
using namespace rd::sql;

namespace {

std::int64_t rows(Database &db)
{
    return db.scalar("SELECT count(*) FROM t");
}

} // namespace

TEST_CASE("A transaction rolls back unless committed", "[sqlite][sqlite-only]")
{
    Database db(":memory:");
    db.exec("CREATE TABLE t (v INTEGER NOT NULL)");
    {
        Transaction tx(db);
        db.query("INSERT INTO t(v) VALUES (?1)")->bindAll(1).run();
        CHECK(rows(db) == 1);
    } // no commit
    CHECK(rows(db) == 0);
    CHECK_FALSE(db.inTransaction());
    {
        Transaction tx(db);
        db.query("INSERT INTO t(v) VALUES (?1)")->bindAll(2).run();
        tx.commit();
    }
    CHECK(rows(db) == 1);
}

TEST_CASE("A savepoint undoes only its own part of a transaction", "[sqlite][sqlite-only]")
{
    Database db(":memory:");
    db.exec("CREATE TABLE t (v INTEGER NOT NULL)");
    Transaction tx(db);
    db.query("INSERT INTO t(v) VALUES (1)")->run();
    {
        Savepoint sp(db);
        db.query("INSERT INTO t(v) VALUES (2)")->run();
    }
    {
        Savepoint sp(db);
        db.query("INSERT INTO t(v) VALUES (3)")->run();
        sp.commit();
    }
    tx.commit();
    auto q = db.query("SELECT group_concat(v, ',') FROM (SELECT v FROM t ORDER BY v)");
    REQUIRE(q->step());
    CHECK(q->text(0) == "1,3");
}

TEST_CASE("Statements are prepared once and reused, reset after each use", "[sqlite][sqlite-only]")
{
    Database db(":memory:");
    db.exec("CREATE TABLE t (v INTEGER NOT NULL)");
    Statement *first = nullptr;
    {
        auto q = db.query("INSERT INTO t(v) VALUES (?1)");
        first = &*q;
        q->bind(1, 7).run();
    }
    {
        auto q = db.query("INSERT INTO t(v) VALUES (?1)");
        CHECK(&*q == first);
        q->bind(1, 8).run();
    }
    CHECK(rows(db) == 2);
}

TEST_CASE("SQLite errors carry the statement and the result code", "[sqlite][sqlite-only][bad-input]")
{
    Database db(":memory:");
    db.exec("CREATE TABLE t (v INTEGER NOT NULL UNIQUE)");
    db.query("INSERT INTO t(v) VALUES (1)")->run();
    try {
        db.query("INSERT INTO t(v) VALUES (1)")->run();
        FAIL("duplicate accepted");
    } catch (const StoreError &e) {
        CHECK(isConstraint(e));
        CHECK(std::string(e.what()).find("INSERT INTO t(v) VALUES (1)") != std::string::npos);
        CHECK(std::string(e.what()).find("UNIQUE constraint failed") != std::string::npos);
    }
    CHECK_THROWS_AS(db.query("SELEC nonsense"), StoreError);
    CHECK_THROWS_AS(Database("/nonexistent-dir/for/sure/x.db"), StoreError);
}

TEST_CASE("A database file is opened in WAL mode with foreign keys enforced", "[sqlite][sqlite-only]")
{
    const auto path =
        (std::filesystem::temp_directory_path() / ("rd_sqlite_" + Id::generate().toString() + ".db"))
            .string();
    {
        Database db(path);
        auto q = db.query("PRAGMA journal_mode");
        REQUIRE(q->step());
        CHECK(q->text(0) == "wal");
        CHECK(db.scalar("PRAGMA foreign_keys") == 1);
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
}
