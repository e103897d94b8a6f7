#include "gzip.h"

#include <zlib.h>

namespace rd::mobile {

namespace {

// deflateInit2/inflateInit2 window bits: 15 (32 KiB window) + 16 selects the gzip wrapper.
constexpr int kGzipWindowBits = 15 + 16;
constexpr qsizetype kChunk = 64 * 1024;

} // namespace

QByteArray gzipCompress(QByteArrayView data, int level)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto written = static_cast<qsizetype>(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) // deflateBound guarantees room for one call; anything else is a bug
        return {};
    out.truncate(written);
    return out;
}

std::optional<QByteArray> gzipDecompress(QByteArrayView data, qsizetype maxSize)
{
    z_stream zs{};
    if (inflateInit2(&zs, kGzipWindowBits) != Z_OK)
        return std::nullopt;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    QByteArray out;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        const qsizetype have = out.size();
        if (have >= maxSize) {
            inflateEnd(&zs);
            return std::nullopt;
        }
        const qsizetype room = std::min(kChunk, maxSize - have);
        out.resize(have + room);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + have);
        zs.avail_out = static_cast<uInt>(room);
        rc = inflate(&zs, Z_NO_FLUSH);
        out.resize(have + room - static_cast<qsizetype>(zs.avail_out));
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) // the input ended before the gzip trailer
            break;
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            break;
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

bool looksGzipped(QByteArrayView data) noexcept
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

} // namespace rd::mobile
