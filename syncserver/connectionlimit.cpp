#include "connectionlimit.h"

#include <utility>

namespace rd::server {

ConnectionLimit::ConnectionLimit(std::size_t perAddress)
    : m_perAddress(perAddress)
{}

ConnectionLimit::Slot::Slot(ConnectionLimit &limit, std::string address)
    : m_limit(&limit)
    , m_address(std::move(address))
{}

ConnectionLimit::Slot::Slot(Slot &&other) noexcept
    : m_limit(std::exchange(other.m_limit, nullptr))
    , m_address(std::move(other.m_address))
{}

ConnectionLimit::Slot &ConnectionLimit::Slot::operator=(Slot &&other) noexcept
{
    if (this != &other) {
        release();
        m_limit = std::exchange(other.m_limit, nullptr);
        m_address = std::move(other.m_address);
    }
    return *this;
}

void ConnectionLimit::Slot::release() noexcept
{
    if (auto *limit = std::exchange(m_limit, nullptr))
        limit->release(m_address);
}

std::optional<ConnectionLimit::Slot> ConnectionLimit::admit(const std::string &address)
{
    std::lock_guard lock(m_mutex);
    auto &open = m_open[address];
    if (open >= m_perAddress) {
        if (open == 0)
            m_open.erase(address);
        return std::nullopt;
    }
    ++open;
    return Slot(*this, address);
}

void ConnectionLimit::release(const std::string &address) noexcept
{
    std::lock_guard lock(m_mutex);
    const auto it = m_open.find(address);
    if (it == m_open.end())
        return;
    if (--it->second == 0)
        m_open.erase(it); // the map holds only addresses with connections open
}

} // namespace rd::server
