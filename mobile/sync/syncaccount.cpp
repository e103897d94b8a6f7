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

bool SyncAccount::saveSignIn(const QJsonObject &answer, const QUrl &server, const std::optional<Id> &device)
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
    setValue(kRefreshExpiresAt, QString::number(static_cast<std::int64_t>(answer.value(u"refresh_expires_at").toInteger())));
    setValue(kUserId, id);
    setValue(kUserName, user.value(u"name").toString());
    setValue(kDisplayName, user.value(u"display_name").toString());
    setValue(kRole, user.value(u"role").toString());
    setValue(kSites, sites.join(u','));
    auto &db = m_store.database();
    if (device) {
        db.query("INSERT INTO sync_accounts(device_id, user_name, user_id, display_name, refresh_token, "
                 "refresh_expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                 "ON CONFLICT(device_id) DO UPDATE SET user_name = excluded.user_name, user_id = excluded.user_id, "
                 "display_name = excluded.display_name, refresh_token = excluded.refresh_token, "
                 "refresh_expires_at = excluded.refresh_expires_at")
            ->bindAll(device->toString(), user.value(u"name").toString().toStdString(), id.toStdString(),
                      user.value(u"display_name").toString().toStdString(), refresh.toStdString(),
                      static_cast<std::int64_t>(answer.value(u"refresh_expires_at").toInteger()))
            .run();
    } else {
        db.query("UPDATE sync_accounts SET refresh_token = ?2, refresh_expires_at = ?3 WHERE user_id = ?1")
            ->bindAll(id.toStdString(), refresh.toStdString(), static_cast<std::int64_t>(answer.value(u"refresh_expires_at").toInteger()))
            .run();
    }
    batch.commit();
    return true;
}

Id SyncAccount::deviceFor(const QString &name, const Id &currentDevice) const
{
    auto q = m_store.database().query("SELECT device_id FROM sync_accounts WHERE user_name = ?1");
    q->bind(1, name.trimmed().toStdString());
    if (q->step())
        return Id::parse(q->text(0), "device");
    if (!hasUser() || userName().compare(name.trimmed(), Qt::CaseInsensitive) == 0)
        return currentDevice;
    return Id::generate();
}

std::vector<SyncAccount::OtherAccount> SyncAccount::otherAccounts() const
{
    std::vector<OtherAccount> out;
    auto q = m_store.database().query("SELECT device_id, user_name, display_name, refresh_token FROM sync_accounts "
                                      "WHERE user_id <> ?1 ORDER BY user_name");
    q->bind(1, userId().toStdString());
    while (q->step())
        out.push_back({Id::parse(q->text(0), "device"), QString::fromStdString(q->text(1)),
                       QString::fromStdString(q->text(2)), QString::fromStdString(q->text(3))});
    return out;
}

bool SyncAccount::saveOtherTokens(const Id &device, const QJsonObject &answer)
{
    const QString refresh = answer.value(u"refresh_token").toString();
    if (refresh.isEmpty())
        return false;
    m_store.database()
        .query("UPDATE sync_accounts SET refresh_token = ?2, refresh_expires_at = ?3 WHERE device_id = ?1")
        ->bindAll(device.toString(), refresh.toStdString(), static_cast<std::int64_t>(answer.value(u"refresh_expires_at").toInteger()))
        .run();
    return true;
}

void SyncAccount::forgetOtherTokens(const Id &device)
{
    m_store.database()
        .query("UPDATE sync_accounts SET refresh_token = '', refresh_expires_at = 0 WHERE device_id = ?1")
        ->bindAll(device.toString())
        .run();
}

void SyncAccount::forgetTokens()
{
    Store::Batch batch(m_store);
    for (auto key : {kAccessToken, kAccessExpiresAt, kRefreshToken, kRefreshExpiresAt})
        m_store.removeMeta(key);
    m_store.database()
        .query("UPDATE sync_accounts SET refresh_token = '', refresh_expires_at = 0 WHERE user_id = ?1")
        ->bindAll(userId().toStdString())
        .run();
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
