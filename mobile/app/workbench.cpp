#include "workbench.h"

#include "appsession.h"

#include "domain/errors.h"
#include "scan/fieldcheck.h"
#include "store/libraryviews.h"
#include "store/store.h"
#include "store/views.h"
#include "sync/replica.h"

namespace rd::mobile {

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

/** An id typed by the app itself; a damaged one is the app's fault, said plainly. */
Id parseId(const QString &text, std::string_view what)
{
    return Id::parse(utf8(text), what);
}

QVariantMap assetMap(const Views::AssetRow &row)
{
    const Asset &a = row.asset;
    return {{QStringLiteral("assetId"), qs(a.id.toString())},
            {QStringLiteral("assetTag"), qs(a.assetTag.value_or(std::string()))},
            {QStringLiteral("serial"), qs(a.serial.value_or(std::string()))},
            {QStringLiteral("make"), qs(a.make)},
            {QStringLiteral("model"), qs(a.model)},
            {QStringLiteral("site"), qs(row.siteName)},
            {QStringLiteral("room"), qs(row.room)},
            {QStringLiteral("roomId"), a.roomId ? qs(a.roomId->toString()) : QString()},
            {QStringLiteral("status"), qs(toString(a.status))}};
}

QVariantMap failure(const QString &why)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

} // namespace

Workbench::Workbench(QObject *parent)
    : QObject(parent)
{}

void Workbench::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

template <typename F>
QVariantMap Workbench::attempt(F &&f)
{
    if (!m_session || !m_session->ready())
        return failure(tr("The app's data is not open."));
    if (m_session->userId().isNull())
        return failure(tr("Sign in once before recording work."));
    try {
        QVariantMap answer = f();
        answer.insert(QStringLiteral("ok"), true);
        m_session->notifyLocalChange();
        return answer;
    } catch (const Error &e) {
        return failure(qs(e.what()));
    } catch (const std::exception &e) {
        return failure(tr("Something went wrong and nothing was recorded: %1").arg(qs(e.what())));
    }
}

QVariantList Workbench::assetsWithSerial(const QString &serial) const
{
    QVariantList out;
    if (!m_session || !m_session->ready() || serial.trimmed().isEmpty())
        return out;
    try {
        auto &store = m_session->store();
        for (const auto &a : store.findAssetsBySerial(utf8(serial))) {
            if (auto row = m_session->views().assetRow(a.id))
                out.push_back(assetMap(*row));
        }
    } catch (const Error &) {
        // A serial that cannot be one (bad characters) matches nothing; the start refuses it with words.
    }
    return out;
}

QVariantMap Workbench::assetWithTag(const QString &assetTag) const
{
    QVariantMap out{{QStringLiteral("found"), false}};
    if (!m_session || !m_session->ready() || assetTag.trimmed().isEmpty())
        return out;
    try {
        if (auto a = m_session->store().findAssetByTag(utf8(assetTag.trimmed()))) {
            if (auto row = m_session->views().assetRow(a->id)) {
                out = assetMap(*row);
                out.insert(QStringLiteral("found"), true);
            }
        }
    } catch (const Error &) {
    }
    return out;
}

std::optional<Release> Workbench::findRelease(const QString &releaseId) const
{
    if (!m_session || !m_session->ready())
        return std::nullopt;
    try {
        return m_session->store().release(parseId(releaseId, "release"));
    } catch (const Error &) {
        return std::nullopt; // not an id: no such release
    }
}

QVariantMap Workbench::newAssetDefaults(const QString &releaseId) const
{
    QVariantMap out;
    const auto release = findRelease(releaseId);
    if (!release)
        return out;
    try {
        auto &store = m_session->store();
        const auto build = store.buildProcedure(release->buildId);
        std::string hardware = build ? build->hardwareModel : std::string();
        // "Dell Latitude 3440": the make is the first word, the model the rest.
        const auto space = hardware.find(' ');
        const std::string make = space == std::string::npos ? hardware : hardware.substr(0, space);
        const std::string model = space == std::string::npos ? hardware : hardware.substr(space + 1);
        std::string category = m_session->views().categoryOfModel(model);
        if (category.empty())
            category = m_session->views().categoryOfModel(hardware);
        out = {{QStringLiteral("make"), qs(make)},
               {QStringLiteral("model"), qs(model)},
               {QStringLiteral("category"), qs(category)},
               {QStringLiteral("siteId"), qs(release->siteId.toString())}};
    } catch (const Error &) {
    }
    return out;
}

namespace {

QVariantMap checkMap(const scan::ScanCheck &check)
{
    return {{QStringLiteral("accepted"), check.isAccepted()},
            {QStringLiteral("value"), qs(check.value())},
            {QStringLiteral("reason"), qs(check.reason())},
            {QStringLiteral("refusal"), qs(scan::toString(check.refusal()))},
            {QStringLiteral("canOverride"), check.canOverride()}};
}

/**
 * The value a label check lets into a field: accepted, or refused and taken on the installer's
 * word (@p overrides[@p key] gives why; the override is added to @p taken, to be recorded).
 * Otherwise the refusal, as an error.
 */
std::string acceptedValue(scan::ScanCheck check, std::string_view field, const QVariantMap &overrides,
                          const QString &key, std::vector<ScanOverride> &taken)
{
    if (check.isRefused()) {
        const QString why = overrides.value(key).toString().trimmed();
        if (why.isEmpty() || !check.override(utf8(why)))
            throw ValidationError(std::string(field), check.reason());
        ScanOverride o;
        o.field = key == QLatin1String("serial") ? "serial" : "asset-tag";
        o.value = check.value();
        o.refusal = check.reason();
        o.reason = check.overrideReason();
        taken.push_back(std::move(o));
    }
    return check.value();
}

} // namespace

QVariantMap Workbench::checkSerial(const QString &text) const
{
    return checkMap(scan::checkSerial(utf8(text)));
}

QString Workbench::tagPatternForRelease(const QString &releaseId) const
{
    const auto release = findRelease(releaseId);
    if (!release)
        return {};
    try {
        for (const auto &site : m_session->store().sites()) {
            if (site.id == release->siteId)
                return qs(site.assetTagPattern);
        }
    } catch (const Error &) {
    }
    return {};
}

QVariantMap Workbench::checkAssetTag(const QString &text, const QString &releaseId) const
{
    return checkMap(scan::checkAssetTag(utf8(text), utf8(tagPatternForRelease(releaseId))));
}

QString Workbench::releaseOfInstallation(const QString &installationId) const
{
    if (!m_session || !m_session->ready())
        return {};
    try {
        if (const auto inst = m_session->store().installation(parseId(installationId, "installation")))
            return qs(inst->releaseId.toString());
    } catch (const Error &) {
    }
    return {};
}

QVariantList Workbench::roomsForRelease(const QString &releaseId) const
{
    QVariantList out;
    const auto release = findRelease(releaseId);
    if (!release)
        return out;
    try {
        for (const auto &room : m_session->store().rooms(release->siteId))
            out.push_back(QVariantMap{{QStringLiteral("id"), qs(room.id.toString())},
                                      {QStringLiteral("name"), qs(room.name)}});
    } catch (const Error &) {
    }
    return out;
}

QVariantMap Workbench::startInstallation(const QString &releaseId, const QString &linkAssetId,
                                         const QString &assetTag, const QString &serial, const QString &make,
                                         const QString &model, const QString &roomId, const QVariantMap &overrides,
                                         const QString &category)
{
    return attempt([&]() -> QVariantMap {
        auto &store = m_session->store();
        auto &replica = m_session->replica();
        const auto release = store.release(parseId(releaseId, "release"));
        if (!release)
            throw NotFoundError("release", utf8(releaseId));
        const std::optional<Id> room =
            roomId.isEmpty() ? std::nullopt : std::optional<Id>(parseId(roomId, "room"));

        sync::Replica::Group group(replica);
        std::vector<ScanOverride> overridden;
        Asset asset;
        if (!linkAssetId.isEmpty()) {
            const auto found = store.asset(parseId(linkAssetId, "asset"));
            if (!found)
                throw NotFoundError("asset", utf8(linkAssetId));
            asset = *found;
        } else {
            if (serial.trimmed().isEmpty())
                throw ValidationError("serial", "scan or type the manufacturer's serial");
            // The same label rules as a scan, for what was typed too.
            const std::string serialValue =
                acceptedValue(scan::checkSerial(utf8(serial)), "serial", overrides, QStringLiteral("serial"), overridden);
            std::string tagValue;
            if (!assetTag.trimmed().isEmpty()) {
                tagValue = acceptedValue(scan::checkAssetTag(utf8(assetTag), utf8(tagPatternForRelease(releaseId))),
                                         "asset tag", overrides, QStringLiteral("assetTag"), overridden);
                if (const auto tagged = store.findAssetByTag(tagValue))
                    throw DuplicateError("asset tag " + tagValue + " is already on another asset (serial " +
                                             tagged->serial.value_or("none") + "); choose that asset to use it",
                                         tagged->id.toString());
            }
            // The same serial under another make ("Dell" and "Dell Inc.") is the same unit far
            // more often than not: it is linked, not added again, unless the installer says why.
            const auto sameSerial = store.findAssetsBySerial(serialValue);
            if (!sameSerial.empty() && overrides.value(QStringLiteral("duplicateSerial")).toString().trimmed().isEmpty())
                throw DuplicateError("serial " + serialValue + " is already in the inventory (" +
                                         sameSerial.front().assetTag.value_or("no tag") + ", " + sameSerial.front().make +
                                         " " + sameSerial.front().model + "): use that asset",
                                     sameSerial.front().id.toString());
            asset.assetTag = tagValue.empty() ? std::nullopt : std::optional(tagValue);
            asset.serial = serialValue;
            asset.make = utf8(make.trimmed());
            asset.model = utf8(model.trimmed());
            asset.category = utf8(category.trimmed());
            if (asset.category.empty())
                asset.category = m_session->views().categoryOfModel(asset.model);
            if (asset.category.empty())
                asset.category = "Hardware";
            asset.siteId = release->siteId;
            asset.roomId = room;
            asset.status = AssetStatus::InStock;
            asset.id = replica.addAsset(asset);
        }
        if (asset.siteId != release->siteId || (room && asset.roomId != room))
            replica.moveAsset(asset.id, release->siteId,
                              room ? room : (asset.siteId == release->siteId ? asset.roomId : std::nullopt),
                              m_session->userId(), AppSession::now()); // in the asset's history at once

        bool resumed = false;
        Id installationId;
        if (const auto open = m_session->views().installationOf(release->id, asset.id)) {
            installationId = *open;
            resumed = true;
        } else {
            Installation inst;
            inst.releaseId = release->id;
            inst.assetId = asset.id;
            inst.startedBy = m_session->userId();
            inst.startedAt = AppSession::now();
            installationId = replica.startInstallation(inst);
        }
        // Labels used against the rules are recorded with the asset and the installation.
        for (auto &o : overridden) {
            o.assetId = asset.id;
            o.installationId = installationId;
            o.recordedBy = m_session->userId();
            o.recordedAt = AppSession::now();
            replica.recordScanOverride(o);
        }
        group.commit();
        return {{QStringLiteral("id"), qs(installationId.toString())},
                {QStringLiteral("assetId"), qs(asset.id.toString())},
                {QStringLiteral("resumed"), resumed}};
    });
}

QVariantMap Workbench::recordStep(const QString &installationId, const QString &stepId, const QString &outcome,
                                  const QString &note, const QString &evidence)
{
    return attempt([&]() -> QVariantMap {
        StepResult r;
        r.installationId = parseId(installationId, "installation");
        r.stepId = parseId(stepId, "step");
        r.outcome = parse<StepOutcome>(utf8(outcome));
        r.note = utf8(note);
        r.evidence = utf8(evidence);
        r.recordedBy = m_session->userId();
        r.recordedAt = AppSession::now();
        const Id id = m_session->replica().recordStepResult(r);
        return {{QStringLiteral("id"), qs(id.toString())}};
    });
}

QVariantMap Workbench::backOut(const QString &installationId, const QString &reason)
{
    return attempt([&]() -> QVariantMap {
        BackOut b;
        b.installationId = parseId(installationId, "installation");
        b.reason = utf8(reason.trimmed());
        b.performedBy = m_session->userId();
        b.performedAt = AppSession::now();
        const Id id = m_session->replica().recordBackOut(b);
        return {{QStringLiteral("id"), qs(id.toString())}};
    });
}

QVariantList Workbench::seatsForSignOff(const QString &installationId) const
{
    QVariantList out;
    if (!m_session || !m_session->ready() || installationId.isEmpty())
        return out;
    try {
        for (const auto &seat : LibraryViews(m_session->store()).seatsForSignOff(parseId(installationId, "installation")))
            out.push_back(QVariantMap{{QStringLiteral("licenceId"), qs(seat.licenceId.toString())},
                                      {QStringLiteral("name"), qs(seat.name)},
                                      {QStringLiteral("seats"), seat.seats},
                                      {QStringLiteral("used"), seat.used},
                                      {QStringLiteral("full"), seat.full()}});
    } catch (const std::exception &) {
        out.clear(); // the sign-off itself then says what is wrong
    }
    return out;
}

QVariantMap Workbench::signOff(const QString &installationId, const QString &userName, const QString &strokes,
                               const QString &seatOverrideReason)
{
    return attempt([&]() -> QVariantMap {
        SignOff s;
        s.installationId = parseId(installationId, "installation");
        s.userName = utf8(userName.trimmed());
        s.strokes = utf8(strokes);
        s.signedAt = AppSession::now();
        s.recordedBy = m_session->userId();
        if (!seatOverrideReason.trimmed().isEmpty())
            s.seatOverrideReason = utf8(seatOverrideReason.trimmed());
        const Id id = m_session->replica().signOff(s);
        return {{QStringLiteral("id"), qs(id.toString())}};
    });
}

QVariantMap Workbench::resolveConflict(const QString &conflictId, const QString &value)
{
    return attempt([&]() -> QVariantMap {
        m_session->replica().resolveConflict(parseId(conflictId, "conflict"), utf8(value), m_session->userId(),
                                             AppSession::now());
        return {};
    });
}

} // namespace rd::mobile
