#include "accountroutes.h"

#include "servercontext.h"

#include "domain/enums.h"
#include "domain/text.h"

#include <boost/beast/http/status.hpp>
#include <boost/json.hpp>

#include <iostream>
#include <memory>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

// What a sign-in body may hold besides the password (auth.h): user names as Store::addUser allows
// them; a device id is a UUID (36 characters).
constexpr std::size_t kMaxNameChars = 64;
constexpr std::size_t kMaxDeviceIdChars = 64;
// What a client is told to wait when the pool is full: a few checks' time.
constexpr std::int64_t kBusyRetrySeconds = 2;

json::object tokensJson(const IssuedTokens &t, const User &user, const std::vector<Id> &sites, const Id &databaseId)
{
    json::array siteIds;
    for (const auto &s : sites)
        siteIds.emplace_back(s.toString());
    return {{"access_token", t.accessToken},
            {"access_expires_at", t.accessExpiresAt},
            {"refresh_token", t.refreshToken},
            {"refresh_expires_at", t.refreshExpiresAt},
            {"database_id", databaseId.toString()},
            {"user",
             {{"id", user.id.toString()},
              {"name", user.name},
              {"display_name", user.displayName},
              {"role", std::string(toString(user.role))},
              {"sites", std::move(siteIds)}}}};
}

/** A hash to verify against when the name is unknown, so both refusals take the same time. */
const std::string &decoyHash()
{
    static const std::string hash = hashPassword("no such user: a decoy so timing tells nothing");
    return hash;
}

/** Counts a refused sign-in and logs it with the name (quoted, printable, bounded), never the password. */
void countRefusal(ServerContext &ctx, SigninFailure why, std::string_view name, const std::string &client)
{
    ctx.metrics().addSigninFailure(why);
    const std::string line = std::string("sign-in refused (") + kSigninFailureNames[static_cast<std::size_t>(why)] +
                             ") for the name " + json::serialize(json::string(printable(name, kMaxNameChars))) +
                             " from " + client;
    // A flood of these is what the throttle and the pool are there for: a line a second will do.
    if (why == SigninFailure::Throttled || why == SigninFailure::Busy)
        ctx.signinFloodLog().write(line);
    else
        std::cerr << "syncserver: " << line << std::endl;
}

std::string inWords(std::int64_t seconds)
{
    if (seconds < 120)
        return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
    return std::to_string((seconds + 59) / 60) + " minutes";
}

/**
 * One sign-in from the moment its password is handed to the sign-in pool. If the pool drops it
 * unchecked (the server stopping), it still answers, so the connection is never left waiting.
 */
class SigninCheck {
public:
    SigninCheck(ServerContext &ctx, std::string name, std::string password, Id device, std::string client,
                std::optional<User> user, std::optional<std::string> hash, SigninThrottle::Attempt attempt,
                Finish finish)
        : m_ctx(ctx)
        , m_name(std::move(name))
        , m_password(std::move(password))
        , m_device(device)
        , m_client(std::move(client))
        , m_user(std::move(user))
        , m_hash(std::move(hash))
        , m_attempt(std::move(attempt))
        , m_finish(std::move(finish))
    {}

    ~SigninCheck()
    {
        if (m_answered)
            return;
        try {
            m_finish([]() -> Response {
                refuse(http::status::service_unavailable, "busy",
                       "the server is stopping; try again in a moment", {{"retry_after_s", kBusyRetrySeconds}});
            });
        } catch (...) { // a destructor never throws; the connection ends with the server
        }
    }

    SigninCheck(const SigninCheck &) = delete;
    SigninCheck &operator=(const SigninCheck &) = delete;

    /** The sign-in was answered without a check (refused before it reached the pool). */
    void answeredElsewhere() { m_answered = true; }
    [[nodiscard]] const std::string &name() const noexcept { return m_name; }

    /** On the sign-in pool: checks the password, and answers. */
    void run()
    {
        m_answered = true;
        m_finish([this] { return decide(); });
    }

private:
    Response decide()
    {
        // argon2id: a tenth of a second and 64 MiB, on this pool's thread, outside the store lock.
        const bool matches = m_hash ? verifyPassword(*m_hash, m_password)
                                    : (void(verifyPassword(decoyHash(), m_password)), false);
        if (!matches) {
            m_attempt.settle(SigninThrottle::Outcome::Failed, m_ctx.now());
            countRefusal(m_ctx, SigninFailure::BadCredentials, m_name, m_client);
            refuse(http::status::unauthorized, "bad_credentials", "the name or the password is wrong");
        }
        if (!m_user->active) {
            m_attempt.settle(SigninThrottle::Outcome::Neutral, m_ctx.now());
            countRefusal(m_ctx, SigninFailure::Disabled, m_name, m_client);
            refuse(http::status::unauthorized, "bad_credentials",
                   "this account is switched off; a release manager can switch it on again");
        }
        bool taken = false;
        std::string answer;
        {
            std::lock_guard lock(m_ctx.storeMutex());
            const Millis now = m_ctx.now();
            try {
                m_ctx.hub().registerDevice(m_user->id, m_device, now);
            } catch (const sync::ForbiddenError &) {
                taken = true;
            }
            if (!taken) {
                m_ctx.tokens().purgeExpired(now);
                const auto tokens = m_ctx.tokens().issue({m_user->id, m_device}, now);
                answer = json::serialize(tokensJson(tokens, *m_user, m_ctx.hub().sitesOf(m_user->id, m_user->role),
                                                    m_ctx.hub().databaseId()));
            }
        }
        if (taken) {
            m_attempt.settle(SigninThrottle::Outcome::Neutral, m_ctx.now());
            countRefusal(m_ctx, SigninFailure::DeviceTaken, m_name, m_client);
            refuse(http::status::forbidden, "device_taken",
                   "this device id is registered to another account: a device id belongs to the person who "
                   "first signed in with it, so sign in on your own device");
        }
        m_attempt.settle(SigninThrottle::Outcome::Succeeded, m_ctx.now());
        return jsonResponse(http::status::ok, std::move(answer));
    }

    ServerContext &m_ctx;
    std::string m_name;
    std::string m_password;
    Id m_device;
    std::string m_client;
    std::optional<User> m_user;
    std::optional<std::string> m_hash;
    SigninThrottle::Attempt m_attempt;
    Finish m_finish;
    bool m_answered = false;
};

} // namespace

void signin(const Call &call, Finish finish)
{
    auto &ctx = call.context;
    const auto o = parseObject(call.body);
    auto name = requireString(o, "name", kMaxNameChars);
    auto password = requireString(o, "password", kMaxPasswordChars);
    const auto deviceText = requireString(o, "device_id", kMaxDeviceIdChars);
    Id device;
    try {
        device = Id::parse(deviceText, "device_id");
    } catch (const ValidationError &) {
        refuse(http::status::bad_request, "wrong_type", "the field \"device_id\" must be a UUID");
    }

    // During a wait nothing is looked up or hashed: a refusal here costs next to nothing.
    auto attempt = ctx.signinThrottle().admit(name, call.client, ctx.now());
    if (!attempt) {
        const std::int64_t seconds = std::max<std::int64_t>(1, (attempt.retryAfter() + 999) / 1000);
        countRefusal(ctx, SigninFailure::Throttled, name, call.client);
        refuse(http::status::too_many_requests, "too_many_attempts",
               "too many failed sign-ins with this name or from this address; try again in " + inWords(seconds),
               {{"retry_after_s", seconds}});
    }

    std::optional<User> user;
    std::optional<std::string> hash;
    {
        auto lease = ctx.readConnections().acquire(); // reads only: no store lock
        user = lease.store().userByName(name);
        if (user)
            hash = lease.store().passwordHash(user->id);
    }
    auto check = std::make_shared<SigninCheck>(ctx, std::move(name), std::move(password), device, call.client,
                                               std::move(user), std::move(hash), std::move(attempt),
                                               std::move(finish));
    if (!ctx.signinPool().submit([check] { check->run(); })) {
        check->answeredElsewhere();
        countRefusal(ctx, SigninFailure::Busy, check->name(), call.client);
        refuse(http::status::service_unavailable, "busy",
               "the server is checking too many sign-ins at once; try again in a few seconds",
               {{"retry_after_s", kBusyRetrySeconds}});
    }
}

Response refresh(const Call &call)
{
    auto &ctx = call.context;
    const auto o = parseObject(call.body);
    const auto token = requireString(o, "refresh_token", kMaxTokenChars);
    std::lock_guard lock(ctx.storeMutex());
    const auto rotated = ctx.tokens().rotate(token, ctx.now());
    if (!rotated)
        refuse(http::status::unauthorized, "unauthorized", "the refresh token is not valid or has expired; sign in again");
    const auto user = ctx.store().user(rotated->first.userId);
    if (!user || !user->active) {
        ctx.tokens().revokeUser(rotated->first.userId); // the pair just made too
        refuse(http::status::unauthorized, "unauthorized", "this account is switched off; sign in again");
    }
    return jsonResponse(http::status::ok,
                        json::serialize(tokensJson(rotated->second, *user, ctx.hub().sitesOf(user->id, user->role),
                                                   ctx.hub().databaseId())));
}

} // namespace rd::server
