#include "fieldcheck.h"

#include "label.h"

#include "domain/entities.h"
#include "domain/text.h"

#include <algorithm>
#include <array>
#include <regex>

namespace rd::scan {

namespace {

constexpr std::string_view kScanSerialHint = "Scan the serial number, marked S/N or Serial.";

bool isDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

bool isHex(char c) noexcept
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char lower(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isSeparator(char c) noexcept
{
    return c == ':' || c == '#' || c == '.' || c == '=' || c == ' ' || c == '\t';
}

std::string_view trimSeparators(std::string_view s) noexcept
{
    while (!s.empty() && isSeparator(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/**
 * When @p text starts with one of @p prefixes (ASCII, any case), the text after it and its
 * separators; else nullopt. A prefix must be followed by a separator (':', '#', '.', '=', space)
 * unless it holds a '/' ("S/N12345"): "SN" in "SNB4521" is part of a serial, not a prefix.
 */
template <std::size_t N>
std::optional<std::string_view> afterPrefix(std::string_view text, const std::array<std::string_view, N> &prefixes)
{
    for (const auto prefix : prefixes) {
        if (text.size() <= prefix.size())
            continue;
        bool same = true;
        for (std::size_t i = 0; i < prefix.size() && same; ++i)
            same = lower(text[i]) == prefix[i];
        if (!same)
            continue;
        const char next = text[prefix.size()];
        if (isSeparator(next) || prefix.find('/') != std::string_view::npos || prefix.back() == '.')
            return trimSeparators(text.substr(prefix.size()));
    }
    return std::nullopt;
}

// Longest first, so that "serial no." wins over "serial".
constexpr std::array<std::string_view, 9> kSerialPrefixes{"serial number", "serial no.", "serial no", "serial nr",
                                                          "serial",        "ser.no.",    "s/n",       "s.n.",
                                                          "sn"};
constexpr std::array<std::string_view, 14> kPartPrefixes{
    "part number", "part no.", "part no", "part", "product number", "product no.", "product no",
    "model number", "model no.", "model", "mtm", "mpn", "p/n", "pn"};
constexpr std::array<std::string_view, 10> kMacPrefixes{"mac address", "mac addr", "mac id", "wlan mac", "wifi mac",
                                                        "wi-fi mac",   "lan mac",  "ethernet mac", "eth mac", "mac"};
constexpr std::array<std::string_view, 5> kTagPrefixes{"asset tag", "asset no.", "asset no", "asset", "tag"};

/** An HP-style product number, "2X3L1EA#ABU": the part after '#' is the country option. */
bool isOptionCodedProductNumber(std::string_view s) noexcept
{
    const auto hash = s.find('#');
    if (hash == std::string_view::npos || hash < 4 || s.size() - hash - 1 != 3)
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return c == '#' || isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

/** The text quoted for a message: printable, and cut short. */
std::string shown(std::string_view text)
{
    return "\"" + printable(text, 40) + "\"";
}

/** Checks what is left as a field value: text, one line, not too long, with a letter or digit. */
std::optional<ScanCheck> unusable(std::string_view value, std::string_view field)
{
    if (value.empty())
        return ScanCheck::refused(Refusal::Empty, "The scan holds no " + std::string(field) + ".", {}, false);
    if (!isValidUtf8(value))
        return ScanCheck::refused(Refusal::Unreadable,
                                  "The scan is not readable text (wrong scanner keyboard layout?).", {}, false);
    if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
        return ScanCheck::refused(Refusal::Unreadable,
                                  "The scan holds control characters, so it is not a " + std::string(field) + ": " +
                                      shown(value) + ".",
                                  {}, false);
    if (codePointCount(value) > kMaxFieldChars)
        return ScanCheck::refused(Refusal::Unreadable,
                                  "The scan is longer than " + std::to_string(kMaxFieldChars) +
                                      " characters, so it is not a " + std::string(field) + ".",
                                  {}, false);
    if (std::none_of(value.begin(), value.end(), [](char c) {
            return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        }))
        return ScanCheck::refused(Refusal::Empty, "The scan holds no letters or digits: " + shown(value) + ".", {},
                                  false);
    return std::nullopt;
}

/** The refusal of a GS1 label in the serial field, or an accepted AI 21. */
ScanCheck checkGs1Serial(const Label &label)
{
    const auto &g = label.gs1Data;
    if (!g.ok())
        return ScanCheck::refused(Refusal::Unreadable, "The GS1 label could not be read: " + g.error + ".", {}, false);
    if (const auto *serial = g.find("21")) {
        if (auto bad = unusable(*serial, "serial number"))
            return *bad;
        return ScanCheck::accepted(*serial);
    }
    if (const auto *giai = g.find("8004"))
        return ScanCheck::refused(Refusal::WrongLabel,
                                  "This is an asset tag (GIAI " + *giai +
                                      "), not the manufacturer's serial number. Scan it into the asset tag.",
                                  *giai, true);
    if (const auto *gtin = g.find("01"))
        return ScanCheck::refused(Refusal::ProductCode,
                                  "This GS1 label holds the product code (GTIN " + *gtin +
                                      ") but no serial number: every unit of the model carries it. " +
                                      std::string(kScanSerialHint),
                                  *gtin, true);
    if (const auto *part = g.find("240"))
        return ScanCheck::refused(Refusal::PartNumber,
                                  "This GS1 label holds a part number (" + *part + "), not a serial number. " +
                                      std::string(kScanSerialHint),
                                  *part, true);
    return ScanCheck::refused(Refusal::Empty, "This GS1 label holds no serial number (AI 21).", {}, false);
}

} // namespace

bool isMacAddress(std::string_view s) noexcept
{
    auto groups = [&](std::size_t groupLen, std::size_t count, char sep) {
        if (s.size() != groupLen * count + (count - 1))
            return false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const bool atSep = (i + 1) % (groupLen + 1) == 0;
            if (atSep ? s[i] != sep : !isHex(s[i]))
                return false;
        }
        return true;
    };
    if (groups(2, 6, ':') || groups(2, 6, '-') || groups(4, 3, '.'))
        return true;
    // Bare: 12 hex digits with at least one letter (all digits is more likely a serial or a UPC).
    return s.size() == 12 && std::all_of(s.begin(), s.end(), isHex) &&
           std::any_of(s.begin(), s.end(), [](char c) { return !isDigit(c); }) &&
           std::any_of(s.begin(), s.end(), isDigit);
}

bool isProductCode(std::string_view s) noexcept
{
    return s.size() != 18 && hasValidGs1CheckDigit(s);
}

ScanCheck checkSerial(std::string_view scan)
{
    if (!isValidUtf8(scan))
        return ScanCheck::refused(Refusal::Unreadable,
                                  "The scan is not readable text (wrong scanner keyboard layout?).", {}, false);
    const Label label = readLabel(scan);
    if (label.gs1)
        return checkGs1Serial(label);

    std::string_view text = label.data;
    if (auto rest = afterPrefix(text, kMacPrefixes))
        return ScanCheck::refused(Refusal::MacAddress,
                                  shown(text) + " is a network (MAC) address, not the serial number. " +
                                      std::string(kScanSerialHint),
                                  std::string(*rest), true);
    if (auto rest = afterPrefix(text, kPartPrefixes))
        return ScanCheck::refused(Refusal::PartNumber,
                                  shown(text) + " is a part or model number: it names the model, not this unit. " +
                                      std::string(kScanSerialHint),
                                  std::string(*rest), true);
    const auto serial = afterPrefix(text, kSerialPrefixes);
    if (serial)
        text = *serial;
    if (auto bad = unusable(text, "serial number"))
        return *bad;

    const std::string value(text);
    if (label.aim && label.aim->isEanUpc())
        return ScanCheck::refused(Refusal::ProductCode,
                                  value + " is a product code (" + std::string(label.aim->symbologyName()) +
                                      "): every unit of this model carries the same one. " +
                                      std::string(kScanSerialHint),
                                  value, true);
    // The label's own "S/N" outweighs the digit pattern: a numeric serial may pass a check digit by chance.
    if (!serial && isProductCode(text))
        return ScanCheck::refused(Refusal::ProductCode,
                                  value + " is a product code (EAN/UPC, its check digit is right): every unit of "
                                          "this model carries the same one. " +
                                      std::string(kScanSerialHint),
                                  value, true);
    if (isMacAddress(text))
        return ScanCheck::refused(Refusal::MacAddress,
                                  value + " is a network (MAC) address, not the serial number. " +
                                      std::string(kScanSerialHint),
                                  value, true);
    if (isOptionCodedProductNumber(text))
        return ScanCheck::refused(Refusal::PartNumber,
                                  value + " is a product number (the part after # is the country option), not the "
                                          "serial number. " +
                                      std::string(kScanSerialHint),
                                  value, true);
    return ScanCheck::accepted(value);
}

ScanCheck checkAssetTag(std::string_view scan, std::string_view tagPattern)
{
    if (!isValidUtf8(scan))
        return ScanCheck::refused(Refusal::Unreadable,
                                  "The scan is not readable text (wrong scanner keyboard layout?).", {}, false);
    const Label label = readLabel(scan);
    std::string value;
    if (label.gs1) {
        const auto &g = label.gs1Data;
        if (!g.ok())
            return ScanCheck::refused(Refusal::Unreadable, "The GS1 label could not be read: " + g.error + ".", {},
                                      false);
        if (const auto *giai = g.find("8004")) {
            value = *giai;
        } else if (const auto *serial = g.find("21")) {
            return ScanCheck::refused(Refusal::WrongLabel,
                                      "This is the manufacturer's serial number (" + *serial +
                                          "), not an asset tag. Scan the school's asset tag label.",
                                      *serial, true);
        } else if (const auto *gtin = g.find("01")) {
            return ScanCheck::refused(Refusal::ProductCode,
                                      "This is a product code (GTIN " + *gtin +
                                          "), not an asset tag. Scan the school's asset tag label.",
                                      *gtin, true);
        } else {
            return ScanCheck::refused(Refusal::Empty, "This GS1 label holds no asset tag (AI 8004).", {}, false);
        }
    } else {
        std::string_view text = label.data;
        if (auto rest = afterPrefix(text, kSerialPrefixes))
            return ScanCheck::refused(Refusal::WrongLabel,
                                      shown(text) + " is the manufacturer's serial number, not an asset tag. Scan "
                                                    "the school's asset tag label.",
                                      std::string(*rest), true);
        if (auto rest = afterPrefix(text, kMacPrefixes))
            return ScanCheck::refused(Refusal::MacAddress,
                                      shown(text) + " is a network (MAC) address, not an asset tag.",
                                      std::string(*rest), true);
        if (auto rest = afterPrefix(text, kPartPrefixes))
            return ScanCheck::refused(Refusal::PartNumber, shown(text) + " is a part or model number, not an asset tag.",
                                      std::string(*rest), true);
        if (auto rest = afterPrefix(text, kTagPrefixes))
            text = *rest;
        if (auto bad = unusable(text, "asset tag"))
            return *bad;
        value = std::string(text);
        if (label.aim && label.aim->isEanUpc())
            return ScanCheck::refused(Refusal::ProductCode,
                                      value + " is a product code (" + std::string(label.aim->symbologyName()) +
                                          "), not an asset tag. Scan the school's asset tag label.",
                                      value, true);
        if (isMacAddress(text) && text.find_first_of(":-.") != std::string_view::npos)
            return ScanCheck::refused(Refusal::MacAddress, value + " is a network (MAC) address, not an asset tag.",
                                      value, true);
    }
    if (auto bad = unusable(value, "asset tag"))
        return *bad;
    if (tagPattern.empty())
        return ScanCheck::accepted(value);
    try {
        const std::regex pattern{std::string(tagPattern), std::regex::ECMAScript};
        if (std::regex_match(value, pattern))
            return ScanCheck::accepted(value);
        return ScanCheck::refused(Refusal::TagFormat,
                                  value + " is not an asset tag of this site: its tags follow the format " +
                                      std::string(tagPattern) + ".",
                                  value, true);
    } catch (const std::exception &) {
        // A pattern the release manager mistyped must not stop the installer: say so, let them override.
        return ScanCheck::refused(Refusal::TagFormat,
                                  "This site's asset tag format (" + printable(tagPattern, 60) +
                                      ") is not a valid pattern, so the tag cannot be checked. Ask the release "
                                      "manager to correct it, or override.",
                                  value, true);
    }
}

ScanCheck checkAssetTag(std::string_view scan, const Site &site)
{
    return checkAssetTag(scan, site.assetTagPattern);
}

} // namespace rd::scan
