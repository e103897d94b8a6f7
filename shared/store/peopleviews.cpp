// The people who sign in, as the release manager looks after them.
#include "peopleviews.h"

#include "store.h"

namespace rd {

namespace {

// A person's sites by name, so that their list reads the same everywhere.
constexpr std::string_view kPeopleSelect = R"sql(
SELECT u.id, u.name, u.display_name, u.role, u.active,
       (SELECT group_concat(name, ', ') FROM (SELECT s.name FROM user_sites us JOIN sites s ON s.id = us.site_id
                                               WHERE us.user_id = u.id ORDER BY s.name)),
       (SELECT count(*) FROM release_installers ri JOIN releases r ON r.id = ri.release_id
         WHERE ri.user_id = u.id AND r.status <> 'closed')
  FROM users u)sql";

PeopleViews::Person readPerson(const sql::Statement &q)
{
    PeopleViews::Person p;
    p.user.id = q.id(0);
    p.user.name = q.text(1);
    p.user.displayName = q.text(2);
    p.user.role = parse<Role>(q.textView(3));
    p.user.active = q.int64(4) != 0;
    p.sites = q.isNull(5) ? std::string() : q.text(5);
    p.openReleases = static_cast<int>(q.int64(6));
    return p;
}

} // namespace

std::vector<PeopleViews::Person> PeopleViews::people()
{
    std::vector<Person> out;
    auto q = m_store.database().query(
        std::string(kPeopleSelect) +
        " ORDER BY u.active DESC, CASE u.role WHEN 'release-manager' THEN 0 WHEN 'build-developer' THEN 1 ELSE 2 END,"
        " u.display_name, u.name");
    while (q->step())
        out.push_back(readPerson(*q));
    for (auto &p : out)
        p.siteIds = m_store.userSites(p.user.id);
    return out;
}

std::optional<PeopleViews::Person> PeopleViews::person(const Id &userId)
{
    auto q = m_store.database().query(std::string(kPeopleSelect) + " WHERE u.id = ?1");
    q->bind(1, userId);
    if (!q->step())
        return std::nullopt;
    auto p = readPerson(*q);
    p.siteIds = m_store.userSites(userId);
    return p;
}

} // namespace rd
