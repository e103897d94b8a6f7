#pragma once

#include "barcodedecoder.h"

#include <QObject>
#include <QThread>
#include <QVideoFrame>

#include <atomic>

namespace rd::mobile {

class DecodeWorker;

/**
 * Decodes camera frames on a worker thread, never on the thread that offers them, and drops the
 * frames that arrive while one is being decoded: a camera gives 30 frames a second and only the
 * latest matters. Results come back as decoded() on the thread the FrameDecoder lives in.
 */
class FrameDecoder : public QObject {
    Q_OBJECT
public:
    explicit FrameDecoder(BarcodeDecoder::Options options = {}, QObject *parent = nullptr);
    ~FrameDecoder() override;

    /**
     * Hands @p frame to the worker unless it is busy. Returns false when the frame was dropped
     * (busy, or an invalid frame). Safe to call from any thread, e.g. straight from
     * QVideoSink::videoFrameChanged.
     */
    bool offer(const QVideoFrame &frame);

    /** True while a frame is being decoded. */
    [[nodiscard]] bool isBusy() const noexcept { return m_busy.load(); }
    [[nodiscard]] int framesDecoded() const noexcept { return m_decoded.load(); }
    [[nodiscard]] int framesDropped() const noexcept { return m_dropped.load(); }

signals:
    /** The codes in one frame (possibly none), with the frame's size. */
    void decoded(const rd::mobile::DecodeOutcome &outcome, QSize frameSize);

private:
    void finish(const rd::mobile::DecodeOutcome &outcome, QSize frameSize);

    QThread m_thread;
    DecodeWorker *m_worker = nullptr;
    std::atomic<bool> m_busy{false};
    std::atomic<int> m_decoded{0};
    std::atomic<int> m_dropped{0};
};

/** The object that lives on FrameDecoder's thread and does the work. */
class DecodeWorker : public QObject {
    Q_OBJECT
public:
    explicit DecodeWorker(BarcodeDecoder::Options options)
        : m_decoder(options)
    {
    }

public slots:
    void decode(const QVideoFrame &frame);

signals:
    void done(const rd::mobile::DecodeOutcome &outcome, QSize frameSize);

private:
    BarcodeDecoder m_decoder;
};

} // namespace rd::mobile

Q_DECLARE_METATYPE(rd::mobile::DecodeOutcome)
