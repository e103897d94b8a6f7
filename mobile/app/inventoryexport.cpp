#include "inventoryexport.h"

#include "appsession.h"
#include "qtconvert.h"

#include "io/assetexport.h"

#include <QDate>
#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <sstream>

namespace rd::mobile {

namespace {

QVariantMap failure(const QString &why)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

} // namespace

InventoryExport::InventoryExport(QObject *parent)
    : QObject(parent)
{}

void InventoryExport::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

bool InventoryExport::allowed() const
{
    return m_session && m_session->ready() && m_session->role() == QStringLiteral("release-manager");
}

template <typename Write>
QVariantMap InventoryExport::write(const QString &file, const QString &what, Write &&w)
{
    if (!allowed())
        return failure(tr("Only a release manager exports the inventory."));
    const QUrl url(file);
    const QString path = url.isLocalFile() ? url.toLocalFile() : file;
    if (path.isEmpty())
        return failure(tr("Choose where to save the file."));
    std::ostringstream csv;
    int count = 0;
    try {
        count = w(csv);
    } catch (const std::exception &e) {
        return failure(tr("The export failed: %1").arg(qs(e.what())));
    }
    QSaveFile out(path);
    const auto bytes = csv.str();
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) || !out.commit())
        return failure(tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("count"), count},
            {QStringLiteral("path"), QDir::toNativeSeparators(path)},
            {QStringLiteral("message"), tr("%1 %2 written to %3").arg(count).arg(what, QDir::toNativeSeparators(path))}};
}

QVariantMap InventoryExport::exportInventory(const QString &file)
{
    return write(file, tr("assets"), [this](std::ostream &out) { return io::writeInventoryCsv(m_session->store(), out); });
}

QVariantMap InventoryExport::exportInstallations(const QString &file, const QString &from, const QString &to)
{
    const auto range = io::dayRange(utf8(from.trimmed()), utf8(to.trimmed()));
    if (!range)
        return failure(tr("The period needs two days, YYYY-MM-DD, the first not after the second."));
    return write(file, tr("installations"), [&](std::ostream &out) {
        return io::writeInstallationsCsv(m_session->store(), range->first, range->second, out);
    });
}

QString InventoryExport::suggestedFile(const QString &what) const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QUrl::fromLocalFile(QDir(dir).filePath(what + QLatin1Char('-') + today() + QStringLiteral(".csv"))).toString();
}

QString InventoryExport::today() const
{
    return QDate::currentDate().toString(Qt::ISODate);
}

QString InventoryExport::monthStart() const
{
    const auto d = QDate::currentDate();
    return QDate(d.year(), d.month(), 1).toString(Qt::ISODate);
}

} // namespace rd::mobile
