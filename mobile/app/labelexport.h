#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;
struct AssetLabel;

/**
 * The release manager's Print labels: asset labels for the assets an inventory search lists (a
 * room, a tag range, one asset), saved as a PDF in the layout chosen (LabelLayout), for a sheet
 * printer or a label printer. Each save answers {ok, error, path, labels, skipped} like the office's
 * actions; a file is written whole or not at all.
 */
class LabelExport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString layoutId READ layoutId WRITE setLayoutId NOTIFY layoutChanged)
    Q_PROPERTY(QVariantList layouts READ layouts CONSTANT)
    Q_PROPERTY(QUrl folder READ folder CONSTANT)

public:
    /** At most this many labels in one file (100 A4 sheets of 40). */
    static constexpr int kMaxLabels = 4000;

    explicit LabelExport(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);
    /** "a4-3x8", "a4-4x10" or "62x29" (LabelLayout::id). */
    [[nodiscard]] QString layoutId() const { return m_layoutId; }
    void setLayoutId(const QString &id);
    /** Every layout: [{id, name}]. */
    [[nodiscard]] QVariantList layouts() const;
    /** Where the file dialog starts: the user's documents. */
    [[nodiscard]] QUrl folder() const;

    /** The labels a search for @p query would print: {labels, skipped (no asset tag), pages}. */
    Q_INVOKABLE QVariantMap preview(const QString &query) const;
    /** The file dialog's suggestion: "asset-labels-a4-3x8.pdf" in folder(). */
    Q_INVOKABLE QUrl suggestedFile() const;
    /**
     * Saves the labels of the assets an inventory search for @p query lists (every match, not only
     * the rows loaded; those without an asset tag are skipped) as PDF to @p file; ".pdf" is added
     * when it has no suffix. Answers {ok, error, path, labels, skipped}.
     */
    Q_INVOKABLE QVariantMap savePdf(const QUrl &file, const QString &query);

signals:
    void sessionChanged();
    void layoutChanged();

private:
    /** The labels for @p query, by asset tag; @p skipped counts the assets without a tag. */
    [[nodiscard]] QList<AssetLabel> labelsFor(const QString &query, int *skipped) const;

    QPointer<AppSession> m_session;
    QString m_layoutId = QStringLiteral("a4-3x8");
};

} // namespace rd::mobile
