#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rd::server {

/** How `syncserver serve` runs: from its command line, with the documented defaults. */
struct ServerOptions {
    std::string dataDir;  ///< photos (attachments/); the SQLite database too, unless database says otherwise
    std::string database; ///< DIR/releasedesk.db, or a postgresql:// URI
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080; ///< 0 picks a free port, printed on the "listening" line
    std::string tlsCert;       ///< PEM chain; HTTPS when both this and tlsKey are set
    std::string tlsKey;
    std::int64_t accessTtlSeconds = 3600;
    std::int64_t refreshTtlSeconds = 2592000;
    std::size_t bodyLimit = 16 * 1024 * 1024;
    /** The largest photo attachment, whole (it arrives in pieces, each a request body). */
    std::int64_t attachmentLimit = 8 * 1024 * 1024;
    int threads = 4; ///< request threads; pushes are applied on threads of their own (PushQueue)
    /** PostgreSQL: push threads, each with a connection of its own (PushQueue); SQLite has one. */
    int pushWriters = 2;
    std::size_t maxConnectionsPerAddress = 64;
    /** Failed sign-ins for one name, and from one client address, before each further attempt waits. */
    int signinFailuresPerAccount = 5;
    int signinFailuresPerAddress = 20;
    /** Password checks: threads of their own (SigninPool), and how many may wait for one. */
    int signinThreads = 2;
    std::size_t signinQueue = 32;
    /// A test aid (bench/soak's full disk): SQLite's max_page_count on the writer connection, so the
    /// database cannot grow past this many pages and writes fail as on a full disk. 0: no limit.
    std::int64_t maxDbPages = 0;
};

} // namespace rd::server
