#include "gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace rd::sync {

namespace {

// 15 window bits plus 16 selects the gzip wrapper instead of the zlib one.
constexpr int kGzipWindowBits = 15 + 16;
constexpr std::size_t kChunk = 64 * 1024;

} // namespace

std::string gzipCompress(std::string_view data, int level)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    // deflateBound guarantees one call with Z_FINISH completes.
    const int rc = deflate(&zs, Z_FINISH);
    const auto written = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate did not finish");
    out.resize(written);
    return out;
}

std::optional<std::string> gzipDecompress(std::string_view data, std::size_t limit, InflateError &error)
{
    error = InflateError::None;
    z_stream zs{};
    if (inflateInit2(&zs, kGzipWindowBits) != Z_OK)
        throw std::runtime_error("zlib: inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buf[kChunk];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            error = InflateError::Corrupt;
            break;
        }
        const std::size_t got = sizeof buf - zs.avail_out;
        if (out.size() + got > limit) {
            error = InflateError::TooLarge;
            break;
        }
        out.append(buf, got);
        if (rc == Z_OK && got == 0 && zs.avail_in == 0) {
            error = InflateError::Corrupt; // truncated: input ended before the stream did
            break;
        }
    }
    // Data after the gzip member is not something a client of ours sends.
    if (error == InflateError::None && zs.avail_in != 0)
        error = InflateError::Corrupt;
    inflateEnd(&zs);
    if (error != InflateError::None)
        return std::nullopt;
    return out;
}

bool looksGzipped(std::string_view data) noexcept
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

} // namespace rd::sync
