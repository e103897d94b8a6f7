#pragma once

#include "sessionmodel.h"

#include "domain/entities.h"

#include <QVariantList>

#include <vector>

namespace rd::mobile {

/** The organisation's sites, each with its code, its asset tags' format and its rooms, by name. */
class SitesModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role {
        SiteIdRole = Qt::UserRole + 1,
        NameRole,
        CodeRole,
        TagPatternRole,
        RoomsRole,     ///< the rooms' names, comma-separated
        RoomCountRole,
        RoomAuditsRole, ///< each room's last audit: [{roomId, name, lastAudit, missing, missingAssets}]
    };
    Q_ENUM(Role)

    explicit SitesModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    struct Row {
        Site site;
        std::vector<Room> rooms;
        QVariantList audits;
    };
    std::vector<Row> m_rows;
};

} // namespace rd::mobile
