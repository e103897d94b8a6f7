#pragma once

#include <optional>
#include <string>

namespace rd::server {

/**
 * A server's hold on its data directory: an exclusive lock (flock) on DIR/syncserver.lock, held
 * while `serve` runs. The kernel lets it go when the process ends, however it ends (SIGKILL
 * too), so it never goes stale. `restore` takes it too, so the database is never replaced under a
 * running server, and two servers never serve one directory. Move-only.
 */
class DataDirLock {
public:
    /** Takes the lock; nothing, with the reason in words in @p why, when it is held or cannot be made. */
    [[nodiscard]] static std::optional<DataDirLock> take(const std::string &dataDir, std::string &why);

    DataDirLock(DataDirLock &&other) noexcept;
    DataDirLock &operator=(DataDirLock &&other) noexcept;
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;
    ~DataDirLock();

private:
    explicit DataDirLock(int fd) noexcept
        : m_fd(fd)
    {}
    int m_fd = -1;
};

} // namespace rd::server
