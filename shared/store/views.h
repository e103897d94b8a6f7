#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Store;

/**
 * What the screens show, read from a Store in as few queries as the screen needs: the releases of
 * the day, the units of a rollout, inventory search and an asset's history. Read-only; the app's
 * list models and the server's reports call these instead of holding SQL of their own.
 */
class Views {
public:
    explicit Views(Store &store)
        : m_store(store)
    {}

    /** A release as a list shows it. */
    struct ReleaseSummary {
        Id id;
        std::string number;
        ReleaseKind kind = ReleaseKind::Single;
        ReleaseStatus status = ReleaseStatus::Planned;
        std::string service;
        int buildVersion = 0;
        std::string hardwareModel;
        Id siteId;
        std::string siteName;
        std::string rooms; ///< the rooms its units are in so far, "ICT 1, Library"
        int units = 1;
        int unitsDone = 0;     ///< accepted
        int unitsStarted = 0;  ///< in progress
        int unitsBackedOut = 0;
        std::string plannedDate;
    };
    /**
     * Releases still open (planned, in progress or installed), by planned date: those @p installer
     * is named on, or every open release when no installer is given (the office roles).
     */
    [[nodiscard]] std::vector<ReleaseSummary> openReleases(const std::optional<Id> &installer);
    [[nodiscard]] std::optional<ReleaseSummary> releaseSummary(const Id &releaseId);

    /** One unit of a release: an installation and the asset it is on. */
    struct Unit {
        Id installationId;
        Id assetId;
        std::string assetTag;
        std::string serial;
        std::string model;
        std::string room;
        InstallationStatus status = InstallationStatus::InProgress;
        int stepsRecorded = 0; ///< checklist lines with a result
        int stepsTotal = 0;
        bool failing = false; ///< its latest result of some line is a fail
        std::string startedBy;
        Millis startedAt = 0;
    };
    [[nodiscard]] std::vector<Unit> releaseUnits(const Id &releaseId);

    /** A build procedure's design details as the installer reads them. */
    struct BuildDetails {
        BuildProcedure build;
        std::string service;
        std::vector<DslItem> software;
    };
    [[nodiscard]] std::optional<BuildDetails> buildDetails(const Id &buildId);
    /** The DSL software items of a build procedure's design details, by product. */
    [[nodiscard]] std::vector<DslItem> buildSoftware(const Id &buildId);
    /** The back-out plan an installer follows: the release's own where it has one, else its build's. */
    [[nodiscard]] std::string backOutPlan(const Id &releaseId);
    /** Conflicts not yet resolved (the sync bar's count). */
    [[nodiscard]] int openConflictCount();

    /** An asset as the inventory lists it. */
    struct AssetRow {
        Asset asset;
        std::string siteName;
        std::string room;
    };
    /**
     * Assets whose serial (normalised) or asset tag starts with @p text, or that are in a room
     * whose name starts with it; serial and tag matches first. At most @p limit rows after
     * skipping @p offset, so a long list loads a page at a time.
     */
    [[nodiscard]] std::vector<AssetRow> searchAssets(std::string_view text, int limit, int offset = 0);
    [[nodiscard]] std::optional<AssetRow> assetRow(const Id &assetId);

    /** One line of an asset's history, newest first. */
    struct HistoryEntry {
        Millis at = 0;
        std::string release;   ///< release number
        Id installationId;
        std::string what;      ///< "Installation started", "Pass: Install Windows 11 image" ...
        std::string who;       ///< display name
        std::string detail;    ///< note or evidence
        std::string photo;     ///< the line's photo evidence ("photo:sha256:<hex>"), or ""
    };
    [[nodiscard]] std::vector<HistoryEntry> assetHistory(const Id &assetId);

    /** The in-progress installation of @p assetId in @p releaseId, if there is one. */
    [[nodiscard]] std::optional<Id> installationOf(const Id &releaseId, const Id &assetId);

    [[nodiscard]] std::string userDisplayName(const Id &userId);
    /** A room's name; empty when the tablet does not know it. */
    [[nodiscard]] std::string roomName(const Id &roomId);
    /** The category assets of this model are in ("Laptop"), by the first one found; empty if none. */
    [[nodiscard]] std::string categoryOfModel(std::string_view model);

private:
    Store &m_store;
};

} // namespace rd
