#include "passwordroute.h"

#include "auth.h"
#include "servercontext.h"

#include "domain/text.h"

#include <boost/beast/http/status.hpp>
#include <boost/json.hpp>

#include <iostream>
#include <memory>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

constexpr std::int64_t kBusyRetrySeconds = 2;

/** The password set on the sign-in pool; answered "busy" should the pool drop it unrun (a stop). */
class PasswordJob {
public:
    PasswordJob(ServerContext &ctx, Id user, std::string name, std::string password, std::string by, Finish finish)
        : m_ctx(ctx)
        , m_user(user)
        , m_name(std::move(name))
        , m_password(std::move(password))
        , m_by(std::move(by))
        , m_finish(std::move(finish))
    {}
    ~PasswordJob()
    {
        if (m_ran)
            return;
        try {
            m_finish([]() -> Response {
                refuse(http::status::service_unavailable, "busy", "the server is stopping; try again in a moment",
                       {{"retry_after_s", kBusyRetrySeconds}});
            });
        } catch (...) { // a destructor never throws
        }
    }
    PasswordJob(const PasswordJob &) = delete;
    PasswordJob &operator=(const PasswordJob &) = delete;

    void dropped() { m_ran = true; }

    void run()
    {
        m_ran = true;
        m_finish([this] {
            const auto hash = hashPassword(m_password); // argon2id, here on the pool, outside the lock
            {
                std::lock_guard lock(m_ctx.storeMutex());
                m_ctx.store().setPasswordHash(m_user, hash);
                m_ctx.tokens().revokeUser(m_user);
            }
            std::cerr << "syncserver: password of '" << printable(m_name, 64) << "' set by '" << printable(m_by, 64)
                      << "'; their sign-ins ended" << std::endl;
            return jsonResponse(http::status::ok, json::serialize(json::object{{"user_id", m_user.toString()}}));
        });
    }

private:
    ServerContext &m_ctx;
    Id m_user;
    std::string m_name;
    std::string m_password;
    std::string m_by;
    Finish m_finish;
    bool m_ran = false;
};

} // namespace

void setPassword(const Call &call, Finish finish)
{
    auto &ctx = call.context;
    const auto who = authenticateUnlocked(call.request, ctx);
    if (who.role != Role::ReleaseManager)
        refuse(http::status::forbidden, "forbidden", "only a release manager sets a person's password");
    const auto o = parseObject(call.body);
    const auto userText = requireString(o, "user_id", 36);
    auto password = requireString(o, "password", kMaxPasswordChars);
    Id user;
    try {
        user = Id::parse(userText, "user_id");
    } catch (const ValidationError &) {
        refuse(http::status::bad_request, "wrong_type", "the field \"user_id\" must be a UUID");
    }
    if (codePointCount(password) < kMinPasswordChars)
        refuse(http::status::bad_request, "rejected",
               "a password has at least " + std::to_string(kMinPasswordChars) + " characters");
    std::string name, by;
    {
        auto lease = ctx.readConnections().acquire();
        const auto person = lease.store().user(user);
        if (!person)
            refuse(http::status::bad_request, "not_found",
                   "the server has no such person yet: sync first, so that the new person reaches it");
        name = person->name;
        if (const auto manager = lease.store().user(who.userId))
            by = manager->name;
    }
    auto job = std::make_shared<PasswordJob>(ctx, user, std::move(name), std::move(password), std::move(by),
                                             std::move(finish));
    if (!ctx.signinPool().submit([job] { job->run(); })) {
        job->dropped();
        refuse(http::status::service_unavailable, "busy", "the server is busy checking passwords; try again in a moment",
               {{"retry_after_s", kBusyRetrySeconds}});
    }
}

} // namespace rd::server
