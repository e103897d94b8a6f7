// Overrides of refused scans (issue 5): append-only facts, like step results.
#include "writescope.h"

#include "domain/fields.h"
#include "domain/text.h"

namespace rd {

Id Store::recordScanOverride(ScanOverride o)
{
    if (o.field != "serial" && o.field != "asset-tag")
        throw ValidationError("scanned field", "'" + printable(o.field, 20) +
                                                   "' is not a field a scan fills (serial or asset-tag)");
    // The value goes into an asset's serial or asset tag: the same limit as there.
    o.value = checked(fields::scannedValue, o.value);
    o.refusal = checked(fields::refusal, o.refusal);
    o.reason = checked(fields::overrideReason, o.reason);
    if (o.id.isNull())
        o.id = Id::generate();

    Write w(*this, Write::Rows::One);
    requireRow("assets", o.assetId, "asset");
    if (o.installationId) {
        auto q = m_db.query("SELECT asset_id FROM installations WHERE id = ?1");
        q->bind(1, *o.installationId);
        if (!q->step())
            throw NotFoundError("installation", o.installationId->toString());
        if (q->id(0) != o.assetId)
            throw RuleError("the scan override belongs to another asset than its installation's");
    }
    requireRow("users", o.recordedBy, "user");
    m_db.query("INSERT INTO scan_overrides(id, asset_id, installation_id, field, value, refusal, reason, "
               "recorded_by, recorded_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        ->bindAll(o.id, o.assetId, o.installationId, o.field, o.value, o.refusal, o.reason, o.recordedBy,
                  o.recordedAt, nextSeq())
        .run();
    w.commit();
    return o.id;
}

std::vector<ScanOverride> Store::scanOverrides(const Id &assetId)
{
    std::vector<ScanOverride> out;
    auto q = m_db.query("SELECT id, asset_id, installation_id, field, value, refusal, reason, recorded_by, "
                        "recorded_at FROM scan_overrides WHERE asset_id = ?1 ORDER BY recorded_at, seq");
    q->bind(1, assetId);
    while (q->step())
        out.push_back(ScanOverride{q->id(0), q->id(1), q->optId(2), q->text(3), q->text(4), q->text(5),
                                   q->text(6), q->id(7), q->int64(8)});
    return out;
}

} // namespace rd
