#pragma once

#include "sessionmodel.h"

#include "store/views.h"

#include <vector>

namespace rd::mobile {

/**
 * Today's list: the open releases the signed-in installer is named on (every open release for the
 * office roles, or when mineOnly is false), by planned date, with units done of total.
 */
class ReleasesModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool mineOnly READ mineOnly WRITE setMineOnly NOTIFY mineOnlyChanged)

public:
    enum Role {
        ReleaseIdRole = Qt::UserRole + 1,
        NumberRole,
        KindRole,
        StatusRole,
        ServiceRole,
        BuildVersionRole,
        HardwareModelRole,
        SiteRole,
        RoomsRole,
        UnitsRole,
        UnitsDoneRole,
        UnitsStartedRole,
        PlannedDateRole,
        OverdueRole,
    };
    Q_ENUM(Role)

    explicit ReleasesModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] bool mineOnly() const { return m_mineOnly; }
    void setMineOnly(bool mineOnly);

signals:
    void mineOnlyChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    std::vector<Views::ReleaseSummary> m_rows;
    bool m_mineOnly = true;
};

} // namespace rd::mobile
