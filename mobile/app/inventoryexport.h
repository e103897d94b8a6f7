#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * The release manager's exports to CSV: the inventory (the columns an import reads back) and the
 * installations of a period. Each writes the whole file or nothing (QSaveFile) and answers
 * {ok, error, count, path} in words.
 */
class InventoryExport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool allowed READ allowed NOTIFY sessionChanged)

public:
    explicit InventoryExport(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);
    [[nodiscard]] bool allowed() const;

    /** Every asset to @p file (a path or a file: URL). */
    Q_INVOKABLE QVariantMap exportInventory(const QString &file);
    /** The installations started from the day @p from to the day @p to (YYYY-MM-DD, both included). */
    Q_INVOKABLE QVariantMap exportInstallations(const QString &file, const QString &from, const QString &to);
    /** A file in the Documents folder for @p what ("inventory", "installations"), dated today, as a file: URL. */
    Q_INVOKABLE QString suggestedFile(const QString &what) const;
    /** YYYY-MM-DD of today, and of the first of this month: the period offered. */
    Q_INVOKABLE QString today() const;
    Q_INVOKABLE QString monthStart() const;

signals:
    void sessionChanged();

private:
    template <typename Write>
    QVariantMap write(const QString &file, const QString &what, Write &&w);

    QPointer<AppSession> m_session;
};

} // namespace rd::mobile
