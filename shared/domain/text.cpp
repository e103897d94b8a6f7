#include "text.h"

#include "errors.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace rd {

namespace {

/** Decodes one code point at @p i; returns its length, or 0 when the bytes there are not UTF-8. */
std::size_t decodeOne(std::string_view s, std::size_t i, char32_t &cp) noexcept
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool isSpace(char32_t cp) noexcept
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           cp == 0x2007 || cp == 0x202F || cp == 0x3000;
}

bool isDash(char32_t cp) noexcept
{
    // hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

std::string_view trimAscii(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

} // namespace

bool isValidUtf8(std::string_view text) noexcept
{
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        // Sync bodies are mostly ASCII: eight bytes at a time while no high bit is set.
        if (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const auto n = decodeOne(text, i, cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::size_t codePointCount(std::string_view text) noexcept
{
    std::size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

std::string checkedText(std::string_view field, std::string_view text, std::size_t maxChars, bool required,
                        Lines lines)
{
    const std::string name(field);
    if (!isValidUtf8(text))
        throw ValidationError(name, "is not valid UTF-8 text");
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto n = decodeOne(text, i, cp);
        const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
        const bool allowedBreak = lines == Lines::Multi && (cp == '\n' || cp == '\t' || cp == '\r');
        const bool edgeSpace = cp == '\t' || cp == '\n' || cp == '\r';
        if (control && !allowedBreak) {
            // Surrounding tabs and line ends (a scanner's Enter) are trimmed below, not refused.
            const bool atEdge = edgeSpace && trimAscii(text.substr(0, i)).empty();
            const bool atEnd = edgeSpace && trimAscii(text.substr(i)).empty();
            if (!atEdge && !atEnd)
                throw ValidationError(name, "holds a control character (code " + std::to_string(cp) + ")");
        }
        i += n;
    }
    const auto trimmed = trimAscii(text);
    if (required && trimmed.empty())
        throw ValidationError(name, "is required");
    const auto chars = codePointCount(trimmed);
    if (chars > maxChars)
        throw ValidationError(name, "is too long: " + std::to_string(chars) + " characters, at most " +
                                        std::to_string(maxChars));
    return std::string(trimmed);
}

std::string normaliseSerial(std::string_view serial)
{
    std::string out;
    out.reserve(serial.size());
    char32_t cp = 0;
    for (std::size_t i = 0; i < serial.size();) {
        auto n = decodeOne(serial, i, cp);
        if (n == 0) { // not UTF-8: keep the byte; validation refuses such input before it is stored
            n = 1;
            cp = 0xFFFD;
            out.push_back(serial[i]);
        } else if (isSpace(cp) || isDash(cp)) {
            // dropped
        } else if (cp >= 'a' && cp <= 'z') {
            out.push_back(static_cast<char>(cp - 'a' + 'A'));
        } else {
            out.append(serial.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string normaliseMake(std::string_view make)
{
    std::string out;
    bool pendingSpace = false;
    for (const char c : trimAscii(make)) {
        if (c == ' ' || c == '\t') {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace)
            out.push_back(' ');
        pendingSpace = false;
        out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
}

bool isIsoDate(std::string_view t) noexcept
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return false;
    auto digits = [&](std::size_t from, std::size_t count, int &value) {
        value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return false;
            value = value * 10 + (t[i] - '0');
        }
        return true;
    };
    int y = 0, m = 0, d = 0;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d))
        return false;
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int max = days[static_cast<std::size_t>(m - 1)] + ((m == 2 && leap) ? 1 : 0);
    return d <= max;
}

std::string printable(std::string_view text, std::size_t maxChars)
{
    std::string out;
    std::size_t chars = 0;
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size() && chars < maxChars; ++chars) {
        auto n = decodeOne(text, i, cp);
        if (n == 0 || cp < 0x20 || cp == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[i]));
            out += buf;
            n = n == 0 ? 1 : n;
        } else {
            out.append(text.substr(i, n));
        }
        i += n;
        if (chars + 1 == maxChars && i < text.size())
            out += "...";
    }
    return out;
}

} // namespace rd
