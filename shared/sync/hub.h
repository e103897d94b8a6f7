#pragma once

#include "protocol.h"

#include <memory>
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
    /** Applies a push read by readPush(). */
    [[nodiscard]] std::string push(const Principal &who, const PushRequest &request, Millis now);

    /** Answers a pull request body with the next page of changes in @p who's scope. */
    [[nodiscard]] std::string pull(const Principal &who, std::string_view body);

    /** The sites a user works at (all sites for a release manager), for the Principal. */
    [[nodiscard]] std::vector<Id> sitesOf(const Id &userId, Role role);

    /** Mutations applied by the last push, or rows sent by the last pull (for /metrics). */
    [[nodiscard]] std::int64_t lastRowCount() const noexcept { return m_lastRows; }

private:
    /** One table's part of a pull page: its query and column names, built once per Hub. */
    struct PageQuery {
        std::string_view table;
        std::string sql;
        std::string columnNames; ///< as JSON array items
        int columns = 0;
        bool scoped = false; ///< binds the user as ?3
    };
    const std::vector<PageQuery> &pageQueries(bool scoped);

    Store &m_store;
    std::int64_t m_lastRows = 0;
    std::vector<PageQuery> m_pageQueries[2]; // [scoped]
    std::string m_seqUnion[2];               // [scoped]
};

} // namespace rd::sync
