#pragma once

#include "sessionmodel.h"

#include <QString>
#include <QVector>

namespace rd::mobile {

/**
 * The conflicts waiting on this tablet: a field two devices changed, with the value the server
 * kept and the one that lost, both in words (a room's name, not its id), side by side. A build
 * draft two people saved is one too: which draft, whose save was kept and when, and the lost
 * draft's line count (draftconflict.h).
 */
class ConflictsModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role {
        ConflictIdRole = Qt::UserRole + 1,
        RecordRole,     ///< "Asset RAU-00012 (Dell Latitude 3420)"
        FieldRole,      ///< "room", "status", "user"
        KeptValueRole,  ///< as stored, to resolve with
        KeptLabelRole,  ///< as shown
        LostValueRole,
        LostLabelRole,
        LostByRole,
        CreatedAtRole,
        KeptTitleRole, ///< above the kept value: "Kept by the office"
        LostTitleRole, ///< above the lost value: "From Sam Okafor"
        KeepTextRole,  ///< the button that keeps the kept value: "Keep this"
        TakeTextRole,  ///< the button that takes the lost value instead: "Use this instead"
    };
    Q_ENUM(Role)

    explicit ConflictsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    struct Row {
        QString id, record, field, keptValue, keptLabel, lostValue, lostLabel, lostBy;
        QString keptTitle, lostTitle, keepText, takeText;
        qint64 createdAt = 0;
    };
    QVector<Row> m_rows;
};

} // namespace rd::mobile
