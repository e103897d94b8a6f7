#include "camerascanner.h"

#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoSink>

namespace rd::mobile {

CameraScanner::CameraScanner(BarcodeDecoder::Options options, QObject *parent)
    : QObject(parent)
    , m_decoder(options)
{
    connect(&m_decoder, &FrameDecoder::decoded, this, &CameraScanner::decoded);
}

CameraScanner::~CameraScanner()
{
    stop();
    QObject::disconnect(m_frameConnection);
}

bool CameraScanner::cameraPresent()
{
    return !QMediaDevices::videoInputs().isEmpty();
}

bool CameraScanner::start()
{
    if (isActive())
        return true;
    const QCameraDevice device = QMediaDevices::defaultVideoInput();
    if (device.isNull()) {
        setMessage(tr("No camera found on this device. Use a barcode scanner, or type the number."));
        return false;
    }
    if (!m_session)
        m_session = std::make_unique<QMediaCaptureSession>();
    m_camera = std::make_unique<QCamera>(device);
    connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
        setMessage(tr("The camera stopped: %1. Use a barcode scanner, or type the number.").arg(text));
        emit activeChanged();
    });
    connect(m_camera.get(), &QCamera::activeChanged, this, &CameraScanner::activeChanged);
    connect(m_camera.get(), &QCamera::torchModeChanged, this, &CameraScanner::torchChanged);
    m_session->setCamera(m_camera.get());
    connectSink();
    setMessage({});
    m_camera->start();
    emit torchChanged();
    return true;
}

void CameraScanner::stop()
{
    if (m_camera) {
        m_camera->stop();
        if (m_session)
            m_session->setCamera(nullptr);
        m_camera.reset();
        emit activeChanged();
        emit torchChanged();
    }
}

bool CameraScanner::isActive() const
{
    return m_camera && m_camera->isActive();
}

void CameraScanner::setVideoSink(QVideoSink *sink)
{
    if (m_sink == sink && sink)
        return;
    m_sink = sink;
    connectSink();
}

QVideoSink *CameraScanner::videoSink() const
{
    return m_sink;
}

void CameraScanner::connectSink()
{
    QObject::disconnect(m_frameConnection);
    QVideoSink *sink = m_sink;
    if (!sink) {
        if (!m_ownSink)
            m_ownSink = std::make_unique<QVideoSink>();
        sink = m_ownSink.get();
    }
    if (m_session)
        m_session->setVideoSink(sink);
    // Direct: offer() only takes a reference to the frame and returns; the decoding is elsewhere.
    m_frameConnection = connect(sink, &QVideoSink::videoFrameChanged, this,
                                [this](const QVideoFrame &frame) { m_decoder.offer(frame); }, Qt::DirectConnection);
}

bool CameraScanner::torchAvailable() const
{
    return m_camera && m_camera->isTorchModeSupported(QCamera::TorchOn);
}

bool CameraScanner::torchOn() const
{
    return m_camera && m_camera->torchMode() == QCamera::TorchOn;
}

void CameraScanner::setTorchOn(bool on)
{
    if (!torchAvailable() || torchOn() == on)
        return;
    m_camera->setTorchMode(on ? QCamera::TorchOn : QCamera::TorchOff);
    emit torchChanged();
}

void CameraScanner::setMessage(const QString &message)
{
    if (m_message == message)
        return;
    m_message = message;
    emit messageChanged();
}

} // namespace rd::mobile
