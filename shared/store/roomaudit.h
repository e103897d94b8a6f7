#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Store;

/**
 * A room audit under way (issue 12): the assets registered in the room, and what each scan made
 * of them. The one place that decides found, missing and unexpected: the app's RoomAuditModel and
 * the tests use it, and record() gives the RoomAudit that syncs. Pure: what a scan names is looked
 * up by the caller (findAuditedAsset) and handed in.
 */
class RoomAuditTally {
public:
    /** One row as a page shows it: an expected asset (found or missing) or an unexpected scan. */
    struct Line {
        std::optional<Asset> asset; ///< none for an unknown scan
        std::string scanned;        ///< as scanned; "" for an expected asset not (yet) scanned
        AuditOutcome outcome = AuditOutcome::Missing;
    };

    RoomAuditTally(const Room &room, std::vector<Asset> expected);

    /**
     * Takes one scan (@p value as read, @p asset what it names, if anything). Returns the line it
     * found or added, or nothing when it names an asset already scanned (a second read of a
     * burst, or its tag after its serial): each asset counts once.
     */
    std::optional<std::size_t> scan(std::string value, const std::optional<Asset> &asset);
    /** An asset registered elsewhere, moved here: it becomes expected and found. */
    void movedHere(std::size_t line);
    /** An unknown scan added to the inventory here as @p asset: it becomes expected and found. */
    void added(std::size_t line, const Asset &asset);
    /** An asset of a line changed (its status, say): the line shows it as it is now. */
    void update(const Asset &asset);

    [[nodiscard]] const Room &room() const noexcept { return m_room; }
    /** The expected assets first (in the order given), then the unexpected scans in scan order. */
    [[nodiscard]] const std::vector<Line> &lines() const noexcept { return m_lines; }
    [[nodiscard]] int expected() const noexcept { return m_expected; }
    [[nodiscard]] int found() const noexcept;
    [[nodiscard]] int missing() const noexcept { return m_expected - found(); }
    [[nodiscard]] int unexpected() const noexcept { return static_cast<int>(m_lines.size()) - m_expected; }
    [[nodiscard]] int scans() const noexcept { return m_scans; }

    /** The audit as a record: who, when, and every line numbered from 1, with its counts. */
    [[nodiscard]] RoomAudit record(const Id &auditedBy, Millis startedAt, Millis finishedAt) const;

private:
    Room m_room;
    std::vector<Line> m_lines;
    int m_expected = 0;
    int m_scans = 0;
};

/**
 * The assets registered in @p room that an audit expects to find there: all but those on order,
 * retired or disposed of, by asset tag (then serial).
 */
[[nodiscard]] std::vector<Asset> assetsExpectedIn(Store &store, const Id &roomId);

/**
 * A scan as an audit keeps it: read as a label (its AIM identifier gone), control characters (a
 * GS1 label's separators) as spaces, at most 64 bytes.
 */
[[nodiscard]] std::string auditScanText(std::string_view scanned);

/** The counts of @p lines, as the store keeps them beside the lines (expected = found + missing). */
void countAuditLines(RoomAudit &audit) noexcept;

/**
 * The asset a scanned value names: by asset tag, else by serial (normalised, any make); the scan
 * is read first (AIM identifier, GS1 serial element 21). Nothing when the inventory has none.
 */
[[nodiscard]] std::optional<Asset> findAuditedAsset(Store &store, std::string_view scanned);

/**
 * The room a door label names: "ROOM:<site code>/<room name>" (case-insensitive prefix and code,
 * the room's name as written), or the room's id as text. Nothing when it names no room known here.
 */
[[nodiscard]] std::optional<Room> roomOfLabel(Store &store, std::string_view label);
/** The door label of @p room: "ROOM:RAU/ICT Suite 1". */
[[nodiscard]] std::string roomLabel(Store &store, const Room &room);

/** A room's last audit, as the office sees it beside the room. */
struct RoomAuditSummary {
    Id auditId;
    Millis finishedAt = 0;
    std::string auditedBy;             ///< display name
    int expected = 0, found = 0, missing = 0, unexpected = 0;
    std::vector<std::string> missingAssets; ///< "RAU-00012 (Dell Latitude 3440)", by tag
};
/** The last audit of @p roomId, if it has been audited. */
[[nodiscard]] std::optional<RoomAuditSummary> lastRoomAudit(Store &store, const Id &roomId);

} // namespace rd
