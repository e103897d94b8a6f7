#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

/**
 * The real syncserver, run for a test: `syncserver serve --data DIR --listen 127.0.0.1:0` in a
 * child process, its port read from the first line it prints. Stopped with SIGTERM (SIGKILL if it
 * does not end in time) when the object goes; kill() and restart() are there for crash tests.
 */
class ServerProcess {
public:
    explicit ServerProcess(QString dataDir);
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    /** `serve` options beyond --data and --listen (--access-ttl 2, ...), used from the next start(). */
    void setServeOptions(QStringList options) { m_serveOptions = std::move(options); }
    /** Starts the server and waits (bounded) for its "listening" line. False, with why(), if not. */
    [[nodiscard]] bool start();
    /** SIGKILL, as a power cut would: no clean stop, whatever is in flight. */
    void kill();
    /** SIGTERM and a bounded wait: the clean stop. */
    void stop();
    /** kill() or stop() if still running, then start() again on the same data (a new port). */
    [[nodiscard]] bool restart();

    [[nodiscard]] bool running() const;
    [[nodiscard]] quint16 port() const noexcept { return m_port; }
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] const QString &dataDir() const noexcept { return m_dataDir; }
    [[nodiscard]] QString databasePath() const;
    [[nodiscard]] QString why() const { return m_why; }
    /** What the server wrote to its standard error and output, for a failing test's message. */
    [[nodiscard]] QByteArray log() const { return m_log; }

    /** Runs `syncserver ARGS...` to its end (bounded); false with @p output filled when it fails. */
    [[nodiscard]] static bool runAdmin(const QStringList &args, QString *output = nullptr);
    /** `syncserver seed-demo --data DIR`: the demo school (users morgan, devi, sam, jo). */
    [[nodiscard]] static bool seedDemo(const QString &dataDir, QString *output = nullptr);

    /** Seeds the demo school into @p dataDir and starts a server on it; nothing, with @p why, on failure. */
    [[nodiscard]] static std::unique_ptr<ServerProcess> startDemo(const QString &dataDir, QString *why);

    [[nodiscard]] static QString binary();

private:
    void drain();

    QString m_dataDir;
    QProcess m_process;
    QStringList m_serveOptions;
    quint16 m_port = 0;
    bool m_listening = false; // the first line is read: later output goes to the log
    QString m_why;
    QByteArray m_log;
};
