#include "usercommands.h"

#include "admincommands.h"
#include "auth.h"

#include "domain/enums.h"
#include "store/store.h"

#include <algorithm>
#include <istream>
#include <ostream>

namespace rd::server {

namespace {

int addUser(const CommandLine &c, const std::string &name, std::ostream &out, std::ostream &err, std::istream &in)
{
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    const auto roleText = c.value("role").value_or("");
    const auto role = tryParse<Role>(roleText);
    if (!role) {
        err << "syncserver user add: --role must be installer, build-developer or release-manager\n";
        return 2;
    }
    const auto password = readNewPassword(in, "user add", err);
    if (!password)
        return 2;
    // Hash before opening the database: it is the slow part, and holds nothing.
    const auto hash = hashPassword(*password);
    Store store(*database);
    std::vector<Id> siteIds;
    const auto sites = store.sites();
    if (const auto it = c.values.find("site"); it != c.values.end()) {
        for (const auto &code : it->second) {
            const auto s = std::find_if(sites.begin(), sites.end(), [&](const Site &x) { return x.code == code; });
            if (s == sites.end()) {
                std::string known;
                for (const auto &x : sites)
                    known += (known.empty() ? "" : ", ") + x.code;
                err << "syncserver user add: there is no site with the code '" << code << "'"
                    << (known.empty() ? std::string("; the database has no sites yet") : "; known codes: " + known)
                    << "\n";
                return 2;
            }
            siteIds.push_back(s->id);
        }
    }
    User user;
    user.name = name;
    user.displayName = c.value("display-name").value_or("");
    user.role = *role;
    Store::Batch batch(store);
    const Id id = store.addUser(user, hash);
    for (const auto &site : siteIds)
        store.addUserToSite(id, site);
    batch.commit();
    out << "user " << user.name << " (" << roleText << ") added with id " << id.toString() << "\n";
    return 0;
}

/** The user named @p name in @p store; nothing, with the reason on @p err, when there is none. */
std::optional<User> existingUser(Store &store, const std::string &command, const std::string &name, std::ostream &err)
{
    auto user = store.userByName(name);
    if (!user)
        err << "syncserver " << command << ": there is no user named '" << name << "'\n";
    return user;
}

int setActive(const CommandLine &c, const std::string &name, bool active, std::ostream &out, std::ostream &err)
{
    const std::string command = active ? "user enable" : "user disable";
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    Store store(*database);
    const auto user = existingUser(store, command, name, err);
    if (!user)
        return 1;
    TokenStore tokens(store.database(), 0, 0);
    Store::Batch batch(store);
    store.setUserActive(user->id, active);
    const int ended = active ? 0 : tokens.revokeUser(user->id);
    batch.commit();
    if (active)
        out << "user " << name << " switched on: they can sign in again\n";
    else
        out << "user " << name << " switched off; " << ended
            << " tokens ended, so their devices are refused from their next call (their unsent work stays on "
               "the device); `syncserver user enable "
            << name << "` switches them on again\n";
    return 0;
}

int changePassword(const CommandLine &c, const std::string &name, std::ostream &out, std::ostream &err,
                   std::istream &in)
{
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    const auto password = readNewPassword(in, "user passwd", err);
    if (!password)
        return 2;
    const auto hash = hashPassword(*password);
    Store store(*database);
    const auto user = existingUser(store, "user passwd", name, err);
    if (!user)
        return 1;
    TokenStore tokens(store.database(), 0, 0);
    Store::Batch batch(store);
    store.setPasswordHash(user->id, hash);
    const int ended = tokens.revokeUser(user->id);
    batch.commit();
    out << "password of " << name << " changed; " << ended
        << " tokens ended, so each of their devices signs in again with the new password\n";
    return 0;
}

} // namespace

int userCommand(const CommandLine &c, std::ostream &out, std::ostream &err, std::istream &in)
{
    const std::string action = c.positional.empty() ? "" : c.positional[0];
    if (c.positional.size() != 2 || (action != "add" && action != "disable" && action != "enable" && action != "passwd")) {
        err << "syncserver user: usage: syncserver user add|disable|enable|passwd NAME --data DIR ...; "
               "`syncserver user add --help` and so on say more\n";
        return 2;
    }
    const auto &name = c.positional[1];
    if (action == "add")
        return addUser(c, name, out, err, in);
    if (action == "passwd")
        return changePassword(c, name, out, err, in);
    return setActive(c, name, action == "enable", out, err);
}

} // namespace rd::server
