#pragma once

#include "domain/entities.h"
#include "domain/errors.h"

#include <string>
#include <vector>

/** The sync protocol shared by the server (Hub) and the tablets (Replica); see docs/sync-protocol.md. */
namespace rd::sync {

/** The protocol version this build speaks; it is in every URL (/api/v1/...) and body. */
constexpr int kProtocolVersion = 1;

/** The most mutations one push may hold. */
constexpr std::size_t kMaxPushMutations = 5000;
/** The most changes one pull page may ask for (`limit`). */
constexpr std::int64_t kMaxPullLimit = 20000;

/** A request the protocol cannot accept: malformed JSON, a wrong type, an unknown field value. HTTP 400. */
class ProtocolError : public Error {
public:
    ProtocolError(std::string code, const std::string &message)
        : Error(message)
        , m_code(std::move(code))
    {}
    /** A stable machine-readable code: "malformed_json", "wrong_type", "missing_field", ... */
    [[nodiscard]] const std::string &code() const noexcept { return m_code; }

private:
    std::string m_code;
};

/** The signed-in user may not do this (their role, or another user's record). HTTP 403. */
class ForbiddenError : public Error {
public:
    using Error::Error;
};

/**
 * A push whose first new mutation is not the one after the device's last applied sequence: the
 * device skipped numbers. HTTP 409 "seq_gap" with the sequence the server expects; nothing applied.
 */
class SeqGapError : public Error {
public:
    SeqGapError(std::int64_t expected, std::int64_t got)
        : Error("this device's next change must be number " + std::to_string(expected) + ", not " +
                std::to_string(got) + "; send the changes from " + std::to_string(expected) + " on")
        , m_expected(expected)
    {}
    [[nodiscard]] std::int64_t expected() const noexcept { return m_expected; }

private:
    std::int64_t m_expected;
};

/**
 * A request that names another server database than this one (the server was restored from a
 * backup, or replaced): HTTP 409 "database_changed" with this database's id; nothing applied. The
 * device sends again what it kept of its acknowledged changes and pulls afresh.
 */
class DatabaseChangedError : public Error {
public:
    explicit DatabaseChangedError(Id databaseId)
        : Error("the server's database was restored or replaced since this device last synced; "
                "the device sends its kept changes again and pulls afresh")
        , m_databaseId(databaseId)
    {}
    [[nodiscard]] const Id &databaseId() const noexcept { return m_databaseId; }

private:
    Id m_databaseId;
};

/** Who is calling: the authenticated user, their role and sites, and the device they sync from. */
struct Principal {
    Id userId;
    Role role = Role::Installer;
    std::vector<Id> sites;
    Id deviceId;
};

/** What a push did, as the tablet learns it from the answer. */
struct PushOutcome {
    std::int64_t lastAppliedSeq = 0; ///< every outbox entry up to here is done
    int applied = 0;
    int duplicates = 0; ///< already applied by an earlier push (a retry)
    int merged = 0;     ///< records that were already on the server, now one (ids mapped)
    int conflicts = 0;  ///< field changes that lost to another device's, kept as conflicts
    int rejected = 0;   ///< refused by a rule; kept in local_rejections with the reason
};

/** What one pull page did. */
struct PullOutcome {
    std::int64_t cursor = 0; ///< the server change sequence reached
    int rows = 0;            ///< rows written or deleted from this page
    std::int64_t total = 0;  ///< changes in this pull session (from its first page)
    std::int64_t done = 0;   ///< of those, applied so far
    bool complete = false;   ///< nothing more to pull
};

/** A conflict as the app shows it: both values side by side. */
struct Conflict {
    Id id;
    std::string table;
    Id recordId;
    std::string field;
    std::string keptValue;
    std::string lostValue;
    Id lostBy;
    Millis createdAt = 0;
    bool resolved = false;
};

} // namespace rd::sync
