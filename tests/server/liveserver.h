#pragma once

#include "httpclient.h"
#include "testdatabase.h"
#include "serverfixture.h"
#include "serverprocess.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

namespace rd::test {

/** A demo school in a fresh data directory, served by the real binary. */
struct LiveServer {
    TempDir dir;
    std::filesystem::path data = dir.path / "data";
    DemoFacts facts;
    std::unique_ptr<ServerProcess> server;

    explicit LiveServer(const std::vector<std::string> &extraArgs = {})
    {
        const auto seeded = runSyncserver({"seed-demo", "--data", data.string()}, dir.path);
        REQUIRE(seeded.exitCode == 0);
        facts = readDemoFacts(rd::test::databaseFor(data));
        server = std::make_unique<ServerProcess>(data, extraArgs);
    }

    [[nodiscard]] HttpClient client() const { return HttpClient(server->port()); }

    /** Runs `syncserver ARGS... --data DIR` beside the running server; fails the test unless it succeeds. */
    CommandResult admin(std::vector<std::string> args, const std::string &input = {})
    {
        args.insert(args.end(), {"--data", data.string()});
        auto result = runSyncserver(args, dir.path, input);
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
        return result;
    }

    /** Signs in and returns the whole answer body. */
    std::string signinAnswer(const std::string &name, const std::string &device,
                             const std::string &password = "demo-password")
    {
        const auto a = client().post("/api/v1/signin", signinBody(name, device, password));
        INFO(a.body);
        REQUIRE(a.status == 200);
        return a.body;
    }

    /** Signs in and returns the access token. */
    std::string signin(const std::string &name, const std::string &device)
    {
        return jsonField(signinAnswer(name, device), "access_token");
    }

    /** The server still answers others after what the test just sent it. */
    void requireStillServing()
    {
        const auto a = client().get("/healthz");
        INFO(server->stderrText());
        REQUIRE(a.status == 200);
        REQUIRE(a.body == R"({"status":"ok"})");
    }

    void checkRefused(const HttpAnswer &a, unsigned status, const std::string &code)
    {
        INFO(a.body);
        CHECK(a.status == status);
        CHECK(a.headers.at("content-type") == "application/json");
        CHECK(a.errorCode() == code);
        CHECK_FALSE(jsonField(a.body, "message").empty());
        requireStillServing();
    }
};

} // namespace rd::test
