#pragma once

#include "models/importoutcomesmodel.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * The Import page's form: the file chosen (a path or a file: URL, as a file dialog gives it), its
 * dry run (check: every row's outcome with its line, counted by kind, the file's own problem in
 * words), and the import itself (submit: the new and updated rows through the Replica in one
 * Group, all or nothing, recorded as the signed-in release manager; a sync carries them). Only a
 * release manager imports. Tests drive it without QML.
 */
class ImportForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString file READ file WRITE setFile NOTIFY fileChanged)
    Q_PROPERTY(QString path READ path NOTIFY fileChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileChanged)
    /** "choose" (no dry run of this file yet), "checked" (its dry run shown) or "imported". */
    Q_PROPERTY(QString stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(bool allowed READ allowed NOTIFY sessionChanged)
    Q_PROPERTY(QString error READ error NOTIFY stageChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY stageChanged)
    Q_PROPERTY(QString fileNotes READ fileNotes NOTIFY stageChanged)
    Q_PROPERTY(int added READ added NOTIFY stageChanged)
    Q_PROPERTY(int updated READ updated NOTIFY stageChanged)
    Q_PROPERTY(int unchanged READ unchanged NOTIFY stageChanged)
    Q_PROPERTY(int sameSerial READ sameSerial NOTIFY stageChanged)
    Q_PROPERTY(int refused READ refused NOTIFY stageChanged)
    Q_PROPERTY(bool canCheck READ canCheck NOTIFY fileChanged)
    Q_PROPERTY(bool canImport READ canImport NOTIFY stageChanged)
    Q_PROPERTY(rd::mobile::ImportOutcomesModel *outcomes READ outcomes CONSTANT)

public:
    /** Larger files are not an inventory export (10,000 assets are about 2 MB). */
    static constexpr qint64 kMaxFileBytes = 64LL * 1024 * 1024;

    explicit ImportForm(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);
    [[nodiscard]] QString file() const { return m_file; }
    /** Choosing another file starts again from its dry run. */
    void setFile(const QString &file);
    /** The file as a local path, for showing. */
    [[nodiscard]] QString path() const;
    [[nodiscard]] QString fileName() const;
    [[nodiscard]] QString stage() const { return m_stage; }
    [[nodiscard]] bool allowed() const;
    [[nodiscard]] QString error() const { return m_error; }
    /** The counts in a sentence: "9,950 new, 50 refused" / "Imported: 9,950 added". */
    [[nodiscard]] QString summary() const;
    /** How the file was read: its columns' origin, an encoding, columns ignored. */
    [[nodiscard]] QString fileNotes() const;
    [[nodiscard]] int added() const { return m_report.counts.added; }
    [[nodiscard]] int updated() const { return m_report.counts.updated; }
    [[nodiscard]] int unchanged() const { return m_report.counts.unchanged; }
    [[nodiscard]] int sameSerial() const { return m_report.counts.sameSerial; }
    [[nodiscard]] int refused() const { return m_report.counts.refused; }
    [[nodiscard]] bool canCheck() const { return !m_file.isEmpty(); }
    /** A dry run shown with something to write, and nothing wrong with the file. */
    [[nodiscard]] bool canImport() const;
    [[nodiscard]] ImportOutcomesModel *outcomes() { return &m_outcomes; }

    /** The dry run of the file: true when the file could be read (its rows may still be refused). */
    Q_INVOKABLE bool check();
    /** Imports the file (read again, and checked again against the inventory as it is now): {ok, error}. */
    Q_INVOKABLE QVariantMap submit();

signals:
    void sessionChanged();
    void fileChanged();
    void stageChanged();
    void imported(int added, int updated);

private:
    /** The file's bytes; nothing, with error set, when it cannot be read. */
    [[nodiscard]] std::optional<std::string> readFile();
    void show(io::ImportReport report, const QString &stage);

    QPointer<AppSession> m_session;
    QString m_file;
    QString m_stage = QStringLiteral("choose");
    QString m_error;
    io::ImportReport m_report;
    ImportOutcomesModel m_outcomes;
};

} // namespace rd::mobile
