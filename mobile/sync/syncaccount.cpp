#include "syncaccount.h"

#include "store/store.h"

#include <QJsonArray>

namespace rd::mobile {

namespace {

constexpr std::string_view kServer = "sync.server";
constexpr std::string_view kAccessToken = "sync.access_token";
constexpr std::string_view kAccessExpiresAt = "sync.access_expires_at";
constexpr std::string_view kRefreshToken = "sync.refresh_token";
constexpr std::string_view kRefreshExpiresAt = "sync.refresh_expires_at";
constexpr std::string_view kUserId = "sync.user_id";
constexpr std::string_view kUserName = "sync.user_name";
constexpr std::string_view kDisplayName = "sync.user_display_name";
constexpr std::string_view kRole = "sync.role";
constexpr std::string_view kSites = "sync.sites";
constexpr std::string_view kLastSyncAt = "sync.last_sync_at";

} // namespace

SyncAccount::SyncAccount(Store &store)
    : m_store(store)
{}

QString SyncAccount::value(std::string_view key) const
{
    const auto v = m_store.meta(key);
    return v ? QString::fromStdString(*v) : QString();
}

void SyncAccount::setValue(std::string_view key, const QString &value)
{
    m_store.setMeta(key, value.toStdString());
}

QUrl SyncAccount::serverUrl() const
{
    const QString s = value(kServer);
    return s.isEmpty() ? QUrl() : QUrl(s);
}

void SyncAccount::setServerUrl(const QUrl &url)
{
    setValue(kServer, url.toString());
}

bool SyncAccount::hasUser() const
{
    return !value(kUserId).isEmpty();
}

QString SyncAccount::userId() const
{
    return value(kUserId);
}

QString SyncAccount::userName() const
{
    return value(kUserName);
}

QString SyncAccount::displayName() const
{
    return value(kDisplayName);
}

QString SyncAccount::role() const
{
    return value(kRole);
}

QStringList SyncAccount::sites() const
{
    return value(kSites).split(u',', Qt::SkipEmptyParts);
}

QString SyncAccount::accessToken() const
{
    return value(kAccessToken);
}

QString SyncAccount::refreshToken() const
{
    return value(kRefreshToken);
}

Millis SyncAccount::accessExpiresAt() const
{
    return value(kAccessExpiresAt).toLongLong();
}

Millis SyncAccount::lastSyncAt() const
{
    return value(kLastSyncAt).toLongLong();
}

void SyncAccount::setLastSyncAt(Millis at)
{
    setValue(kLastSyncAt, QString::number(at));
}

bool SyncAccount::saveSignIn(const QJsonObject &answer, const QUrl &server)
{
    const QString access = answer.value(u"access_token").toString();
    const QString refresh = answer.value(u"refresh_token").toString();
    const QJsonObject user = answer.value(u"user").toObject();
    const QString id = user.value(u"id").toString();
    if (access.isEmpty() || refresh.isEmpty() || id.isEmpty())
        return false;
    QStringList sites;
    for (const auto &s : user.value(u"sites").toArray())
        sites << s.toString();

    // One transaction: a half-saved sign-in (new access token, old refresh token) would strand the
    // tablet at the next expiry.
    Store::Batch batch(m_store);
    if (server.isValid())
        setServerUrl(server);
    setValue(kAccessToken, access);
    setValue(kAccessExpiresAt, QString::number(answer.value(u"access_expires_at").toInteger()));
    setValue(kRefreshToken, refresh);
    setValue(kRefreshExpiresAt, QString::number(answer.value(u"refresh_expires_at").toInteger()));
    setValue(kUserId, id);
    setValue(kUserName, user.value(u"name").toString());
    setValue(kDisplayName, user.value(u"display_name").toString());
    setValue(kRole, user.value(u"role").toString());
    setValue(kSites, sites.join(u','));
    batch.commit();
    return true;
}

void SyncAccount::forgetTokens()
{
    Store::Batch batch(m_store);
    for (auto key : {kAccessToken, kAccessExpiresAt, kRefreshToken, kRefreshExpiresAt})
        m_store.removeMeta(key);
    batch.commit();
}

QUrl SyncAccount::normaliseServerUrl(const QString &typed)
{
    QString s = typed.trimmed();
    if (s.isEmpty())
        return {};
    if (!s.contains(QLatin1String("://")))
        s.prepend(QLatin1String("http://"));
    QUrl url(s, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

} // namespace rd::mobile
