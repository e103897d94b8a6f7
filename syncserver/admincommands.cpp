#include "admincommands.h"

#include "demo/demodata.h"
#include "domain/errors.h"
#include "store/migrations.h"
#include "store/store.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

namespace rd::server {

namespace {

constexpr const char *kUsage = "usage: syncserver COMMAND [options]\n"
                               "\n"
                               "commands:\n"
                               "  seed-demo --data DIR          fill a new database with the demo school\n"
                               "  report --data DIR [--month YYYY-MM]\n"
                               "                                the FITS monthly Release Management report\n"
                               "                                (default: the current month)\n"
                               "  migrate --data DIR            create or upgrade the database schema\n"
                               "  help                          this text\n";

struct Options {
    std::string command;
    std::map<std::string, std::string> values;
};

std::optional<Options> parseOptions(const std::vector<std::string> &args, std::ostream &err)
{
    if (args.empty()) {
        err << kUsage;
        return std::nullopt;
    }
    Options o;
    o.command = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto &a = args[i];
        if (a.rfind("--", 0) != 0 || i + 1 >= args.size()) {
            err << "syncserver: unexpected argument '" << a << "'\n\n" << kUsage;
            return std::nullopt;
        }
        o.values[a.substr(2)] = args[++i];
    }
    return o;
}

Millis nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/** [start, end) in Unix milliseconds of the UTC month "YYYY-MM". */
std::optional<std::pair<Millis, Millis>> monthRange(const std::string &month)
{
    int y = 0, m = 0;
    char tail = 0;
    if (month.size() != 7 || std::sscanf(month.c_str(), "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12)
        return std::nullopt;
    auto start = [](int year, int mon) {
        std::tm tm{};
        tm.tm_year = year - 1900;
        tm.tm_mon = mon - 1;
        tm.tm_mday = 1;
        return static_cast<Millis>(timegm(&tm)) * 1000;
    };
    return std::pair{start(y, m), m == 12 ? start(y + 1, 1) : start(y, m + 1)};
}

std::string currentMonth()
{
    const std::time_t t = nowMillis() / 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%Y-%m", &tm);
    return buf;
}

std::optional<std::string> dataDir(const Options &o, std::ostream &err)
{
    const auto it = o.values.find("data");
    if (it == o.values.end() || it->second.empty()) {
        err << "syncserver " << o.command << ": --data DIR is required\n";
        return std::nullopt;
    }
    std::error_code ec;
    std::filesystem::create_directories(it->second, ec);
    if (ec) {
        err << "syncserver: cannot create data directory " << it->second << ": " << ec.message() << "\n";
        return std::nullopt;
    }
    return it->second;
}

} // namespace

std::string databasePath(const std::string &dataDir)
{
    return (std::filesystem::path(dataDir) / "releasedesk.db").string();
}

int runCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    const auto opts = parseOptions(args, err);
    if (!opts)
        return 2;
    try {
        if (opts->command == "help" || opts->command == "--help") {
            out << kUsage;
            return 0;
        }
        if (opts->command == "migrate") {
            const auto dir = dataDir(*opts, err);
            if (!dir)
                return 2;
            Store store(databasePath(*dir));
            out << "database " << databasePath(*dir) << " is at schema version " << schemaVersion() << "\n";
            return 0;
        }
        if (opts->command == "seed-demo") {
            const auto dir = dataDir(*opts, err);
            if (!dir)
                return 2;
            Store store(databasePath(*dir));
            const auto s = seedDemo(store, nowMillis());
            out << "demo school written to " << databasePath(*dir) << ": " << s.sites << " sites, " << s.rooms
                << " rooms, " << s.services << " services, " << s.dslItems << " DSL items, " << s.licences
                << " licences, " << s.buildProcedures << " build procedure versions, " << s.assets
                << " assets, " << s.releases << " releases, " << s.installations << " installations\n"
                << "sign-in names: " << DemoUsers::releaseManager << " (release manager), "
                << DemoUsers::buildDeveloper << " (build developer), " << DemoUsers::installer
                << " (installer)\n";
            return 0;
        }
        if (opts->command == "report") {
            const auto dir = dataDir(*opts, err);
            if (!dir)
                return 2;
            const auto it = opts->values.find("month");
            const std::string month = it == opts->values.end() ? currentMonth() : it->second;
            const auto range = monthRange(month);
            if (!range) {
                err << "syncserver report: --month must be YYYY-MM, not '" << month << "'\n";
                return 2;
            }
            Store store(databasePath(*dir));
            const auto r = store.monthlyReport(range->first, range->second);
            out << "Release Management report for " << month << "\n"
                << "  builds installed in the period:  " << r.buildsInstalled << "\n"
                << "  builds created in the period:    " << r.buildsCreated << "\n"
                << "  builds documented (total):       " << r.buildsDocumented << "\n"
                << "  services in the school (total):  " << r.services << "\n"
                << "  services still to document:      " << r.servicesToDocument << "\n";
            return 0;
        }
        err << "syncserver: unknown command '" << opts->command << "'\n\n" << kUsage;
        return 2;
    } catch (const Error &e) {
        err << "syncserver " << opts->command << ": " << e.what() << "\n";
        return 1;
    }
}

} // namespace rd::server
