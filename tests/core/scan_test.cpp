#include "domain/entities.h"
#include "scan/aimid.h"
#include "scan/fieldcheck.h"
#include "scan/gs1.h"
#include "scan/label.h"

#include <catch2/catch.hpp>

using namespace rd;
using namespace rd::scan;

namespace {
const std::string GS(1, kGroupSeparator);
} // namespace

TEST_CASE("AIM symbology identifiers are read and removed", "[scan][aim]")
{
    auto s = splitAimId("]C1ABC");
    REQUIRE(s.aim);
    CHECK(s.aim->symbology == 'C');
    CHECK(s.aim->modifier == '1');
    CHECK(s.aim->isGs1());
    CHECK(s.aim->toString() == "]C1");
    CHECK(s.data == "ABC");

    CHECK(splitAimId("]d2010950110153000321X").aim->isGs1());
    CHECK(splitAimId("]Q3010950110153000321X").aim->isGs1());
    CHECK_FALSE(splitAimId("]Q1hello").aim->isGs1());
    CHECK_FALSE(splitAimId("]C0ABC").aim->isGs1());
    CHECK(splitAimId("]E05901234123457").aim->isEanUpc());
    CHECK(splitAimId("]A0CODE39").aim->symbologyName() == "Code 39");

    // Not an identifier: left as data.
    CHECK_FALSE(splitAimId("ABC").aim);
    CHECK_FALSE(splitAimId("]1ABC").aim);
    CHECK_FALSE(splitAimId("]C").aim);
    CHECK(splitAimId("]C").data == "]C");
    CHECK(splitAimId("").data.empty());
}

TEST_CASE("GS1 element strings: every AI a hardware label uses", "[scan][gs1]")
{
    // 01 GTIN (fixed 14), 21 serial (variable, GS-ended), 10 batch, 11/17 dates (fixed 6), 240, 8004.
    const auto g = parseGs1("0109501101530003" "11240131" "17261231" "10LOT-7" + GS + "240PART-42" + GS +
                            "8004RAU0012345" + GS + "21SN12345");
    REQUIRE(g.ok());
    REQUIRE(g.elements.size() == 7);
    CHECK(*g.find("01") == "09501101530003");
    CHECK(*g.find("11") == "240131");
    CHECK(*g.find("17") == "261231");
    CHECK(*g.find("10") == "LOT-7");
    CHECK(*g.find("240") == "PART-42");
    CHECK(*g.find("8004") == "RAU0012345");
    CHECK(*g.find("21") == "SN12345");
    CHECK(g.find("22") == nullptr);
    CHECK(gs1AiName("21") == "serial number");
    CHECK(gs1AiName("8004") == "GIAI (asset identifier)");
    CHECK(gs1AiName("99999").empty());
}

TEST_CASE("GS1: leading FNC1, GS after a fixed-length value, printed form", "[scan][gs1]")
{
    const auto a = parseGs1(GS + "0109501101530003" + GS + "21ABC");
    REQUIRE(a.ok());
    CHECK(a.elements == std::vector<Gs1Element>{{"01", "09501101530003"}, {"21", "ABC"}});

    const auto b = parseGs1("(01)09501101530003(17)261231(21)ABC-1");
    REQUIRE(b.ok());
    CHECK(b.elements == std::vector<Gs1Element>{{"01", "09501101530003"}, {"17", "261231"}, {"21", "ABC-1"}});
    CHECK_THAT(parseGs1("(21)ABC 1").error, Catch::Contains("may not")); // no spaces in GS1 values
}

TEST_CASE("GS1: broken element strings are reported, never thrown", "[scan][gs1][bad-input]")
{
    CHECK_THAT(parseGs1("0109501101530004").error, Catch::Contains("check digit")); // wrong GTIN check
    CHECK_THAT(parseGs1("01095011015300").error, Catch::Contains("14 digits"));     // too short
    CHECK_THAT(parseGs1("0109501101530A03").error, Catch::Contains("digits only"));
    CHECK_THAT(parseGs1("17261331").error, Catch::Contains("not a date"));          // month 13
    CHECK_THAT(parseGs1("11240132").error, Catch::Contains("not a date"));          // day 32
    CHECK(parseGs1("17261200").ok());                                                // day 00: end of month
    CHECK_THAT(parseGs1("21" + std::string(21, 'A')).error, Catch::Contains("longer than 20"));
    CHECK_THAT(parseGs1("21" + GS).error, Catch::Contains("empty"));
    CHECK_THAT(parseGs1("7777ABC").error, Catch::Contains("unknown application identifier"));
    CHECK_THAT(parseGs1("(01)09501101530003(21").error, Catch::Contains("not closed"));
    CHECK_THAT(parseGs1("(77)X").error, Catch::Contains("unknown"));
    CHECK_THAT(parseGs1(GS).error, Catch::Contains("no element strings"));
    CHECK_THAT(parseGs1("21AB\x01" "C").error, Catch::Contains("may not"));
}

TEST_CASE("GS1 check digits of EAN-8, UPC-A, EAN-13 and GTIN-14", "[scan][gs1]")
{
    CHECK(hasValidGs1CheckDigit("96385074"));       // EAN-8
    CHECK(hasValidGs1CheckDigit("036000291452"));   // UPC-A
    CHECK(hasValidGs1CheckDigit("5901234123457"));  // EAN-13
    CHECK(hasValidGs1CheckDigit("09501101530003")); // GTIN-14
    CHECK_FALSE(hasValidGs1CheckDigit("5901234123458"));
    CHECK_FALSE(hasValidGs1CheckDigit("590123412345"));  // 12 digits, wrong as UPC-A
    CHECK_FALSE(hasValidGs1CheckDigit("59012341234"));   // no such length
    CHECK_FALSE(hasValidGs1CheckDigit("590123412345X"));
}

TEST_CASE("Labels: GS1 by identifier, by a leading GS, by GS inside, by printed form", "[scan][label]")
{
    auto l = readLabel("]C10109501101530003" + GS + "21SERIAL1");
    CHECK(l.gs1);
    CHECK(l.aim->toString() == "]C1");
    CHECK(*l.element("21") == "SERIAL1");

    l = readLabel("]d2" "0109501101530003" "21XYZ");
    CHECK(l.gs1);
    CHECK(*l.element("21") == "XYZ");

    l = readLabel("]Q3" "8004RAU00042");
    CHECK(l.gs1);
    CHECK(*l.element("8004") == "RAU00042");

    l = readLabel(GS + "0109501101530003" "21ABC");
    CHECK(l.gs1);
    CHECK(*l.element("21") == "ABC");

    l = readLabel("10LOT1" + GS + "21ABC"); // a wedge scanner without identifiers keeps the GS
    CHECK(l.gs1);
    CHECK(*l.element("10") == "LOT1");

    l = readLabel("(01)09501101530003(21)ABC");
    CHECK(l.gs1);

    // A plain serial that starts with "01" or "21" is not GS1.
    l = readLabel("21ABC");
    CHECK_FALSE(l.gs1);
    CHECK(l.element("21") == nullptr);
    l = readLabel("]C0" "0109501101530003" "21ABC"); // plain Code 128: only its form says GS1
    CHECK(l.gs1);
    l = readLabel("  5CG1234ABC \r\n");
    CHECK_FALSE(l.gs1);
    CHECK(l.data == "5CG1234ABC");
}

TEST_CASE("Serial field: accepted serials, prefixes removed", "[scan][serial]")
{
    auto c = checkSerial("5CG1234ABC");
    CHECK(c.isAccepted());
    CHECK(c.value() == "5CG1234ABC");
    CHECK(c.refusal() == Refusal::None);

    CHECK(checkSerial("S/N: 5CG1234ABC").value() == "5CG1234ABC");
    CHECK(checkSerial("S/N5CG1234ABC").value() == "5CG1234ABC");
    CHECK(checkSerial("SN 5CG1234ABC").value() == "5CG1234ABC");
    CHECK(checkSerial("sn:PF2ABCDE").value() == "PF2ABCDE");
    CHECK(checkSerial("Serial No. C02XK1ABJG5H").value() == "C02XK1ABJG5H");
    CHECK(checkSerial("Serial Number: 7HX2Q3").value() == "7HX2Q3");
    CHECK(checkSerial("]C0S/N: FOC1234X0AB").value() == "FOC1234X0AB"); // AIM removed first
    // "SN" that is part of the serial stays.
    CHECK(checkSerial("SNB4521").value() == "SNB4521");
    // GS1: AI 21.
    c = checkSerial("]C10109501101530003" + GS + "21XK42-77");
    CHECK(c.isAccepted());
    CHECK(c.value() == "XK42-77");
    CHECK(checkSerial("]d20109501101530003" "1124013110LOT9" + GS + "21ABC").value() == "ABC");
    // A numeric serial with its S/N prefix is taken even when its digits pass a check digit.
    CHECK(checkSerial("S/N 5901234123457").isAccepted());
}

TEST_CASE("Serial field refuses an EAN/UPC product code, with the reason", "[scan][serial][refusal]")
{
    for (const char *code : {"5901234123457", "036000291452", "96385074", "09501101530003", "]E05901234123457"}) {
        const auto c = checkSerial(code);
        INFO(code);
        CHECK(c.isRefused());
        CHECK(c.refusal() == Refusal::ProductCode);
        CHECK_THAT(c.reason(), Catch::Contains("product code"));
        CHECK(c.canOverride());
    }
    // The identifier alone is enough: an EAN with any digits is a product code.
    CHECK(checkSerial("]E4" "12345670").refusal() == Refusal::ProductCode);
    // A wrong check digit: not a product code; a numeric serial.
    CHECK(checkSerial("5901234123458").isAccepted());
    // A GS1 label with a GTIN and no serial.
    const auto g = checkSerial("]C10109501101530003");
    CHECK(g.refusal() == Refusal::ProductCode);
    CHECK_THAT(g.reason(), Catch::Contains("GTIN 09501101530003"));
}

TEST_CASE("Serial field refuses a MAC address", "[scan][serial][refusal]")
{
    for (const char *mac : {"00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001A.2B3C.4D5E", "001A2B3C4D5E",
                            "MAC: 001A2B3C4D5E", "WLAN MAC 00:1A:2B:3C:4D:5E"}) {
        const auto c = checkSerial(mac);
        INFO(mac);
        CHECK(c.refusal() == Refusal::MacAddress);
        CHECK_THAT(c.reason(), Catch::Contains("MAC"));
        CHECK(c.canOverride());
    }
    CHECK(isMacAddress("AABBCCDDEEF0"));
    CHECK_FALSE(isMacAddress("AABBCCDDEEFF")); // no digit: more likely a serial
    CHECK_FALSE(isMacAddress("001122334455")); // no letter
    CHECK_FALSE(isMacAddress("00:1A:2B:3C:4D"));
    CHECK_FALSE(isMacAddress("00:1A:2B:3C:4D:5G"));
}

TEST_CASE("Serial field refuses a part, model or product number", "[scan][serial][refusal]")
{
    for (const char *part : {"P/N: L12345-001", "PN 917-00012", "Part No. 5B10W13930", "MTM: 20XXS00100",
                             "Model: A2141", "MPN MK183LL/A", "2X3L1EA#ABU"}) {
        const auto c = checkSerial(part);
        INFO(part);
        CHECK(c.refusal() == Refusal::PartNumber);
        CHECK_THAT(c.reason(), Catch::Contains("number"));
        CHECK(c.canOverride());
    }
    CHECK(checkSerial("]C1240PART-42").refusal() == Refusal::PartNumber);
    CHECK(checkSerial("P/N: L12345-001").value() == "L12345-001");
}

TEST_CASE("Serial field refuses an asset tag (GIAI) and unusable scans", "[scan][serial][refusal][bad-input]")
{
    auto c = checkSerial("]C18004RAU00042");
    CHECK(c.refusal() == Refusal::WrongLabel);
    CHECK_THAT(c.reason(), Catch::Contains("asset tag"));

    c = checkSerial("");
    CHECK(c.refusal() == Refusal::Empty);
    CHECK_FALSE(c.canOverride());
    CHECK(checkSerial("S/N:   ").refusal() == Refusal::Empty);
    CHECK(checkSerial("---").refusal() == Refusal::Empty);
    CHECK(checkSerial("AB\x01" "CD").refusal() == Refusal::Unreadable);
    CHECK(checkSerial("caf\xFF").refusal() == Refusal::Unreadable);
    CHECK(checkSerial(std::string(65, 'A')).refusal() == Refusal::Unreadable);
    CHECK(checkSerial(std::string(64, 'A')).isAccepted());
    // A GS inside a plain scan makes it GS1; a broken one is reported as such.
    c = checkSerial("ABC" + GS + "DEF");
    CHECK(c.refusal() == Refusal::Unreadable);
    CHECK_THAT(c.reason(), Catch::Contains("GS1"));
    CHECK_FALSE(c.canOverride());
    CHECK(checkSerial("]C10109501101530004" + GS + "21X").refusal() == Refusal::Unreadable); // bad GTIN check
    CHECK(checkSerial("]C1" "10LOT").refusal() == Refusal::Empty);                          // GS1 without 21
}

TEST_CASE("A refusal may be overridden with a reason, which is kept", "[scan][override]")
{
    auto c = checkSerial("5901234123457");
    REQUIRE(c.isRefused());
    CHECK_FALSE(c.override("   ")); // a reason is required
    CHECK(c.isRefused());
    CHECK(c.override("  numeric serial on an old projector  "));
    CHECK(c.isAccepted());
    CHECK(c.isOverridden());
    CHECK(c.value() == "5901234123457");
    CHECK(c.overrideReason() == "numeric serial on an old projector");
    CHECK(c.refusal() == Refusal::ProductCode); // what was overridden stays on record
    CHECK_FALSE(c.reason().empty());
    CHECK_FALSE(c.override("again")); // nothing left to override

    auto accepted = checkSerial("5CG1234ABC");
    CHECK_FALSE(accepted.override("why"));
    CHECK_FALSE(accepted.isOverridden());

    auto empty = checkSerial("");
    CHECK_FALSE(empty.override("I insist"));
    CHECK(empty.isRefused());
    CHECK(toString(Refusal::MacAddress) == "mac-address");
}

TEST_CASE("Asset tags are checked against the site's tag format", "[scan][asset-tag]")
{
    Site site;
    site.assetTagPattern = "RAU-[0-9]{5}";
    CHECK(checkAssetTag("RAU-00042", site).isAccepted());
    CHECK(checkAssetTag("]C0RAU-00042", site).value() == "RAU-00042");
    CHECK(checkAssetTag("Asset Tag: RAU-00042", site).value() == "RAU-00042");

    auto c = checkAssetTag("RAU-0042", site);
    CHECK(c.refusal() == Refusal::TagFormat);
    CHECK_THAT(c.reason(), Catch::Contains("RAU-[0-9]{5}"));
    CHECK(c.canOverride());
    CHECK(checkAssetTag("XRAU-00042", site).refusal() == Refusal::TagFormat); // the whole tag must match

    // GS1 GIAI.
    CHECK(checkAssetTag("]d2" "8004RAU-00042", site).value() == "RAU-00042");
    // No pattern: any readable tag.
    CHECK(checkAssetTag("00012345", "").isAccepted());
    // A broken pattern refuses, overridably, with words, never throws.
    c = checkAssetTag("RAU-00042", "RAU-([0-9]");
    CHECK(c.refusal() == Refusal::TagFormat);
    CHECK_THAT(c.reason(), Catch::Contains("not a valid pattern"));
    CHECK(c.canOverride());
}

TEST_CASE("Asset tag field refuses serials, product codes, MAC addresses and part numbers", "[scan][asset-tag][refusal]")
{
    CHECK(checkAssetTag("S/N: 5CG1234ABC", "").refusal() == Refusal::WrongLabel);
    CHECK(checkAssetTag("]C10109501101530003" + GS + "21ABC", "").refusal() == Refusal::WrongLabel);
    CHECK(checkAssetTag("]C10109501101530003", "").refusal() == Refusal::ProductCode);
    CHECK(checkAssetTag("]E05901234123457", "").refusal() == Refusal::ProductCode);
    CHECK(checkAssetTag("00:1A:2B:3C:4D:5E", "").refusal() == Refusal::MacAddress);
    CHECK(checkAssetTag("P/N L12345-001", "").refusal() == Refusal::PartNumber);
    CHECK(checkAssetTag("", "").refusal() == Refusal::Empty);
    CHECK(checkAssetTag("]C1" "10LOT", "").refusal() == Refusal::Empty);
}
