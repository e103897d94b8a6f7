#pragma once

#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <vector>

namespace rd::mobile {

/**
 * The Definitive Software Library (FITS step 2): each software item with its version and vendor,
 * where its original media are kept and where its build software is, with the build's SHA-256,
 * its licence type and licences, and whether its original media are out, with whom and until when
 * (overdue in red). `query` narrows it to the items whose product, version, vendor or locations
 * contain it.
 */
class DslItemsModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    /** Of the items listed, how many have their original media out. */
    Q_PROPERTY(int mediaOut READ mediaOut NOTIFY countChanged)

public:
    enum Role {
        DslItemIdRole = Qt::UserRole + 1,
        ProductRole,
        VersionRole,
        VendorRole,
        MediaKindRole,     ///< in words
        MediaLocationRole,
        BuildLocationRole,
        ChecksumRole,
        LicenceTypeRole,   ///< in words
        LicencesRole,      ///< the licence log's names for it
        MediaOutRole,
        OutWithRole,
        OutSinceRole,
        ExpectedBackRole,  ///< invalid when no day was given
        OverdueRole,
    };
    Q_ENUM(Role)

    explicit DslItemsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString &query);
    [[nodiscard]] int mediaOut() const;
    /** The row of the item @p dslItemId, or -1. */
    Q_INVOKABLE int rowOf(const QString &dslItemId) const;

signals:
    void queryChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    QString m_query;
    std::vector<LibraryViews::DslRow> m_rows;
    Millis m_now = 0; // when the rows were read: what "overdue" is measured against
};

} // namespace rd::mobile
