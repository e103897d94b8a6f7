// libFuzzer target: a push request body (docs/sync-protocol.md, "Push"), read by Hub::readPush and,
// when it reads, applied by Hub::push to the school's server store as the owner of the device it
// names (sam's tablet when the device is none of the school's, which the hub must refuse).
//
// Findings: crashes and sanitizer reports; any exception that is not one of the project's clear
// errors (rd::Error); an error message that is not UTF-8 (it goes into a JSON answer); a StoreError
// (the database failing: a 500, never the answer to a client's input); an answer that is not a JSON
// object; a refused push that changed anything; and the same push twice in one group commit
// (Hub::pushGroup, as the server applies pushes that wait together) failing where it succeeded
// alone, or its replay answering other than from what the first did.

#include "fuzzworld.h"

#include "sync/codec.h"

#include <cstdint>
#include <vector>

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

/** Reads last_applied_seq and the statuses of a push answer. */
std::pair<std::int64_t, std::vector<std::string>> readAnswer(const std::string &answer)
{
    const auto o = sync::codec::parseObject(answer);
    std::vector<std::string> statuses;
    for (const auto &r : sync::codec::getArray(o, "results"))
        statuses.push_back(sync::codec::getString(r.as_object(), "status"));
    return {sync::codec::getInt(o, "last_applied_seq"), std::move(statuses)};
}

/**
 * The server applies pushes waiting together in one transaction (Hub::pushGroup). The same push
 * twice in a group, as when a device's retry arrives with the original: the first is applied as
 * alone, the second is a replay of it in the same transaction, answered from what the first did.
 */
void checkGroupReplay(ServerWorld &world, const sync::Principal &who, const sync::Hub::PushRequest &request,
                      std::string_view body)
{
    const auto answers = world.hub.pushGroup({{&who, &request}, {&who, &request}}, kNow);
    for (const auto &a : answers) {
        if (!a.error)
            continue;
        try {
            std::rethrow_exception(a.error);
        } catch (const std::exception &e) {
            finding(std::string("a push answered alone failed in a group: ") + e.what(), body);
        }
    }
    const auto first = readAnswer(answers[0].answer);
    const auto replay = readAnswer(answers[1].answer);
    if (replay.first != first.first)
        finding("a replay in the same group answered another last_applied_seq", answers[1].answer);
    for (const auto &status : replay.second) {
        if (status != "duplicate" && status != "merged" && status != "rejected")
            finding("a replay in the same group applied something again: " + status, answers[1].answer);
    }
    world.snapshot->restore();
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
    bool answered = false;
    try {
        const auto answer = world.hub.push(who, *request, kNow);
        requireJsonObject(answer, "the push answer");
        say("200", answer);
        answered = true;
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
    if (answered)
        checkGroupReplay(world, who, *request, body);
    return 0;
}
