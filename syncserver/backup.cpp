#include "backup.h"

#include "domain/errors.h"
#include "domain/id.h"
#include "store/migrations.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
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

/** The first column of the first row of @p sql, as text ("" when there is none). */
std::string scalarText(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        throw StoreError(std::string("cannot read the backup: ") + sqlite3_errmsg(db), sqlite3_errcode(db));
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        out = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
}

/**
 * Why @p path cannot be restored, or empty when it can: sound, a Release Desk database of a
 * schema this version opens, with an identity. Leaves it in rollback-journal mode, a single file
 * that can be renamed alone (the server's next open puts it back in WAL mode).
 */
std::string checkRestorable(const std::string &path, Id &databaseId)
{
    const auto db = open(path, SQLITE_OPEN_READWRITE);
    if (scalarText(db.get(), "PRAGMA journal_mode=DELETE") != "delete")
        return "it cannot be made a single file (journal mode)";
    if (const auto check = scalarText(db.get(), "PRAGMA quick_check"); check != "ok")
        return "it is damaged (" + check + ")";
    const int version = std::atoi(scalarText(db.get(), "PRAGMA user_version").c_str());
    if (version < 1)
        return "it is not a Release Desk database";
    if (version > schemaVersion())
        return "it was written by a newer version of Release Desk (schema " + std::to_string(version) + ")";
    const auto identity = scalarText(db.get(), "SELECT value FROM meta WHERE key = 'database_id'");
    if (identity.empty())
        return "it has no database identity";
    databaseId = Id::parse(identity, "database id");
    return {};
}

/** Makes the renames in @p dir durable (a power cut after a rename must not undo it). */
void syncDirectory(const std::filesystem::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)::fsync(fd);
    ::close(fd);
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
    std::filesystem::rename(partial, destination);
}

Restored restoreDatabase(const std::string &backupFile, const std::string &databasePath)
{
    namespace fs = std::filesystem;
    if (!fs::is_regular_file(backupFile))
        throw StoreError("there is no backup file at " + backupFile, SQLITE_CANTOPEN);
    const std::string restoring = databasePath + ".restoring";
    std::error_code ec;
    const auto removeRestoring = [&] {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(restoring + suffix, ec);
    };
    removeRestoring();
    std::string why;
    Id databaseId;
    try {
        // A copy of its own, never the backup itself: the backup stays as it was, to restore again.
        backupDatabase(backupFile, restoring);
        why = checkRestorable(restoring, databaseId);
    } catch (const Error &e) {
        why = e.what();
    }
    if (!why.empty()) {
        removeRestoring();
        throw StoreError("cannot restore from " + backupFile + ": " + why + "; the database was not changed",
                         SQLITE_CORRUPT);
    }
    fs::remove(restoring + "-shm", ec); // none in rollback-journal mode; made sure of

    // The database being replaced is kept with its WAL (together they are the whole of it); its
    // shared-memory index is only a cache, and a stale one must not meet the restored file.
    Restored restored{databaseId, {}};
    if (fs::exists(databasePath)) {
        restored.replaced = databasePath + ".before-restore";
        for (const char *suffix : {"", "-wal", "-shm"})
            fs::remove(restored.replaced + suffix, ec);
        fs::rename(databasePath, restored.replaced);
        if (fs::exists(databasePath + "-wal"))
            fs::rename(databasePath + "-wal", restored.replaced + "-wal");
    }
    fs::remove(databasePath + "-shm", ec);
    fs::remove(databasePath + "-wal", ec);
    fs::rename(restoring, databasePath);
    syncDirectory(fs::path(databasePath).parent_path());
    return restored;
}

void backupPostgres(const std::string &uri, const std::string &destination)
{
    const std::string partial = destination + ".partial";
    const pid_t pid = ::fork();
    if (pid < 0)
        throw StoreError("cannot start pg_dump: " + std::string(std::strerror(errno)), 1);
    if (pid == 0) {
        ::execlp("pg_dump", "pg_dump", "--format=custom", "--no-owner", "--file", partial.c_str(),
                 "--dbname", uri.c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::error_code ec;
        std::filesystem::remove(partial, ec);
        throw StoreError(WIFEXITED(status) && WEXITSTATUS(status) == 127
                             ? "pg_dump is not installed (Debian: apt-get install postgresql-client-15)"
                             : "pg_dump failed; nothing was written to " + destination,
                         1);
    }
    std::filesystem::rename(partial, destination);
}

} // namespace rd::server
