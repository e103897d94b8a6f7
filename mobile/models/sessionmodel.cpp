#include "sessionmodel.h"

#include "app/appsession.h"

#include <QScopedValueRollback>

#include <exception>
#include <utility>

namespace rd::mobile {

SessionModel::SessionModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::modelReset, this, &SessionModel::countChanged);
    connect(this, &QAbstractItemModel::rowsInserted, this, &SessionModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &SessionModel::countChanged);
}

void SessionModel::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &AppSession::localDataChanged, this, &SessionModel::onLocalDataChanged);
    emit sessionChanged();
    reload();
}

void SessionModel::onLocalDataChanged()
{
    if (m_session && m_session->changeOnlyFrom(this))
        return; // this model made the change and shows it already
    if (!m_active) {
        m_stale = true; // read once when shown again
        return;
    }
    reload();
}

void SessionModel::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    emit activeChanged();
    if (m_active && m_stale)
        reload();
}

bool SessionModel::canLoad() const
{
    return m_session && m_session->ready();
}

void SessionModel::reload()
{
    m_stale = false;
    beginResetModel();
    clear();
    QString why;
    if (canLoad()) {
        try {
            load();
        } catch (const std::exception &e) {
            clear();
            why = tr("This list cannot be read from the tablet's data: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    {
        // Views (and QAbstractItemModelTester) look at the model while it announces the reset;
        // a page must not be fetched in the middle of that announcement.
        const QScopedValueRollback<bool> announcing(m_announcingReset, true);
        endResetModel();
    }
    setError(why);
}

void SessionModel::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

} // namespace rd::mobile
