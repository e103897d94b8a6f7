#pragma once

#include <QObject>
#include <QString>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {
class AppSession;
}

/**
 * The office's look into a tablet's store for the Qt Quick tests of its pages (releases and
 * people): a release or a person as stored, the changes queued of a kind, and a unit backed out
 * and installed again, as an installer's tablet would sync it. Beside Fixture, which makes the
 * tablets (`OfficeFixture { id: office }`). Records come back as plain JS objects.
 */
class OfficeFixture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")

public:
    explicit OfficeFixture(QObject *parent = nullptr);

    /** {releaseId, number, status, kind, units, installers (how many), targets (how many), reviewNote}; null if none. */
    Q_INVOKABLE QVariant release(rd::mobile::AppSession *session, const QString &number) const;
    /** {userId, name, displayName, role, active, sites (how many)}; null if none. */
    Q_INVOKABLE QVariant person(rd::mobile::AppSession *session, const QString &name) const;
    /** Changes of @p kind in the outbox ("planRelease", "addPerson" ...). */
    Q_INVOKABLE int queued(rd::mobile::AppSession *session, const QString &kind) const;
    /** Backs out the failing unit of the release, as its installer, and installs it again; the new installation's id. */
    Q_INVOKABLE QString reinstallFailingUnit(rd::mobile::AppSession *session, const QString &number);
};
