#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QIODevice;

namespace rd {
struct Report;
}

namespace rd::mobile {

class AppSession;

/**
 * The monthly report saved to a file the release manager chooses: CSV, the same file as the
 * server's `syncserver report --format csv` (the core writes both), or PDF, a page a headteacher
 * can be handed: the school, the month, the counts and the measures with their rules, the 12
 * months of builds installed, and the lists. Each save answers {ok, error, path} like the office's
 * actions; a file is written whole or not at all.
 */
class ReportExport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString month READ month WRITE setMonth NOTIFY monthChanged)
    Q_PROPERTY(QUrl folder READ folder CONSTANT)

public:
    explicit ReportExport(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);
    /** "2026-11" */
    [[nodiscard]] QString month() const { return m_month; }
    void setMonth(const QString &month);
    /** Where the file dialog starts: the user's documents. */
    [[nodiscard]] QUrl folder() const;

    /** "release-report-2026-11.csv" for @p suffix "csv". */
    Q_INVOKABLE QString fileName(const QString &suffix) const;
    /** The file dialog's suggestion: fileName() in folder(). */
    Q_INVOKABLE QUrl suggestedFile(const QString &suffix) const;
    /**
     * Saves the month's report as CSV to @p file (what the file dialog chose, or a plain path from a
     * test); the suffix is added when it has none. Answers {ok, error, path}.
     */
    Q_INVOKABLE QVariantMap saveCsv(const QUrl &file);
    /** Saves it as PDF. Answers {ok, error, path}. */
    Q_INVOKABLE QVariantMap savePdf(const QUrl &file);

    /** Writes @p report as PDF pages to @p device; false, saying why in @p error, when it cannot. */
    static bool writePdf(const Report &report, QIODevice *device, QString *error);

signals:
    void sessionChanged();
    void monthChanged();

private:
    template <typename Write>
    QVariantMap save(const QUrl &file, const QString &suffix, Write &&write);

    QPointer<AppSession> m_session;
    QString m_month;
};

} // namespace rd::mobile
