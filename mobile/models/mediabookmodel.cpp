#include "mediabookmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"

#include <QVariantMap>

namespace rd::mobile {

MediaBookModel::MediaBookModel(QObject *parent)
    : SessionModel(parent)
{}

int MediaBookModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MediaBookModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &r = m_rows[static_cast<std::size_t>(index.row())];
    const bool out = !r.loan.returnedAt.has_value();
    switch (role) {
    case Qt::DisplayRole:
    case TakenByRole:
        return qs(r.takenBy);
    case LoanIdRole:
        return qs(r.loan.id);
    case TakenAtRole:
        return localTime(r.loan.takenAt);
    case PurposeRole:
        return qs(r.loan.purpose);
    case ExpectedBackRole:
        return r.loan.expectedBack ? localTime(*r.loan.expectedBack) : QDateTime();
    case ReturnedAtRole:
        return r.loan.returnedAt ? localTime(*r.loan.returnedAt) : QDateTime();
    case ReturnedByRole:
        return qs(r.returnedBy);
    case OutRole:
        return out;
    case OverdueRole:
        return out && r.loan.expectedBack && *r.loan.expectedBack < m_now;
    default:
        return {};
    }
}

QHash<int, QByteArray> MediaBookModel::roleNames() const
{
    return {{LoanIdRole, "loanId"},         {TakenByRole, "takenBy"},       {TakenAtRole, "takenAt"},
            {PurposeRole, "purpose"},       {ExpectedBackRole, "expectedBack"}, {ReturnedAtRole, "returnedAt"},
            {ReturnedByRole, "returnedBy"}, {OutRole, "out"},               {OverdueRole, "overdue"}};
}

void MediaBookModel::setDslItemId(const QString &id)
{
    if (m_dslItemId == id)
        return;
    m_dslItemId = id;
    emit dslItemIdChanged();
    reload();
}

bool MediaBookModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_dslItemId).has_value();
}

void MediaBookModel::clear()
{
    m_rows.clear();
    m_item = {};
    m_licences.clear();
}

void MediaBookModel::load()
{
    const Id id = *optionalId(m_dslItemId);
    LibraryViews views(session()->store());
    const auto row = views.dslRow(id);
    if (!row)
        throw NotFoundError("DSL item", id.toString());
    m_now = AppSession::now();
    m_item = dslItemInfo(*row, m_now);
    for (const auto &l : views.licencesOf(id))
        m_licences.push_back(QVariantMap{{QStringLiteral("licenceId"), qs(l.licence.id)},
                                         {QStringLiteral("name"), qs(l.licence.name)},
                                         {QStringLiteral("seats"), l.licence.seats},
                                         {QStringLiteral("used"), l.used}});
    m_rows = views.mediaBook(id);
}

} // namespace rd::mobile
