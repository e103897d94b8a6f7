#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Store;

/**
 * What the office's services and build procedures screens show, read from a Store: the service
 * catalogue with where each service's documentation stands, a service's build procedure versions,
 * the Definitive Software Library to pick from, and the people who may own a service. Read-only,
 * beside Views (views.h), so that the screens and the server's reports share the same queries.
 */
class BuildViews {
public:
    explicit BuildViews(Store &store)
        : m_store(store)
    {}

    /** A service as the catalogue lists it. */
    struct ServiceRow {
        Service service;
        std::string owner;                   ///< the owner's display name; empty when no one owns it
        std::optional<int> approvedVersion;  ///< the version installers follow; none while still to document
        std::optional<int> latestVersion;    ///< the newest version, whatever its status
        BuildStatus latestStatus = BuildStatus::Draft;
        int versions = 0;

        /** FITS: a service with no approved build procedure is still to document. */
        [[nodiscard]] bool stillToDocument() const { return !approvedVersion.has_value(); }
    };
    /** The services by name; retired ones only when @p withRetired. */
    [[nodiscard]] std::vector<ServiceRow> services(bool withRetired);
    [[nodiscard]] std::optional<ServiceRow> serviceRow(const Id &serviceId);
    /** The service that has this exact name (names are unique, retired services' too). */
    [[nodiscard]] std::optional<Id> serviceNamed(std::string_view name);

    /** One version of a service's build procedure, with who did what to it and when. */
    struct VersionRow {
        Id id;
        Id serviceId;
        int version = 1;
        BuildStatus status = BuildStatus::Draft;
        int revision = 1;
        int lines = 0; ///< checklist lines, all three parts
        std::string createdBy;
        Millis createdAt = 0;
        std::string submittedBy;
        std::optional<Millis> submittedAt;
        std::string approvedBy;
        std::optional<Millis> approvedAt;
        std::optional<Millis> retiredAt;
        std::string returnedReason; ///< while a returned draft waits to be submitted again
        std::string returnedBy;
        std::optional<Millis> returnedAt;
        std::string changedBy; ///< who changed it last (a save, a submit, a decision)
        std::optional<Millis> changedAt;
    };
    /** A service's versions, newest first. */
    [[nodiscard]] std::vector<VersionRow> buildVersions(const Id &serviceId);
    [[nodiscard]] std::optional<VersionRow> buildVersion(const Id &buildId);

    /** The Definitive Software Library's items, by product and version. */
    [[nodiscard]] std::vector<DslItem> dslCatalogue();

    /** Someone who may own a service: an active person, any role. */
    struct Person {
        Id id;
        std::string displayName;
        Role role = Role::Installer;
    };
    /** The active people, by display name. */
    [[nodiscard]] std::vector<Person> activePeople();

private:
    Store &m_store;
};

} // namespace rd
