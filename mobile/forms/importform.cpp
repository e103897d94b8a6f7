#include "importform.h"

#include "appsession.h"
#include "qtconvert.h"

#include "sync/replica.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QUrl>

namespace rd::mobile {

namespace {

/** A path from a path or a file: URL. */
QString localPath(const QString &file)
{
    const QUrl url(file);
    return url.isLocalFile() ? url.toLocalFile() : file;
}

QString number(int n)
{
    return QLocale().toString(n);
}

} // namespace

ImportForm::ImportForm(QObject *parent)
    : QObject(parent)
{}

void ImportForm::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

void ImportForm::setFile(const QString &file)
{
    if (file == m_file)
        return;
    m_file = file;
    emit fileChanged();
    show({}, QStringLiteral("choose"));
}

QString ImportForm::path() const
{
    return localPath(m_file);
}

QString ImportForm::fileName() const
{
    return m_file.isEmpty() ? QString() : QFileInfo(localPath(m_file)).fileName();
}

bool ImportForm::allowed() const
{
    return m_session && m_session->ready() && m_session->role() == QStringLiteral("release-manager");
}

QString ImportForm::summary() const
{
    const auto &n = m_report.counts;
    if (m_stage == QStringLiteral("choose") || (!m_report.ok() && m_report.rows.empty()))
        return {};
    if (m_stage == QStringLiteral("imported")) {
        if (!m_report.applied)
            return tr("Nothing to change: the inventory already holds what the file says.");
        return tr("Imported: %1 added, %2 updated. They go to the server at the next sync.")
            .arg(number(n.added), number(n.updated));
    }
    QStringList parts;
    parts << tr("%1 new").arg(number(n.added)) << tr("%1 updated").arg(number(n.updated))
          << tr("%1 unchanged").arg(number(n.unchanged));
    if (n.sameSerial)
        parts << tr("%1 with the serial of an asset of another make (left out)").arg(number(n.sameSerial));
    parts << tr("%1 refused").arg(number(n.refused));
    return tr("%1 rows: %2.").arg(number(static_cast<int>(m_report.rows.size())), parts.join(QStringLiteral(", ")));
}

QString ImportForm::fileNotes() const
{
    if (m_report.format.empty())
        return {};
    QStringList notes{tr("%1 columns").arg(qs(m_report.format))};
    if (m_report.readAsWindows1252)
        notes << tr("read as Windows-1252 (not UTF-8)");
    if (!m_report.ignoredColumns.empty()) {
        QStringList names;
        for (const auto &c : m_report.ignoredColumns)
            names << qs(c);
        notes << tr("ignored: %1").arg(names.join(QStringLiteral(", ")));
    }
    return notes.join(QStringLiteral("; "));
}

bool ImportForm::canImport() const
{
    return allowed() && m_stage == QStringLiteral("checked") && m_report.ok() && m_report.toWrite() > 0;
}

std::optional<std::string> ImportForm::readFile()
{
    QFile f(localPath(m_file));
    if (!f.open(QIODevice::ReadOnly)) {
        show({}, QStringLiteral("choose"));
        m_error = tr("%1 cannot be opened: %2").arg(fileName(), f.errorString());
        emit stageChanged();
        return std::nullopt;
    }
    if (f.size() > kMaxFileBytes) {
        show({}, QStringLiteral("choose"));
        m_error = tr("%1 is over 64 MB: that is not an inventory export.").arg(fileName());
        emit stageChanged();
        return std::nullopt;
    }
    const QByteArray bytes = f.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

void ImportForm::show(io::ImportReport report, const QString &stage)
{
    m_report = std::move(report);
    m_stage = stage;
    m_error = qs(m_report.error);
    m_outcomes.setRows(m_report.rows);
    emit stageChanged();
}

bool ImportForm::check()
{
    if (!allowed()) {
        m_error = tr("Only a release manager imports assets.");
        emit stageChanged();
        return false;
    }
    if (m_file.isEmpty())
        return false;
    const auto bytes = readFile();
    if (!bytes)
        return false;
    try {
        auto report = io::planAssetImport(m_session->store(), *bytes);
        const bool ok = report.ok();
        show(std::move(report), ok ? QStringLiteral("checked") : QStringLiteral("choose"));
        return ok;
    } catch (const std::exception &e) {
        show({}, QStringLiteral("choose"));
        m_error = tr("The file could not be checked: %1").arg(qs(e.what()));
        emit stageChanged();
        return false;
    }
}

QVariantMap ImportForm::submit()
{
    const auto failure = [this](const QString &why) {
        m_error = why;
        emit stageChanged();
        return QVariantMap{{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
    };
    if (!canImport())
        return failure(allowed() ? tr("Check the file first: there is nothing to import yet.")
                                 : tr("Only a release manager imports assets."));
    const auto bytes = readFile();
    if (!bytes)
        return failure(m_error);
    try {
        auto report = io::importAssets(m_session->replica(), m_session->store(), *bytes, m_session->userId(),
                                       AppSession::now());
        if (!report.ok()) {
            show(std::move(report), QStringLiteral("checked"));
            return failure(m_error);
        }
        const int added = report.counts.added;
        const int updated = report.counts.updated;
        show(std::move(report), QStringLiteral("imported"));
        m_session->notifyLocalChange();
        emit imported(added, updated);
        return {{QStringLiteral("ok"), true}};
    } catch (const std::exception &e) {
        return failure(tr("Nothing was imported: %1").arg(qs(e.what())));
    }
}

} // namespace rd::mobile
