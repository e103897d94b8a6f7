#include "soakrun.h"

#include "device.h"
#include "synceddata.h"
#include "tablet.h"

#include "store/database.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <QDir>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <cstdio>
#include <regex>
#include <unistd.h>

namespace rd::soak {

namespace {

// The plan's odds per session. A school's server is not killed every hour, but the soak packs
// months of bad days into minutes; each kind also comes at least once (planGuaranteed).
constexpr double kKillPerSession = 1.0 / 200;
constexpr double kExpirePerSession = 1.0 / 150;
constexpr double kBackupPerSession = 1.0 / 70;
constexpr double kRestorePerSession = 1.0 / 2000;
constexpr double kDiskFullPerSession = 1.0 / 2500;
constexpr double kSkewPerSession = 1.0 / 120;
constexpr double kShortTtlChance = 0.25; ///< a restart with access tokens of a few seconds
constexpr int kActionsPerBurst = 5;
constexpr int kThinkMs = 40;
constexpr int kRoundLimitMs = 15 * 60 * 1000;

/** The people on the tablets, in the order devices take them: two tablets share a person. */
const std::vector<SoakUser> &people()
{
    static const std::vector<SoakUser> users{
        {"sam", "installer", {"RAU", "RAL"}, true},  {"jo", "installer", {"RAU", "RAL"}, true},
        {"alex", "installer", {"RAL"}, true},        {"morgan", "release-manager", {"RAU", "RAL"}, true},
        {"kit", "installer", {"RAU", "RAL"}, false}, {"sam", "installer", {"RAU", "RAL"}, true},
        {"lee", "installer", {"RAU"}, false},        {"jo", "installer", {"RAU", "RAL"}, true},
    };
    return users;
}

const char *nameOf(PlannedFault f)
{
    switch (f) {
    case PlannedFault::ServerKill:
        return "server_kills";
    case PlannedFault::ExpireTokens:
        return "token_expiries";
    case PlannedFault::Backup:
        return "backups";
    case PlannedFault::Restore:
        return "restores";
    case PlannedFault::DiskFull:
        return "disk_full";
    case PlannedFault::ClockSkew:
        return "clock_skews";
    }
    return "?";
}

} // namespace

/** The name of a fault kind on the command line (--without). */
std::string optionName(PlannedFault f)
{
    switch (f) {
    case PlannedFault::ServerKill:
        return "kill";
    case PlannedFault::ExpireTokens:
        return "expire";
    case PlannedFault::Backup:
        return "backup";
    case PlannedFault::Restore:
        return "restore";
    case PlannedFault::DiskFull:
        return "disk-full";
    case PlannedFault::ClockSkew:
        return "skew";
    }
    return "?";
}

namespace {

/** A failure's words without their numbers, so that like failures count together. */
std::string failureKind(const QString &summary)
{
    static const std::regex id("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static const std::regex numbers("[0-9]+");
    auto text = std::regex_replace(std::regex_replace(summary.toStdString(), id, "<id>"), numbers, "N");
    return text.size() > 140 ? text.substr(0, 140) + "..." : text;
}

/** The JSON line, its fields in the order they are added (the four verdicts first). */
class JsonLine {
public:
    JsonLine &add(const std::string &key, std::int64_t v) { return raw(key, std::to_string(v)); }
    JsonLine &add(const std::string &key, double v)
    {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v);
        return raw(key, buf);
    }
    JsonLine &add(const std::string &key, bool v) { return raw(key, v ? "true" : "false"); }
    JsonLine &add(const std::string &key, const std::map<std::string, std::int64_t> &m)
    {
        JsonLine inner;
        for (const auto &[k, v] : m)
            inner.add(k, v);
        return raw(key, inner.str());
    }
    JsonLine &raw(const std::string &key, const std::string &value)
    {
        m_text += (m_text.empty() ? "" : ", ") + boost::json::serialize(boost::json::string(key)) + ": " + value;
        return *this;
    }
    [[nodiscard]] std::string str() const { return "{" + m_text + "}"; }

private:
    std::string m_text;
};

int s_signalPipe[2] = {-1, -1};

extern "C" void onSignal(int)
{
    const char c = 1;
    (void)!::write(s_signalPipe[1], &c, 1);
}

} // namespace

SoakRun::SoakRun(SoakOptions options)
    : m_options(options)
    , m_rng(options.seed)
{}

SoakRun::~SoakRun()
{
    // The devices first (their clients abort what is in flight), then the proxy, then the server.
    m_devices.clear();
    m_fresh.clear();
    m_proxy.reset();
    m_server.reset();
    if (m_signals) {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }
}

void SoakRun::say(const std::string &text) const
{
    std::fprintf(stderr, "soak: %6.1f s  %s\n", static_cast<double>(m_clock.elapsed()) / 1000.0, text.c_str());
}

bool SoakRun::timeUp() const
{
    return m_options.maxSeconds > 0 && runMs() > std::int64_t(m_options.maxSeconds) * 1000;
}

// --- setting up ---

void SoakRun::setUp()
{
    // SIGINT and SIGTERM end the run through the event loop, so that every destructor runs and
    // the server it started is stopped.
    if (::pipe(s_signalPipe) == 0) {
        m_signals = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, this);
        connect(m_signals, &QSocketNotifier::activated, this, [this] {
            char c;
            (void)!::read(s_signalPipe[0], &c, 1);
            interrupted();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }

    m_dir = std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(QStringLiteral("releasedesk_soak_XXXXXX")));
    if (!m_dir->isValid())
        throw std::runtime_error("cannot make a temporary directory");
    m_dir->setAutoRemove(!m_options.keep);
    if (m_options.keep)
        say("keeping the work directory " + m_dir->path().toStdString());

    std::vector<SoakUser> users;
    for (int i = 0; i < m_options.devices; ++i)
        users.push_back(people()[static_cast<std::size_t>(i) % people().size()]);
    m_server = std::make_unique<ServerControl>(m_dir->path());
    QString why;
    if (!m_server->seed(people(), {"sam", "jo", "alex", "kit", "lee"}, &why) || !m_server->start(&why))
        throw std::runtime_error(why.toStdString());
    m_proxy = std::make_unique<FaultProxy>(m_options.seed ^ 0x5eedu);
    const auto proxyPort = m_proxy->start();
    m_proxy->setUpstream(m_server->port());
    const double third = m_options.without.count("proxy") ? 0.0 : m_options.proxyFaults / 3;
    m_proxy->setRates({third, third, third});
    m_restoreCommand = m_server->hasRestoreCommand();
    say("server on port " + std::to_string(m_server->port()) + ", fault proxy on " + std::to_string(proxyPort) +
        ", seed " + std::to_string(m_options.seed) +
        (m_restoreCommand ? "; restores with syncserver restore" : "; restores by copying the backup over the database"));

    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(proxyPort));
    for (int i = 0; i < m_options.devices; ++i) {
        auto d = std::make_unique<Device>(i, m_dir->filePath(QStringLiteral("device-%1").arg(i)),
                                          users[static_cast<std::size_t>(i)], url, m_options.seed,
                                          [this] { return runMs(); });
        // Every tablet's clock is off by up to a few days from the start.
        const double skew = std::uniform_real_distribution<double>(-3, 3)(m_rng);
        if (!m_options.without.count("skew"))
            d->setSkewDays(skew);
        d->setTrace(m_options.trace);
        connect(d.get(), &Device::sessionEnded, this, &SoakRun::onSessionEnded);
        m_devices.push_back(std::move(d));
    }
    m_restartTimer = new QTimer(this);
    m_restartTimer->setSingleShot(true);
    connect(m_restartTimer, &QTimer::timeout, this, &SoakRun::restartServer);
}

void SoakRun::plan()
{
    const int n = m_options.sessions;
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<Planned> plan;
    for (int s = 1; s <= n; ++s) {
        for (const auto &[fault, p] : {std::pair{PlannedFault::ServerKill, kKillPerSession},
                                       std::pair{PlannedFault::ExpireTokens, kExpirePerSession},
                                       std::pair{PlannedFault::Backup, kBackupPerSession},
                                       std::pair{PlannedFault::Restore, kRestorePerSession},
                                       std::pair{PlannedFault::DiskFull, kDiskFullPerSession},
                                       std::pair{PlannedFault::ClockSkew, kSkewPerSession}}) {
            if (u(m_rng) < p)
                plan.push_back({s, fault});
        }
    }
    // Each kind at least once, a backup before the restore.
    for (const auto &[fault, at] : {std::pair{PlannedFault::ClockSkew, 0.05}, std::pair{PlannedFault::ExpireTokens, 0.1},
                                    std::pair{PlannedFault::ServerKill, 0.15}, std::pair{PlannedFault::Backup, 0.25},
                                    std::pair{PlannedFault::DiskFull, 0.4}, std::pair{PlannedFault::Restore, 0.6}})
        plan.push_back({std::max(1, static_cast<int>(at * n)), fault});
    // Left out on the command line: to tell which fault a failing check comes from.
    std::erase_if(plan, [this](const Planned &p) { return m_options.without.count(optionName(p.fault)) > 0; });
    std::stable_sort(plan.begin(), plan.end(), [](const Planned &a, const Planned &b) { return a.atSession < b.atSession; });
    m_plan.assign(plan.begin(), plan.end());
    say("plan: " + std::to_string(m_plan.size()) + " server, token and clock faults over " + std::to_string(n) +
        " sessions, and " +
        std::to_string(m_options.without.count("proxy") ? 0 : static_cast<int>(m_options.proxyFaults * 100)) +
        "% of exchanges broken by the proxy");
}

// --- the sessions ---

void SoakRun::startNext(Device *device)
{
    if (m_phase != Phase::Main)
        return;
    if (m_interrupted || m_harnessFailed || m_started >= m_options.sessions || timeUp()) {
        if (++m_idle == static_cast<int>(m_devices.size()) && m_loop)
            m_loop->quit();
        return;
    }
    try {
        ++m_started;
        injectDue();
        device->work(kActionsPerBurst);
        device->startSession();
    } catch (const std::exception &e) {
        m_harnessFailed = true;
        m_harnessWhy = e.what();
        say(std::string("harness failure: ") + e.what());
        if (++m_idle == static_cast<int>(m_devices.size()) && m_loop)
            m_loop->quit();
    }
}

void SoakRun::onSessionEnded(Device *device, bool ok, const QString &summary)
{
    if (m_phase == Phase::Main) {
        ++m_ended;
        if (ok) {
            ++m_ok;
        } else {
            ++m_failed;
            ++m_failures[failureKind(summary)];
            if (m_options.verbose)
                say("device " + std::to_string(device->index()) + " session failed: " + summary.toStdString());
        }
        if (m_ended % 500 == 0) {
            say(std::to_string(m_ended) + "/" + std::to_string(m_options.sessions) + " sessions (" +
                std::to_string(m_ok) + " complete), " + std::to_string(m_proxy->counts().total()) + " proxy faults");
        }
        const int think = std::uniform_int_distribution<int>(0, kThinkMs)(m_rng);
        QTimer::singleShot(think, this, [this, device] { startNext(device); });
        return;
    }
    if (m_phase != Phase::Final)
        return;
    ++m_finalSessions;
    const bool done = ok && (!m_roundUntilEmpty || device->pending() == 0);
    if (!done && !m_interrupted && m_roundSessions[device] < m_roundMax) {
        ++m_roundSessions[device];
        if (m_options.verbose || !ok)
            say("last sync of device " + std::to_string(device->index()) + " again: " + summary.toStdString());
        QTimer::singleShot(500, this, [device] { device->startSession(); });
        return;
    }
    m_roundDone[device] = true;
    if (std::all_of(m_roundDone.begin(), m_roundDone.end(), [](const auto &kv) { return kv.second; }) && m_loop)
        m_loop->quit();
}

// --- the faults ---

void SoakRun::injectDue()
{
    if (m_state == ServerState::DiskFull && m_started >= m_diskFullUntil)
        endDiskFull();
    while (!m_plan.empty() && m_plan.front().atSession <= m_started) {
        const auto next = m_plan.front();
        m_plan.pop_front();
        const bool serverFault = next.fault == PlannedFault::ServerKill || next.fault == PlannedFault::Restore ||
                                 next.fault == PlannedFault::DiskFull;
        if (serverFault && m_state != ServerState::Up) {
            // One thing at a time on the server: a kill while it is down tests nothing more.
            auto later = next;
            later.atSession = m_started + 25;
            m_plan.insert(std::upper_bound(m_plan.begin(), m_plan.end(), later,
                                           [](const Planned &a, const Planned &b) { return a.atSession < b.atSession; }),
                          later);
            continue;
        }
        inject(next.fault);
    }
}

void SoakRun::inject(PlannedFault fault)
{
    QString why;
    switch (fault) {
    case PlannedFault::ServerKill:
        killServer();
        break;
    case PlannedFault::ExpireTokens:
        // Half of them end the refresh tokens too (where the server can tell the two apart):
        // every device then signs in again.
        if (!m_server->expireTokens(std::uniform_int_distribution<int>(0, 1)(m_rng) == 1, &why)) {
            say("expire-tokens failed: " + why.toStdString());
            return;
        }
        break;
    case PlannedFault::Backup:
        if (!m_server->backup(runMs(), &why)) {
            say("backup failed: " + why.toStdString());
            return;
        }
        break;
    case PlannedFault::Restore:
        if (m_server->backups().empty())
            return;
        restoreServer();
        break;
    case PlannedFault::DiskFull:
        fillDisk();
        break;
    case PlannedFault::ClockSkew: {
        auto &d = m_devices[std::uniform_int_distribution<std::size_t>(0, m_devices.size() - 1)(m_rng)];
        d->setSkewDays(std::uniform_real_distribution<double>(-6, 6)(m_rng));
        if (m_options.verbose)
            say("device " + std::to_string(d->index()) + " clock now " + std::to_string(d->skewDays()) + " days off");
        break;
    }
    }
    ++m_injected[fault];
    if (m_options.verbose && fault != PlannedFault::ClockSkew)
        say(std::string(nameOf(fault)) + " at session " + std::to_string(m_started));
}

void SoakRun::startServer(const char *why)
{
    QString error;
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (m_server->start(&error)) {
            m_proxy->setUpstream(m_server->port());
            return;
        }
        ++m_restartFailures;
        say(std::string("the server did not start (") + why + "): " + error.toStdString());
    }
    throw std::runtime_error("the server does not start any more after " + std::string(why) + ": " +
                             error.toStdString() + "\n" + m_server->log().right(2000).toStdString());
}

void SoakRun::killServer()
{
    m_server->kill();
    m_proxy->setUpstream(0);
    m_state = ServerState::Down;
    // Back after anything from a blink to a reboot's worth of retries.
    m_restartTimer->start(std::uniform_int_distribution<int>(20, 1500)(m_rng));
}

void SoakRun::restartServer()
{
    try {
        const bool shortTtl = std::uniform_real_distribution<double>(0, 1)(m_rng) < kShortTtlChance &&
                              !m_options.without.count("expire");
        m_server->setAccessTtl(shortTtl ? std::uniform_int_distribution<int>(2, 6)(m_rng) : 3600);
        if (shortTtl)
            ++m_shortTtl;
        startServer("a kill");
        m_state = ServerState::Up;
    } catch (const std::exception &e) {
        m_harnessFailed = true;
        m_harnessWhy = e.what();
        say(std::string("harness failure: ") + e.what());
    }
}

void SoakRun::restoreServer()
{
    // One of the last few backups: last night's, or the one before.
    const auto &backups = m_server->backups();
    const auto back = std::uniform_int_distribution<std::size_t>(0, std::min<std::size_t>(2, backups.size() - 1))(m_rng);
    const Backup chosen = backups[backups.size() - 1 - back];
    m_proxy->setUpstream(0);
    QString why;
    if (!m_server->restore(chosen, &why))
        throw std::runtime_error(why.toStdString());
    startServer("a restore");
    // Answers the old server gave just before it stopped are taken while this blocked: they
    // are settled once it returns, so the window reaches a second past the restart.
    m_restores.push_back({chosen.takenAtMs, runMs() + 1000});
    say("restored backup " + std::to_string(chosen.number) + " of " + std::to_string(chosen.takenAtMs / 1000) +
        " s at session " + std::to_string(m_started));
}

void SoakRun::fillDisk()
{
    m_proxy->setUpstream(0);
    m_server->stop();
    // A few pages of room: the next pushes fill it, and later ones meet a full disk.
    const auto pages = m_server->pageCount() + std::uniform_int_distribution<int>(1, 6)(m_rng);
    m_server->setMaxDbPages(pages);
    startServer("a full disk");
    m_state = ServerState::DiskFull;
    m_diskFullUntil = m_started + std::uniform_int_distribution<int>(20, 60)(m_rng);
    say("disk full at " + std::to_string(pages) + " pages from session " + std::to_string(m_started) + " to " +
        std::to_string(m_diskFullUntil));
}

void SoakRun::endDiskFull()
{
    m_proxy->setUpstream(0);
    m_server->stop();
    m_server->setMaxDbPages(0);
    startServer("the disk made room");
    m_state = ServerState::Up;
}

void SoakRun::serverToNormal()
{
    m_restartTimer->stop();
    if (m_server->running() && m_state == ServerState::Up && m_server->accessTtl() == 3600 &&
        m_server->maxDbPages() == 0)
        return;
    m_proxy->setUpstream(0);
    m_server->stop();
    m_server->setAccessTtl(3600);
    m_server->setMaxDbPages(0);
    startServer("the faults stopped");
    m_state = ServerState::Up;
}

void SoakRun::interrupted()
{
    if (m_interrupted)
        return;
    m_interrupted = true;
    say("interrupted: stopping");
    if (m_loop)
        m_loop->quit();
}

// --- the end ---

void SoakRun::runRound(bool untilEmpty, int maxSessions)
{
    m_roundUntilEmpty = untilEmpty;
    m_roundMax = maxSessions;
    m_roundSessions.clear();
    m_roundDone.clear();
    for (auto &d : m_devices) {
        m_roundSessions[d.get()] = 1;
        m_roundDone[d.get()] = false;
    }
    QEventLoop loop;
    m_loop = &loop;
    QTimer limit;
    limit.setSingleShot(true);
    connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    limit.start(kRoundLimitMs);
    for (auto &d : m_devices)
        d->startSession();
    loop.exec();
    m_loop = nullptr;
    if (!limit.isActive())
        say("the last syncs did not end within " + std::to_string(kRoundLimitMs / 60000) + " minutes");
}

void SoakRun::finalRounds()
{
    m_phase = Phase::Final;
    m_proxy->setRates({});
    serverToNormal();
    say("faults stopped after " + std::to_string(m_ended) + " sessions; last clean syncs");
    // Each device until its outbox is empty; then each once more, so that each has what the
    // others sent last.
    runRound(true, 10);
    if (!m_interrupted)
        runRound(false, 3);
}

void SoakRun::freshPulls()
{
    const QUrl direct(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    for (const auto &d : m_devices) {
        const auto &name = d->user().name;
        if (m_fresh.count(name))
            continue;
        auto fresh = std::make_unique<Tablet>(m_dir->filePath(QStringLiteral("fresh-%1").arg(QString::fromStdString(name))));
        QString why;
        if (fresh->signIn(direct, QString::fromStdString(name), &why) && fresh->sync(&why)) {
            m_fresh[name] = std::move(fresh);
        } else {
            say("a fresh tablet of " + name + " could not pull: " + why.toStdString());
            m_fresh[name] = nullptr;
        }
    }
}

int SoakRun::run()
{
    m_clock.start();
    try {
        setUp();
        plan();
        QEventLoop loop;
        m_loop = &loop;
        for (std::size_t i = 0; i < m_devices.size(); ++i) {
            Device *d = m_devices[i].get();
            QTimer::singleShot(static_cast<int>(i) * 25, this, [this, d] { startNext(d); });
        }
        loop.exec();
        m_loop = nullptr;
        if (!m_harnessFailed && !m_interrupted) {
            finalRounds();
            if (!m_interrupted) {
                freshPulls();
                auto server = SyncedData::openReadOnly(m_server->databasePath());
                std::map<std::string, Tablet *> fresh;
                for (const auto &[name, t] : m_fresh)
                    fresh[name] = t.get();
                std::vector<Device *> devices;
                for (const auto &d : m_devices)
                    devices.push_back(d.get());
                m_report = checkSoak(*server, devices, fresh, m_restores);
                m_checked = true;
            }
        }
    } catch (const std::exception &e) {
        m_harnessFailed = true;
        m_harnessWhy = e.what();
        say(std::string("harness failure: ") + e.what());
    }
    m_phase = Phase::Done;
    m_seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;

    for (const auto &[why, n] : m_failures)
        say("sessions failed " + std::to_string(n) + "x: " + why);
    std::map<std::string, int> refusedLocally;
    for (const auto &d : m_devices)
        for (const auto &[why, n] : d->stats().localRefusalReasons)
            refusedLocally[failureKind(QString::fromStdString(why))] += n;
    for (const auto &[why, n] : refusedLocally)
        say("refused by the tablet " + std::to_string(n) + "x: " + why);
    for (const auto &[why, n] : m_report.refusedByReason)
        say("refused by the server " + std::to_string(n) + "x: " + why);
    for (const auto &f : m_report.findings)
        say(f);
    if (m_proxy)
        m_proxy->stop();
    if (m_server)
        m_server->stop();
    if (m_harnessFailed || m_interrupted)
        return 2;
    const auto &r = m_report;
    return r.lost == 0 && r.duplicated == 0 && r.diverged == 0 && r.stuck == 0 ? 0 : 1;
}

std::string SoakRun::jsonLine() const
{
    const auto proxy = m_proxy ? m_proxy->counts() : FaultProxy::Counts{};
    auto injected = [&](PlannedFault f) -> std::int64_t {
        const auto it = m_injected.find(f);
        return it == m_injected.end() ? 0 : it->second;
    };
    const std::int64_t faults = proxy.total() + injected(PlannedFault::ServerKill) +
                                injected(PlannedFault::ExpireTokens) + injected(PlannedFault::Restore) +
                                injected(PlannedFault::DiskFull) + injected(PlannedFault::ClockSkew) + m_shortTtl;
    DeviceStats all;
    for (const auto &d : m_devices) {
        const auto &s = d->stats();
        all.signIns += s.signIns;
        all.signInFailures += s.signInFailures;
        all.watchdogCancels += s.watchdogCancels;
        all.localRefusals += s.localRefusals;
        all.shadowedByClock += s.shadowedByClock;
    }
    const auto &r = m_report;
    JsonLine j;
    j.add("sessions", std::int64_t(m_ended))
        .add("faults", faults)
        .add("lost", r.lost)
        .add("duplicated", r.duplicated)
        .add("diverged", r.diverged)
        .add("stuck", r.stuck)
        .add("checked", m_checked)
        .add("sessions_complete", std::int64_t(m_ok))
        .add("sessions_failed", std::int64_t(m_failed))
        .add("final_sessions", std::int64_t(m_finalSessions))
        .add("devices", std::int64_t(m_devices.size()));
    for (const auto f : {PlannedFault::ServerKill, PlannedFault::ExpireTokens, PlannedFault::Restore,
                         PlannedFault::DiskFull, PlannedFault::ClockSkew})
        j.add(nameOf(f), injected(f));
    j.add("short_token_ttl", std::int64_t(m_shortTtl));
    for (const auto f : {ProxyFault::CutRequest, ProxyFault::CutAnswer, ProxyFault::LoseAnswer})
        j.add(std::string(toString(f)), proxy.total(f));
    j.add("answer_lost_push", proxy.of(ProxyFault::LoseAnswer, ProxyRoute::Push))
        .add("backups", injected(PlannedFault::Backup))
        .add("exchanges", proxy.exchanges)
        .add("sign_ins_again", std::int64_t(all.signIns))
        .add("watchdog_cancels", std::int64_t(all.watchdogCancels))
        .add("mutations", r.mutations)
        .add("records", r.records)
        .add("acknowledged", r.acknowledged)
        .add("refused", r.refused)
        .add("merged", r.merged)
        .add("refused_locally", std::int64_t(all.localRefusals))
        .add("results_shadowed_by_clock", std::int64_t(all.shadowedByClock))
        .add("lost_after_restore", r.lostAfterRestore)
        .add("lost_unacknowledged", r.vanished)
        .add("lost_by_kind", r.lostByKind)
        .add("restore_command", m_restoreCommand)
        .add("harness_failed", m_harnessFailed || m_interrupted)
        .add("seconds", m_seconds)
        .raw("seed", std::to_string(m_options.seed));
    return j.str();
}

} // namespace rd::soak
