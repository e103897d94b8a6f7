#pragma once

#include "domain/entities.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * The release manager's actions on releases, for the pages and ReleasePlanForm: plan a release,
 * change its plan and installers, move it through its life, close it with the post-implementation
 * review. Like the Workbench, each is one local change with its outbox entries (through the
 * Replica), committed before the call returns, so it works offline and is synced exactly once;
 * each answers {"ok": true, ...} or {"ok": false, "error": "words"}, and writes nothing when it
 * fails. The server checks the rights again; the pages offer these to release managers only.
 */
class OfficeReleases : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)

public:
    explicit OfficeReleases(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);

    /** Plans @p release (with its installers) as the signed-in person, now. Answers {ok, id}. */
    QVariantMap plan(Release release);
    /**
     * Changes a release's plan to @p release as edited: its fields and targets, and its installers
     * when they changed; one local change. A field a colleague changed first becomes a conflict on
     * the server, never an overwrite. Answers {ok, id}.
     */
    QVariantMap update(const Release &release);

    /** Moves the release to @p status ("installed", "accepted", "backed-out" ...) where the rules allow. */
    Q_INVOKABLE QVariantMap setStatus(const QString &releaseId, const QString &status);
    /** Closes the release with its post-implementation review note; refused while a unit is in progress. */
    Q_INVOKABLE QVariantMap close(const QString &releaseId, const QString &reviewNote);

signals:
    void sessionChanged();

private:
    template <typename F>
    QVariantMap attempt(F &&f);

    QPointer<AppSession> m_session;
};

} // namespace rd::mobile
