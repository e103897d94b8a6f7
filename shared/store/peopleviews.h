#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

class Store;

/** The people who sign in, as the release manager looks after them. Read-only. */
class PeopleViews {
public:
    explicit PeopleViews(Store &store)
        : m_store(store)
    {}

    /** A person with their sites in words. */
    struct Person {
        User user;
        std::vector<Id> siteIds;
        std::string sites;    ///< "Riverside Academy - Upper School, Riverside Academy - Lower School"
        int openReleases = 0; ///< releases not closed that name them as an installer
    };
    /** Everyone: switched-on people first, then by role (release managers, build developers, installers) and name. */
    [[nodiscard]] std::vector<Person> people();
    [[nodiscard]] std::optional<Person> person(const Id &userId);

private:
    Store &m_store;
};

} // namespace rd
