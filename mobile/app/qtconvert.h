#pragma once
// Between the core's UTF-8 std::string and ids and Qt's QString, in one place.

#include "domain/id.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace rd::mobile {

inline QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

inline QString qs(const std::string &text)
{
    return qs(std::string_view(text));
}

inline QString qs(const char *text)
{
    return qs(std::string_view(text));
}

inline QString qs(const Id &id)
{
    return QString::fromLatin1(id.toString().c_str());
}

inline QString qs(const std::optional<std::string> &text)
{
    return text ? qs(*text) : QString();
}

inline std::string utf8(const QString &text)
{
    return text.toStdString();
}

/** An id given back by a page; nothing when it is empty or not an id. */
inline std::optional<Id> optionalId(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    try {
        return Id::parse(text.toStdString());
    } catch (...) {
        return std::nullopt;
    }
}

inline QDateTime localTime(std::int64_t unixMs)
{
    return unixMs ? QDateTime::fromMSecsSinceEpoch(unixMs) : QDateTime();
}

} // namespace rd::mobile
