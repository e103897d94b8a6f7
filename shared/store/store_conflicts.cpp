// Conflicts between devices: kept by the sync, shown to the tablets and the release manager.
#include "writescope.h"

#include "domain/fields.h"
#include "domain/text.h"

namespace rd {

Id Store::recordConflict(const ConflictRecord &c)
{
    const Id id = c.id.isNull() ? Id::generate() : c.id;
    Write w(*this, Write::Rows::One);
    m_db.query("INSERT INTO conflicts(id, table_name, record_id, field, kept_value, lost_value, base_value, "
               "lost_device, lost_by, created_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        ->bindAll(id, c.table, c.recordId, c.field, c.keptValue, c.lostValue, c.baseValue, c.lostDevice,
                  c.lostBy, c.createdAt, nextSeq())
        .run();
    w.commit();
    return id;
}

std::optional<ConflictRecord> Store::conflict(const Id &id)
{
    auto q = m_db.query(
        "SELECT id, table_name, record_id, field, kept_value, lost_value, base_value, lost_device, "
        "lost_by, created_at, resolved_by, resolved_at, resolution FROM conflicts WHERE id = ?1");
    q->bind(1, id);
    if (!q->step())
        return std::nullopt;
    return ConflictRecord{q->id(0),      q->text(1),      q->id(2),      q->text(3), q->optText(4),
                          q->optText(5), q->optText(6),   q->id(7),      q->id(8),   q->int64(9),
                          q->optId(10),  q->optInt64(11), q->optText(12)};
}

void Store::markConflictResolved(const Id &id, const Id &by, Millis at, std::string_view resolution)
{
    const auto text = checked(fields::resolution, resolution);
    Write w(*this, Write::Rows::One);
    const auto c = conflict(id);
    if (!c)
        throw NotFoundError("conflict", id.toString());
    if (c->resolvedAt)
        throw RuleError("this conflict was already resolved");
    requireRow("users", by, "user");
    m_db.query("UPDATE conflicts SET resolved_by = ?2, resolved_at = ?3, resolution = ?4, seq = ?5 WHERE id "
               "= ?1")
        ->bindAll(id, by, at, text, nextSeq())
        .run();
    w.commit();
}

} // namespace rd
