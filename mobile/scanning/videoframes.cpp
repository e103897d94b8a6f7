#include "videoframes.h"

#include <cstring>

namespace rd::mobile {

namespace {

/** Copies a plane of 8-bit samples, every @p step bytes from @p offset, into a grey image. */
QImage copyLuma(const uchar *bits, int stride, int width, int height, int step, int offset)
{
    QImage out(width, height, QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    for (int y = 0; y < height; ++y) {
        const uchar *src = bits + qsizetype(y) * stride + offset;
        uchar *dst = out.scanLine(y);
        if (step == 1) {
            std::memcpy(dst, src, size_t(width));
        } else {
            for (int x = 0; x < width; ++x)
                dst[x] = src[qsizetype(x) * step];
        }
    }
    return out;
}

} // namespace

QImage lumaOf(const QVideoFrame &input)
{
    if (!input.isValid() || input.width() <= 0 || input.height() <= 0)
        return {};
    QVideoFrame frame = input; // shares the buffer; map() needs a non-const frame
    const int w = frame.width();
    const int h = frame.height();
    switch (frame.pixelFormat()) {
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YUV422P:
    case QVideoFrameFormat::Format_YV12:
    case QVideoFrameFormat::Format_IMC1:
    case QVideoFrameFormat::Format_IMC2:
    case QVideoFrameFormat::Format_IMC3:
    case QVideoFrameFormat::Format_IMC4:
    case QVideoFrameFormat::Format_Y8:
    case QVideoFrameFormat::Format_YUYV:
    case QVideoFrameFormat::Format_UYVY:
    case QVideoFrameFormat::Format_Y16: {
        if (!frame.map(QVideoFrame::ReadOnly))
            return {};
        const auto fmt = frame.pixelFormat();
        const int stride = frame.bytesPerLine(0);
        const uchar *bits = frame.bits(0);
        QImage out;
        // Y16 is little-endian: the high byte is the second one.
        const int step = fmt == QVideoFrameFormat::Format_YUYV || fmt == QVideoFrameFormat::Format_UYVY ||
                                 fmt == QVideoFrameFormat::Format_Y16
                             ? 2
                             : 1;
        const int offset = fmt == QVideoFrameFormat::Format_UYVY || fmt == QVideoFrameFormat::Format_Y16 ? 1 : 0;
        // An 8-bit Y plane is the grey image itself: shared, not copied. The image holds a copy of
        // the frame (the same buffer), mapped, until the image's last copy goes. It is read-only:
        // whoever paints on it (the decoder masking a code) gets a copy of the pixels first.
        if (step == 1 && bits && stride >= w) {
            auto *held = new QVideoFrame(frame); // shares the mapping; unmapped when the image goes
            return QImage(
                static_cast<const uchar *>(bits), w, h, stride, QImage::Format_Grayscale8,
                [](void *info) {
                    auto *f = static_cast<QVideoFrame *>(info);
                    f->unmap();
                    delete f;
                },
                held);
        }
        if (bits && stride >= w * step)
            out = copyLuma(bits, stride, w, h, step, offset);
        frame.unmap();
        return out;
    }
    default:
        break;
    }
    // 32-bit RGB: the byte offsets of red, green and blue in each pixel, as the format names them.
    int r = -1, g = -1, b = -1;
    switch (frame.pixelFormat()) {
    case QVideoFrameFormat::Format_ARGB8888:
    case QVideoFrameFormat::Format_ARGB8888_Premultiplied:
    case QVideoFrameFormat::Format_XRGB8888:
        r = 1, g = 2, b = 3;
        break;
    case QVideoFrameFormat::Format_BGRA8888:
    case QVideoFrameFormat::Format_BGRA8888_Premultiplied:
    case QVideoFrameFormat::Format_BGRX8888:
        r = 2, g = 1, b = 0;
        break;
    case QVideoFrameFormat::Format_ABGR8888:
    case QVideoFrameFormat::Format_XBGR8888:
        r = 3, g = 2, b = 1;
        break;
    case QVideoFrameFormat::Format_RGBA8888:
    case QVideoFrameFormat::Format_RGBX8888:
        r = 0, g = 1, b = 2;
        break;
    default:
        // Not QVideoFrame::toImage(): in Qt 6.4 it needs a GUI and crashed without one. A frame
        // format no camera here gives is reported by the caller instead.
        return {};
    }
    if (!frame.map(QVideoFrame::ReadOnly))
        return {};
    QImage out;
    const int stride = frame.bytesPerLine(0);
    const uchar *bits = frame.bits(0);
    if (bits && stride >= w * 4) {
        out = QImage(w, h, QImage::Format_Grayscale8);
        for (int y = 0; y < h && !out.isNull(); ++y) {
            const uchar *src = bits + qsizetype(y) * stride;
            uchar *dst = out.scanLine(y);
            for (int x = 0; x < w; ++x, src += 4)
                dst[x] = uchar((306 * src[r] + 601 * src[g] + 117 * src[b] + 512) >> 10);
        }
    }
    frame.unmap();
    return out;
}

QVideoFrame videoFrameFromImage(const QImage &image, QVideoFrameFormat::PixelFormat format)
{
    if (image.isNull())
        return {};
    // Video formats want even sizes for their chroma planes: add a white row or column if needed.
    const QSize size((image.width() + 1) & ~1, (image.height() + 1) & ~1);
    QImage rgb(size, QImage::Format_ARGB32);
    rgb.fill(Qt::white);
    {
        const QImage src = image.convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < src.height(); ++y)
            std::memcpy(rgb.scanLine(y), src.constScanLine(y), size_t(src.width()) * 4);
    }
    const QImage grey = rgb.convertToFormat(QImage::Format_Grayscale8);

    QVideoFrame frame(QVideoFrameFormat(size, format));
    if (!frame.isValid() || !frame.map(QVideoFrame::WriteOnly))
        return {};
    const int w = size.width();
    const int h = size.height();
    bool ok = true;
    switch (format) {
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_Y8:
        for (int y = 0; y < h; ++y)
            std::memcpy(frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0), grey.constScanLine(y), size_t(w));
        // Neutral chroma: a grey picture, which is all the decoder looks at.
        for (int plane = 1; plane < frame.planeCount(); ++plane) {
            const int rows = h / 2;
            for (int y = 0; y < rows; ++y)
                std::memset(frame.bits(plane) + qsizetype(y) * frame.bytesPerLine(plane), 128,
                            size_t(frame.bytesPerLine(plane)));
        }
        break;
    case QVideoFrameFormat::Format_BGRA8888:
    case QVideoFrameFormat::Format_ARGB8888:
        for (int y = 0; y < h; ++y) {
            const auto *src = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
            uchar *dst = frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0);
            for (int x = 0; x < w; ++x) {
                const QRgb p = src[x];
                const uchar px[4] = {uchar(qBlue(p)), uchar(qGreen(p)), uchar(qRed(p)), uchar(qAlpha(p))};
                if (format == QVideoFrameFormat::Format_BGRA8888) {
                    std::memcpy(dst + 4 * x, px, 4);
                } else {
                    const uchar argb[4] = {px[3], px[2], px[1], px[0]};
                    std::memcpy(dst + 4 * x, argb, 4);
                }
            }
        }
        break;
    default:
        ok = false;
    }
    frame.unmap();
    return ok ? frame : QVideoFrame();
}

} // namespace rd::mobile
