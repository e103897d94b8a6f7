#pragma once

#include "auth.h"
#include "testdatabase.h"
#include "router.h"
#include "servercontext.h"
#include "serverfixture.h"

#include "demo/demodata.h"

#include <boost/beast/http.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace rd::test {

/**
 * A seeded demo school behind a ServerContext, answered by handleRequest without sockets, with a
 * small body limit to test it cheaply.
 */
struct Router {
    TempDir dir;
    server::ServerContext ctx;

    explicit Router(server::ServerOptions o = options())
        : ctx(rd::test::databaseFor(dir.path), withDataDir(std::move(o), dir.path))
    {
        seedDemo(ctx.store(), ctx.now(), [](const std::string &pw) { return server::hashPassword(pw); });
    }

    static server::ServerOptions withDataDir(server::ServerOptions o, const std::filesystem::path &dir)
    {
        o.dataDir = dir.string();
        return o;
    }

    static server::ServerOptions options()
    {
        server::ServerOptions o;
        o.bodyLimit = 64 * 1024;
        return o;
    }

    /** Sends a request from @p client (an IP address) and waits for the answer. */
    server::Response send(boost::beast::http::verb method, const std::string &target, const std::string &body = {},
                          const std::map<std::string, std::string> &headers = {},
                          const std::string &client = "127.0.0.1")
    {
        server::Request req{method, target, 11};
        for (const auto &[k, v] : headers)
            req.set(k, v);
        req.body() = body;
        req.prepare_payload();
        return server::handleRequest(std::move(req), ctx, client);
    }

    /** Signs in and returns the whole answer body. */
    std::string signin(const std::string &name, const std::string &device = newDeviceId())
    {
        const auto res = send(boost::beast::http::verb::post, "/api/v1/signin", signinBody(name, device));
        INFO(res.body());
        REQUIRE(res.result() == boost::beast::http::status::ok);
        return res.body();
    }
};

/** The "error" code of a JSON error answer, after checking it is one with a message. */
inline std::string errorOf(const server::Response &res)
{
    CHECK(res[boost::beast::http::field::content_type] == "application/json");
    CHECK_FALSE(jsonField(res.body(), "message").empty());
    return jsonField(res.body(), "error");
}

} // namespace rd::test
