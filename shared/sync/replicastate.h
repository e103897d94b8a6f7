#pragma once

// What the Replica's parts share: the tablet's sync state in `meta`, and small helpers. Internal
// to shared/sync/replica*.cpp.

#include "domain/entities.h"
#include "domain/errors.h"
#include "store/store.h"

#include <chrono>
#include <string>

namespace rd::sync::replicastate {

inline constexpr const char *kCursor = "sync.pull_cursor";
inline constexpr const char *kSessionFrom = "sync.pull_session_from";
inline constexpr const char *kTotal = "sync.pull_total";
inline constexpr const char *kDone = "sync.pull_done";
inline constexpr const char *kSnapshotUntil = "sync.snapshot_until";
inline constexpr const char *kDevice = "sync.device";           ///< the device changes are queued as
inline constexpr const char *kDatabase = "sync.database_id";    ///< the server database last synced with
inline constexpr const char *kFreshPull = "sync.fresh_pull";    ///< "due", or "under way"

inline Millis nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline std::int64_t metaInt(Store &store, const char *key, std::int64_t fallback)
{
    const auto v = store.meta(key);
    if (!v)
        return fallback;
    try {
        return std::stoll(*v);
    } catch (const std::exception &) {
        throw StoreError(std::string("local setting ") + key + " is damaged", 0);
    }
}

/** Turns foreign key checks off for the scope: the server checked them, and pages arrive in seq order. */
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(sql::Database &db)
        : m_db(db)
    {
        m_db.exec("PRAGMA foreign_keys = OFF");
    }
    ~ForeignKeysOff()
    {
        try {
            m_db.exec("PRAGMA foreign_keys = ON");
        } catch (...) {
        }
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    sql::Database &m_db;
};

} // namespace rd::sync::replicastate
