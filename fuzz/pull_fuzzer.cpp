// libFuzzer target: a pull request body (docs/sync-protocol.md, "Pull"), answered by Hub::pull on
// the school's server store for an installer at one site (scoped) and for the release manager
// (everything); each page it answers is then applied by a tablet (Replica::applyPullPage), which
// must take whatever its server sends.
//
// Findings: crashes and sanitizer reports; any exception but the decoder's ProtocolError (a 400),
// or one whose message is not UTF-8;
// a page that is not a JSON object or that a tablet refuses.

#include "fuzzworld.h"

#include <cstdint>

using namespace rd;
using namespace rd::fuzz;

namespace {

/** An empty tablet store, put back after each page it applied. */
struct EmptyTablet {
    Store store{":memory:"};
    sync::Replica replica{store};
    Snapshot snapshot{store.database().handle()};
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &world = ServerWorld::get();
    static auto *tablet = new EmptyTablet();
    static const sync::Principal who[] = {*principalOf(world.hub, school::alexTablet),
                                          *principalOf(world.hub, school::morganDesktop)};
    const auto body = asText(data, size);

    for (const auto &principal : who) {
        std::string page;
        try {
            page = world.hub.pull(principal, body);
        } catch (const sync::ProtocolError &e) {
            requireSendable(e);
            say("400", e.what());
            return 0; // a 400 with its code, the same for everyone
        } catch (const sync::DatabaseChangedError &e) {
            say("409", e.what());
            return 0; // a cursor past this database's sequence: the tablet is told to pull afresh
        }
        requireJsonObject(page, "the pull page");
        say("200", page);
        try {
            (void)tablet->replica.applyPullPage(page);
        } catch (const Error &e) {
            finding(std::string("a tablet refused a page its server sent: ") + e.what(), page);
        }
        tablet->snapshot.restore();
    }
    world.snapshot->restore(); // a pull writes nothing; this checks that no transaction was left open
    return 0;
}
