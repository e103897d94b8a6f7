#include "attachmentstore.h"

#include <sodium.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace rd::server {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void failErrno(const std::string &what, const fs::path &path)
{
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

/** Writes @p bytes at the end of @p path and syncs them, so "received" never counts bytes a crash may lose. */
void appendSynced(const fs::path &path, std::string_view bytes)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0)
        failErrno("cannot open", path);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int e = errno;
            ::close(fd);
            errno = e;
            failErrno("cannot write", path);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fdatasync(fd) != 0) {
        const int e = errno;
        ::close(fd);
        errno = e;
        failErrno("cannot sync", path);
    }
    ::close(fd);
}

void syncDirectory(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string hexOf(const unsigned char *bytes, std::size_t n)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0xf]);
    }
    return out;
}

/** The SHA-256 of a file, and its first three bytes (a JPEG starts FF D8 FF). */
std::string fileSha256(const fs::path &path, std::string &head)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        failErrno("cannot read", path);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    std::array<char, 64 * 1024> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        const auto n = in.gcount();
        if (n <= 0)
            break;
        if (head.size() < 3)
            head.append(buf.data(), std::min<std::size_t>(3 - head.size(), static_cast<std::size_t>(n)));
        crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char *>(buf.data()),
                                  static_cast<unsigned long long>(n));
    }
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&st, digest.data());
    return hexOf(digest.data(), digest.size());
}

} // namespace

AttachmentStore::AttachmentStore(fs::path dir)
    : m_dir(std::move(dir))
{}

fs::path AttachmentStore::finalPath(std::string_view sha256) const
{
    return m_dir / (std::string(sha256) + ".jpg");
}

fs::path AttachmentStore::partPath(std::string_view sha256) const
{
    return m_dir / "partial" / (std::string(sha256) + ".part");
}

AttachmentStore::State AttachmentStore::state(std::string_view sha256)
{
    std::lock_guard lock(m_mutex);
    std::error_code ec;
    if (const auto size = fs::file_size(finalPath(sha256), ec); !ec)
        return {true, static_cast<std::int64_t>(size)};
    if (const auto size = fs::file_size(partPath(sha256), ec); !ec)
        return {false, static_cast<std::int64_t>(size)};
    return {};
}

AttachmentStore::Outcome AttachmentStore::put(std::string_view sha256, std::int64_t start, std::int64_t total,
                                              std::string_view bytes)
{
    std::lock_guard lock(m_mutex);
    std::error_code ec;
    if (fs::exists(finalPath(sha256), ec))
        return Outcome::AlreadyHeld;
    const auto part = partPath(sha256);
    const auto size = fs::file_size(part, ec);
    const std::int64_t received = ec ? 0 : static_cast<std::int64_t>(size);
    if (start != received)
        return Outcome::WrongStart;
    fs::create_directories(part.parent_path());
    appendSynced(part, bytes);
    if (received + static_cast<std::int64_t>(bytes.size()) < total)
        return Outcome::Stored;

    std::string head;
    const auto hash = fileSha256(part, head);
    if (hash != sha256) {
        fs::remove(part, ec);
        return Outcome::HashMismatch;
    }
    if (head != "\xFF\xD8\xFF") {
        fs::remove(part, ec);
        return Outcome::NotAJpeg;
    }
    // Whole and checked (and synced, piece by piece): now, and only now, under its name.
    fs::rename(part, finalPath(sha256));
    syncDirectory(m_dir);
    return Outcome::Completed;
}

std::optional<std::string> AttachmentStore::read(std::string_view sha256)
{
    std::ifstream in(finalPath(sha256), std::ios::binary);
    if (!in)
        return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace rd::server
