// The server's small guards on their own: the sign-in throttle, the per-address connection cap and
// the rate-limited log, with explicit times (no clock, no sleeps).
#include "connectionlimit.h"
#include "ratelimitedlog.h"
#include "signinthrottle.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

using namespace rd;
using namespace rd::server;

namespace {

constexpr Millis kT0 = 1'800'000'000'000;
using Outcome = SigninThrottle::Outcome;

/** One failed attempt for @p name from @p address at @p now; false when it was not admitted. */
bool fail(SigninThrottle &t, const std::string &name, const std::string &address, Millis now)
{
    auto attempt = t.admit(name, address, now);
    if (!attempt)
        return false;
    attempt.settle(Outcome::Failed, now);
    return true;
}

} // namespace

TEST_CASE("The throttle's waits double from 1 s after the threshold and stop at 15 minutes", "[server][throttle]")
{
    SigninThrottle t;
    Millis now = kT0;
    for (int i = 0; i < 5; ++i)
        REQUIRE(fail(t, "sam", "10.0.0.1", now));
    std::vector<Millis> waits;
    for (int i = 0; i < 14; ++i) {
        const auto refused = t.admit("sam", "10.0.0.2", now);
        REQUIRE_FALSE(refused);
        waits.push_back(refused.retryAfter());
        now += refused.retryAfter();
        REQUIRE(fail(t, "sam", "10.0.0.2", now));
    }
    CHECK(waits == std::vector<Millis>{1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000,
                                       900000, 900000, 900000, 900000});
}

TEST_CASE("The throttle counts attempts still being checked, so a burst sent at once is held back",
          "[server][throttle]")
{
    SigninThrottle t;
    std::vector<SigninThrottle::Attempt> inFlight;
    for (int i = 0; i < 5; ++i) {
        inFlight.push_back(t.admit("sam", "10.0.0.1", kT0));
        REQUIRE(inFlight.back());
    }
    const auto sixth = t.admit("sam", "10.0.0.1", kT0);
    CHECK_FALSE(sixth);
    CHECK(sixth.retryAfter() == 1000);
    // Attempts that end for another reason (switched off, busy) are not failures.
    inFlight.clear();
    CHECK(t.admit("sam", "10.0.0.1", kT0));
}

TEST_CASE("A success starts the account's count again, not its address's", "[server][throttle]")
{
    SigninThrottle::Limits limits;
    limits.accountThreshold = 2;
    limits.addressThreshold = 4;
    SigninThrottle t(limits);
    REQUIRE(fail(t, "sam", "10.0.0.1", kT0));
    REQUIRE(fail(t, "jo", "10.0.0.1", kT0));
    {
        auto ok = t.admit("sam", "10.0.0.1", kT0);
        REQUIRE(ok);
        ok.settle(Outcome::Succeeded, kT0);
    }
    REQUIRE(fail(t, "sam", "10.0.0.1", kT0)); // sam: 1 failure again
    REQUIRE(fail(t, "pat", "10.0.0.1", kT0)); // the address: 4 failures
    CHECK_FALSE(t.admit("alex", "10.0.0.1", kT0));
    CHECK(t.admit("sam", "10.0.0.9", kT0));
}

TEST_CASE("The throttle forgets a count after an hour without failures", "[server][throttle]")
{
    SigninThrottle t;
    constexpr Millis kMinute = 60 * 1000;
    for (int i = 0; i < 8; ++i) { // a minute apart: past each wait
        REQUIRE(fail(t, "sam", "10.0.0." + std::to_string(i), kT0 + i * kMinute));
        REQUIRE(fail(t, "jo", "10.0.1." + std::to_string(i), kT0 + i * kMinute));
    }
    const Millis lastFailure = kT0 + 7 * kMinute;
    // 59 minutes on, jo's count is still there: one attempt, and the next waits again.
    const Millis sooner = lastFailure + 59 * kMinute;
    CHECK(fail(t, "jo", "10.0.3.1", sooner));
    CHECK_FALSE(t.admit("jo", "10.0.3.2", sooner));
    // An hour on, sam starts again from nothing: five failures before a wait.
    const Millis later = lastFailure + 60 * kMinute;
    for (int i = 0; i < 5; ++i)
        CHECK(fail(t, "sam", "10.0.2." + std::to_string(i), later));
    CHECK_FALSE(t.admit("sam", "10.0.1.1", later));
}

TEST_CASE("The throttle's memory is bounded: the least recently seen names go first", "[server][throttle]")
{
    SigninThrottle::Limits limits;
    limits.maxEntries = 50;
    SigninThrottle t(limits);
    for (int i = 0; i < 5; ++i)
        REQUIRE(fail(t, "target", "10.0.0.1", kT0));
    auto held = t.admit("pending", "10.0.0.1", kT0); // in flight: never forgotten
    REQUIRE(held);
    for (int i = 0; i < 1000; ++i)
        (void)fail(t, "name-" + std::to_string(i), "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250),
                   kT0);
    CHECK(t.size() <= 2 * limits.maxEntries);
    held.settle(Outcome::Failed, kT0); // found still, though 1,000 names came after it
    // "target" was forgotten long ago: it starts again from nothing.
    CHECK(t.admit("target", "10.9.9.9", kT0));
}

TEST_CASE("The connection cap holds each address to its limit and gives a slot back when a connection ends",
          "[server][connections]")
{
    ConnectionLimit limit(2);
    auto a = limit.admit("10.0.0.1");
    auto b = limit.admit("10.0.0.1");
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(limit.admit("10.0.0.1"));
    CHECK(limit.admit("10.0.0.2")); // another address has its own
    a->release();
    auto c = limit.admit("10.0.0.1");
    CHECK(c);
    b.reset(); // destroyed: released too
    CHECK(limit.admit("10.0.0.1"));
}

TEST_CASE("A rate-limited log writes a line a second and says how many it left out", "[server][log]")
{
    std::ostringstream out;
    RateLimitedLog log(out);
    const auto t0 = RateLimitedLog::Clock::time_point{} + std::chrono::hours(1);
    log.write("accept: Too many open files", t0);
    for (int i = 1; i <= 1000; ++i)
        log.write("accept: Too many open files", t0 + std::chrono::microseconds(i * 900));
    log.write("accept: Too many open files", t0 + std::chrono::milliseconds(1000));
    CHECK(out.str() == "syncserver: accept: Too many open files\n"
                       "syncserver: accept: Too many open files (and 1000 more like it left out of the log since "
                       "the last)\n");
}
