#pragma once

#include "app/officelibrary.h"

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
 * A licence of the licence log, added or changed: its name, the key or entitlement reference, the
 * seats bought, when it expires, the supplier and purchase reference, and the DSL item it licenses;
 * each field's error in the core's words as it is typed, a warning when fewer seats are bought than
 * are given, and the sending itself (OfficeLibrary). With no licenceId it adds a licence.
 *
 * The key is the office's: for anyone else the form is read-only and never holds it (an installer's
 * tablet holds "" for it anyway).
 */
class LicenceForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::OfficeLibrary *library READ library WRITE setLibrary NOTIFY libraryChanged)
    /** The licence changed; empty to add one. */
    Q_PROPERTY(QString licenceId READ licenceId WRITE setLicenceId NOTIFY licenceIdChanged)
    Q_PROPERTY(bool adding READ adding NOTIFY licenceIdChanged)

    Q_PROPERTY(QString name READ name WRITE setName NOTIFY fieldsChanged)
    Q_PROPERTY(QString key READ key WRITE setKey NOTIFY fieldsChanged)
    Q_PROPERTY(int seats READ seats WRITE setSeats NOTIFY fieldsChanged)
    /** YYYY-MM-DD, or empty for a licence that does not expire. */
    Q_PROPERTY(QString expiresOn READ expiresOn WRITE setExpiresOn NOTIFY fieldsChanged)
    Q_PROPERTY(QString supplier READ supplier WRITE setSupplier NOTIFY fieldsChanged)
    Q_PROPERTY(QString purchaseRef READ purchaseRef WRITE setPurchaseRef NOTIFY fieldsChanged)
    Q_PROPERTY(QString dslItemId READ dslItemId WRITE setDslItemId NOTIFY fieldsChanged)
    Q_PROPERTY(int dslItemIndex READ dslItemIndex WRITE setDslItemIndex NOTIFY fieldsChanged)
    /** The software it may license, as [{id, name}]: none first, then the library's items. */
    Q_PROPERTY(QVariantList dslItems READ dslItems NOTIFY licenceChanged)
    /** Seats given to assets now. */
    Q_PROPERTY(int used READ used NOTIFY licenceChanged)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY licenceChanged)

    Q_PROPERTY(QString nameError READ nameError NOTIFY fieldsChanged)
    Q_PROPERTY(QString keyError READ keyError NOTIFY fieldsChanged)
    Q_PROPERTY(QString seatsError READ seatsError NOTIFY fieldsChanged)
    /** Not an error: fewer seats than are given leaves the licence over-used. */
    Q_PROPERTY(QString seatsWarning READ seatsWarning NOTIFY fieldsChanged)
    Q_PROPERTY(QString expiresOnError READ expiresOnError NOTIFY fieldsChanged)
    Q_PROPERTY(QString supplierError READ supplierError NOTIFY fieldsChanged)
    Q_PROPERTY(QString purchaseRefError READ purchaseRefError NOTIFY fieldsChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY fieldsChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY fieldsChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit LicenceForm(QObject *parent = nullptr);

    [[nodiscard]] OfficeLibrary *library() const { return m_library; }
    void setLibrary(OfficeLibrary *library);
    [[nodiscard]] QString licenceId() const { return m_licenceId; }
    /** Reads the licence into the form (or empties it, to add one). */
    void setLicenceId(const QString &id);
    [[nodiscard]] bool adding() const { return m_licenceId.isEmpty(); }

    [[nodiscard]] QString name() const { return m_name; }
    void setName(const QString &text);
    [[nodiscard]] QString key() const { return m_key; }
    void setKey(const QString &text);
    [[nodiscard]] int seats() const { return m_seats; }
    void setSeats(int seats);
    [[nodiscard]] QString expiresOn() const { return m_expiresOn; }
    void setExpiresOn(const QString &text);
    [[nodiscard]] QString supplier() const { return m_supplier; }
    void setSupplier(const QString &text);
    [[nodiscard]] QString purchaseRef() const { return m_purchaseRef; }
    void setPurchaseRef(const QString &text);
    [[nodiscard]] QString dslItemId() const { return m_dslItemId; }
    void setDslItemId(const QString &id);
    [[nodiscard]] int dslItemIndex() const;
    void setDslItemIndex(int index);
    [[nodiscard]] QVariantList dslItems() const { return m_dslItems; }
    [[nodiscard]] int used() const { return m_used; }
    [[nodiscard]] bool readOnly() const;

    [[nodiscard]] QString nameError() const;
    [[nodiscard]] QString keyError() const;
    [[nodiscard]] QString seatsError() const;
    [[nodiscard]] QString seatsWarning() const;
    [[nodiscard]] QString expiresOnError() const;
    [[nodiscard]] QString supplierError() const;
    [[nodiscard]] QString purchaseRefError() const;
    [[nodiscard]] bool dirty() const;
    [[nodiscard]] bool canSubmit() const;
    [[nodiscard]] QString error() const { return m_error; }

    /** Adds or changes the licence; answers {ok, id} or {ok: false, error}; saved(id) on success. */
    Q_INVOKABLE QVariantMap submit();
    /** Drops the changes: the licence as stored (or an empty form, to add one). */
    Q_INVOKABLE void revert();

signals:
    void libraryChanged();
    void licenceIdChanged();
    void licenceChanged();
    void fieldsChanged();
    void errorChanged();
    void saved(const QString &licenceId);

private:
    [[nodiscard]] AppSession *session() const;
    void load();
    void setField(QString &field, const QString &value);
    void setError(const QString &error);
    [[nodiscard]] Licence edited() const;

    QPointer<OfficeLibrary> m_library;
    QString m_licenceId;
    Licence m_licence; // as read (its key only for the office): what "changed" compares with
    QString m_name;
    QString m_key;
    int m_seats = 1;
    QString m_expiresOn;
    QString m_supplier;
    QString m_purchaseRef;
    QString m_dslItemId;
    QVariantList m_dslItems;
    int m_used = 0;
    QString m_error;
};

} // namespace rd::mobile
