#include "photoevidence.h"

#include "domain/photoref.h"
#include "store/store.h"
#include "sync/protocol.h"
#include "sync/syncaccount.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>
#include <QSaveFile>

namespace rd::mobile {

PhotoEvidence::PhotoEvidence(Store &store, QString dir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dir(std::move(dir))
{}

QByteArray PhotoEvidence::shrinkToJpeg(const QImage &image, int maxSide, int quality)
{
    if (image.isNull())
        return {};
    QImage out = image;
    if (std::max(image.width(), image.height()) > maxSide)
        out = image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // JPEG has no alpha: a transparent area becomes white, not black.
    if (out.hasAlphaChannel()) {
        QImage flat(out.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, out);
        out = flat;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!out.save(&buffer, "JPEG", quality))
        return {};
    return bytes;
}

QString PhotoEvidence::sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString PhotoEvidence::pathFor(const QString &sha256) const
{
    return QDir(m_dir).filePath(sha256 + QStringLiteral(".jpg"));
}

QString PhotoEvidence::keep(const QImage &image)
{
    const QByteArray jpeg = shrinkToJpeg(image);
    if (jpeg.isEmpty()) {
        setError(tr("The photo could not be read; take it again."));
        return {};
    }
    const QString sha = sha256Hex(jpeg);
    if (!QDir().mkpath(m_dir)) {
        setError(tr("The tablet cannot make its photo folder %1.").arg(m_dir));
        return {};
    }
    // Written whole or not at all: a photo file named by its hash is always that photo.
    if (!QFileInfo::exists(pathFor(sha))) {
        QSaveFile file(pathFor(sha));
        if (!file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size() || !file.commit()) {
            setError(tr("The tablet cannot keep the photo (is it full?): %1").arg(file.errorString()));
            return {};
        }
    }
    try {
        m_store.keepPhoto(sha.toStdString(), jpeg.size(), QDateTime::currentMSecsSinceEpoch());
    } catch (const std::exception &e) {
        setError(tr("The tablet cannot note the photo for upload: %1").arg(QString::fromUtf8(e.what())));
        return {};
    }
    setError({});
    return QString::fromStdString(photoEvidence(sha.toStdString()));
}

QString PhotoEvidence::keepFile(const QString &path)
{
    const QString local = path.startsWith(QLatin1String("file:")) ? QUrl(path).toLocalFile() : path;
    QImageReader reader(local);
    reader.setAutoTransform(true); // the camera's orientation, applied before shrinking
    const QImage image = reader.read();
    if (image.isNull()) {
        setError(tr("The photo could not be read (%1); take it again.").arg(reader.errorString()));
        return {};
    }
    const QString evidence = keep(image);
    if (!evidence.isEmpty())
        QFile::remove(local);
    return evidence;
}

QString PhotoEvidence::captureFile() const
{
    QDir().mkpath(m_dir);
    return QDir(m_dir).filePath(QStringLiteral("capture-%1.jpg").arg(QDateTime::currentMSecsSinceEpoch()));
}

QUrl PhotoEvidence::photoUrl(const QString &evidence) const
{
    const auto sha = photoSha256(evidence.toStdString());
    if (!sha)
        return {};
    const QString path = pathFor(QString::fromStdString(*sha));
    return QFileInfo::exists(path) ? QUrl::fromLocalFile(path) : QUrl();
}

void PhotoEvidence::fetch(const QString &evidence)
{
    const auto sha = photoSha256(evidence.toStdString());
    if (!sha || !m_network || m_asked.contains(evidence) || photoUrl(evidence).isValid())
        return;
    m_asked.insert(evidence);
    QString token;
    QUrl url;
    try {
        SyncAccount account(m_store);
        token = account.accessToken();
        url = account.serverUrl();
    } catch (const std::exception &) {
        return;
    }
    if (token.isEmpty() || !url.isValid())
        return;
    url.setPath(url.path() + QStringLiteral("/api/v%1/attachments/%2")
                                 .arg(sync::kProtocolVersion)
                                 .arg(QString::fromStdString(*sha)));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(60000);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, hex = QString::fromStdString(*sha)] {
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return; // not on the server (yet), or not ours to see: the line shows no picture
        const QByteArray bytes = reply->readAll();
        if (sha256Hex(bytes) != hex || !QDir().mkpath(m_dir))
            return;
        QSaveFile file(pathFor(hex));
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit()) {
            ++m_revision;
            emit revisionChanged();
        }
    });
}

QString PhotoEvidence::uploadState(const QString &evidence) const
{
    const auto sha = photoSha256(evidence.toStdString());
    if (!sha)
        return {};
    try {
        const auto upload = m_store.photoUpload(*sha);
        if (!upload)
            return tr("photo taken on another tablet");
        if (!upload->refused.empty())
            return tr("photo kept on this tablet only: %1").arg(QString::fromStdString(upload->refused));
        if (upload->uploadedAt)
            return tr("photo on the server");
        return tr("photo waits for the next sync");
    } catch (const std::exception &) {
        return {};
    }
}

void PhotoEvidence::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    emit errorChanged();
}

} // namespace rd::mobile
