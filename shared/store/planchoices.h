#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Store;

/**
 * What a release manager chooses from when planning a release: the services that can be released
 * (an approved build procedure version), their approved versions, the people of a site who
 * install, the site's assets to name, and the next release number. Read-only.
 */
class PlanChoices {
public:
    explicit PlanChoices(Store &store)
        : m_store(store)
    {}

    /** A service with at least one approved build version, not retired, by name. */
    struct ServiceChoice {
        Id id;
        std::string name;
    };
    [[nodiscard]] std::vector<ServiceChoice> releasableServices();

    /** An approved build procedure version of a service, newest first. */
    struct BuildChoice {
        Id id;
        int version = 0;
        std::string hardwareModel;
        std::string backOutPlan;
    };
    [[nodiscard]] std::vector<BuildChoice> approvedBuilds(const Id &serviceId);

    /** Someone who may install at a site: switched on, an installer or a release manager working there. */
    struct PersonChoice {
        Id id;
        std::string displayName;
        Role role = Role::Installer;
    };
    /** Installers first, then release managers, each by name. */
    [[nodiscard]] std::vector<PersonChoice> installersAt(const Id &siteId);

    /** An asset of the site to name in a plan. */
    struct AssetChoice {
        Id id;
        std::string assetTag;
        std::string serial;
        std::string model;
        std::string room;
    };
    /**
     * Assets at @p siteId whose asset tag (as typed or upper-cased) or serial (normalised) starts
     * with @p text, by tag, at most @p limit. Nothing for an empty text: a school has thousands.
     */
    [[nodiscard]] std::vector<AssetChoice> siteAssets(const Id &siteId, std::string_view text, int limit);
    /** One asset as a plan names it; nothing when the tablet does not have it. */
    [[nodiscard]] std::optional<AssetChoice> asset(const Id &assetId);

    /**
     * The number after the highest "R-YYYY-NNN" of @p year ("R-2026-050" after "R-2026-049"), or
     * "R-YYYY-001" for the year's first: a suggestion the release manager may change.
     */
    [[nodiscard]] std::string nextReleaseNumber(int year);

private:
    Store &m_store;
};

} // namespace rd
