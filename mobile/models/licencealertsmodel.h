#pragma once

#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <vector>

namespace rd::mobile {

/**
 * Licences that want looking at, for the office's Today: over-used (more seats given than bought),
 * expired, or expiring within `days` (30 unless told), each once for its worst reason, over-used
 * first, then by expiry. No key is ever among them.
 */
class LicenceAlertsModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int days READ days WRITE setDays NOTIFY daysChanged)

public:
    enum Role {
        LicenceIdRole = Qt::UserRole + 1,
        NameRole,
        AlertRole,    ///< "over-used", "expired" or "expiring"
        WordsRole,    ///< "12 seats given of 10", "expired on 2026-01-31", "expires on 2026-03-01"
        ExpiresOnRole,
        SeatsRole,
        UsedRole,
    };
    Q_ENUM(Role)

    explicit LicenceAlertsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int days() const { return m_days; }
    void setDays(int days);

signals:
    void daysChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    int m_days;
    std::vector<LibraryViews::LicenceAlert> m_rows;
};

} // namespace rd::mobile
