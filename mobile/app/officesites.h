#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * The release manager's actions on the organisation's sites and their rooms: what a school adds
 * first, before people, releases or assets can name them. Each is one local change with its outbox
 * entry, answering {ok, id} or {ok: false, error} in words, like the Workbench.
 */
class OfficeSites : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)

public:
    explicit OfficeSites(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);

    /** A site (a school or building): its name, a short code, and the format of its asset tags (a regular expression, or empty). */
    Q_INVOKABLE QVariantMap addSite(const QString &name, const QString &code, const QString &tagPattern);
    /** A room of the site @p siteId. */
    Q_INVOKABLE QVariantMap addRoom(const QString &siteId, const QString &name);

signals:
    void sessionChanged();

private:
    template <typename F>
    QVariantMap attempt(F &&f);

    QPointer<AppSession> m_session;
};

} // namespace rd::mobile
