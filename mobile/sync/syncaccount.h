#pragma once

#include "domain/entities.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

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
     * in one transaction; with @p device (a sign-in), remembers the person as syncing from this
     * tablet as that device, so that their unsent work can be sent as them after someone else
     * signs in. Returns false, and changes nothing, when the answer lacks a token or the user.
     */
    bool saveSignIn(const QJsonObject &answer, const QUrl &server = {}, const std::optional<Id> &device = {});
    /** Forgets the tokens (they no longer work) but keeps the user, so the app still opens. */
    void forgetTokens();

    /**
     * The device id the person @p name signs in as on this tablet: theirs from an earlier sign-in
     * here; @p currentDevice when they are the one signed in, or nobody has signed in yet; else a
     * new one. A device id belongs to one person (the server refuses another's).
     */
    [[nodiscard]] Id deviceFor(const QString &name, const Id &currentDevice) const;

    /** Someone else who signed in on this tablet, whose waiting changes can be sent as them. */
    struct OtherAccount {
        Id device;
        QString userName;
        QString displayName;
        QString refreshToken; ///< empty once it no longer works: they sign in again
    };
    /** The people other than the signed-in one who signed in on this tablet. */
    [[nodiscard]] std::vector<OtherAccount> otherAccounts() const;
    /** Keeps the rotated refresh token from a refresh answer for @p device (another person's). */
    bool saveOtherTokens(const Id &device, const QJsonObject &answer);
    /** @p device's sign-in no longer works: its changes wait until that person signs in again. */
    void forgetOtherTokens(const Id &device);

    /** Normalises what a person types as the server address: adds http://, drops the last '/'. */
    [[nodiscard]] static QUrl normaliseServerUrl(const QString &typed);

private:
    [[nodiscard]] QString value(std::string_view key) const;
    void setValue(std::string_view key, const QString &value);

    Store &m_store;
};

} // namespace rd::mobile
