#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rd::sync {

/** @p data as a gzip member (RFC 1952): the wire form of large sync bodies. Level 1 is zlib's fastest. */
[[nodiscard]] std::string gzipCompress(std::string_view data, int level = 1);

/** Why a gzip body could not be inflated. */
enum class InflateError { None, TooLarge, Corrupt };

/**
 * Inflates gzip @p data, stopping as soon as the output would pass @p limit bytes, so a small
 * "zip bomb" cannot make anyone allocate more than an uncompressed body could.
 */
[[nodiscard]] std::optional<std::string> gzipDecompress(std::string_view data, std::size_t limit,
                                                        InflateError &error);

/** True when @p data starts with the gzip magic bytes. */
[[nodiscard]] bool looksGzipped(std::string_view data) noexcept;

} // namespace rd::sync
