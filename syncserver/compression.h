#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rd::server {

/** @p data as a gzip member (zlib, fastest level): the wire form of large JSON answers. */
[[nodiscard]] std::string gzipCompress(std::string_view data);

/** Why a gzip body could not be inflated. */
enum class InflateError { None, TooLarge, Corrupt };

/**
 * Inflates a gzip request body, stopping as soon as the output would pass @p limit bytes, so a
 * small "zip bomb" cannot make the server allocate more than an uncompressed body could.
 */
[[nodiscard]] std::optional<std::string> gzipDecompress(std::string_view data, std::size_t limit,
                                                        InflateError &error);

/** True when an Accept-Encoding header value accepts gzip (and does not refuse it with q=0). */
[[nodiscard]] bool acceptsGzip(std::string_view acceptEncoding) noexcept;

} // namespace rd::server
