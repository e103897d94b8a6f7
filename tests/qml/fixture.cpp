#include "fixture.h"

#include "app/appsession.h"
#include "app/demotablet.h"
#include "app/qtconvert.h"
#include "app/workbench.h"

#include "store/roomaudit.h"
#include "store/store.h"
#include "store/views.h"

#include <QImage>
#include <QPainter>
#include <QQmlEngine>
#include <QTcpServer>

using namespace rd;
using namespace rd::mobile;

Fixture::Fixture(QObject *parent)
    : QObject(parent)
{}

Fixture::~Fixture() = default;

namespace {

void quickFailures(AppSession &session)
{
    auto tuning = session.sync()->tuning();
    tuning.maxAttempts = 1;
    tuning.retryInitialMs = 10;
    tuning.transferTimeoutMs = 5000;
    session.sync()->setTuning(tuning);
}

Id idOf(const QString &text)
{
    return Id::parse(text.toStdString());
}

} // namespace

AppSession *Fixture::newTablet()
{
    m_dirs.push_back(std::make_unique<QTemporaryDir>());
    m_sessions.push_back(std::make_unique<AppSession>(m_dirs.back()->path()));
    // Handed to JavaScript, which would otherwise collect it as its own.
    QQmlEngine::setObjectOwnership(m_sessions.back().get(), QQmlEngine::CppOwnership);
    quickFailures(*m_sessions.back());
    return m_sessions.back().get();
}

AppSession *Fixture::demoTablet(const QString &userName)
{
    AppSession *session = newTablet();
    QString why;
    if (!prepareDemoTablet(*session, userName, &why))
        qFatal("the demo tablet cannot be prepared: %s", qPrintable(why));
    // The demo's sign-in points at the default port; tests must never reach a real server.
    session->sync()->setServerUrl(closedServer());
    return session;
}

QString Fixture::closedServer() const
{
    // A port that was free a moment ago on the loopback: nothing listens there now.
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

QString Fixture::releaseId(AppSession *session, const QString &number) const
{
    const auto r = session->store().releaseByNumber(number.toStdString());
    return r ? qs(r->id) : QString();
}

QVariant Fixture::installations(AppSession *session, const QString &releaseNumber) const
{
    const auto r = session->store().releaseByNumber(releaseNumber.toStdString());
    QStringList failing, others;
    if (!r)
        return QStringList();
    for (const auto &u : session->views().releaseUnits(r->id)) {
        if (u.status != InstallationStatus::InProgress)
            continue;
        (u.failing ? failing : others) << qs(u.installationId);
    }
    return failing + others;
}

QString Fixture::freeAsset(AppSession *session, const QString &releaseNumber) const
{
    const auto r = session->store().releaseByNumber(releaseNumber.toStdString());
    const auto build = r ? session->store().buildProcedure(r->buildId) : std::nullopt;
    if (!build)
        return {};
    auto q = session->store().database().query(
        "SELECT id FROM assets WHERE site_id = ?1 AND status = 'in-stock' AND ?2 LIKE '%' || model "
        "AND id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT 1");
    q->bind(1, r->siteId).bind(2, build->hardwareModel);
    return q->step() ? qs(q->id(0)) : QString();
}

QVariant Fixture::asset(AppSession *session, const QString &assetId) const
{
    const auto row = session->views().assetRow(idOf(assetId));
    if (!row)
        return {};
    return QVariantMap{{QStringLiteral("assetId"), qs(row->asset.id)},
                       {QStringLiteral("assetTag"), qs(row->asset.assetTag)},
                       {QStringLiteral("serial"), qs(row->asset.serial)},
                       {QStringLiteral("make"), qs(row->asset.make)},
                       {QStringLiteral("model"), qs(row->asset.model)},
                       {QStringLiteral("room"), qs(row->room)},
                       {QStringLiteral("status"), qs(toString(row->asset.status))},
                       {QStringLiteral("roomId"), row->asset.roomId ? qs(*row->asset.roomId) : QString()}};
}

QVariant Fixture::assetByTag(AppSession *session, const QString &tag) const
{
    const auto a = session->store().findAssetByTag(tag.toStdString());
    return a ? asset(session, qs(a->id)) : QVariant();
}

QVariant Fixture::installation(AppSession *session, const QString &installationId) const
{
    const Id id = idOf(installationId);
    const auto inst = session->store().installation(id);
    if (!inst)
        return {};
    QVariantList latest;
    for (const auto &line : session->store().checklist(id))
        latest << (line.latest ? qs(toString(line.latest->outcome)) : QString());
    auto q = session->store().database().query("SELECT count(*) FROM step_results WHERE installation_id = ?1");
    q->bind(1, id);
    q->step();
    return QVariantMap{{QStringLiteral("status"), qs(toString(inst->status))},
                       {QStringLiteral("assetId"), qs(inst->assetId)},
                       {QStringLiteral("results"), static_cast<int>(q->int64(0))},
                       {QStringLiteral("latest"), latest}};
}

QString Fixture::completedChecklist(AppSession *session, const QString &releaseNumber)
{
    Workbench bench;
    bench.setSession(session);
    const auto started = bench.startInstallation(releaseId(session, releaseNumber), freeAsset(session, releaseNumber),
                                                 {}, {}, {}, {}, {});
    const QString id = started.value(QStringLiteral("id")).toString();
    for (const auto &line : session->store().checklist(idOf(id)))
        bench.recordStep(id, qs(line.step.id), line.step.required ? QStringLiteral("pass") : QStringLiteral("not-applicable"),
                         {}, {});
    return id;
}

QString Fixture::roomConflict(AppSession *session, const QString &assetTag)
{
    auto &store = session->store();
    const auto a = store.findAssetByTag(assetTag.toStdString());
    if (!a)
        return {};
    const auto rooms = store.rooms(a->siteId);
    ConflictRecord c;
    c.table = "assets";
    c.recordId = a->id;
    c.field = "room_id";
    c.keptValue = rooms.at(0).id.toString();
    c.lostValue = rooms.at(1).id.toString();
    c.lostDevice = store.deviceId();
    c.lostBy = session->userId();
    c.createdAt = AppSession::now();
    const Id id = store.recordConflict(c);
    session->notifyLocalChange();
    return qs(id);
}

QString Fixture::roomName(AppSession *session, const QString &roomId) const
{
    auto q = session->store().database().query("SELECT name FROM rooms WHERE id = ?1");
    q->bind(1, idOf(roomId));
    return q->step() ? qs(q->text(0)) : QString();
}

QVariant Fixture::assetTagsInRoom(AppSession *session, const QString &roomName) const
{
    QVariantList out;
    auto q = session->store().database().query("SELECT id FROM rooms WHERE name = ?1");
    q->bind(1, roomName.toStdString());
    if (!q->step())
        return out;
    for (const auto &a : rd::assetsExpectedIn(session->store(), q->id(0)))
        out << (a.assetTag ? qs(*a.assetTag) : qs(a.serial));
    return out;
}

QString Fixture::tagElsewhere(AppSession *session, const QString &roomName) const
{
    auto q = session->store().database().query(
        "SELECT a.asset_tag FROM assets a JOIN rooms r ON r.id = a.room_id JOIN rooms here ON here.name = ?1 "
        "WHERE r.site_id = here.site_id AND r.id <> here.id AND a.asset_tag IS NOT NULL AND a.status = 'in-use' "
        "ORDER BY a.asset_tag LIMIT 1");
    q->bind(1, roomName.toStdString());
    return q->step() ? qs(q->text(0)) : QString();
}

int Fixture::count(AppSession *session, const QString &table) const
{
    static const QStringList allowed{QStringLiteral("assets"), QStringLiteral("installations"),
                                     QStringLiteral("step_results"), QStringLiteral("signoffs"),
                                     QStringLiteral("backouts"), QStringLiteral("outbox"),
                                     QStringLiteral("scan_overrides"), QStringLiteral("room_audits"),
                                     QStringLiteral("room_audit_lines")};
    if (!allowed.contains(table))
        return -1;
    return static_cast<int>(session->store().database().scalar("SELECT count(*) FROM " + table.toStdString()));
}

void Fixture::askForPhoto(AppSession *session, const QString &stepId)
{
    session->store()
        .database()
        .query("UPDATE build_steps SET evidence = 'photo' WHERE id = ?1")
        ->bindAll(*optionalId(stepId))
        .run();
    session->notifyLocalChange();
}

QString Fixture::takePhoto(AppSession *session)
{
    QImage picture(4000, 3000, QImage::Format_RGB32);
    picture.fill(QColor(40, 120, 200));
    QPainter(&picture).fillRect(500, 500, 2000, 1000, Qt::yellow);
    return session->photos()->keep(picture);
}

int Fixture::openReleasesNamingUser(AppSession *session) const
{
    auto q = session->store().database().query(
        "SELECT count(*) FROM releases r JOIN release_installers ri ON ri.release_id = r.id "
        "WHERE ri.user_id = ?1 AND r.status IN ('planned', 'in-progress', 'installed')");
    q->bind(1, session->userId());
    q->step();
    return static_cast<int>(q->int64(0));
}
