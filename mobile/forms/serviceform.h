#pragma once

#include "app/officebench.h"

#include "domain/entities.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * A service of the catalogue, added or changed: its name, description, what users get and its
 * owner (anyone active, or no one), each field's error in the core's words (and a name another
 * service already has), and the sending itself (OfficeBench). With no serviceId it adds a service.
 * A retired service, or a role that may not change the catalogue, is read-only.
 */
class ServiceForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::OfficeBench *office READ office WRITE setOffice NOTIFY officeChanged)
    /** The service changed; empty to add one. */
    Q_PROPERTY(QString serviceId READ serviceId WRITE setServiceId NOTIFY serviceIdChanged)
    Q_PROPERTY(bool adding READ adding NOTIFY serviceIdChanged)

    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
    Q_PROPERTY(QString description READ description WRITE setDescription NOTIFY descriptionChanged)
    Q_PROPERTY(QString userBenefit READ userBenefit WRITE setUserBenefit NOTIFY userBenefitChanged)
    Q_PROPERTY(QString ownerId READ ownerId WRITE setOwnerId NOTIFY ownerChanged)
    Q_PROPERTY(int ownerIndex READ ownerIndex WRITE setOwnerIndex NOTIFY ownerChanged)
    /** Who may own it, as [{id, name}]: "no one" (no id) first, then the active people. */
    Q_PROPERTY(QVariantList owners READ owners NOTIFY serviceChanged)
    Q_PROPERTY(bool retired READ retired NOTIFY serviceChanged)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY serviceChanged)

    Q_PROPERTY(QString nameError READ nameError NOTIFY checksChanged)
    Q_PROPERTY(QString descriptionError READ descriptionError NOTIFY checksChanged)
    Q_PROPERTY(QString userBenefitError READ userBenefitError NOTIFY checksChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY checksChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY checksChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit ServiceForm(QObject *parent = nullptr);

    [[nodiscard]] OfficeBench *office() const { return m_office; }
    void setOffice(OfficeBench *office);
    [[nodiscard]] QString serviceId() const { return m_serviceId; }
    /** Reads the service into the form (or empties it, to add one). */
    void setServiceId(const QString &serviceId);
    [[nodiscard]] bool adding() const { return m_serviceId.isEmpty(); }

    [[nodiscard]] QString name() const { return m_name; }
    void setName(const QString &name);
    [[nodiscard]] QString description() const { return m_description; }
    void setDescription(const QString &description);
    [[nodiscard]] QString userBenefit() const { return m_userBenefit; }
    void setUserBenefit(const QString &userBenefit);
    [[nodiscard]] QString ownerId() const { return m_ownerId; }
    void setOwnerId(const QString &ownerId);
    [[nodiscard]] int ownerIndex() const;
    void setOwnerIndex(int index);
    [[nodiscard]] QVariantList owners() const { return m_owners; }
    [[nodiscard]] bool retired() const { return m_service.retiredAt.has_value(); }
    [[nodiscard]] bool readOnly() const;

    [[nodiscard]] QString nameError() const;
    [[nodiscard]] QString descriptionError() const;
    [[nodiscard]] QString userBenefitError() const;
    [[nodiscard]] bool dirty() const;
    [[nodiscard]] bool canSubmit() const;
    [[nodiscard]] QString error() const { return m_error; }

    /** Adds or changes the service; answers {ok, id} or {ok: false, error}; saved(id) on success. */
    Q_INVOKABLE QVariantMap submit();
    /** Drops the changes: the service as stored (or an empty form, to add one). */
    Q_INVOKABLE void revert();

signals:
    void officeChanged();
    void serviceIdChanged();
    void serviceChanged();
    void nameChanged();
    void descriptionChanged();
    void userBenefitChanged();
    void ownerChanged();
    void checksChanged();
    void errorChanged();
    void saved(const QString &serviceId);

private:
    [[nodiscard]] AppSession *session() const;
    void load();
    void setError(const QString &error);
    [[nodiscard]] Service edited() const;

    QPointer<OfficeBench> m_office;
    QString m_serviceId;
    Service m_service; // as read: what "changed" compares with
    QString m_name;
    QString m_description;
    QString m_userBenefit;
    QString m_ownerId;
    QVariantList m_owners;
    QString m_nameTaken; // the error for a name another service has; empty when free
    QString m_error;
};

} // namespace rd::mobile
