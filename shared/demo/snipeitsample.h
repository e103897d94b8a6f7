#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

class Store;

/** A generated Snipe-IT export and what an import should make of it. */
struct SnipeItSample {
    std::string csv;          ///< the file's bytes (UTF-8, CRLF)
    int goodRows = 0;         ///< rows an import into the store it was made for adds
    /** Each bad row: its line in the file and a word of the reason the import gives. */
    struct Bad {
        int line = 0;
        std::string reason;
    };
    std::vector<Bad> bad;
    std::vector<std::string> goodSerials; ///< the serials of the good rows, in order
};

/**
 * A Snipe-IT-style export of @p rows assets at @p store's sites and rooms (the demo school's or
 * any), @p badRows of them bad in turn in each of the ways an import refuses (a missing serial, an
 * unknown site or room, dates that are not dates or are ambiguous, a product code or a MAC address
 * where the serial should be, a duplicate row, an asset tag already in use, an unknown status, a
 * missing model, a row with too many fields), spread through the file. The good rows hold what a
 * real export holds: quoted commas, quotes and line breaks in notes, a £, both date forms, Snipe-IT's
 * status labels, extra columns. Deterministic for @p seed. The store needs a site; an asset tag
 * already in use is taken from its assets when it has one.
 */
[[nodiscard]] SnipeItSample snipeItSample(Store &store, int rows, int badRows, std::uint32_t seed = 1);

} // namespace rd
