#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rd::scan {

/**
 * An AIM symbology identifier, the "]Cm" a scanner may put before what it read (ISO/IEC 15424):
 * ']', a symbology character and a modifier. It says which kind of barcode was read and whether
 * it carries GS1 element strings.
 */
struct AimId {
    char symbology = 0; ///< 'C' Code 128, 'A' Code 39, 'G' Code 93, 'E' EAN/UPC, 'Q' QR, 'd' Data Matrix, ...
    char modifier = 0;  ///< '0'-'9' or a letter; meaning depends on the symbology

    /** The identifier as sent, e.g. "]C1". */
    [[nodiscard]] std::string toString() const { return {']', symbology, modifier}; }

    /** True when the modifier says the data are GS1 element strings (]C1, ]d2, ]Q3, ]e0, ]J1). */
    [[nodiscard]] bool isGs1() const noexcept;

    /** True for EAN-13, EAN-8, UPC-A and UPC-E (]E0 .. ]E4): a retail product code. */
    [[nodiscard]] bool isEanUpc() const noexcept { return symbology == 'E'; }

    /** The symbology in words, for messages ("Code 128", "Data Matrix"); "barcode" when unknown. */
    [[nodiscard]] std::string_view symbologyName() const noexcept;

    friend bool operator==(const AimId &, const AimId &) = default;
};

/** A scan split into its AIM identifier, when it starts with one, and the data after it. */
struct AimSplit {
    std::optional<AimId> aim;
    std::string_view data;
};

/**
 * Reads the AIM symbology identifier at the start of @p scan, if there is one, and returns the data
 * without it. A scan that does not start with "]", a letter and a letter or digit is all data.
 */
[[nodiscard]] AimSplit splitAimId(std::string_view scan) noexcept;

} // namespace rd::scan
