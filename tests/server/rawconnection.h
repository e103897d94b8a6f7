#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace rd::test {

/**
 * A plain TCP connection to 127.0.0.1 for tests that need what HttpClient hides: several
 * connections held open at once, pipelined requests written in one go, a close seen as it comes.
 * Every read is bounded by a timeout, so a silent server fails the test instead of hanging it.
 */
class RawConnection {
public:
    using Clock = std::chrono::steady_clock;

    /** Connects; throws std::runtime_error when it cannot. */
    explicit RawConnection(std::uint16_t port);
    ~RawConnection();
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    /** Writes all of @p bytes; false when the connection is gone. */
    bool write(const std::string &bytes);

    /** Reads until the server closes the connection (true) or @p timeout passes (false). */
    bool waitForClose(std::chrono::milliseconds timeout);

    /** Whether the server closed the connection during a read. */
    [[nodiscard]] bool closed() const noexcept { return m_closed; }

    /** Reads whole HTTP answers (Content-Length bodies) until @p count have arrived; their text. */
    std::string readAnswers(int count, std::chrono::milliseconds timeout);

private:
    /** Appends what arrives before @p deadline to @p into; false on a timeout or a close. */
    bool readSome(Clock::time_point deadline, std::string &into);

    int m_fd = -1;
    bool m_closed = false;
};

/** How many whole HTTP answers with Content-Length bodies @p bytes holds. */
[[nodiscard]] int completeAnswers(const std::string &bytes);

} // namespace rd::test
