#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string_view>

namespace rd::server {

/**
 * A log line that can come in floods (accept errors when file descriptors run out, refused
 * connections, throttled sign-ins): written at most once per interval, with the number of lines
 * like it left out since the one before, so a flood costs a line a second instead of the disk.
 * Thread-safe.
 */
class RateLimitedLog {
public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimitedLog(std::ostream &out, std::chrono::milliseconds interval = std::chrono::seconds(1));

    /** Writes "syncserver: LINE" unless a line was written less than an interval before @p now. */
    void write(std::string_view line, Clock::time_point now = Clock::now());

private:
    std::mutex m_mutex;
    std::ostream &m_out;
    std::chrono::milliseconds m_interval;
    Clock::time_point m_last{};
    bool m_written = false;
    std::uint64_t m_left = 0;
};

} // namespace rd::server
