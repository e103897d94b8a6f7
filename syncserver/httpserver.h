#pragma once

#include "serveroptions.h"

#include <iosfwd>

namespace rd::server {

/**
 * `syncserver serve`: opens the store in options.dataDir, listens on options.host:port (HTTPS
 * with a certificate), prints "syncserver: listening on HOST:PORT" to @p out once it accepts,
 * and serves until SIGTERM or SIGINT. Then it stops accepting, lets requests under way finish
 * (at most 10 s), closes the database and returns 0. Returns 1 when it cannot start.
 */
int runServer(const ServerOptions &options, std::ostream &out, std::ostream &err);

} // namespace rd::server
