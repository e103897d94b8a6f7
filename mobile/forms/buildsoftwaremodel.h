#pragma once

#include "domain/entities.h"

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace rd::mobile {

/**
 * The design details' software, picked from the Definitive Software Library: every DSL item (its
 * product, version and vendor) with whether the build installs it. A BuildForm holds it and keeps
 * what is picked until it is saved; with pickedOnly (a version that cannot be edited), only the
 * picked items are rows.
 */
class BuildSoftwareModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("A BuildForm holds the software it picks.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int pickedCount READ pickedCount NOTIFY pickedChanged)
    Q_PROPERTY(bool pickedOnly READ pickedOnly WRITE setPickedOnly NOTIFY pickedOnlyChanged)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY readOnlyChanged)

public:
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        ProductRole,
        VersionRole,
        VendorRole,
        MediaLocationRole,
        PickedRole,
    };
    Q_ENUM(Role)

    explicit BuildSoftwareModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return rowCount(); }
    [[nodiscard]] int pickedCount() const;
    [[nodiscard]] bool pickedOnly() const { return m_pickedOnly; }
    void setPickedOnly(bool pickedOnly);
    [[nodiscard]] bool readOnly() const { return m_readOnly; }
    void setReadOnly(bool readOnly);

    /** Picks the item at @p row, or leaves it out; false when read-only. */
    Q_INVOKABLE bool setPicked(int row, bool picked);

    /** The DSL and what the build installs, as loaded; not an edit. */
    void setCatalogue(std::vector<DslItem> catalogue, const std::vector<Id> &picked);
    /** The items picked, in the DSL's order. */
    [[nodiscard]] std::vector<Id> picked() const;

signals:
    void countChanged();
    void pickedChanged();
    void pickedOnlyChanged();
    void readOnlyChanged();
    /** A person picked or left out an item (not a load). */
    void edited();

private:
    struct Item {
        DslItem item;
        bool picked = false;
    };
    /** The rows shown: every item, or the picked ones. */
    void rebuild();

    std::vector<Item> m_items;
    std::vector<std::size_t> m_rows; // indexes into m_items
    bool m_pickedOnly = false;
    bool m_readOnly = false;
};

} // namespace rd::mobile
