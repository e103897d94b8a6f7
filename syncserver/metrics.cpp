#include "metrics.h"

#include <sstream>

namespace rd::server {

void Metrics::recordRequest(const std::string &route, unsigned status, double seconds)
{
    std::lock_guard lock(m_mutex);
    ++m_requests[{route, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++m_bucketCounts[i];
    }
    ++m_durationCount;
    m_durationSum += seconds;
}

std::string Metrics::render() const
{
    std::ostringstream out;
    out.precision(9);
    {
        std::lock_guard lock(m_mutex);
        out << "# HELP releasedesk_http_requests_total HTTP requests answered, by route and status.\n"
            << "# TYPE releasedesk_http_requests_total counter\n";
        for (const auto &[key, count] : m_requests)
            out << "releasedesk_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
                << "\"} " << count << "\n";
        out << "# HELP releasedesk_http_request_duration_seconds Time to answer a request.\n"
            << "# TYPE releasedesk_http_request_duration_seconds histogram\n";
        // Buckets are cumulative: each counts every request at or under its bound.
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "releasedesk_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
                << m_bucketCounts[i] << "\n";
        out << "releasedesk_http_request_duration_seconds_bucket{le=\"+Inf\"} " << m_durationCount << "\n"
            << "releasedesk_http_request_duration_seconds_sum " << m_durationSum << "\n"
            << "releasedesk_http_request_duration_seconds_count " << m_durationCount << "\n";
    }
    out << "# HELP releasedesk_sync_rows_pushed_total Mutations applied from pushes.\n"
        << "# TYPE releasedesk_sync_rows_pushed_total counter\n"
        << "releasedesk_sync_rows_pushed_total " << m_rowsPushed.load() << "\n"
        << "# HELP releasedesk_sync_rows_pulled_total Rows sent in pull pages.\n"
        << "# TYPE releasedesk_sync_rows_pulled_total counter\n"
        << "releasedesk_sync_rows_pulled_total " << m_rowsPulled.load() << "\n"
        << "# HELP releasedesk_sync_errors_total Push and pull requests answered with an error.\n"
        << "# TYPE releasedesk_sync_errors_total counter\n"
        << "releasedesk_sync_errors_total " << m_syncErrors.load() << "\n"
        << "# HELP releasedesk_push_lock_wait_seconds_total Time pushes waited in the queue for a push thread.\n"
        << "# TYPE releasedesk_push_lock_wait_seconds_total counter\n"
        << "releasedesk_push_lock_wait_seconds_total " << static_cast<double>(m_pushLockWaitNs.load()) / 1e9
        << "\n"
        << "# HELP releasedesk_push_lock_held_seconds_total Time push threads spent applying pushes.\n"
        << "# TYPE releasedesk_push_lock_held_seconds_total counter\n"
        << "releasedesk_push_lock_held_seconds_total " << static_cast<double>(m_pushLockHeldNs.load()) / 1e9
        << "\n";
    out << "# HELP releasedesk_signin_failures_total Sign-ins refused, by reason.\n"
        << "# TYPE releasedesk_signin_failures_total counter\n";
    for (std::size_t i = 0; i < kSigninFailureNames.size(); ++i)
        out << "releasedesk_signin_failures_total{reason=\"" << kSigninFailureNames[i] << "\"} "
            << m_signinFailures[i].load() << "\n";
    out << "# HELP releasedesk_connections_refused_total Connections closed at once: their address had the most "
           "connections allowed.\n"
        << "# TYPE releasedesk_connections_refused_total counter\n"
        << "releasedesk_connections_refused_total " << m_connectionsRefused.load() << "\n"
        << "# HELP releasedesk_accept_errors_total Failed accepts (out of file descriptors, most often).\n"
        << "# TYPE releasedesk_accept_errors_total counter\n"
        << "releasedesk_accept_errors_total " << m_acceptErrors.load() << "\n";
    return out.str();
}

} // namespace rd::server
