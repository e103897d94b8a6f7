#pragma once

#include "libraryrecords.h"
#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <QVariantList>

#include <vector>

namespace rd::mobile {

/**
 * One DSL item and the in/out book of its original media, newest line first: who took them, when,
 * for what, when they were expected back, and when they came back and who booked them in. Above
 * the book, the item itself (item) and its licences in the licence log (licences).
 */
class MediaBookModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString dslItemId READ dslItemId WRITE setDslItemId NOTIFY dslItemIdChanged)
    Q_PROPERTY(rd::mobile::DslItemInfo item READ item NOTIFY countChanged)
    /** The item's licences: [{licenceId, name, seats, used}], by name. No key is ever among them. */
    Q_PROPERTY(QVariantList licences READ licences NOTIFY countChanged)

public:
    enum Role {
        LoanIdRole = Qt::UserRole + 1,
        TakenByRole,
        TakenAtRole,
        PurposeRole,
        ExpectedBackRole, ///< invalid when no day was given
        ReturnedAtRole,   ///< invalid while out
        ReturnedByRole,
        OutRole,
        OverdueRole,
    };
    Q_ENUM(Role)

    explicit MediaBookModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString dslItemId() const { return m_dslItemId; }
    void setDslItemId(const QString &id);
    [[nodiscard]] DslItemInfo item() const { return m_item; }
    [[nodiscard]] QVariantList licences() const { return m_licences; }

signals:
    void dslItemIdChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_dslItemId;
    DslItemInfo m_item;
    QVariantList m_licences;
    std::vector<LibraryViews::LoanRow> m_rows;
    Millis m_now = 0;
};

} // namespace rd::mobile
