#include "admincommands.h"

#include "assetcommands.h"
#include "auth.h"
#include "backup.h"
#include "commandline.h"
#include "datadirlock.h"
#include "httpserver.h"
#include "serveroptions.h"
#include "usercommands.h"

#include "demo/demodata.h"
#include "domain/errors.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/report.h"
#include "store/reportformat.h"
#include "store/store.h"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <istream>
#include <ostream>
#include <sstream>
#include <string_view>

namespace rd::server {

namespace {

/** One command's help: what `syncserver help` lists and `syncserver COMMAND --help` prints. */
struct CommandHelp {
    std::string_view name;     ///< "serve", "user add"
    std::string_view synopsis; ///< its arguments
    std::string_view summary;  ///< one line
    std::string_view details;  ///< more, for --help; may be empty
};

constexpr CommandHelp kCommands[] = {
    {"serve",
     "--data DIR [--database postgresql://...] --listen HOST:PORT [--tls-cert FILE --tls-key FILE] [--access-ttl SECONDS]\n"
     "        [--refresh-ttl SECONDS] [--body-limit BYTES] [--attachment-limit BYTES] [--threads N] [--push-writers N]\n"
     "        [--max-connections-per-address N] [--signin-failures-per-account N] [--signin-failures-per-address N] [--max-db-pages N]",
     "run the sync server (PORT 0: any free port) until SIGTERM",
     "  --tls-cert FILE --tls-key FILE      HTTPS (PEM; TLS 1.2 and 1.3, Mozilla's intermediate settings)\n"
     "  --access-ttl SECONDS                how long an access token lasts (default 3600)\n"
     "  --refresh-ttl SECONDS               how long a refresh token lasts (default 2592000, 30 days)\n"
     "  --body-limit BYTES                  the largest request body, also once inflated (default 16 MiB)\n"
     "  --attachment-limit BYTES            the largest photo attachment (default 8 MiB)\n"
     "  --threads N                         request threads (default 4)\n"
     "  --push-writers N                    PostgreSQL: pushes applied at once, each on a connection of\n"
     "                                      its own (default 2); SQLite applies one at a time\n"
     "  --max-connections-per-address N     connections one client address may hold open (default 64)\n"
     "  --signin-failures-per-account N     failed sign-ins for one name before each further attempt\n"
     "                                      waits 1 s, 2 s, 4 s ... up to 15 min (default 5)\n"
     "  --signin-failures-per-address N     the same from one client address (default 20; raise it when\n"
     "                                      every tablet reaches the server through one address)\n"
     "  --max-db-pages N                    a test aid: the database cannot grow past N pages, as on a\n"
     "                                      full disk (bench/soak)\n"},
    {"user add", "NAME --data DIR --role installer|build-developer|release-manager [--display-name TEXT]\n"
                 "        [--site CODE]...",
     "add a user; the password is the first line of standard input",
     "  The password must be at least 8 characters; only its argon2id hash is kept. --site may be\n"
     "  repeated (the codes of the sites the user works at).\n"},
    {"user disable", "NAME --data DIR", "switch a user off: no sign-in, and their tokens end at once",
     "  Safe while the server runs: the user's devices are refused (401) from their next call; the work\n"
     "  waiting on them stays there. `user enable` switches the user on again.\n"},
    {"user enable", "NAME --data DIR", "switch a user on again", ""},
    {"user passwd", "NAME --data DIR", "set a new password, from the first line of standard input",
     "  The same rules as `user add`. Every token of the user ends: their devices sign in again.\n"},
    {"seed-demo", "--data DIR", "fill a new database with the demo school", ""},
    {"backup", "--data DIR FILE", "copy the database to FILE (safe while the server runs)",
     "  One consistent snapshot, written to a temporary file and renamed. The copy has a database\n"
     "  identity of its own, so a server restored from it is told apart by the devices.\n"
     "  With --database postgresql://..., pg_dump writes FILE (its custom format, for pg_restore).\n"},
    {"restore", "--data DIR FILE", "put a backup in place as the database (the server stopped)",
     "  Stop the server first (restore refuses while it runs), restore, start it. The database it\n"
     "  replaces is kept as DIR/releasedesk.db.before-restore. The restored database gets a new\n"
     "  identity: tablets notice it, send again what they kept and pull afresh; people signed in\n"
     "  after the backup was made sign in again.\n"},
    {"expire-tokens", "--data DIR [--access-only]", "sign every device out: each signs in again",
     "  Ends every access and refresh token now. With --access-only, only access tokens: devices\n"
     "  refresh and carry on without anyone signing in.\n"},
    {"report", "--data DIR [--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD] [--format text|csv|json]",
     "the FITS monthly Release Management report (default: this month, as text)",
     "  FITS's five counts (builds installed, builds created, builds documented, services, services\n"
     "  still to document) and the ITIL measures beside them (back-outs, failed checklist lines, scan\n"
     "  overrides, installations not signed off within 7 days), each with the records behind it, and\n"
     "  each count for the 12 months ending with the month. Months and times are in this computer's\n"
     "  time zone (TZ). Safe while the server runs: it reads one consistent snapshot.\n"
     "  --month YYYY-MM           the month (default: this month)\n"
     "  --from DATE --to DATE     any period instead, from the first day to the last, both included\n"
     "  --format text             the counts and their lists, for reading (default)\n"
     "  --format csv              RFC 4180 CSV: a section per part (counts, 12 months, each list)\n"
     "  --format json             one JSON object: counts, measures, lists and the 12-month series\n"
     "  Exit status: 0 the report was written; 1 the database could not be read (none in DIR, or\n"
     "  written by a newer Release Desk); 2 a wrong option (month, dates, format).\n"},
    {"import-assets", "--data DIR FILE [--dry-run] [--as NAME]",
     "import assets from a Snipe-IT or Release Desk CSV export (all or nothing)",
     "  Columns are found by their header, in any order: Asset Tag, Serial, Manufacturer (or Make),\n"
     "  Model, Category, Location (or Site and Room), Status, Checked Out To, Purchase Date, Notes;\n"
     "  others are ignored. Each refused row is printed with its line and reason, then a summary.\n"
     "  An asset already in the inventory (same make and serial, or its tag) gets its site, room,\n"
     "  status and user from the file; empty cells change nothing. The new and updated rows are\n"
     "  written in one transaction; refused rows are left out. The same file again changes nothing.\n"
     "  --dry-run       say what would happen, change nothing\n"
     "  --as NAME       the release manager the changes are recorded as (default: the first one)\n"
     "  Exit status 1 when the file cannot be imported or none of its rows can.\n"},
    {"export-assets", "--data DIR [--installations --from YYYY-MM-DD --to YYYY-MM-DD] [FILE]",
     "the inventory, or the installations of a period, as CSV (to FILE or standard output)",
     "  The inventory's columns are those import-assets reads back: Asset Tag, Serial, Make, Model,\n"
     "  Category, Site, Room, Status, Assigned User, Purchase Date, Notes.\n"
     "  --installations   the installations started from --from to --to (whole days, UTC): asset,\n"
     "                    release, service, build version, who, started, ended, outcome, the\n"
     "                    sign-off's name and a back-out's reason\n"},
    {"migrate", "--data DIR", "create or upgrade the database schema", ""},
    {"help", "", "this text", ""},
};

std::string usage()
{
    std::ostringstream s;
    s << "usage: syncserver COMMAND [options]\n\ncommands:\n";
    for (const auto &c : kCommands) {
        s << "  " << c.name << (c.synopsis.empty() ? "" : " ") << c.synopsis << "\n"
          << "        " << c.summary << "\n";
    }
    s << "\nThe database: --data DIR keeps it in DIR/releasedesk.db (SQLite, the default); --database\n"
         "postgresql://USER@HOST/DB, or the environment's RELEASEDESK_DATABASE, puts it on PostgreSQL\n"
         "instead, on every command but restore (serve still keeps photos in --data DIR).\n"
         "\n`syncserver COMMAND --help` says more about one.\n";
    return s.str();
}

/** The help of @p name ("user disable"), or nullptr. */
const CommandHelp *helpOf(std::string_view name)
{
    for (const auto &c : kCommands)
        if (c.name == name)
            return &c;
    return nullptr;
}

void printHelp(const CommandHelp &c, std::ostream &out)
{
    out << "usage: syncserver " << c.name << (c.synopsis.empty() ? "" : " ") << c.synopsis << "\n\n"
        << c.summary << "\n";
    if (!c.details.empty())
        out << "\n" << c.details;
}

int serve(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    const auto dir = dataDir(c, err);
    if (!dir)
        return 2;
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    ServerOptions so;
    so.dataDir = *dir;
    so.database = *database;
    const auto listen = c.value("listen");
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
    so.tlsCert = c.value("tls-cert").value_or("");
    so.tlsKey = c.value("tls-key").value_or("");
    constexpr std::int64_t kYear = 366LL * 24 * 60 * 60;
    so.accessTtlSeconds = numberOption(c, "access-ttl", so.accessTtlSeconds, 1, kYear, ok, err);
    so.refreshTtlSeconds = numberOption(c, "refresh-ttl", so.refreshTtlSeconds, 1, 10 * kYear, ok, err);
    so.bodyLimit = static_cast<std::size_t>(
        numberOption(c, "body-limit", static_cast<std::int64_t>(so.bodyLimit), 1024, 1LL << 31, ok, err));
    so.attachmentLimit = numberOption(c, "attachment-limit", so.attachmentLimit, 1024, 1LL << 30, ok, err);
    so.threads = static_cast<int>(numberOption(c, "threads", so.threads, 1, 64, ok, err));
    so.pushWriters = static_cast<int>(numberOption(c, "push-writers", so.pushWriters, 1, 64, ok, err));
    so.maxConnectionsPerAddress = static_cast<std::size_t>(numberOption(
        c, "max-connections-per-address", static_cast<std::int64_t>(so.maxConnectionsPerAddress), 1, 100000, ok, err));
    so.signinFailuresPerAccount = static_cast<int>(
        numberOption(c, "signin-failures-per-account", so.signinFailuresPerAccount, 1, 1000000, ok, err));
    so.signinFailuresPerAddress = static_cast<int>(
        numberOption(c, "signin-failures-per-address", so.signinFailuresPerAddress, 1, 1000000, ok, err));
    so.maxDbPages = numberOption(c, "max-db-pages", so.maxDbPages, 1, 4294967294LL, ok, err);
    if (!ok)
        return 2;
    return runServer(so, out, err);
}

int backup(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    if (c.positional.size() != 1) {
        err << "syncserver backup: usage: syncserver backup --data DIR FILE (or --database postgresql://... FILE)\n";
        return 2;
    }
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    if (sql::isPostgresLocation(*database)) {
        backupPostgres(*database, c.positional[0]);
        out << "database backed up to " << c.positional[0] << " with pg_dump (restore it with pg_restore)\n";
        return 0;
    }
    backupDatabase(*database, c.positional[0]);
    out << "database " << *database << " backed up to " << c.positional[0] << "\n";
    return 0;
}

int restore(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    if (c.value("database") || std::getenv("RELEASEDESK_DATABASE")) {
        err << "syncserver restore: a PostgreSQL database is restored with PostgreSQL's own pg_restore "
               "(see docs/deploying.md); restore is for the embedded SQLite database of --data DIR\n";
        return 2;
    }
    if (!c.value("data") || c.positional.size() != 1) {
        err << "syncserver restore: usage: syncserver restore --data DIR FILE\n";
        return 2;
    }
    const auto dir = dataDir(c, err);
    if (!dir)
        return 2;
    std::string why;
    const auto lock = DataDirLock::take(*dir, why); // held to the end: no server starts meanwhile
    if (!lock) {
        err << "syncserver restore: " << why << "\n";
        return 1;
    }
    const auto restored = restoreDatabase(c.positional[0], databasePath(*dir));
    out << "database " << databasePath(*dir) << " restored from " << c.positional[0] << " with the new identity "
        << restored.databaseId.toString() << "\n";
    if (!restored.replaced.empty())
        out << "the database it replaced is kept as " << restored.replaced << "\n";
    out << "start the server: tablets notice the new identity, send again what they kept and pull afresh\n";
    return 0;
}

int expireTokens(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    Store store(*database);
    TokenStore tokens(store.database(), 0, 0);
    const Millis now = nowMillis();
    Store::Batch batch(store);
    const int access = tokens.expireAccessTokens(now);
    const int refresh = c.flag("access-only") ? 0 : tokens.expireRefreshTokens(now);
    batch.commit();
    if (c.flag("access-only"))
        out << access << " access tokens expired; their devices refresh on their next call\n";
    else
        out << access << " access tokens and " << refresh
            << " refresh tokens expired; every device signs in again on its next call\n";
    return 0;
}

int migrate(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    Store store(*database);
    out << "database " << store.database().path() << " is at schema version " << schemaVersionOf(store.database()) << "\n";
    return 0;
}

int seedDemoSchool(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    Store store(*database);
    const auto s = seedDemo(store, nowMillis(), [](const std::string &pw) { return hashPassword(pw); });
    out << "demo school written to " << store.database().path() << ": " << s.sites << " sites, " << s.rooms
        << " rooms, " << s.services << " services, " << s.dslItems << " DSL items, " << s.licences
        << " licences, " << s.buildProcedures << " build procedure versions, " << s.assets << " assets, "
        << s.releases << " releases, " << s.installations << " installations\n"
        << "sign-in names: " << DemoUsers::releaseManager << " (release manager), " << DemoUsers::buildDeveloper
        << " (build developer), " << DemoUsers::installer << " and jo (installers), alex (installer, Lower School); "
        << "password \"" << DemoUsers::password << "\"\n";
    return 0;
}

/** A day "YYYY-MM-DD" as its local midnight; nothing when it is not a date. */
std::optional<Millis> dayStart(const std::string &text)
{
    const auto month = text.size() == 10 && text[7] == '-' ? ReportMonth::parse(text.substr(0, 7)) : std::nullopt;
    if (!month || text[8] < '0' || text[8] > '9' || text[9] < '0' || text[9] > '9')
        return std::nullopt;
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    std::tm tm{};
    tm.tm_year = month->year - 1900;
    tm.tm_mon = month->month - 1;
    tm.tm_mday = day;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    // mktime moves 31 April to 1 May: a day that is not in its month is not a date.
    if (day < 1 || tm.tm_mday != day || tm.tm_mon != month->month - 1)
        return std::nullopt;
    return static_cast<Millis>(t) * 1000;
}

int report(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    if (!c.value("data") && !c.value("database") && !std::getenv("RELEASEDESK_DATABASE")) {
        err << "syncserver report: --data DIR (or --database postgresql://...) is required\n";
        return 2;
    }
    const std::string format = c.value("format").value_or("text");
    if (format != "text" && format != "csv" && format != "json") {
        err << "syncserver report: --format must be text, csv or json, not '" << format << "'\n";
        return 2;
    }
    const auto from = c.value("from");
    const auto to = c.value("to");
    const auto monthText = c.value("month");
    std::optional<ReportMonth> month;
    std::optional<ReportPeriod> period;
    if (from || to) {
        if (monthText) {
            err << "syncserver report: give --month, or --from and --to, not both\n";
            return 2;
        }
        if (!from || !to) {
            err << "syncserver report: --from and --to go together (YYYY-MM-DD, both days included)\n";
            return 2;
        }
        const auto start = dayStart(*from);
        const auto last = dayStart(*to);
        if (!start || !last) {
            err << "syncserver report: --from and --to must be dates, YYYY-MM-DD, not '" << (start ? *to : *from)
                << "'\n";
            return 2;
        }
        // The day after the last one, at its own midnight (a day of 23 or 25 hours when the clocks change).
        const auto end = [&] {
            std::time_t t = static_cast<std::time_t>(*last / 1000);
            std::tm tm{};
            localtime_r(&t, &tm);
            tm.tm_mday += 1;
            tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
            tm.tm_isdst = -1;
            return static_cast<Millis>(std::mktime(&tm)) * 1000;
        }();
        if (end <= *start) {
            err << "syncserver report: --to " << *to << " is before --from " << *from << "\n";
            return 2;
        }
        period = ReportPeriod{*start, end};
    } else {
        month = monthText ? ReportMonth::parse(*monthText) : ReportMonth::containing(nowMillis());
        if (!month) {
            err << "syncserver report: --month must be a month, YYYY-MM (for example 2026-11), not '" << *monthText
                << "'\n";
            return 2;
        }
    }
    const auto path = c.value("database") || std::getenv("RELEASEDESK_DATABASE")
                          ? databaseLocation(c, err)
                          : std::optional<std::string>(databasePath(*c.value("data")));
    if (!path)
        return 2;
    if (!sql::isPostgresLocation(*path) && !std::filesystem::exists(*path)) {
        err << "syncserver report: there is no database in " << *c.value("data") << " (" << *path
            << "); check --data, or create one with `syncserver migrate`\n";
        return 1;
    }
    Store store(*path);
    ReportViews views(store);
    const Millis now = nowMillis();
    const auto r = month ? views.monthly(*month, now) : views.forPeriod(*period, now);
    if (format == "csv")
        out << reportCsv(r);
    else if (format == "json")
        out << reportJson(r);
    else
        out << reportText(r);
    out.flush();
    return out ? 0 : 1;
}

int dispatch(const CommandLine &c, std::ostream &out, std::ostream &err, std::istream &in)
{
    if (c.command == "serve")
        return serve(c, out, err);
    if (c.command == "user")
        return userCommand(c, out, err, in);
    if (c.command == "backup")
        return backup(c, out, err);
    if (c.command == "restore")
        return restore(c, out, err);
    if (c.command == "expire-tokens")
        return expireTokens(c, out, err);
    if (c.command == "migrate")
        return migrate(c, out, err);
    if (c.command == "seed-demo")
        return seedDemoSchool(c, out, err);
    if (c.command == "report")
        return report(c, out, err);
    if (c.command == "import-assets")
        return importAssetsCommand(c, out, err);
    if (c.command == "export-assets")
        return exportAssetsCommand(c, out, err);
    err << "syncserver: unknown command '" << c.command << "'\n\n" << usage();
    return 2;
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
    const auto c = parseCommandLine(args, err);
    if (!c || c->command.empty()) {
        err << (c ? "" : "\n") << usage();
        return 2;
    }
    if (c->command == "help" || c->command == "--help") {
        out << usage();
        return 0;
    }
    if (c->flag("help")) {
        // "user disable --help": the command and its first word; "user --help": every user command.
        const std::string name =
            c->command == "user" && !c->positional.empty() ? "user " + c->positional[0] : c->command;
        if (const auto *help = helpOf(name)) {
            printHelp(*help, out);
            return 0;
        }
        if (c->command == "user") {
            for (const auto &h : kCommands)
                if (h.name.substr(0, 5) == "user ")
                    out << "usage: syncserver " << h.name << " " << h.synopsis << "\n        " << h.summary << "\n";
            return 0;
        }
        err << "syncserver: unknown command '" << name << "'\n\n" << usage();
        return 2;
    }
    try {
        return dispatch(*c, out, err, in);
    } catch (const std::exception &e) {
        err << "syncserver " << c->command << ": " << e.what() << "\n";
        return 1;
    }
}

} // namespace rd::server
