#pragma once

#include <string>

namespace rd::server {

/**
 * Copies the database at @p source to @p destination with SQLite's online backup API, from a
 * connection of its own, so it works while the server runs and writes (WAL): the copy is one
 * consistent snapshot. Written to a temporary file and renamed, so @p destination is never half a
 * database. Throws StoreError with the reason.
 */
void backupDatabase(const std::string &source, const std::string &destination);

} // namespace rd::server
