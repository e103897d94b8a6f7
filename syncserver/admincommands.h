#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace rd::server {

/**
 * The server's command line: `syncserver COMMAND [options]`, the network service (`serve`) and
 * the administration commands. Returns the process exit code; writes results to @p out and
 * errors, in words an administrator can act on, to @p err. @p in gives `user add` its password.
 */
int runCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err, std::istream &in);

/** runCommand with nothing on standard input. */
int runCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

/** The database file inside a data directory. */
[[nodiscard]] std::string databasePath(const std::string &dataDir);

} // namespace rd::server
