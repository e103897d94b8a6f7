#include "framedecoder.h"

#include "videoframes.h"

namespace rd::mobile {

void DecodeWorker::decode(const QVideoFrame &frame)
{
    DecodeOutcome outcome;
    const QImage luma = lumaOf(frame);
    if (luma.isNull())
        outcome.error = QStringLiteral("the camera frame could not be read (format %1)")
                            .arg(QVideoFrameFormat::pixelFormatToString(frame.pixelFormat()));
    else
        outcome = m_decoder.decode(luma);
    emit done(outcome, frame.size());
}

FrameDecoder::FrameDecoder(BarcodeDecoder::Options options, QObject *parent)
    : QObject(parent)
    , m_worker(new DecodeWorker(options))
{
    qRegisterMetaType<rd::mobile::DecodeOutcome>();
    m_thread.setObjectName(QStringLiteral("barcode decoder"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Queued: the worker's result crosses back to this object's thread.
    connect(m_worker, &DecodeWorker::done, this, &FrameDecoder::finish, Qt::QueuedConnection);
    m_thread.start();
}

FrameDecoder::~FrameDecoder()
{
    m_thread.quit();
    m_thread.wait();
}

bool FrameDecoder::offer(const QVideoFrame &frame)
{
    if (!frame.isValid()) {
        m_dropped.fetch_add(1);
        return false;
    }
    bool idle = false;
    if (!m_busy.compare_exchange_strong(idle, true)) {
        m_dropped.fetch_add(1);
        return false;
    }
    QMetaObject::invokeMethod(m_worker, "decode", Qt::QueuedConnection, Q_ARG(QVideoFrame, frame));
    return true;
}

void FrameDecoder::finish(const DecodeOutcome &outcome, QSize frameSize)
{
    m_decoded.fetch_add(1);
    // Free before telling: a listener may offer the next frame at once.
    m_busy.store(false);
    emit decoded(outcome, frameSize);
}

} // namespace rd::mobile
