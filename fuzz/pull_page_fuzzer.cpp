// libFuzzer target: a pull page (docs/sync-protocol.md, "Pull") as the tablet receives it, written
// into sam's tablet store by Replica::applyPullPage: the tablet's first line against a broken or
// hostile server, or a proxy in between.
//
// Findings: crashes and sanitizer reports, and any exception that is not one of the project's
// clear errors (rd::Error: the page is refused, the transaction rolled back, the sync stops with
// a message). The store is put back after every input.

#include "fuzzworld.h"

#include <cstdint>

using namespace rd;
using namespace rd::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &tablet = TabletWorld::get();
    const auto cursor = tablet.replica.pullCursor();
    const auto pending = tablet.replica.pendingCount();
    try {
        const auto out = tablet.replica.applyPullPage(asText(data, size));
        if (out.cursor < cursor)
            finding("a page moved the tablet's cursor back");
    } catch (const Error &e) {
        say("refused:", e.what());
        if (tablet.replica.pullCursor() != cursor)
            finding("a refused page moved the tablet's cursor");
    }
    // A page never touches the tablet's unsent work.
    if (tablet.replica.pendingCount() != pending)
        finding("a pull page changed the outbox");
    tablet.snapshot->restore();
    return 0;
}
