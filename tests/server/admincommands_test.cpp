#include "admincommands.h"
#include "auth.h"

#include "store/store.h"

#include "domain/id.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace rd::server;

namespace {

struct TempDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("rd_cli_" + rd::Id::generate().toString());
    ~TempDir() { std::filesystem::remove_all(path); }
};

struct Run {
    int code;
    std::string out, err;
};

Run run(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int code = runCommand(args, out, err);
    return {code, out.str(), err.str()};
}

} // namespace

TEST_CASE("seed-demo fills a data directory and report prints the five FITS counts", "[server][cli]")
{
    TempDir dir;
    const auto seeded = run({"seed-demo", "--data", dir.path.string()});
    REQUIRE(seeded.code == 0);
    CHECK_THAT(seeded.out, Catch::Contains("2 sites"));
    CHECK(std::filesystem::exists(dir.path / "releasedesk.db"));
    const auto report = run({"report", "--data", dir.path.string(), "--month", "2026-01"});
    REQUIRE(report.code == 0);
    CHECK_THAT(report.out, Catch::Contains("Release Management report for 2026-01"));
    CHECK_THAT(report.out, Catch::Contains("services still to document:"));
    const auto again = run({"seed-demo", "--data", dir.path.string()});
    CHECK(again.code == 1);
    CHECK_THAT(again.err, Catch::Contains("already holds users"));
}

TEST_CASE("The command line refuses bad arguments with a clear message", "[server][cli][bad-input]")
{
    TempDir dir;
    CHECK(run({}).code == 2);
    const auto unknown = run({"frobnicate"});
    CHECK(unknown.code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
    const auto noData = run({"report"});
    CHECK(noData.code == 2);
    CHECK_THAT(noData.err, Catch::Contains("--data DIR is required"));
    const auto badMonth = run({"report", "--data", dir.path.string(), "--month", "2026-13"});
    CHECK(badMonth.code == 2);
    CHECK_THAT(badMonth.err, Catch::Contains("--month must be YYYY-MM"));
    CHECK(run({"help"}).code == 0);
}

TEST_CASE("user add reads the password from stdin, refuses a short one and hashes it", "[server][cli][auth]")
{
    TempDir dir;
    REQUIRE(run({"seed-demo", "--data", dir.path.string()}).code == 0);
    const auto add = [&](const std::string &password, std::vector<std::string> extra) {
        std::vector<std::string> args{"user", "add", "pat.new", "--data", dir.path.string(), "--role", "installer"};
        args.insert(args.end(), extra.begin(), extra.end());
        std::istringstream in(password + "\nsecond line is ignored\n");
        std::ostringstream out, err;
        const int code = runCommand(args, out, err, in);
        return Run{code, out.str(), err.str()};
    };
    const auto tooShort = add("short", {});
    CHECK(tooShort.code == 2);
    CHECK_THAT(tooShort.err, Catch::Contains("at least 8 characters"));
    const auto badSite = add("long enough", {"--site", "NOPE"});
    CHECK(badSite.code == 2);
    CHECK_THAT(badSite.err, Catch::Contains("known codes:") && Catch::Contains("RAU"));
    const auto ok = add("long enough", {"--site", "RAU", "--display-name", "Alex Kim"});
    INFO(ok.err);
    REQUIRE(ok.code == 0);
    rd::Store store(databasePath(dir.path.string()));
    const auto pat = store.userByName("pat.new");
    REQUIRE(pat);
    CHECK(pat->displayName == "Alex Kim");
    CHECK(pat->role == rd::Role::Installer);
    const auto hash = store.passwordHash(pat->id);
    REQUIRE(hash);
    CHECK_THAT(*hash, Catch::StartsWith("$argon2id$"));
    CHECK(verifyPassword(*hash, "long enough"));
}
