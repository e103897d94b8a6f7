#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

// The office's records beside its lists, as typed QML value types like records.h's: `loaded` is
// false until the model has read the record (and after a failed read). Read-only in QML.

/**
 * A release as the release manager sees it (ReleaseFollowUpModel::plan): its plan in words, its
 * units counted by state, and what may be done with it now.
 */
struct ReleasePlanInfo {
    Q_GADGET
    QML_VALUE_TYPE(releasePlanInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString releaseId MEMBER releaseId)
    Q_PROPERTY(QString number MEMBER number)
    Q_PROPERTY(QString kind MEMBER kind)
    Q_PROPERTY(QString type MEMBER type)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QString service MEMBER service)
    Q_PROPERTY(int buildVersion MEMBER buildVersion)
    Q_PROPERTY(QString hardwareModel MEMBER hardwareModel)
    Q_PROPERTY(QString site MEMBER site)
    Q_PROPERTY(QString plannedDate MEMBER plannedDate)
    Q_PROPERTY(QString plannedEnd MEMBER plannedEnd)
    Q_PROPERTY(QString trigger MEMBER trigger)
    Q_PROPERTY(QString triggerRef MEMBER triggerRef)
    Q_PROPERTY(QString backOutPlan MEMBER backOutPlan)
    Q_PROPERTY(bool ownBackOutPlan MEMBER ownBackOutPlan)
    Q_PROPERTY(QString userNotice MEMBER userNotice)
    Q_PROPERTY(QString reviewNote MEMBER reviewNote)
    Q_PROPERTY(QString installers MEMBER installers)
    Q_PROPERTY(QString targets MEMBER targets)
    Q_PROPERTY(QString createdBy MEMBER createdBy)
    Q_PROPERTY(int units MEMBER units)
    Q_PROPERTY(int unitsDone MEMBER unitsDone)
    Q_PROPERTY(int unitsUnderWay MEMBER unitsUnderWay)
    Q_PROPERTY(int unitsFailing MEMBER unitsFailing)
    Q_PROPERTY(int unitsBackedOut MEMBER unitsBackedOut)
    Q_PROPERTY(int unitsInstalledAgain MEMBER unitsInstalledAgain)
    Q_PROPERTY(QStringList nextStatuses MEMBER nextStatuses)
    Q_PROPERTY(bool canClose MEMBER canClose)
    Q_PROPERTY(bool canEdit MEMBER canEdit)

public:
    bool loaded = false;
    QString releaseId;
    QString number;
    QString kind;   // single, rollout
    QString type;   // major, minor, emergency
    QString status; // the release's status name
    QString service;
    int buildVersion = 0;
    QString hardwareModel;
    QString site;
    QString plannedDate;
    QString plannedEnd;
    QString trigger; // none, request, rfc
    QString triggerRef;
    QString backOutPlan;         // the one installers follow: the release's own, else the build's
    bool ownBackOutPlan = false; // the release has its own, not the build's
    QString userNotice;
    QString reviewNote;
    QString installers; // "Jo Whitaker, Sam Okafor"
    QString targets;    // "RAU-00001, RAU-00002; rooms ICT Suite 2"; empty: any asset of the site
    QString createdBy;
    int units = 0;
    int unitsDone = 0;
    int unitsUnderWay = 0; // in progress, failing ones included
    int unitsFailing = 0;
    int unitsBackedOut = 0; // backed out and not installed again
    int unitsInstalledAgain = 0;
    QStringList nextStatuses; // the statuses the rules allow next, but closed (close() takes the review)
    bool canClose = false;    // the rules allow closing from its status
    bool canEdit = false;     // not closed
};

} // namespace rd::mobile
