#pragma once

#include "domain/entities.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace rd {
class Store;
}

namespace rd::mobile {

/**
 * The tablet's sign-in, kept in the local store's `meta` table (keys "sync.*") so that after the
 * first sign-in the app knows its user and server with no network: the server address, the
 * signed-in user, their role and sites, and the bearer tokens. Reads and writes throw rd::Error
 * like every store call.
 */
class SyncAccount {
public:
    explicit SyncAccount(Store &store);

    [[nodiscard]] QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);

    [[nodiscard]] bool hasUser() const;
    [[nodiscard]] QString userId() const;
    [[nodiscard]] QString userName() const;
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] QString role() const;
    /** The ids of the sites the user works at, as the server said at the last sign-in. */
    [[nodiscard]] QStringList sites() const;

    [[nodiscard]] QString accessToken() const;
    [[nodiscard]] QString refreshToken() const;
    /** When the access token expires, by the server's clock (Unix ms); 0 when unknown. */
    [[nodiscard]] Millis accessExpiresAt() const;
    [[nodiscard]] Millis lastSyncAt() const;
    void setLastSyncAt(Millis at);

    /**
     * Keeps the tokens and user of a sign-in or refresh answer, and @p server when it is given,
     * in one transaction. Returns false, and changes nothing, when the answer lacks a token or
     * the user.
     */
    bool saveSignIn(const QJsonObject &answer, const QUrl &server = {});
    /** Forgets the tokens (they no longer work) but keeps the user, so the app still opens. */
    void forgetTokens();

    /** Normalises what a person types as the server address: adds http://, drops the last '/'. */
    [[nodiscard]] static QUrl normaliseServerUrl(const QString &typed);

private:
    [[nodiscard]] QString value(std::string_view key) const;
    void setValue(std::string_view key, const QString &value);

    Store &m_store;
};

} // namespace rd::mobile
