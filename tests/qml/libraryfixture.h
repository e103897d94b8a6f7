#pragma once

#include <QObject>
#include <QString>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {
class AppSession;
}

/**
 * What the software library's, the licence log's and the history pages' Qt Quick tests need beside
 * Fixture: the ids of the demo school's DSL items and licences, a look into the store at what a tap
 * wrote (the in/out book, seats, a sign-off's reason), and what a sync would have brought (media
 * taken out by a colleague days ago, a licence changed in the office, an asset moved, the keys an
 * installer's pull leaves out). Records come back as plain JS objects (see Fixture).
 */
class LibraryFixture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")

public:
    using QObject::QObject;

    Q_INVOKABLE QString dslItemId(rd::mobile::AppSession *session, const QString &product) const;
    Q_INVOKABLE QString licenceId(rd::mobile::AppSession *session, const QString &name) const;
    /** The in/out book of @p product, newest first: [{takenBy, purpose, out, returnedBy, expectedBack (ms or 0)}]. */
    Q_INVOKABLE QVariant loans(rd::mobile::AppSession *session, const QString &product) const;
    /**
     * As a sync brings it: @p product's media taken out by @p userName @p daysAgo days ago, due back
     * @p dueDaysAgo days ago (overdue when positive). Answers the loan's id.
     */
    Q_INVOKABLE QString mediaTakenOut(rd::mobile::AppSession *session, const QString &product, const QString &userName,
                                      int daysAgo, int dueDaysAgo) const;
    /** {name, key, seats, used, expiresOn, supplier, purchaseRef, software (product)} as stored. */
    Q_INVOKABLE QVariant licence(rd::mobile::AppSession *session, const QString &name) const;
    /** As the office's change brings it: @p name's seats and expiry (YYYY-MM-DD, or "" for none). */
    Q_INVOKABLE void setLicence(rd::mobile::AppSession *session, const QString &name, int seats,
                                const QString &expiresOn) const;
    /** The seats of @p name given now, bought exactly: no seat left. */
    Q_INVOKABLE void fillLicence(rd::mobile::AppSession *session, const QString &name) const;
    /** An expiry @p days from today, YYYY-MM-DD. */
    Q_INVOKABLE QString dayFromToday(int days) const;
    /** What an installer's pull leaves on a tablet: every licence key "". */
    Q_INVOKABLE void dropKeys(rd::mobile::AppSession *session) const;
    /** {seatOverrideReason (or ""), seats: how many seats its asset holds} of an installation's sign-off; null if none. */
    Q_INVOKABLE QVariant signOff(rd::mobile::AppSession *session, const QString &installationId) const;
    /** The seat of licence @p name given to the asset tagged @p assetTag: {overrideReason, assignedBy}; null if none. */
    Q_INVOKABLE QVariant seat(rd::mobile::AppSession *session, const QString &name, const QString &assetTag) const;
    /**
     * As the office's change brings it: the asset tagged @p assetTag moved to another room of its
     * site, and its status set to @p status, by @p userName. Answers the new room's name.
     */
    Q_INVOKABLE QString assetChanged(rd::mobile::AppSession *session, const QString &assetTag, const QString &status,
                                     const QString &userName) const;
    /** An asset of the demo school with no seat of licence @p name: its asset tag. */
    Q_INVOKABLE QString assetWithoutSeat(rd::mobile::AppSession *session, const QString &name) const;
};
