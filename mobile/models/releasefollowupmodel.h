#pragma once

#include "officerecords.h"
#include "sessionmodel.h"

#include "store/releaseviews.h"

#include <vector>

namespace rd::mobile {

/**
 * One release as the release manager follows it: its plan (the `plan` record) and, as rows, each
 * unit and where it stands: failing, backed out (with the reason), in progress with its checklist
 * progress, accepted; a unit backed out and installed again keeps its back-out in `history`. The
 * units that need the release manager come first.
 */
class ReleaseFollowUpModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString releaseId READ releaseId WRITE setReleaseId NOTIFY releaseIdChanged)
    Q_PROPERTY(rd::mobile::ReleasePlanInfo plan READ plan NOTIFY countChanged)

public:
    enum Role {
        InstallationIdRole = Qt::UserRole + 1,
        AssetIdRole,
        AssetTagRole,
        SerialRole,
        ModelRole,
        RoomRole,
        StatusRole,
        StateRole,
        StepsRecordedRole,
        StepsTotalRole,
        BuildVersionRole,
        StartedByRole,
        StartedAtRole,
        AcceptedByRole,
        InstalledAgainRole,
        BackOutReasonRole,
        HistoryRole,
    };
    Q_ENUM(Role)

    explicit ReleaseFollowUpModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString releaseId() const { return m_releaseId; }
    void setReleaseId(const QString &id);
    [[nodiscard]] ReleasePlanInfo plan() const { return m_plan; }

signals:
    void releaseIdChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_releaseId;
    ReleasePlanInfo m_plan;
    std::vector<ReleaseViews::Unit> m_rows;
};

} // namespace rd::mobile
