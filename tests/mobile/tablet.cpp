#include "tablet.h"

#include <QStandardPaths>

#include <QDateTime>
#include <QDir>
#include <QSignalSpy>

Tablet::Tablet(const QString &dir)
    : m_dir(dir)
{
    QDir().mkpath(dir);
    m_store = std::make_unique<rd::Store>(databasePath().toStdString());
    m_replica = std::make_unique<rd::sync::Replica>(*m_store);
    m_client = std::make_unique<rd::mobile::SyncClient>(*m_store, *m_replica, m_network);
    rd::mobile::SyncClient::Tuning tuning;
    tuning.retryInitialMs = 50;
    tuning.retryMaxMs = 400;
    tuning.maxAttempts = 4;
    tuning.transferTimeoutMs = 60000;
    m_client->setTuning(tuning);
}

Tablet::~Tablet()
{
    m_client.reset(); // before the network and the store it uses
}

QString Tablet::databasePath() const
{
    return QDir(m_dir).filePath(QStringLiteral("releasedesk.db"));
}

bool Tablet::signIn(const QUrl &server, const QString &name, QString *why)
{
    QSignalSpy done(m_client.get(), &rd::mobile::SyncClient::signInFinished);
    m_client->signIn(server.toString(), name, QStringLiteral("demo-password"));
    if (done.isEmpty() && !done.wait(60000)) {
        if (why)
            *why = QStringLiteral("the sign-in did not end within a minute");
        return false;
    }
    if (why)
        *why = done.first().at(1).toString();
    return done.first().at(0).toBool();
}

bool Tablet::sync(QString *summary, int timeoutMs)
{
    QSignalSpy done(m_client.get(), &rd::mobile::SyncClient::finished);
    m_client->sync();
    if (done.isEmpty() && !done.wait(timeoutMs)) {
        if (summary)
            *summary = QStringLiteral("the sync did not end within %1 s").arg(timeoutMs / 1000);
        return false;
    }
    if (summary)
        *summary = done.first().at(1).toString();
    return done.first().at(0).toBool();
}

rd::Millis Tablet::now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

rd::Id Tablet::userId()
{
    const auto id = m_store->meta("sync.user_id");
    return id ? rd::Id::parse(*id) : rd::Id();
}

rd::Release Tablet::release(const std::string &number)
{
    auto r = m_store->releaseByNumber(number);
    if (!r)
        throw rd::NotFoundError("release", number);
    return *r;
}

std::vector<rd::BuildStep> Tablet::steps(const rd::Id &buildId)
{
    auto b = m_store->buildProcedure(buildId);
    if (!b)
        throw rd::NotFoundError("build procedure", buildId.toString());
    return b->steps;
}

std::vector<rd::Id> Tablet::freeUnits(const rd::Id &siteId, const std::string &model, int count, int skip)
{
    auto q = m_store->database().query(
        "SELECT a.id FROM assets a WHERE a.site_id = ?1 AND a.model = ?2 AND a.status = 'in-stock' "
        "AND NOT EXISTS (SELECT 1 FROM installations i WHERE i.asset_id = a.id) ORDER BY a.asset_tag LIMIT "
        "?3 OFFSET ?4");
    q->bindAll(siteId, model, count, skip);
    std::vector<rd::Id> out;
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

rd::Id Tablet::assetInRoom(const rd::Id &siteId, int nth)
{
    auto q = m_store->database().query(
        "SELECT id FROM assets WHERE site_id = ?1 AND status = 'in-use' AND room_id IS NOT "
        "NULL ORDER BY asset_tag LIMIT 1 OFFSET ?2");
    q->bindAll(siteId, nth);
    if (!q->step())
        throw rd::NotFoundError("asset in a room at site", siteId.toString());
    return q->id(0);
}

rd::Id Tablet::addAsset(const rd::Id &siteId, const std::string &serial, const std::string &model)
{
    rd::Asset a;
    a.id = rd::Id::generate();
    a.serial = serial;
    a.make = "Dell";
    a.model = model;
    a.category = "Laptop";
    a.siteId = siteId;
    a.status = rd::AssetStatus::InStock;
    return m_replica->addAsset(a);
}

rd::Id Tablet::startInstallation(const rd::Id &releaseId, const rd::Id &assetId)
{
    rd::Installation i;
    i.id = rd::Id::generate();
    i.releaseId = releaseId;
    i.assetId = assetId;
    i.startedBy = userId();
    i.startedAt = now();
    return m_replica->startInstallation(i);
}

rd::Id Tablet::recordStep(const rd::Id &installationId, const rd::Id &stepId, const std::string &note)
{
    rd::StepResult r;
    r.id = rd::Id::generate();
    r.installationId = installationId;
    r.stepId = stepId;
    r.outcome = rd::StepOutcome::Pass;
    r.note = note;
    r.recordedBy = userId();
    r.recordedAt = now();
    return m_replica->recordStepResult(r);
}

int Tablet::recordChecklist(const rd::Id &installationId, const std::vector<rd::BuildStep> &steps,
                            rd::StepOutcome outcome)
{
    int n = 0;
    for (const auto &step : steps) {
        rd::StepResult r;
        r.id = rd::Id::generate();
        r.installationId = installationId;
        r.stepId = step.id;
        r.outcome = outcome;
        r.evidence = "scan:" + std::to_string(n);
        r.recordedBy = userId();
        r.recordedAt = now();
        m_replica->recordStepResult(r);
        ++n;
    }
    return n;
}

rd::Id Tablet::signOff(const rd::Id &installationId, const std::string &userName)
{
    rd::SignOff s;
    s.id = rd::Id::generate();
    s.installationId = installationId;
    s.userName = userName;
    s.strokes = "10,40 30,22 52,45;80,40 120,38";
    s.signedAt = now();
    s.recordedBy = userId();
    return m_replica->signOff(s);
}

bool DemoSchool::startDemoSchool(QString *why)
{
    QStandardPaths::setTestModeEnabled(true);
    if (!m_tmp.isValid()) {
        *why = QStringLiteral("cannot make a temporary directory");
        return false;
    }
    m_server = ServerProcess::startDemo(m_tmp.filePath(QStringLiteral("server")), why);
    return m_server != nullptr;
}

std::unique_ptr<Tablet> DemoSchool::demoTablet(const QString &name, QString *why)
{
    auto tablet = std::make_unique<Tablet>(m_tmp.filePath(name));
    if (!tablet->signIn(m_server->url(), name, why) || !tablet->sync(why))
        return nullptr;
    return tablet;
}
