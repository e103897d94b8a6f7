#pragma once

#include "commandline.h"

#include <iosfwd>

namespace rd::server {

/**
 * `syncserver import-assets --data DIR FILE [--dry-run] [--as NAME]`: a Snipe-IT or Release Desk
 * CSV into the inventory, directly in the server's store (one transaction; tablets receive the rows
 * by pull). Prints each refused row with its line and reason, and a summary. Exit status 1 when the
 * file cannot be imported or no row of it could be; 2 for bad arguments.
 */
int importAssetsCommand(const CommandLine &c, std::ostream &out, std::ostream &err);

/**
 * `syncserver export-assets --data DIR [--installations --from YYYY-MM-DD --to YYYY-MM-DD] [FILE]`:
 * the inventory, or the installations started in a period, as CSV to FILE or standard output.
 */
int exportAssetsCommand(const CommandLine &c, std::ostream &out, std::ostream &err);

} // namespace rd::server
