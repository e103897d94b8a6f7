#include "id.h"

#include "errors.h"
#include "text.h"

#include <array>
#include <chrono>
#include <cstring>
#include <random>

namespace rd {

namespace {

constexpr std::array<std::int8_t, 256> kHexValue = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int c = 0; c < 10; ++c)
        t[static_cast<std::size_t>('0' + c)] = static_cast<std::int8_t>(c);
    for (int c = 0; c < 6; ++c) {
        t[static_cast<std::size_t>('a' + c)] = static_cast<std::int8_t>(10 + c);
        t[static_cast<std::size_t>('A' + c)] = static_cast<std::int8_t>(10 + c);
    }
    return t;
}();

/** Where each byte's two hex digits start in "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
constexpr std::array<std::size_t, 16> kDigitPairs{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

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

Id Id::derived(const Id &base, std::string_view salt)
{
    // Two 64-bit FNV-1a hashes of the base's bytes and the salt, from different offset bases: not
    // for secrecy, for spreading distinct inputs over distinct ids.
    auto fnv = [&](std::uint64_t h) {
        for (const auto byte : base.bytes())
            h = (h ^ byte) * 0x100000001b3ULL;
        for (const char c : salt)
            h = (h ^ static_cast<std::uint8_t>(c)) * 0x100000001b3ULL;
        return h;
    };
    const std::uint64_t h1 = fnv(0xcbf29ce484222325ULL);
    const std::uint64_t h2 = fnv(0x84222325cbf29ce4ULL ^ h1);
    Bytes b{};
    for (int i = 0; i < 8; ++i) {
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(h1 >> (8 * i));
        b[8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(h2 >> (8 * i));
    }
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x80); // version 8: made from its inputs
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80); // RFC variant
    return Id(b);
}

Id Id::parse(std::string_view text, std::string_view field)
{
    // Ids arrive by the hundred thousand in a first sync: a table, no branches per digit.
    Bytes b{};
    bool ok = text.size() == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-';
    for (std::size_t i = 0; ok && i < 16; ++i) {
        const auto hi = kHexValue[static_cast<unsigned char>(text[kDigitPairs[i]])];
        const auto lo = kHexValue[static_cast<unsigned char>(text[kDigitPairs[i] + 1])];
        ok = (hi | lo) >= 0;
        b[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    if (!ok)
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
