// libFuzzer target: a push request body (docs/sync-protocol.md, "Push"), read by Hub::readPush and,
// when it reads, applied by Hub::push to the school's server store as the owner of the device it
// names (sam's tablet when the device is none of the school's, which the hub must refuse).
//
// Findings: crashes and sanitizer reports; any exception that is not one of the project's clear
// errors (rd::Error); an error message that is not UTF-8 (it goes into a JSON answer); a StoreError
// (the database failing: a 500, never the answer to a client's input); an answer that is not a JSON
// object; and a refused push that changed anything.

#include "fuzzworld.h"

#include "sync/codec.h"

#include <cstdint>

using namespace rd;
using namespace rd::fuzz;

namespace {

/** The device's row and the server's change sequence: what a refused push must leave as it was. */
std::string deviceState(Store &store, const Id &device)
{
    auto q = store.database().query("SELECT last_seq, user_id FROM sync_devices WHERE device_id = ?1");
    q->bind(1, device);
    std::string state = std::to_string(store.lastSeq());
    if (q->step())
        state += "/" + std::to_string(q->int64(0)) + "/" + q->id(1).toString();
    return state + "/" + std::to_string(store.database().scalar("SELECT count(*) FROM sync_rejections")) + "/" +
           std::to_string(store.database().scalar("SELECT count(*) FROM id_aliases"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &world = ServerWorld::get();
    const auto body = asText(data, size);

    std::shared_ptr<const sync::Hub::PushRequest> request;
    try {
        request = sync::Hub::readPush(body);
    } catch (const sync::ProtocolError &e) {
        requireSendable(e);
        say("400", e.what());
        return 0; // a 400 with its code: the decoder's clear answer
    }

    Id device = school::samTablet;
    try {
        device = sync::codec::getId(sync::codec::parseObject(body), "device_id");
    } catch (const Error &e) {
        finding("readPush took a body whose device_id does not read", e.what());
    }
    const auto who = principalOf(world.hub, device).value_or(*principalOf(world.hub, school::samTablet));

    const auto before = deviceState(world.store, who.deviceId);
    try {
        const auto answer = world.hub.push(who, *request, kNow);
        requireJsonObject(answer, "the push answer");
        say("200", answer);
    } catch (const StoreError &e) {
        finding("a push made the database fail (HTTP 500)", e.what());
    } catch (const Error &e) {
        // 403 forbidden, 409 seq_gap: refused whole, so nothing may have changed.
        requireSendable(e);
        say("refused:", e.what());
        if (deviceState(world.store, who.deviceId) != before)
            finding("a refused push changed the store", body);
    }
    world.snapshot->restore();
    return 0;
}
