#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rd {

/** True when @p text is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
[[nodiscard]] bool isValidUtf8(std::string_view text) noexcept;

/** Number of code points in valid UTF-8 @p text. */
[[nodiscard]] std::size_t codePointCount(std::string_view text) noexcept;

/** Whether a text field may hold line breaks and tabs (notes) or must be one line (names, serials). */
enum class Lines { Single, Multi };

/**
 * Checks a text field from a user, a device or the network and returns it trimmed of surrounding
 * white space. Throws ValidationError naming @p field when the text is not valid UTF-8, holds
 * control characters, is longer than @p maxChars code points, or is empty while @p required.
 */
[[nodiscard]] std::string checkedText(std::string_view field, std::string_view text, std::size_t maxChars,
                                      bool required, Lines lines = Lines::Single);

/**
 * A manufacturer serial in the form used to compare serials: ASCII letters upper-cased, white
 * space and dashes (ASCII and Unicode hyphens and dashes) removed. "5cg-1234 ab" == "5CG1234AB".
 */
[[nodiscard]] std::string normaliseSerial(std::string_view serial);

/** A make in the form used to compare makes: trimmed, inner spaces collapsed, ASCII upper-cased. */
[[nodiscard]] std::string normaliseMake(std::string_view make);

/** True for a calendar date written YYYY-MM-DD that exists. */
[[nodiscard]] bool isIsoDate(std::string_view text) noexcept;

/** @p text made safe to quote in an error message: non-printables escaped, cut to @p maxChars. */
[[nodiscard]] std::string printable(std::string_view text, std::size_t maxChars);

} // namespace rd
