#include "syncclient.h"

#include "qgzip.h"

#include "store/store.h"
#include "sync/replica.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <algorithm>

namespace rd::mobile {

namespace {

// An answer larger than this once unpacked is refused (a pull page of 20,000 rows is a few MiB).
constexpr qsizetype kMaxAnswerBytes = 256 * 1024 * 1024;

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

QString count(qint64 n, const char *one, const char *many)
{
    return number(n) + u' ' + QLatin1String(n == 1 ? one : many);
}

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
}

/** Plain words for a request that got no HTTP answer, and whether trying again may help. */
std::pair<QString, bool> transportWords(QNetworkReply *reply)
{
    const QString host = hostOf(reply->url());
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return {QStringLiteral("the server at %1 is not answering (connection refused)").arg(host), true};
    case QNetworkReply::RemoteHostClosedError:
        return {QStringLiteral("the server at %1 closed the connection before answering").arg(host), true};
    case QNetworkReply::HostNotFoundError:
        return {QStringLiteral("the server name %1 cannot be found; check the address and the network")
                    .arg(reply->url().host()),
                true};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout ends a reply this way
        return {QStringLiteral("the server at %1 did not answer in time").arg(host), true};
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return {QStringLiteral("the network is not available"), true};
    case QNetworkReply::SslHandshakeFailedError:
        return {QStringLiteral("the secure connection to %1 failed: the server's certificate is not trusted "
                               "(%2)")
                    .arg(host, reply->errorString()),
                false};
    case QNetworkReply::ProtocolUnknownError:
        return {QStringLiteral("the server address must start with http:// or https://"), false};
    default:
        return {reply->errorString(), true};
    }
}

/** Plain words for what the core threw. */
QString coreWords(const std::exception &e)
{
    if (dynamic_cast<const sync::ProtocolError *>(&e))
        return QStringLiteral("The server's answer could not be understood (%1). Nothing on this tablet was "
                              "changed by it; if this keeps happening, update the app.")
            .arg(QString::fromUtf8(e.what()));
    if (dynamic_cast<const StoreError *>(&e))
        return QStringLiteral(
                   "This tablet's database could not be read or written: %1. Restart the app; if it "
                   "happens again, call the ICT office.")
            .arg(QString::fromUtf8(e.what()));
    if (dynamic_cast<const Error *>(&e))
        return QStringLiteral("The sync stopped: %1.").arg(QString::fromUtf8(e.what()));
    return QStringLiteral("The sync stopped because of an unexpected problem: %1.")
        .arg(QString::fromUtf8(e.what()));
}

} // namespace

SyncClient::SyncClient(Store &store, sync::Replica &replica, QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_replica(replica)
    , m_network(network)
    , m_account(store)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        setState(m_request.step == Step::SignIn ? State::SigningIn
                 : m_phase == Phase::Pull       ? State::Pulling
                                                : State::Pushing);
        transmit();
    });
}

SyncClient::~SyncClient()
{
    abortReply();
}

template <typename F>
void SyncClient::guarded(F &&f) noexcept
{
    try {
        f();
    } catch (const std::exception &e) {
        fail(coreWords(e));
    } catch (...) {
        fail(QStringLiteral("The sync stopped because of an unexpected problem."));
    }
}

// --- what the app reads ---

bool SyncClient::busy() const noexcept
{
    return m_state == State::SigningIn || m_state == State::Pushing || m_state == State::Pulling ||
           m_state == State::WaitingToRetry || m_state == State::SettingPassword;
}

bool SyncClient::signedIn() const
{
    try {
        return m_account.hasUser();
    } catch (const std::exception &) {
        return false;
    }
}

QString SyncClient::userName() const
{
    try {
        return m_account.userName();
    } catch (const std::exception &) {
        return {};
    }
}

QString SyncClient::displayName() const
{
    try {
        return m_account.displayName();
    } catch (const std::exception &) {
        return {};
    }
}

QDateTime SyncClient::lastSyncAt() const
{
    try {
        const Millis at = m_account.lastSyncAt();
        return at > 0 ? QDateTime::fromMSecsSinceEpoch(at) : QDateTime();
    } catch (const std::exception &) {
        return {};
    }
}

QString SyncClient::serverUrl() const
{
    try {
        return m_account.serverUrl().toString();
    } catch (const std::exception &) {
        return {};
    }
}

// --- what the app asks ---

void SyncClient::signIn(const QString &serverUrl, const QString &name, const QString &password)
{
    if (busy()) {
        emit signInFinished(false, QStringLiteral("A sync is running; sign in when it has finished."));
        return;
    }
    m_phase = Phase::SignIn;
    const QUrl url = SyncAccount::normaliseServerUrl(serverUrl);
    if (!url.isValid()) {
        failSignIn(QStringLiteral("\"%1\" is not a server address; type it as your ICT office gave it, for "
                                  "example https://releasedesk.school.example")
                       .arg(serverUrl));
        return;
    }
    if (name.trimmed().isEmpty()) {
        failSignIn(QStringLiteral("Type your sign-in name."));
        return;
    }
    guarded([&] {
        // Each person signs in on a tablet as a device of their own, so that their unsent changes
        // are theirs to send whoever signs in next.
        m_signInDevice = m_account.deviceFor(name, m_replica.currentDevice());
        const QJsonObject body{
            {QStringLiteral("name"), name.trimmed()},
            {QStringLiteral("password"), password},
            {QStringLiteral("device_id"), QString::fromStdString(m_signInDevice.toString())}};
        m_signInUrl = url;
        beginPhase(Phase::SignIn, 0);
        setState(State::SigningIn);
        startStep(Step::SignIn, QJsonDocument(body).toJson(QJsonDocument::Compact));
    });
}

void SyncClient::sync()
{
    if (busy())
        return; // one sync at a time; the one running ends with finished()
    m_pushed = m_merged = m_conflicts = m_rejected = 0;
    m_pulled = 0;
    m_phase = Phase::None;
    guarded([&] {
        if (!m_account.serverUrl().isValid() ||
            (m_account.accessToken().isEmpty() && m_account.refreshToken().isEmpty())) {
            requireSignIn(QStringLiteral("Sign in to sync: this tablet is not signed in to a server."));
            return;
        }
        m_recoveries = 0;
        startPushPhase();
    });
}

void SyncClient::cancel()
{
    if (!busy())
        return;
    const bool signingIn = m_phase == Phase::SignIn;
    const bool settingPassword = m_phase == Phase::Password;
    abortReply();
    m_retryTimer.stop();
    ++m_run;
    setState(State::Idle);
    if (signingIn) {
        emit signInFinished(false, QStringLiteral("Sign-in cancelled."));
        return;
    }
    if (settingPassword) {
        m_phase = Phase::None;
        forgetRequest();
        emit passwordSet(false, QStringLiteral("Setting the password was stopped; it may or may not have been set: "
                                               "set it again to be sure."));
        return;
    }
    m_lastSummary =
        QStringLiteral("Sync cancelled. Changes not sent yet stay on this tablet and go at the next sync.");
    emit finished(false, m_lastSummary);
}

bool SyncClient::setServerUrl(const QString &serverUrl)
{
    if (busy())
        return false;
    const QUrl url = SyncAccount::normaliseServerUrl(serverUrl);
    if (!url.isValid()) {
        m_lastError = QStringLiteral("\"%1\" is not a server address.").arg(serverUrl);
        emit error(m_lastError);
        return false;
    }
    try {
        m_account.setServerUrl(url);
    } catch (const std::exception &e) {
        m_lastError = coreWords(e);
        emit error(m_lastError);
        return false;
    }
    emit accountChanged();
    return true;
}

void SyncClient::setPassword(const QString &userId, const QString &password)
{
    if (busy()) {
        emit passwordSet(false, QStringLiteral("A sync is running; set the password when it has finished."));
        return;
    }
    guarded([&] {
        m_phase = Phase::Password;
        if (!m_account.serverUrl().isValid() ||
            (m_account.accessToken().isEmpty() && m_account.refreshToken().isEmpty())) {
            requireSignIn(QStringLiteral("Sign in to set a password: this computer is not signed in to a server."));
            return;
        }
        const QJsonObject body{{QStringLiteral("user_id"), userId}, {QStringLiteral("password"), password}};
        setState(State::SettingPassword);
        startStep(Step::Password, QJsonDocument(body).toJson(QJsonDocument::Compact));
    });
}

// --- state and progress ---

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SyncClient::beginPhase(Phase phase, qint64 rowsTotal)
{
    m_phase = phase;
    m_rowsDone = 0;
    m_rowsTotal = rowsTotal;
    m_bytesBase = m_bytesNow = m_bytesNowTotal = 0;
    emitProgress();
}

void SyncClient::emitProgress()
{
    emit progress(m_phase, m_rowsDone, m_rowsTotal, bytesDone(), bytesTotal());
}

// --- requests ---

QUrl SyncClient::endpoint(Step step) const
{
    QUrl url = step == Step::SignIn ? m_signInUrl : m_account.serverUrl();
    const char *name = step == Step::SignIn     ? "signin"
                       : step == Step::Refresh  ? "refresh"
                       : step == Step::Push     ? "push"
                       : step == Step::Password ? "password"
                                                : "pull";
    url.setPath(url.path() +
                QStringLiteral("/api/v%1/%2").arg(sync::kProtocolVersion).arg(QLatin1String(name)));
    return url;
}

void SyncClient::startStep(Step step, QByteArray body)
{
    m_request = {step, std::move(body)};
    m_attempt = 0;
    if (step == Step::Push || step == Step::Pull || step == Step::Password)
        m_refreshed = false;
    transmit();
}

void SyncClient::transmit()
{
    guarded([&] {
        const Step step = m_request.step;
        QNetworkRequest request(endpoint(step));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Accept", "application/json");
        // Set by hand, Qt leaves the answer compressed (it unpacks only when it chose the header
        // itself, and then it also offers encodings the server does not speak); we unpack it in
        // readAnswer, and the byte progress counts what really crossed the network.
        request.setRawHeader("Accept-Encoding", "gzip");
        request.setRawHeader("User-Agent", "ReleaseDesk/" RD_APP_VERSION " (sync protocol 1)");
        request.setTransferTimeout(m_tuning.transferTimeoutMs);
        if (step == Step::Push || step == Step::Pull || step == Step::Password)
            request.setRawHeader("Authorization",
                                 "Bearer " + (m_other ? m_otherAccess : m_account.accessToken()).toUtf8());

        QByteArray payload = m_request.body;
        if (step == Step::Push && payload.size() > m_tuning.gzipAboveBytes) {
            QByteArray packed = gzipCompress(payload);
            if (!packed.isEmpty()) {
                payload = std::move(packed);
                request.setRawHeader("Content-Encoding", "gzip");
            }
        }

        m_bytesNow = 0;
        m_bytesNowTotal = step == Step::Push ? payload.size() : 0;
        QNetworkReply *reply = m_network.post(request, payload);
        m_reply = reply;
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
        if (step == Step::Push) {
            connect(reply, &QNetworkReply::uploadProgress, this, [this, reply](qint64 sent, qint64 total) {
                if (reply != m_reply || sent <= 0)
                    return;
                m_bytesNow = sent;
                if (total > 0)
                    m_bytesNowTotal = total;
                emitProgress();
            });
        } else if (step == Step::Pull) {
            connect(reply, &QNetworkReply::downloadProgress, this,
                    [this, reply](qint64 received, qint64 total) {
                        if (reply != m_reply || received <= 0)
                            return;
                        m_bytesNow = received;
                        m_bytesNowTotal = std::max(total, received);
                        emitProgress();
                    });
        }
    });
}

void SyncClient::abortReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

SyncClient::Answer SyncClient::readAnswer(QNetworkReply *reply) const
{
    Answer a;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    a.status = status.isValid() ? status.toInt() : 0;
    QByteArray raw = reply->readAll();
    // A status with a network error (1 to 99: the connection closed, timed out...) is an answer cut
    // short after its first line: not an answer, but a transport failure to try again. Errors from
    // 100 on name what a whole answer said (401, 404...) and are read as answers.
    const int network = reply->error();
    if (a.status == 0 || (network > QNetworkReply::NoError && network < QNetworkReply::ProxyConnectionRefusedError)) {
        a.status = 0;
        a.transportError = true;
        std::tie(a.transportWhy, a.retryable) = transportWords(reply);
        return a;
    }
    if (reply->rawHeader("Content-Encoding").trimmed().compare("gzip", Qt::CaseInsensitive) == 0 &&
        looksGzipped(raw)) {
        auto unpacked = gzipDecompress(raw, kMaxAnswerBytes);
        if (!unpacked) {
            a.transportError = true;
            a.retryable = true;
            a.transportWhy = QStringLiteral("the server's answer arrived damaged");
            return a;
        }
        raw = std::move(*unpacked);
    }
    a.body = std::move(raw);
    if (a.status < 200 || a.status >= 300) {
        a.errorBody = QJsonDocument::fromJson(a.body).object();
        a.errorCode = a.errorBody.value(u"error").toString();
        a.errorMessage = a.errorBody.value(u"message").toString();
    }
    return a;
}

void SyncClient::onReplyFinished(QNetworkReply *reply)
{
    if (reply != m_reply) { // an aborted or superseded request
        reply->deleteLater();
        return;
    }
    m_reply = nullptr;
    const Answer answer = readAnswer(reply);
    reply->deleteLater();
    guarded([&] { handleAnswer(answer); });
}

void SyncClient::handleAnswer(const Answer &a)
{
    const Step step = m_request.step;
    if (a.transportError) {
        if (step == Step::SignIn)
            failSignIn(QStringLiteral("Cannot sign in: %1.").arg(a.transportWhy));
        else if (m_phase == Phase::Password) // someone is waiting: no retries
            failPassword(QStringLiteral("The password was not set: %1. It can be set once this computer reaches "
                                        "the server.")
                             .arg(a.transportWhy));
        else if (!a.retryable)
            fail(
                QStringLiteral("Cannot sync: %1. Your changes are kept on this tablet.").arg(a.transportWhy));
        else
            scheduleRetry(a.transportWhy);
        return;
    }
    if (a.status >= 500 || a.status == 408 || a.status == 429) {
        QString why = QStringLiteral("the server had a problem (HTTP %1)").arg(a.status);
        if (!a.errorMessage.isEmpty())
            why += QStringLiteral(": ") + a.errorMessage;
        if (step == Step::SignIn)
            failSignIn(QStringLiteral("Cannot sign in: %1. Try again later.").arg(why));
        else if (m_phase == Phase::Password)
            failPassword(QStringLiteral("The password was not set: %1. Try again in a moment.").arg(why));
        else
            scheduleRetry(why);
        return;
    }
    if (a.status == 401) {
        switch (step) {
        case Step::SignIn:
            failSignIn(a.errorCode == QLatin1String("bad_credentials") || a.errorMessage.isEmpty()
                           ? QStringLiteral("The name or password is not right.")
                           : a.errorMessage);
            return;
        case Step::Refresh:
            if (m_other) {
                // Their sign-in no longer works: their changes wait until they sign in again.
                skipOtherAccount();
                return;
            }
            m_account.forgetTokens();
            emit accountChanged();
            requireSignIn(
                QStringLiteral("Your sign-in has run out: sign in again to sync. Your changes are kept "
                               "on this tablet."));
            return;
        case Step::Push:
        case Step::Pull:
        case Step::Password:
            // An expired (or otherwise refused) access token: refresh once and send the same
            // request again. A second refusal means the refreshed token does not work either.
            if (m_refreshed && m_other) {
                skipOtherAccount();
                return;
            }
            if (m_refreshed) {
                requireSignIn(
                    QStringLiteral("The server does not accept this tablet's sign-in: sign in again to "
                                   "sync. Your changes are kept on this tablet."));
                return;
            }
            m_refreshed = true;
            m_resume = m_request;
            startRefresh();
            return;
        }
    }
    if (a.status == 409 && (step == Step::Push || step == Step::Pull) && recover(a))
        return;
    if (a.status < 200 || a.status >= 300) {
        const QString why = describeFailure(a);
        if (step == Step::SignIn)
            failSignIn(why);
        else if (step == Step::Refresh)
            requireSignIn(why);
        else
            fail(why);
        return;
    }
    switch (step) {
    case Step::SignIn:
        onSignedIn(a.body);
        break;
    case Step::Refresh:
        onRefreshed(a.body);
        break;
    case Step::Push:
        onPushAnswer(a.body);
        break;
    case Step::Pull:
        onPullAnswer(a.body);
        break;
    case Step::Password:
        onPasswordSet();
        break;
    }
}

QString SyncClient::describeFailure(const Answer &a) const
{
    const QString code = a.errorCode;
    if (code == QLatin1String("unsupported_protocol_version"))
        return QStringLiteral(
            "This app and the server speak different versions of the sync: update the app.");
    if (a.status == 404 && code.isEmpty())
        return QStringLiteral("There is no Release Desk sync service at %1: check the server address.")
            .arg(m_request.step == Step::SignIn ? m_signInUrl.toString() : m_account.serverUrl().toString());
    if (m_request.step == Step::Password) {
        if (a.status == 403)
            return QStringLiteral("The password was not set: only a release manager sets passwords.");
        if (code == QLatin1String("not_found"))
            return QStringLiteral("The password was not set: the server does not have this person yet. Sync, then "
                                  "set the password.");
        return QStringLiteral("The password was not set: %1.")
            .arg(a.errorMessage.isEmpty() ? QStringLiteral("the server refused it (HTTP %1)").arg(a.status)
                                          : a.errorMessage);
    }
    if (a.status == 403 && (m_request.step == Step::Push || m_request.step == Step::Pull))
        return QStringLiteral(
                   "The server refused the sync: %1 The changes stay on this tablet; ask the release "
                   "manager.")
            .arg(a.errorMessage.isEmpty() ? QStringLiteral("this user may not do this.") : a.errorMessage);
    if (!a.errorMessage.isEmpty())
        return a.errorMessage;
    return QStringLiteral("The server refused the request (HTTP %1%2).")
        .arg(a.status)
        .arg(code.isEmpty() ? QString() : QStringLiteral(", ") + code);
}

void SyncClient::scheduleRetry(const QString &why)
{
    ++m_attempt;
    if (m_attempt >= m_tuning.maxAttempts) {
        fail(QStringLiteral(
                 "The sync stopped after %1 tries: %2. Your changes are kept on this tablet; sync again "
                 "when the server can be reached.")
                 .arg(m_attempt)
                 .arg(why));
        return;
    }
    // 0.5 s, 1 s, 2 s ... up to the maximum, each shortened by up to a fifth at random so that
    // tablets cut off together do not all come back in the same instant.
    const qint64 base =
        std::min<qint64>(qint64(m_tuning.retryInitialMs) << std::min(m_attempt - 1, 20), m_tuning.retryMaxMs);
    const auto delay = static_cast<int>(base - QRandomGenerator::global()->bounded(base / 5 + 1));
    m_bytesNow = 0;
    m_bytesNowTotal = 0;
    setState(State::WaitingToRetry);
    emit retrying(m_attempt + 1, m_tuning.maxAttempts, delay, why);
    m_retryTimer.start(delay);
}

void SyncClient::startRefresh()
{
    const QString token = m_other ? m_other->refreshToken : m_account.refreshToken();
    if (token.isEmpty()) {
        requireSignIn(
            QStringLiteral("Your sign-in has run out: sign in again to sync. Your changes are kept on "
                           "this tablet."));
        return;
    }
    const QJsonObject body{{QStringLiteral("refresh_token"), token}};
    m_request = {Step::Refresh, QJsonDocument(body).toJson(QJsonDocument::Compact)};
    m_attempt = 0;
    transmit();
}

// --- answers ---

void SyncClient::onSignedIn(const QByteArray &body)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    // What the last person received: a release manager everything, anyone else their sites'.
    const auto scope = [this] {
        QStringList sites = m_account.sites();
        sites.sort();
        return m_account.role() == QLatin1String("release-manager") ? QStringList{QStringLiteral("*")} : sites;
    };
    const bool hadUser = m_account.hasUser();
    const QStringList previousScope = scope();
    if (!m_account.saveSignIn(answer, m_signInUrl, m_signInDevice)) {
        failSignIn(
            QStringLiteral("The server's answer to the sign-in could not be understood; is %1 a Release "
                           "Desk server?")
                .arg(m_signInUrl.toString()));
        return;
    }
    m_replica.setCurrentDevice(m_signInDevice);
    // Another person may receive other records than the last one (sites, role): then their first
    // sync pulls afresh, so the tablet holds exactly what they may see.
    if (hadUser && previousScope != scope())
        m_replica.restartPull();
    const QString database = answer.value(u"database_id").toString();
    if (!database.isEmpty())
        m_replica.noteDatabase(Id::parse(database.toStdString(), "database_id"));
    m_phase = Phase::None;
    setState(State::Idle);
    emit accountChanged();
    QString who = m_account.displayName();
    if (who.isEmpty())
        who = m_account.userName();
    emit signInFinished(true, QStringLiteral("Signed in as %1 at %2.").arg(who, m_signInUrl.toString()));
}

void SyncClient::onRefreshed(const QByteArray &body)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (m_other) {
        // Another person's sign-in, renewed to send their waiting changes as them.
        m_otherAccess = answer.value(u"access_token").toString();
        if (m_otherAccess.isEmpty() || !m_account.saveOtherTokens(m_other->device, answer)) {
            skipOtherAccount();
            return;
        }
        m_other->refreshToken = answer.value(u"refresh_token").toString();
        if (m_resume.step == Step::Push && !m_resume.body.isEmpty()) {
            m_request = m_resume;
            m_resume = {};
            m_attempt = 0;
            transmit();
        } else {
            nextPush();
        }
        return;
    }
    if (!m_account.saveSignIn(answer)) {
        requireSignIn(
            QStringLiteral("The server's answer to renewing the sign-in could not be understood: sign in "
                           "again to sync. Your changes are kept on this tablet."));
        return;
    }
    emit accountChanged();
    // Resume the interrupted step with the new token: the same body, so nothing is skipped.
    m_request = m_resume;
    m_attempt = 0;
    transmit();
}

void SyncClient::startPushPhase()
{
    m_other.reset();
    m_otherAccess.clear();
    m_waitingFor.clear();
    m_pushDevice = m_replica.currentDevice();
    // The other people who signed in here and have changes waiting, sent as them.
    m_others.clear();
    for (auto &other : m_account.otherAccounts()) {
        if (m_replica.pendingCount(other.device) == 0)
            continue;
        if (other.refreshToken.isEmpty())
            m_waitingFor << (other.displayName.isEmpty() ? other.userName : other.displayName);
        else
            m_others.push_back(std::move(other));
    }
    beginPhase(Phase::Push, m_replica.pendingCount());
    setState(State::Pushing);
    nextPush();
}

void SyncClient::skipOtherAccount()
{
    // Their sign-in no longer works: their changes wait until they sign in here again.
    m_account.forgetOtherTokens(m_other->device);
    m_waitingFor << (m_other->displayName.isEmpty() ? m_other->userName : m_other->displayName);
    m_other.reset();
    m_otherAccess.clear();
    m_pushDevice = m_replica.currentDevice();
    if (!nextOtherAccount())
        nextPush();
}

bool SyncClient::nextOtherAccount()
{
    if (m_others.empty())
        return false;
    m_other = m_others.front();
    m_others.erase(m_others.begin());
    m_pushDevice = m_other->device;
    m_otherAccess.clear();
    m_resume = {};
    startRefresh();
    return true;
}

void SyncClient::nextPush()
{
    auto body = m_replica.nextPushBody(m_tuning.pushBatch, m_pushDevice);
    if (!body) {
        if (nextOtherAccount())
            return;
        m_other.reset();
        m_otherAccess.clear();
        m_pushDevice = m_replica.currentDevice();
        beginPhase(Phase::Pull, 0);
        setState(State::Pulling);
        nextPull();
        return;
    }
    startStep(Step::Push, QByteArray::fromStdString(*body));
}

bool SyncClient::recover(const Answer &a)
{
    // A server restored from a backup: bounded, so that a server that keeps saying so cannot
    // hold the tablet in a loop.
    constexpr int kMaxRecoveries = 4;
    if (a.errorCode == QLatin1String("seq_gap") && m_request.step == Step::Push) {
        const qint64 expected = a.errorBody.value(u"expected_seq").toInteger(-1);
        if (expected < 1 || ++m_recoveries > kMaxRecoveries)
            return false;
        m_replica.resendFrom(m_pushDevice, expected);
        nextPush();
        return true;
    }
    if (a.errorCode == QLatin1String("database_changed")) {
        const QString database = a.errorBody.value(u"database_id").toString();
        if (database.isEmpty() || ++m_recoveries > kMaxRecoveries)
            return false;
        abortReply(); // a pipelined pull page asked for meanwhile belongs to the old database
        m_replica.noteDatabase(Id::parse(database.toStdString(), "database_id"));
        startPushPhase();
        return true;
    }
    return false;
}

void SyncClient::onPushAnswer(const QByteArray &body)
{
    const int before = m_replica.pendingCount();
    const auto outcome =
        m_replica.acceptPushResponse(std::string_view(body.constData(), body.size()), m_pushDevice);
    const int acknowledged = before - m_replica.pendingCount();
    if (acknowledged <= 0) {
        // Sending the same batch again would get the same answer for ever.
        fail(QStringLiteral(
            "The server did not take any of the changes this tablet sent, so the sync stopped. "
            "They are kept on this tablet; call the ICT office if this happens again."));
        return;
    }
    m_pushed += acknowledged;
    m_merged += outcome.merged;
    m_conflicts += outcome.conflicts;
    m_rejected += outcome.rejected;
    m_rowsDone += acknowledged;
    m_rowsTotal = std::max(m_rowsTotal, m_rowsDone);
    m_bytesBase += m_bytesNowTotal;
    m_bytesNow = m_bytesNowTotal = 0;

    const quint64 run = m_run;
    emitProgress();
    if (run != m_run) // a slot cancelled the sync
        return;
    nextPush();
}

void SyncClient::nextPull()
{
    // The first page of a sync is small, so that writing starts at once; the next ones are
    // asked for while the previous one is written (onPullAnswer).
    const int limit = std::min(m_tuning.firstPullPage, m_tuning.pullPage);
    startStep(Step::Pull, QByteArray::fromStdString(m_replica.nextPullBody(limit)));
}

void SyncClient::onPullAnswer(const QByteArray &body)
{
    const std::string_view page(body.constData(), static_cast<std::size_t>(body.size()));
    const std::int64_t before = m_replica.pullCursor();
    const qint64 pageBytes = m_bytesNow;
    // Ask for the next page before writing this one: the server prepares it meanwhile. Should
    // writing fail, fail() aborts that request; the cursor stays where this page found it.
    if (const auto next = m_replica.pullBodyAfter(page, m_tuning.pullPage))
        startStep(Step::Pull, QByteArray::fromStdString(*next));
    const auto outcome = m_replica.applyPullPage(page);
    m_pulled += outcome.rows;
    m_rowsDone = outcome.done;
    m_rowsTotal = std::max(outcome.total, outcome.done);
    m_bytesBase += pageBytes;

    const quint64 run = m_run;
    emitProgress();
    if (run != m_run)
        return;
    if (outcome.complete) {
        succeed();
        return;
    }
    if (outcome.cursor <= before) {
        fail(QStringLiteral(
            "The server keeps sending the same changes, so the sync stopped. Nothing was lost; "
            "call the ICT office if this happens again."));
        return;
    }
    if (!m_reply && !m_retryTimer.isActive()) // the page said "more" but asked for nothing: ask now
        nextPull();
}

// --- endings ---

QString SyncClient::summary() const
{
    QString s = QStringLiteral("Sync complete: ");
    s += m_pushed > 0 ? count(m_pushed, "change", "changes") + QStringLiteral(" sent")
                      : QStringLiteral("nothing to send");
    s += QStringLiteral(", ");
    s += m_pulled > 0 ? count(m_pulled, "change", "changes") + QStringLiteral(" received")
                      : QStringLiteral("nothing new from the server");
    s += u'.';
    if (m_merged > 0)
        s += QStringLiteral(" %1 already on the server from another tablet and now one.")
                 .arg(count(m_merged, "record was", "records were"));
    if (m_conflicts > 0)
        s += QStringLiteral(" %1 to a colleague's earlier change; both values are kept.")
                 .arg(count(m_conflicts, "change of yours lost", "changes of yours lost"));
    if (m_rejected > 0)
        s += QStringLiteral(" %1 by the server; the reasons are in the list of refused changes.")
                 .arg(count(m_rejected, "change was refused", "changes were refused"));
    const auto open = static_cast<qint64>(m_replica.openConflicts().size());
    if (open > 0)
        s += QStringLiteral(" %1 for a decision.").arg(count(open, "conflict waits", "conflicts wait"));
    if (!m_waitingFor.isEmpty())
        s += QStringLiteral(" Changes made here by %1 wait for them to sign in on this tablet again.")
                 .arg(m_waitingFor.join(QStringLiteral(", ")));
    return s;
}

void SyncClient::succeed()
{
    m_account.setLastSyncAt(QDateTime::currentMSecsSinceEpoch());
    m_lastSummary = summary();
    setState(State::Finished);
    emit finished(true, m_lastSummary);
}

void SyncClient::fail(const QString &message)
{
    if (m_phase == Phase::SignIn) {
        failSignIn(message);
        return;
    }
    if (m_phase == Phase::Password) {
        failPassword(message);
        return;
    }
    abortReply();
    m_retryTimer.stop();
    ++m_run;
    m_lastError = message;
    m_lastSummary = message;
    setState(State::Failed);
    emit error(message);
    emit finished(false, message);
}

void SyncClient::failSignIn(const QString &message)
{
    abortReply();
    m_retryTimer.stop();
    ++m_run;
    m_lastError = message;
    setState(State::Failed);
    emit error(message);
    emit signInFinished(false, message);
}

void SyncClient::requireSignIn(const QString &why)
{
    abortReply();
    m_retryTimer.stop();
    ++m_run;
    m_lastError = why;
    if (m_phase == Phase::Password) {
        m_phase = Phase::None;
        forgetRequest();
        setState(State::Failed);
        emit signInRequired(why);
        emit error(why);
        emit passwordSet(false, why);
        return;
    }
    m_lastSummary = why;
    setState(State::Failed);
    emit signInRequired(why);
    emit error(why);
    emit finished(false, why);
}

void SyncClient::onPasswordSet()
{
    m_phase = Phase::None;
    forgetRequest();
    setState(State::Idle);
    emit passwordSet(true, QStringLiteral("The new password is kept on the server."));
}

void SyncClient::failPassword(const QString &message)
{
    abortReply();
    m_retryTimer.stop();
    ++m_run;
    m_phase = Phase::None;
    forgetRequest();
    // Idle, not Failed: the sync itself did not fail, and the sync page says nothing of it.
    setState(State::Idle);
    emit passwordSet(false, message);
}

void SyncClient::forgetRequest()
{
    m_request.body.fill('\0');
    m_request = {};
    m_resume.body.fill('\0');
    m_resume = {};
}

} // namespace rd::mobile
