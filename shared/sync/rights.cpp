#include "rights.h"

#include "store/store.h"

#include <algorithm>

namespace rd::sync {

RightsCheck::RightsCheck(Store &store, const Principal &who, std::function<Id(const Id &)> canonical)
    : m_store(store)
    , m_who(who)
    , m_canonical(std::move(canonical))
{}

void RightsCheck::require(const MutationKind &kind, const MutationData &data)
{
    if (!roleHasGrant(kind, m_who.role))
        throw ForbiddenError("a " + std::string(toString(m_who.role)) + " cannot send " + std::string(kind.name));
    const unsigned mine = 1u << static_cast<unsigned>(m_who.role);
    std::string why;
    for (const auto &grant : kind.grants) {
        if (!(grant.roles & mine))
            continue;
        std::string missing;
        const bool all = std::all_of(grant.requirements.begin(), grant.requirements.end(),
                                     [&](const Requirement &r) { return holds(r, data, missing); });
        if (all)
            return;
        if (why.empty())
            why = missing;
    }
    throw ForbiddenError(why);
}

bool RightsCheck::atTheirSite(const Id &siteId) const
{
    return std::find(m_who.sites.begin(), m_who.sites.end(), siteId) != m_who.sites.end();
}

bool RightsCheck::installerOf(const Id &releaseId, std::string &why)
{
    auto it = m_installerOf.find(releaseId);
    if (it == m_installerOf.end()) {
        auto &db = m_store.database();
        auto q = db.query("SELECT 1 FROM release_installers WHERE release_id = ?1 AND user_id = ?2");
        q->bindAll(releaseId, m_who.userId);
        // A release the server does not have is not a question of rights: applying refuses it.
        const bool allowed = q->step() || !m_store.release(releaseId);
        it = m_installerOf.emplace(releaseId, allowed).first;
    }
    if (!it->second)
        why = "you are not an installer of this release";
    return it->second;
}

bool RightsCheck::holds(const Requirement &r, const MutationData &data, std::string &why)
{
    const auto id = idField(data, r.field);
    if (r.ifGiven && !id)
        return true;
    auto &db = m_store.database();
    switch (r.condition) {
    case Condition::AsThemselves:
        if (id == m_who.userId)
            return true;
        why = "you can only record your own work: this is recorded as another user (" + std::string(r.field) + ")";
        return false;
    case Condition::InstallerOfRelease:
        return !id || installerOf(*id, why);
    case Condition::InstallerOfInstallation: {
        if (!id)
            return true;
        const Id inst = m_canonical(*id);
        auto it = m_releaseOfInstallation.find(inst);
        if (it == m_releaseOfInstallation.end()) {
            auto q = db.query("SELECT release_id FROM installations WHERE id = ?1");
            q->bind(1, inst);
            const bool found = q->step();
            // Not on the server: the store refuses the mutation as not found. Beside other pushes
            // one of them might commit it before the store looks, unchecked: applied alone instead.
            if (!found && m_store.writesBesideOthers())
                throw StoreError("an installation not on the server yet: the push is applied alone", 0);
            it = m_releaseOfInstallation.emplace(inst, found ? std::optional(q->id(0)) : std::nullopt).first;
        }
        return !it->second || installerOf(*it->second, why);
    }
    case Condition::AtTheirSite:
        if (!id || atTheirSite(*id))
            return true;
        why = "you do not work at this site";
        return false;
    case Condition::AssetAtTheirSite: {
        if (!id)
            return true;
        auto q = db.query("SELECT site_id FROM assets WHERE id = ?1");
        q->bind(1, m_canonical(*id));
        if (!q->step() || atTheirSite(q->id(0)))
            return true;
        why = "you do not work at the site of this asset";
        return false;
    }
    case Condition::MovesOnlyToTheirSites: {
        const auto *fields = std::get_if<FieldChanges>(&data);
        if (!fields)
            return true;
        const auto it = fields->changes.find("site_id");
        if (it == fields->changes.end() || !it->second.to || atTheirSite(Id::parse(*it->second.to, "site")))
            return true;
        why = "you can only move an asset to a site you work at";
        return false;
    }
    case Condition::ValueIn: {
        const auto value = textField(data, r.field);
        if (value && std::find(r.values.begin(), r.values.end(), *value) != r.values.end())
            return true;
        std::string allowed;
        for (const auto &v : r.values)
            allowed += (allowed.empty() ? "" : " or ") + std::string(v);
        why = "a " + std::string(toString(m_who.role)) + " can set " + std::string(r.field) + " only to " + allowed;
        return false;
    }
    case Condition::LostTheConflict: {
        if (!id)
            return true;
        const auto c = m_store.conflict(*id);
        if (!c || c->lostBy == m_who.userId)
            return true;
        why = "only a release manager or the person whose change lost can resolve this conflict";
        return false;
    }
    case Condition::ConflictAtTheirSite: {
        if (!id)
            return true;
        const auto c = m_store.conflict(*id);
        if (!c)
            return true;
        std::optional<Id> site;
        if (c->table == "assets") {
            if (const auto a = m_store.asset(c->recordId))
                site = a->siteId;
        } else if (c->table == "releases") {
            if (const auto rel = m_store.release(c->recordId))
                site = rel->siteId;
        }
        if (!site || atTheirSite(*site))
            return true;
        why = "this conflict is about a record at a site you do not work at";
        return false;
    }
    }
    return false;
}

} // namespace rd::sync
