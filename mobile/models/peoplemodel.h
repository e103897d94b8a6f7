#pragma once

#include "sessionmodel.h"

#include "store/peopleviews.h"

#include <vector>

namespace rd::mobile {

/**
 * Everyone who signs in, as the release manager looks after them: name, role, sites, switched on
 * or off, and how many open releases name them. Switched-on people first, by role and name.
 */
class PeopleModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        NameRole,
        DisplayNameRole,
        RoleRole,
        RoleNameRole,
        ActiveRole,
        SitesRole,
        OpenReleasesRole,
        IsMeRole,
    };
    Q_ENUM(Role)

    explicit PeopleModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    std::vector<PeopleViews::Person> m_rows;
    Id m_me;
};

} // namespace rd::mobile
