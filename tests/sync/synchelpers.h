#pragma once

#include "demo/demodata.h"
#include "store/store.h"
#include "sync/hub.h"
#include "sync/replica.h"
#include "sync/tables.h"
#include "testdatabase.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rd::test {

constexpr Millis kNow = 1795651200000; // 2026-11-26

/** A tablet: its own store, the replica over it, and who is signed in on it. */
struct Tablet {
    std::unique_ptr<Store> store = std::make_unique<Store>(":memory:");
    sync::Replica replica{*store};
    sync::Principal who;
};

/** The server's store with the demo school, its hub, and tablets signed in to it. */
struct SyncFixture {
    Store server{test::freshDatabase()};
    sync::Hub hub{server};
    int pageSize = 200;

    SyncFixture()
    {
        seedDemo(server, kNow, [](const std::string &) { return "unused"; });
    }

    std::unique_ptr<Tablet> tablet(const std::string &userName)
    {
        auto t = std::make_unique<Tablet>();
        const auto u = server.userByName(userName);
        REQUIRE(u);
        t->who = sync::Principal{u->id, u->role, hub.sitesOf(u->id, u->role), t->store->deviceId()};
        return t;
    }

    /** Pushes the whole outbox, then pulls until the server has nothing more: a full sync. */
    void sync(Tablet &t, Millis at = kNow)
    {
        while (const auto body = t.replica.nextPushBody(50))
            t.replica.acceptPushResponse(hub.push(t.who, *body, at));
        for (int pages = 0;; ++pages) {
            REQUIRE(pages < 10000);
            if (t.replica.applyPullPage(hub.pull(t.who, t.replica.nextPullBody(pageSize))).complete)
                break;
        }
    }
};

/** The demo's 30-unit laptop rollout at the Upper School, worked by sam and jo. */
inline Release laptopRollout(Store &s)
{
    return *s.releaseByNumber("R-2026-047");
}

/** A new laptop as a technician registers it: no id yet (the tablet gives it one), no asset tag. */
inline Asset newLaptop(const Id &site, const std::string &serial)
{
    Asset a;
    a.serial = serial;
    a.make = "Dell";
    a.model = "Latitude 3440";
    a.category = "Laptop";
    a.siteId = site;
    return a;
}

inline std::vector<Asset> laptopsInStock(Store &s, int n)
{
    std::vector<Asset> out;
    auto q =
        s.database().query("SELECT id FROM assets WHERE model = 'Latitude 3440' AND status = 'in-stock' "
                           "AND id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT ?1");
    q->bind(1, n);
    std::vector<Id> ids;
    while (q->step())
        ids.push_back(q->id(0));
    for (const auto &id : ids)
        out.push_back(*s.asset(id));
    return out;
}

/** A per-seat licence of one of the laptop build's DSL items, with @p seats seats. */
inline Id laptopLicence(Store &server, int seats)
{
    const auto build = *server.buildProcedure(laptopRollout(server).buildId);
    REQUIRE_FALSE(build.dslItemIds.empty());
    const Id item = build.dslItemIds.front();
    server.database().query("UPDATE dsl_items SET licence_type = 'per-seat' WHERE id = ?1")->bindAll(item).run();
    return server.addLicence({{}, item, "Laptop suite", "AAAA-BBBB-CCCC-DDDD", seats});
}

inline std::int64_t seatsOf(Store &s, const Id &licence)
{
    auto q = s.database().query("SELECT count(*) FROM licence_assignments WHERE licence_id = ?1");
    q->bind(1, licence);
    q->step();
    return q->int64(0);
}

/** PostgreSQL: the server process of @p s's connection. */
inline std::int64_t backendPid(Store &s)
{
    return s.database().scalar("SELECT pg_backend_pid()");
}

/** PostgreSQL: whether the session of @p pid waits for a lock (another transaction holds it). */
inline bool waitsForALock(Store &watcher, std::int64_t pid)
{
    auto q = watcher.database().query("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = ?1");
    q->bind(1, pid);
    q->step();
    return q->int64(0) > 0;
}

/**
 * PostgreSQL: waits until @p other is done or its session (@p pid) waits for a lock; whether it
 * waits (then still not done). Bounded: 30 s.
 */
template <typename Future>
bool waitsForALockOrEnds(Store &watcher, std::int64_t pid, Future &other)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        if (other.wait_for(std::chrono::milliseconds(5)) == std::future_status::ready)
            return false;
        if (waitsForALock(watcher, pid))
            return true;
        REQUIRE(std::chrono::steady_clock::now() < deadline);
    }
}

/** One value as SQLite's quote() writes it, whichever engine read it. */
inline std::string quoted(const sql::Statement &q, int col)
{
    switch (q.type(col)) {
    case sql::ColumnType::Null:
        return "NULL";
    case sql::ColumnType::Integer:
        return std::to_string(q.int64(col));
    case sql::ColumnType::Real: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.15g", q.real(col));
        return buf;
    }
    case sql::ColumnType::Blob: {
        std::string out = "X'";
        static constexpr char kHex[] = "0123456789ABCDEF";
        for (unsigned char c : q.blobView(col)) {
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
        return out + "'";
    }
    case sql::ColumnType::Text:
        break;
    }
    std::string out = "'";
    for (char c : q.textView(col))
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/** Every row of a synced table, as text, without the store-local change sequence; sorted. */
inline std::vector<std::string> dump(Store &store, std::string_view table)
{
    auto &db = store.database();
    const auto cols = sync::tableColumns(db, table);
    std::string sql = "SELECT ";
    bool first = true;
    for (const auto &c : cols.names) {
        if (c == "seq")
            continue;
        sql += (first ? "" : ", ") + c;
        first = false;
    }
    sql += " FROM " + std::string(table);
    std::vector<std::string> rows;
    auto q = db.query(sql);
    while (q->step()) {
        std::string row;
        for (int i = 0; i < q->columnCount(); ++i)
            row += quoted(*q, i) + "|";
        rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

/** The rows of every synced table the tablet may see, as text. */
inline std::map<std::string, std::vector<std::string>> dumpAll(Store &store,
                                                               const std::vector<std::string> &tables)
{
    std::map<std::string, std::vector<std::string>> out;
    for (const auto &t : tables)
        out[t] = dump(store, t);
    return out;
}

/** The row ids of a tablet's table. */
inline std::int64_t count(Store &store, const std::string &sql)
{
    return store.database().scalar(sql);
}

} // namespace rd::test
