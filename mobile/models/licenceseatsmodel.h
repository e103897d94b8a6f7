#pragma once

#include "libraryrecords.h"
#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <vector>

namespace rd::mobile {

/**
 * A licence of the licence log (licence, without its key) and its seats, newest first: each asset
 * given one, who gave it and when, the release whose sign-off gave it, and the reason written when
 * it went past the seats bought.
 */
class LicenceSeatsModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString licenceId READ licenceId WRITE setLicenceId NOTIFY licenceIdChanged)
    Q_PROPERTY(rd::mobile::LicenceInfo licence READ licence NOTIFY countChanged)

public:
    enum Role {
        SeatIdRole = Qt::UserRole + 1,
        AssetIdRole,
        AssetTagRole,
        SerialRole,
        ModelRole,
        SiteRole,
        AssignedByRole,
        AssignedAtRole,
        OverrideReasonRole, ///< empty when a seat was free
        ReleaseRole,        ///< the release whose sign-off gave it; empty when given by hand
    };
    Q_ENUM(Role)

    explicit LicenceSeatsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString licenceId() const { return m_licenceId; }
    void setLicenceId(const QString &id);
    [[nodiscard]] LicenceInfo licence() const { return m_licence; }

signals:
    void licenceIdChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_licenceId;
    LicenceInfo m_licence;
    std::vector<LibraryViews::SeatRow> m_rows;
};

} // namespace rd::mobile
