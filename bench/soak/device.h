#pragma once

#include "servercontrol.h"

#include "domain/entities.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

class Tablet;

namespace rd::soak {

/** One change a tablet made, and what became of it as the tablet learnt it. */
struct Change {
    enum class State { Pending, Acknowledged, Refused };

    std::int64_t rowid = 0; ///< its outbox row
    std::int64_t seq = 0;   ///< its mutation's sequence number
    std::string kind;     ///< the mutation kind
    std::string table;    ///< the table it creates a record in; empty for a field change
    Id recordId;          ///< the record it creates or changes
    std::string token;    ///< text found only in this record (serial, note, ...): the duplicate check's key
    State state = State::Pending;
    std::string reason;          ///< why the server refused it
    std::int64_t settledMs = -1; ///< run time when the tablet took the server's answer for it
};

/** What a device did, for the run's JSON line. */
struct DeviceStats {
    int sessions = 0;
    int sessionsOk = 0;
    int sessionsFailed = 0;
    int signIns = 0;         ///< sign-ins after the first: the server asked for one
    int signInFailures = 0;
    int watchdogCancels = 0; ///< sessions cancelled because they ran too long
    int localRefusals = 0;   ///< changes the tablet's own rules refused (never queued)
    std::map<std::string, int> localRefusalReasons;
    int skews = 0;
    /// Results recorded on a line that the checklist still shows another result for: an older
    /// result carries a later time from a clock that was ahead (the checklist orders by the
    /// recorded time, a device's clock), so the line the technician just passed stays failed.
    int shadowedByClock = 0;
    std::map<std::string, int> made; ///< changes queued, by mutation kind
};

/**
 * One tablet in the soak: its own database, Replica and the app's SyncClient (tests/mobile's
 * Tablet), signed in through the fault proxy as one person. Between sessions it does an
 * installer's day in small bursts through the Replica (new assets with unique serials, moves,
 * installations on its releases, checklist results, sign-offs, back-outs), with its clock skewed
 * by days in the times it records. A session is one sync() driven by SyncClient's signals; when
 * the server asks for a new sign-in, the device signs in again and goes on, as a person would.
 * It keeps a ledger of every change it queued and settles each from the push answers it takes.
 */
class Device : public QObject {
    Q_OBJECT

public:
    /** Run time in milliseconds, the clock the ledger is stamped with. */
    using RunClock = std::function<std::int64_t()>;

    Device(int index, const QString &dir, SoakUser user, QUrl server, std::uint64_t seed, RunClock clock,
           QObject *parent = nullptr);
    ~Device() override;

    [[nodiscard]] int index() const noexcept { return m_index; }
    [[nodiscard]] const SoakUser &user() const noexcept { return m_user; }
    [[nodiscard]] Tablet &tablet() noexcept { return *m_tablet; }
    [[nodiscard]] const std::vector<Change> &changes() const noexcept { return m_changes; }
    [[nodiscard]] const DeviceStats &stats() const noexcept { return m_stats; }
    [[nodiscard]] bool inSession() const noexcept { return m_inSession; }
    /** Outbox entries not yet sent (Replica::pendingCount). */
    [[nodiscard]] int pending();

    /** A burst of local work: up to @p maxActions changes through the Replica. */
    void work(int maxActions);
    /** One sync, signing in again when the server asks; ends with sessionEnded(). */
    void startSession();
    /** Moves this tablet's clock by @p days (the times it records from now on). */
    void setSkewDays(double days);
    [[nodiscard]] double skewDays() const noexcept { return static_cast<double>(m_skewMs) / 86400000.0; }
    /** Settles the ledger from the tablet's outbox and rejections (also done after each push answer). */
    void settle();

    /** Every request retried, sign-in and session end on stderr (soak --trace). */
    void setTrace(bool on) { m_trace = on; }

    /** The SyncClient tuning the soak runs with: small batches and pages, so faults land mid-sync. */
    static void tune(Tablet &tablet);

signals:
    void sessionEnded(rd::soak::Device *device, bool ok, const QString &summary);

private:
    void beginSync();
    void signInAgain();
    void endSession(bool ok, const QString &summary);
    void onFinished(bool ok, const QString &summary);
    void onSignInFinished(bool ok, const QString &message);

    // --- the installer's actions; each returns false when there was nothing to do it on ---
    bool addAsset();
    bool startInstallation();
    bool recordSteps();
    bool signOff();
    bool backOut();
    bool moveAsset();
    bool changeAssetStatus();
    bool assignAsset();

    /** Reads the outbox entries queued since the last call into the ledger; @p token goes with @p record. */
    void capture(const Id &record = {}, const std::string &token = {});
    [[nodiscard]] Millis now() const;
    [[nodiscard]] Id me();
    [[nodiscard]] std::vector<Id> mySites();
    /** The open releases this person may install on: (release, site, build). */
    struct OpenRelease {
        Id id;
        Id siteId;
        Id buildId;
    };
    [[nodiscard]] std::vector<OpenRelease> myReleases();
    [[nodiscard]] std::vector<Id> myInstallations();
    [[nodiscard]] std::string nextToken(const char *what);
    /** A serial no other tablet or run prints on a label. */
    [[nodiscard]] std::string nextSerial();
    template <class T>
    const T &pick(const std::vector<T> &from)
    {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(m_rng)];
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }

    int m_index;
    SoakUser m_user;
    QUrl m_server;
    std::string m_tag; ///< in every token: this run's seed and this device
    std::mt19937_64 m_rng;
    RunClock m_clock;
    std::unique_ptr<Tablet> m_tablet;
    std::int64_t m_skewMs = 0;

    std::vector<Change> m_changes;
    std::size_t m_firstUnsettled = 0;
    std::int64_t m_lastCaptured = 0; ///< the outbox rowid read last
    int m_tokens = 0;
    DeviceStats m_stats;

    void trace(const QString &text) const;

    bool m_trace = false;
    bool m_inSession = false;
    bool m_needSignIn = false;
    bool m_cancelled = false;
    int m_signInTries = 0;
    int m_syncTries = 0;
    QTimer m_watchdog;
};

} // namespace rd::soak
