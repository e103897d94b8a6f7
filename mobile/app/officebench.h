#pragma once

#include "domain/entities.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <string_view>

namespace rd::mobile {

class AppSession;

/**
 * The office's actions on services and build procedures, for the pages and their forms: add,
 * change and retire a service; draft, save and submit a build procedure version; return it with a
 * reason, approve or retire it. Each is one local transaction with its outbox entry (through the
 * Replica), committed before the call returns, so it works offline and is sent once at the next
 * sync. Each answers a map, {"ok": true, ...} or {"ok": false, "error": "words", "field": the
 * field's label when one field is to blame}; nothing is written when it fails.
 *
 * Who may do what is the sync's own description of each mutation kind (sync/kinds.cpp): an action
 * the signed-in person's role may not send is refused here, in words, before anything is written,
 * as the server would refuse the whole push for it. The can… properties say the same for the pages.
 */
class OfficeBench : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    /** Add a service and change one (release managers and build developers). */
    Q_PROPERTY(bool canEditServices READ canEditServices NOTIFY rightsChanged)
    /** Retire a service (release managers). */
    Q_PROPERTY(bool canRetireServices READ canRetireServices NOTIFY rightsChanged)
    /** Draft, save and submit a build procedure version (build developers). */
    Q_PROPERTY(bool canWriteBuilds READ canWriteBuilds NOTIFY rightsChanged)
    /** Return, approve and retire a submitted version (release managers). */
    Q_PROPERTY(bool canDecideBuilds READ canDecideBuilds NOTIFY rightsChanged)

public:
    explicit OfficeBench(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);

    [[nodiscard]] bool canEditServices() const { return may("addService"); }
    [[nodiscard]] bool canRetireServices() const { return may("retireService"); }
    [[nodiscard]] bool canWriteBuilds() const { return may("saveBuildDraft"); }
    [[nodiscard]] bool canDecideBuilds() const { return may("approveBuild"); }
    /** Whether the signed-in person's role may send the mutation kind @p kind at all. */
    [[nodiscard]] bool may(std::string_view kind) const;

    /** Adds @p service (a null id) or changes it; answers {ok, id}. For ServiceForm. */
    QVariantMap saveService(const Service &service);
    /** Retires a service; refused while one of its releases is open. */
    Q_INVOKABLE QVariantMap retireService(const QString &serviceId);

    /**
     * A new draft version of the service's build procedure, copied from @p fromBuildId (any version
     * of it), or empty when that is empty; answers {ok, id: the new version's id}.
     */
    Q_INVOKABLE QVariantMap draftBuild(const QString &serviceId, const QString &fromBuildId);
    /**
     * Saves a draft as edited, from the revision it was read at (@p draft.revision); with
     * @p thenSubmit, hands it in for approval in the same transaction. Answers {ok, revision: the
     * draft's revision now}. @p source is the form that made the change (see notifyLocalChange).
     */
    QVariantMap saveBuildDraft(const BuildProcedure &draft, bool thenSubmit, const QObject *source = nullptr);
    Q_INVOKABLE QVariantMap submitBuild(const QString &buildId);
    /** Sends a submitted version back to its build developer as a draft, with the reason. */
    Q_INVOKABLE QVariantMap returnBuild(const QString &buildId, const QString &reason);
    /** Approves a submitted version; the service's version approved before it retires. */
    Q_INVOKABLE QVariantMap approveBuild(const QString &buildId);
    Q_INVOKABLE QVariantMap retireBuild(const QString &buildId);

signals:
    void sessionChanged();
    void rightsChanged();

private:
    /**
     * Runs @p write when the person may send @p kind (else @p refusal is the answer), and turns its
     * errors into words. @p source: see AppSession::notifyLocalChange.
     */
    template <typename F>
    QVariantMap attempt(std::string_view kind, const QString &refusal, F &&write, const QObject *source = nullptr);

    QPointer<AppSession> m_session;
};

} // namespace rd::mobile
