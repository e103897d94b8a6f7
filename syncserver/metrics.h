#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace rd::server {

/** Why a sign-in was refused, as counted in releasedesk_signin_failures_total{reason}. */
enum class SigninFailure { BadCredentials, Throttled, Disabled, DeviceTaken, Busy };
inline constexpr std::array<const char *, 5> kSigninFailureNames{"bad_credentials", "throttled", "disabled",
                                                                 "device_taken", "busy"};

/** The server's counters, shown by GET /metrics in the Prometheus text format. Thread-safe. */
class Metrics {
public:
    /** Latency bucket upper bounds in seconds; a push of a day's work should land in the low ones. */
    static constexpr std::array<double, 12> kBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,   1.0,  2.5,   5.0,  10.0};

    /** One answered request: @p route is a fixed route name, so the label set stays small. */
    void recordRequest(const std::string &route, unsigned status, double seconds);
    void addRowsPushed(std::int64_t rows) noexcept { m_rowsPushed += rows; }
    void addRowsPulled(std::int64_t rows) noexcept { m_rowsPulled += rows; }
    void addSyncError() noexcept { ++m_syncErrors; }
    /** A push's time queued for a push thread, and applying it. */
    void addPushLockTimes(double waitSeconds, double heldSeconds) noexcept
    {
        m_pushLockWaitNs += static_cast<std::int64_t>(waitSeconds * 1e9);
        m_pushLockHeldNs += static_cast<std::int64_t>(heldSeconds * 1e9);
    }

    void addSigninFailure(SigninFailure why) noexcept { ++m_signinFailures[static_cast<std::size_t>(why)]; }
    /** A connection closed at once: its address already had the most connections allowed. */
    void addConnectionRefused() noexcept { ++m_connectionsRefused; }
    /** accept() failed (out of file descriptors, most often). */
    void addAcceptError() noexcept { ++m_acceptErrors; }

    /** Everything, in the Prometheus text exposition format 0.0.4. */
    [[nodiscard]] std::string render() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> m_requests;
    std::array<std::uint64_t, kBuckets.size()> m_bucketCounts{};
    std::uint64_t m_durationCount = 0;
    double m_durationSum = 0;
    std::atomic<std::int64_t> m_rowsPushed{0};
    std::atomic<std::int64_t> m_rowsPulled{0};
    std::atomic<std::int64_t> m_syncErrors{0};
    std::atomic<std::int64_t> m_pushLockWaitNs{0};
    std::atomic<std::int64_t> m_pushLockHeldNs{0};
    std::array<std::atomic<std::int64_t>, kSigninFailureNames.size()> m_signinFailures{};
    std::atomic<std::int64_t> m_connectionsRefused{0};
    std::atomic<std::int64_t> m_acceptErrors{0};
};

} // namespace rd::server
