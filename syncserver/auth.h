#pragma once

#include "domain/entities.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rd::sql {
class Database;
}

namespace rd::server {

/** A password's length in characters: at least this when it is set (user add, user passwd)... */
inline constexpr std::size_t kMinPasswordChars = 8;
/** ...and at most this, when set and when signing in: far more than anyone types, but bounded. */
inline constexpr std::size_t kMaxPasswordChars = 1024;

/**
 * An argon2id hash (libsodium's crypto_pwhash_str, interactive limits) of @p password. Slow and
 * memory-hungry on purpose: never call it while holding the store lock.
 */
[[nodiscard]] std::string hashPassword(std::string_view password);

/** True when @p password matches @p hash; as slow as hashPassword, so also outside the lock. */
[[nodiscard]] bool verifyPassword(const std::string &hash, std::string_view password);

/** Tokens are 43 characters; anything much longer is not one, and not worth a hash. */
inline constexpr std::size_t kMaxTokenChars = 128;

/** A fresh access and refresh token pair, as the client receives it (the server keeps hashes). */
struct IssuedTokens {
    std::string accessToken;
    Millis accessExpiresAt = 0;
    std::string refreshToken;
    Millis refreshExpiresAt = 0;
};

/** Who a token was issued to. */
struct TokenOwner {
    Id userId;
    Id deviceId;
};

/** What checking a bearer token found: each answer maps to its own HTTP 401 code. */
enum class TokenState { Valid, Unknown, Expired };

/**
 * The bearer tokens in `auth_tokens`: 32 random bytes each, sent as base64url, stored only as
 * their SHA-256, so a copy of the database gives nobody a usable token. Not thread-safe: callers
 * hold the store lock, as for every other use of the database.
 */
class TokenStore {
public:
    TokenStore(sql::Database &db, Millis accessTtl, Millis refreshTtl);

    /** Issues an access and a refresh token for @p owner. */
    IssuedTokens issue(const TokenOwner &owner, Millis now);

    /** Checks an access token; @p owner is filled when it is Valid. */
    [[nodiscard]] TokenState checkAccess(std::string_view token, Millis now, TokenOwner &owner);

    /**
     * Swaps a refresh token for a new pair (rotation: the old refresh token is deleted in the same
     * transaction, so a stolen copy works at most once). Nothing when it is unknown or expired.
     */
    std::optional<std::pair<TokenOwner, IssuedTokens>> rotate(std::string_view refreshToken, Millis now);

    /** Marks every access token expired at @p now (their holders refresh); returns how many. */
    int expireAccessTokens(Millis now);

    /** Marks every refresh token expired at @p now (their holders sign in again); returns how many. */
    int expireRefreshTokens(Millis now);

    /** Deletes every token of @p userId (switched off, or a new password); returns how many. */
    int revokeUser(const Id &userId);

    /**
     * Deletes tokens that expired more than a day before @p now. Recently expired access tokens
     * stay so that their holders hear "token_expired" (refresh) rather than "unauthorized".
     */
    void purgeExpired(Millis now);

private:
    void insert(const std::string &hash, std::string_view kind, const TokenOwner &owner, Millis now,
                Millis expiresAt);

    sql::Database &m_db;
    Millis m_accessTtl;
    Millis m_refreshTtl;
};

} // namespace rd::server
