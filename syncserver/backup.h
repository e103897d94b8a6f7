#pragma once

#include "domain/id.h"

#include <string>

namespace rd::server {

/**
 * Copies the database at @p source to @p destination with SQLite's online backup API, from a
 * connection of its own, so it works while the server runs and writes (WAL): the copy is one
 * consistent snapshot. Written to a temporary file and renamed, so @p destination is never half a
 * database. Throws StoreError with the reason.
 */
void backupDatabase(const std::string &source, const std::string &destination);

/**
 * Backs the PostgreSQL database at @p uri up to @p destination with PostgreSQL's own pg_dump
 * (its custom format, for pg_restore): one consistent snapshot, safe while servers run; written
 * to a temporary file and renamed. Throws StoreError when pg_dump is missing or fails.
 */
void backupPostgres(const std::string &uri, const std::string &destination);

/** What restoreDatabase did. */
struct Restored {
    Id databaseId;        ///< the restored database's new identity
    std::string replaced; ///< where the database it replaced was kept, or empty when there was none
};

/**
 * Puts the backup @p backupFile (made by backupDatabase) in place as the database at
 * @p databasePath, with the server stopped: copied with the backup API to a temporary file beside
 * it, given a new identity (meta "database_id"), checked (a Release Desk database this version can
 * open, sound), then renamed into place, so the database is never half-written. The database it
 * replaces is kept as DATABASE.before-restore with its -wal; its -shm is removed, so nothing of
 * it is read into the restored one. Throws StoreError, with the database untouched, when the
 * backup cannot be used.
 */
Restored restoreDatabase(const std::string &backupFile, const std::string &databasePath);

} // namespace rd::server
