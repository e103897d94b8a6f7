#pragma once

#include "domain/entities.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace rd::mobile {

class AppSession;

/**
 * The release manager's actions on people, for the pages and PersonForm: add a person, change their
 * role and sites, switch them off or on (each one local change with its outbox entries, answering
 * {ok, error} like the Workbench), and set a password, which is online only: a password is never
 * queued or kept on a device. setPassword() first syncs when this computer has changes waiting (a
 * person added here reaches the server with them), then asks the server, and says how it went
 * with passwordFinished().
 */
class OfficePeople : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool settingPassword READ settingPassword NOTIFY settingPasswordChanged)

public:
    explicit OfficePeople(QObject *parent = nullptr);
    ~OfficePeople() override;

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);
    [[nodiscard]] bool settingPassword() const { return m_settingPassword; }

    /** Adds @p person (name, display name, role) working at @p sites. Answers {ok, id}. */
    QVariantMap add(const User &person, const std::vector<Id> &sites);
    /**
     * Changes a person's display name, role, whether they are switched on, and sites. The signed-in
     * person cannot switch themselves off or give up their own role: another release manager does.
     */
    QVariantMap update(const User &person, const std::vector<Id> &sites);
    /** Switches a person off (they can no longer sign in or sync) or on again. */
    Q_INVOKABLE QVariantMap setActive(const QString &userId, bool active);

    /**
     * Sets @p userId's password on the server, online: after a sync when this computer has changes
     * waiting (the person may be among them). Ends with passwordFinished(), at once when it cannot
     * start (offline, a password being set already).
     */
    Q_INVOKABLE void setPassword(const QString &userId, const QString &password);

    /** A role in words: "Release manager", "Build developer", "Installer". */
    [[nodiscard]] static QString roleWords(Role role);

signals:
    void sessionChanged();
    void settingPasswordChanged();
    void passwordFinished(bool ok, const QString &message);

private:
    template <typename F>
    QVariantMap attempt(F &&f);
    /** The person's update refused when it would lock the signed-in person out; empty when allowed. */
    [[nodiscard]] QString lockOut(const User &person) const;
    void sendPassword();
    void finishPassword(bool ok, const QString &message);

    QPointer<AppSession> m_session;
    bool m_settingPassword = false;
    QString m_passwordUser;
    QString m_password; // only while it is being set; never written anywhere
    QString m_passwordName;
    QMetaObject::Connection m_waiting; // the sync or the server's answer being waited for
};

} // namespace rd::mobile
