#pragma once

#include "serverprocess.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rd::soak {

/** One person the soak's tablets sign in as. */
struct SoakUser {
    std::string name;
    std::string role;                ///< as `syncserver user add --role` takes it
    std::vector<std::string> sites;  ///< site codes
    bool fromDemo = false;           ///< made by seed-demo; the others by `syncserver user add`
};

/** A copy of the server's database taken while it ran, to restore later. */
struct Backup {
    QString path;
    std::int64_t takenAtMs = 0; ///< run time (ms since the run began) when it was taken
    int number = 0;
};

/**
 * The real syncserver for the soak, driven as its operator would drive it: seeded through its
 * command line (seed-demo, user add), started and stopped, killed with SIGKILL, backed up while
 * it runs, restored from an older backup, its tokens expired, and run with a limit on the
 * database's size (serve --max-db-pages) as on a full disk. Each call blocks for a bounded time;
 * whatever it started is stopped when it goes.
 */
class ServerControl {
public:
    /** Its data in @p workDir/server, backups in @p workDir/backups. */
    explicit ServerControl(const QString &workDir);
    ~ServerControl();

    /**
     * seed-demo, `user add` for the users seed-demo does not make, and one large release per site
     * (10,000 units) with @p installers of it, so that a long run never runs out of units.
     */
    [[nodiscard]] bool seed(const std::vector<SoakUser> &users, const std::vector<std::string> &installers,
                            QString *why);

    /** Starts `serve` with the current options (access token lifetime, page limit). */
    [[nodiscard]] bool start(QString *why);
    /** SIGKILL: no clean stop, whatever is in flight. */
    void kill();
    /** SIGTERM and a bounded wait. */
    void stop();
    [[nodiscard]] bool running() const;
    [[nodiscard]] quint16 port() const;

    /** The access token lifetime from the next start (seconds). */
    void setAccessTtl(int seconds) { m_accessTtl = seconds; }
    [[nodiscard]] int accessTtl() const noexcept { return m_accessTtl; }
    /** The page limit from the next start; 0: none. */
    void setMaxDbPages(std::int64_t pages) { m_maxDbPages = pages; }
    [[nodiscard]] std::int64_t maxDbPages() const noexcept { return m_maxDbPages; }

    /** `syncserver backup --data DIR FILE`, while it runs; kept in backups(). */
    [[nodiscard]] bool backup(std::int64_t runMs, QString *why);
    [[nodiscard]] const std::vector<Backup> &backups() const noexcept { return m_backups; }
    /**
     * Stops the server and puts @p backup in place of its database (`syncserver restore` when
     * the binary has it, else a copy over DIR/releasedesk.db with its -wal and -shm removed);
     * the caller starts it again.
     */
    [[nodiscard]] bool restore(const Backup &backup, QString *why);
    /** Whether restore() uses the server's own `restore` command. */
    [[nodiscard]] bool hasRestoreCommand() { return supports(QStringLiteral("restore --data")); }
    /** Whether expire-tokens can end access tokens only (--access-only; refresh tokens then work). */
    [[nodiscard]] bool canExpireAccessOnly() { return supports(QStringLiteral("--access-only")); }
    /**
     * `syncserver expire-tokens --data DIR`, while it runs: every token, so devices sign in again
     * (a server from before --access-only ends access tokens only), or with @p accessOnly only
     * access tokens, so devices refresh.
     */
    [[nodiscard]] bool expireTokens(bool accessOnly, QString *why);

    /** The database's size in pages, read from the file (the server stopped or not). */
    [[nodiscard]] std::int64_t pageCount();

    [[nodiscard]] QString dataDir() const;
    [[nodiscard]] QString databasePath() const;
    /** The end of what the server wrote to stderr, for a report. */
    [[nodiscard]] QByteArray log() const;

private:
    QString m_workDir;
    std::unique_ptr<ServerProcess> m_process;
    int m_accessTtl = 3600;
    std::int64_t m_maxDbPages = 0;
    std::vector<Backup> m_backups;
    /** Whether `syncserver help` mentions @p text: the soak runs against servers older and newer. */
    [[nodiscard]] bool supports(const QString &text);

    QString m_usage; // `syncserver help`, read once
};

} // namespace rd::soak
