#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {
class Store;
namespace sync {
class Replica;
}
} // namespace rd

/**
 * Importing assets from a CSV file: a Snipe-IT export (Asset Tag, Serial, Manufacturer, Model,
 * Category, Location, Status, Checked Out To, Purchase Date, Notes) or Release Desk's own
 * (writeInventoryCsv: Make, Site and Room for Manufacturer and Location). Columns are matched by
 * their header, in any order, case, spaces and punctuation forgiven; others are ignored.
 *
 * Every data row gets an outcome with its line number: a new asset; an asset already in the
 * inventory (the same make and normalised serial, or its asset tag) whose site, room, status or
 * user the file changes (updated, naming the fields) or does not (unchanged); a serial already in
 * the inventory under another make (left out: it may be the same machine); or refused, with the
 * reason. An empty cell never clears what an asset already holds, and an import changes only what
 * the sync carries for an existing asset (site, room, status, user): other details that differ are
 * named in the outcome and kept as the inventory has them.
 *
 * The dry run (planAssetImport) only reads. The import applies every new and updated row or none:
 * on the server in one store transaction, on a tablet through the Replica in one Group (so a sync
 * carries it like any other change); the history keeps who changed each field and when. The same
 * file imported again changes nothing.
 */
namespace rd::io {

enum class RowOutcome { New, Updated, Unchanged, SameSerial, Refused };

/** "new", "updated", "unchanged", "same-serial", "refused". */
[[nodiscard]] std::string_view toString(RowOutcome outcome) noexcept;

/** One data row of the file and what the import does with it. */
struct ImportRow {
    int line = 0; ///< the file's line the row starts on
    RowOutcome outcome = RowOutcome::Refused;
    std::string detail;                     ///< in words: the reason, the fields changed, the asset it is
    std::vector<std::string> changedFields; ///< Updated: "site", "room", "status", "user"
    std::string assetTag;                   ///< as the file gives them, for a list
    std::string serial;
    std::string make;
    std::string model;
    Asset asset; ///< New: the asset to add; Updated: the asset as it will be (its id the existing one)
};

struct ImportCounts {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int sameSerial = 0;
    int refused = 0;
};

/** A dry run's or an import's answer. */
struct ImportReport {
    /** Why the file as a whole cannot be imported (not CSV, empty, no known column), or why the
     *  import wrote nothing; empty otherwise. */
    std::string error;
    std::string format;                      ///< "Snipe-IT" or "Release Desk", by the columns
    std::vector<std::string> ignoredColumns; ///< headers the import does not read
    bool readAsWindows1252 = false;
    bool hadByteOrderMark = false;
    std::vector<ImportRow> rows; ///< every data row, in the file's order
    ImportCounts counts;
    bool applied = false; ///< the import wrote its rows (not a dry run, nothing refused it)

    [[nodiscard]] bool ok() const noexcept { return error.empty(); }
    /** New and updated rows: what an import writes. */
    [[nodiscard]] int toWrite() const noexcept { return counts.added + counts.updated; }
};

/** The dry run of importing @p bytes (a whole file) into @p store: reads only. */
[[nodiscard]] ImportReport planAssetImport(Store &store, std::string_view bytes);

/**
 * The import on the server: every new and updated row in one transaction of @p store (whose
 * change sequence takes them to the tablets), each changed field kept in the history as changed
 * by @p by at @p at. Refused rows are left out; when a write fails, nothing is written and error
 * says why.
 */
ImportReport importAssets(Store &store, std::string_view bytes, const Id &by, Millis at);

/** The import on a tablet or desktop: the same, through @p replica in one Group. */
ImportReport importAssets(sync::Replica &replica, Store &store, std::string_view bytes, const Id &by, Millis at);

/**
 * A date as schools write them, as YYYY-MM-DD: 2024-09-01 (a time after it is dropped), or day
 * first, 01/09/2024, 1/9/2024, 01-09-2024 or 01.09.2024. Nothing, with the reason in @p why, for a
 * two-digit year (is 01/09/24 2024 or 1924?), a month past 12 (written month first, US order), a
 * day that does not exist, or text that is not a date.
 */
[[nodiscard]] std::optional<std::string> importDate(std::string_view text, std::string &why);

/**
 * The asset status a status label stands for: Release Desk's own names and words ("in-stock",
 * "In stock"), and Snipe-IT's labels: Ready to Deploy -> in-stock, Deployed -> in-use, Pending ->
 * on-order, Archived, Broken, Out for Repair, Lost/Stolen and Undeployable -> retired (out of
 * service; it may come back to stock), Disposed, Recycled, Sold and Written Off -> disposed; a
 * label with a meta status in brackets ("Ready to Deploy (Deployed)") by the bracket. Nothing for
 * a label it does not know.
 */
[[nodiscard]] std::optional<AssetStatus> importStatus(std::string_view label);

} // namespace rd::io
