#include "scancontroller.h"

#include "camerascanner.h"
#include "keyboardwedge.h"

#include "scan/fieldcheck.h"

#include <QVideoSink>

namespace rd::mobile {

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/** How a scan is shown in a list: the GS separator as a visible mark. */
QString shown(const QString &text)
{
    QString out = text;
    out.replace(QChar(0x1D), QStringLiteral(" \u241D "));
    return out;
}

} // namespace

ScanController::ScanController(QObject *parent)
    : QObject(parent)
    , m_wedge(std::make_unique<KeyboardWedge>())
{
    connect(m_wedge.get(), &KeyboardWedge::scanned, this,
            [this](const QString &data, const QString &aim) { submit(aim + data, QStringLiteral("scanner")); });
}

ScanController::~ScanController() = default;

void ScanController::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    emit modeChanged();
    reset();
}

void ScanController::setAssetTagPattern(const QString &pattern)
{
    if (m_pattern == pattern)
        return;
    m_pattern = pattern;
    emit assetTagPatternChanged();
}

ScanController::Field ScanController::expecting() const
{
    if (m_mode != SerialOnly && !m_haveAssetTag)
        return AssetTagField;
    if (m_mode != AssetTagOnly && !m_haveSerial)
        return SerialField;
    return NoField;
}

QString ScanController::refusalReason() const
{
    return m_refusal ? qs(m_refusal->reason()) : QString();
}

QString ScanController::refusedValue() const
{
    return m_refusal ? qs(m_refusal->value()) : QString();
}

bool ScanController::canOverride() const
{
    return m_refusal && m_refusal->canOverride();
}

rd::scan::ScanCheck ScanController::check(Field field, const QString &text) const
{
    const std::string scan = utf8(text);
    if (field == AssetTagField)
        return rd::scan::checkAssetTag(scan, utf8(m_pattern));
    return rd::scan::checkSerial(scan);
}

QVariantMap ScanController::checkText(const QString &text) const
{
    const Field field = expecting();
    if (field == NoField)
        return {{QStringLiteral("accepted"), false},
                {QStringLiteral("value"), QString()},
                {QStringLiteral("reason"), tr("Nothing more to scan.")},
                {QStringLiteral("canOverride"), false}};
    const auto c = check(field, text);
    return {{QStringLiteral("accepted"), c.isAccepted()},
            {QStringLiteral("value"), qs(c.value())},
            {QStringLiteral("reason"), qs(c.reason())},
            {QStringLiteral("canOverride"), c.canOverride()}};
}

bool ScanController::submit(const QString &text, const QString &source)
{
    if (m_mode == Audit) {
        const QString value = text.trimmed();
        if (value.isEmpty())
            return false;
        emit goodRead(QStringLiteral("scan"), value);
        emit read(value, source);
        return true;
    }
    const Field field = expecting();
    if (field == NoField)
        return false;
    auto c = check(field, text);
    if (c.isAccepted()) {
        accept(field, c);
        return true;
    }
    m_refusal = std::move(c);
    m_refusalField = field;
    emit stateChanged();
    emit refused(refusalReason(), canOverride());
    return false;
}

void ScanController::accept(Field field, const rd::scan::ScanCheck &c)
{
    const QString value = qs(c.value());
    if (field == AssetTagField) {
        m_assetTag = value;
        m_haveAssetTag = true;
    } else {
        m_serial = value;
        m_haveSerial = true;
    }
    if (c.isOverridden()) {
        const QString what = field == AssetTagField ? tr("asset tag") : tr("serial");
        m_overrideReasons << tr("%1 %2 taken although: %3 Reason given: %4")
                                 .arg(what, value, qs(c.reason()), qs(c.overrideReason()));
    }
    m_refusal.reset();
    m_refusalField = NoField;
    clearCandidates();
    emit stateChanged();
    emit goodRead(field == AssetTagField ? QStringLiteral("assetTag") : QStringLiteral("serial"), value);
    if (isComplete())
        emit scanned(m_assetTag, m_serial, isOverridden(), overrideReason());
}

bool ScanController::pick(int index)
{
    if (index < 0 || index >= m_candidates.size())
        return false;
    const QString scan = m_candidates.at(index).toMap().value(QStringLiteral("scan")).toString();
    clearCandidates();
    return submit(scan, QStringLiteral("camera"));
}

void ScanController::clearCandidates()
{
    if (m_candidates.isEmpty())
        return;
    m_candidates.clear();
    emit candidatesChanged();
}

bool ScanController::overrideRefusal(const QString &reason)
{
    if (!m_refusal || m_refusalField != expecting())
        return false;
    rd::scan::ScanCheck c = *m_refusal;
    if (!c.override(utf8(reason)))
        return false;
    accept(m_refusalField, c);
    return true;
}

void ScanController::dismissRefusal()
{
    if (!m_refusal)
        return;
    m_refusal.reset();
    m_refusalField = NoField;
    m_lastCameraScan.clear(); // the same label may be scanned again on purpose
    emit stateChanged();
}

void ScanController::rescan(Field field)
{
    if (field == AssetTagField) {
        m_haveAssetTag = false;
        m_assetTag.clear();
    } else if (field == SerialField) {
        m_haveSerial = false;
        m_serial.clear();
    }
    m_refusal.reset();
    m_lastCameraScan.clear();
    emit stateChanged();
}

void ScanController::reset()
{
    m_haveAssetTag = m_haveSerial = false;
    m_assetTag.clear();
    m_serial.clear();
    m_overrideReasons.clear();
    m_refusal.reset();
    m_refusalField = NoField;
    m_lastCameraScan.clear();
    clearCandidates();
    emit stateChanged();
}

void ScanController::takeFrame(const DecodeOutcome &outcome)
{
    // While the technician reads a refusal or picks from a list, new frames would only disturb.
    if (m_mode == Audit) {
        // Every code in view is taken once, however long it stays in view; several at a time too.
        QStringList inView;
        for (const Barcode &b : outcome.barcodes) {
            const QString scan = b.scanText();
            inView << scan;
            if (!m_lastFrameScans.contains(scan))
                submit(scan, QStringLiteral("camera"));
        }
        if (!outcome.barcodes.isEmpty())
            m_lastFrameScans = inView;
        return;
    }
    if (outcome.barcodes.isEmpty() || m_refusal || !m_candidates.isEmpty() || isComplete())
        return;
    if (outcome.barcodes.size() == 1) {
        const QString scan = outcome.barcodes.front().scanText();
        if (scan == m_lastCameraScan)
            return; // the label is still in view: it was taken already
        m_lastCameraScan = scan;
        submit(scan, QStringLiteral("camera"));
        return;
    }
    QVariantList list;
    for (const Barcode &b : outcome.barcodes) {
        const auto c = check(expecting(), b.scanText());
        list.append(QVariantMap{{QStringLiteral("scan"), b.scanText()},
                                {QStringLiteral("text"), shown(b.text)},
                                {QStringLiteral("format"), b.format},
                                {QStringLiteral("accepted"), c.isAccepted()},
                                {QStringLiteral("value"), qs(c.value())},
                                {QStringLiteral("reason"), qs(c.reason())}});
    }
    m_candidates = list;
    emit candidatesChanged();
}

CameraScanner &ScanController::camera()
{
    if (!m_camera) {
        m_camera = std::make_unique<CameraScanner>();
        m_camera->setVideoSink(m_videoSink);
        connect(m_camera.get(), &CameraScanner::decoded, this,
                [this](const DecodeOutcome &outcome, QSize) { takeFrame(outcome); });
        connect(m_camera.get(), &CameraScanner::activeChanged, this, &ScanController::cameraChanged);
        connect(m_camera.get(), &CameraScanner::torchChanged, this, &ScanController::cameraChanged);
        connect(m_camera.get(), &CameraScanner::messageChanged, this, [this] {
            m_cameraMessage = m_camera->message();
            emit cameraChanged();
        });
    }
    return *m_camera;
}

bool ScanController::cameraAvailable() const
{
    return CameraScanner::cameraPresent();
}

bool ScanController::cameraActive() const
{
    return m_camera && m_camera->isActive();
}

void ScanController::setCameraActive(bool active)
{
    const bool wasActive = cameraActive();
    const QString oldMessage = m_cameraMessage;
    if (active) {
        if (!camera().start())
            m_cameraMessage = m_camera->message();
    } else if (m_camera) {
        m_camera->stop();
    }
    // Only a change is told: QML binds cameraActive to other camera properties.
    if (cameraActive() != wasActive || m_cameraMessage != oldMessage)
        emit cameraChanged();
}

bool ScanController::torchAvailable() const
{
    return m_camera && m_camera->torchAvailable();
}

bool ScanController::torchOn() const
{
    return m_camera && m_camera->torchOn();
}

void ScanController::setTorchOn(bool on)
{
    if (m_camera)
        m_camera->setTorchOn(on);
    emit cameraChanged();
}

void ScanController::setVideoSink(QVideoSink *sink)
{
    if (m_videoSink == sink)
        return;
    m_videoSink = sink;
    if (m_camera)
        m_camera->setVideoSink(sink);
    emit videoSinkChanged();
}

QObject *ScanController::keyTarget() const
{
    return m_wedge->target();
}

void ScanController::setKeyTarget(QObject *target)
{
    if (m_wedge->target() == target)
        return;
    m_wedge->attach(target);
    emit keyTargetChanged();
}

} // namespace rd::mobile
