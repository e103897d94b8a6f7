#include "synceddata.h"

#include "sync/tables.h"

#include <algorithm>
#include <iterator>

namespace {

/** Which rows of a table a tablet whose user works at the sites in @p s holds (as the protocol scopes them).
 */
std::string scopeOf(const std::string &table, const std::string &s)
{
    const std::string releases = "SELECT id FROM releases WHERE site_id IN " + s;
    const std::string installations =
        "SELECT i.id FROM installations i JOIN releases r ON r.id = i.release_id WHERE r.site_id IN " + s;
    if (table == "assets" || table == "releases" || table == "room_audits")
        return "site_id IN " + s;
    if (table == "room_audit_lines")
        return "audit_id IN (SELECT id FROM room_audits WHERE site_id IN " + s + ")";
    if (table == "licence_assignments" || table == "scan_overrides")
        return "asset_id IN (SELECT id FROM assets WHERE site_id IN " + s + ")";
    if (table == "release_installers" || table == "installations")
        return "release_id IN (" + releases + ")";
    if (table == "step_results" || table == "signoffs" || table == "backouts")
        return "installation_id IN (" + installations + ")";
    return {};
}

std::string blobLiteral(const rd::Id &id)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "X'";
    for (auto b : id.bytes()) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out + "'";
}

} // namespace

const std::vector<std::string> &SyncedData::tables()
{
    // Every table the sync carries, as the core lists them.
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto &t : rd::sync::syncedTables())
            out.emplace_back(t.name);
        return out;
    }();
    return names;
}

std::unique_ptr<rd::sql::Database> SyncedData::openReadOnly(const QString &path)
{
    auto db = std::make_unique<rd::sql::Database>(path.toStdString());
    db->exec("PRAGMA query_only = ON");
    return db;
}

std::vector<std::string> SyncedData::rows(rd::sql::Database &db, const std::string &table,
                                          const std::vector<rd::Id> &sites)
{
    std::vector<std::string> columns;
    {
        auto q = db.query("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
        q->bindAll(table);
        while (q->step()) {
            auto name = q->text(0);
            // Not the server's own columns, nor the office's (an installer's tablet holds "" for a
            // licence key: library_sync_test checks those).
            if (name != "seq" && !rd::sync::isPrivateColumn(table, name) && !rd::sync::isOfficeColumn(table, name))
                columns.push_back(std::move(name));
        }
    }
    if (columns.empty())
        throw rd::StoreError("table " + table + " is missing from " + db.path(), 0);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < columns.size(); ++i)
        sql += (i ? " || '|' || " : "") + ("quote(" + columns[i] + ")");
    sql += " FROM " + table;
    if (!sites.empty()) {
        std::string set = "(";
        for (std::size_t i = 0; i < sites.size(); ++i)
            set += (i ? "," : "") + blobLiteral(sites[i]);
        set += ")";
        if (const auto where = scopeOf(table, set); !where.empty())
            sql += " WHERE " + where;
    }
    std::vector<std::string> out;
    auto q = db.query(sql);
    while (q->step())
        out.push_back(q->text(0));
    std::sort(out.begin(), out.end());
    return out;
}

QString SyncedData::compare(rd::sql::Database &a, const QString &aName, rd::sql::Database &b,
                            const QString &bName, const std::vector<rd::Id> &sites)
{
    QString report;
    for (const auto &table : tables()) {
        const auto ra = rows(a, table, sites);
        const auto rb = rows(b, table, sites);
        if (ra == rb)
            continue;
        std::vector<std::string> onlyA, onlyB;
        std::set_difference(ra.begin(), ra.end(), rb.begin(), rb.end(), std::back_inserter(onlyA));
        std::set_difference(rb.begin(), rb.end(), ra.begin(), ra.end(), std::back_inserter(onlyB));
        report += QStringLiteral("%1: %2 has %3 rows, %4 has %5 (%6 only in %2, %7 only in %4)\n")
                      .arg(QString::fromStdString(table), aName)
                      .arg(ra.size())
                      .arg(bName)
                      .arg(rb.size())
                      .arg(onlyA.size())
                      .arg(onlyB.size());
        for (std::size_t i = 0; i < std::min<std::size_t>(3, onlyA.size()); ++i)
            report += QStringLiteral("  only in %1: %2\n").arg(aName, QString::fromStdString(onlyA[i]));
        for (std::size_t i = 0; i < std::min<std::size_t>(3, onlyB.size()); ++i)
            report += QStringLiteral("  only in %1: %2\n").arg(bName, QString::fromStdString(onlyB[i]));
    }
    return report;
}

std::vector<rd::Id> SyncedData::sitesOf(rd::sql::Database &db, const std::string &userName)
{
    auto q =
        db.query("SELECT us.site_id FROM user_sites us JOIN users u ON u.id = us.user_id WHERE u.name = ?1 "
                 "ORDER BY us.site_id");
    q->bindAll(userName);
    std::vector<rd::Id> out;
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

std::int64_t SyncedData::count(rd::sql::Database &db, const std::string &sql)
{
    return db.scalar(sql);
}
