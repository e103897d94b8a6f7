#pragma once

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class QNetworkAccessManager;

namespace rd {
class Store;
}

namespace rd::mobile {

/**
 * The photos a checklist line keeps as evidence (issue 12), on the tablet: each one shrunk to at
 * most 1600 px on its long side, a JPEG at quality 85, in the app's data directory under its
 * SHA-256 (`photos/<hex>.jpg`), noted in the store to be uploaded after the next sync. The step
 * result's evidence names it "photo:sha256:<hex>". Failures come back as "" and error(), in words.
 */
class PhotoEvidence : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The session keeps the photos: session.photos.")
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    /** Goes up when a photo arrives from the server: a photoUrl() read before may now have a file. */
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)

public:
    static constexpr int kMaxSide = 1600;
    static constexpr int kJpegQuality = 85;

    PhotoEvidence(Store &store, QString dir, QObject *parent = nullptr);

    /** Where fetch() asks the server (the session's); without it, fetch() does nothing. */
    void setNetwork(QNetworkAccessManager *network) { m_network = network; }

    /**
     * @p image as the tablet keeps it: scaled down (never up) so that its long side is at most
     * @p maxSide, smoothly, then encoded as JPEG at @p quality. Empty for a null image.
     */
    [[nodiscard]] static QByteArray shrinkToJpeg(const QImage &image, int maxSide = kMaxSide,
                                                 int quality = kJpegQuality);
    /** The lower-case hex SHA-256 of @p bytes. */
    [[nodiscard]] static QString sha256Hex(const QByteArray &bytes);

    /** Keeps @p image (shrunk) and returns its evidence, "photo:sha256:<hex>"; "" on failure. */
    QString keep(const QImage &image);
    /**
     * Keeps the picture in the file @p path (what the camera wrote; a file:// URL is taken too)
     * and removes that file once kept; returns the evidence, or "" with error() on failure.
     */
    Q_INVOKABLE QString keepFile(const QString &path);

    /** Where the camera writes its next picture (in the photo folder), before keepFile() shrinks it. */
    Q_INVOKABLE QString captureFile() const;

    /** The kept photo an evidence names, as a file URL; empty when it is not a photo kept here. */
    Q_INVOKABLE QUrl photoUrl(const QString &evidence) const;
    /**
     * Fetches a photo this device does not keep (taken on another tablet: the office's view) from
     * the server (GET /api/v1/attachments/<sha256>), checks it against its hash and keeps it;
     * revision goes up when it is here. Once per photo and run: a refusal is not asked again.
     */
    Q_INVOKABLE void fetch(const QString &evidence);

    /** Whether the server has the photo yet, in words for the line ("" when it is not a photo). */
    Q_INVOKABLE QString uploadState(const QString &evidence) const;

    [[nodiscard]] QString dir() const { return m_dir; }
    [[nodiscard]] QString pathFor(const QString &sha256) const;
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] int revision() const noexcept { return m_revision; }

signals:
    void errorChanged();
    void revisionChanged();

private:
    void setError(const QString &error);

    Store &m_store;
    QString m_dir;
    QString m_error;
    QNetworkAccessManager *m_network = nullptr;
    QSet<QString> m_asked; // photos fetched (or being fetched) in this run
    int m_revision = 0;
};

} // namespace rd::mobile
