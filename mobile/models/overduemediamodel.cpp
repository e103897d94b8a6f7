#include "overduemediamodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

namespace rd::mobile {

OverdueMediaModel::OverdueMediaModel(QObject *parent)
    : SessionModel(parent)
{}

int OverdueMediaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant OverdueMediaModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case ProductRole:
        return qs(r.product + " " + r.version);
    case LoanIdRole:
        return qs(r.loan.id);
    case DslItemIdRole:
        return qs(r.loan.dslItemId);
    case TakenByRole:
        return qs(r.takenBy);
    case TakenAtRole:
        return localTime(r.loan.takenAt);
    case ExpectedBackRole:
        return r.loan.expectedBack ? localTime(*r.loan.expectedBack) : QDateTime();
    case DaysOverdueRole: {
        constexpr Millis kDay = 24LL * 60 * 60 * 1000;
        return r.loan.expectedBack ? static_cast<int>((m_now - *r.loan.expectedBack) / kDay) : 0;
    }
    case PurposeRole:
        return qs(r.loan.purpose);
    case MediaLocationRole:
        return qs(r.mediaLocation);
    default:
        return {};
    }
}

QHash<int, QByteArray> OverdueMediaModel::roleNames() const
{
    return {{LoanIdRole, "loanId"},         {DslItemIdRole, "dslItemId"},       {ProductRole, "product"},
            {TakenByRole, "takenBy"},       {TakenAtRole, "takenAt"},           {ExpectedBackRole, "expectedBack"},
            {DaysOverdueRole, "daysOverdue"}, {PurposeRole, "purpose"},         {MediaLocationRole, "mediaLocation"}};
}

void OverdueMediaModel::load()
{
    m_now = AppSession::now();
    m_rows = LibraryViews(session()->store()).overdueMedia(m_now);
}

} // namespace rd::mobile
