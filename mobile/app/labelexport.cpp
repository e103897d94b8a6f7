#include "labelexport.h"

#include "appsession.h"
#include "labelpdf.h"
#include "qtconvert.h"

#include "store/views.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <exception>

namespace rd::mobile {

namespace {

QVariantMap failure(const QString &why)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

/** A path from what a file dialog or a test gives: a file: URL, or a plain path (a URL without a scheme). */
QString localPath(const QUrl &file)
{
    if (file.isLocalFile())
        return file.toLocalFile();
    return file.scheme().isEmpty() ? file.path() : QString();
}

} // namespace

LabelExport::LabelExport(QObject *parent)
    : QObject(parent)
{
}

void LabelExport::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

void LabelExport::setLayoutId(const QString &id)
{
    if (m_layoutId == id || !LabelLayout::byId(id))
        return;
    m_layoutId = id;
    emit layoutChanged();
}

QVariantList LabelExport::layouts() const
{
    QVariantList out;
    for (const LabelLayout &l : LabelLayout::all())
        out.append(QVariantMap{{QStringLiteral("id"), l.id()}, {QStringLiteral("name"), l.name()}});
    return out;
}

QUrl LabelExport::folder() const
{
    return QUrl::fromLocalFile(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
}

QUrl LabelExport::suggestedFile() const
{
    return QUrl::fromLocalFile(QDir(folder().toLocalFile()).filePath(QStringLiteral("asset-labels-%1.pdf").arg(m_layoutId)));
}

QList<AssetLabel> LabelExport::labelsFor(const QString &query, int *skipped) const
{
    QList<AssetLabel> labels;
    int without = 0;
    if (m_session && m_session->ready()) {
        for (const auto &row : m_session->views().searchAssets(utf8(query.trimmed()), kMaxLabels + 1, 0)) {
            if (!row.asset.assetTag || row.asset.assetTag->empty()) {
                ++without;
                continue;
            }
            labels.append({qs(*row.asset.assetTag), qs(row.siteName)});
        }
    }
    std::sort(labels.begin(), labels.end(), [](const AssetLabel &a, const AssetLabel &b) { return a.assetTag < b.assetTag; });
    if (skipped)
        *skipped = without;
    return labels;
}

QVariantMap LabelExport::preview(const QString &query) const
{
    int skipped = 0;
    QList<AssetLabel> labels;
    try {
        labels = labelsFor(query, &skipped);
    } catch (const std::exception &) {
        // Nothing to show: savePdf says why in words.
    }
    const auto layout = LabelLayout::byId(m_layoutId).value_or(LabelLayout(LabelLayout::A4Sheet3x8));
    return {{QStringLiteral("labels"), int(labels.size())},
            {QStringLiteral("skipped"), skipped},
            {QStringLiteral("pages"), layout.pagesFor(int(labels.size()))}};
}

QVariantMap LabelExport::savePdf(const QUrl &file, const QString &query)
{
    if (!m_session || !m_session->ready())
        return failure(tr("There is no data on this computer to print labels from."));
    const auto layout = LabelLayout::byId(m_layoutId);
    if (!layout)
        return failure(tr("'%1' is not a label layout.").arg(m_layoutId));
    QString path = localPath(file);
    if (path.isEmpty())
        return failure(tr("Choose a file on this computer to save the labels in."));
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    int skipped = 0;
    QList<AssetLabel> labels;
    try {
        labels = labelsFor(query, &skipped);
    } catch (const std::exception &e) {
        return failure(tr("The labels cannot be made from this computer's data: %1").arg(QString::fromUtf8(e.what())));
    }
    if (labels.isEmpty())
        return failure(skipped > 0 ? tr("None of the assets listed has an asset tag to print.")
                                   : tr("No asset is listed: search for the assets to label first."));
    if (labels.size() > kMaxLabels)
        return failure(tr("More than %1 assets are listed: narrow the search (a room, a tag range).").arg(kMaxLabels));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return failure(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    QString why;
    if (!LabelPdf::write(&out, *layout, labels, &why)) {
        out.cancelWriting();
        return failure(why);
    }
    if (!out.commit())
        return failure(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("path"), path},
            {QStringLiteral("labels"), int(labels.size())},
            {QStringLiteral("skipped"), skipped}};
}

} // namespace rd::mobile
