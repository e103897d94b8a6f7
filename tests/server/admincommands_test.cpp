#include "admincommands.h"
#include "testdatabase.h"
#include "auth.h"
#include "datadirlock.h"

#include "store/store.h"

#include "domain/id.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
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

/** @p args as given; on PostgreSQL, with --database naming the schema of their --data DIR. */
std::vector<std::string> onTestDatabase(std::vector<std::string> args)
{
    const auto data = std::find(args.begin(), args.end(), "--data");
    if (rd::test::onPostgres() && data != args.end() && data + 1 != args.end()) {
        const auto uri = rd::test::databaseFor(*(data + 1));
        args.insert(args.end(), {"--database", uri});
    }
    return args;
}

Run run(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int code = runCommand(onTestDatabase(std::move(args)), out, err);
    return {code, out.str(), err.str()};
}

} // namespace

TEST_CASE("seed-demo fills a data directory and report prints the five FITS counts", "[server][cli]")
{
    TempDir dir;
    const auto seeded = run({"seed-demo", "--data", dir.path.string()});
    REQUIRE(seeded.code == 0);
    CHECK_THAT(seeded.out, Catch::Contains("2 sites"));
    CHECK(std::filesystem::exists(dir.path / "releasedesk.db") != rd::test::onPostgres());
    const auto report = run({"report", "--data", dir.path.string(), "--month", "2026-01"});
    REQUIRE(report.code == 0);
    CHECK_THAT(report.out, Catch::Contains("Release Management report for 2026-01"));
    CHECK_THAT(report.out, Catch::Contains("Services still to document:"));
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
    CHECK_THAT(noData.err, Catch::Contains("--data DIR (or --database postgresql://...) is required"));
    const auto badMonth = run({"report", "--data", dir.path.string(), "--month", "2026-13"});
    CHECK(badMonth.code == 2);
    CHECK_THAT(badMonth.err, Catch::Contains("--month must be a month, YYYY-MM"));
    const auto badFormat = run({"report", "--data", dir.path.string(), "--format", "xml"});
    CHECK(badFormat.code == 2);
    CHECK_THAT(badFormat.err, Catch::Contains("--format must be text, csv or json"));
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
        const int code = runCommand(onTestDatabase(args), out, err, in);
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
    rd::Store store(rd::test::databaseFor(dir.path));
    const auto pat = store.userByName("pat.new");
    REQUIRE(pat);
    CHECK(pat->displayName == "Alex Kim");
    CHECK(pat->role == rd::Role::Installer);
    const auto hash = store.passwordHash(pat->id);
    REQUIRE(hash);
    CHECK_THAT(*hash, Catch::StartsWith("$argon2id$"));
    CHECK(verifyPassword(*hash, "long enough"));
}

TEST_CASE("Every command answers --help with its usage, and help lists them all", "[server][cli]")
{
    const auto all = run({"help"});
    REQUIRE(all.code == 0);
    for (const std::string name : {"serve", "user add", "user disable", "user enable", "user passwd", "seed-demo",
                                   "backup", "restore", "expire-tokens", "report", "migrate"}) {
        INFO(name);
        CHECK_THAT(all.out, Catch::Contains("  " + name + " "));
        std::vector<std::string> args;
        std::istringstream words(name);
        for (std::string w; words >> w;)
            args.push_back(w);
        args.push_back("--help");
        const auto help = run(args);
        CHECK(help.code == 0);
        CHECK_THAT(help.out, Catch::StartsWith("usage: syncserver " + name));
    }
    CHECK_THAT(run({"serve", "--help"}).out, Catch::Contains("--max-connections-per-address N"));
    CHECK_THAT(run({"expire-tokens", "--help"}).out, Catch::Contains("--access-only"));
    CHECK_THAT(run({"report", "--help"}).out, Catch::Contains("--format text|csv|json"));
    CHECK(run({"frobnicate", "--help"}).code == 2);
}

TEST_CASE("serve refuses option values out of their range before it opens anything", "[server][cli][bad-input]")
{
    TempDir dir;
    for (const auto &[option, value] : std::vector<std::pair<std::string, std::string>>{
             {"--max-connections-per-address", "0"},
             {"--signin-failures-per-account", "-1"},
             {"--signin-failures-per-address", "lots"},
             {"--threads", "1000"},
             {"--body-limit", "99999999999999999999"}}) {
        INFO(option << " " << value);
        const auto r = run({"serve", "--data", dir.path.string(), "--listen", "127.0.0.1:0", option, value});
        CHECK(r.code == 2);
        CHECK_THAT(r.err, Catch::Contains(option.substr(2) + " must be a whole number from"));
    }
    CHECK_FALSE(std::filesystem::exists(dir.path / "releasedesk.db"));
}

TEST_CASE("user disable, enable and passwd switch a user and set a password, and refuse what they cannot do",
          "[server][cli][auth]")
{
    TempDir dir;
    REQUIRE(run({"seed-demo", "--data", dir.path.string()}).code == 0);
    const auto withInput = [&](std::vector<std::string> args, const std::string &input) {
        std::istringstream in(input);
        std::ostringstream out, err;
        const int code = runCommand(onTestDatabase(args), out, err, in);
        return Run{code, out.str(), err.str()};
    };
    const auto nobody = run({"user", "disable", "nobody", "--data", dir.path.string()});
    CHECK(nobody.code == 1);
    CHECK_THAT(nobody.err, Catch::Contains("there is no user named 'nobody'"));
    const auto shortPassword = withInput({"user", "passwd", "sam", "--data", dir.path.string()}, "short\n");
    CHECK(shortPassword.code == 2);
    CHECK_THAT(shortPassword.err, Catch::Contains("at least 8 characters") && Catch::Contains("nothing was changed"));
    CHECK(run({"user", "rename", "sam", "--data", dir.path.string()}).code == 2);

    const auto samId = [&] { return rd::Store(rd::test::databaseFor(dir.path)).userByName("sam")->id; }();
    const auto active = [&] { return rd::Store(rd::test::databaseFor(dir.path)).user(samId)->active; };
    const auto hash = [&] { return *rd::Store(rd::test::databaseFor(dir.path)).passwordHash(samId); };
    CHECK(verifyPassword(hash(), "demo-password"));

    const auto off = run({"user", "disable", "sam", "--data", dir.path.string()});
    INFO(off.err);
    CHECK(off.code == 0);
    CHECK_FALSE(active());
    CHECK(run({"user", "enable", "sam", "--data", dir.path.string()}).code == 0);
    CHECK(active());
    const auto changed = withInput({"user", "passwd", "sam", "--data", dir.path.string()}, "correct horse\n");
    CHECK(changed.code == 0);
    CHECK(verifyPassword(hash(), "correct horse"));
    CHECK_FALSE(verifyPassword(hash(), "demo-password"));
}

TEST_CASE("restore refuses a file that is not a backup, and a data directory in use, and changes nothing",
          "[server][cli][backup][sqlite-only]")
{
    TempDir dir;
    const auto data = dir.path / "data";
    REQUIRE(run({"seed-demo", "--data", data.string()}).code == 0);
    const auto users = [&] { return rd::Store(rd::test::databaseFor(data)).database().scalar("SELECT count(*) FROM users"); };
    const auto before = users();

    const auto junk = dir.path / "junk.db";
    std::ofstream(junk) << "this is not a database, though its name says so\n";
    const auto refused = run({"restore", "--data", data.string(), junk.string()});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("cannot restore from") && Catch::Contains("the database was not changed"));
    CHECK(run({"restore", "--data", data.string(), (dir.path / "missing.db").string()}).code == 1);

    const auto backup = dir.path / "backup.db";
    REQUIRE(run({"backup", "--data", data.string(), backup.string()}).code == 0);
    {
        std::string why;
        const auto held = DataDirLock::take(data.string(), why); // as a running server holds it
        REQUIRE(held);
        const auto busy = run({"restore", "--data", data.string(), backup.string()});
        CHECK(busy.code == 1);
        CHECK_THAT(busy.err, Catch::Contains("stop it first"));
    }
    CHECK(users() == before);
    CHECK_FALSE(std::filesystem::exists(data / "releasedesk.db.before-restore"));
    CHECK_FALSE(std::filesystem::exists(data / "releasedesk.db.restoring"));
}
