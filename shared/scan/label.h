#pragma once

#include "aimid.h"
#include "gs1.h"

#include <optional>
#include <string>
#include <string_view>

namespace rd::scan {

/** What a scanned label says, read without judging which field it belongs in. */
struct Label {
    std::optional<AimId> aim; ///< the AIM identifier the scan started with, if any
    std::string data;         ///< the scan without the AIM identifier, surrounding white space trimmed
    bool gs1 = false;         ///< the data are GS1 element strings (by the AIM identifier or their form)
    Gs1Data gs1Data;          ///< the element strings when gs1; gs1Data.error says why they could not be read

    /** The value of GS1 element @p ai when the label is GS1 and holds it, else nullptr. */
    [[nodiscard]] const std::string *element(std::string_view ai) const noexcept
    {
        return gs1 ? gs1Data.find(ai) : nullptr;
    }
};

/**
 * Reads a scan as a camera decoder, a keyboard-wedge scanner or a person produced it: removes the
 * AIM symbology identifier ("]C1", "]d2", "]Q3", ...), and reads GS1 element strings when the
 * identifier says GS1, when the data start with GS (a transmitted FNC1), when they hold GS and read
 * as GS1, when they are the printed form "(01)...(21)...", or when they start with a GTIN
 * (AI 01 with a right check digit) and read as GS1 to the end. Never throws for any input.
 */
[[nodiscard]] Label readLabel(std::string_view scan);

} // namespace rd::scan
