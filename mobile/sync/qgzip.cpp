#include "qgzip.h"

#include "sync/gzip.h"

namespace rd::mobile {

QByteArray gzipCompress(QByteArrayView data, int level)
{
    try {
        return QByteArray::fromStdString(rd::sync::gzipCompress(
            std::string_view(data.data(), static_cast<std::size_t>(data.size())), level));
    } catch (const std::exception &) {
        return {};
    }
}

std::optional<QByteArray> gzipDecompress(QByteArrayView data, qsizetype maxSize)
{
    try {
        rd::sync::InflateError error{};
        auto out =
            rd::sync::gzipDecompress(std::string_view(data.data(), static_cast<std::size_t>(data.size())),
                                     static_cast<std::size_t>(maxSize), error);
        if (!out)
            return std::nullopt;
        return QByteArray::fromStdString(*out);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

bool looksGzipped(QByteArrayView data) noexcept
{
    return rd::sync::looksGzipped(std::string_view(data.data(), static_cast<std::size_t>(data.size())));
}

} // namespace rd::mobile
