#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace rd::mobile {

/** @p data as a gzip member (the core's sync/gzip.h, in Qt's types), for a request body sent with `Content-Encoding: gzip`. */
[[nodiscard]] QByteArray gzipCompress(QByteArrayView data, int level = 6);

/**
 * The bytes inside the gzip data @p data, or nothing when it is not gzip, is cut short, or would
 * unpack to more than @p maxSize bytes (a bound, so a hostile answer cannot exhaust memory).
 */
[[nodiscard]] std::optional<QByteArray> gzipDecompress(QByteArrayView data, qsizetype maxSize);

/** True when @p data starts with the gzip magic bytes. */
[[nodiscard]] bool looksGzipped(QByteArrayView data) noexcept;

} // namespace rd::mobile
