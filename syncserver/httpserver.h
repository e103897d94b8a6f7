#pragma once

#include "serveroptions.h"

#include <iosfwd>

namespace rd::server {

/**
 * `syncserver serve`: takes the data directory's lock (DataDirLock), opens the store in
 * options.dataDir, listens on options.host:port (HTTPS with a certificate), prints "syncserver:
 * listening on HOST:PORT" to @p out once it accepts, and serves until SIGTERM or SIGINT. Then it
 * stops accepting, lets requests under way finish (at most 10 s), answers sign-ins still waiting
 * for a password check "busy", closes the database and returns 0. Returns 1 when it cannot start
 * (another server holds the directory, the address is taken, the certificate is unusable).
 */
int runServer(const ServerOptions &options, std::ostream &out, std::ostream &err);

} // namespace rd::server
