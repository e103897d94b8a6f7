// Photo evidence on the tablet (issue 12): the shrink to a 1600 px JPEG, keeping a photo under its
// hash, and uploading after the sync to the real syncserver: cut off and resumed, held once, and a
// photo over the server's limit refused while its step result syncs.
#include "app/photoevidence.h"
#include "sync/photouploader.h"

#include "serverprocess.h"
#include "synceddata.h"
#include "tablet.h"

#include "domain/photoref.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImageReader>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using rd::Id;
using rd::mobile::PhotoEvidence;
using rd::mobile::PhotoUploader;

namespace {

/** A camera-sized picture with something in it: gradients and shapes, so JPEG has work to do. */
QImage cameraPicture(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, width, height);
    g.setColorAt(0, QColor(30, 80, 160));
    g.setColorAt(1, QColor(220, 200, 90));
    p.fillRect(image.rect(), g);
    p.setPen(QPen(Qt::black, 8));
    for (int i = 0; i < 40; ++i)
        p.drawEllipse(QPoint(width * i / 40, height / 2), width / 30, height / 5);
    return image;
}

QImage decoded(const QByteArray &bytes, QByteArray *format)
{
    QBuffer buffer(const_cast<QByteArray *>(&bytes));
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    *format = reader.format();
    return reader.read();
}

} // namespace

class PhotoTest : public QObject, protected DemoSchool {
    Q_OBJECT

private slots:
    void initTestCase();
    void aCameraPictureIsShrunkToA1600PxJpeg();
    void aPhotoIsKeptUnderItsHash();
    void uploadsCutOffGoOnAndAPhotoOverTheLimitIsRefusedWhileItsResultSyncs();

private:
    /** One round of @p uploader to its end (bounded); the finished() arguments. */
    QList<QVariant> round(PhotoUploader &uploader);

    std::unique_ptr<Tablet> m_sam;
};

void PhotoTest::initTestCase()
{
    QString why;
    QVERIFY2(startDemoSchool(&why), qPrintable(why));
    // A small limit, so that a photo over it is quick to make.
    m_server->setServeOptions({QStringLiteral("--attachment-limit"), QStringLiteral("3000000")});
    QVERIFY2(m_server->restart(), qPrintable(m_server->why()));
    m_sam = demoTablet(QStringLiteral("sam"), &why);
    QVERIFY2(m_sam, qPrintable(why));
}

void PhotoTest::aCameraPictureIsShrunkToA1600PxJpeg()
{
    QByteArray format;
    const auto landscape = PhotoEvidence::shrinkToJpeg(cameraPicture(4000, 3000));
    QVERIFY(!landscape.isEmpty());
    const QImage l = decoded(landscape, &format);
    QCOMPARE(format, QByteArray("jpeg"));
    QCOMPARE(l.size(), QSize(1600, 1200));

    const QImage p = decoded(PhotoEvidence::shrinkToJpeg(cameraPicture(3000, 4000)), &format);
    QCOMPARE(format, QByteArray("jpeg"));
    QCOMPARE(p.size(), QSize(1200, 1600));

    // Never enlarged; still a JPEG.
    const QImage small = decoded(PhotoEvidence::shrinkToJpeg(cameraPicture(800, 600)), &format);
    QCOMPARE(format, QByteArray("jpeg"));
    QCOMPARE(small.size(), QSize(800, 600));

    QVERIFY(PhotoEvidence::shrinkToJpeg(QImage()).isEmpty());
}

void PhotoTest::aPhotoIsKeptUnderItsHash()
{
    const QString dir = m_tmp.filePath(QStringLiteral("sam-photos-keep"));
    PhotoEvidence photos(m_sam->store(), dir);
    // What the camera wrote: a full-size picture in a file, removed once kept.
    const QString shot = m_tmp.filePath(QStringLiteral("shot.jpg"));
    QVERIFY(cameraPicture(4000, 3000).save(shot, "JPEG", 95));
    const QString evidence = photos.keepFile(shot);
    QVERIFY2(!evidence.isEmpty(), qPrintable(photos.error()));
    QVERIFY(!QFile::exists(shot));
    const auto sha = rd::photoSha256(evidence.toStdString());
    QVERIFY(sha);
    QFile kept(photos.pathFor(QString::fromStdString(*sha)));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    const QByteArray bytes = kept.readAll();
    QCOMPARE(PhotoEvidence::sha256Hex(bytes).toStdString(), *sha);
    QCOMPARE(QImage::fromData(bytes).size(), QSize(1600, 1200));
    QCOMPARE(photos.photoUrl(evidence), QUrl::fromLocalFile(kept.fileName()));
    const auto upload = m_sam->store().photoUpload(*sha);
    QVERIFY(upload);
    QCOMPARE(upload->bytes, std::int64_t(bytes.size()));
    QVERIFY(!upload->uploadedAt);
    QCOMPARE(photos.uploadState(evidence), QStringLiteral("photo waits for the next sync"));
    // Not a photo: no file, no state.
    QVERIFY(photos.photoUrl(QStringLiteral("SN-12345")).isEmpty());
    QVERIFY(photos.keepFile(m_tmp.filePath(QStringLiteral("missing.jpg"))).isEmpty());
    QVERIFY(!photos.error().isEmpty());
    m_sam->store().markPhotoRefused(*sha, "kept out of the upload test");
}

QList<QVariant> PhotoTest::round(PhotoUploader &uploader)
{
    QSignalSpy finished(&uploader, &PhotoUploader::finished);
    uploader.start();
    if (finished.isEmpty() && !finished.wait(60000))
        return {};
    return finished.takeFirst();
}

void PhotoTest::uploadsCutOffGoOnAndAPhotoOverTheLimitIsRefusedWhileItsResultSyncs()
{
    const QString dir = m_tmp.filePath(QStringLiteral("sam-photos"));
    PhotoEvidence photos(m_sam->store(), dir);
    const QString evidence = photos.keep(cameraPicture(4000, 3000));
    QVERIFY2(!evidence.isEmpty(), qPrintable(photos.error()));
    const QString sha = QString::fromStdString(*rd::photoSha256(evidence.toStdString()));
    QFile keptFile(photos.pathFor(sha));
    QVERIFY(keptFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = keptFile.readAll();
    QVERIFY(bytes.size() > 3 * 16 * 1024);

    // A photo over the server's limit (3,000,000 bytes), kept here as the camera would have.
    QByteArray big(4 * 1024 * 1024, '\0');
    for (auto &c : big)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    big[0] = '\xFF';
    big[1] = '\xD8';
    big[2] = '\xFF';
    const QString bigSha = PhotoEvidence::sha256Hex(big);
    QVERIFY(QDir().mkpath(dir));
    QFile bigFile(photos.pathFor(bigSha));
    QVERIFY(bigFile.open(QIODevice::WriteOnly) && bigFile.write(big) == big.size());
    bigFile.close();
    m_sam->store().keepPhoto(bigSha.toStdString(), big.size(), Tablet::now());
    const QString bigEvidence = QString::fromStdString(rd::photoEvidence(bigSha.toStdString()));

    // Two checklist lines with photos as their evidence, synced as any result is.
    const auto release = m_sam->release("R-2026-047");
    const auto steps = m_sam->steps(release.buildId);
    QVERIFY(steps.size() >= 2);
    const auto units = m_sam->freeUnits(release.siteId, "Latitude 3440", 1);
    QCOMPARE(units.size(), std::size_t(1));
    const Id installation = m_sam->startInstallation(release.id, units[0]);
    for (const auto &[step, ev] : {std::pair{steps[0].id, evidence}, std::pair{steps[1].id, bigEvidence}}) {
        rd::StepResult r;
        r.installationId = installation;
        r.stepId = step;
        r.outcome = rd::StepOutcome::Pass;
        r.evidence = ev.toStdString();
        r.recordedBy = m_sam->userId();
        r.recordedAt = Tablet::now();
        m_sam->replica().recordStepResult(r);
    }
    RD_VERIFY_SYNC(*m_sam);
    {
        auto server = SyncedData::openReadOnly(m_server->databasePath());
        auto q = server->query("SELECT count(*) FROM step_results WHERE installation_id = ?1 AND evidence IN (?2, ?3)");
        q->bindAll(installation, evidence.toStdString(), bigEvidence.toStdString());
        QVERIFY(q->step());
        QCOMPARE(q->int64(0), std::int64_t(2));
    }

    // A round cut off after two pieces: the server holds those two, nothing under the photo's name.
    const QString attachments = QDir(m_server->dataDir()).filePath(QStringLiteral("attachments"));
    const QString part = QDir(attachments).filePath(QStringLiteral("partial/") + sha + QStringLiteral(".part"));
    const QString finalPath = QDir(attachments).filePath(sha + QStringLiteral(".jpg"));
    {
        PhotoUploader cut(m_sam->store(), dir, m_sam->network());
        cut.setPieceBytes(16 * 1024);
        cut.setStopAfterPieces(2);
        const auto args = round(cut);
        QCOMPARE(args.size(), 3);
        QCOMPARE(args[0].toInt(), 0);
        QVERIFY(!args[2].toString().isEmpty());
    }
    QCOMPARE(QFileInfo(part).size(), qint64(2 * 16 * 1024));
    QVERIFY(!QFile::exists(finalPath));

    // The next round goes on from there; the big photo is refused in words, and not sent.
    PhotoUploader uploader(m_sam->store(), dir, m_sam->network());
    uploader.setPieceBytes(16 * 1024);
    auto args = round(uploader);
    QCOMPARE(args.size(), 3);
    QCOMPARE(args[0].toInt(), 1);
    QCOMPARE(args[1].toInt(), 1);
    QVERIFY2(args[2].toString().isEmpty(), qPrintable(args[2].toString()));
    QFile held(finalPath);
    QVERIFY(held.open(QIODevice::ReadOnly));
    QCOMPARE(held.readAll(), bytes);
    QStringList files;
    for (QDirIterator it(attachments, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files << it.next();
    QCOMPARE(files, QStringList{finalPath});

    QVERIFY(m_sam->store().photoUpload(sha.toStdString())->uploadedAt);
    QCOMPARE(photos.uploadState(evidence), QStringLiteral("photo on the server"));
    const auto refused = m_sam->store().photoUpload(bigSha.toStdString());
    QVERIFY(refused && !refused->uploadedAt);
    QVERIFY2(QString::fromStdString(refused->refused).contains(QStringLiteral("at most")),
             refused->refused.c_str());
    QVERIFY(photos.uploadState(bigEvidence).startsWith(QStringLiteral("photo kept on this tablet only")));

    // Uploaded once: a later round has nothing to send.
    args = round(uploader);
    QCOMPARE(args.size(), 3);
    QCOMPARE(args[0].toInt(), 0);
    QCOMPARE(args[1].toInt(), 0);
}

QTEST_MAIN(PhotoTest)
#include "photo_test.moc"
