// Room audits (issue 12): append-only facts, like scan overrides; the comparison itself is
// RoomAuditTally's (roomaudit.h).
#include "roomaudit.h"
#include "writescope.h"

#include "domain/fields.h"
#include "domain/text.h"

#include <set>

namespace rd {

Id Store::recordRoomAudit(RoomAudit a)
{
    if (a.finishedAt < a.startedAt)
        throw ValidationError("finished_at", "a room audit cannot finish before it started");
    std::set<int> positions;
    for (auto &line : a.lines) {
        if (line.position < 1 || !positions.insert(line.position).second)
            throw ValidationError("lines", "line " + std::to_string(line.position) +
                                               " is not numbered 1, 2, 3 ... once each");
        if (!line.scanned.empty())
            line.scanned = checked(fields::scannedValue, line.scanned);
        const bool needsAsset = line.outcome != AuditOutcome::Unknown;
        if (needsAsset != line.assetId.has_value())
            throw ValidationError("lines", "line " + std::to_string(line.position) + " (" +
                                               std::string(toString(line.outcome)) +
                                               (needsAsset ? ") names no asset" : ") names an asset"));
        if (line.outcome != AuditOutcome::Missing && line.scanned.empty())
            throw ValidationError("lines", "line " + std::to_string(line.position) + " has no scanned value");
    }
    countAuditLines(a);
    if (a.id.isNull())
        a.id = Id::generate();

    Write w(*this);
    {
        auto q = m_db.query("SELECT site_id FROM rooms WHERE id = ?1");
        q->bind(1, a.roomId);
        if (!q->step())
            throw NotFoundError("room", a.roomId.toString());
        if (q->id(0) != a.siteId)
            throw RuleError("the room audited is not at the audit's site");
    }
    requireRow("users", a.auditedBy, "user");
    {
        auto q = m_db.query("SELECT 1 FROM room_audits WHERE id = ?1");
        q->bind(1, a.id);
        if (q->step())
            throw DuplicateError("this room audit is already recorded", a.id.toString());
    }
    m_db.query("INSERT INTO room_audits(id, site_id, room_id, audited_by, started_at, finished_at, expected, found, "
               "missing, unexpected, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        ->bindAll(a.id, a.siteId, a.roomId, a.auditedBy, a.startedAt, a.finishedAt, a.expected, a.found, a.missing,
                  a.unexpected, nextSeq())
        .run();
    for (const auto &l : a.lines)
        m_db.query("INSERT INTO room_audit_lines(audit_id, position, asset_id, scanned, outcome, seq) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            ->bindAll(a.id, l.position, l.assetId, l.scanned, toString(l.outcome), nextSeq())
            .run();
    w.commit();
    return a.id;
}

std::optional<RoomAudit> Store::roomAudit(const Id &id)
{
    RoomAudit a;
    {
        auto q = m_db.query("SELECT site_id, room_id, audited_by, started_at, finished_at, expected, found, missing, "
                            "unexpected FROM room_audits WHERE id = ?1");
        q->bind(1, id);
        if (!q->step())
            return std::nullopt;
        a = {id,
             q->id(0),
             q->id(1),
             q->id(2),
             q->int64(3),
             q->int64(4),
             {},
             static_cast<int>(q->int64(5)),
             static_cast<int>(q->int64(6)),
             static_cast<int>(q->int64(7)),
             static_cast<int>(q->int64(8))};
    }
    auto q = m_db.query("SELECT position, asset_id, scanned, outcome FROM room_audit_lines WHERE audit_id = ?1 "
                        "ORDER BY position");
    q->bind(1, id);
    while (q->step())
        a.lines.push_back({static_cast<int>(q->int64(0)), q->optId(1), q->text(2), parse<AuditOutcome>(q->textView(3))});
    return a;
}

} // namespace rd
