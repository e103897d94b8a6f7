#pragma once

#include "protocol.h"

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {
class Store;
}

namespace rd::sync {

/**
 * The server side of the sync: applies pushed mutations from devices exactly once, through the
 * store's own checked write methods, and serves pull pages from the change sequence. Pure: JSON
 * text in, JSON text out, so the HTTP layer only authenticates and routes. Not thread-safe: the
 * server calls it under its store lock.
 */
class Hub {
public:
    explicit Hub(Store &store);

    /** Where the Hub writes what it does not tell a device (a database's refusal, with its reference). */
    void setLog(std::function<void(const std::string &)> log);

    /**
     * Applies a push request body (docs/sync-protocol.md) from @p who and returns the answer body.
     * Throws ProtocolError (HTTP 400) for a body it cannot read and ForbiddenError (HTTP 403) when a
     * mutation is beyond the user's role or touches another user's record; in both cases nothing
     * is applied. Rule refusals of single mutations are not errors: they are in the answer.
     */
    [[nodiscard]] std::string push(const Principal &who, std::string_view body, Millis now);

    /** A push body read and type-checked, without the database: the server does this outside its lock. */
    class PushRequest;
    /** Reads a push body; throws ProtocolError as push() does. */
    [[nodiscard]] static std::shared_ptr<const PushRequest> readPush(std::string_view body);
    /** How many mutations a push read by readPush() holds. */
    [[nodiscard]] static std::size_t mutationCount(const PushRequest &request) noexcept;
    /** Whether every mutation of @p request is of a kind applied beside other pushes (MutationKind::writes). */
    [[nodiscard]] static bool besideOthers(const PushRequest &request) noexcept;
    /** Applies a push read by readPush(). */
    [[nodiscard]] std::string push(const Principal &who, const PushRequest &request, Millis now);

    /** One push of a group: who sent it, and its body read by readPush(). */
    struct GroupedPush {
        const Principal *who = nullptr;
        const PushRequest *request = nullptr;
    };
    /** What one push of a group gave: its answer body and the mutations it applied, or its error. */
    struct GroupedAnswer {
        std::string answer;
        std::int64_t rows = 0;
        std::exception_ptr error; ///< what push() would have thrown; then nothing of it is applied
    };
    /**
     * Applies several pushes, each as push() would and in their order, in one transaction: one
     * commit (and one write of the pages they share) instead of one each. Each push still applies
     * whole and exactly once: its mutations and its device's last applied sequence are written
     * together. When any of them throws, the group is rolled back and every push is applied again
     * on its own, in a transaction of its own, so that one push's failure never touches another;
     * a push is answered only once its transaction has committed. The server calls it with the
     * pushes waiting for its store lock.
     */
    [[nodiscard]] std::vector<GroupedAnswer> pushGroup(const std::vector<GroupedPush> &pushes, Millis now);

    /** Answers a pull request body with the next page of changes in @p who's scope. */
    [[nodiscard]] std::string pull(const Principal &who, std::string_view body);

    /**
     * This server database's identity (meta "database_id"), made on first use. A backup gets an
     * identity of its own (syncserver backup), so a database restored from one is told apart from
     * the one the devices last synced with; every answer carries it.
     *
     * PostgreSQL: checked again on every new session of the connection (Database::session)
     * against where the database's history comes from (meta "postgres_origin": the cluster's
     * system identifier, the database's oid and the write-ahead log's timeline). A restore into a
     * new database or cluster, a point-in-time recovery and a standby's promotion each change that
     * origin, and each may have lost transactions whose pushes the tablets were told were
     * applied; the first server to see the change gives the database a new identity, so that the
     * tablets send again what they kept and pull afresh. Call it outside a transaction (push and
     * pull do): a new identity must not roll back with the request that found it.
     */
    [[nodiscard]] Id databaseId();

    /**
     * Registers @p deviceId as @p userId's at sign-in: a device id belongs to the account that
     * first signed in with it. Throws ForbiddenError, changing nothing, when it is another's.
     */
    void registerDevice(const Id &userId, const Id &deviceId, Millis now);

    /** The sites a user works at (all sites for a release manager), for the Principal. */
    [[nodiscard]] std::vector<Id> sitesOf(const Id &userId, Role role);

    /** Mutations applied by the last push, or rows sent by the last pull (for /metrics). */
    [[nodiscard]] std::int64_t lastRowCount() const noexcept { return m_lastRows; }

private:
    /** Throws DatabaseChangedError when a device names another database than this one. */
    void requireDatabase(const std::optional<Id> &sent);
    /** PostgreSQL: records the database's origin, or a new identity when the origin changed. */
    void followOrigin();
    /** push() inside a transaction the caller opened and commits. */
    [[nodiscard]] std::string applyPush(const Principal &who, const PushRequest &request, Millis now);

    /** One table's part of a pull page: its query and column names, built once per Hub. */
    struct PageQuery {
        std::string_view table;
        std::string sql;
        std::string columnNames; ///< as JSON array items
        int columns = 0;
        bool scoped = false; ///< binds the user as ?3
    };
    /** The page queries for a scope (all sites or the user's) and whether office-only columns go. */
    const std::vector<PageQuery> &pageQueries(bool scoped, bool office);

    Store &m_store;
    std::optional<Id> m_databaseId;
    std::uint64_t m_identitySession = 0; ///< the connection session m_databaseId was checked on
    std::function<void(const std::string &)> m_log;
    std::int64_t m_lastRows = 0;
    std::vector<PageQuery> m_pageQueries[2][2]; // [scoped][office]
    std::string m_seqUnion[2];               // [scoped]
};

} // namespace rd::sync
