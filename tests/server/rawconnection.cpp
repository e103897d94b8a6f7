#include "rawconnection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rd::test {

namespace {

using Clock = RawConnection::Clock;

int millisLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

} // namespace

RawConnection::RawConnection(std::uint16_t port)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        const int error = errno;
        ::close(m_fd);
        throw std::runtime_error(std::string("connect: ") + std::strerror(error));
    }
}

RawConnection::~RawConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawConnection::write(const std::string &bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool RawConnection::readSome(Clock::time_point deadline, std::string &into)
{
    if (m_closed)
        return false;
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, millisLeft(deadline)) <= 0)
        return false; // timed out
    char buf[16 * 1024];
    const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
    if (n <= 0) {
        m_closed = true; // a close, or a reset: either way the server ended it
        return false;
    }
    into.append(buf, static_cast<std::size_t>(n));
    return true;
}

bool RawConnection::waitForClose(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    std::string ignored;
    while (readSome(deadline, ignored))
        ignored.clear();
    return m_closed;
}

int completeAnswers(const std::string &bytes)
{
    int count = 0;
    std::size_t at = 0;
    for (;;) {
        const auto headEnd = bytes.find("\r\n\r\n", at);
        if (headEnd == std::string::npos)
            return count;
        const auto head = bytes.substr(at, headEnd - at);
        std::size_t length = 0;
        for (const char *name : {"Content-Length: ", "content-length: "}) {
            if (const auto p = head.find(name); p != std::string::npos)
                length = std::stoul(head.substr(p + std::strlen(name)));
        }
        if (bytes.size() < headEnd + 4 + length)
            return count;
        ++count;
        at = headEnd + 4 + length;
    }
}

std::string RawConnection::readAnswers(int count, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    std::string got;
    while (completeAnswers(got) < count && readSome(deadline, got)) {
    }
    return got;
}

} // namespace rd::test
