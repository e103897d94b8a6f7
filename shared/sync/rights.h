#pragma once

#include "kinds.h"
#include "protocol.h"

#include <functional>
#include <map>
#include <set>

namespace rd {
class Store;
}

namespace rd::sync {

/**
 * The server's check of who may send what: a mutation passes when one of its kind's grants
 * (kinds.cpp) holds for the signed-in user. Made once per push and asked right before each
 * mutation is applied, so it sees what the server holds including what the push's earlier
 * mutations applied, and never what a refused one only claimed.
 */
class RightsCheck {
public:
    /** @p canonical follows an id through merges to the record it stands for. */
    RightsCheck(Store &store, const Principal &who, std::function<Id(const Id &)> canonical);

    /** Throws ForbiddenError, in words, unless @p who may send @p data as a @p kind. */
    void require(const MutationKind &kind, const MutationData &data);
    /** An installation this push has just started, in @p releaseId: its release is known. */
    void started(const Id &installationId, const Id &releaseId) { m_releaseOfInstallation[installationId] = releaseId; }

private:
    /** Whether @p r holds; @p why says what is missing when it does not. */
    bool holds(const Requirement &r, const MutationData &data, std::string &why);
    bool installerOf(const Id &releaseId, std::string &why);
    bool atTheirSite(const Id &siteId) const;

    Store &m_store;
    const Principal &m_who;
    std::function<Id(const Id &)> m_canonical;
    // Facts that no mutation changes, asked once per push: an installation's release, and whether
    // the user is an installer of a release.
    std::map<Id, std::optional<Id>> m_releaseOfInstallation;
    std::map<Id, bool> m_installerOf;
};

} // namespace rd::sync
