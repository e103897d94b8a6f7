#pragma once

#include <QImage>
#include <QVideoFrame>
#include <QVideoFrameFormat>

namespace rd::mobile {

/**
 * The luminance of a camera frame as an 8-bit grey image, what the decoder reads. The Y plane of
 * YUV frames is taken as it is, without a colour conversion: an 8-bit plane (NV12, NV21, YUV 4:2:0,
 * Y8 ...) in place, not copied (the image is read-only and keeps the frame mapped until its last
 * copy goes; painting on it copies the pixels first), the Y samples of YUYV, UYVY and Y16 copied
 * out; 32-bit RGB frames are converted; other formats give a null image (QVideoFrame::toImage
 * crashed in Qt 6.4 without a GUI application, so it is not used).
 * A frame that cannot be mapped gives a null image.
 */
[[nodiscard]] QImage lumaOf(const QVideoFrame &frame);

/**
 * A video frame holding @p image, as a camera would deliver it: by default NV12, the format most
 * camera back ends give. Tests and the benchmark feed still images through the camera's path with it.
 * Supported: Format_NV12, Format_YUV420P, Format_Y8, Format_BGRA8888, Format_ARGB8888.
 * Returns an invalid frame for a null image or another format.
 */
[[nodiscard]] QVideoFrame videoFrameFromImage(const QImage &image,
                                              QVideoFrameFormat::PixelFormat format = QVideoFrameFormat::Format_NV12);

} // namespace rd::mobile
