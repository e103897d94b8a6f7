#pragma once

#include "domain/entities.h"

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rd::server {

/** `syncserver COMMAND [WORD]... [--name VALUE]... [--flag]...`, as the commands read it. */
struct CommandLine {
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values; ///< --site may come more than once
    std::set<std::string> flags;                            ///< --help, --access-only, --dry-run, --installations

    /** The last value given for @p key, or nothing. */
    [[nodiscard]] std::optional<std::string> value(const std::string &key) const;
    [[nodiscard]] bool flag(const std::string &name) const { return flags.count(name) > 0; }
};

/**
 * Reads @p args. Options take a value except the flags (--help, --access-only). Nothing, with the
 * reason on @p err, when an option lacks its value.
 */
[[nodiscard]] std::optional<CommandLine> parseCommandLine(const std::vector<std::string> &args, std::ostream &err);

/** --data DIR, created if need be; nothing, with the reason on @p err, without one. */
[[nodiscard]] std::optional<std::string> dataDir(const CommandLine &c, std::ostream &err);

/**
 * Where the database is: a PostgreSQL URI from --database, or else from the environment's
 * RELEASEDESK_DATABASE (which keeps a password out of the process list); without either, the
 * embedded SQLite database DIR/releasedesk.db of --data DIR (created if need be). Nothing, with
 * the reason on @p err, when neither is given or the URI is not PostgreSQL's.
 */
[[nodiscard]] std::optional<std::string> databaseLocation(const CommandLine &c, std::ostream &err);

/** A number option within [min, max]; @p ok turns false (with a message) when it is not one. */
std::int64_t numberOption(const CommandLine &c, const std::string &key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max, bool &ok, std::ostream &err);

/**
 * A new password from the first line of @p in: at least kMinPasswordChars characters of UTF-8
 * text, at most kMaxPasswordChars (what sign-in accepts). Nothing, with the reason on @p err.
 */
[[nodiscard]] std::optional<std::string> readNewPassword(std::istream &in, const std::string &command,
                                                         std::ostream &err);

/** The system clock in Unix milliseconds. */
[[nodiscard]] Millis nowMillis();

} // namespace rd::server
