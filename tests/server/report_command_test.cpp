// `syncserver report`, the real binary: a month built by hand in a data directory, written as text,
// CSV and JSON and read back; its help, its errors in words and its exit codes; and the demo school's
// report while the server runs.
#include "liveserver.h"
#include "testdatabase.h"
#include "serverfixture.h"
#include "serverprocess.h"

#include "store/migrations.h"
#include "store/report.h"
#include "store/reportformat.h"
#include "store/store.h"

#include <boost/json.hpp>

#include <catch2/catch.hpp>

#include <ctime>
#include <map>

using namespace rd;
using namespace rd::test;

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

/** RFC 4180 read back: rows of fields, quotes undone, CRLF line ends; a field may hold a line break. */
std::vector<std::vector<std::string>> readCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            ++i;
        } else {
            if (c == '\n')
                FAIL("a bare line feed outside quotes, after " << field);
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(field.empty());
    REQUIRE(row.empty()); // the last line ends with CRLF too
    return rows;
}

/** The rows of the section titled @p title: its heading row first. */
std::vector<std::vector<std::string>> section(const std::vector<std::vector<std::string>> &rows,
                                              const std::string &title)
{
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() == 1 && rows[i][0] == title && (i == 0 || rows[i - 1] == std::vector<std::string>{""})) {
            std::vector<std::vector<std::string>> out;
            for (std::size_t j = i + 1; j < rows.size() && rows[j] != std::vector<std::string>{""}; ++j)
                out.push_back(rows[j]);
            return out;
        }
    }
    FAIL("no section " << title);
    return {};
}

/** March 2026 at a small school, written straight into the data directory's database. */
struct HandBuiltMonth {
    TempDir dir;
    std::filesystem::path data = dir.path / "data";
    const ReportMonth month{2026, 3};
    Id accepted1, accepted2, backedOut, misService;
    std::string reason = "Wrong model, \"Latitude 5440\" delivered;\nsent back";

    HandBuiltMonth()
    {
        REQUIRE(runSyncserver({"migrate", "--data", data.string()}, dir.path).exitCode == 0);
        Store store(rd::test::databaseFor(data));
        const auto p = month.period();
        const auto day = [&](int n) { return p.from + (n - 1) * kDay + 9 * 3600 * 1000; };
        const Millis before = p.from - 90 * kDay;
        const Id manager = store.addUser({{}, "morgan", "Morgan Hale", Role::ReleaseManager});
        const Id developer = store.addUser({{}, "devi", "Devi Raman", Role::BuildDeveloper});
        const Id installer = store.addUser({{}, "sam", "Sam Okafor", Role::Installer});
        const Id site = store.addSite({{}, "Hillside Primary", "HSP", ""});
        const Id room = store.addRoom({{}, site, "Class 4, upstairs"});
        const Id laptops = store.addService({{}, "Curriculum laptop", "", before});
        misService = store.addService({{}, "MIS client", "", before});
        BuildProcedure b;
        b.serviceId = laptops;
        b.createdBy = developer;
        b.createdAt = before;
        b.steps = {{{}, StepPart::Installation, 1, "Deploy the image", "", true},
                   {{}, StepPart::Acceptance, 1, "User signs in", "", true}};
        const Id build = store.addBuildProcedure(b);
        store.submitBuild(build, developer, before);
        store.approveBuild(build, manager, before);
        Release r;
        r.number = "R-2026-012";
        r.kind = ReleaseKind::Rollout;
        r.units = 5;
        r.buildId = build;
        r.siteId = site;
        r.plannedDate = "2026-03-02";
        r.installers = {installer};
        r.createdBy = manager;
        r.createdAt = before;
        const Id release = store.addRelease(r);
        int n = 0;
        const auto start = [&](Millis at) {
            Asset a;
            a.serial = "SN" + std::to_string(++n);
            a.assetTag = "HSP-" + std::to_string(n);
            a.make = "Dell";
            a.model = "Latitude 3440";
            a.category = "Laptop";
            a.siteId = site;
            a.roomId = room;
            return store.startInstallation(
                {{}, release, store.addAsset(a), InstallationStatus::InProgress, installer, at});
        };
        const auto accept = [&](Millis startedAt, Millis signedAt) {
            const Id inst = start(startedAt);
            for (const auto &line : store.checklist(inst))
                store.recordStepResult({{}, inst, line.step.id, StepOutcome::Pass, "", "", installer, startedAt});
            store.signOff({{}, inst, "Mrs O'Neill, Year 4", "1,1 2,2", signedAt, installer});
            return inst;
        };
        accepted1 = accept(day(2), day(3));
        accepted2 = accept(day(30), p.to - 1);
        backedOut = start(day(9));
        store.recordBackOut({{}, backedOut, reason, installer, day(10)});
        accept(day(30), p.to); // April's
    }
};

} // namespace

TEST_CASE("syncserver report writes a hand-built month as JSON, CSV and text", "[server][process][report]")
{
    HandBuiltMonth m;
    const auto run = [&](const std::string &format) {
        auto r = runSyncserver({"report", "--data", m.data.string(), "--month", "2026-03", "--format", format},
                               m.dir.path);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        CHECK(r.err.empty());
        return r.out;
    };

    SECTION("JSON: the counts, each list's records and the 12 months")
    {
        const auto v = boost::json::parse(run("json")).as_object();
        CHECK(v.at("school").as_string() == "Hillside Primary");
        CHECK(v.at("month").as_string() == "2026-03");
        const auto &counts = v.at("counts");
        CHECK(counts.at("builds_installed").as_int64() == 2);
        CHECK(counts.at("builds_created").as_int64() == 0);
        CHECK(counts.at("builds_documented").as_int64() == 1);
        CHECK(counts.at("services").as_int64() == 2);
        CHECK(counts.at("services_to_document").as_int64() == 1);
        CHECK(counts.at("back_outs").as_int64() == 1);
        std::vector<std::string> installed;
        for (const auto &row : v.at("lists").at("builds_installed").as_array())
            installed.emplace_back(row.at("installation_id").as_string());
        CHECK(installed == std::vector<std::string>{m.accepted1.toString(), m.accepted2.toString()});
        const auto &toDocument = v.at("lists").at("services_to_document").as_array();
        REQUIRE(toDocument.size() == 1);
        CHECK(toDocument[0].at("service").as_string() == "MIS client");
        CHECK(toDocument[0].at("service_id").as_string() == m.misService.toString());
        CHECK(v.at("lists").at("back_outs").as_array()[0].at("reason").as_string() == m.reason);
        const auto &series = v.at("series").as_array();
        REQUIRE(series.size() == 12);
        CHECK(series.front().at("month").as_string() == "2025-04");
        CHECK(series.back().at("builds_installed").as_int64() == 2);
    }
    SECTION("CSV: RFC 4180, read back field by field, the same as the core writes for the app")
    {
        const auto csv = run("csv");
        const auto rows = readCsv(csv);
        const auto installed = section(rows, "Builds installed");
        REQUIRE(installed.size() == 3); // the heading and two installations
        CHECK(installed[0][0] == "Accepted");
        CHECK(installed[2][0] == formatReportTime(m.month.period().to - 1)); // the month's last minute
        const auto signedBy = std::find(installed[0].begin(), installed[0].end(), "Signed off by") - installed[0].begin();
        CHECK(installed[1][static_cast<std::size_t>(signedBy)] == "Mrs O'Neill, Year 4");
        const auto room = std::find(installed[0].begin(), installed[0].end(), "Room") - installed[0].begin();
        CHECK(installed[1][static_cast<std::size_t>(room)] == "Class 4, upstairs");
        const auto backOuts = section(rows, "Back-outs");
        REQUIRE(backOuts.size() == 2);
        CHECK(backOuts[1].back() == m.reason); // quotes, a comma and a line break, whole
        const auto counts = section(rows, "Counts");
        CHECK(counts[0] == std::vector<std::string>{"Measure", "Count", "Kind", "Rule"});
        CHECK(counts[1][0] == "Builds installed");
        CHECK(counts[1][1] == "2");
        CHECK(section(rows, "12 months").size() == 13);
        // The core's CSV of the same database, but for when it was made.
        Store store(rd::test::databaseFor(m.data));
        auto mine = readCsv(reportCsv(ReportViews(store).monthly(m.month, std::time(nullptr) * 1000LL)));
        auto theirs = rows;
        for (auto *r : {&mine, &theirs})
            r->erase(std::remove_if(r->begin(), r->end(), [](const auto &row) { return row[0] == "Made"; }), r->end());
        CHECK(mine == theirs);
    }
    SECTION("Text: the counts and their lists, the default")
    {
        auto plain = runSyncserver({"report", "--data", m.data.string(), "--month", "2026-03"}, m.dir.path);
        REQUIRE(plain.exitCode == 0);
        CHECK_THAT(plain.out, Catch::StartsWith("Release Management report for 2026-03: Hillside Primary\n"));
        CHECK_THAT(plain.out, Catch::Contains("Builds installed (2)"));
        CHECK_THAT(plain.out, Catch::Contains("Services still to document (1)"));
        CHECK_THAT(plain.out, Catch::Contains("MIS client"));
        CHECK_THAT(plain.out, Catch::Contains("sent back")); // the reason's second line, on its one line
        CHECK(plain.out == run("text"));
    }
    SECTION("Any period: from one day to another, both included")
    {
        auto r = runSyncserver({"report", "--data", m.data.string(), "--from", "2026-03-01", "--to", "2026-03-09",
                                "--format", "json"},
                               m.dir.path);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        const auto v = boost::json::parse(r.out).as_object();
        CHECK(v.at("month").is_null());
        CHECK(v.at("counts").at("builds_installed").as_int64() == 1);
        CHECK(v.at("counts").at("back_outs").as_int64() == 0); // on the 10th
    }
}

TEST_CASE("syncserver report --help works, and its errors are in words with exit codes a script can use",
          "[server][process][report][bad-input][sqlite-only]")
{
    TempDir dir;
    const auto data = (dir.path / "data").string();
    const auto run = [&](std::vector<std::string> args) { return runSyncserver(args, dir.path); };

    const auto help = run({"report", "--help"});
    CHECK(help.exitCode == 0);
    CHECK_THAT(help.out, Catch::StartsWith("usage: syncserver report --data DIR"));
    CHECK_THAT(help.out, Catch::Contains("--format json"));
    CHECK_THAT(help.out, Catch::Contains("Exit status"));
    CHECK(run({"report", "--data", data, "--month", "2026-11", "--help"}).exitCode == 0);

    // No database there: said, and none made (a mistyped --data never reports zeros).
    const auto none = run({"report", "--data", data, "--month", "2026-11"});
    CHECK(none.exitCode == 1);
    CHECK_THAT(none.err, Catch::Contains("there is no database in " + data));
    CHECK(none.out.empty());
    CHECK_FALSE(std::filesystem::exists(dir.path / "data" / "releasedesk.db"));

    REQUIRE(run({"migrate", "--data", data}).exitCode == 0);
    const std::vector<std::pair<std::vector<std::string>, std::string>> wrong{
        {{"--month", "2026-13"}, "--month must be a month, YYYY-MM (for example 2026-11), not '2026-13'"},
        {{"--month", "November"}, "--month must be a month"},
        {{"--format", "pdf"}, "--format must be text, csv or json, not 'pdf'"},
        {{"--from", "2026-11-01"}, "--from and --to go together"},
        {{"--from", "2026-02-30", "--to", "2026-03-01"}, "must be dates, YYYY-MM-DD, not '2026-02-30'"},
        {{"--from", "2026-03-09", "--to", "2026-03-01"}, "--to 2026-03-01 is before --from 2026-03-09"},
        {{"--month", "2026-11", "--from", "2026-11-01", "--to", "2026-11-02"}, "not both"},
    };
    for (const auto &[extra, message] : wrong) {
        std::vector<std::string> args{"report", "--data", data};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run(args);
        INFO(extra.front() << " " << extra.back());
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains(message));
        CHECK(r.out.empty());
    }
    const auto noValue = run({"report", "--data", data, "--month"});
    CHECK(noValue.exitCode == 2);
    CHECK_THAT(noValue.err, Catch::Contains("needs a value"));

    // A database from a newer Release Desk is refused, untouched.
    {
        sql::Database db(rd::test::databaseFor(dir.path / "data"));
        db.exec("PRAGMA user_version = " + std::to_string(schemaVersion() + 1));
    }
    const auto newer = run({"report", "--data", data});
    CHECK(newer.exitCode == 1);
    CHECK_THAT(newer.err, Catch::Contains("newer Release Desk"));
}

TEST_CASE("syncserver report reads the demo school while the server serves it", "[server][process][report]")
{
    LiveServer s;
    const auto month = ReportMonth::containing(std::time(nullptr) * 1000LL).toString();
    const auto r = s.admin({"report", "--month", month, "--format", "json"});
    const auto v = boost::json::parse(r.out).as_object();
    CHECK(v.at("school").as_string() == "Riverside Academy");
    CHECK(v.at("counts").at("services").as_int64() == 6);
    CHECK(v.at("counts").at("services_to_document").as_int64() == 3);
    CHECK(v.at("lists").at("services_to_document").as_array().size() == 3);
    s.requireStillServing();
}
