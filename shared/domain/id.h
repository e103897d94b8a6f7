#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace rd {

/**
 * The identity of every record: a UUID version 7 (RFC 9562), made on whichever device creates the
 * record, with or without a network. Time-ordered, so new rows append to the B-trees instead of
 * splitting pages; stored as a 16-byte BLOB, shown and sent as the usual 36-character text.
 */
class Id {
public:
    using Bytes = std::array<std::uint8_t, 16>;

    constexpr Id() = default;
    explicit constexpr Id(const Bytes &bytes)
        : m_bytes(bytes)
    {}

    /** A new identity, unique across devices: 48 bits of Unix milliseconds, 74 random bits. */
    [[nodiscard]] static Id generate();
    /**
     * The same id for the same @p base and @p salt, wherever it is made (UUID version 8): a record
     * that follows from another one (a licence seat from a sign-off, a history row from a change)
     * gets the same id on the tablet that made it and on the server that applies it, so the two
     * are one row, never two.
     */
    [[nodiscard]] static Id derived(const Id &base, std::string_view salt);
    /** Parses the 36-character text form; throws ValidationError naming @p field otherwise. */
    [[nodiscard]] static Id parse(std::string_view text, std::string_view field = "id");
    /** From a BLOB read from the database; throws StoreError when it is not 16 bytes. */
    [[nodiscard]] static Id fromBlob(const void *data, int size);

    [[nodiscard]] bool isNull() const noexcept { return m_bytes == Bytes{}; }
    [[nodiscard]] const Bytes &bytes() const noexcept { return m_bytes; }
    [[nodiscard]] std::string toString() const;
    /** Appends the 36-character text form to @p out (no allocation beyond out's own). */
    void appendTo(std::string &out) const;

    auto operator<=>(const Id &) const = default;

private:
    Bytes m_bytes{};
};

} // namespace rd
