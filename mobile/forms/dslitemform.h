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
 * A software item of the Definitive Software Library, added or changed: product, version and
 * vendor, the kind of original media and where they are kept, where the build software is and its
 * SHA-256, and the licence type; each field's error in the core's words as it is typed (and a
 * product and version the library holds already), and the sending itself (OfficeLibrary). With no
 * dslItemId it adds an item. Read-only for a role that may not change the library.
 */
class DslItemForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::OfficeLibrary *library READ library WRITE setLibrary NOTIFY libraryChanged)
    /** The item changed; empty to add one. */
    Q_PROPERTY(QString dslItemId READ dslItemId WRITE setDslItemId NOTIFY dslItemIdChanged)
    Q_PROPERTY(bool adding READ adding NOTIFY dslItemIdChanged)

    Q_PROPERTY(QString product READ product WRITE setProduct NOTIFY fieldsChanged)
    Q_PROPERTY(QString version READ version WRITE setVersion NOTIFY fieldsChanged)
    Q_PROPERTY(QString vendor READ vendor WRITE setVendor NOTIFY fieldsChanged)
    /** The media's kind, by its stored name ("disc", "usb-drive" ...). */
    Q_PROPERTY(QString mediaKind READ mediaKind WRITE setMediaKind NOTIFY fieldsChanged)
    Q_PROPERTY(int mediaKindIndex READ mediaKindIndex WRITE setMediaKindIndex NOTIFY fieldsChanged)
    /** Every media kind, as [{value, name}]. */
    Q_PROPERTY(QVariantList mediaKinds READ mediaKinds CONSTANT)
    Q_PROPERTY(QString mediaLocation READ mediaLocation WRITE setMediaLocation NOTIFY fieldsChanged)
    Q_PROPERTY(QString buildLocation READ buildLocation WRITE setBuildLocation NOTIFY fieldsChanged)
    Q_PROPERTY(QString buildSha256 READ buildSha256 WRITE setBuildSha256 NOTIFY fieldsChanged)
    /** The licence type, by its stored name ("per-seat", "site" ...). */
    Q_PROPERTY(QString licenceType READ licenceType WRITE setLicenceType NOTIFY fieldsChanged)
    Q_PROPERTY(int licenceTypeIndex READ licenceTypeIndex WRITE setLicenceTypeIndex NOTIFY fieldsChanged)
    Q_PROPERTY(QVariantList licenceTypes READ licenceTypes CONSTANT)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY itemChanged)

    Q_PROPERTY(QString productError READ productError NOTIFY fieldsChanged)
    Q_PROPERTY(QString versionError READ versionError NOTIFY fieldsChanged)
    Q_PROPERTY(QString vendorError READ vendorError NOTIFY fieldsChanged)
    Q_PROPERTY(QString mediaLocationError READ mediaLocationError NOTIFY fieldsChanged)
    Q_PROPERTY(QString buildLocationError READ buildLocationError NOTIFY fieldsChanged)
    Q_PROPERTY(QString buildSha256Error READ buildSha256Error NOTIFY fieldsChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY fieldsChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY fieldsChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit DslItemForm(QObject *parent = nullptr);

    [[nodiscard]] OfficeLibrary *library() const { return m_library; }
    void setLibrary(OfficeLibrary *library);
    [[nodiscard]] QString dslItemId() const { return m_dslItemId; }
    /** Reads the item into the form (or empties it, to add one). */
    void setDslItemId(const QString &id);
    [[nodiscard]] bool adding() const { return m_dslItemId.isEmpty(); }

    [[nodiscard]] QString product() const { return m_product; }
    void setProduct(const QString &text);
    [[nodiscard]] QString version() const { return m_version; }
    void setVersion(const QString &text);
    [[nodiscard]] QString vendor() const { return m_vendor; }
    void setVendor(const QString &text);
    [[nodiscard]] QString mediaKind() const { return m_mediaKind; }
    void setMediaKind(const QString &kind);
    [[nodiscard]] int mediaKindIndex() const;
    void setMediaKindIndex(int index);
    [[nodiscard]] QVariantList mediaKinds() const;
    [[nodiscard]] QString mediaLocation() const { return m_mediaLocation; }
    void setMediaLocation(const QString &text);
    [[nodiscard]] QString buildLocation() const { return m_buildLocation; }
    void setBuildLocation(const QString &text);
    [[nodiscard]] QString buildSha256() const { return m_buildSha256; }
    void setBuildSha256(const QString &text);
    [[nodiscard]] QString licenceType() const { return m_licenceType; }
    void setLicenceType(const QString &type);
    [[nodiscard]] int licenceTypeIndex() const;
    void setLicenceTypeIndex(int index);
    [[nodiscard]] QVariantList licenceTypes() const;
    [[nodiscard]] bool readOnly() const;

    [[nodiscard]] QString productError() const;
    [[nodiscard]] QString versionError() const;
    [[nodiscard]] QString vendorError() const;
    [[nodiscard]] QString mediaLocationError() const;
    [[nodiscard]] QString buildLocationError() const;
    [[nodiscard]] QString buildSha256Error() const;
    [[nodiscard]] bool dirty() const;
    [[nodiscard]] bool canSubmit() const;
    [[nodiscard]] QString error() const { return m_error; }

    /** Adds or changes the item; answers {ok, id} or {ok: false, error}; saved(id) on success. */
    Q_INVOKABLE QVariantMap submit();
    /** Drops the changes: the item as stored (or an empty form, to add one). */
    Q_INVOKABLE void revert();

signals:
    void libraryChanged();
    void dslItemIdChanged();
    void itemChanged();
    void fieldsChanged();
    void errorChanged();
    void saved(const QString &dslItemId);

private:
    [[nodiscard]] AppSession *session() const;
    void load();
    void setField(QString &field, const QString &value);
    void checkTaken();
    void setError(const QString &error);
    [[nodiscard]] DslItem edited() const;

    QPointer<OfficeLibrary> m_library;
    QString m_dslItemId;
    DslItem m_item; // as read: what "changed" compares with
    QString m_product;
    QString m_version;
    QString m_vendor;
    QString m_mediaKind;
    QString m_mediaLocation;
    QString m_buildLocation;
    QString m_buildSha256;
    QString m_licenceType;
    QString m_taken; // the error for a product and version the library holds already; empty when free
    QString m_error;
};

} // namespace rd::mobile
