#include "gs1.h"

#include <algorithm>
#include <array>

namespace rd::scan {

namespace {

enum class Chars { Digits, Text };
enum class Check { None, Gtin, Date };

/** One application identifier the reader knows: how long its value is and what it may hold. */
struct AiSpec {
    std::string_view ai;
    std::string_view name;
    std::size_t fixedLength; ///< 0 for a variable-length value
    std::size_t maxLength;
    Chars chars;
    Check check = Check::None;
};

// The AIs hardware, asset and consignment labels use. The seven (01, 21, 8004, 240, 10, 11,
// 17) and the ones that travel with them on the same labels, so that a label holding them is read
// to its end instead of stopping at an AI it cannot measure.
constexpr std::array kAis{
    AiSpec{"00", "SSCC", 18, 18, Chars::Digits},
    AiSpec{"01", "GTIN", 14, 14, Chars::Digits, Check::Gtin},
    AiSpec{"02", "GTIN of contained items", 14, 14, Chars::Digits, Check::Gtin},
    AiSpec{"10", "batch or lot number", 0, 20, Chars::Text},
    AiSpec{"11", "production date", 6, 6, Chars::Digits, Check::Date},
    AiSpec{"12", "due date", 6, 6, Chars::Digits, Check::Date},
    AiSpec{"13", "packaging date", 6, 6, Chars::Digits, Check::Date},
    AiSpec{"15", "best before date", 6, 6, Chars::Digits, Check::Date},
    AiSpec{"16", "sell by date", 6, 6, Chars::Digits, Check::Date},
    AiSpec{"17", "expiration date", 6, 6, Chars::Digits, Check::Date},
    AiSpec{"20", "variant", 2, 2, Chars::Digits},
    AiSpec{"21", "serial number", 0, 20, Chars::Text},
    AiSpec{"22", "consumer product variant", 0, 20, Chars::Text},
    AiSpec{"240", "additional product identification", 0, 30, Chars::Text},
    AiSpec{"241", "customer part number", 0, 30, Chars::Text},
    AiSpec{"250", "secondary serial number", 0, 30, Chars::Text},
    AiSpec{"251", "reference to source entity", 0, 30, Chars::Text},
    AiSpec{"30", "count of items", 0, 8, Chars::Digits},
    AiSpec{"37", "count of trade items", 0, 8, Chars::Digits},
    AiSpec{"400", "customer's purchase order number", 0, 30, Chars::Text},
    AiSpec{"8004", "GIAI (asset identifier)", 0, 30, Chars::Text},
    AiSpec{"90", "internal information", 0, 30, Chars::Text},
};

bool isDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view s) noexcept
{
    return std::all_of(s.begin(), s.end(), isDigit);
}

/** GS1 AI encodable character set 82 is a subset of printable ASCII; the rest is refused. */
bool allPrintableAscii(std::string_view s) noexcept
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

bool validDate(std::string_view yymmdd) noexcept
{
    const int month = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
    const int day = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
    return month >= 1 && month <= 12 && day <= 31; // day 00: the end of the month, by the standard
}

/** The spec of the AI at the start of @p data, or nullptr. Measures 31nn-36nn and 41n too. */
const AiSpec *lookup(std::string_view data, AiSpec &scratch) noexcept
{
    for (const auto &spec : kAis) {
        if (data.substr(0, spec.ai.size()) == spec.ai)
            return &spec;
    }
    if (data.size() >= 4 && allDigits(data.substr(0, 4)) && data[0] == '3' && data[1] >= '1' && data[1] <= '6') {
        scratch = AiSpec{data.substr(0, 4), "measure", 6, 6, Chars::Digits};
        return &scratch;
    }
    if (data.size() >= 3 && data[0] == '4' && data[1] == '1' && data[2] >= '0' && data[2] <= '7') {
        scratch = AiSpec{data.substr(0, 3), "GLN", 13, 13, Chars::Digits, Check::Gtin};
        return &scratch;
    }
    if (data.size() >= 2 && data[0] == '9' && data[1] >= '1' && data[1] <= '9') {
        scratch = AiSpec{data.substr(0, 2), "company internal information", 0, 90, Chars::Text};
        return &scratch;
    }
    return nullptr;
}

std::string quoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s.substr(0, 40))
        out += (c >= 0x20 && c < 0x7F) ? c : '?';
    return out + (s.size() > 40 ? "...\"" : "\"");
}

/** Checks @p value against @p spec; returns the error or "". */
std::string checkValue(const AiSpec &spec, std::string_view value)
{
    const std::string what = "AI (" + std::string(spec.ai) + ") " + std::string(spec.name);
    if (value.empty())
        return what + " is empty";
    if (spec.fixedLength && value.size() != spec.fixedLength)
        return what + " must have " + std::to_string(spec.fixedLength) + " digits, has " +
               std::to_string(value.size());
    if (value.size() > spec.maxLength)
        return what + " is longer than " + std::to_string(spec.maxLength) + " characters";
    if (spec.chars == Chars::Digits && !allDigits(value))
        return what + " must be digits only: " + quoted(value);
    if (!allPrintableAscii(value))
        return what + " holds characters a GS1 label may not: " + quoted(value);
    if (spec.check == Check::Gtin && !hasValidGs1CheckDigit(value))
        return what + " " + std::string(value) + " has a wrong check digit";
    if (spec.check == Check::Date && !validDate(value))
        return what + " " + std::string(value) + " is not a date (YYMMDD)";
    return {};
}

/** "(01)123(21)ABC": the printed form, AIs in parentheses. */
Gs1Data parseBracketed(std::string_view data)
{
    Gs1Data out;
    std::size_t pos = 0;
    while (pos < data.size()) {
        if (data[pos] != '(') {
            out.error = "expected \"(\" before an AI at position " + std::to_string(pos + 1);
            return out;
        }
        const auto close = data.find(')', pos);
        if (close == std::string_view::npos) {
            out.error = "an AI in parentheses is not closed";
            return out;
        }
        const auto ai = data.substr(pos + 1, close - pos - 1);
        AiSpec scratch;
        const AiSpec *spec = ai.empty() || !allDigits(ai) ? nullptr : lookup(ai, scratch);
        if (!spec || spec->ai.size() != ai.size()) {
            out.error = "unknown application identifier (" + std::string(ai.substr(0, 8)) + ")";
            return out;
        }
        const auto next = data.find('(', close + 1);
        const auto value = data.substr(close + 1, (next == std::string_view::npos ? data.size() : next) - close - 1);
        if (auto err = checkValue(*spec, value); !err.empty()) {
            out.error = std::move(err);
            return out;
        }
        out.elements.push_back({std::string(spec->ai), std::string(value)});
        pos = next == std::string_view::npos ? data.size() : next;
    }
    return out;
}

} // namespace

const std::string *Gs1Data::find(std::string_view ai) const noexcept
{
    for (const auto &e : elements) {
        if (e.ai == ai)
            return &e.value;
    }
    return nullptr;
}

bool hasValidGs1CheckDigit(std::string_view digits) noexcept
{
    if (!(digits.size() == 8 || digits.size() == 12 || digits.size() == 13 || digits.size() == 14 ||
          digits.size() == 18) ||
        !allDigits(digits))
        return false;
    // Weights 3 and 1 alternate from the right, starting with 3 on the digit before the check digit.
    int sum = 0;
    for (std::size_t i = 0; i + 1 < digits.size(); ++i) {
        const std::size_t fromRight = digits.size() - 2 - i;
        sum += (digits[i] - '0') * (fromRight % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10 == digits.back() - '0';
}

std::string_view gs1AiName(std::string_view ai) noexcept
{
    AiSpec scratch;
    const AiSpec *spec = lookup(ai, scratch);
    return spec && spec->ai.size() == ai.size() ? spec->name : std::string_view{};
}

Gs1Data parseGs1(std::string_view data)
{
    if (!data.empty() && data.front() == '(')
        return parseBracketed(data);

    Gs1Data out;
    std::size_t pos = 0;
    while (pos < data.size() && data[pos] == kGroupSeparator)
        ++pos;
    if (pos == data.size()) {
        out.error = "no element strings";
        return out;
    }
    while (pos < data.size()) {
        const auto rest = data.substr(pos);
        AiSpec scratch;
        const AiSpec *spec = lookup(rest, scratch);
        if (!spec) {
            out.error = "unknown application identifier at " + quoted(rest.substr(0, 8));
            return out;
        }
        pos += spec->ai.size();
        std::string_view value;
        if (spec->fixedLength) {
            value = data.substr(pos, spec->fixedLength);
            pos += value.size();
            // A scanner may send a GS after a fixed-length value too; it separates nothing.
            if (pos < data.size() && data[pos] == kGroupSeparator)
                ++pos;
        } else {
            const auto gs = data.find(kGroupSeparator, pos);
            const auto end = gs == std::string_view::npos ? data.size() : gs;
            value = data.substr(pos, end - pos);
            pos = gs == std::string_view::npos ? data.size() : gs + 1;
        }
        if (auto err = checkValue(*spec, value); !err.empty()) {
            out.error = std::move(err);
            return out;
        }
        out.elements.push_back({std::string(spec->ai), std::string(value)});
    }
    return out;
}

} // namespace rd::scan
