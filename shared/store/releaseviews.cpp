// Releases as the release manager follows them: the overview, a release's plan and its units.
#include "releaseviews.h"

#include "store.h"

#include "domain/errors.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace rd {

namespace {

/**
 * The filter's conditions on `releases` (unaliased), each only when it filters, so that the planner
 * sees a plain condition (the site's index) rather than "?1 IS NULL OR ...". Parameters ?1 to ?3.
 */
std::string overviewWhere(const ReleaseViews::Filter &filter)
{
    std::string where = " WHERE TRUE";
    if (filter.status)
        where += " AND status = ?1";
    if (filter.siteId)
        where += " AND site_id = ?2";
    if (!filter.number.empty())
        where += " AND instr(upper(number), upper(?3)) > 0";
    return where;
}

void bindFilter(sql::Statement &q, const ReleaseViews::Filter &filter)
{
    if (filter.status)
        q.bind(1, toString(*filter.status));
    if (filter.siteId)
        q.bind(2, *filter.siteId);
    if (!filter.number.empty())
        q.bind(3, filter.number);
}

/**
 * Open first, soonest first; then closed, latest first. Said once for the page and its rows (@p p:
 * "p."; @p closed: whether the release is closed, as an expression, since PostgreSQL lets an
 * ORDER BY name a column of the SELECT but not use it inside an expression).
 */
std::string overviewOrder(std::string_view p, std::string_view closed)
{
    const std::string t(p), c(closed);
    return " ORDER BY " + c + ", CASE WHEN " + c + " THEN NULL ELSE " + t + "planned_date END, " + t +
           "planned_date DESC, " + t + "number";
}

/** The display name of @p userId, or "" when the tablet does not know them. */
std::string displayName(sql::Database &db, const Id &userId)
{
    auto q = db.query("SELECT display_name FROM users WHERE id = ?1");
    q->bind(1, userId);
    return q->step() ? q->text(0) : std::string{};
}

/** How urgently a unit needs the release manager: lower first. */
int attention(const ReleaseViews::Unit &u)
{
    if (u.failing)
        return 0;
    switch (u.status) {
    case InstallationStatus::BackedOut:
        return 1;
    case InstallationStatus::InProgress:
        return 2;
    case InstallationStatus::Accepted:
        return 3;
    }
    return 3;
}

} // namespace

std::vector<ReleaseViews::Row> ReleaseViews::overview(const Filter &filter, int limit, int offset)
{
    std::vector<Row> out;
    if (limit <= 0 || offset < 0)
        return out;
    // The page's ids first, from `releases` alone (2,000 rows sort in a millisecond); then the
    // names and unit counts of those rows only. A LIMIT in a subquery of a join keeps SQLite from
    // flattening it, so the counts are not worked out for rows the page leaves out.
    const std::string sql = R"sql(
SELECT r.id, r.number, r.kind, r.release_type, r.status, s.name, b.version, si.name, r.units, r.planned_date,
       r.planned_end,
       (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status = 'accepted'),
       (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status = 'in-progress'),
       (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status = 'backed-out'
           AND NOT EXISTS (SELECT 1 FROM installations j WHERE j.release_id = r.id AND j.asset_id = i.asset_id
                                                           AND j.status <> 'backed-out'))
  FROM (SELECT id, status = 'closed' AS closed, planned_date, number FROM releases)sql" +
                            overviewWhere(filter) + overviewOrder("", "status = 'closed'") + R"sql( LIMIT ?4 OFFSET ?5) p
  JOIN releases r ON r.id = p.id
  JOIN build_procedures b ON b.id = r.build_id
  JOIN services s ON s.id = b.service_id
  JOIN sites si ON si.id = r.site_id)sql" +
                            overviewOrder("p.", "p.closed");
    auto q = m_store.database().query(sql);
    bindFilter(*q, filter);
    q->bind(4, limit).bind(5, offset);
    while (q->step()) {
        Row r;
        r.id = q->id(0);
        r.number = q->text(1);
        r.kind = parse<ReleaseKind>(q->textView(2));
        r.type = parse<ReleaseType>(q->textView(3));
        r.status = parse<ReleaseStatus>(q->textView(4));
        r.service = q->text(5);
        r.buildVersion = static_cast<int>(q->int64(6));
        r.siteName = q->text(7);
        r.units = static_cast<int>(q->int64(8));
        r.plannedDate = q->text(9);
        r.plannedEnd = q->text(10);
        r.unitsDone = static_cast<int>(q->int64(11));
        r.unitsUnderWay = static_cast<int>(q->int64(12));
        r.unitsBackedOut = static_cast<int>(q->int64(13));
        out.push_back(std::move(r));
    }
    return out;
}

ReleaseViews::Count ReleaseViews::overviewCount(const Filter &filter)
{
    auto q = m_store.database().query("SELECT count(*), count(*) FILTER (WHERE status <> 'closed') FROM releases" +
                                      overviewWhere(filter));
    bindFilter(*q, filter);
    Count c;
    if (q->step()) {
        c.releases = static_cast<int>(q->int64(0));
        c.open = static_cast<int>(q->int64(1));
    }
    return c;
}

std::vector<ReleaseViews::Unit> ReleaseViews::units(const Id &releaseId)
{
    auto &db = m_store.database();
    // Every installation of the release, each asset's backed-out ones first in the order they
    // started (a device's clock decides nothing else), then the one under way or done, if any: the
    // last one is the unit as it stands.
    std::vector<Unit> installations;
    {
        auto q = db.query(R"sql(
SELECT i.id, a.id, coalesce(a.asset_tag, ''), coalesce(a.serial, ''), a.model, coalesce(ro.name, ''), i.status,
       coalesce(u.display_name, ''), i.started_at, i.ended_at, b.version,
       (SELECT count(*) FROM build_steps bs WHERE bs.build_id = i.build_id),
       bo.performed_at, coalesce(bu.display_name, ''), coalesce(bo.reason, ''), coalesce(so.user_name, ''),
       bo.id IS NOT NULL
  FROM installations i JOIN assets a ON a.id = i.asset_id
  JOIN build_procedures b ON b.id = i.build_id
  LEFT JOIN rooms ro ON ro.id = a.room_id
  LEFT JOIN users u ON u.id = i.started_by
  LEFT JOIN backouts bo ON bo.installation_id = i.id
  LEFT JOIN users bu ON bu.id = bo.performed_by
  LEFT JOIN signoffs so ON so.installation_id = i.id
 WHERE i.release_id = ?1 ORDER BY a.id, i.status <> 'backed-out', i.started_at, coalesce(i.ended_at, 0), i.id)sql");
        q->bind(1, releaseId);
        while (q->step()) {
            Unit u;
            u.installationId = q->id(0);
            u.assetId = q->id(1);
            u.assetTag = q->text(2);
            u.serial = q->text(3);
            u.model = q->text(4);
            u.room = q->text(5);
            u.status = parse<InstallationStatus>(q->textView(6));
            u.startedBy = q->text(7);
            u.startedAt = q->int64(8);
            u.endedAt = q->optInt64(9);
            u.buildVersion = static_cast<int>(q->int64(10));
            u.stepsTotal = static_cast<int>(q->int64(11));
            if (q->int64(16) != 0)
                u.backOuts.push_back({u.installationId, q->int64(12), q->text(13), q->text(14)});
            u.acceptedBy = q->text(15);
            installations.push_back(std::move(u));
        }
    }
    std::vector<Unit> units;
    for (auto &inst : installations) {
        if (!units.empty() && units.back().assetId == inst.assetId) {
            // The same asset installed again: the earlier back-outs stay in its history.
            auto history = std::move(units.back().backOuts);
            history.insert(history.end(), inst.backOuts.begin(), inst.backOuts.end());
            inst.backOuts = std::move(history);
            units.back() = std::move(inst);
        } else {
            units.push_back(std::move(inst));
        }
    }
    // Where each checklist stands: the latest result of each line (the covering index answers this).
    auto q = db.query("SELECT step_id, outcome FROM step_results WHERE installation_id = ?1 ORDER BY recorded_at, seq");
    for (auto &u : units) {
        if (u.status == InstallationStatus::Accepted) {
            u.stepsRecorded = u.stepsTotal;
            continue;
        }
        q->reset();
        q->bind(1, u.installationId);
        std::map<Id, bool> failed; // line -> its latest result is a fail
        while (q->step())
            failed[q->id(0)] = q->textView(1) == toString(StepOutcome::Fail);
        u.stepsRecorded = static_cast<int>(failed.size());
        u.failing = u.status == InstallationStatus::InProgress &&
                    std::any_of(failed.begin(), failed.end(), [](const auto &kv) { return kv.second; });
    }
    std::stable_sort(units.begin(), units.end(), [](const Unit &a, const Unit &b) {
        const int ua = attention(a), ub = attention(b);
        if (ua != ub)
            return ua < ub;
        return a.assetTag != b.assetTag ? a.assetTag < b.assetTag : a.serial < b.serial;
    });
    return units;
}

std::optional<ReleaseViews::Plan> ReleaseViews::plan(const Id &releaseId)
{
    auto release = m_store.release(releaseId);
    if (!release)
        return std::nullopt;
    auto &db = m_store.database();
    Plan p;
    {
        auto q = db.query(R"sql(
SELECT s.id, s.name, b.version, b.hardware_model, b.back_out_plan, si.name
  FROM build_procedures b JOIN services s ON s.id = b.service_id, sites si
 WHERE b.id = ?1 AND si.id = ?2)sql");
        q->bind(1, release->buildId).bind(2, release->siteId);
        if (!q->step())
            throw NotFoundError("build procedure", release->buildId.toString());
        p.serviceId = q->id(0);
        p.service = q->text(1);
        p.buildVersion = static_cast<int>(q->int64(2));
        p.hardwareModel = q->text(3);
        p.buildBackOutPlan = q->text(4);
        p.siteName = q->text(5);
    }
    for (const auto &id : release->installers)
        p.installers.push_back(displayName(db, id));
    std::sort(p.installers.begin(), p.installers.end());
    {
        auto q = db.query("SELECT coalesce(asset_tag, serial, '') FROM assets WHERE id = ?1");
        for (const auto &id : release->targetAssets) {
            q->reset();
            q->bind(1, id);
            if (q->step())
                p.targetAssets.push_back(q->text(0));
        }
        std::sort(p.targetAssets.begin(), p.targetAssets.end());
    }
    {
        auto q = db.query("SELECT name FROM rooms WHERE id = ?1");
        for (const auto &id : release->targetRooms) {
            q->reset();
            q->bind(1, id);
            if (q->step())
                p.targetRooms.push_back(q->text(0));
        }
        std::sort(p.targetRooms.begin(), p.targetRooms.end());
    }
    p.createdBy = displayName(db, release->createdBy);
    p.release = std::move(*release);
    return p;
}

} // namespace rd
