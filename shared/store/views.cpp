// What the screens show: read-only queries over the store, one per screen where possible.
#include "views.h"

#include "rows.h"
#include "store.h"

#include "domain/errors.h"
#include "domain/photoref.h"
#include "domain/fields.h"
#include "domain/text.h"

#include <algorithm>
#include <map>
#include <set>

namespace rd {

namespace {

constexpr std::string_view kReleaseSummarySelect = R"sql(
SELECT r.id, r.number, r.kind, r.status, s.name, b.version, b.hardware_model, r.site_id, si.name, r.units,
       (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status = 'accepted'),
       (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status = 'in-progress'),
       (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status = 'backed-out'),
       r.planned_date,
       (SELECT group_concat(DISTINCT ro.name) FROM installations i
          JOIN assets a ON a.id = i.asset_id JOIN rooms ro ON ro.id = a.room_id WHERE i.release_id = r.id)
  FROM releases r
  JOIN build_procedures b ON b.id = r.build_id
  JOIN services s ON s.id = b.service_id
  JOIN sites si ON si.id = r.site_id
)sql";

Views::ReleaseSummary readReleaseSummary(const sql::Statement &q)
{
    Views::ReleaseSummary r;
    r.id = q.id(0);
    r.number = q.text(1);
    r.kind = parse<ReleaseKind>(q.textView(2));
    r.status = parse<ReleaseStatus>(q.textView(3));
    r.service = q.text(4);
    r.buildVersion = static_cast<int>(q.int64(5));
    r.hardwareModel = q.text(6);
    r.siteId = q.id(7);
    r.siteName = q.text(8);
    r.units = static_cast<int>(q.int64(9));
    r.unitsDone = static_cast<int>(q.int64(10));
    r.unitsStarted = static_cast<int>(q.int64(11));
    r.unitsBackedOut = static_cast<int>(q.int64(12));
    r.plannedDate = q.text(13);
    if (!q.isNull(14)) {
        std::string rooms = q.text(14);
        std::string spaced;
        for (char c : rooms) {
            spaced += c;
            if (c == ',')
                spaced += ' ';
        }
        r.rooms = std::move(spaced);
    }
    return r;
}

/** An asset with its site's and room's names; the query names assets `a`, sites `si`, rooms `ro`. */
const std::string kAssetRowSelect = "SELECT " + std::string(kAssetColumns) +
                                    ", si.name, coalesce(ro.name, '') FROM assets a JOIN sites si ON si.id = a.site_id "
                                    "LEFT JOIN rooms ro ON ro.id = a.room_id";

Views::AssetRow readAssetRow(const sql::Statement &q)
{
    Views::AssetRow row;
    row.asset = readAsset(q);
    row.siteName = q.text(kAssetColumnCount);
    row.room = q.text(kAssetColumnCount + 1);
    return row;
}

/**
 * A text greater than every text starting with @p prefix in byte order (SQLite's BINARY,
 * PostgreSQL's "C"): the prefix and the highest code point, U+10FFFF, itself valid UTF-8.
 */
std::string prefixEnd(std::string prefix)
{
    return prefix + "\xF4\x8F\xBF\xBF";
}

/** @p text for a LIKE pattern: its own % _ and \ are escaped, a % is added at the end. */
std::string likePrefix(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

std::string upperAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

} // namespace

std::vector<Views::ReleaseSummary> Views::openReleases(const std::optional<Id> &installer)
{
    auto q = m_store.database().query(
        std::string(kReleaseSummarySelect) +
        " WHERE (r.status = 'planned' OR r.status = 'in-progress' OR r.status = 'installed')"
        "   AND (?1 IS NULL OR EXISTS (SELECT 1 FROM release_installers ri"
        "                               WHERE ri.release_id = r.id AND ri.user_id = ?1))"
        " ORDER BY r.planned_date, r.number");
    q->bind(1, installer);
    std::vector<ReleaseSummary> out;
    while (q->step())
        out.push_back(readReleaseSummary(*q));
    return out;
}

std::optional<Views::ReleaseSummary> Views::releaseSummary(const Id &releaseId)
{
    auto q = m_store.database().query(std::string(kReleaseSummarySelect) + " WHERE r.id = ?1");
    q->bind(1, releaseId);
    if (!q->step())
        return std::nullopt;
    return readReleaseSummary(*q);
}

std::vector<Views::Unit> Views::releaseUnits(const Id &releaseId)
{
    auto &db = m_store.database();
    int stepsTotal = 0;
    {
        auto q = db.query("SELECT count(*) FROM build_steps bs JOIN releases r ON r.build_id = bs.build_id "
                          "WHERE r.id = ?1");
        q->bind(1, releaseId);
        if (q->step())
            stepsTotal = static_cast<int>(q->int64(0));
    }
    std::vector<Unit> units;
    {
        auto q = db.query(R"sql(
SELECT i.id, a.id, coalesce(a.asset_tag, ''), coalesce(a.serial, ''), a.model, coalesce(ro.name, ''),
       i.status, coalesce(u.display_name, ''), i.started_at
  FROM installations i JOIN assets a ON a.id = i.asset_id
  LEFT JOIN rooms ro ON ro.id = a.room_id LEFT JOIN users u ON u.id = i.started_by
 WHERE i.release_id = ?1 ORDER BY i.started_at, a.asset_tag)sql");
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
            u.stepsTotal = stepsTotal;
            units.push_back(std::move(u));
        }
    }
    // The latest result of each line, per installation (the covering index answers this).
    auto q = db.query("SELECT step_id, outcome FROM step_results WHERE installation_id = ?1 "
                      "ORDER BY recorded_at, seq");
    for (auto &u : units) {
        q->reset();
        q->bind(1, u.installationId);
        std::map<Id, bool> failed; // step -> latest is a fail
        while (q->step())
            failed[q->id(0)] = q->textView(1) == toString(StepOutcome::Fail);
        u.stepsRecorded = static_cast<int>(failed.size());
        u.failing = std::any_of(failed.begin(), failed.end(), [](const auto &kv) { return kv.second; });
    }
    return units;
}

std::optional<Views::BuildDetails> Views::buildDetails(const Id &buildId)
{
    auto build = m_store.buildProcedure(buildId);
    if (!build)
        return std::nullopt;
    BuildDetails d;
    auto &db = m_store.database();
    {
        auto q = db.query("SELECT name FROM services WHERE id = ?1");
        q->bind(1, build->serviceId);
        if (q->step())
            d.service = q->text(0);
    }
    d.software = buildSoftware(buildId);
    d.build = std::move(*build);
    return d;
}

std::vector<DslItem> Views::buildSoftware(const Id &buildId)
{
    std::vector<DslItem> out;
    auto q = m_store.database().query(
        "SELECT d.id, d.product, d.version, d.vendor, d.media_kind, d.media_location, d.build_sha256, "
        "d.licence_type FROM build_items bi JOIN dsl_items d ON d.id = bi.dsl_item_id WHERE bi.build_id = ?1 "
        "ORDER BY d.product, d.version");
    q->bind(1, buildId);
    while (q->step()) {
        DslItem item;
        item.id = q->id(0);
        item.product = q->text(1);
        item.version = q->text(2);
        item.vendor = q->text(3);
        item.mediaKind = parse<MediaKind>(q->textView(4));
        item.mediaLocation = q->text(5);
        item.buildSha256 = q->text(6);
        item.licenceType = parse<LicenceType>(q->textView(7));
        out.push_back(std::move(item));
    }
    return out;
}

std::string Views::backOutPlan(const Id &releaseId)
{
    auto q = m_store.database().query(
        "SELECT CASE WHEN r.back_out_plan <> '' THEN r.back_out_plan ELSE b.back_out_plan END "
        "FROM releases r JOIN build_procedures b ON b.id = r.build_id WHERE r.id = ?1");
    q->bind(1, releaseId);
    return q->step() ? q->text(0) : std::string{};
}

int Views::openConflictCount()
{
    return static_cast<int>(m_store.database().scalar("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL"));
}

std::vector<Views::AssetRow> Views::searchAssets(std::string_view text, int limit, int offset)
{
    std::vector<AssetRow> out;
    if (limit <= 0 || offset < 0)
        return out;
    auto &db = m_store.database();
    std::string typed;
    try {
        typed = checked(fields::search, text);
    } catch (const ValidationError &) {
        return out; // longer than any serial or tag, or control characters: nothing matches
    }
    const int wanted = limit + offset;
    std::set<Id> seen;
    int skipped = 0;
    auto collect = [&](sql::Statement &q) {
        while (static_cast<int>(out.size()) < limit && q.step()) {
            AssetRow row = readAssetRow(q);
            if (!seen.insert(row.asset.id).second)
                continue;
            if (skipped < offset) {
                ++skipped;
                continue;
            }
            out.push_back(std::move(row));
        }
    };

    if (typed.empty()) {
        auto q = db.query(kAssetRowSelect + " ORDER BY a.asset_tag LIMIT ?1 OFFSET ?2");
        q->bind(1, limit).bind(2, offset);
        skipped = offset; // the query skipped them already
        collect(*q);
        return out;
    }
    // Serials, compared normalised, then asset tags as typed and upper-cased: both by index range.
    const std::string serial = normaliseSerial(typed);
    if (!serial.empty()) {
        auto q = db.query(kAssetRowSelect +
                          " WHERE a.serial_norm >= ?1 AND a.serial_norm < ?2 ORDER BY a.serial_norm LIMIT ?3");
        q->bind(1, serial).bind(2, prefixEnd(serial)).bind(3, wanted);
        collect(*q);
    }
    std::vector<std::string> tags{typed};
    if (upperAscii(typed) != typed)
        tags.push_back(upperAscii(typed));
    for (const auto &tag : tags) {
        if (static_cast<int>(out.size()) >= limit)
            break;
        auto q = db.query(kAssetRowSelect +
                          " WHERE a.asset_tag >= ?1 AND a.asset_tag < ?2 ORDER BY a.asset_tag LIMIT ?3");
        q->bind(1, tag).bind(2, prefixEnd(tag)).bind(3, wanted);
        collect(*q);
    }
    if (static_cast<int>(out.size()) < limit) {
        // CROSS JOIN keeps rooms first (a few dozen, matched by name), then assets by their place
        // index; left to itself the planner scans every asset (20 ms at 100,000).
        auto q = db.query("SELECT " + std::string(kAssetColumns) + ", si.name, ro.name" + R"sql(
  FROM rooms ro CROSS JOIN assets a ON a.site_id = ro.site_id AND a.room_id = ro.id JOIN sites si ON si.id = a.site_id
 WHERE ro.name LIKE ?1 ESCAPE '\' ORDER BY ro.name, a.asset_tag LIMIT ?2)sql");
        q->bind(1, likePrefix(typed)).bind(2, wanted);
        collect(*q);
    }
    return out;
}

std::optional<Views::AssetRow> Views::assetRow(const Id &assetId)
{
    auto q = m_store.database().query(kAssetRowSelect + " WHERE a.id = ?1");
    q->bind(1, assetId);
    if (!q->step())
        return std::nullopt;
    return readAssetRow(*q);
}

std::vector<Views::HistoryEntry> Views::assetHistory(const Id &assetId)
{
    auto &db = m_store.database();
    std::vector<HistoryEntry> out;
    struct Inst {
        Id id;
        std::string release;
    };
    std::vector<Inst> installations;
    {
        auto q = db.query(R"sql(
SELECT i.id, r.number, i.status, i.started_at, coalesce(u.display_name, ''), i.ended_at
  FROM installations i JOIN releases r ON r.id = i.release_id LEFT JOIN users u ON u.id = i.started_by
 WHERE i.asset_id = ?1)sql");
        q->bind(1, assetId);
        while (q->step()) {
            installations.push_back({q->id(0), q->text(1)});
            out.push_back({q->int64(3), q->text(1), q->id(0), "Installation started", q->text(4), {}});
        }
    }
    for (const auto &inst : installations) {
        {
            auto q = db.query(R"sql(
SELECT sr.recorded_at, sr.outcome, bs.title, coalesce(sr.note, ''), coalesce(sr.evidence, ''),
       coalesce(u.display_name, '')
  FROM step_results sr JOIN build_steps bs ON bs.id = sr.step_id LEFT JOIN users u ON u.id = sr.recorded_by
 WHERE sr.installation_id = ?1)sql");
            q->bind(1, inst.id);
            while (q->step()) {
                const auto outcome = parse<StepOutcome>(q->textView(1));
                std::string what = outcome == StepOutcome::Pass   ? "Pass: "
                                   : outcome == StepOutcome::Fail ? "Fail: "
                                                                  : "Not applicable: ";
                what += q->textView(2);
                std::string detail = q->text(3);
                std::string photo;
                if (photoSha256(q->textView(4)))
                    photo = q->text(4);
                if (!photo.empty())
                    detail += (detail.empty() ? "" : " · ") + std::string("photo");
                else if (!q->textView(4).empty())
                    detail += (detail.empty() ? "" : " · ") + std::string("scanned ") + q->text(4);
                out.push_back({q->int64(0), inst.release, inst.id, std::move(what), q->text(5), std::move(detail),
                               std::move(photo)});
            }
        }
        {
            auto q = db.query("SELECT s.signed_at, s.user_name, coalesce(u.display_name, '') FROM signoffs s "
                              "LEFT JOIN users u ON u.id = s.recorded_by WHERE s.installation_id = ?1");
            q->bind(1, inst.id);
            while (q->step())
                out.push_back({q->int64(0), inst.release, inst.id, "Accepted by " + q->text(1), q->text(2), {}});
        }
        {
            auto q = db.query("SELECT b.performed_at, b.reason, coalesce(u.display_name, '') FROM backouts b "
                              "LEFT JOIN users u ON u.id = b.performed_by WHERE b.installation_id = ?1");
            q->bind(1, inst.id);
            while (q->step())
                out.push_back({q->int64(0), inst.release, inst.id, "Backed out", q->text(2), q->text(1)});
        }
    }
    {
        // Labels taken on an installer's word against the scan rules.
        auto q = db.query(R"sql(
SELECT o.recorded_at, o.field, o.value, o.reason, o.refusal, coalesce(u.display_name, ''), coalesce(r.number, ''),
       o.installation_id
  FROM scan_overrides o LEFT JOIN users u ON u.id = o.recorded_by
  LEFT JOIN installations i ON i.id = o.installation_id LEFT JOIN releases r ON r.id = i.release_id
 WHERE o.asset_id = ?1)sql");
        q->bind(1, assetId);
        while (q->step()) {
            const std::string field = q->text(1) == "serial" ? "Serial" : "Asset tag";
            out.push_back({q->int64(0), q->text(6), q->optId(7).value_or(Id()),
                           field + " " + q->text(2) + " used despite the check",
                           q->text(5), q->text(3) + " (the check said: " + q->text(4) + ")"});
        }
    }
    {
        // Room audits (issue 12): found where it belongs, missing from it, or scanned in another room.
        auto q = db.query(R"sql(
SELECT a.finished_at, l.outcome, coalesce(r.name, ''), coalesce(u.display_name, ''), l.scanned
  FROM room_audit_lines l JOIN room_audits a ON a.id = l.audit_id LEFT JOIN rooms r ON r.id = a.room_id
  LEFT JOIN users u ON u.id = a.audited_by
 WHERE l.asset_id = ?1)sql");
        q->bind(1, assetId);
        while (q->step()) {
            const auto outcome = parse<AuditOutcome>(q->textView(1));
            const std::string room = q->text(2);
            std::string what = outcome == AuditOutcome::Found     ? "Audited in " + room + ": found"
                               : outcome == AuditOutcome::Missing ? "Audited in " + room + ": missing"
                                                                  : "Audited in " + room + ": found there, registered elsewhere";
            out.push_back({q->int64(0), {}, Id(), std::move(what), q->text(3),
                           q->textView(4).empty() ? std::string() : "scanned " + q->text(4)});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.at > b.at; });
    return out;
}

std::optional<Id> Views::installationOf(const Id &releaseId, const Id &assetId)
{
    auto q = m_store.database().query(
        "SELECT id FROM installations WHERE release_id = ?1 AND asset_id = ?2 AND status = 'in-progress'");
    q->bind(1, releaseId).bind(2, assetId);
    if (!q->step())
        return std::nullopt;
    return q->id(0);
}

std::string Views::roomName(const Id &roomId)
{
    auto q = m_store.database().query("SELECT name FROM rooms WHERE id = ?1");
    q->bind(1, roomId);
    return q->step() ? q->text(0) : std::string{};
}

std::string Views::categoryOfModel(std::string_view model)
{
    auto q = m_store.database().query("SELECT category FROM assets WHERE model = ?1 LIMIT 1");
    q->bind(1, model);
    return q->step() ? q->text(0) : std::string{};
}

std::string Views::userDisplayName(const Id &userId)
{
    auto q = m_store.database().query("SELECT display_name FROM users WHERE id = ?1");
    q->bind(1, userId);
    return q->step() ? q->text(0) : std::string{};
}

} // namespace rd
