#pragma once

#include "domain/entities.h"

#include <functional>
#include <string>

namespace rd {

class Store;

/** The sign-in names the demo creates, for the README and the demo script. */
struct DemoUsers {
    static constexpr const char *releaseManager = "morgan";
    static constexpr const char *buildDeveloper = "devi";
    static constexpr const char *installer = "sam";
    static constexpr const char *password = "demo-password";
};

/** What seedDemo created, for the caller to print. */
struct DemoSummary {
    int sites = 0;
    int rooms = 0;
    int services = 0;
    int dslItems = 0;
    int licences = 0;
    int buildProcedures = 0;
    int assets = 0;
    int releases = 0;
    int installations = 0;
};

/**
 * Fills an empty store with a realistic school: two sites and their rooms, people in each role,
 * services, DSL items, licences, approved build procedures (and one still in draft), a few hundred
 * assets, past releases and open releases assigned to the demo installer. Deterministic for a
 * given @p now. @p hashPassword turns the demo password into what the store keeps (the server
 * passes its argon2id hasher); without it the users get no password. Refuses a store that already
 * holds users, so it never mixes demo data into real records.
 */
DemoSummary seedDemo(Store &store, Millis now,
                     const std::function<std::string(const std::string &)> &hashPassword = {});

} // namespace rd
