#pragma once

#include <QObject>
#include <QString>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {
class AppSession;
}

/**
 * What the services and build procedures pages' Qt Quick tests need beside Fixture: the ids of the
 * demo school's services and build procedure versions, a look into the store at what a tap wrote,
 * and what a sync would have brought (a version handed in, a draft two people saved).
 * Records come back as plain JS objects (see Fixture).
 */
class BuildFixture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")

public:
    using QObject::QObject;

    Q_INVOKABLE QString serviceId(rd::mobile::AppSession *session, const QString &name) const;
    /** {name, description, userBenefit, owner (display name), retired} */
    Q_INVOKABLE QVariant service(rd::mobile::AppSession *session, const QString &serviceId) const;
    /** The id of version @p version of the service named @p service; empty when there is none. */
    Q_INVOKABLE QString buildId(rd::mobile::AppSession *session, const QString &service, int version) const;
    /**
     * {version, status, revision, hardwareModel, designNotes, backOutPlan, returnedReason, software
     * (count), installation, stability, acceptance (each a list of {title, detail, required,
     * evidence})}
     */
    Q_INVOKABLE QVariant build(rd::mobile::AppSession *session, const QString &buildId) const;
    /** Hands a draft in for approval as its build developer, as a sync would bring it. */
    Q_INVOKABLE void submitted(rd::mobile::AppSession *session, const QString &buildId) const;
    /**
     * Leaves what a sync leaves when this tablet's save of a draft lost to a colleague's: the
     * colleague's save in the store (Kim Doyle's, its notes "Kim's notes"), and a conflict keeping this
     * tablet's save whole (its notes "My notes", its last line gone). Answers the conflict's id.
     */
    Q_INVOKABLE QString draftConflict(rd::mobile::AppSession *session, const QString &buildId) const;
    /** The kinds of the outbox's changes, oldest first. */
    Q_INVOKABLE QVariant outboxKinds(rd::mobile::AppSession *session) const;
};
