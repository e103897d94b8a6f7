#include "importfixture.h"

#include "app/appsession.h"

#include "demo/snipeitsample.h"

#include <QFile>
#include <QVariantList>
#include <QVariantMap>

ImportFixture::ImportFixture(QObject *parent)
    : QObject(parent)
{}

QVariant ImportFixture::snipeItFile(rd::mobile::AppSession *session, int rows, int bad)
{
    const auto sample = rd::snipeItSample(session->store(), rows, bad);
    const QString path = m_dir.filePath(QStringLiteral("snipeit.csv"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(sample.csv.data(), static_cast<qint64>(sample.csv.size()));
    QVariantList lines;
    for (const auto &b : sample.bad)
        lines << b.line;
    return QVariantMap{{QStringLiteral("path"), path},
                       {QStringLiteral("good"), sample.goodRows},
                       {QStringLiteral("badLines"), lines}};
}

QString ImportFixture::writeFile(const QString &name, const QString &text)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text.toUtf8());
    return path;
}

QString ImportFixture::pathOf(const QString &name) const
{
    return m_dir.filePath(name);
}

QString ImportFixture::firstLine(const QString &path) const
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine()).trimmed();
}
