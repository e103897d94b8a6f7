// Two syncserver processes on one PostgreSQL database (issue 13): devices push to both, one
// server is killed (SIGKILL) in the middle of a push, and each push is still applied exactly
// once; the two serve the same pulls.
#include "httpclient.h"
#include "rawconnection.h"
#include "serverfixture.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include "domain/entities.h"
#include "store/database.h"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <chrono>
#include <csignal>
#include <future>
#include <set>
#include <thread>

using namespace rd;
using namespace rd::test;
namespace json = boost::json;

namespace {

Millis nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/** A device's push of @p count step results from @p firstSeq on; their ids are added to @p ids. */
std::string stepResults(const std::string &device, const DemoFacts &facts, std::int64_t firstSeq, int count,
                        std::vector<std::string> &ids)
{
    json::array mutations;
    for (int i = 0; i < count; ++i) {
        ids.push_back(Id::generate().toString());
        mutations.push_back(json::object{{"seq", firstSeq + i},
                                         {"kind", "recordStepResult"},
                                         {"at", nowMs()},
                                         {"data", json::object{{"id", ids.back()},
                                                               {"installation_id", facts.installation.toString()},
                                                               {"step_id", facts.step.toString()},
                                                               {"outcome", "pass"},
                                                               {"note", "unit " + std::to_string(firstSeq + i)},
                                                               {"evidence", ""},
                                                               {"recorded_by", facts.sam.toString()},
                                                               {"recorded_at", nowMs()}}}});
    }
    return json::serialize(json::object{{"protocol", 1}, {"device_id", device}, {"mutations", std::move(mutations)}});
}

/** The push's answer, or nothing when the server was gone before it answered. */
std::optional<HttpAnswer> tryPush(std::uint16_t port, const std::string &token, const std::string &body)
{
    try {
        return HttpClient(port, false, std::chrono::seconds(30)).post("/api/v1/push", body, bearer(token));
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

/** What a device saw of its pushes: every answer 200 with no mutation refused. */
struct DeviceRun {
    std::string device;
    std::string token;
    std::vector<std::string> ids;
    std::int64_t lastApplied = 0;
    int resent = 0;
    std::vector<std::string> problems;
};

} // namespace

TEST_CASE("Two servers on one PostgreSQL database: one killed mid-push, every push applied exactly once",
          "[server][process][postgresql-only]")
{
    TempDir dir;
    const auto data = dir.path / "data";
    REQUIRE(runSyncserver({"seed-demo", "--data", data.string()}, dir.path).exitCode == 0);
    const auto facts = readDemoFacts(databaseFor(data));
    const auto a = std::make_unique<ServerProcess>(data);
    const auto b = std::make_unique<ServerProcess>(data);
    const std::uint16_t portA = a->port(), portB = b->port();

    // Four tablets, each signed in through one server and pushing through both in turn.
    constexpr int kDevices = 4, kPushes = 12, kPerPush = 20;
    std::vector<DeviceRun> runs(kDevices);
    for (int d = 0; d < kDevices; ++d) {
        runs[d].device = newDeviceId();
        const auto answer = HttpClient(d % 2 ? portB : portA).post("/api/v1/signin", signinBody("sam", runs[d].device));
        REQUIRE(answer.status == 200);
        runs[d].token = jsonField(answer.body, "access_token");
    }

    // One more device sends a large push to A and A is killed as soon as the bytes are out:
    // whether A committed it or not, the device sends it again to B, which must apply it once.
    DeviceRun big;
    big.device = newDeviceId();
    {
        const auto answer = HttpClient(portB).post("/api/v1/signin", signinBody("sam", big.device));
        REQUIRE(answer.status == 200);
        big.token = jsonField(answer.body, "access_token");
    }
    const auto bigBody = stepResults(big.device, facts, 1, 2000, big.ids);

    std::atomic<bool> aKilled{false};
    std::mutex progressMutex;
    std::condition_variable progress;
    int pushesDone = 0;
    auto pushing = [&](DeviceRun &run, int index) {
        std::int64_t seq = 1;
        for (int p = 0; p < kPushes; ++p) {
            const auto body = stepResults(run.device, facts, seq, kPerPush, run.ids);
            const bool toA = (p + index) % 2 == 0 && !aKilled;
            auto answer = tryPush(toA ? portA : portB, run.token, body);
            if (!answer || answer->status != 200) {
                // No answer (the server died under it) or a refusal: send the same push to B.
                ++run.resent;
                answer = tryPush(portB, run.token, body);
            }
            if (!answer || answer->status != 200) {
                run.problems.push_back("push " + std::to_string(p) + " failed on both servers");
                return;
            }
            const auto v = json::parse(answer->body).as_object();
            run.lastApplied = v.at("last_applied_seq").as_int64();
            for (const auto &r : v.at("results").as_array()) {
                const auto status = std::string(r.as_object().at("status").as_string());
                if (status != "applied" && status != "duplicate")
                    run.problems.push_back(json::serialize(r));
            }
            seq += kPerPush;
            {
                std::lock_guard lock(progressMutex);
                ++pushesDone;
            }
            progress.notify_all();
        }
    };
    std::vector<std::future<void>> threads;
    for (int d = 0; d < kDevices; ++d)
        threads.push_back(std::async(std::launch::async, pushing, std::ref(runs[d]), d));

    // Once the tablets are under way, the large push goes to A and A dies while it applies it.
    {
        std::unique_lock lock(progressMutex);
        REQUIRE(progress.wait_for(lock, std::chrono::seconds(60), [&] { return pushesDone >= kDevices * 2; }));
    }
    {
        RawConnection raw(portA);
        const auto request = "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + big.token +
                             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(bigBody.size()) +
                             "\r\n\r\n" + bigBody;
        REQUIRE(raw.write(request));
        aKilled = true;
        ::kill(a->pid(), SIGKILL);
    }
    for (auto &t : threads)
        t.get();
    sql::Database db(databaseFor(data));
    {
        // Whether A had committed the large push before it died: either way is right.
        auto q = db.query("SELECT count(*) FROM sync_devices WHERE device_id = ?1 AND last_seq > 0");
        q->bind(1, Id::parse(big.device, "device"));
        q->step();
        WARN("the killed server had committed the large push: " << (q->int64(0) ? "yes" : "no"));
    }
    const auto resent = tryPush(portB, big.token, bigBody);
    REQUIRE(resent);
    INFO(resent->body);
    REQUIRE(resent->status == 200);
    CHECK(jsonField(resent->body, "last_applied_seq") == "2000");

    // Nothing lost, nothing twice: every mutation's row is there once, each device's sequence
    // stands at its last mutation, and no mutation was refused.
    runs.push_back(big);
    for (const auto &run : runs) {
        INFO("device " << run.device << ", pushes sent again: " << run.resent);
        CHECK(run.problems.empty());
        for (const auto &p : run.problems)
            UNSCOPED_INFO(p);
        const auto expected = static_cast<std::int64_t>(run.ids.size());
        auto q = db.query("SELECT last_seq FROM sync_devices WHERE device_id = ?1");
        q->bind(1, Id::parse(run.device, "device"));
        REQUIRE(q->step());
        CHECK(q->int64(0) == expected);
        std::int64_t found = 0;
        for (const auto &id : run.ids) {
            auto c = db.query("SELECT count(*) FROM step_results WHERE id = ?1");
            c->bind(1, Id::parse(id, "id"));
            c->step();
            found += c->int64(0);
        }
        CHECK(found == expected);
    }
    CHECK(db.scalar("SELECT count(*) FROM sync_rejections") == 0);

    // A server started again beside B serves the very same pulls.
    const auto again = std::make_unique<ServerProcess>(data);
    const auto pullOf = [&](std::uint16_t port) {
        std::string all;
        std::int64_t cursor = 0;
        for (int page = 0; page < 1000; ++page) {
            const auto body = json::serialize(json::object{
                {"protocol", 1}, {"cursor", cursor}, {"limit", 500}, {"session_from", 0}, {"snapshot_until", 0}});
            const auto answer = HttpClient(port).post("/api/v1/pull", body, bearer(runs[0].token));
            REQUIRE(answer.status == 200);
            all += answer.body;
            const auto v = json::parse(answer.body).as_object();
            cursor = v.at("cursor").as_int64();
            if (!v.at("more").as_bool())
                return all;
        }
        FAIL("the pull never ended");
        return all;
    };
    CHECK(pullOf(again->port()) == pullOf(portB));
}
