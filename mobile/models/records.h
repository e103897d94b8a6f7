#pragma once

#include <QMetaType>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

// The one record a page shows above or beside its list (a release and its build, an installation,
// an asset), as typed QML value types: pages read `units.release.number`, and qmllint and Qt
// Creator know every field. `loaded` is false until the model has read the record (and after a
// failed read); the other fields are then empty. Read-only in QML: the models fill them.

/** A release as its page shows it (UnitsModel::release). */
struct ReleaseInfo {
    Q_GADGET
    QML_VALUE_TYPE(releaseInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString releaseId MEMBER releaseId)
    Q_PROPERTY(QString number MEMBER number)
    Q_PROPERTY(QString kind MEMBER kind)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QString service MEMBER service)
    Q_PROPERTY(QString site MEMBER site)
    Q_PROPERTY(QString siteId MEMBER siteId)
    Q_PROPERTY(QString rooms MEMBER rooms)
    Q_PROPERTY(int units MEMBER units)
    Q_PROPERTY(int unitsDone MEMBER unitsDone)
    Q_PROPERTY(int unitsStarted MEMBER unitsStarted)
    Q_PROPERTY(int unitsBackedOut MEMBER unitsBackedOut)
    Q_PROPERTY(QString plannedDate MEMBER plannedDate)
    Q_PROPERTY(QString trigger MEMBER trigger)
    Q_PROPERTY(QString triggerRef MEMBER triggerRef)
    Q_PROPERTY(QString backOutPlan MEMBER backOutPlan)

public:
    bool loaded = false;
    QString releaseId;
    QString number;
    QString kind;
    QString status;
    QString service;
    QString site;
    QString siteId;
    QString rooms;
    int units = 0;
    int unitsDone = 0;
    int unitsStarted = 0;
    int unitsBackedOut = 0;
    QString plannedDate;
    QString trigger;
    QString triggerRef;
    QString backOutPlan; // the release's own; BuildInfo::backOutPlan is the one that applies
};

/** The build procedure version a release installs (UnitsModel::build). */
struct BuildInfo {
    Q_GADGET
    QML_VALUE_TYPE(buildInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString buildId MEMBER buildId)
    Q_PROPERTY(QString service MEMBER service)
    Q_PROPERTY(int version MEMBER version)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QString hardwareModel MEMBER hardwareModel)
    Q_PROPERTY(QString designNotes MEMBER designNotes)
    Q_PROPERTY(QString backOutPlan MEMBER backOutPlan)
    Q_PROPERTY(int installationSteps MEMBER installationSteps)
    Q_PROPERTY(int stabilityTests MEMBER stabilityTests)
    Q_PROPERTY(int acceptanceTests MEMBER acceptanceTests)
    Q_PROPERTY(int software MEMBER software)

public:
    bool loaded = false;
    QString buildId;
    QString service;
    int version = 0;
    QString status;
    QString hardwareModel;
    QString designNotes;
    QString backOutPlan; // the release's own, else the build's
    int installationSteps = 0;
    int stabilityTests = 0;
    int acceptanceTests = 0;
    int software = 0; // DSL items
};

/** An installation, for its checklist and sign-off (ChecklistModel::installation). */
struct InstallationInfo {
    Q_GADGET
    QML_VALUE_TYPE(installationInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString installationId MEMBER installationId)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QString releaseId MEMBER releaseId)
    Q_PROPERTY(QString releaseNumber MEMBER releaseNumber)
    Q_PROPERTY(QString assetId MEMBER assetId)
    Q_PROPERTY(QString assetTag MEMBER assetTag)
    Q_PROPERTY(QString serial MEMBER serial)
    Q_PROPERTY(QString model MEMBER model)
    Q_PROPERTY(QString room MEMBER room)
    Q_PROPERTY(QString backOutPlan MEMBER backOutPlan)

public:
    bool loaded = false;
    QString installationId;
    QString status;
    QString releaseId;
    QString releaseNumber;
    QString assetId;
    QString assetTag;
    QString serial;
    QString model;
    QString room;
    QString backOutPlan;
};

/** An asset, above its history (HistoryModel::asset). */
struct AssetInfo {
    Q_GADGET
    QML_VALUE_TYPE(assetInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString assetId MEMBER assetId)
    Q_PROPERTY(QString assetTag MEMBER assetTag)
    Q_PROPERTY(QString serial MEMBER serial)
    Q_PROPERTY(QString make MEMBER make)
    Q_PROPERTY(QString model MEMBER model)
    Q_PROPERTY(QString category MEMBER category)
    Q_PROPERTY(QString site MEMBER site)
    Q_PROPERTY(QString room MEMBER room)
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QString assignedUser MEMBER assignedUser)

public:
    bool loaded = false;
    QString assetId;
    QString assetTag;
    QString serial;
    QString make;
    QString model;
    QString category;
    QString site;
    QString room;
    QString status;
    QString assignedUser;
};

} // namespace rd::mobile
