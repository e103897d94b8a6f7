#pragma once

#include "sync/gzip.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rd::server {

// The bodies themselves are packed and unpacked by the core (sync/gzip.h), shared with the app.
using sync::gzipCompress;
using sync::gzipDecompress;
using sync::InflateError;

/** True when an Accept-Encoding header value accepts gzip (and does not refuse it with q=0). */
[[nodiscard]] bool acceptsGzip(std::string_view acceptEncoding) noexcept;

} // namespace rd::server
