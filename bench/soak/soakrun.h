#pragma once

#include "checks.h"
#include "faultproxy.h"
#include "servercontrol.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

class QEventLoop;
class QSocketNotifier;
class QTimer;
class Tablet;

namespace rd::soak {

class Device;

/** How a soak runs: from its command line. */
struct SoakOptions {
    int sessions = 10000;
    int devices = 6;
    std::uint64_t seed = 0;
    double proxyFaults = 0.05; ///< chance per exchange that the proxy breaks it
    int maxSeconds = 0;        ///< stop starting sessions after this long (0: no limit)
    bool keep = false;         ///< keep the work directory (the server's data, the tablets, the backups)
    bool verbose = false;      ///< every fault and failed session on stderr
    bool trace = false;        ///< also every retry, state and sign-in of every device
    std::set<std::string> without; ///< fault kinds left out: kill, expire, restore, disk-full, skew, proxy
};

/** The faults the soak injects from its plan (the proxy's come on top, per exchange). */
enum class PlannedFault { ServerKill, ExpireTokens, Backup, Restore, DiskFull, ClockSkew };

/** The name of a fault kind on the command line (--without). */
[[nodiscard]] std::string optionName(PlannedFault fault);

/**
 * One soak: the real server behind the fault proxy, the devices syncing through it, the faults of
 * a plan drawn from the seed injected as the sessions go (each at the start of a given session,
 * so while other devices are in the middle of theirs), then the faults stopped, a last clean
 * sync of every device, a fresh tablet per person, and the checks. Everything it starts it stops,
 * also when it fails or is interrupted (SIGINT, SIGTERM).
 */
class SoakRun : public QObject {
    Q_OBJECT

public:
    explicit SoakRun(SoakOptions options);
    ~SoakRun() override;

    /** Runs it to the end; 0 when lost, duplicated, diverged and stuck are all 0, 1 when not, 2 on a harness failure. */
    int run();
    /** The one JSON line the run ends with. */
    [[nodiscard]] std::string jsonLine() const;

private:
    struct Planned {
        int atSession = 0;
        PlannedFault fault = PlannedFault::Backup;
    };
    enum class ServerState { Up, Down, DiskFull };
    enum class Phase { Main, Final, Done };

    void setUp();
    void plan();
    void startNext(Device *device);
    void onSessionEnded(Device *device, bool ok, const QString &summary);
    void injectDue();
    void inject(PlannedFault fault);
    void killServer();
    void restartServer();
    void restoreServer();
    void fillDisk();
    void endDiskFull();
    void startServer(const char *why);
    void serverToNormal();
    void finalRounds();
    void runRound(bool untilEmpty, int maxSessions);
    void freshPulls();
    void interrupted();
    void say(const std::string &text) const;
    [[nodiscard]] std::int64_t runMs() const { return m_clock.elapsed(); }
    [[nodiscard]] bool timeUp() const;

    SoakOptions m_options;
    std::mt19937_64 m_rng;
    QElapsedTimer m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerControl> m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::vector<std::unique_ptr<Device>> m_devices;
    std::map<std::string, std::unique_ptr<Tablet>> m_fresh;
    std::deque<Planned> m_plan;
    std::vector<RestoreWindow> m_restores;
    CheckReport m_report;

    Phase m_phase = Phase::Main;
    ServerState m_state = ServerState::Up;
    QTimer *m_restartTimer = nullptr;
    int m_diskFullUntil = 0;
    QEventLoop *m_loop = nullptr;
    int m_idle = 0;
    std::map<Device *, int> m_roundSessions;
    std::map<Device *, bool> m_roundDone;
    bool m_roundUntilEmpty = false;
    int m_roundMax = 0;
    bool m_interrupted = false;
    bool m_restoreCommand = false; ///< the server has `syncserver restore`
    bool m_harnessFailed = false;
    bool m_checked = false; ///< the checks ran: the four verdicts mean something
    std::string m_harnessWhy;
    QSocketNotifier *m_signals = nullptr;

    // what happened, for the JSON line
    int m_started = 0;
    int m_ended = 0;
    int m_ok = 0;
    int m_failed = 0;
    int m_finalSessions = 0;
    std::map<PlannedFault, int> m_injected;
    int m_shortTtl = 0;
    int m_restartFailures = 0;
    std::map<std::string, int> m_failures; ///< why sessions failed, in the client's words (first words)
    double m_seconds = 0;
};

} // namespace rd::soak
