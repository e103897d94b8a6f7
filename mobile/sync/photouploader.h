#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <string>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace rd {
class Store;
}

namespace rd::mobile {

/**
 * Uploads the photos the tablet keeps as evidence (PhotoEvidence) after a sync, one after another,
 * in pieces (docs/sync-protocol.md, "Photo attachments"): it asks the server how much of each it
 * holds, sends the rest from there, and notes each photo the server completes, so a photo goes up
 * once and an upload cut off goes on where it stopped. A photo the server will never take (over
 * its size limit) is noted as refused, with the server's words, and not tried again. Any other
 * failure (no network, a sign-in run out) ends the round quietly: the next sync tries again. The
 * step results themselves never wait for this: they went with the sync before it.
 */
class PhotoUploader : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The session uploads photos after each sync: session.photoUploader.")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString lastMessage READ lastMessage NOTIFY finished)

public:
    /** Bytes per piece: a cut connection loses at most one piece. */
    static constexpr qint64 kPieceBytes = 256 * 1024;

    PhotoUploader(Store &store, QString photoDir, QNetworkAccessManager &network, QObject *parent = nullptr);
    ~PhotoUploader() override;

    void setPieceBytes(qint64 bytes) { m_pieceBytes = bytes; }
    /** A test aid: stops after this many pieces sent in a round (0: no limit), as if cut off. */
    void setStopAfterPieces(int pieces) { m_stopAfterPieces = pieces; }

    /** Uploads what waits; ends with finished(). Does nothing while a round runs. */
    Q_INVOKABLE void start();
    /** Stops the round; what arrived stays on the server, and the next round goes on from it. */
    Q_INVOKABLE void cancel();

    [[nodiscard]] bool busy() const noexcept { return m_busy; }
    [[nodiscard]] QString lastMessage() const { return m_lastMessage; }

signals:
    void busyChanged();
    /** A round's end: photos the server now holds, photos it refused, and a failure in words or "". */
    void finished(int uploaded, int refused, const QString &problem);

private:
    struct Upload {
        std::string sha256;
        QByteArray bytes;
        qint64 offset = 0;
    };
    void nextPhoto();
    void askStatus();
    void sendPiece();
    void onStatus(QNetworkReply *reply);
    void onPiece(QNetworkReply *reply);
    void refusePhoto(const QString &why);
    void done(const QString &problem);
    [[nodiscard]] QNetworkReply *send(const QByteArray &verb, const QString &suffix, const QByteArray &body = {},
                                      const QByteArray &contentRange = {});

    Store &m_store;
    QString m_dir;
    QNetworkAccessManager &m_network;
    qint64 m_pieceBytes = kPieceBytes;
    int m_stopAfterPieces = 0;

    bool m_busy = false;
    std::vector<std::string> m_waiting;
    Upload m_current;
    int m_piecesSent = 0;
    int m_mismatches = 0;
    int m_uploaded = 0;
    int m_refused = 0;
    QPointer<QNetworkReply> m_reply;
    QString m_lastMessage;
};

} // namespace rd::mobile
