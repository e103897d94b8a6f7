#pragma once

#include "records.h"
#include "sessionmodel.h"

#include "store/views.h"

#include <vector>

namespace rd::mobile {

/**
 * One release: its summary and build procedure (the `release` and `build` records the release
 * page shows) and, as rows, its units: each installation with its asset and where its checklist stands.
 */
class UnitsModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString releaseId READ releaseId WRITE setReleaseId NOTIFY releaseIdChanged)
    Q_PROPERTY(rd::mobile::ReleaseInfo release READ release NOTIFY countChanged)
    Q_PROPERTY(rd::mobile::BuildInfo build READ build NOTIFY countChanged)

public:
    enum Role {
        InstallationIdRole = Qt::UserRole + 1,
        AssetIdRole,
        AssetTagRole,
        SerialRole,
        ModelRole,
        RoomRole,
        StatusRole,
        StepsRecordedRole,
        StepsTotalRole,
        FailingRole,
        StartedByRole,
        StartedAtRole,
    };
    Q_ENUM(Role)

    explicit UnitsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString releaseId() const { return m_releaseId; }
    void setReleaseId(const QString &id);
    [[nodiscard]] ReleaseInfo release() const { return m_release; }
    [[nodiscard]] BuildInfo build() const { return m_build; }

signals:
    void releaseIdChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_releaseId;
    ReleaseInfo m_release;
    BuildInfo m_build;
    std::vector<Views::Unit> m_rows;
};

/** The DSL software items of a build procedure's design details, with where their media are. */
class SoftwareModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString buildId READ buildId WRITE setBuildId NOTIFY buildIdChanged)

public:
    enum Role {
        ProductRole = Qt::UserRole + 1,
        VersionRole,
        VendorRole,
        MediaKindRole,
        MediaLocationRole,
        LicenceTypeRole,
        Sha256Role,
    };
    Q_ENUM(Role)

    explicit SoftwareModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString buildId() const { return m_buildId; }
    void setBuildId(const QString &id);

signals:
    void buildIdChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_buildId;
    std::vector<DslItem> m_rows;
};

} // namespace rd::mobile
