#include "domain/errors.h"
#include "domain/text.h"

#include <catch2/catch.hpp>

using namespace rd;

TEST_CASE("Serials are normalised: case, spaces and dashes", "[text][serial]")
{
    CHECK(normaliseSerial("5cg-1234 ab") == "5CG1234AB");
    CHECK(normaliseSerial("  5CG1234AB\t") == "5CG1234AB");
    CHECK(normaliseSerial("5CG\xE2\x80\x93"
                          "1234\xC2\xA0"
                          "AB") == "5CG1234AB");      // en dash, no-break space
    CHECK(normaliseSerial("SN.12/34") == "SN.12/34"); // other punctuation is kept
    CHECK(normaliseSerial("- -") == "");
}

TEST_CASE("Makes are compared without case or extra spaces", "[text]")
{
    CHECK(normaliseMake("  Hewlett   Packard ") == "HEWLETT PACKARD");
    CHECK(normaliseMake("dell") == normaliseMake("DELL"));
}

TEST_CASE("Text fields refuse invalid UTF-8", "[text][bad-input]")
{
    CHECK(isValidUtf8("caf\xC3\xA9"));
    CHECK_FALSE(isValidUtf8("\xC3"));             // truncated
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));     // UTF-16 surrogate
    CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80")); // past U+10FFFF
    CHECK_FALSE(isValidUtf8("\xFF"));
    // Long ASCII runs are checked eight bytes at a time: faults after them are still found.
    CHECK(isValidUtf8("abcdefghijklmnopqrstuvwxyz caf\xC3\xA9 0123456789"));
    CHECK_FALSE(isValidUtf8("abcdefgh\xFF"));
    CHECK_FALSE(isValidUtf8("abcdefghijklmno\xC3"));
    CHECK_FALSE(isValidUtf8(std::string(64, 'a') + "\xED\xA0\x80" + std::string(64, 'b')));
    try {
        (void)checkedText("model", "Lat\xFFitude", 100, true);
        FAIL("accepted invalid UTF-8");
    } catch (const ValidationError &e) {
        CHECK(e.field() == "model");
        CHECK(std::string(e.what()) == "model: is not valid UTF-8 text");
    }
}

TEST_CASE("Text fields refuse over-long values, counted in characters", "[text][bad-input]")
{
    CHECK(checkedText("name", std::string(10, 'x'), 10, true) == std::string(10, 'x'));
    CHECK_THROWS_WITH(checkedText("name", std::string(11, 'x'), 10, true),
                      "name: is too long: 11 characters, at most 10");
    // Ten two-byte characters are ten characters, not twenty.
    std::string accents;
    for (int i = 0; i < 10; ++i)
        accents += "\xC3\xA9";
    CHECK(checkedText("name", accents, 10, true) == accents);
}

TEST_CASE("Text fields refuse control characters and trim a scanner's line end", "[text][bad-input]")
{
    CHECK(checkedText("serial", "5CG1234\r\n", 64, true) == "5CG1234");
    CHECK(checkedText("serial", "\t5CG1234", 64, true) == "5CG1234");
    CHECK_THROWS_AS(checkedText("serial",
                                "5CG\x1D"
                                "1234",
                                64, true),
                    ValidationError);
    CHECK_THROWS_AS(checkedText("title", "two\nlines", 64, true), ValidationError);
    CHECK(checkedText("note", "two\nlines", 64, false, Lines::Multi) == "two\nlines");
    CHECK_THROWS_WITH(checkedText("name", "   ", 64, true), "name: is required");
}

TEST_CASE("Planned dates must be real calendar dates", "[text]")
{
    CHECK(isIsoDate("2028-02-29"));
    CHECK_FALSE(isIsoDate("2026-02-29"));
    CHECK_FALSE(isIsoDate("2026-13-01"));
    CHECK_FALSE(isIsoDate("2026-1-01"));
    CHECK_FALSE(isIsoDate("01/02/2026"));
}

TEST_CASE("Error messages quote input safely", "[text]")
{
    CHECK(printable("ab\x01"
                    "c",
                    10) == "ab\\x01c");
    CHECK(printable("abcdefgh", 3) == "abc...");
}
