#include "ratelimitedlog.h"

#include <ostream>

namespace rd::server {

RateLimitedLog::RateLimitedLog(std::ostream &out, std::chrono::milliseconds interval)
    : m_out(out)
    , m_interval(interval)
{}

void RateLimitedLog::write(std::string_view line, Clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    if (m_written && now - m_last < m_interval) {
        ++m_left;
        return;
    }
    m_out << "syncserver: " << line;
    if (m_left > 0)
        m_out << " (and " << m_left << " more like it left out of the log since the last)";
    m_out << std::endl;
    m_written = true;
    m_last = now;
    m_left = 0;
}

} // namespace rd::server
