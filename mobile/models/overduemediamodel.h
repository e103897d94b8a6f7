#pragma once

#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <vector>

namespace rd::mobile {

/**
 * Original media out past the day they were expected back (the in/out book), the longest overdue
 * first: what, with whom, since when and for what. The office's Today shows it as "Media overdue".
 */
class OverdueMediaModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role {
        LoanIdRole = Qt::UserRole + 1,
        DslItemIdRole,
        ProductRole,   ///< with its version, "SIMS .net 7.214"
        TakenByRole,
        TakenAtRole,
        ExpectedBackRole,
        DaysOverdueRole, ///< whole days since it was due, 0 on the day after
        PurposeRole,
        MediaLocationRole, ///< where they belong
    };
    Q_ENUM(Role)

    explicit OverdueMediaModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    std::vector<LibraryViews::OverdueMedia> m_rows;
    Millis m_now = 0;
};

} // namespace rd::mobile
