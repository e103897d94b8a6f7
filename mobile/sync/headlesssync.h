#pragma once

#include <QObject>
#include <QString>

class QTextStream;

namespace rd::mobile {

class SyncClient;

/**
 * `releasedesk --sync`: one sign-in (when asked) and one sync with no window, progress and the
 * outcome printed as lines for a terminal or a log, and an exit code for scripts.
 */
class HeadlessSync : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString serverUrl; ///< empty: the server kept from the last sign-in
        QString userName;  ///< non-empty: sign in first as this user
        QString password;
    };

    /** Exit codes: 0 synced, 1 the sync or sign-in failed, 2 the command line was wrong. */
    enum ExitCode { Synced = 0, Failed = 1, Usage = 2 };

    HeadlessSync(SyncClient &client, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    /** Starts the work; done() tells the exit code when it is over. */
    void start(const Options &options);

signals:
    void done(int exitCode);

private:
    void printProgress(int phase, qint64 rowsDone, qint64 rowsTotal, qint64 bytesDone);
    void finish(int exitCode, const QString &message);

    SyncClient &m_client;
    QTextStream &m_out;
    QTextStream &m_err;
    int m_lastPhase = -1;
    qint64 m_lastRows = -1;
    bool m_over = false;
};

} // namespace rd::mobile
