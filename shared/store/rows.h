#pragma once
// Internal to the store and its read-side views: how a record is read from a row, in one place.

#include "domain/entities.h"
#include "database.h"

#include <string_view>

namespace rd {

/** The columns readAsset() reads, in its order, for a query that names the assets table `a`. */
inline constexpr std::string_view kAssetColumns = "a.id, a.asset_tag, a.serial, a.make, a.model, a.category, "
                                                  "a.site_id, a.room_id, a.assigned_user, a.status, a.purchase_date, "
                                                  "a.notes";
/** The number of columns in kAssetColumns: a query's own columns come after them. */
inline constexpr int kAssetColumnCount = 12;

/** An asset from a row whose first columns are kAssetColumns. */
inline Asset readAsset(const sql::Statement &q)
{
    Asset a;
    a.id = q.id(0);
    a.assetTag = q.optText(1);
    a.serial = q.optText(2);
    a.make = q.text(3);
    a.model = q.text(4);
    a.category = q.text(5);
    a.siteId = q.id(6);
    a.roomId = q.optId(7);
    a.assignedUser = q.text(8);
    a.status = parse<AssetStatus>(q.textView(9));
    a.purchaseDate = q.text(10);
    a.notes = q.text(11);
    return a;
}

} // namespace rd
