#include "testdata.h"

#include <QDir>
#include <QFile>

namespace rd::test {

QString sampleSetDir(const QString &set)
{
    for (const char *root : {RD_BARCODE_DATA_DIR, RD_SHARED_BARCODE_DATA_DIR}) {
        const QDir dir(QString::fromUtf8(root) + QLatin1Char('/') + set);
        if (dir.exists())
            return dir.absolutePath();
    }
    return {};
}

QList<SampleImage> sampleImages(const QString &dirPath)
{
    QList<SampleImage> out;
    const QDir dir(dirPath);
    for (const QString &file : dir.entryList({QStringLiteral("*.png"), QStringLiteral("*.jpg")}, QDir::Files,
                                             QDir::Name)) {
        SampleImage s;
        s.path = dir.filePath(file);
        s.name = file;
        QFile txt(dir.filePath(file.left(file.lastIndexOf(QLatin1Char('.'))) + QStringLiteral(".txt")));
        if (txt.open(QIODevice::ReadOnly)) {
            s.expected = txt.readAll();
            s.hasExpected = true;
        }
        out.append(s);
    }
    return out;
}

QStringList sampleSets()
{
    return {QStringLiteral("code128-1"),    QStringLiteral("code128-2"),    QStringLiteral("code39-1"),
            QStringLiteral("datamatrix-1"), QStringLiteral("datamatrix-2"), QStringLiteral("ean13-1"),
            QStringLiteral("qrcode-1"),     QStringLiteral("qrcode-3"),     QStringLiteral("multi-1"),
            QStringLiteral("falsepositives-1")};
}

} // namespace rd::test
