#pragma once
// What the fuzz targets share: a small school with fixed ids, the server and tablet stores built
// from it once per process, and the snapshot that puts a store back after every input.

#include "domain/entities.h"
#include "store/store.h"
#include "sync/hub.h"
#include "sync/protocol.h"
#include "sync/replica.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace rd::fuzz {

/** The one time every target runs at (2026-11-26): no decision depends on the wall clock. */
inline constexpr Millis kNow = 1795651200000;

/**
 * A fixed record id, 00000000-0000-7000-8000-<n as 12 hex digits>, so that the committed corpora
 * can name the school's records: 0x1nn users, 0x2nn sites, 0x3nn rooms, 0x4nn services, 0x5nn
 * build procedures, 0x6nn build steps, 0x7nn assets, 0x8nn releases, 0x9nn installations, 0xann
 * step results, 0xbnn conflicts, 0xcnn DSL items and licences, 0xdnn sign-offs and back-outs,
 * 0xenn devices, 0xfnn scan overrides.
 */
[[nodiscard]] constexpr Id fixedId(std::uint64_t n)
{
    Id::Bytes b{};
    b[6] = 0x70; // version 7
    b[8] = 0x80; // RFC variant
    for (int i = 0; i < 6; ++i)
        b[static_cast<std::size_t>(15 - i)] = static_cast<std::uint8_t>(n >> (8 * i));
    return Id(b);
}

/** The school's records that the corpora and the targets refer to. */
namespace school {
inline constexpr Id morgan = fixedId(0x101); ///< release manager
inline constexpr Id devi = fixedId(0x102);   ///< build developer
inline constexpr Id sam = fixedId(0x103);    ///< installer at both sites, of R-1
inline constexpr Id jo = fixedId(0x104);     ///< installer at both sites, of R-1
inline constexpr Id alex = fixedId(0x105);   ///< installer at the lower site only, of R-2
inline constexpr Id pat = fixedId(0x106);    ///< an installer whose account is switched off
inline constexpr Id upper = fixedId(0x201);  ///< site RAU, tags ^RAU-[0-9]{5}$
inline constexpr Id lower = fixedId(0x202);  ///< site RAL, tags ^RAL-[0-9]{5}$
inline constexpr Id laptopBuild = fixedId(0x501); ///< approved; steps 0x601-0x605
inline constexpr Id boardBuild = fixedId(0x502);  ///< a draft
inline constexpr Id release1 = fixedId(0x801); ///< R-1 at the upper site, sam and jo, in progress
inline constexpr Id release2 = fixedId(0x802); ///< R-2 at the lower site, alex, in progress
inline constexpr Id release3 = fixedId(0x803); ///< R-3 at the upper site, nobody, planned
inline constexpr Id samTablet = fixedId(0xe01);
inline constexpr Id joTablet = fixedId(0xe02);
inline constexpr Id alexTablet = fixedId(0xe03);
inline constexpr Id morganDesktop = fixedId(0xe04);
inline constexpr Id deviDesktop = fixedId(0xe05);
} // namespace school

/**
 * Fills an empty store with the school: six users (one switched off), two sites, rooms, services,
 * a DSL item and a licence with a seat given, an approved and a draft build procedure, six assets,
 * three releases, three installations with results (one all passed, one with a failed test), a
 * sign-off, a conflict and a scan override. @p passwordHash is what every user's password becomes.
 */
void seedSchool(Store &store, const std::optional<std::string> &passwordHash = std::nullopt);

/** Gives a tablet's store a fixed device id (school::samTablet ...). */
void setDeviceId(Store &store, const Id &deviceId);

/** The users who sync, one device each, registered on @p hub. */
void registerDevices(sync::Hub &hub);

/** Who is signed in on one of the school's devices (school::samTablet ...), or nothing. */
[[nodiscard]] std::optional<sync::Principal> principalOf(sync::Hub &hub, const Id &deviceId);

/**
 * Records a day's work on sam's tablet through @p replica: an asset the server already has (it is
 * merged), a move, a status change, an installation and its results, a sign-off refused by a
 * failed test, a back-out, a scan override, a conflict resolution: every mutation kind.
 */
void recordTabletDay(sync::Replica &replica);

/**
 * What the server gets from elsewhere while sam's tablet works offline: the laptop of the tablet's
 * new asset registered by jo first (another spelling of its make and serial), another user of an
 * asset the tablet changes, jo's failure of a test the tablet then passes, a licence seat given back.
 */
void recordServerDay(Store &store);

/** Pulls every page for @p who from @p hub into @p replica. */
void pullAll(sync::Hub &hub, const sync::Principal &who, sync::Replica &replica, int pageSize = 1000);

/**
 * A copy of a database, taken when made and put back after each input that wrote anything (SQLite's
 * online backup API, page by page; statements the store has prepared are prepared again by SQLite).
 * So every input meets the same store, at the cost of a copy only when it changed something.
 */
class Snapshot {
public:
    explicit Snapshot(sqlite3 *db);
    ~Snapshot();
    Snapshot(const Snapshot &) = delete;
    Snapshot &operator=(const Snapshot &) = delete;

    /** Puts the copy back when anything was written since it was taken or last put back. */
    void restore();

private:
    sqlite3 *m_db;
    sqlite3 *m_copy = nullptr;
    std::int64_t m_changes = 0;
};

/**
 * The server's store and hub: the school, every device registered, and sam's tablet's day already
 * pushed (so sam's device has applied sequence numbers, an alias of a merged asset and a refused
 * sign-off: what a replayed push reads). Made once per process.
 */
struct ServerWorld {
    Store store{":memory:"};
    sync::Hub hub{store};
    std::string samPushBody;   ///< what sam's tablet pushed
    std::string samPushAnswer; ///< and what the server answered
    std::unique_ptr<Snapshot> snapshot;

    static ServerWorld &get();

private:
    ServerWorld();
};

/**
 * Sam's tablet: synced with the server, then a day's work recorded and not yet pushed (its outbox
 * holds every mutation kind). Made once per process.
 */
struct TabletWorld {
    Store store{":memory:"};
    sync::Replica replica{store};
    std::unique_ptr<Snapshot> snapshot;

    static TabletWorld &get();

private:
    TabletWorld();
};

/** Stops the run with a finding: the message, then abort(), which libFuzzer reports as a crash. */
[[noreturn]] inline void finding(std::string_view what, std::string_view detail = {})
{
    std::fprintf(stderr, "\n==FINDING== %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
    std::abort();
}

/**
 * With RD_FUZZ_VERBOSE set, prints what the target did with an input (an answer, an error) to
 * stderr: to see what a corpus file or a finding does, e.g. `RD_FUZZ_VERBOSE=1 fuzz_push FILE`.
 */
void say(std::string_view what, std::string_view detail = {});

/** The input as text, without a copy. */
[[nodiscard]] inline std::string_view asText(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

/** Aborts unless an error's message can go into a JSON answer as it is: valid UTF-8. */
void requireSendable(const std::exception &e);

/** Aborts unless @p body is a JSON object (what every answer of the protocol is). */
void requireJsonObject(std::string_view body, std::string_view what);

} // namespace rd::fuzz
