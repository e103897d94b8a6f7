#include "device.h"

#include "tablet.h"

#include "domain/errors.h"
#include "store/store.h"
#include "sync/replica.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace rd::soak {

namespace {

using mobile::SyncClient;

constexpr const char *kPassword = "demo-password";
// A session that has not ended by then is cancelled: SyncClient's own retries end far sooner, so
// this only catches a client that waits for ever, which is itself a finding.
constexpr int kSessionLimitMs = 180000;
// A technician finishes the units in hand before starting more.
constexpr std::size_t kMaxOpenInstallations = 12;

/** The table a creating mutation adds its record to (docs/sync-protocol.md). */
std::string createdTable(const std::string &kind)
{
    if (kind == "addAsset")
        return "assets";
    if (kind == "startInstallation")
        return "installations";
    if (kind == "recordStepResult")
        return "step_results";
    if (kind == "signOff")
        return "signoffs";
    if (kind == "recordBackOut")
        return "backouts";
    if (kind == "recordScanOverride")
        return "scan_overrides";
    return {};
}

} // namespace

Device::Device(int index, const QString &dir, SoakUser user, QUrl server, std::uint64_t seed, RunClock clock,
               QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_user(std::move(user))
    , m_server(std::move(server))
    , m_tag("S" + std::to_string(seed % 1000000) + "D" + std::to_string(index))
    , m_rng(seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(index) + 1)
    , m_clock(std::move(clock))
    , m_tablet(std::make_unique<Tablet>(dir))
{
    tune(*m_tablet);
    auto &client = m_tablet->client();
    connect(&client, &SyncClient::finished, this, &Device::onFinished);
    connect(&client, &SyncClient::signInFinished, this, &Device::onSignInFinished);
    connect(&client, &SyncClient::signInRequired, this, [this] { m_needSignIn = true; });
    // After each push answer the outbox has shrunk by what the server took: settle those now, so
    // each change is stamped with the moment it was acknowledged.
    connect(&client, &SyncClient::progress, this, [this](SyncClient::Phase phase) {
        if (phase == SyncClient::Phase::Push)
            settle();
    });
    connect(&client, &SyncClient::retrying, this, [this](int attempt, int, int delayMs, const QString &why) {
        trace(QStringLiteral("retry %1 in %2 ms: %3").arg(attempt).arg(delayMs).arg(why));
    });
    connect(&client, &SyncClient::stateChanged, this, [this](SyncClient::State state) {
        trace(QStringLiteral("state %1").arg(static_cast<int>(state)));
    });
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        ++m_stats.watchdogCancels;
        m_cancelled = true;
        if (m_tablet->client().busy())
            m_tablet->client().cancel(); // ends the session through finished() or signInFinished()
        else
            endSession(false, QStringLiteral("the session did not end within %1 s").arg(kSessionLimitMs / 1000));
    });
}

Device::~Device() = default;

void Device::tune(Tablet &tablet)
{
    SyncClient::Tuning t;
    t.pushBatch = 40;      // several pushes per session: an answer lost between two of them
    t.pullPage = 400;      // several pages per pull: a cut between two pages
    t.firstPullPage = 100;
    t.retryInitialMs = 50; // the backoff's shape as the app has it, shorter
    t.retryMaxMs = 1000;
    t.maxAttempts = 6;
    t.transferTimeoutMs = 20000;
    tablet.client().setTuning(t);
}

int Device::pending()
{
    return m_tablet->replica().pendingCount();
}

Millis Device::now() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_skewMs;
}

void Device::setSkewDays(double days)
{
    m_skewMs = static_cast<std::int64_t>(days * 86400000.0);
    ++m_stats.skews;
}

// --- sessions ---

void Device::startSession()
{
    m_inSession = true;
    m_cancelled = false;
    m_needSignIn = false;
    m_signInTries = 0;
    m_syncTries = 0;
    ++m_stats.sessions;
    m_watchdog.start(kSessionLimitMs);
    if (m_tablet->client().signedIn()) {
        beginSync();
    } else {
        ++m_signInTries; // the first sign-in of this tablet
        m_tablet->client().signIn(m_server.toString(), QString::fromStdString(m_user.name),
                                  QString::fromLatin1(kPassword));
    }
}

void Device::beginSync()
{
    ++m_syncTries;
    m_tablet->client().sync();
}

void Device::signInAgain()
{
    if (!m_inSession)
        return;
    ++m_signInTries;
    ++m_stats.signIns;
    m_tablet->client().signIn(m_server.toString(), QString::fromStdString(m_user.name),
                              QString::fromLatin1(kPassword));
}

void Device::onFinished(bool ok, const QString &summary)
{
    if (!m_inSession)
        return;
    settle();
    if (ok || m_cancelled) {
        endSession(ok, summary);
        return;
    }
    if (m_needSignIn && m_signInTries < 4 && m_syncTries < 4) {
        // SyncClient kept the outbox and asks for the person: sign in again, then sync again.
        m_needSignIn = false;
        QTimer::singleShot(100 * m_signInTries, this, [this] { signInAgain(); });
        return;
    }
    endSession(false, summary);
}

void Device::onSignInFinished(bool ok, const QString &message)
{
    if (!m_inSession)
        return;
    if (m_cancelled) {
        endSession(false, message);
        return;
    }
    if (ok) {
        if (m_syncTries >= 4) {
            endSession(false, QStringLiteral("signed in again four times in one session"));
            return;
        }
        QTimer::singleShot(0, this, [this] {
            if (m_inSession)
                beginSync();
        });
        return;
    }
    ++m_stats.signInFailures;
    if (m_signInTries >= 4) {
        endSession(false, message);
        return;
    }
    // The server is down or its disk is full: a person tries again a little later.
    QTimer::singleShot(200 << m_signInTries, this, [this] { signInAgain(); });
}

void Device::trace(const QString &text) const
{
    if (m_trace)
        std::fprintf(stderr, "soak: %6.1f s  device %d: %s\n", static_cast<double>(m_clock()) / 1000.0, m_index,
                     qPrintable(text));
}

void Device::endSession(bool ok, const QString &summary)
{
    if (!m_inSession)
        return;
    trace(QStringLiteral("session %1: %2").arg(ok ? QStringLiteral("complete") : QStringLiteral("failed"), summary));
    m_watchdog.stop();
    m_inSession = false;
    ++(ok ? m_stats.sessionsOk : m_stats.sessionsFailed);
    emit sessionEnded(this, ok, summary);
}

// --- the ledger ---

void Device::capture(const Id &record, const std::string &token)
{
    // By rowid: the outbox's own row number, which only grows (the mutation's seq is it in schema
    // version 3; from version 4 each person on the tablet numbers their own changes, and a seq_gap
    // recovery may number them again).
    auto q = m_tablet->store().database().query(
        "SELECT rowid, seq, kind, payload FROM outbox WHERE rowid > ?1 ORDER BY rowid");
    q->bind(1, m_lastCaptured);
    while (q->step()) {
        Change c;
        m_lastCaptured = c.rowid = q->int64(0);
        c.seq = q->int64(1);
        c.kind = q->text(2);
        c.table = createdTable(c.kind);
        const auto data = QJsonDocument::fromJson(QByteArray::fromStdString(q->text(3))).object();
        c.recordId = Id::parse(data.value(u"id").toString().toStdString(), "outbox record id");
        if (!record.isNull() && c.recordId == record)
            c.token = token;
        ++m_stats.made[c.kind];
        m_changes.push_back(std::move(c));
    }
}

void Device::settle()
{
    // The server acknowledges in sequence order (a push answer's last_applied_seq): the newest
    // `pending` changes still wait, and every change before them has its answer.
    const auto waiting = static_cast<std::size_t>(std::max(0, pending()));
    const std::size_t end = m_changes.size() - std::min(waiting, m_changes.size());
    if (m_firstUnsettled >= end)
        return;
    std::map<std::int64_t, std::string> refused;
    {
        auto q = m_tablet->store().database().query(
            "SELECT mutation_seq, reason FROM local_rejections WHERE mutation_seq >= ?1");
        q->bind(1, m_changes[m_firstUnsettled].seq);
        while (q->step())
            refused.emplace(q->int64(0), q->text(1));
    }
    const auto at = m_clock();
    for (std::size_t i = m_firstUnsettled; i < end; ++i) {
        auto &c = m_changes[i];
        if (const auto it = refused.find(c.seq); it != refused.end()) {
            c.state = Change::State::Refused;
            c.reason = it->second;
        } else {
            c.state = Change::State::Acknowledged;
        }
        c.settledMs = at;
    }
    m_firstUnsettled = end;
}

// --- what the tablet knows of its person ---

Id Device::me()
{
    return m_tablet->userId();
}

std::vector<Id> Device::mySites()
{
    auto q = m_tablet->store().database().query("SELECT site_id FROM user_sites WHERE user_id = ?1 ORDER BY site_id");
    q->bindAll(me());
    std::vector<Id> out;
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

std::vector<Device::OpenRelease> Device::myReleases()
{
    // Open, with units left, and this person's to install on (a release manager: any at their sites).
    const bool manager = m_user.role == "release-manager";
    auto q = m_tablet->store().database().query(
        std::string("SELECT r.id, r.site_id, r.build_id FROM releases r WHERE r.status IN ('planned', 'in-progress') "
                    "AND (SELECT count(*) FROM installations i WHERE i.release_id = r.id AND i.status <> "
                    "'backed-out') < r.units AND ") +
        (manager ? "r.site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?1)"
                 : "r.id IN (SELECT release_id FROM release_installers WHERE user_id = ?1)") +
        " ORDER BY r.number");
    q->bindAll(me());
    std::vector<OpenRelease> out;
    while (q->step())
        out.push_back({q->id(0), q->id(1), q->id(2)});
    return out;
}

std::vector<Id> Device::myInstallations()
{
    const bool manager = m_user.role == "release-manager";
    auto q = m_tablet->store().database().query(
        std::string("SELECT i.id FROM installations i JOIN releases r ON r.id = i.release_id WHERE i.status = "
                    "'in-progress' AND ") +
        (manager ? "r.site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?1)"
                 : "r.id IN (SELECT release_id FROM release_installers WHERE user_id = ?1)") +
        " ORDER BY i.id");
    q->bindAll(me());
    std::vector<Id> out;
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

std::string Device::nextToken(const char *what)
{
    return "soak:" + m_tag + ":" + what + ":" + std::to_string(++m_tokens);
}

std::string Device::nextSerial()
{
    return "SOAK-" + m_tag + "-" + std::to_string(++m_tokens);
}

// --- the installer's day ---

void Device::work(int maxActions)
{
    if (me().isNull())
        return; // not signed in yet: nothing pulled to work on
    const int n = std::uniform_int_distribution<int>(0, maxActions)(m_rng);
    // How often each action comes up in a day; one with nothing to act on is skipped.
    static constexpr std::array<int, 8> kWeights{10, 14, 34, 14, 3, 12, 7, 6};
    std::discrete_distribution<int> action(kWeights.begin(), kWeights.end());
    for (int i = 0; i < n; ++i) {
        try {
            switch (action(m_rng)) {
            case 0:
                addAsset();
                break;
            case 1:
                startInstallation();
                break;
            case 2:
                recordSteps();
                break;
            case 3:
                signOff();
                break;
            case 4:
                backOut();
                break;
            case 5:
                moveAsset();
                break;
            case 6:
                changeAssetStatus();
                break;
            case 7:
                assignAsset();
                break;
            }
        } catch (const rd::Error &e) {
            // The tablet's own rules refused it (a release full, an installation ended on another
            // tablet and pulled meanwhile): the app would say so and nothing is queued.
            ++m_stats.localRefusals;
            ++m_stats.localRefusalReasons[e.what()];
        }
        capture();
    }
}

bool Device::addAsset()
{
    const auto sites = mySites();
    if (sites.empty())
        return false;
    Asset a;
    a.id = Id::generate();
    a.serial = nextSerial();
    a.make = chance(0.5) ? "Dell" : "Lenovo";
    a.model = a.make == "Dell" ? "Latitude 3440" : "ThinkPad E14";
    a.category = "Laptop";
    a.siteId = pick(sites);
    if (const auto rooms = m_tablet->store().rooms(a.siteId); !rooms.empty() && chance(0.5))
        a.roomId = pick(rooms).id;
    a.status = AssetStatus::InStock;
    m_tablet->replica().addAsset(a);
    capture(a.id, *a.serial);
    return true;
}

bool Device::startInstallation()
{
    if (myInstallations().size() >= kMaxOpenInstallations)
        return false;
    const auto releases = myReleases();
    if (releases.empty())
        return false;
    const auto &release = pick(releases);
    // Mostly a unit this tablet registered; now and then any unit in stock, which another tablet
    // may be starting too (the server merges the two).
    const bool own = chance(0.85);
    auto q = m_tablet->store().database().query(
        std::string("SELECT a.id FROM assets a WHERE a.site_id = ?1 AND a.status = 'in-stock' AND NOT EXISTS "
                    "(SELECT 1 FROM installations i WHERE i.asset_id = a.id AND i.release_id = ?2)") +
        (own ? " AND a.serial LIKE ?3" : " AND ?3 = ?3") + " ORDER BY random() LIMIT 1");
    q->bindAll(release.siteId, release.id, "SOAK-" + m_tag + "-%");
    Installation inst;
    inst.id = Id::generate();
    inst.releaseId = release.id;
    inst.startedBy = me();
    inst.startedAt = now();
    if (q->step()) {
        inst.assetId = q->id(0);
        m_tablet->replica().startInstallation(inst);
        capture();
        return true;
    }
    // No unit to hand: a new one out of its box, registered and started together.
    Asset a;
    a.id = Id::generate();
    a.serial = nextSerial();
    a.make = "Dell";
    a.model = "Latitude 3440";
    a.category = "Laptop";
    a.siteId = release.siteId;
    a.status = AssetStatus::InStock;
    inst.assetId = a.id;
    sync::Replica::Group group(m_tablet->replica());
    m_tablet->replica().addAsset(a);
    m_tablet->replica().startInstallation(inst);
    group.commit();
    capture(a.id, *a.serial);
    return true;
}

bool Device::recordSteps()
{
    auto installations = myInstallations();
    if (installations.empty())
        return false;
    const Id inst = pick(installations);
    const auto lines = m_tablet->store().checklist(inst);
    // The next lines without a pass, as a technician works down the checklist.
    std::size_t from = 0;
    while (from < lines.size() && lines[from].latest && lines[from].latest->outcome != StepOutcome::Fail)
        ++from;
    if (from == lines.size())
        return false;
    const int count = std::uniform_int_distribution<int>(1, 4)(m_rng);
    for (std::size_t i = from; i < lines.size() && i < from + static_cast<std::size_t>(count); ++i) {
        StepResult r;
        r.id = Id::generate();
        r.installationId = inst;
        r.stepId = lines[i].step.id;
        r.outcome = chance(0.06) ? StepOutcome::Fail
                    : !lines[i].step.required && chance(0.2) ? StepOutcome::NotApplicable
                                                              : StepOutcome::Pass;
        r.note = nextToken("step");
        r.recordedBy = me();
        r.recordedAt = now();
        m_tablet->replica().recordStepResult(r);
        capture(r.id, r.note);
        const auto after = m_tablet->store().checklist(inst);
        if (const auto &latest = after[i].latest; !latest || latest->id != r.id)
            ++m_stats.shadowedByClock;
        if (r.outcome == StepOutcome::Fail)
            break; // looked into before going on
    }
    return true;
}

bool Device::signOff()
{
    auto installations = myInstallations();
    std::shuffle(installations.begin(), installations.end(), m_rng);
    for (std::size_t i = 0; i < installations.size() && i < 8; ++i) {
        const auto lines = m_tablet->store().checklist(installations[i]);
        const bool done = std::all_of(lines.begin(), lines.end(), [](const ChecklistLine &l) {
            return !l.step.required || (l.latest && l.latest->outcome == StepOutcome::Pass);
        });
        if (!done)
            continue;
        SignOff s;
        s.id = Id::generate();
        s.installationId = installations[i];
        s.userName = "Soak " + nextToken("signoff");
        s.strokes = "10,40 30,22 52,45;80,40 120,38";
        s.signedAt = now();
        s.recordedBy = me();
        m_tablet->replica().signOff(s);
        capture(s.id, s.userName);
        return true;
    }
    return false;
}

bool Device::backOut()
{
    const auto installations = myInstallations();
    if (installations.empty())
        return false;
    BackOut b;
    b.id = Id::generate();
    b.installationId = pick(installations);
    b.reason = nextToken("backout") + ": the unit would not take the image; back-out plan followed";
    b.performedBy = me();
    b.performedAt = now();
    m_tablet->replica().recordBackOut(b);
    capture(b.id, b.reason);
    return true;
}

bool Device::moveAsset()
{
    auto q = m_tablet->store().database().query(
        "SELECT id, site_id FROM assets WHERE site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?1) AND "
        "status <> 'disposed' ORDER BY random() LIMIT 1");
    q->bindAll(me());
    if (!q->step())
        return false;
    const Id asset = q->id(0);
    const Id site = q->id(1);
    const auto rooms = m_tablet->store().rooms(site);
    std::optional<Id> room;
    if (!rooms.empty() && chance(0.9))
        room = pick(rooms).id;
    m_tablet->replica().moveAsset(asset, site, room);
    return true;
}

bool Device::changeAssetStatus()
{
    auto q = m_tablet->store().database().query(
        "SELECT id, status FROM assets WHERE site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?1) AND "
        "status IN ('installed', 'in-use') ORDER BY random() LIMIT 1");
    q->bindAll(me());
    if (!q->step())
        return false;
    // Handed to its user, or back from them to be looked at.
    m_tablet->replica().setAssetStatus(q->id(0),
                                       q->text(1) == "installed" ? AssetStatus::InUse : AssetStatus::Installed);
    return true;
}

bool Device::assignAsset()
{
    auto q = m_tablet->store().database().query(
        "SELECT id FROM assets WHERE site_id IN (SELECT site_id FROM user_sites WHERE user_id = ?1) AND "
        "status IN ('installed', 'in-use') ORDER BY random() LIMIT 1");
    q->bindAll(me());
    if (!q->step())
        return false;
    m_tablet->replica().setAssetUser(q->id(0), "Pupil " + std::to_string(std::uniform_int_distribution<int>(1, 900)(m_rng)));
    return true;
}

} // namespace rd::soak
