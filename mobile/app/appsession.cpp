#include "appsession.h"

#include "qtconvert.h"

#include "domain/errors.h"
#include "domain/enums.h"
#include "store/store.h"
#include "store/views.h"
#include "store/walcheckpointer.h"
#include "sync/kinds.h"
#include "sync/replica.h"

#include <QDir>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <utility>

namespace rd::mobile {

namespace {
constexpr std::string_view kResumePage = "ui.page";
constexpr std::string_view kResumeInstallation = "ui.installation";
constexpr std::string_view kDarkMode = "ui.dark";
constexpr int kHealthEveryMs = 30000;
constexpr int kHealthTimeoutMs = 3000;
} // namespace

AppSession::AppSession(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(dataDir)
{
    try {
        if (!QDir().mkpath(dataDir))
            throw StoreError("cannot create the folder " + dataDir.toStdString(), 0);
        m_store = std::make_unique<Store>(QDir(dataDir).filePath(QStringLiteral("releasedesk.db")).toStdString());
        m_checkpoints = std::make_unique<sql::WalCheckpointer>(m_store->database());
        m_replica = std::make_unique<sync::Replica>(*m_store);
        m_views = std::make_unique<Views>(*m_store);
        m_account = std::make_unique<SyncAccount>(*m_store);
    } catch (const std::exception &e) {
        m_openError = tr("The app cannot open its data in %1: %2").arg(dataDir, QString::fromUtf8(e.what()));
        m_account.reset();
        m_views.reset();
        m_replica.reset();
        m_checkpoints.reset();
        m_store.reset();
        return;
    }
    m_client = std::make_unique<SyncClient>(*m_store, *m_replica, m_network);
    connect(m_client.get(), &SyncClient::accountChanged, this, &AppSession::accountChanged);
    connect(m_client.get(), &SyncClient::accountChanged, this, &AppSession::checkOnline);
    connect(m_client.get(), &SyncClient::finished, this, [this](bool ok) {
        if (ok && !m_online) {
            m_online = true;
            emit onlineChanged();
        }
        notifyLocalChange();
    });
    connect(m_client.get(), &SyncClient::signInFinished, this, [this] { notifyLocalChange(); });
    // Photos go up after the sync that carried their step results, and never hold it up.
    const QString photoDir = QDir(dataDir).filePath(QStringLiteral("photos"));
    m_photos = std::make_unique<PhotoEvidence>(*m_store, photoDir);
    m_photos->setNetwork(&m_network);
    m_uploader = std::make_unique<PhotoUploader>(*m_store, photoDir, m_network);
    connect(m_client.get(), &SyncClient::finished, this, [this](bool ok) {
        if (ok)
            m_uploader->start();
    });
    connect(m_uploader.get(), &PhotoUploader::finished, this, [this] { notifyLocalChange(); });

    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(0);
    connect(&m_changeTimer, &QTimer::timeout, this, [this] {
        ++m_revision;
        m_announcedSources = std::exchange(m_changeSources, {});
        m_announcedFromElsewhere = std::exchange(m_changeFromElsewhere, false);
        emit localDataChanged();
        m_announcedSources.clear();
        m_announcedFromElsewhere = true;
    });
    m_healthTimer.setInterval(kHealthEveryMs);
    connect(&m_healthTimer, &QTimer::timeout, this, &AppSession::checkOnline);
    m_healthTimer.start();
    QTimer::singleShot(0, this, &AppSession::checkOnline); // the bar knows at once, not in 30 s
}

AppSession::~AppSession()
{
    if (m_health)
        m_health->abort();
    m_uploader.reset(); // before the store it uses
    m_client.reset(); // before the store and replica it uses
}

bool AppSession::signedIn() const
{
    return m_client && m_client->signedIn();
}

QString AppSession::userName() const
{
    return m_account ? m_account->userName() : QString();
}

QString AppSession::displayName() const
{
    return m_account ? m_account->displayName() : QString();
}

QString AppSession::role() const
{
    return m_account ? m_account->role() : QString();
}

bool AppSession::may(std::string_view kind) const
{
    const auto role = tryParse<Role>(utf8(this->role()));
    return role && sync::roleHasGrant(sync::mutationKind(kind), *role);
}

bool AppSession::officeRole() const
{
    const QString r = role();
    return r == QLatin1String("release-manager") || r == QLatin1String("build-developer");
}

QString AppSession::serverUrl() const
{
    return m_account ? m_account->serverUrl().toString() : QString();
}

Id AppSession::userId() const
{
    if (!m_account || !m_account->hasUser())
        return {};
    try {
        return Id::parse(m_account->userId().toStdString(), "user");
    } catch (const Error &) {
        return {};
    }
}

QStringList AppSession::siteIds() const
{
    return m_account ? m_account->sites() : QStringList();
}

namespace {
/** A count for the sync bar; a store that cannot answer now (busy, I/O) shows -1, never throws into QML. */
template <typename F>
int countOr(F &&f) noexcept
{
    try {
        return f();
    } catch (const std::exception &) {
        return -1;
    }
}
} // namespace

int AppSession::pendingChanges() const
{
    return m_replica ? countOr([this] { return m_replica->pendingCount(); }) : 0;
}

int AppSession::openConflicts() const
{
    return m_views ? countOr([this] { return m_views->openConflictCount(); }) : 0;
}

int AppSession::refusedChanges() const
{
    return m_replica ? countOr([this] { return m_replica->rejectionCount(); }) : 0;
}

QDateTime AppSession::lastSyncAt() const
{
    return m_client ? m_client->lastSyncAt() : QDateTime();
}

void AppSession::signIn(const QString &server, const QString &name, const QString &password)
{
    if (m_client)
        m_client->signIn(server, name, password);
}

void AppSession::checkOnline()
{
    if (!m_account || m_health)
        return;
    const QUrl server = m_account->serverUrl();
    if (!server.isValid() || server.isEmpty())
        return;
    QUrl url = server;
    url.setPath(url.path() + QStringLiteral("/healthz"));
    QNetworkRequest request(url);
    request.setTransferTimeout(kHealthTimeoutMs);
    m_health = m_network.get(request);
    connect(m_health, &QNetworkReply::finished, this, [this, reply = m_health.data()] { onHealthReply(reply); });
}

void AppSession::onHealthReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const bool reachable = reply->error() == QNetworkReply::NoError;
    if (reachable != m_online) {
        m_online = reachable;
        emit onlineChanged();
    }
}

QString AppSession::resumeInstallation() const
{
    if (!m_store)
        return {};
    std::optional<std::string> id;
    try {
        id = m_store->meta(kResumeInstallation);
    } catch (const Error &) {
        return {};
    }
    if (!id)
        return {};
    // Only an installation still being worked on is somewhere to come back to.
    try {
        const auto inst = m_store->installation(Id::parse(*id));
        if (!inst || inst->status != InstallationStatus::InProgress)
            return {};
    } catch (const Error &) {
        return {};
    }
    return QString::fromStdString(*id);
}

QString AppSession::resumePage() const
{
    if (!m_store || resumeInstallation().isEmpty())
        return {};
    try {
        return QString::fromStdString(m_store->meta(kResumePage).value_or(std::string()));
    } catch (const Error &) {
        return {};
    }
}

void AppSession::setResumePoint(const QString &page, const QString &installationId)
{
    if (!m_store)
        return;
    try {
        Store::Batch batch(*m_store);
        m_store->setMeta(kResumePage, page.toStdString());
        m_store->setMeta(kResumeInstallation, installationId.toStdString());
        batch.commit();
    } catch (const Error &) {
        // Where the installer was is a convenience; the records themselves are already safe.
    }
}

void AppSession::clearResumePoint()
{
    if (!m_store)
        return;
    try {
        Store::Batch batch(*m_store);
        m_store->removeMeta(kResumePage);
        m_store->removeMeta(kResumeInstallation);
        batch.commit();
    } catch (const Error &) {
    }
}

bool AppSession::darkMode() const
{
    try {
        return m_store && m_store->meta(kDarkMode).value_or(std::string()) == "1";
    } catch (const Error &) {
        return false;
    }
}

void AppSession::setDarkMode(bool dark)
{
    if (!m_store || dark == darkMode())
        return;
    try {
        m_store->setMeta(kDarkMode, dark ? "1" : "0");
    } catch (const Error &) {
        return;
    }
    emit darkModeChanged();
}

void AppSession::notifyLocalChange(const QObject *source)
{
    if (source)
        m_changeSources.insert(source);
    else
        m_changeFromElsewhere = true;
    m_changeTimer.start();
}

bool AppSession::changeOnlyFrom(const QObject *model) const
{
    return !m_announcedFromElsewhere && m_announcedSources.size() == 1 && m_announcedSources.contains(model);
}

Millis AppSession::now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace rd::mobile
