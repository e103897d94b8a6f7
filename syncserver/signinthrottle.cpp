#include "signinthrottle.h"

#include <algorithm>
#include <utility>

namespace rd::server {

SigninThrottle::Attempt::Attempt(Attempt &&other) noexcept
    : m_throttle(std::exchange(other.m_throttle, nullptr))
    , m_name(std::move(other.m_name))
    , m_address(std::move(other.m_address))
    , m_retryAfter(other.m_retryAfter)
{}

SigninThrottle::Attempt &SigninThrottle::Attempt::operator=(Attempt &&other) noexcept
{
    if (this != &other) {
        settle(Outcome::Neutral, 0);
        m_throttle = std::exchange(other.m_throttle, nullptr);
        m_name = std::move(other.m_name);
        m_address = std::move(other.m_address);
        m_retryAfter = other.m_retryAfter;
    }
    return *this;
}

SigninThrottle::Attempt::~Attempt()
{
    settle(Outcome::Neutral, 0);
}

void SigninThrottle::Attempt::settle(Outcome outcome, Millis now)
{
    if (auto *throttle = std::exchange(m_throttle, nullptr))
        throttle->settle(*this, outcome, now);
}

SigninThrottle::SigninThrottle()
    : SigninThrottle(Limits{})
{}

SigninThrottle::SigninThrottle(Limits limits)
    : m_limits(limits)
    , m_accounts(m_limits.accountThreshold, m_limits)
    , m_addresses(m_limits.addressThreshold, m_limits)
{}

SigninThrottle::Attempt SigninThrottle::admit(std::string_view name, std::string_view address, Millis now)
{
    Attempt attempt;
    std::lock_guard lock(m_mutex);
    auto &account = m_accounts.touch(name, now);
    auto &from = m_addresses.touch(address, now);
    const Millis left = std::max(m_accounts.waitLeft(account, now), m_addresses.waitLeft(from, now));
    if (left > 0) {
        attempt.m_retryAfter = left;
        return attempt;
    }
    ++account.pending;
    ++from.pending;
    attempt.m_throttle = this;
    attempt.m_name = name;
    attempt.m_address = address;
    return attempt;
}

void SigninThrottle::settle(const Attempt &attempt, Outcome outcome, Millis now)
{
    std::lock_guard lock(m_mutex);
    // Entries with attempts pending are never evicted, so both are still there.
    for (auto *e : {m_accounts.find(attempt.m_name), m_addresses.find(attempt.m_address)}) {
        if (!e)
            continue;
        e->pending = std::max(0, e->pending - 1);
        if (outcome == Outcome::Failed) {
            ++e->failures;
            e->lastFailure = now;
        }
    }
    if (outcome == Outcome::Succeeded) {
        if (auto *account = m_accounts.find(attempt.m_name))
            account->failures = 0;
    }
}

std::size_t SigninThrottle::size() const
{
    std::lock_guard lock(m_mutex);
    return m_accounts.size() + m_addresses.size();
}

SigninThrottle::Counts::Counts(int threshold, const Limits &limits)
    : m_threshold(threshold)
    , m_limits(limits)
{}

SigninThrottle::Counts::Entry &SigninThrottle::Counts::touch(std::string_view key, Millis now)
{
    if (const auto it = m_index.find(key); it != m_index.end()) {
        m_entries.splice(m_entries.begin(), m_entries, it->second);
        auto &e = *it->second;
        if (e.pending == 0 && e.failures > 0 && now - e.lastFailure >= m_limits.forgetAfter)
            e.failures = 0; // quiet long enough: start again
        return e;
    }
    m_entries.push_front(Entry{std::string(key)});
    m_index.emplace(m_entries.front().key, m_entries.begin());
    evictOverflow();
    return m_entries.front();
}

SigninThrottle::Counts::Entry *SigninThrottle::Counts::find(std::string_view key)
{
    const auto it = m_index.find(key);
    return it == m_index.end() ? nullptr : &*it->second;
}

Millis SigninThrottle::Counts::waitLeft(const Entry &e, Millis now) const
{
    const int n = e.failures + e.pending;
    if (n < m_threshold)
        return 0;
    // Attempts in flight count as failures made now: the wait runs from the latest of them.
    const Millis last = e.pending > 0 ? now : e.lastFailure;
    const Millis wait = std::min<Millis>(Millis{1000} << std::min(n - m_threshold, 30), m_limits.maxWait);
    return std::max<Millis>(0, last + wait - now);
}

void SigninThrottle::Counts::evictOverflow()
{
    // The newest entry is at the front and never evicted here; entries with attempts in flight
    // are passed over (there are at most as many as the sign-in pool holds).
    for (std::size_t looked = 0; m_index.size() > m_limits.maxEntries && looked < m_index.size(); ++looked) {
        auto last = std::prev(m_entries.end());
        if (last == m_entries.begin())
            return;
        if (last->pending > 0) {
            m_entries.splice(std::next(m_entries.begin()), m_entries, last);
            continue;
        }
        m_index.erase(last->key);
        m_entries.erase(last);
    }
}

} // namespace rd::server
