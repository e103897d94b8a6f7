// The history of every change: one row per field of a record changed, who, when, from and to.
#include "writescope.h"

#include "domain/fields.h"
#include "domain/text.h"

namespace rd {

Id Store::recordChange(RecordChange c)
{
    c.field = checked(fields::changedField, c.field);
    if (c.oldValue)
        c.oldValue = checked(fields::changedValue, *c.oldValue);
    if (c.newValue)
        c.newValue = checked(fields::changedValue, *c.newValue);
    if (c.id.isNull())
        c.id = Id::generate();
    Write w(*this, Write::Rows::One);
    requireRow("users", c.changedBy, "user");
    // The same change written twice (the tablet that made it, then the server, with one id) is one row.
    m_db.query("INSERT INTO record_changes(id, table_name, record_id, field, old_value, new_value, changed_by, "
               "changed_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO NOTHING")
        ->bindAll(c.id, c.table, c.recordId, c.field, c.oldValue, c.newValue, c.changedBy, c.changedAt, nextSeq())
        .run();
    w.commit();
    return c.id;
}

std::vector<RecordChange> Store::recordChanges(const Id &recordId)
{
    std::vector<RecordChange> out;
    auto q = m_db.query("SELECT id, table_name, record_id, field, old_value, new_value, changed_by, changed_at "
                        "FROM record_changes WHERE record_id = ?1 ORDER BY changed_at, seq");
    q->bind(1, recordId);
    while (q->step())
        out.push_back(RecordChange{q->id(0), q->text(1), q->id(2), q->text(3), q->optText(4), q->optText(5), q->id(6),
                                   q->int64(7)});
    return out;
}

} // namespace rd
