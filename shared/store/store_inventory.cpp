// The inventory: assets (configuration records) and their normalised serials.
#include "rows.h"
#include "writescope.h"

#include "domain/fields.h"
#include "domain/rules.h"
#include "domain/text.h"

namespace rd {

Id Store::addAsset(Asset a)
{
    a.assetTag = checkedOptional(fields::assetTag, a.assetTag);
    a.serial = checkedOptional(fields::serial, a.serial);
    a.make = checked(fields::make, a.make);
    a.model = checked(fields::model, a.model);
    a.category = checked(fields::category, a.category);
    a.assignedUser = checked(fields::assignedUser, a.assignedUser);
    a.notes = checked(fields::assetNotes, a.notes);
    if (!a.purchaseDate.empty() && !isIsoDate(a.purchaseDate))
        throw ValidationError("purchase date", "'" + printable(a.purchaseDate, 20) + "' is not a date (YYYY-MM-DD)");
    std::optional<std::string> serialNorm;
    if (a.serial) {
        serialNorm = normaliseSerial(*a.serial);
        if (serialNorm->empty())
            throw ValidationError("serial", "holds no letters or digits");
    }
    const auto makeKey = normaliseMake(a.make);
    if (a.id.isNull())
        a.id = Id::generate();

    Write w(*this, Write::Rows::One);
    if (a.roomId) {
        auto q = m_db.query("SELECT site_id FROM rooms WHERE id = ?1");
        q->bind(1, *a.roomId);
        if (!q->step())
            throw NotFoundError("room", a.roomId->toString());
        if (q->id(0) != a.siteId)
            throw ValidationError("room", "is not at the asset's site");
    }
    // The unique indexes and the site's foreign key do the checking; only when one refuses the
    // row is it worth finding out which, to say so plainly. Inventory imports stay fast.
    // PostgreSQL: a refused INSERT spoils the transaction unless a savepoint holds it.
    std::optional<sql::Savepoint> attempt;
    if (m_db.isPostgres())
        attempt.emplace(m_db);
    try {
        m_db.query("INSERT INTO assets(id, asset_tag, serial, serial_norm, make, make_key, model, category, "
                   "site_id, room_id, assigned_user, status, purchase_date, notes, seq) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
            ->bindAll(a.id, a.assetTag, a.serial, serialNorm, a.make, makeKey, a.model, a.category, a.siteId,
                      a.roomId, a.assignedUser, toString(a.status), a.purchaseDate, a.notes, nextSeq())
            .run();
        if (attempt)
            attempt->commit();
    } catch (const StoreError &e) {
        attempt.reset(); // back to before the INSERT
        if (!sql::isConstraint(e))
            throw;
        if (serialNorm) {
            auto q = m_db.query(
                "SELECT id, coalesce(asset_tag, '') FROM assets WHERE serial_norm = ?1 AND make_key = ?2");
            q->bindAll(*serialNorm, makeKey);
            if (q->step())
                throw DuplicateError("a " + a.make + " with serial " + *a.serial +
                                         " is already in the inventory" +
                                         (q->text(1).empty() ? std::string() : " as " + q->text(1)),
                                     q->id(0).toString());
        }
        if (a.assetTag) {
            auto q = m_db.query("SELECT id FROM assets WHERE asset_tag = ?1");
            q->bind(1, *a.assetTag);
            if (q->step())
                throw DuplicateError("asset tag " + *a.assetTag + " is already in use", q->id(0).toString());
        }
        requireRow("sites", a.siteId, "site");
        throw;
    }
    w.commit();
    return a.id;
}

std::vector<Asset> Store::findAssetsBySerial(std::string_view serial)
{
    std::vector<Asset> out;
    const auto norm = normaliseSerial(serial);
    if (norm.empty())
        return out;
    auto q = m_db.query("SELECT " + std::string(kAssetColumns) + " FROM assets a WHERE serial_norm = ?1");
    q->bind(1, norm);
    while (q->step())
        out.push_back(readAsset(*q));
    return out;
}

std::optional<Asset> Store::findAssetByTag(std::string_view assetTag)
{
    const auto tag = checked(fields::assetTag, assetTag);
    auto q = m_db.query("SELECT " + std::string(kAssetColumns) + " FROM assets a WHERE asset_tag = ?1");
    q->bind(1, tag);
    if (!q->step())
        return std::nullopt;
    return readAsset(*q);
}

std::optional<Asset> Store::asset(const Id &id)
{
    auto q = m_db.query("SELECT " + std::string(kAssetColumns) + " FROM assets a WHERE id = ?1");
    q->bind(1, id);
    if (!q->step())
        return std::nullopt;
    return readAsset(*q);
}

void Store::moveAsset(const Id &assetId, const Id &siteId, const std::optional<Id> &roomId)
{
    Write w(*this, Write::Rows::One);
    requireRow("assets", assetId, "asset");
    requireRow("sites", siteId, "site");
    if (roomId) {
        auto q = m_db.query("SELECT site_id FROM rooms WHERE id = ?1");
        q->bind(1, *roomId);
        if (!q->step())
            throw NotFoundError("room", roomId->toString());
        if (q->id(0) != siteId)
            throw ValidationError("room", "is not at that site");
    }
    m_db.query("UPDATE assets SET site_id = ?2, room_id = ?3, seq = ?4 WHERE id = ?1")
        ->bindAll(assetId, siteId, roomId, nextSeq())
        .run();
    w.commit();
}

void Store::setAssetStatus(const Id &assetId, AssetStatus status)
{
    Write w(*this, Write::Rows::One);
    const auto a = asset(assetId);
    if (!a)
        throw NotFoundError("asset", assetId.toString());
    requireChange("asset", a->status, status);
    m_db.query("UPDATE assets SET status = ?2, seq = ?3 WHERE id = ?1")
        ->bindAll(assetId, toString(status), nextSeq())
        .run();
    w.commit();
}

void Store::setAssetUser(const Id &assetId, std::string_view assignedUser)
{
    const auto user = checked(fields::assignedUser, assignedUser);
    Write w(*this, Write::Rows::One);
    requireRow("assets", assetId, "asset");
    m_db.query("UPDATE assets SET assigned_user = ?2, seq = ?3 WHERE id = ?1")
        ->bindAll(assetId, user, nextSeq())
        .run();
    w.commit();
}

} // namespace rd
