#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

class Tablet;

namespace rd::sql {
class Database;
}

namespace rd::soak {

class Device;

/** A restore of the server: the backup it went back to was taken at backupMs (run time). */
struct RestoreWindow {
    std::int64_t backupMs = 0;
    std::int64_t restoredMs = 0;
};

/** What the checks at the end of a soak found; the four that must be 0 first. */
struct CheckReport {
    std::int64_t lost = 0;       ///< acknowledged (or vanished from the outbox) and not on the server
    std::int64_t duplicated = 0; ///< on the server more than once
    std::int64_t diverged = 0;   ///< devices whose synced tables differ from a fresh pull's
    std::int64_t stuck = 0;      ///< outbox entries left after the last clean sync

    std::int64_t mutations = 0;    ///< changes the tablets queued
    std::int64_t records = 0;      ///< of those, records created (the five kinds checked by id)
    std::int64_t acknowledged = 0; ///< the server took them (applied, merged, conflict, duplicate)
    std::int64_t refused = 0;      ///< refused by a rule: counted apart, with the reason
    std::int64_t merged = 0;       ///< records on the server under the id of the same machine or unit
    std::int64_t lostAfterRestore = 0; ///< of the lost: acknowledged between a backup and its restore
    std::int64_t vanished = 0;     ///< of the lost: never acknowledged, yet gone from the outbox
    std::map<std::string, std::int64_t> lostByKind;
    std::map<std::string, std::int64_t> refusedByReason;
    std::vector<std::string> findings; ///< what each failing check saw, in words, for stderr
};

/**
 * The soak's verdict, taken once every device has done its last clean sync: every record a device
 * made and the server acknowledged is on the server exactly once (by id, or by the id it was
 * merged into); a record never acknowledged is on the server or still in its device's outbox; each
 * device's synced tables equal what a fresh tablet of the same person pulls (@p freshByUser, by
 * user name); nothing is left unsent. @p server is the server's database, read-only.
 */
[[nodiscard]] CheckReport checkSoak(sql::Database &server, const std::vector<Device *> &devices,
                                    const std::map<std::string, Tablet *> &freshByUser,
                                    const std::vector<RestoreWindow> &restores);

} // namespace rd::soak
