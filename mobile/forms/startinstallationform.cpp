#include "startinstallationform.h"

#include "app/appsession.h" // Workbench::session() needs the whole type
#include "app/qtconvert.h"
#include "app/workbench.h"

#include "scan/fieldcheck.h"

#include <algorithm>

namespace rd::mobile {

namespace {

const QString kAssetId = QStringLiteral("assetId");

} // namespace

StartInstallationForm::StartInstallationForm(QObject *parent)
    : QObject(parent)
{}

StartInstallationForm::~StartInstallationForm() = default;

void StartInstallationForm::setWorkbench(Workbench *workbench)
{
    if (m_workbench == workbench)
        return;
    m_workbench = workbench;
    emit workbenchChanged();
    loadRelease();
}

void StartInstallationForm::setReleaseId(const QString &releaseId)
{
    if (m_releaseId == releaseId)
        return;
    m_releaseId = releaseId;
    emit releaseIdChanged();
    loadRelease();
}

void StartInstallationForm::loadRelease()
{
    QVariantMap defaults;
    m_rooms = {QVariantMap{{QStringLiteral("id"), QString()}, {QStringLiteral("name"), tr("not yet known")}}};
    m_tagPattern.clear();
    if (m_workbench && !m_releaseId.isEmpty()) {
        defaults = m_workbench->newAssetDefaults(m_releaseId);
        m_rooms += m_workbench->roomsForRelease(m_releaseId);
        m_tagPattern = m_workbench->tagPatternForRelease(m_releaseId);
    }
    emit releaseChanged();
    emit roomChanged(); // the same room id may be at another place in the new list
    setMake(defaults.value(QStringLiteral("make")).toString());
    setModel(defaults.value(QStringLiteral("model")).toString());
    setCategory(defaults.value(QStringLiteral("category")).toString());
    setRoomId({});
    // Another release: another site's tag format, and the inventory looked at again.
    checkAssetTag();
    checkSerial();
}

void StartInstallationForm::setAssetTag(const QString &text)
{
    if (m_assetTag == text)
        return;
    m_assetTag = text;
    emit assetTagChanged();
    checkAssetTag(); // a new text: its own verdict, and no override
}

void StartInstallationForm::setSerial(const QString &text)
{
    if (m_serial == text)
        return;
    m_serial = text;
    emit serialChanged();
    checkSerial();
}

void StartInstallationForm::setMake(const QString &make)
{
    if (m_make == make)
        return;
    m_make = make;
    emit makeChanged();
}

void StartInstallationForm::setModel(const QString &model)
{
    if (m_model == model)
        return;
    m_model = model;
    emit modelChanged();
}

void StartInstallationForm::setCategory(const QString &category)
{
    if (m_category == category)
        return;
    m_category = category;
    emit categoryChanged();
}

void StartInstallationForm::setRoomId(const QString &roomId)
{
    if (m_roomId == roomId)
        return;
    m_roomId = roomId;
    emit roomChanged();
}

int StartInstallationForm::roomIndex() const
{
    for (qsizetype i = 0; i < m_rooms.size(); ++i) {
        if (m_rooms.at(i).toMap().value(QStringLiteral("id")).toString() == m_roomId)
            return static_cast<int>(i);
    }
    return -1;
}

void StartInstallationForm::setRoomIndex(int index)
{
    if (index >= 0 && index < m_rooms.size())
        setRoomId(m_rooms.at(index).toMap().value(QStringLiteral("id")).toString());
}

void StartInstallationForm::checkAssetTag()
{
    const QString tag = m_assetTag.trimmed();
    m_tagCheck.reset();
    m_tagOwner.clear();
    if (!tag.isEmpty()) {
        m_tagCheck = scan::checkAssetTag(tag.toStdString(), m_tagPattern.toStdString());
        if (m_workbench) {
            const QString value = qs(m_tagCheck->value());
            const QVariantMap owner = m_workbench->assetWithTag(value.isEmpty() ? tag : value);
            if (owner.value(QStringLiteral("found")).toBool())
                m_tagOwner = owner;
        }
    }
    emit checksChanged();
}

void StartInstallationForm::checkSerial()
{
    const QString serial = m_serial.trimmed();
    m_serialCheck.reset();
    m_serialDuplicates.clear();
    if (!serial.isEmpty()) {
        m_serialCheck = scan::checkSerial(serial.toStdString());
        // Compared as the label reads (a GS1 label's serial), or as typed when refused.
        const QString value = qs(m_serialCheck->value());
        if (m_workbench)
            m_serialDuplicates = m_workbench->assetsWithSerial(value.isEmpty() ? serial : value);
    }
    emit checksChanged();
}

bool StartInstallationForm::assetTagRefused() const
{
    return m_tagCheck && m_tagCheck->refusal() != scan::Refusal::None;
}

bool StartInstallationForm::serialRefused() const
{
    return m_serialCheck && m_serialCheck->refusal() != scan::Refusal::None;
}

QString StartInstallationForm::assetTagOverride() const
{
    return m_tagCheck && m_tagCheck->isOverridden() ? qs(m_tagCheck->overrideReason()) : QString();
}

QString StartInstallationForm::serialOverride() const
{
    return m_serialCheck && m_serialCheck->isOverridden() ? qs(m_serialCheck->overrideReason()) : QString();
}

bool StartInstallationForm::assetTagBlocked() const
{
    return m_tagCheck && m_tagCheck->isRefused();
}

bool StartInstallationForm::serialBlocked() const
{
    return m_serialCheck && m_serialCheck->isRefused();
}

bool StartInstallationForm::overrideOffered() const
{
    if (!m_linkedAsset.isEmpty())
        return false;
    return (m_serialCheck && m_serialCheck->canOverride()) || (m_tagCheck && m_tagCheck->canOverride());
}

QString StartInstallationForm::assetTagError() const
{
    if (assetTagBlocked())
        return qs(m_tagCheck->reason());
    if (!m_tagOwner.isEmpty() && m_linkedAsset.isEmpty())
        return tr("Already on another asset. Use the asset below, or check the tag.");
    return {};
}

QString StartInstallationForm::serialError() const
{
    if (serialBlocked())
        return qs(m_serialCheck->reason());
    if (!m_serialDuplicates.isEmpty() && m_linkedAsset.isEmpty())
        return tr("Already in the inventory. Use the asset below rather than adding it twice.");
    return {};
}

QVariantList StartInstallationForm::duplicates() const
{
    if (!m_linkedAsset.isEmpty())
        return {};
    QVariantList out = m_serialDuplicates;
    if (!m_tagOwner.isEmpty()) {
        const QString owner = m_tagOwner.value(kAssetId).toString();
        const bool listed = std::any_of(out.cbegin(), out.cend(), [&](const QVariant &asset) {
            return asset.toMap().value(kAssetId).toString() == owner;
        });
        if (!listed)
            out.push_back(m_tagOwner);
    }
    return out;
}

QString StartInstallationForm::linkedAssetId() const
{
    return m_linkedAsset.value(kAssetId).toString();
}

bool StartInstallationForm::canSubmit() const
{
    if (!m_workbench || m_releaseId.isEmpty())
        return false;
    if (!m_linkedAsset.isEmpty())
        return true;
    // A serial or tag already in the inventory is that asset: use it (useAsset) instead.
    return m_serialCheck && !serialBlocked() && !assetTagBlocked() && duplicates().isEmpty();
}

bool StartInstallationForm::useAsset(const QString &assetId)
{
    for (const QVariant &candidate : duplicates()) {
        const QVariantMap asset = candidate.toMap();
        if (asset.value(kAssetId).toString() != assetId)
            continue;
        m_linkedAsset = asset;
        emit linkedAssetChanged();
        const QString room = asset.value(QStringLiteral("roomId")).toString();
        const bool known = std::any_of(m_rooms.cbegin(), m_rooms.cend(), [&](const QVariant &r) {
            return r.toMap().value(QStringLiteral("id")).toString() == room;
        });
        if (known)
            setRoomId(room);
        emit checksChanged();
        return true;
    }
    return false;
}

void StartInstallationForm::clearAsset()
{
    if (m_linkedAsset.isEmpty())
        return;
    m_linkedAsset.clear();
    emit linkedAssetChanged();
    emit checksChanged();
}

bool StartInstallationForm::overrideRefusals(const QString &reason)
{
    if (!m_linkedAsset.isEmpty())
        return false;
    const std::string why = reason.trimmed().toStdString();
    bool taken = false;
    if (m_serialCheck && m_serialCheck->canOverride())
        taken = m_serialCheck->override(why) || taken;
    if (m_tagCheck && m_tagCheck->canOverride())
        taken = m_tagCheck->override(why) || taken;
    if (taken)
        emit checksChanged();
    return taken;
}

void StartInstallationForm::takeScannedAssetTag(const QString &scanned)
{
    setAssetTag(scanned);
    if (m_tagCheck && !assetTagRefused())
        setAssetTag(qs(m_tagCheck->value())); // the tag a GS1 label holds
}

void StartInstallationForm::takeScannedSerial(const QString &scanned)
{
    setSerial(scanned);
    if (m_serialCheck && !serialRefused() && !m_serialCheck->value().empty())
        setSerial(qs(m_serialCheck->value()));
}

void StartInstallationForm::takeScan(const QString &assetTag, const QString &serial, bool overridden,
                                     const QString &overrideReason)
{
    clearAsset();
    setAssetTag(assetTag);
    setSerial(serial);
    if (overridden) // the scan page took a refused label on the installer's word: keep its reason
        overrideRefusals(overrideReason);
}

void StartInstallationForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

QVariantMap StartInstallationForm::submit()
{
    if (!m_workbench) {
        const QVariantMap answer{{QStringLiteral("ok"), false}, {QStringLiteral("error"), tr("The app's data is not open.")}};
        setError(answer.value(QStringLiteral("error")).toString());
        return answer;
    }
    QVariantMap overrides;
    if (const QString why = serialOverride(); !why.isEmpty())
        overrides.insert(QStringLiteral("serial"), why);
    if (const QString why = assetTagOverride(); !why.isEmpty())
        overrides.insert(QStringLiteral("assetTag"), why);
    const QVariantMap answer = m_workbench->startInstallation(m_releaseId, linkedAssetId(), m_assetTag, m_serial, m_make,
                                                              m_model, m_roomId, overrides, m_category);
    if (!answer.value(QStringLiteral("ok")).toBool()) {
        setError(answer.value(QStringLiteral("error")).toString());
        return answer;
    }
    setError({});
    emit started(answer.value(QStringLiteral("id")).toString());
    return answer;
}

} // namespace rd::mobile
