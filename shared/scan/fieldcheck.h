#pragma once

#include "scancheck.h"

#include <string_view>

namespace rd {
struct Site;
}

namespace rd::scan {

/** Longest serial or asset tag a field takes, in code points: the store's limit. */
inline constexpr std::size_t kMaxFieldChars = 64;

/**
 * Checks a scan, or a typed entry, for the serial-number field. Reads the label (readLabel): a GS1
 * label gives its AI 21; a plain one loses its "S/N:", "SN", "Serial No." prefix. Refuses, with the
 * reason in a technician's words, what is not this unit's serial: an EAN/UPC product code (by the
 * AIM identifier, or 8, 12, 13 or 14 digits with a right check digit and no serial prefix), a GS1
 * label without AI 21, a MAC address, a part, model or product number, an asset tag (GS1 GIAI).
 * These may be overridden (ScanCheck::override); empty or unreadable scans may not. Never throws.
 */
[[nodiscard]] ScanCheck checkSerial(std::string_view scan);

/**
 * Checks a scan, or a typed entry, for the asset-tag field against the site's tag format
 * @p tagPattern (an ECMAScript regular expression the whole tag must match; empty: any tag).
 * A GS1 label gives its AI 8004 (GIAI). Refuses an EAN/UPC symbol, a GS1 product code, a MAC
 * address, a part number, a serial number (by its prefix or AI 21), and a tag that does not match
 * the pattern; all of these may be overridden. Never throws, also for a broken pattern.
 */
[[nodiscard]] ScanCheck checkAssetTag(std::string_view scan, std::string_view tagPattern);

/** checkAssetTag against @p site's assetTagPattern. */
[[nodiscard]] ScanCheck checkAssetTag(std::string_view scan, const Site &site);

/** True for a MAC address written 00:1A:2B:3C:4D:5E, 00-1A-..., 001A.2B3C.4D5E, or 12 bare hex digits with a letter. */
[[nodiscard]] bool isMacAddress(std::string_view text) noexcept;

/** True for 8, 12, 13 or 14 digits ending in a right GS1 check digit: an EAN-8, UPC-A, EAN-13 or GTIN-14. */
[[nodiscard]] bool isProductCode(std::string_view text) noexcept;

} // namespace rd::scan
