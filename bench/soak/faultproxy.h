#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace rd::soak {

/** What the proxy can do to one HTTP exchange instead of passing it on. */
enum class ProxyFault {
    CutRequest, ///< part of the request reaches the server, then both connections close
    CutAnswer,  ///< the whole request goes; part of the answer comes back, then both close
    LoseAnswer, ///< the whole request goes and the server answers (it has committed); the answer is dropped
};
constexpr std::size_t kProxyFaultKinds = 3;

/** The API call an exchange was, as the proxy counts its faults. */
enum class ProxyRoute { SignIn, Refresh, Push, Pull, Other };
constexpr std::size_t kProxyRoutes = 5;

[[nodiscard]] std::string_view toString(ProxyFault fault) noexcept;
[[nodiscard]] std::string_view toString(ProxyRoute route) noexcept;

/**
 * An HTTP proxy on 127.0.0.1 between the tablets and the real syncserver that breaks exchanges
 * at random: the network faults a tablet meets on a school's Wi-Fi, placed where they hurt (after
 * the server committed a push, in the middle of a pull page). It reads each request and answer
 * whole (Boost.Beast), so a fault hits one exchange of a kept-alive connection, not only a
 * connection's first. The server behind it may move to another port (a restart): the tablets keep
 * the proxy's address, as they keep the school's. Runs on a thread of its own; every method may be
 * called from any thread.
 */
class FaultProxy {
public:
    /** Chance per exchange of each fault; the rest pass untouched. */
    struct Rates {
        double cutRequest = 0;
        double cutAnswer = 0;
        double loseAnswer = 0;
    };

    /** What the proxy did so far. */
    struct Counts {
        std::int64_t exchanges = 0; ///< requests read from the tablets
        std::int64_t refused = 0;   ///< connections closed at once: no server to pass them to
        std::array<std::array<std::int64_t, kProxyRoutes>, kProxyFaultKinds> faults{};

        [[nodiscard]] std::int64_t total(ProxyFault fault) const noexcept;
        [[nodiscard]] std::int64_t total() const noexcept;
        [[nodiscard]] std::int64_t of(ProxyFault fault, ProxyRoute route) const noexcept
        {
            return faults[static_cast<std::size_t>(fault)][static_cast<std::size_t>(route)];
        }
    };

    /** Its choices (which exchange, where to cut) follow @p seed. */
    explicit FaultProxy(std::uint64_t seed);
    /** Stops it. */
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    /** Listens on 127.0.0.1 at a free port and starts its thread; returns the port. Throws on failure. */
    std::uint16_t start();
    /** Closes every connection and ends its thread. */
    void stop();

    /**
     * Where the server is now; 0 while it is down (each new connection is then closed at once). A
     * change closes every connection to the server run before, as that server's going would.
     */
    void setUpstream(std::uint16_t port);
    void setRates(const Rates &rates);
    [[nodiscard]] Counts counts() const;
    [[nodiscard]] std::uint16_t port() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace rd::soak
