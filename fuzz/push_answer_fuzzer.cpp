// libFuzzer target: a push answer (docs/sync-protocol.md, "Push") as the tablet receives it, taken
// by Replica::acceptPushResponse on sam's tablet, whose outbox holds one mutation of every kind:
// merged ids rewritten, refusals undone with the server's current rows, acknowledged entries dropped.
//
// Findings: crashes and sanitizer reports, any exception that is not one of the project's clear
// errors (rd::Error), and a refused answer that changed the outbox. The store is put back after
// every input.

#include "fuzzworld.h"

#include <cstdint>

using namespace rd;
using namespace rd::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &tablet = TabletWorld::get();
    const auto pending = tablet.replica.pendingCount();
    try {
        (void)tablet.replica.acceptPushResponse(asText(data, size));
    } catch (const Error &e) {
        say("refused:", e.what());
        if (tablet.replica.pendingCount() != pending)
            finding("a refused push answer changed the outbox");
    }
    tablet.snapshot->restore();
    return 0;
}
