#include "admincommands.h"

#include "auth.h"
#include "backup.h"
#include "httpserver.h"
#include "serveroptions.h"

#include "demo/demodata.h"
#include "domain/enums.h"
#include "domain/text.h"
#include "domain/errors.h"
#include "store/migrations.h"
#include "store/store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <istream>
#include <sstream>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

namespace rd::server {

namespace {

constexpr const char *kUsage =
    "usage: syncserver COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  serve --data DIR --listen HOST:PORT [--tls-cert FILE --tls-key FILE]\n"
    "        [--access-ttl SECONDS] [--refresh-ttl SECONDS] [--body-limit BYTES] [--threads N]\n"
    "        [--max-db-pages N]\n"
    "                                run the sync server (PORT 0: any free port) until SIGTERM;\n"
    "                                --max-db-pages is a test aid: the database cannot grow past\n"
    "                                N pages, as on a full disk\n"
    "  user add NAME --data DIR --role installer|build-developer|release-manager\n"
    "        [--display-name TEXT] [--site CODE]...\n"
    "                                add a user; the password is the first line of standard input\n"
    "  seed-demo --data DIR          fill a new database with the demo school\n"
    "  backup --data DIR FILE        copy the database to FILE (safe while the server runs)\n"
    "  expire-tokens --data DIR      expire every access token now (everybody refreshes)\n"
    "  report --data DIR [--month YYYY-MM]\n"
    "                                the FITS monthly Release Management report\n"
    "                                (default: the current month)\n"
    "  migrate --data DIR            create or upgrade the database schema\n"
    "  help                          this text\n";

constexpr std::size_t kMinPasswordChars = 8;

struct Options {
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values; ///< --site may come more than once

    /** The last value given for @p key, or nothing. */
    [[nodiscard]] std::optional<std::string> value(const std::string &key) const
    {
        const auto it = values.find(key);
        if (it == values.end() || it->second.empty())
            return std::nullopt;
        return it->second.back();
    }
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
        if (a.rfind("--", 0) != 0) {
            o.positional.push_back(a);
            continue;
        }
        if (i + 1 >= args.size()) {
            err << "syncserver: the option '" << a << "' needs a value\n\n" << kUsage;
            return std::nullopt;
        }
        o.values[a.substr(2)].push_back(args[++i]);
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
    const auto dir = o.value("data");
    if (!dir || dir->empty()) {
        err << "syncserver " << o.command << ": --data DIR is required\n";
        return std::nullopt;
    }
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) {
        err << "syncserver: cannot create data directory " << *dir << ": " << ec.message() << "\n";
        return std::nullopt;
    }
    return dir;
}

/** A number option within [min, max]; @p ok turns false (with a message) when it is not one. */
std::int64_t numberOption(const Options &o, const std::string &key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max, bool &ok, std::ostream &err)
{
    const auto text = o.value(key);
    if (!text)
        return fallback;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < min || v > max) {
        err << "syncserver " << o.command << ": --" << key << " must be a whole number from " << min << " to "
            << max << ", not '" << *text << "'\n";
        ok = false;
    }
    return v;
}

int serve(const Options &o, std::ostream &out, std::ostream &err)
{
    const auto dir = dataDir(o, err);
    if (!dir)
        return 2;
    ServerOptions so;
    so.dataDir = *dir;
    const auto listen = o.value("listen");
    if (!listen) {
        err << "syncserver serve: --listen HOST:PORT is required (for example 127.0.0.1:8080)\n";
        return 2;
    }
    // HOST:PORT, with an IPv6 host in brackets: [::1]:8080.
    const auto colon = listen->rfind(':');
    std::string host = colon == std::string::npos ? std::string() : listen->substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    bool ok = !host.empty();
    std::uint16_t port = 0;
    if (ok) {
        const auto ptext = std::string_view(*listen).substr(colon + 1);
        const auto [end, ec] = std::from_chars(ptext.data(), ptext.data() + ptext.size(), port);
        ok = ec == std::errc() && end == ptext.data() + ptext.size() && !ptext.empty();
    }
    if (!ok) {
        err << "syncserver serve: --listen must be HOST:PORT (for example 127.0.0.1:8080), not '" << *listen
            << "'\n";
        return 2;
    }
    so.host = host;
    so.port = port;
    so.tlsCert = o.value("tls-cert").value_or("");
    so.tlsKey = o.value("tls-key").value_or("");
    constexpr std::int64_t kYear = 366LL * 24 * 60 * 60;
    so.accessTtlSeconds = numberOption(o, "access-ttl", so.accessTtlSeconds, 1, kYear, ok, err);
    so.refreshTtlSeconds = numberOption(o, "refresh-ttl", so.refreshTtlSeconds, 1, 10 * kYear, ok, err);
    so.bodyLimit = static_cast<std::size_t>(
        numberOption(o, "body-limit", static_cast<std::int64_t>(so.bodyLimit), 1024, 1LL << 31, ok, err));
    so.threads = static_cast<int>(numberOption(o, "threads", so.threads, 1, 64, ok, err));
    so.maxDbPages = numberOption(o, "max-db-pages", so.maxDbPages, 1, 4294967294LL, ok, err);
    if (!ok)
        return 2;
    return runServer(so, out, err);
}

int addUser(const Options &o, std::ostream &out, std::ostream &err, std::istream &in)
{
    if (o.positional.size() != 2 || o.positional[0] != "add") {
        err << "syncserver user: usage: syncserver user add NAME --data DIR --role ROLE [--display-name TEXT] "
               "[--site CODE]...\n";
        return 2;
    }
    const auto dir = dataDir(o, err);
    if (!dir)
        return 2;
    const auto roleText = o.value("role").value_or("");
    const auto role = tryParse<Role>(roleText);
    if (!role) {
        err << "syncserver user add: --role must be installer, build-developer or release-manager\n";
        return 2;
    }
    std::string password;
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    if (!isValidUtf8(password) || codePointCount(password) < kMinPasswordChars) {
        err << "syncserver user add: the password (the first line of standard input) must be at least "
            << kMinPasswordChars << " characters of UTF-8 text; the user was not added\n";
        return 2;
    }
    // Hash before opening the database: it is the slow part, and holds nothing.
    const auto hash = hashPassword(password);
    Store store(databasePath(*dir));
    std::vector<Id> siteIds;
    const auto sites = store.sites();
    if (const auto it = o.values.find("site"); it != o.values.end()) {
        for (const auto &code : it->second) {
            const auto s = std::find_if(sites.begin(), sites.end(), [&](const Site &x) { return x.code == code; });
            if (s == sites.end()) {
                std::string known;
                for (const auto &x : sites)
                    known += (known.empty() ? "" : ", ") + x.code;
                err << "syncserver user add: there is no site with the code '" << code << "'"
                    << (known.empty() ? std::string("; the database has no sites yet") : "; known codes: " + known)
                    << "\n";
                return 2;
            }
            siteIds.push_back(s->id);
        }
    }
    User user;
    user.name = o.positional[1];
    user.displayName = o.value("display-name").value_or("");
    user.role = *role;
    Store::Batch batch(store);
    const Id id = store.addUser(user, hash);
    for (const auto &site : siteIds)
        store.addUserToSite(id, site);
    batch.commit();
    out << "user " << user.name << " (" << roleText << ") added with id " << id.toString() << "\n";
    return 0;
}

int backup(const Options &o, std::ostream &out, std::ostream &err)
{
    const auto dir = o.value("data");
    if (!dir || o.positional.size() != 1) {
        err << "syncserver backup: usage: syncserver backup --data DIR FILE\n";
        return 2;
    }
    backupDatabase(databasePath(*dir), o.positional[0]);
    out << "database " << databasePath(*dir) << " backed up to " << o.positional[0] << "\n";
    return 0;
}

int expireTokens(const Options &o, std::ostream &out, std::ostream &err)
{
    const auto dir = dataDir(o, err);
    if (!dir)
        return 2;
    Store store(databasePath(*dir));
    TokenStore tokens(store.database(), 0, 0);
    const int n = tokens.expireAccessTokens(nowMillis());
    out << n << " access tokens expired; their devices refresh or sign in again on their next call\n";
    return 0;
}

} // namespace

std::string databasePath(const std::string &dataDir)
{
    return (std::filesystem::path(dataDir) / "releasedesk.db").string();
}

int runCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    std::istringstream nothing;
    return runCommand(args, out, err, nothing);
}

int runCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err, std::istream &in)
{
    const auto opts = parseOptions(args, err);
    if (!opts)
        return 2;
    try {
        if (opts->command == "help" || opts->command == "--help") {
            out << kUsage;
            return 0;
        }
        if (opts->command == "serve")
            return serve(*opts, out, err);
        if (opts->command == "user")
            return addUser(*opts, out, err, in);
        if (opts->command == "backup")
            return backup(*opts, out, err);
        if (opts->command == "expire-tokens")
            return expireTokens(*opts, out, err);
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
            const auto s = seedDemo(store, nowMillis(), [](const std::string &pw) { return hashPassword(pw); });
            out << "demo school written to " << databasePath(*dir) << ": " << s.sites << " sites, " << s.rooms
                << " rooms, " << s.services << " services, " << s.dslItems << " DSL items, " << s.licences
                << " licences, " << s.buildProcedures << " build procedure versions, " << s.assets
                << " assets, " << s.releases << " releases, " << s.installations << " installations\n"
                << "sign-in names: " << DemoUsers::releaseManager << " (release manager), "
                << DemoUsers::buildDeveloper << " (build developer), " << DemoUsers::installer
                << " and jo (installers), alex (installer, Lower School); password \"" << DemoUsers::password
                << "\"\n";
            return 0;
        }
        if (opts->command == "report") {
            const auto dir = dataDir(*opts, err);
            if (!dir)
                return 2;
            const std::string month = opts->value("month").value_or(currentMonth());
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
    } catch (const std::exception &e) {
        err << "syncserver " << opts->command << ": " << e.what() << "\n";
        return 1;
    }
}

} // namespace rd::server
