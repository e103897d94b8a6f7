#include "roomaudit.h"

#include "store.h"

#include "domain/errors.h"
#include "domain/text.h"
#include "scan/label.h"

#include <algorithm>

namespace rd {

RoomAuditTally::RoomAuditTally(const Room &room, std::vector<Asset> expected)
    : m_room(room)
    , m_expected(static_cast<int>(expected.size()))
{
    m_lines.reserve(expected.size());
    for (auto &a : expected)
        m_lines.push_back({std::move(a), {}, AuditOutcome::Missing});
}

std::string auditScanText(std::string_view scanned)
{
    std::string out = scan::readLabel(scanned).data;
    for (auto &c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    if (out.size() > 64) {
        std::size_t cut = 64;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut; // not inside a UTF-8 character
        out.resize(cut);
    }
    return out;
}

std::optional<std::size_t> RoomAuditTally::scan(std::string value, const std::optional<Asset> &asset)
{
    ++m_scans;
    value = auditScanText(value);
    if (value.empty())
        return std::nullopt; // a symbology identifier alone: nothing read
    if (asset) {
        for (std::size_t i = 0; i < m_lines.size(); ++i) {
            auto &line = m_lines[i];
            if (!line.asset || line.asset->id != asset->id)
                continue;
            if (line.outcome != AuditOutcome::Missing)
                return std::nullopt; // scanned already
            line.outcome = AuditOutcome::Found;
            line.scanned = std::move(value);
            return i;
        }
        m_lines.push_back({asset, std::move(value), AuditOutcome::Elsewhere});
        return m_lines.size() - 1;
    }
    for (const auto &line : m_lines) {
        if (!line.asset && line.scanned == value)
            return std::nullopt; // the same unknown label read twice
    }
    m_lines.push_back({std::nullopt, std::move(value), AuditOutcome::Unknown});
    return m_lines.size() - 1;
}

void RoomAuditTally::movedHere(std::size_t line)
{
    if (line >= m_lines.size() || m_lines[line].outcome != AuditOutcome::Elsewhere)
        return;
    // Moved to the expected ones, found: the counts follow (expected + 1, unexpected - 1).
    Line moved = std::move(m_lines[line]);
    m_lines.erase(m_lines.begin() + static_cast<std::ptrdiff_t>(line));
    moved.outcome = AuditOutcome::Found;
    moved.asset->siteId = m_room.siteId;
    moved.asset->roomId = m_room.id;
    m_lines.insert(m_lines.begin() + m_expected, std::move(moved));
    ++m_expected;
}

void RoomAuditTally::added(std::size_t line, const Asset &asset)
{
    if (line >= m_lines.size() || m_lines[line].outcome != AuditOutcome::Unknown)
        return;
    Line moved = std::move(m_lines[line]);
    m_lines.erase(m_lines.begin() + static_cast<std::ptrdiff_t>(line));
    moved.asset = asset;
    moved.outcome = AuditOutcome::Found;
    m_lines.insert(m_lines.begin() + m_expected, std::move(moved));
    ++m_expected;
}

void RoomAuditTally::update(const Asset &asset)
{
    for (auto &line : m_lines) {
        if (line.asset && line.asset->id == asset.id)
            line.asset = asset;
    }
}

int RoomAuditTally::found() const noexcept
{
    return static_cast<int>(std::count_if(m_lines.begin(), m_lines.begin() + m_expected,
                                          [](const Line &l) { return l.outcome == AuditOutcome::Found; }));
}

RoomAudit RoomAuditTally::record(const Id &auditedBy, Millis startedAt, Millis finishedAt) const
{
    RoomAudit audit;
    audit.siteId = m_room.siteId;
    audit.roomId = m_room.id;
    audit.auditedBy = auditedBy;
    audit.startedAt = startedAt;
    audit.finishedAt = finishedAt;
    int position = 0;
    for (const auto &line : m_lines)
        audit.lines.push_back({++position, line.asset ? std::optional<Id>(line.asset->id) : std::nullopt,
                               line.scanned, line.outcome});
    countAuditLines(audit);
    return audit;
}

void countAuditLines(RoomAudit &audit) noexcept
{
    audit.found = audit.missing = audit.unexpected = 0;
    for (const auto &line : audit.lines) {
        switch (line.outcome) {
        case AuditOutcome::Found:
            ++audit.found;
            break;
        case AuditOutcome::Missing:
            ++audit.missing;
            break;
        case AuditOutcome::Elsewhere:
        case AuditOutcome::Unknown:
            ++audit.unexpected;
            break;
        }
    }
    audit.expected = audit.found + audit.missing;
}

std::vector<Asset> assetsExpectedIn(Store &store, const Id &roomId)
{
    std::vector<Id> ids;
    {
        auto q = store.database().query(
            "SELECT id FROM assets WHERE room_id = ?1 AND status <> 'on-order' AND status <> 'retired' AND "
            "status <> 'disposed' ORDER BY asset_tag IS NULL, asset_tag, serial");
        q->bind(1, roomId);
        while (q->step())
            ids.push_back(q->id(0));
    }
    std::vector<Asset> out;
    out.reserve(ids.size());
    for (const auto &id : ids)
        out.push_back(*store.asset(id));
    return out;
}

std::optional<Asset> findAuditedAsset(Store &store, std::string_view scanned)
{
    const auto label = scan::readLabel(scanned);
    if (label.data.empty())
        return std::nullopt;
    if (const auto *serial = label.element("21")) {
        const auto bySerial = store.findAssetsBySerial(*serial);
        if (!bySerial.empty())
            return bySerial.front();
    }
    if (auto byTag = store.findAssetByTag(label.data))
        return byTag;
    const auto bySerial = store.findAssetsBySerial(label.data);
    if (!bySerial.empty())
        return bySerial.front();
    return std::nullopt;
}

namespace {

std::string upper(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c); });
    return out;
}

} // namespace

std::optional<Room> roomOfLabel(Store &store, std::string_view label)
{
    const auto read = scan::readLabel(label);
    const std::string_view text = read.data;
    if (upper(text.substr(0, 5)) == "ROOM:") {
        const auto rest = text.substr(5);
        const auto slash = rest.find('/');
        if (slash == std::string_view::npos)
            return std::nullopt;
        const auto code = upper(rest.substr(0, slash));
        const auto name = rest.substr(slash + 1);
        for (const auto &site : store.sites()) {
            if (upper(site.code) != code)
                continue;
            for (const auto &room : store.rooms(site.id)) {
                if (room.name == name || upper(room.name) == upper(name))
                    return room;
            }
        }
        return std::nullopt;
    }
    if (text.size() != 36)
        return std::nullopt;
    Id id;
    try {
        id = Id::parse(text);
    } catch (const Error &) {
        return std::nullopt; // not an id: a label of something else
    }
    auto q = store.database().query("SELECT site_id, name FROM rooms WHERE id = ?1");
    q->bind(1, id);
    if (q->step())
        return Room{id, q->id(0), q->text(1)};
    return std::nullopt;
}

std::string roomLabel(Store &store, const Room &room)
{
    auto q = store.database().query("SELECT code FROM sites WHERE id = ?1");
    q->bind(1, room.siteId);
    return "ROOM:" + (q->step() ? q->text(0) : std::string()) + "/" + room.name;
}

std::optional<RoomAuditSummary> lastRoomAudit(Store &store, const Id &roomId)
{
    auto &db = store.database();
    RoomAuditSummary out;
    {
        auto q = db.query(R"sql(
SELECT a.id, a.finished_at, coalesce(u.display_name, ''), a.expected, a.found, a.missing, a.unexpected
  FROM room_audits a LEFT JOIN users u ON u.id = a.audited_by
 WHERE a.room_id = ?1 ORDER BY a.finished_at DESC LIMIT 1)sql");
        q->bind(1, roomId);
        if (!q->step())
            return std::nullopt;
        out = {q->id(0), q->int64(1), q->text(2), static_cast<int>(q->int64(3)), static_cast<int>(q->int64(4)),
               static_cast<int>(q->int64(5)), static_cast<int>(q->int64(6)), {}};
    }
    auto q = db.query(R"sql(
SELECT coalesce(s.asset_tag, s.serial, ''), coalesce(s.make, ''), coalesce(s.model, '')
  FROM room_audit_lines l LEFT JOIN assets s ON s.id = l.asset_id
 WHERE l.audit_id = ?1 AND l.outcome = 'missing' ORDER BY 1)sql");
    q->bind(1, out.auditId);
    while (q->step())
        out.missingAssets.push_back(q->text(0) + " (" + q->text(1) + " " + q->text(2) + ")");
    return out;
}

} // namespace rd
