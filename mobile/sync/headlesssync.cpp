#include "headlesssync.h"

#include "syncclient.h"

#include <QLocale>
#include <QTextStream>

namespace rd::mobile {

namespace {

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

} // namespace

HeadlessSync::HeadlessSync(SyncClient &client, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_out(out)
    , m_err(err)
{
    connect(&m_client, &SyncClient::progress, this,
            [this](SyncClient::Phase phase, qint64 rowsDone, qint64 rowsTotal, qint64 bytesDone, qint64) {
                printProgress(static_cast<int>(phase), rowsDone, rowsTotal, bytesDone);
            });
    connect(&m_client, &SyncClient::retrying, this,
            [this](int attempt, int maxAttempts, int delayMs, const QString &why) {
                m_err << "releasedesk: " << why << "; trying again in "
                      << QString::number(delayMs / 1000.0, 'f', 1) << " s (try " << attempt << " of "
                      << maxAttempts << ")\n";
                m_err.flush();
            });
    connect(&m_client, &SyncClient::finished, this,
            [this](bool ok, const QString &summary) { finish(ok ? Synced : Failed, summary); });
    connect(&m_client, &SyncClient::signInFinished, this, [this](bool ok, const QString &message) {
        if (!ok) {
            finish(Failed, message);
            return;
        }
        m_out << message << "\n";
        m_out.flush();
        m_client.sync();
    });
}

void HeadlessSync::start(const Options &options)
{
    if (!options.userName.isEmpty()) {
        const QString server = options.serverUrl.isEmpty() ? m_client.serverUrl() : options.serverUrl;
        if (server.isEmpty()) {
            finish(Usage, QStringLiteral("--server URL is needed for the first sign-in"));
            return;
        }
        m_client.signIn(server, options.userName, options.password);
        return;
    }
    if (!options.serverUrl.isEmpty() && options.serverUrl != m_client.serverUrl() &&
        !m_client.setServerUrl(options.serverUrl)) {
        finish(Usage, m_client.lastError());
        return;
    }
    if (!m_client.signedIn()) {
        finish(Usage,
               QStringLiteral("this tablet has not signed in yet: give --user NAME and the password on "
                              "standard input (--password-stdin)"));
        return;
    }
    m_client.sync();
}

void HeadlessSync::printProgress(int phase, qint64 rowsDone, qint64 rowsTotal, qint64 bytesDone)
{
    // One line when a request's rows are done, not one per network packet.
    if (phase == m_lastPhase && rowsDone == m_lastRows)
        return;
    const auto p = static_cast<SyncClient::Phase>(phase);
    if ((p != SyncClient::Phase::Push && p != SyncClient::Phase::Pull) ||
        rowsTotal == 0) // nothing to send, or the pull's size not known before its first page
        return;
    m_lastPhase = phase;
    m_lastRows = rowsDone;
    const QString size = QLocale(QLocale::English).formattedDataSize(bytesDone);
    if (p == SyncClient::Phase::Push)
        m_out << "push: " << number(rowsDone) << " of " << number(rowsTotal) << " changes sent (" << size
              << ")\n";
    else
        m_out << "pull: " << number(rowsDone) << " of " << number(rowsTotal) << " changes received (" << size
              << ")\n";
    m_out.flush();
}

void HeadlessSync::finish(int exitCode, const QString &message)
{
    if (m_over)
        return;
    m_over = true;
    if (exitCode == Synced) {
        m_out << message << "\n";
        m_out.flush();
    } else {
        m_err << "releasedesk: " << message << "\n";
        m_err.flush();
    }
    emit done(exitCode);
}

} // namespace rd::mobile
