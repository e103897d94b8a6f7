#include "compression.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace rd::server {

namespace {

// 15 window bits plus 16 selects the gzip wrapper instead of the zlib one.
constexpr int kGzipWindowBits = 15 + 16;
constexpr std::size_t kChunk = 64 * 1024;

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

std::string gzipCompress(std::string_view data)
{
    z_stream zs{};
    // The fastest level: sync pages are large and repetitive, and level 1 already takes most of
    // the gain, at a fraction of the default level's time on the server's two cores.
    if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
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

bool acceptsGzip(std::string_view acceptEncoding) noexcept
{
    try {
        const std::string value = lower(acceptEncoding);
        std::string_view rest(value);
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            std::string_view item = trim(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            std::string_view coding = trim(item.substr(0, item.find(';')));
            if (coding != "gzip" && coding != "*")
                continue;
            const auto q = item.find("q=");
            if (q == std::string_view::npos)
                return true;
            const auto weight = trim(item.substr(q + 2));
            // q=0, q=0.0, q=0.000 refuse the coding; any other weight accepts it.
            return weight.find_first_not_of("0.") != std::string_view::npos;
        }
    } catch (...) {
    }
    return false;
}

} // namespace rd::server
