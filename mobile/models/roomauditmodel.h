#pragma once

#include "sessionmodel.h"

#include "store/roomaudit.h"

#include <QVariantList>
#include <QVariantMap>

#include <optional>

namespace rd::mobile {

/**
 * A room audit on the tablet (issue 12): the room chosen (or its door label scanned), every asset
 * registered there (found or missing) and every other scan (registered elsewhere, or unknown), as
 * rows; the counts; and what the installer does from there: move an asset found here to this room,
 * mark one not found as missing, add an unknown one to the inventory, and finish, which keeps the
 * audit (Replica::recordRoomAudit). The comparison is the core's RoomAuditTally. Each action
 * answers {ok, error} like the Workbench's.
 */
class RoomAuditModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString roomId READ roomId WRITE setRoomId NOTIFY roomChanged)
    Q_PROPERTY(QString roomName READ roomName NOTIFY roomChanged)
    Q_PROPERTY(QString siteName READ siteName NOTIFY roomChanged)
    Q_PROPERTY(int expected READ expected NOTIFY countsChanged)
    Q_PROPERTY(int found READ found NOTIFY countsChanged)
    Q_PROPERTY(int missing READ missing NOTIFY countsChanged)
    Q_PROPERTY(int unexpected READ unexpected NOTIFY countsChanged)
    Q_PROPERTY(int scans READ scans NOTIFY countsChanged)
    Q_PROPERTY(QString lastScan READ lastScan NOTIFY countsChanged)
    Q_PROPERTY(bool finished READ finished NOTIFY finishedChanged)

public:
    enum Role {
        AssetIdRole = Qt::UserRole + 1,
        TagRole,
        SerialRole,
        DescriptionRole, ///< "Dell Latitude 3440"
        ScannedRole,
        OutcomeRole,     ///< found, missing, elsewhere, unknown
        WhereRole,       ///< where an asset found elsewhere is registered: "Library"
        MarkedMissingRole,
    };
    Q_ENUM(Role)

    explicit RoomAuditModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString roomId() const { return m_roomId; }
    /** Starts a new audit of the room (the scans so far are dropped). */
    void setRoomId(const QString &roomId);
    [[nodiscard]] QString roomName() const;
    [[nodiscard]] QString siteName() const { return m_siteName; }
    [[nodiscard]] int expected() const { return m_tally ? m_tally->expected() : 0; }
    [[nodiscard]] int found() const { return m_tally ? m_tally->found() : 0; }
    [[nodiscard]] int missing() const { return m_tally ? m_tally->missing() : 0; }
    [[nodiscard]] int unexpected() const { return m_tally ? m_tally->unexpected() : 0; }
    [[nodiscard]] int scans() const { return m_tally ? m_tally->scans() : 0; }
    [[nodiscard]] QString lastScan() const { return m_lastScan; }
    [[nodiscard]] bool finished() const { return !m_auditId.isEmpty(); }

    /** The rooms of the user's sites, [{id, name, site, label, lastAudit}], by site then name. */
    Q_INVOKABLE QVariantList roomChoices() const;
    /** Chooses the room a door label names ("ROOM:RAU/Library" or the room's id); false if none. */
    Q_INVOKABLE bool chooseRoomByLabel(const QString &label);
    /**
     * Takes one scan (a tag or a serial, as the camera or a scanner gun read it); answers what it
     * was: "found", "elsewhere", "unknown", "again" (an asset scanned already), or "" when no room
     * is chosen or the scan is empty. A door label of another room is taken as a scan like any.
     */
    Q_INVOKABLE QString scan(const QString &text);
    /** Moves the asset of @p row (found here, registered elsewhere) to this room. */
    Q_INVOKABLE QVariantMap moveHere(int row);
    /** Marks the asset of @p row (expected, not found) as missing. */
    Q_INVOKABLE QVariantMap markMissing(int row);
    /** Adds the unknown scan of @p row to the inventory in this room, as its tag or serial. */
    Q_INVOKABLE QVariantMap addUnknown(int row, const QString &make, const QString &model, const QString &category);
    /** Keeps the audit (who, when, the room, each line and the counts) and queues it for the sync. */
    Q_INVOKABLE QVariantMap finish();

signals:
    void roomChanged();
    void countsChanged();
    void finishedChanged();

protected:
    void load() override;
    void clear() override
    {
        m_shown = false;
        m_rows = 0;
    }
    [[nodiscard]] bool canLoad() const override;

private:
    template <typename F>
    QVariantMap attempt(F &&f);
    [[nodiscard]] const RoomAuditTally::Line *lineAt(int row) const;
    void changed();

    QString m_roomId;
    QString m_siteName;
    QString m_lastScan;
    QString m_auditId;
    std::optional<RoomAuditTally> m_tally;
    Millis m_startedAt = 0;
    bool m_shown = false;
    int m_rows = 0; ///< the rows announced to views (the tally may be a line ahead, inside scan())
};

} // namespace rd::mobile
