#pragma once

#include "syncaccount.h"

#include "domain/id.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace rd {
class Store;
namespace sync {
class Replica;
}
} // namespace rd

namespace rd::mobile {

/**
 * The tablet's end-of-day sync with the central server (docs/sync-protocol.md): sign-in, then
 * push the outbox and pull the server's changes, over Qt Network. It moves the bodies the
 * Replica makes and reads and holds no sync state of its own beyond the request in flight, so
 * a cancel, a crash or a lost answer leaves the outbox and the pull cursor consistent. Every
 * failure reaches the app as a signal in plain words; nothing throws across the event loop.
 */
class SyncClient : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The session owns the sync client: session.sync.")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(Phase phase READ phase NOTIFY progress)
    // Numbers for QML, which has no other kind: Qt 6.4's qmllint does not know qint64 (qlonglong).
    Q_PROPERTY(double rowsDone READ rowsDone NOTIFY progress)
    Q_PROPERTY(double rowsTotal READ rowsTotal NOTIFY progress)
    Q_PROPERTY(double bytesDone READ bytesDone NOTIFY progress)
    Q_PROPERTY(double bytesTotal READ bytesTotal NOTIFY progress)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY accountChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY accountChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY accountChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY accountChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY error)
    Q_PROPERTY(QString lastSummary READ lastSummary NOTIFY finished)
    Q_PROPERTY(QDateTime lastSyncAt READ lastSyncAt NOTIFY finished)

public:
    enum class State { Idle, SigningIn, Pushing, Pulling, WaitingToRetry, Failed, Finished, SettingPassword };
    Q_ENUM(State)
    enum class Phase { None, SignIn, Push, Pull, Password };
    Q_ENUM(Phase)

    /** Sizes, retry and time limits; the defaults suit a tablet, tests make them small. */
    struct Tuning {
        int pushBatch = 500;             ///< mutations per push request
        int pullPage = 20000;            ///< rows asked for per pull page (sync_bench: fastest)
        int firstPullPage = 1000;        ///< rows of a sync's first page: writing starts at once
        int retryInitialMs = 500;        ///< first wait after a network error or a 5xx
        int retryMaxMs = 30000;          ///< the wait doubles up to this
        int maxAttempts = 8;             ///< tries of one request before the sync gives up
        int transferTimeoutMs = 60000;   ///< a request with no traffic for this long fails
        qsizetype gzipAboveBytes = 4096; ///< push bodies larger than this are gzip-compressed
    };

    SyncClient(Store &store, sync::Replica &replica, QNetworkAccessManager &network,
               QObject *parent = nullptr);
    ~SyncClient() override;

    void setTuning(const Tuning &tuning) { m_tuning = tuning; }
    [[nodiscard]] const Tuning &tuning() const noexcept { return m_tuning; }

    /** Signs in at @p serverUrl; on success the server, user and tokens are kept in the store. */
    Q_INVOKABLE void signIn(const QString &serverUrl, const QString &name, const QString &password);
    /** Pushes the outbox, then pulls until the tablet is up to date. Ends with finished(). */
    Q_INVOKABLE void sync();
    /** Stops the request in flight (or the wait before a retry); the outbox and cursor stay whole. */
    Q_INVOKABLE void cancel();
    /** Points the kept sign-in at another address of the same server (it moved, or a new port). */
    Q_INVOKABLE bool setServerUrl(const QString &serverUrl);
    /**
     * Sets the password of the person @p userId on the server (POST /api/v1/password; the signed-in
     * person must be a release manager), online: it is never queued, and not kept once sent. The
     * person must have reached the server (sync first after adding them). Refreshes the sign-in
     * like a sync; fails at once, in words, when the server cannot be reached (no retries: someone
     * is waiting). Not while a sync runs. Ends with passwordSet().
     */
    Q_INVOKABLE void setPassword(const QString &userId, const QString &password);

    [[nodiscard]] State state() const noexcept { return m_state; }
    [[nodiscard]] bool busy() const noexcept;
    [[nodiscard]] Phase phase() const noexcept { return m_phase; }
    [[nodiscard]] qint64 rowsDone() const noexcept { return m_rowsDone; }
    [[nodiscard]] qint64 rowsTotal() const noexcept { return m_rowsTotal; }
    [[nodiscard]] qint64 bytesDone() const noexcept { return m_bytesBase + m_bytesNow; }
    [[nodiscard]] qint64 bytesTotal() const noexcept { return m_bytesBase + m_bytesNowTotal; }
    [[nodiscard]] bool signedIn() const;
    [[nodiscard]] QString userName() const;
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] QString serverUrl() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] QString lastSummary() const { return m_lastSummary; }
    /** When the last sync completed (this tablet's clock); invalid before the first. */
    [[nodiscard]] QDateTime lastSyncAt() const;

signals:
    void stateChanged(rd::mobile::SyncClient::State state);
    /** Push rows: mutations acknowledged of the outbox at the start; pull rows: the page's done/total. */
    void progress(rd::mobile::SyncClient::Phase phase, qint64 rowsDone, qint64 rowsTotal, qint64 bytesDone,
                  qint64 bytesTotal);
    /** A request failed for a reason that may pass; it is sent again after @p delayMs. */
    void retrying(int attempt, int maxAttempts, int delayMs, const QString &why);
    void signInFinished(bool ok, const QString &message);
    /** The end of a setPassword(): whether the server keeps the new password, in plain words. */
    void passwordSet(bool ok, const QString &message);
    /** The end of a sync(): whether it completed, and what happened in plain words. */
    void finished(bool ok, const QString &summary);
    /** The kept sign-in no longer works: the user must sign in again; nothing local was dropped. */
    void signInRequired(const QString &why);
    void error(const QString &message);
    void accountChanged();

private:
    enum class Step { SignIn, Refresh, Push, Pull, Password };
    struct Request {
        Step step = Step::Push;
        QByteArray body;
    };
    /** What a finished reply said, read once. */
    struct Answer {
        int status = 0; ///< HTTP status, 0 when no answer arrived
        bool transportError = false;
        bool retryable = false; ///< a transport failure that may pass
        QString transportWhy;   ///< plain words for a transport failure
        QByteArray body;        ///< decompressed
        QString errorCode;      ///< "error" of a JSON error body
        QString errorMessage;   ///< "message" of a JSON error body
        QJsonObject errorBody;  ///< the whole error body (seq_gap's expected_seq, ...)
    };

    /** Runs @p f and turns anything the core throws into a failure in plain words. */
    template <typename F>
    void guarded(F &&f) noexcept;
    void setState(State state);
    void beginPhase(Phase phase, qint64 rowsTotal);
    void emitProgress();

    void startStep(Step step, QByteArray body);
    void transmit();
    void onReplyFinished(QNetworkReply *reply);
    [[nodiscard]] Answer readAnswer(QNetworkReply *reply) const;
    void handleAnswer(const Answer &answer);
    void scheduleRetry(const QString &why);
    void startRefresh();

    void onSignedIn(const QByteArray &body);
    void onRefreshed(const QByteArray &body);
    void startPushPhase();
    void nextPush();
    /** The next other person's waiting changes, after a refresh of their sign-in; false when none. */
    bool nextOtherAccount();
    /** The other person being pushed for cannot be signed in: their changes wait; go on. */
    void skipOtherAccount();
    void onPushAnswer(const QByteArray &body);
    /** A 409 from a push or pull: a restored server (seq_gap, database_changed). True when handled. */
    bool recover(const Answer &answer);
    void nextPull();
    void onPullAnswer(const QByteArray &body);
    void onPasswordSet();

    void succeed();
    void fail(const QString &message);
    void failSignIn(const QString &message);
    void failPassword(const QString &message);
    /** Forgets the request in flight's body and what a refresh would resume: a password must not linger. */
    void forgetRequest();
    void requireSignIn(const QString &why);
    void abortReply();

    [[nodiscard]] QUrl endpoint(Step step) const;
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QString describeFailure(const Answer &answer) const;

    Store &m_store;
    sync::Replica &m_replica;
    QNetworkAccessManager &m_network;
    SyncAccount m_account;
    Tuning m_tuning;

    State m_state = State::Idle;
    Phase m_phase = Phase::None;
    qint64 m_rowsDone = 0;
    qint64 m_rowsTotal = 0;
    qint64 m_bytesBase = 0; // bytes of this phase's finished requests
    qint64 m_bytesNow = 0;  // of the request in flight
    qint64 m_bytesNowTotal = 0;

    Request m_request; // the request in flight or waiting to be sent again
    Id m_pushDevice;   // whose changes are being pushed: the signed-in person's, or another's
    std::optional<SyncAccount::OtherAccount> m_other; // that other person, while their changes go
    QString m_otherAccess;                           // and their access token
    std::vector<SyncAccount::OtherAccount> m_others; // the other people still to push for
    QStringList m_waitingFor; // people whose changes wait for them to sign in again
    Id m_signInDevice;        // the device the sign-in in flight is for
    int m_recoveries = 0;     // restored-server recoveries in this sync (bounded)
    Request m_resume;  // the step a token refresh interrupted
    QUrl m_signInUrl;  // the server being signed in to (kept once sign-in succeeds)
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    int m_attempt = 0;
    bool m_refreshed = false; // this step already refreshed the token once
    quint64 m_run = 0;        // changes on cancel, so a slot can tell its run was stopped

    // what this sync did, for the summary
    int m_pushed = 0;
    int m_merged = 0;
    int m_conflicts = 0;
    int m_rejected = 0;
    qint64 m_pulled = 0;

    QString m_lastError;
    QString m_lastSummary;
};

} // namespace rd::mobile
