#pragma once

#include "sessionmodel.h"

#include "store/buildviews.h"

#include <vector>

namespace rd::mobile {

/**
 * The school's service catalogue: each service with what users get, its owner, and where its
 * documentation stands ("documented (v2 approved)" or "still to document", and a version under
 * way). Retired services only when showRetired.
 */
class ServicesModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool showRetired READ showRetired WRITE setShowRetired NOTIFY showRetiredChanged)
    /** Of the services listed, how many have no approved build procedure (FITS's measure). */
    Q_PROPERTY(int stillToDocument READ stillToDocument NOTIFY countChanged)

public:
    enum Role {
        ServiceIdRole = Qt::UserRole + 1,
        NameRole,
        DescriptionRole,
        UserBenefitRole,
        OwnerRole,
        DocumentedRole,      ///< it has an approved build procedure
        ApprovedVersionRole, ///< 0 when none
        StateRole,           ///< "documented (v2 approved)", "still to document", "retired"
        WorkRole,            ///< "v3 waits for approval", or empty
        RetiredRole,
    };
    Q_ENUM(Role)

    explicit ServicesModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] bool showRetired() const { return m_showRetired; }
    void setShowRetired(bool show);
    [[nodiscard]] int stillToDocument() const;
    /** The row of the service @p serviceId, or -1. */
    Q_INVOKABLE int rowOf(const QString &serviceId) const;

signals:
    void showRetiredChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    bool m_showRetired = false;
    std::vector<BuildViews::ServiceRow> m_rows;
};

} // namespace rd::mobile
