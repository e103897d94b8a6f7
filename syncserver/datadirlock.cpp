#include "datadirlock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace rd::server {

std::optional<DataDirLock> DataDirLock::take(const std::string &dataDir, std::string &why)
{
    const auto path = (std::filesystem::path(dataDir) / "syncserver.lock").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        why = "cannot open " + path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        why = error == EWOULDBLOCK ? "another syncserver is using " + dataDir + " (it holds " + path + "); stop it first"
                                   : "cannot lock " + path + ": " + std::strerror(error);
        return std::nullopt;
    }
    return DataDirLock(fd);
}

DataDirLock::DataDirLock(DataDirLock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{}

DataDirLock &DataDirLock::operator=(DataDirLock &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

DataDirLock::~DataDirLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // lets the lock go
}

} // namespace rd::server
