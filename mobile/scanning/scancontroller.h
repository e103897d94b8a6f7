#pragma once

#include "barcodedecoder.h"

#include "scan/scancheck.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>

#include <memory>
#include <optional>

#include <QVideoSink>

namespace rd::mobile {

class CameraScanner;
class KeyboardWedge;

/**
 * What the scan page talks to: one scanning flow, fed by the camera, a keyboard-wedge scanner and
 * manual entry alike, each checked by the core (rd::scan::checkSerial, checkAssetTag).
 *
 * A flow fills the serial, the asset tag, or both (Paired: the asset tag, then the serial). Each
 * accepted scan gives goodRead() (the page's sound and flash); a refused one sets refusalReason
 * and canOverride, and the technician may override it with a reason (overrideRefusal()), which is
 * kept and reported. A camera frame with several codes fills candidates for the technician to pick
 * one (pick()). When the flow is complete, scanned() carries the result. Nothing here throws into
 * QML: failures become properties and signals in words.
 */
class ScanController : public QObject {
    Q_OBJECT
    Q_PROPERTY(Mode mode READ mode WRITE setMode NOTIFY modeChanged)
    Q_PROPERTY(QString assetTagPattern READ assetTagPattern WRITE setAssetTagPattern NOTIFY assetTagPatternChanged)
    Q_PROPERTY(Field expecting READ expecting NOTIFY stateChanged)
    Q_PROPERTY(QString assetTag READ assetTag NOTIFY stateChanged)
    Q_PROPERTY(QString serial READ serial NOTIFY stateChanged)
    Q_PROPERTY(bool complete READ isComplete NOTIFY stateChanged)
    Q_PROPERTY(bool overridden READ isOverridden NOTIFY stateChanged)
    Q_PROPERTY(QString overrideReason READ overrideReason NOTIFY stateChanged)
    Q_PROPERTY(QString refusalReason READ refusalReason NOTIFY stateChanged)
    Q_PROPERTY(QString refusedValue READ refusedValue NOTIFY stateChanged)
    Q_PROPERTY(bool canOverride READ canOverride NOTIFY stateChanged)
    Q_PROPERTY(QVariantList candidates READ candidates NOTIFY candidatesChanged)
    Q_PROPERTY(bool cameraAvailable READ cameraAvailable NOTIFY cameraChanged)
    Q_PROPERTY(bool cameraActive READ cameraActive WRITE setCameraActive NOTIFY cameraChanged)
    Q_PROPERTY(QString cameraMessage READ cameraMessage NOTIFY cameraChanged)
    Q_PROPERTY(bool torchAvailable READ torchAvailable NOTIFY cameraChanged)
    Q_PROPERTY(bool torchOn READ torchOn WRITE setTorchOn NOTIFY cameraChanged)
    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(QObject *keyTarget READ keyTarget WRITE setKeyTarget NOTIFY keyTargetChanged)

public:
    /**
     * Which fields the flow fills; Audit fills none: every read (a camera frame's codes, each
     * read of a scanner gun's burst, typed text) comes as read(), unchecked, and the flow never
     * completes (a room audit, issue 12).
     */
    enum Mode { SerialOnly, AssetTagOnly, Paired, Audit };
    Q_ENUM(Mode)
    /** The field the next scan goes to. */
    enum Field { NoField, AssetTagField, SerialField };
    Q_ENUM(Field)

    explicit ScanController(QObject *parent = nullptr);
    ~ScanController() override;

    [[nodiscard]] Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    [[nodiscard]] QString assetTagPattern() const { return m_pattern; }
    void setAssetTagPattern(const QString &pattern);

    [[nodiscard]] Field expecting() const;
    [[nodiscard]] QString assetTag() const { return m_assetTag; }
    [[nodiscard]] QString serial() const { return m_serial; }
    [[nodiscard]] bool isComplete() const { return m_mode != Audit && expecting() == NoField; }
    [[nodiscard]] bool isOverridden() const { return !m_overrideReasons.isEmpty(); }
    [[nodiscard]] QString overrideReason() const { return m_overrideReasons.join(QStringLiteral("; ")); }
    [[nodiscard]] QString refusalReason() const;
    [[nodiscard]] QString refusedValue() const;
    [[nodiscard]] bool canOverride() const;
    [[nodiscard]] QVariantList candidates() const { return m_candidates; }

    [[nodiscard]] bool cameraAvailable() const;
    [[nodiscard]] bool cameraActive() const;
    void setCameraActive(bool active);
    [[nodiscard]] QString cameraMessage() const { return m_cameraMessage; }
    [[nodiscard]] bool torchAvailable() const;
    [[nodiscard]] bool torchOn() const;
    void setTorchOn(bool on);
    [[nodiscard]] QVideoSink *videoSink() const { return m_videoSink; }
    void setVideoSink(QVideoSink *sink);
    [[nodiscard]] QObject *keyTarget() const;
    void setKeyTarget(QObject *target);

    /**
     * A scan or a typed entry for the field expected now; @p source is "camera", "scanner" or
     * "manual", for the record. Returns true when it was accepted.
     */
    Q_INVOKABLE bool submit(const QString &text, const QString &source = QStringLiteral("manual"));
    /** The checks submit() would make, without changing anything: {accepted, value, reason, canOverride}. */
    Q_INVOKABLE QVariantMap checkText(const QString &text) const;
    /** Takes candidate @p index (from candidates) as the scan. */
    Q_INVOKABLE bool pick(int index);
    Q_INVOKABLE void clearCandidates();
    /** Takes the refused scan on the technician's word; false without a reason or when not allowed. */
    Q_INVOKABLE bool overrideRefusal(const QString &reason);
    /** Forgets the refused scan; the field is still expected. */
    Q_INVOKABLE void dismissRefusal();
    /** Scans @p field again (its value is cleared). */
    Q_INVOKABLE void rescan(rd::mobile::ScanController::Field field);
    /** Starts the flow over. */
    Q_INVOKABLE void reset();

    /** Takes one decoded camera frame, as the camera's decoder delivers it; public for tests. */
    void takeFrame(const rd::mobile::DecodeOutcome &outcome);
    /** The keyboard wedge this flow listens to; public for tests that attach it themselves. */
    [[nodiscard]] KeyboardWedge &keyboardWedge() { return *m_wedge; }

signals:
    void modeChanged();
    void assetTagPatternChanged();
    void stateChanged();
    void candidatesChanged();
    void cameraChanged();
    void videoSinkChanged();
    void keyTargetChanged();
    /** A scan was accepted into @p field ("assetTag" or "serial"): time for the sound and flash. */
    void goodRead(const QString &field, const QString &value);
    /** In Audit mode: one read, as the decoder or the scanner gave it (@p source: camera, scanner, manual). */
    void read(const QString &text, const QString &source);
    /** A scan was refused; refusalReason says why. */
    void refused(const QString &reason, bool canOverride);
    /** The flow is complete: what was scanned, and whether a refusal was overridden and why. */
    void scanned(const QString &assetTag, const QString &serial, bool overridden, const QString &overrideReason);

private:
    [[nodiscard]] rd::scan::ScanCheck check(Field field, const QString &text) const;
    void accept(Field field, const rd::scan::ScanCheck &check);
    CameraScanner &camera();

    Mode m_mode = Paired;
    QString m_pattern;
    QString m_assetTag;
    QString m_serial;
    bool m_haveAssetTag = false;
    bool m_haveSerial = false;
    QStringList m_overrideReasons;
    std::optional<rd::scan::ScanCheck> m_refusal;
    Field m_refusalField = NoField;
    QVariantList m_candidates;
    QString m_lastCameraScan;
    QStringList m_lastFrameScans; ///< Audit mode: the codes of the last frame, taken already
    QString m_cameraMessage;
    std::unique_ptr<CameraScanner> m_camera;
    std::unique_ptr<KeyboardWedge> m_wedge;
    QPointer<QVideoSink> m_videoSink;
};

} // namespace rd::mobile
