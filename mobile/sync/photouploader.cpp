#include "photouploader.h"

#include "syncaccount.h"

#include "domain/errors.h"
#include "store/store.h"
#include "sync/protocol.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <utility>

namespace rd::mobile {

namespace {

constexpr int kTimeoutMs = 60000;
constexpr int kMaxMismatches = 3; // pieces the server placed elsewhere, in a row, before giving up

QJsonObject jsonOf(QNetworkReply *reply)
{
    return QJsonDocument::fromJson(reply->readAll()).object();
}

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

PhotoUploader::PhotoUploader(Store &store, QString photoDir, QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dir(std::move(photoDir))
    , m_network(network)
{}

PhotoUploader::~PhotoUploader()
{
    if (m_reply)
        m_reply->abort();
}

void PhotoUploader::start()
{
    if (m_busy)
        return;
    m_uploaded = m_refused = m_piecesSent = 0;
    m_waiting.clear();
    try {
        for (const auto &p : m_store.photosToUpload())
            m_waiting.push_back(p.sha256);
    } catch (const std::exception &e) {
        m_lastMessage = tr("The photos to upload cannot be read: %1").arg(QString::fromUtf8(e.what()));
        emit finished(0, 0, m_lastMessage);
        return;
    }
    m_busy = true;
    emit busyChanged();
    nextPhoto();
}

void PhotoUploader::cancel()
{
    if (!m_busy)
        return;
    // Forgotten first, so that the aborted reply's finished() is not taken for an answer.
    if (const auto reply = std::exchange(m_reply, nullptr))
        reply->abort();
    done(tr("Photo uploads stopped; they go on at the next sync."));
}

void PhotoUploader::nextPhoto()
{
    while (!m_waiting.empty()) {
        m_current = {};
        m_current.sha256 = m_waiting.front();
        m_waiting.erase(m_waiting.begin());
        QFile file(QDir(m_dir).filePath(QString::fromStdString(m_current.sha256) + QStringLiteral(".jpg")));
        if (!file.open(QIODevice::ReadOnly)) {
            refusePhoto(tr("the photo file is no longer on this tablet"));
            continue;
        }
        m_current.bytes = file.readAll();
        m_mismatches = 0;
        askStatus();
        return;
    }
    done({});
}

QNetworkReply *PhotoUploader::send(const QByteArray &verb, const QString &suffix, const QByteArray &body,
                                   const QByteArray &contentRange)
{
    SyncAccount account(m_store);
    QUrl url = account.serverUrl();
    url.setPath(url.path() + QStringLiteral("/api/v%1/attachments/%2%3")
                                 .arg(sync::kProtocolVersion)
                                 .arg(QString::fromStdString(m_current.sha256), suffix));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + account.accessToken().toUtf8());
    request.setTransferTimeout(kTimeoutMs);
    if (!contentRange.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("image/jpeg"));
        request.setRawHeader("Content-Range", contentRange);
    }
    return m_network.sendCustomRequest(request, verb, body);
}

void PhotoUploader::askStatus()
{
    m_reply = send("GET", QStringLiteral("/status"));
    connect(m_reply.data(), &QNetworkReply::finished, this, [this, reply = m_reply.data()] { onStatus(reply); });
}

void PhotoUploader::onStatus(QNetworkReply *reply)
{
    reply->deleteLater();
    if (!m_busy || reply != m_reply)
        return;
    const int status = statusOf(reply);
    const auto body = jsonOf(reply);
    if (status != 200) {
        done(status == 0 ? tr("Photos wait for the next sync: %1").arg(reply->errorString())
                         : tr("Photos wait for the next sync: %1").arg(body.value(QLatin1String("message")).toString()));
        return;
    }
    if (body.value(QLatin1String("complete")).toBool()) {
        m_store.markPhotoUploaded(m_current.sha256, QDateTime::currentMSecsSinceEpoch());
        ++m_uploaded;
        nextPhoto();
        return;
    }
    const auto limit = static_cast<qint64>(body.value(QLatin1String("limit")).toDouble());
    if (limit > 0 && m_current.bytes.size() > limit) {
        refusePhoto(tr("the photo is larger than the server takes (%1 KiB, at most %2 KiB)")
                        .arg(m_current.bytes.size() / 1024)
                        .arg(limit / 1024));
        nextPhoto();
        return;
    }
    m_current.offset = static_cast<qint64>(body.value(QLatin1String("received")).toDouble());
    sendPiece();
}

void PhotoUploader::sendPiece()
{
    if (m_stopAfterPieces > 0 && m_piecesSent >= m_stopAfterPieces) {
        done(tr("Photo uploads stopped; they go on at the next sync."));
        return;
    }
    const qint64 total = m_current.bytes.size();
    const qint64 start = std::clamp<qint64>(m_current.offset, 0, total - 1);
    const qint64 length = std::min(m_pieceBytes, total - start);
    const QByteArray range = "bytes " + QByteArray::number(start) + '-' + QByteArray::number(start + length - 1) + '/' +
                             QByteArray::number(total);
    ++m_piecesSent;
    m_reply = send("PUT", {}, m_current.bytes.mid(start, length), range);
    connect(m_reply.data(), &QNetworkReply::finished, this, [this, reply = m_reply.data()] { onPiece(reply); });
}

void PhotoUploader::onPiece(QNetworkReply *reply)
{
    reply->deleteLater();
    if (!m_busy || reply != m_reply)
        return;
    const int status = statusOf(reply);
    const auto body = jsonOf(reply);
    const QString code = body.value(QLatin1String("error")).toString();
    const QString message = body.value(QLatin1String("message")).toString();
    if (status == 200 || status == 201) {
        if (body.value(QLatin1String("complete")).toBool()) {
            m_store.markPhotoUploaded(m_current.sha256, QDateTime::currentMSecsSinceEpoch());
            ++m_uploaded;
            nextPhoto();
            return;
        }
        m_current.offset = static_cast<qint64>(body.value(QLatin1String("received")).toDouble());
        sendPiece();
        return;
    }
    if (status == 409 && code == QLatin1String("range_mismatch") && ++m_mismatches <= kMaxMismatches) {
        m_current.offset = static_cast<qint64>(body.value(QLatin1String("received")).toDouble());
        sendPiece();
        return;
    }
    // Refusals of the photo itself: sending it again would be refused again.
    if (code == QLatin1String("attachment_too_large") || code == QLatin1String("not_a_photo") ||
        code == QLatin1String("hash_mismatch")) {
        refusePhoto(message);
        nextPhoto();
        return;
    }
    done(status == 0 ? tr("Photos wait for the next sync: %1").arg(reply->errorString())
                     : tr("Photos wait for the next sync: %1").arg(message));
}

void PhotoUploader::refusePhoto(const QString &why)
{
    try {
        m_store.markPhotoRefused(m_current.sha256, why.toStdString());
    } catch (const std::exception &) {
        // noted again at the next round
    }
    ++m_refused;
}

void PhotoUploader::done(const QString &problem)
{
    m_waiting.clear();
    m_current = {};
    m_busy = false;
    if (!problem.isEmpty())
        m_lastMessage = problem;
    else if (m_refused > 0)
        m_lastMessage = tr("%n photo(s) uploaded", nullptr, m_uploaded) + QStringLiteral("; ") +
                        tr("%n photo(s) refused by the server", nullptr, m_refused);
    else
        m_lastMessage = tr("%n photo(s) uploaded", nullptr, m_uploaded);
    emit busyChanged();
    emit finished(m_uploaded, m_refused, problem);
}

} // namespace rd::mobile
