#include "commandline.h"

#include "auth.h"

#include "domain/text.h"
#include "store/database.h"

#include <charconv>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <istream>
#include <ostream>

namespace rd::server {

namespace {

const std::set<std::string> kFlags{"help", "access-only", "dry-run", "installations"};

} // namespace

std::optional<std::string> CommandLine::value(const std::string &key) const
{
    const auto it = values.find(key);
    if (it == values.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::optional<CommandLine> parseCommandLine(const std::vector<std::string> &args, std::ostream &err)
{
    CommandLine c;
    if (args.empty())
        return c;
    c.command = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto &a = args[i];
        if (a.rfind("--", 0) != 0) {
            c.positional.push_back(a);
            continue;
        }
        const auto name = a.substr(2);
        if (kFlags.count(name)) {
            c.flags.insert(name);
            continue;
        }
        if (i + 1 >= args.size()) {
            err << "syncserver: the option '" << a << "' needs a value\n";
            return std::nullopt;
        }
        c.values[name].push_back(args[++i]);
    }
    return c;
}

std::optional<std::string> dataDir(const CommandLine &c, std::ostream &err)
{
    const auto dir = c.value("data");
    if (!dir || dir->empty()) {
        err << "syncserver " << c.command << ": --data DIR (or --database postgresql://...) is required\n";
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

std::optional<std::string> databaseLocation(const CommandLine &c, std::ostream &err)
{
    auto uri = c.value("database");
    if (!uri) {
        if (const char *env = std::getenv("RELEASEDESK_DATABASE"); env && *env)
            uri = std::string(env);
    }
    if (uri) {
        if (!sql::isPostgresLocation(*uri)) {
            err << "syncserver " << c.command << ": --database (or RELEASEDESK_DATABASE) must be a PostgreSQL URI, "
                << "postgresql://USER@HOST/DATABASE; the embedded SQLite database is --data DIR\n";
            return std::nullopt;
        }
        return uri;
    }
    const auto dir = dataDir(c, err);
    if (!dir)
        return std::nullopt;
    return (std::filesystem::path(*dir) / "releasedesk.db").string();
}

std::int64_t numberOption(const CommandLine &c, const std::string &key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max, bool &ok, std::ostream &err)
{
    const auto text = c.value(key);
    if (!text)
        return fallback;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < min || v > max) {
        err << "syncserver " << c.command << ": --" << key << " must be a whole number from " << min << " to "
            << max << ", not '" << printable(*text, 40) << "'\n";
        ok = false;
        return fallback;
    }
    return v;
}

std::optional<std::string> readNewPassword(std::istream &in, const std::string &command, std::ostream &err)
{
    std::string password;
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    const bool text = isValidUtf8(password);
    const auto chars = text ? codePointCount(password) : 0;
    if (!text || chars < kMinPasswordChars || chars > kMaxPasswordChars) {
        err << "syncserver " << command << ": the password (the first line of standard input) must be at least "
            << kMinPasswordChars << " characters (and at most " << kMaxPasswordChars
            << ") of UTF-8 text; nothing was changed\n";
        return std::nullopt;
    }
    return password;
}

Millis nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace rd::server
