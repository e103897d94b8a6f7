#include "domain/errors.h"
#include "domain/id.h"

#include <catch2/catch.hpp>

#include <set>

using namespace rd;

TEST_CASE("Ids round-trip through their text form and are UUID version 7", "[id]")
{
    const Id id = Id::generate();
    const auto text = id.toString();
    REQUIRE(text.size() == 36);
    CHECK(text[14] == '7');
    CHECK((text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b'));
    CHECK(Id::parse(text) == id);
    CHECK(Id::parse("0190F5A2-7B3C-7D4E-8F00-112233445566").toString() ==
          "0190f5a2-7b3c-7d4e-8f00-112233445566");
}

TEST_CASE("Malformed ids are refused with the field named", "[id][bad-input]")
{
    CHECK_THROWS_AS(Id::parse(""), ValidationError);
    CHECK_THROWS_AS(Id::parse("0190f5a2-7b3c-7d4e-8f00-11223344556"), ValidationError);  // short
    CHECK_THROWS_AS(Id::parse("0190f5a2x7b3c-7d4e-8f00-112233445566"), ValidationError); // separator
    CHECK_THROWS_AS(Id::parse("0190f5a2-7b3c-7d4e-8f00-11223344556g"), ValidationError); // not hex
    try {
        (void)Id::parse("nope", "asset");
        FAIL("accepted");
    } catch (const ValidationError &e) {
        CHECK(e.field() == "asset");
    }
}

TEST_CASE("Ids made one after another are unique and ordered by time", "[id]")
{
    std::set<Id> seen;
    Id previous = Id::generate();
    for (int i = 0; i < 10000; ++i) {
        const Id id = Id::generate();
        CHECK(seen.insert(id).second);
        // The first 48 bits are milliseconds: never earlier than the previous id's.
        CHECK(std::lexicographical_compare(id.bytes().begin(), id.bytes().begin() + 6,
                                           previous.bytes().begin(), previous.bytes().begin() + 6) == false);
        previous = id;
    }
}
