#include "backup.h"

#include "domain/errors.h"
#include "domain/id.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace rd::server {

namespace {

struct CloseDb {
    void operator()(sqlite3 *db) const noexcept { sqlite3_close(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

DbHandle open(const std::string &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    DbHandle handle(db);
    if (rc != SQLITE_OK)
        throw StoreError("cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), rc);
    sqlite3_busy_timeout(db, 5000);
    return handle;
}

} // namespace

void backupDatabase(const std::string &source, const std::string &destination)
{
    namespace fs = std::filesystem;
    if (!fs::exists(source))
        throw StoreError("there is no database at " + source, SQLITE_CANTOPEN);
    std::error_code ec;
    if (fs::equivalent(source, destination, ec))
        throw StoreError("the backup file must not be the database itself", SQLITE_MISUSE);
    const std::string partial = destination + ".partial";
    fs::remove(partial, ec);
    {
        const auto src = open(source, SQLITE_OPEN_READONLY);
        const auto dst = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        sqlite3_backup *backup = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
        if (!backup)
            throw StoreError("cannot start the backup: " + std::string(sqlite3_errmsg(dst.get())),
                             sqlite3_errcode(dst.get()));
        // All pages in one step: it reads one snapshot of the source, and in WAL mode the server
        // keeps writing meanwhile. Busy only happens on the destination, which nobody else uses;
        // still, retry a bounded number of times rather than spin.
        int rc = SQLITE_OK;
        for (int tries = 0; tries < 100; ++tries) {
            rc = sqlite3_backup_step(backup, -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
            sqlite3_sleep(50);
        }
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            fs::remove(partial, ec);
            throw StoreError("the backup failed: " + std::string(sqlite3_errstr(rc)), rc);
        }
        // The copy is another database from now on: a server restored from it must not pass for
        // the one the devices last synced with (docs/sync-protocol.md, "Restoring the server").
        const std::string identity = "INSERT OR REPLACE INTO meta(key, value) VALUES ('database_id', '" +
                                     Id::generate().toString() + "')";
        char *why = nullptr;
        rc = sqlite3_exec(dst.get(), identity.c_str(), nullptr, nullptr, &why);
        if (rc != SQLITE_OK) {
            const std::string message = why ? why : sqlite3_errstr(rc);
            sqlite3_free(why);
            fs::remove(partial, ec);
            throw StoreError("the backup failed: " + message, rc);
        }
    }
    fs::rename(partial, destination);
}

} // namespace rd::server
