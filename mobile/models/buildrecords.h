#pragma once

#include <QMetaType>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

// The office's services and build procedures pages: the one record a page shows beside its list,
// as a typed QML value type (as records.h does for the installer's pages). `loaded` is false until
// the model has read it. Read-only in QML: the models fill it.

/** A service above its build procedure versions (BuildVersionsModel::service). */
struct ServiceInfo {
    Q_GADGET
    QML_VALUE_TYPE(serviceInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString serviceId MEMBER serviceId)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString description MEMBER description)
    Q_PROPERTY(QString userBenefit MEMBER userBenefit)
    Q_PROPERTY(QString owner MEMBER owner)
    Q_PROPERTY(bool retired MEMBER retired)
    Q_PROPERTY(bool documented MEMBER documented)
    Q_PROPERTY(int approvedVersion MEMBER approvedVersion)
    Q_PROPERTY(QString approvedBuildId MEMBER approvedBuildId)
    Q_PROPERTY(QString state MEMBER state)

public:
    bool loaded = false;
    QString serviceId;
    QString name;
    QString description;
    QString userBenefit;
    QString owner;
    bool retired = false;
    bool documented = false;   // it has an approved build procedure
    int approvedVersion = 0;   // 0: none
    QString approvedBuildId;   // the version a new draft is copied from
    QString state;             // "documented (v2 approved)", "still to document", "retired"
};

} // namespace rd::mobile
