#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace rd::server {

/**
 * How many connections each client address holds, so that one address cannot take every
 * connection (and file descriptor) the server has. Thread-safe.
 */
class ConnectionLimit {
public:
    explicit ConnectionLimit(std::size_t perAddress);

    /** One connection counted against its address until released (or destroyed). Move-only. */
    class Slot {
    public:
        Slot() = default;
        Slot(Slot &&other) noexcept;
        Slot &operator=(Slot &&other) noexcept;
        Slot(const Slot &) = delete;
        Slot &operator=(const Slot &) = delete;
        ~Slot() { release(); }
        void release() noexcept;

    private:
        friend class ConnectionLimit;
        Slot(ConnectionLimit &limit, std::string address);
        ConnectionLimit *m_limit = nullptr;
        std::string m_address;
    };

    /** A slot for a new connection from @p address; nothing when it already holds perAddress. */
    [[nodiscard]] std::optional<Slot> admit(const std::string &address);

    [[nodiscard]] std::size_t perAddress() const noexcept { return m_perAddress; }

private:
    void release(const std::string &address) noexcept;

    std::size_t m_perAddress;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::size_t> m_open;
};

} // namespace rd::server
