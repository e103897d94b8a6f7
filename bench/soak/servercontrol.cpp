#include "servercontrol.h"

#include "domain/errors.h"
#include "store/store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <algorithm>

namespace rd::soak {

namespace {

constexpr int kAdminMs = 60000;
constexpr const char *kPassword = "demo-password"; // seed-demo's; the soak's own users get it too

/** Runs `syncserver ARGS` with @p input on its standard input (user add reads the password there). */
bool runWithInput(const QStringList &args, const QByteArray &input, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(ServerProcess::binary(), args);
    if (!p.waitForStarted(kAdminMs)) {
        *output = p.errorString();
        return false;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(kAdminMs)) {
        p.kill();
        p.waitForFinished(kAdminMs);
        *output = QStringLiteral("syncserver %1 did not finish").arg(args.join(u' '));
        return false;
    }
    *output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

std::string today()
{
    return QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString();
}

} // namespace

ServerControl::ServerControl(const QString &workDir)
    : m_workDir(workDir)
{
    QDir().mkpath(dataDir());
    QDir().mkpath(QDir(m_workDir).filePath(QStringLiteral("backups")));
}

ServerControl::~ServerControl()
{
    stop();
}

QString ServerControl::dataDir() const
{
    return QDir(m_workDir).filePath(QStringLiteral("server"));
}

QString ServerControl::databasePath() const
{
    return QDir(dataDir()).filePath(QStringLiteral("releasedesk.db"));
}

QByteArray ServerControl::log() const
{
    return m_process ? m_process->log() : QByteArray();
}

bool ServerControl::seed(const std::vector<SoakUser> &users, const std::vector<std::string> &installers,
                         QString *why)
{
    QString out;
    if (!ServerProcess::seedDemo(dataDir(), &out)) {
        *why = QStringLiteral("syncserver seed-demo failed: ") + out;
        return false;
    }
    for (const auto &u : users) {
        if (u.fromDemo)
            continue;
        QStringList args{QStringLiteral("user"), QStringLiteral("add"), QString::fromStdString(u.name),
                         QStringLiteral("--data"), dataDir(), QStringLiteral("--role"),
                         QString::fromStdString(u.role)};
        for (const auto &site : u.sites)
            args << QStringLiteral("--site") << QString::fromStdString(site);
        if (!runWithInput(args, QByteArray(kPassword) + '\n', &out)) {
            *why = QStringLiteral("syncserver user add %1 failed: %2").arg(QString::fromStdString(u.name), out);
            return false;
        }
    }
    // The demo's releases hold 30 units at most: a long run needs releases that never fill. The
    // command line cannot make a release, so they go in through the store, before the server runs.
    try {
        Store store(databasePath().toStdString());
        const auto manager = store.userByName("morgan");
        const auto laptops = store.releaseByNumber("R-2026-047");
        const auto boards = store.releaseByNumber("R-2026-049");
        if (!manager || !laptops || !boards)
            throw NotFoundError("demo record", "morgan, R-2026-047 or R-2026-049");
        Store::Batch batch(store);
        for (const auto &base : {*laptops, *boards}) {
            Release r;
            r.number = "R-SOAK-" + std::string(base.siteId == laptops->siteId ? "U" : "L");
            r.kind = ReleaseKind::Rollout;
            r.units = 10000;
            r.trigger = TriggerKind::Rfc;
            r.triggerRef = "RFC-SOAK";
            r.buildId = base.buildId;
            r.siteId = base.siteId;
            r.plannedDate = today();
            r.createdBy = manager->id;
            r.createdAt = QDateTime::currentMSecsSinceEpoch();
            const auto sites = store.sites();
            for (const auto &name : installers) {
                const auto u = store.userByName(name);
                if (!u)
                    throw NotFoundError("user", name);
                // An installer of a release works at its site.
                auto q = store.database().query("SELECT 1 FROM user_sites WHERE user_id = ?1 AND site_id = ?2");
                q->bindAll(u->id, r.siteId);
                if (q->step())
                    r.installers.push_back(u->id);
            }
            store.addRelease(r);
        }
        batch.commit();
    } catch (const std::exception &e) {
        *why = QStringLiteral("cannot add the soak's releases: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

bool ServerControl::start(QString *why)
{
    if (running())
        return true;
    m_process = std::make_unique<ServerProcess>(dataDir());
    QStringList options{QStringLiteral("--access-ttl"), QString::number(m_accessTtl)};
    // Every tablet reaches the server through the proxy, from one address, as through a school's
    // NAT: the per-address connection cap (a guard against one client hogging the server) must not
    // be what the soak measures.
    if (supports(QStringLiteral("--max-connections-per-address")))
        options << QStringLiteral("--max-connections-per-address") << QStringLiteral("10000");
    if (m_maxDbPages > 0)
        options << QStringLiteral("--max-db-pages") << QString::number(m_maxDbPages);
    m_process->setServeOptions(options);
    if (!m_process->start()) {
        *why = m_process->why();
        return false;
    }
    return true;
}

void ServerControl::kill()
{
    if (m_process)
        m_process->kill();
}

void ServerControl::stop()
{
    if (m_process)
        m_process->stop();
}

bool ServerControl::running() const
{
    return m_process && m_process->running();
}

quint16 ServerControl::port() const
{
    return running() ? m_process->port() : 0;
}

bool ServerControl::backup(std::int64_t runMs, QString *why)
{
    const int number = static_cast<int>(m_backups.size()) + 1;
    const QString path =
        QDir(m_workDir).filePath(QStringLiteral("backups/backup-%1.db").arg(number, 4, 10, QLatin1Char('0')));
    QString out;
    if (!ServerProcess::runAdmin({QStringLiteral("backup"), QStringLiteral("--data"), dataDir(), path}, &out)) {
        *why = QStringLiteral("syncserver backup failed: ") + out;
        return false;
    }
    m_backups.push_back({path, runMs, number});
    return true;
}

bool ServerControl::supports(const QString &text)
{
    if (m_usage.isEmpty())
        (void)ServerProcess::runAdmin({QStringLiteral("help")}, &m_usage);
    return m_usage.contains(text);
}

bool ServerControl::restore(const Backup &backup, QString *why)
{
    stop();
    if (hasRestoreCommand()) {
        QString out;
        if (!ServerProcess::runAdmin(
                {QStringLiteral("restore"), QStringLiteral("--data"), dataDir(), backup.path}, &out)) {
            *why = QStringLiteral("syncserver restore failed: ") + out;
            return false;
        }
        return true;
    }
    // As an operator does it by hand: the backup in place of the database, and no WAL of the old
    // one left to be replayed over it.
    const QString db = databasePath();
    for (const QString &f : {db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm")}) {
        if (QFile::exists(f) && !QFile::remove(f)) {
            *why = QStringLiteral("cannot remove %1").arg(f);
            return false;
        }
    }
    if (!QFile::copy(backup.path, db)) {
        *why = QStringLiteral("cannot copy %1 to %2").arg(backup.path, db);
        return false;
    }
    return true;
}

bool ServerControl::expireTokens(bool accessOnly, QString *why)
{
    QStringList args{QStringLiteral("expire-tokens"), QStringLiteral("--data"), dataDir()};
    if (accessOnly && canExpireAccessOnly())
        args << QStringLiteral("--access-only");
    QString out;
    if (!ServerProcess::runAdmin(args, &out)) {
        *why = QStringLiteral("syncserver expire-tokens failed: ") + out;
        return false;
    }
    return true;
}

std::int64_t ServerControl::pageCount()
{
    sql::Database db(databasePath().toStdString());
    return db.scalar("PRAGMA page_count");
}

} // namespace rd::soak
