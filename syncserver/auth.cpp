#include "auth.h"

#include "store/database.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace rd::server {

namespace {

constexpr Millis kPurgeGrace = 24LL * 60 * 60 * 1000;

void initSodium()
{
    // sodium_init is idempotent and thread-safe; it picks the fastest implementations and seeds
    // the random generator, so it must have run before the first hash or token.
    static const int rc = sodium_init();
    if (rc < 0)
        throw std::runtime_error("libsodium cannot be initialised");
}

/** A new token's text: 32 random bytes in base64url without padding. */
std::string newToken()
{
    std::array<unsigned char, 32> raw{};
    randombytes_buf(raw.data(), raw.size());
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(raw.size(), variant), '\0');
    sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), variant);
    text.resize(text.find('\0'));
    sodium_memzero(raw.data(), raw.size());
    return text;
}

/** What the table keeps of a token: its SHA-256, as a 32-byte key. */
std::string tokenHash(std::string_view token)
{
    std::string digest(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char *>(digest.data()),
                       reinterpret_cast<const unsigned char *>(token.data()), token.size());
    return digest;
}

} // namespace

std::string hashPassword(std::string_view password)
{
    initSodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out.data();
}

bool verifyPassword(const std::string &hash, std::string_view password)
{
    initSodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

TokenStore::TokenStore(sql::Database &db, Millis accessTtl, Millis refreshTtl)
    : m_db(db)
    , m_accessTtl(accessTtl)
    , m_refreshTtl(refreshTtl)
{
    initSodium();
}

void TokenStore::insert(const std::string &hash, std::string_view kind, const TokenOwner &owner, Millis now,
                        Millis expiresAt)
{
    auto q = m_db.query("INSERT INTO auth_tokens(token_hash, kind, user_id, device_id, created_at, expires_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    q->bindBlob(1, hash.data(), hash.size());
    q->bind(2, kind).bind(3, owner.userId).bind(4, owner.deviceId).bind(5, now).bind(6, expiresAt);
    q->run();
}

IssuedTokens TokenStore::issue(const TokenOwner &owner, Millis now)
{
    IssuedTokens t{newToken(), now + m_accessTtl, newToken(), now + m_refreshTtl};
    sql::Transaction tx(m_db);
    insert(tokenHash(t.accessToken), "access", owner, now, t.accessExpiresAt);
    insert(tokenHash(t.refreshToken), "refresh", owner, now, t.refreshExpiresAt);
    tx.commit();
    return t;
}

TokenState TokenStore::checkAccess(std::string_view token, Millis now, TokenOwner &owner)
{
    const auto hash = tokenHash(token);
    auto q = m_db.query("SELECT user_id, device_id, expires_at FROM auth_tokens "
                        "WHERE token_hash = ?1 AND kind = 'access'");
    q->bindBlob(1, hash.data(), hash.size());
    if (!q->step())
        return TokenState::Unknown;
    if (q->int64(2) <= now)
        return TokenState::Expired;
    owner.userId = q->id(0);
    owner.deviceId = q->optId(1).value_or(Id{});
    return TokenState::Valid;
}

std::optional<std::pair<TokenOwner, IssuedTokens>> TokenStore::rotate(std::string_view refreshToken, Millis now)
{
    const auto hash = tokenHash(refreshToken);
    sql::Transaction tx(m_db);
    TokenOwner owner;
    {
        auto q = m_db.query("SELECT user_id, device_id, expires_at FROM auth_tokens "
                            "WHERE token_hash = ?1 AND kind = 'refresh'");
        q->bindBlob(1, hash.data(), hash.size());
        if (!q->step() || q->int64(2) <= now)
            return std::nullopt;
        owner.userId = q->id(0);
        owner.deviceId = q->optId(1).value_or(Id{});
    }
    {
        auto del = m_db.query("DELETE FROM auth_tokens WHERE token_hash = ?1");
        del->bindBlob(1, hash.data(), hash.size());
        del->run();
    }
    IssuedTokens t{newToken(), now + m_accessTtl, newToken(), now + m_refreshTtl};
    insert(tokenHash(t.accessToken), "access", owner, now, t.accessExpiresAt);
    insert(tokenHash(t.refreshToken), "refresh", owner, now, t.refreshExpiresAt);
    tx.commit();
    return std::pair{owner, std::move(t)};
}

int TokenStore::expireAccessTokens(Millis now)
{
    m_db.query("UPDATE auth_tokens SET expires_at = ?1 WHERE kind = 'access' AND expires_at > ?1")
        ->bind(1, now)
        .run();
    return m_db.changes();
}

int TokenStore::expireRefreshTokens(Millis now)
{
    m_db.query("UPDATE auth_tokens SET expires_at = ?1 WHERE kind = 'refresh' AND expires_at > ?1")
        ->bind(1, now)
        .run();
    return m_db.changes();
}

int TokenStore::revokeUser(const Id &userId)
{
    m_db.query("DELETE FROM auth_tokens WHERE user_id = ?1")->bind(1, userId).run();
    return m_db.changes();
}

void TokenStore::purgeExpired(Millis now)
{
    m_db.query("DELETE FROM auth_tokens WHERE expires_at < ?1")->bind(1, now - kPurgeGrace).run();
}

} // namespace rd::server
