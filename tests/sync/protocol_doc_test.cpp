// docs/sync-protocol.md holds the tables made from the mutation kinds' descriptions
// (sync::protocolTablesMarkdown) between two markers; this test keeps the two equal, so the
// contract a client is written from cannot drift from what the server enforces. To bring the doc
// up to date after changing a description: RD_UPDATE_DOCS=1 build/tests/sync/sync_tests "[doc]".
#include "sync/kinds.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

constexpr std::string_view kBegin = "<!-- generated from shared/sync/kinds.cpp: begin -->\n";
constexpr std::string_view kEnd = "<!-- generated from shared/sync/kinds.cpp: end -->";

} // namespace

TEST_CASE("The protocol doc's tables of mutation kinds and records are the ones the code describes",
          "[sync][doc]")
{
    const std::string path = std::string(RD_SOURCE_DIR) + "/docs/sync-protocol.md";
    std::string doc;
    {
        std::ifstream in(path);
        REQUIRE(in);
        std::ostringstream all;
        all << in.rdbuf();
        doc = all.str();
    }
    const auto begin = doc.find(kBegin);
    const auto end = doc.find(kEnd);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    REQUIRE(begin < end);
    const auto from = begin + kBegin.size();
    const std::string written = doc.substr(from, end - from);
    const std::string made = rd::sync::protocolTablesMarkdown();
    if (written != made && std::getenv("RD_UPDATE_DOCS")) {
        std::ofstream(path, std::ios::trunc) << doc.substr(0, from) << made << doc.substr(end);
        SUCCEED("docs/sync-protocol.md updated");
        return;
    }
    INFO("docs/sync-protocol.md differs from the descriptions; run with RD_UPDATE_DOCS=1 to update it");
    CHECK(written == made);
}
