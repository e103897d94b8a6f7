#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * Base of the app's list models: a QAbstractListModel over the local store that reads its rows
 * from the session (never SQL in QML) and reads them again whenever something local changes or a
 * sync ends. A failure to read reaches the page as `error`, in plain words, with the list empty.
 *
 * Subclasses name it in full (`public rd::mobile::SessionModel`): Qt 6.4's qmltyperegistrar does
 * not find a base class by its short name, and QML and qmllint would then not see session, count
 * and error. Q_PROPERTY types are written in full for the same reason.
 */
class SessionModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)

public:
    explicit SessionModel(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);
    [[nodiscard]] int count() const { return rowCount(); }
    [[nodiscard]] QString error() const { return m_error; }
    /**
     * Whether the list is on screen. An inactive model (a page under another in the stack) does
     * not read again on every local change: it notes that it is out of date and reads once when it
     * becomes active again. A checklist tap then costs the lists underneath nothing. True by default.
     */
    [[nodiscard]] bool active() const { return m_active; }
    void setActive(bool active);

    /** Reads the rows again. */
    Q_INVOKABLE void reload();

signals:
    void sessionChanged();
    void countChanged();
    void errorChanged();
    void activeChanged();

protected:
    /** Reads the rows into the subclass's storage; called between begin/endResetModel. May throw. */
    virtual void load() = 0;
    /** Empties the subclass's storage (after a failed load, or without a session). */
    virtual void clear() = 0;
    /** Whether the model has what it needs to load (a session, and its own key if it has one). */
    [[nodiscard]] virtual bool canLoad() const;
    void setError(const QString &error);
    /** True while the model announces a reset: not the moment to insert more rows. */
    [[nodiscard]] bool announcingReset() const { return m_announcingReset; }

private:
    void onLocalDataChanged();

    QPointer<AppSession> m_session;
    QString m_error;
    bool m_announcingReset = false;
    bool m_active = true;
    bool m_stale = false; // a local change came while inactive
};

} // namespace rd::mobile
