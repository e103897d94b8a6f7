#pragma once

#include "domain/entities.h"

#include <iosfwd>

namespace rd {
class Store;
}

/** The inventory and the installation history as CSV, for a spreadsheet or another system. */
namespace rd::io {

/**
 * Every asset, one per line (CRLF, UTF-8 without a byte-order mark), with Release Desk's own
 * columns: Asset Tag, Serial, Make, Model, Category, Site, Room, Status, Assigned User, Purchase
 * Date, Notes. planAssetImport reads it back. Sorted by site, room, asset tag and serial. Returns
 * the number of assets written.
 */
int writeInventoryCsv(Store &store, std::ostream &out);

/**
 * The installations started in [@p from, @p to) (Unix ms), oldest first: Installation (its id),
 * Asset Tag, Serial, Make, Model, Site, Release, Service, Build Version, Started By, Started,
 * Ended, Outcome (in-progress, accepted, backed-out), Signed Off By (the user's name on the
 * sign-off), Back-out Reason. Times are UTC, YYYY-MM-DD HH:MM:SSZ. Returns the number written.
 */
int writeInstallationsCsv(Store &store, Millis from, Millis to, std::ostream &out);

/** [start of @p fromDay, end of @p toDay) in Unix ms for two YYYY-MM-DD days (UTC); nothing when either is not a date or to is before from. */
[[nodiscard]] std::optional<std::pair<Millis, Millis>> dayRange(std::string_view fromDay, std::string_view toDay);

} // namespace rd::io
