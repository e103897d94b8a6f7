#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>

#include <sys/prctl.h>

#include <csignal>

namespace {

constexpr int kStartMs = 30000;
constexpr int kStopMs = 10000;
constexpr int kAdminMs = 60000;
constexpr qsizetype kLogKeep = 256 * 1024;

} // namespace

ServerProcess::ServerProcess(QString dataDir)
    : m_dataDir(std::move(dataDir))
{
    QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] { drain(); });
    // After the "listening" line, whatever it prints is kept with the log, so the pipe never fills.
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] {
        if (m_listening)
            drain();
    });
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::binary()
{
    return QStringLiteral(RD_SYNCSERVER_PATH);
}

QString ServerProcess::databasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("releasedesk.db"));
}

QUrl ServerProcess::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

bool ServerProcess::running() const
{
    return m_process.state() != QProcess::NotRunning;
}

void ServerProcess::drain()
{
    m_log += m_process.readAllStandardError();
    if (m_listening)
        m_log += m_process.readAllStandardOutput();
    if (m_log.size() > kLogKeep)
        m_log = m_log.right(kLogKeep);
}

bool ServerProcess::start()
{
    m_port = 0;
    m_listening = false;
    m_why.clear();
    m_process.setProgram(binary());
    // Should the test or bench be killed outright (a CI timeout), its server goes with it.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--data"), m_dataDir,
                                       QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} +
                           m_serveOptions);
    m_process.start();
    if (!m_process.waitForStarted(kStartMs)) {
        m_why = QStringLiteral("cannot start %1: %2").arg(binary(), m_process.errorString());
        return false;
    }
    // The agreed first line: "syncserver: listening on 127.0.0.1:PORT".
    static const QRegularExpression listening(
        QStringLiteral("^syncserver: listening on 127\\.0\\.0\\.1:(\\d+)\\s*$"));
    QDeadlineTimer deadline(kStartMs);
    while (!m_process.canReadLine() && m_process.state() == QProcess::Running && !deadline.hasExpired())
        m_process.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
    if (!m_process.canReadLine()) {
        drain();
        m_why = QStringLiteral("the server printed no \"listening\" line (exit %1): %2")
                    .arg(m_process.exitCode())
                    .arg(QString::fromUtf8(m_log + m_process.readAllStandardOutput()));
        stop();
        return false;
    }
    const QString line = QString::fromUtf8(m_process.readLine());
    const auto match = listening.match(line);
    if (!match.hasMatch()) {
        m_why = QStringLiteral("unexpected first line from the server: %1").arg(line);
        stop();
        return false;
    }
    m_port = static_cast<quint16>(match.captured(1).toUInt());
    m_listening = true;
    drain();
    return true;
}

void ServerProcess::kill()
{
    if (!running())
        return;
    m_process.kill();
    m_process.waitForFinished(kStopMs);
    drain();
}

void ServerProcess::stop()
{
    if (!running())
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(kStopMs)) {
        m_process.kill();
        m_process.waitForFinished(kStopMs);
    }
    drain();
}

bool ServerProcess::restart()
{
    if (running())
        stop();
    return start();
}

bool ServerProcess::runAdmin(const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary(), args);
    const bool ended = p.waitForStarted(kAdminMs) && p.waitForFinished(kAdminMs);
    const QString text = QString::fromUtf8(p.readAll());
    if (output)
        *output = text;
    if (!ended) {
        p.kill();
        p.waitForFinished(kStopMs);
        if (output)
            *output = QStringLiteral("syncserver %1 did not finish: %2").arg(args.join(u' '), text);
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool ServerProcess::seedDemo(const QString &dataDir, QString *output)
{
    return runAdmin({QStringLiteral("seed-demo"), QStringLiteral("--data"), dataDir}, output);
}

std::unique_ptr<ServerProcess> ServerProcess::startDemo(const QString &dataDir, QString *why)
{
    QString output;
    if (!seedDemo(dataDir, &output)) {
        *why = QStringLiteral("syncserver seed-demo failed: ") + output;
        return nullptr;
    }
    auto server = std::make_unique<ServerProcess>(dataDir);
    if (!server->start()) {
        *why = server->why();
        return nullptr;
    }
    return server;
}
