#pragma once

#include "commandline.h"

#include <iosfwd>

namespace rd::server {

/**
 * `syncserver user add|disable|enable|passwd NAME --data DIR ...`: the people who may sign in.
 * disable and passwd end every token the user holds, so their devices are refused from their next
 * call (also while the server runs). Returns the exit code.
 */
int userCommand(const CommandLine &c, std::ostream &out, std::ostream &err, std::istream &in);

} // namespace rd::server
