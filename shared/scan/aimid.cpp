#include "aimid.h"

namespace rd::scan {

namespace {

bool isAsciiLetter(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool isAsciiDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

} // namespace

bool AimId::isGs1() const noexcept
{
    switch (symbology) {
    case 'C': return modifier == '1'; // GS1-128: FNC1 in the first position
    case 'd': return modifier == '2' || modifier == '5'; // GS1 Data Matrix (with or without ECI)
    case 'Q': return modifier == '3' || modifier == '4'; // GS1 QR Code (with or without ECI)
    case 'e': return true;                                // GS1 DataBar: always element strings
    case 'J': return modifier == '1';                     // GS1 DotCode
    default: return false;
    }
}

std::string_view AimId::symbologyName() const noexcept
{
    switch (symbology) {
    case 'A': return "Code 39";
    case 'C': return modifier == '1' ? "GS1-128" : "Code 128";
    case 'E': return modifier == '4' ? "EAN-8" : "EAN/UPC";
    case 'F': return "Codabar";
    case 'G': return "Code 93";
    case 'I': return "ITF";
    case 'L': return "PDF417";
    case 'Q': return isGs1() ? "GS1 QR Code" : "QR Code";
    case 'd': return isGs1() ? "GS1 Data Matrix" : "Data Matrix";
    case 'e': return "GS1 DataBar";
    case 'z': return "Aztec";
    default: return "barcode";
    }
}

AimSplit splitAimId(std::string_view scan) noexcept
{
    if (scan.size() >= 3 && scan[0] == ']' && isAsciiLetter(scan[1])
        && (isAsciiLetter(scan[2]) || isAsciiDigit(scan[2])))
        return {AimId{scan[1], scan[2]}, scan.substr(3)};
    return {std::nullopt, scan};
}

} // namespace rd::scan
