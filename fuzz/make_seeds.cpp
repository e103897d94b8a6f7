// Writes the seed corpora that come from the real code into fuzz/corpus/<target>/ (push bodies and
// the school's answers to them, pull requests and pages, HTTP requests): what the Replica makes and
// the Hub answers, over the same school the fuzz targets hold, so the seeds reach deep from the
// first run. Run by hand when the school or the protocol changes:
//   cmake --build build-fuzz --target fuzz_make_seeds && build-fuzz/fuzz/fuzz_make_seeds fuzz/corpus
// The label seeds and a few hand-made bodies are files of their own beside these.

#include "fuzzworld.h"

#include "sync/codec.h"
#include "sync/gzip.h"

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

using namespace rd;
using namespace rd::fuzz;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

fs::path g_out;

void write(const std::string &target, const std::string &name, std::string_view content)
{
    const auto dir = g_out / target;
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << content;
}

json::object mutation(std::int64_t seq, std::string_view kind, json::object data)
{
    return {{"seq", seq}, {"kind", kind}, {"at", kNow + seq * 1000}, {"data", std::move(data)}};
}

std::string push(const Id &device, json::array mutations)
{
    return json::serialize(json::object{{"protocol", 1}, {"device_id", device.toString()}, {"mutations", std::move(mutations)}});
}

std::string pullBody(std::int64_t cursor, std::int64_t limit, std::int64_t sessionFrom, std::int64_t snapshotUntil)
{
    return json::serialize(json::object{{"protocol", 1},
                                        {"cursor", cursor},
                                        {"limit", limit},
                                        {"session_from", sessionFrom},
                                        {"snapshot_until", snapshotUntil}});
}

std::string httpRequest(std::string_view method, std::string_view target, std::string_view auth,
                        std::string_view body, std::string_view extraHeaders = {})
{
    std::string r = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n";
    if (!auth.empty())
        r += "Authorization: Bearer " + std::string(auth) + "\r\n";
    r += extraHeaders;
    if (method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    return r + "\r\n" + std::string(body);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: fuzz_make_seeds fuzz/corpus\n";
        return 2;
    }
    g_out = argv[1];
    using namespace school;
    using namespace sync::codec;
    auto &server = ServerWorld::get();
    auto &tablet = TabletWorld::get();
    const auto samLast = getInt(parseObject(server.samPushAnswer), "last_applied_seq");
    const auto next = samLast + 1;

    // --- push: sam's day (replayed: every answer from the records), then fresh work by everyone.
    write("push", "sam-day", server.samPushBody);
    const Asset newAsset{fixedId(0x790), std::string("RAU-00020"), std::string("5CG2020AAA"), "Dell", "Latitude 3440",
                         "Laptop", upper, fixedId(0x302), "", AssetStatus::InStock};
    const StepResult result{fixedId(0xa90), fixedId(0x901), fixedId(0x602), StepOutcome::Fail, "driver missing",
                            "5CG1234ABC", sam, kNow};
    const Installation start{fixedId(0x990), release1, fixedId(0x703), InstallationStatus::InProgress, sam, kNow};
    const SignOff signOff{fixedId(0xd90), fixedId(0x901), "Mrs A. Patel", "10,40 30,22;80,40", kNow, sam};
    const BackOut backOut{fixedId(0xd92), fixedId(0x901), "the printer driver breaks the MIS", sam, kNow};
    const ScanOverride scan{fixedId(0xf90), fixedId(0x703), std::nullopt, "asset-tag", "RAU-3", "not the site's format",
                            "old label", sam, kNow};
    write("push", "sam-addAsset", push(samTablet, {mutation(next, "addAsset", toJson(newAsset))}));
    write("push", "sam-setAssetFields",
          push(samTablet, {mutation(next, "setAssetFields",
                                    {{"id", fixedId(0x703).toString()},
                                     {"changes",
                                      {{"room_id", {{"from", fixedId(0x301).toString()}, {"to", fixedId(0x302).toString()}}},
                                       {"status", {{"from", "in-use"}, {"to", "spare"}}},
                                       {"assigned_user", {{"from", ""}, {"to", "Ms Green"}}},
                                       {"site_id", {{"from", upper.toString()}, {"to", lower.toString()}}}}}})}));
    write("push", "sam-setReleaseStatus",
          push(samTablet, {mutation(next, "setReleaseStatus",
                                    {{"id", release1.toString()}, {"from", "in-progress"}, {"to", "installed"}})}));
    write("push", "sam-startInstallation", push(samTablet, {mutation(next, "startInstallation", toJson(start))}));
    write("push", "sam-recordStepResult", push(samTablet, {mutation(next, "recordStepResult", toJson(result))}));
    write("push", "sam-signOff", push(samTablet, {mutation(next, "signOff", toJson(signOff))}));
    write("push", "sam-recordBackOut", push(samTablet, {mutation(next, "recordBackOut", toJson(backOut))}));
    write("push", "sam-recordScanOverride", push(samTablet, {mutation(next, "recordScanOverride", toJson(scan))}));
    write("push", "sam-resolveConflict",
          push(samTablet, {mutation(next, "resolveConflict",
                                    {{"id", fixedId(0xb01).toString()}, {"value", "in-use"}, {"by", sam.toString()},
                                     {"at", kNow}})}));
    {
        // A new asset, its installation and checklist, and its sign-off in one batch.
        json::array day;
        std::int64_t seq = next;
        day.push_back(mutation(seq++, "addAsset", toJson(newAsset)));
        Installation i = start;
        i.assetId = newAsset.id;
        day.push_back(mutation(seq++, "startInstallation", toJson(i)));
        int n = 0;
        for (std::uint64_t step : {0x601, 0x602, 0x603, 0x605}) {
            StepResult r = result;
            r.id = fixedId(0xa91 + static_cast<std::uint64_t>(n++));
            r.installationId = i.id;
            r.stepId = fixedId(step);
            r.outcome = StepOutcome::Pass;
            day.push_back(mutation(seq++, "recordStepResult", toJson(r)));
        }
        SignOff s = signOff;
        s.installationId = i.id;
        day.push_back(mutation(seq++, "signOff", toJson(s)));
        write("push", "sam-new-unit", push(samTablet, std::move(day)));
    }
    {
        Installation i{fixedId(0x991), release2, fixedId(0x706), InstallationStatus::InProgress, alex, kNow};
        StepResult r{fixedId(0xa99), i.id, fixedId(0x601), StepOutcome::Pass, "", "", alex, kNow};
        write("push", "alex-start", push(alexTablet, {mutation(1, "startInstallation", toJson(i)),
                                                       mutation(2, "recordStepResult", toJson(r))}));
        // Reusing sam's installation id in alex's own release, then recording on it (issue 9, hole 2).
        i.id = fixedId(0x901);
        r.installationId = fixedId(0x901);
        write("push", "alex-reused-id", push(alexTablet, {mutation(1, "startInstallation", toJson(i)),
                                                           mutation(2, "recordStepResult", toJson(r))}));
        // Work on a release that is not alex's: refused whole.
        r.installationId = fixedId(0x901);
        write("push", "alex-forbidden", push(alexTablet, {mutation(1, "recordStepResult", toJson(r))}));
    }
    write("push", "morgan-release", push(morganDesktop, {mutation(1, "setReleaseStatus",
                                                                  {{"id", release3.toString()}, {"from", "planned"}, {"to", "closed"}}),
                                                         mutation(2, "resolveConflict",
                                                                  {{"id", fixedId(0xb01).toString()}, {"value", "spare"},
                                                                   {"by", morgan.toString()}, {"at", kNow}})}));
    write("push", "devi-release", push(deviDesktop, {mutation(1, "setReleaseStatus",
                                                              {{"id", release1.toString()}, {"from", "in-progress"}, {"to", "backed-out"}})}));
    write("push", "jo-gap", push(joTablet, {mutation(7, "recordStepResult",
                                                     toJson(StepResult{fixedId(0xa98), fixedId(0x902), fixedId(0x604), StepOutcome::NotApplicable,
                                                                       "", "", jo, kNow}))}));
    write("push", "unknown-device", push(fixedId(0xeff), {mutation(1, "addAsset", toJson(newAsset))}));
    write("push", "empty", push(samTablet, {}));

    // --- pull: first syncs, later pages, bad values.
    write("pull", "first", pullBody(0, 1000, 0, 0));
    write("pull", "first-small", pullBody(0, 10, 0, 0));
    write("pull", "next-page", pullBody(10, 10, 0, 40));
    write("pull", "later", pullBody(60, 20000, 60, 0));
    write("pull", "bare", R"({"protocol":1,"cursor":0,"limit":5000})");

    // --- pull_page: the pages sam's tablet and others get from the server after sam's day.
    const auto cursor = tablet.replica.pullCursor();
    const auto samWho = *principalOf(server.hub, samTablet);
    write("pull_page", "sam-after-day", server.hub.pull(samWho, pullBody(cursor, 1000, cursor, 0)));
    write("pull_page", "sam-first-small", server.hub.pull(samWho, pullBody(cursor, 3, cursor, 0)));
    write("pull_page", "alex-first", server.hub.pull(*principalOf(server.hub, alexTablet), pullBody(0, 1000, 0, 0)));
    write("pull_page", "morgan-tail", server.hub.pull(*principalOf(server.hub, morganDesktop), pullBody(cursor - 5, 50, 0, 0)));

    // --- push_answer: the server's answer to sam's day, and a retry's.
    write("push_answer", "sam-day", server.samPushAnswer);
    write("push_answer", "sam-day-replayed", server.hub.push(samWho, server.samPushBody, kNow));
    write("push_answer", "nothing-listed",
          json::serialize(json::object{{"protocol", 1}, {"last_applied_seq", samLast}, {"results", json::array{}}}));

    // --- http: requests as the tablet's SyncClient and an administrator's curl send them.
    write("http", "healthz", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    write("http", "metrics", "GET /metrics HTTP/1.0\r\n\r\n");
    write("http", "signin", httpRequest("POST", "/api/v1/signin", "",
                                        R"({"name":"sam","password":"demo-password","device_id":")" +
                                            samTablet.toString() + "\"}"));
    write("http", "signin-wrong", httpRequest("POST", "/api/v1/signin", "",
                                              R"({"name":"jo","password":"not-it","device_id":")" +
                                                  joTablet.toString() + "\"}"));
    write("http", "refresh", httpRequest("POST", "/api/v1/refresh", "", R"({"refresh_token":"@sam"})"));
    write("http", "pull", httpRequest("POST", "/api/v1/pull", "alex", pullBody(0, 1000, 0, 0)));
    write("http", "pull-gzip-answer", httpRequest("POST", "/api/v1/pull", "morgan", pullBody(0, 20000, 0, 0),
                                                  "Accept-Encoding: gzip\r\n"));
    {
        std::ifstream in(g_out / "push" / "sam-new-unit", std::ios::binary);
        const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        write("http", "push", httpRequest("POST", "/api/v1/push", "sam", body));
        write("http", "push-gzip-body",
              httpRequest("POST", "/api/v1/push", "sam", sync::gzipCompress(body), "Content-Encoding: gzip\r\n"));
    }
    write("http", "push-forbidden", httpRequest("POST", "/api/v1/push", "devi",
                                                push(deviDesktop, {mutation(1, "recordBackOut", toJson(BackOut{
                                                    fixedId(0xd93), fixedId(0x901), "no", devi, kNow}))})));
    write("http", "expired", httpRequest("POST", "/api/v1/pull", "jo-old", pullBody(0, 10, 0, 0)));
    write("http", "switched-off", httpRequest("POST", "/api/v1/pull", "pat", pullBody(0, 10, 0, 0)));
    write("http", "v2", httpRequest("POST", "/api/v2/pull", "sam", pullBody(0, 10, 0, 0)));
    write("http", "wrong-method", "GET /api/v1/push HTTP/1.1\r\nHost: x\r\n\r\n");
    write("http", "chunked",
          "POST /api/v1/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sam\r\nTransfer-Encoding: chunked\r\n\r\n"
          "10\r\n{\"protocol\":1,\"c\r\n1c\r\nursor\":0,\"limit\":10,\"x\":[]}\r\n0\r\n\r\n");
    write("http", "pipelined", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" +
                                   httpRequest("POST", "/api/v1/pull", "sam", pullBody(0, 5, 0, 0)) +
                                   "GET /nothing?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n");
    std::cout << "seeds written to " << g_out.string() << "\n";
    return 0;
}
