#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

class Store;

/**
 * Releases as the release manager follows them: the overview of every release, a page at a time,
 * and one release with its plan in words and each unit's state and history. Read-only, like
 * Views; the office's pages and the server's reports can both use it.
 */
class ReleaseViews {
public:
    explicit ReleaseViews(Store &store)
        : m_store(store)
    {}

    /** Which releases the overview lists; an empty field does not filter. */
    struct Filter {
        std::optional<ReleaseStatus> status;
        std::optional<Id> siteId;
        std::string number; ///< releases whose number holds this text (any case)
    };

    /** A release as the overview lists it. */
    struct Row {
        Id id;
        std::string number;
        ReleaseKind kind = ReleaseKind::Single;
        ReleaseType type = ReleaseType::Minor;
        ReleaseStatus status = ReleaseStatus::Planned;
        std::string service;
        int buildVersion = 0;
        std::string siteName;
        int units = 1;
        int unitsDone = 0;      ///< accepted
        int unitsUnderWay = 0;  ///< in progress
        int unitsBackedOut = 0; ///< backed out and not installed again
        std::string plannedDate;
        std::string plannedEnd;
    };
    /**
     * Releases matching @p filter: open ones first (every status but closed), soonest planned first,
     * then closed ones, latest first. At most @p limit after skipping @p offset; the units are
     * counted for those rows only, so a page costs the same whatever the number of releases.
     */
    [[nodiscard]] std::vector<Row> overview(const Filter &filter, int limit, int offset = 0);

    /** How many releases match, and how many of them are open. */
    struct Count {
        int releases = 0;
        int open = 0;
    };
    [[nodiscard]] Count overviewCount(const Filter &filter);

    /** A back-out of one installation of a unit: when, who, and why. */
    struct BackOutEntry {
        Id installationId;
        Millis at = 0;
        std::string by;
        std::string reason;
    };
    /**
     * One unit of a release: an asset and its latest installation in the release, with the
     * back-outs of that asset in this release, oldest first (an earlier installation backed out
     * and installed again keeps its back-out here).
     */
    struct Unit {
        Id installationId;
        Id assetId;
        std::string assetTag;
        std::string serial;
        std::string model;
        std::string room;
        InstallationStatus status = InstallationStatus::InProgress;
        bool failing = false;  ///< in progress, and some line's latest result is a fail
        int stepsRecorded = 0; ///< lines with a result (all of them once accepted)
        int stepsTotal = 0;    ///< lines of the build version it follows
        int buildVersion = 0;  ///< the version it started with, kept
        std::string startedBy;
        Millis startedAt = 0;
        std::optional<Millis> endedAt;
        std::string acceptedBy; ///< the user's name on the sign-off
        std::vector<BackOutEntry> backOuts;

        /** Backed out before, and installed again since. */
        [[nodiscard]] bool installedAgain() const
        {
            return !backOuts.empty() && status != InstallationStatus::BackedOut;
        }
    };
    /**
     * The units of @p releaseId, those that need the release manager first: failing, backed out,
     * in progress, then accepted; by asset tag within each.
     */
    [[nodiscard]] std::vector<Unit> units(const Id &releaseId);

    /** A release's plan with names for its ids. */
    struct Plan {
        Release release;
        Id serviceId;
        std::string service;
        int buildVersion = 0;
        std::string hardwareModel;
        std::string buildBackOutPlan; ///< the build's own, whatever the release says
        std::string siteName;
        std::vector<std::string> installers;   ///< display names
        std::vector<std::string> targetAssets; ///< asset tags (or serials)
        std::vector<std::string> targetRooms;  ///< room names
        std::string createdBy;
    };
    [[nodiscard]] std::optional<Plan> plan(const Id &releaseId);

private:
    Store &m_store;
};

} // namespace rd
