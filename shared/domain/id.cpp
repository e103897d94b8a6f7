#include "id.h"

#include "errors.h"
#include "text.h"

#include <chrono>
#include <cstring>
#include <random>

namespace rd {

namespace {

int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

Id Id::generate()
{
    // One generator per thread, seeded from the OS; no lock on the hot path.
    thread_local std::mt19937_64 rng{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }()};
    const auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
    const std::uint64_t r1 = rng();
    const std::uint64_t r2 = rng();
    Bytes b{};
    for (int i = 0; i < 6; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    for (int i = 0; i < 2; ++i)
        b[6 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(r1 >> (8 * i));
    for (int i = 0; i < 8; ++i)
        b[8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(r2 >> (8 * i));
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x70); // version 7
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80); // RFC variant
    return Id(b);
}

Id Id::parse(std::string_view text, std::string_view field)
{
    Bytes b{};
    bool ok = text.size() == 36;
    std::size_t out = 0;
    for (std::size_t i = 0; ok && i < text.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            ok = text[i] == '-';
            continue;
        }
        const int hi = hexValue(text[i]);
        const int lo = (i + 1 < text.size()) ? hexValue(text[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            ok = false;
            break;
        }
        b[out++] = static_cast<std::uint8_t>(hi * 16 + lo);
        ++i;
    }
    if (!ok || out != 16)
        throw ValidationError(std::string(field), "'" + printable(text, 40) +
                                                      "' is not an id (expected a UUID such as "
                                                      "0190f5a2-7b3c-7d4e-8f00-112233445566)");
    return Id(b);
}

Id Id::fromBlob(const void *data, int size)
{
    if (size != 16 || data == nullptr)
        throw StoreError("stored id is " + std::to_string(size) + " bytes, expected 16", 0);
    Bytes b{};
    std::memcpy(b.data(), data, 16);
    return Id(b);
}

std::string Id::toString() const
{
    std::string s;
    s.reserve(36);
    appendTo(s);
    return s;
}

void Id::appendTo(std::string &out) const
{
    static constexpr char hex[] = "0123456789abcdef";
    char buf[36];
    std::size_t o = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf[o++] = '-';
        buf[o++] = hex[m_bytes[i] >> 4];
        buf[o++] = hex[m_bytes[i] & 0x0F];
    }
    out.append(buf, sizeof buf);
}

} // namespace rd
