#pragma once

#include "framedecoder.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QCamera;
class QMediaCaptureSession;
class QVideoSink;

namespace rd::mobile {

/**
 * The camera side of scanning: a QCamera into a QMediaCaptureSession into a QVideoSink, whose
 * frames go to a FrameDecoder. The sink is the preview's (VideoOutput.videoSink in QML, setVideoSink)
 * or one of its own when there is no preview. Uses the torch where the camera has one. Without a
 * camera, start() fails and message() says so in words a technician understands.
 */
class CameraScanner : public QObject {
    Q_OBJECT
public:
    explicit CameraScanner(BarcodeDecoder::Options options = {}, QObject *parent = nullptr);
    ~CameraScanner() override;

    /** True when the device has a camera at all. */
    [[nodiscard]] static bool cameraPresent();

    /** Starts the default camera. Returns false, with message(), when there is none or it fails. */
    bool start();
    void stop();
    [[nodiscard]] bool isActive() const;

    /** The sink frames are taken from; the capture session renders into it. nullptr: a sink of our own. */
    void setVideoSink(QVideoSink *sink);
    [[nodiscard]] QVideoSink *videoSink() const;

    [[nodiscard]] bool torchAvailable() const;
    [[nodiscard]] bool torchOn() const;
    void setTorchOn(bool on);

    /** Why the camera is not scanning, or "" when it is. */
    [[nodiscard]] QString message() const { return m_message; }

    [[nodiscard]] FrameDecoder &decoder() { return m_decoder; }

signals:
    void activeChanged();
    void torchChanged();
    void messageChanged();
    /** The codes of one decoded frame (possibly none). */
    void decoded(const rd::mobile::DecodeOutcome &outcome, QSize frameSize);

private:
    void setMessage(const QString &message);
    void connectSink();

    FrameDecoder m_decoder;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QCamera> m_camera;
    std::unique_ptr<QVideoSink> m_ownSink;
    QPointer<QVideoSink> m_sink;
    QMetaObject::Connection m_frameConnection;
    QString m_message;
};

} // namespace rd::mobile
