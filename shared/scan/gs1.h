#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rd::scan {

/** The GS separator (ASCII 29) that ends a variable-length GS1 element string; FNC1 in the barcode. */
inline constexpr char kGroupSeparator = '\x1D';

/** One GS1 element string: an application identifier and its value, e.g. {"21", "5CG1234ABC"}. */
struct Gs1Element {
    std::string ai;
    std::string value;

    friend bool operator==(const Gs1Element &, const Gs1Element &) = default;
};

/** What parseGs1 read: the element strings in label order, or why the data are not GS1. */
struct Gs1Data {
    std::vector<Gs1Element> elements;
    std::string error; ///< empty when every element string was read

    [[nodiscard]] bool ok() const noexcept { return error.empty(); }
    /** The value of the first element with application identifier @p ai, or nullptr. */
    [[nodiscard]] const std::string *find(std::string_view ai) const noexcept;
};

/**
 * Reads GS1 element strings (GS1 General Specifications, section 3) without throwing.
 *
 * Takes the data of a GS1-128, GS1 Data Matrix or GS1 QR symbol as a scanner sends it: AI and
 * value run together, a variable-length value ended by GS (0x1D) unless it is the last; a leading
 * GS (the symbol's first FNC1, sent by some scanners) is skipped. Also takes the printed form with
 * the AIs in parentheses, "(01)09501101530003(21)ABC", as typed by a person.
 *
 * Known AIs are checked: the fixed lengths, digits where the standard wants digits, the GTIN check
 * digit of AI 01 and 02, the dates of AI 11 to 17. AIs this table does not know end the reading
 * with an error naming them, because their length cannot be known.
 */
[[nodiscard]] Gs1Data parseGs1(std::string_view data);

/** True when @p digits (8, 12, 13 or 14 of them) end in the right GS1 mod-10 check digit. */
[[nodiscard]] bool hasValidGs1CheckDigit(std::string_view digits) noexcept;

/** The name of the AI in words ("serial number", "GTIN"), or "" for one this table does not know. */
[[nodiscard]] std::string_view gs1AiName(std::string_view ai) noexcept;

} // namespace rd::scan
