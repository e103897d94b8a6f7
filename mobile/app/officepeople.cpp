#include "officepeople.h"

#include "appsession.h"
#include "qtconvert.h"

#include "domain/errors.h"
#include "store/store.h"
#include "sync/replica.h"

namespace rd::mobile {

namespace {

QVariantMap failure(const QString &why)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

} // namespace

OfficePeople::OfficePeople(QObject *parent)
    : QObject(parent)
{}

OfficePeople::~OfficePeople()
{
    disconnect(m_waiting);
    m_password.fill(u'\0');
}

void OfficePeople::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

QString OfficePeople::roleWords(Role role)
{
    switch (role) {
    case Role::ReleaseManager:
        return tr("Release manager");
    case Role::BuildDeveloper:
        return tr("Build developer");
    case Role::Installer:
        return tr("Installer");
    }
    return {};
}

template <typename F>
QVariantMap OfficePeople::attempt(F &&f)
{
    if (!m_session || !m_session->ready())
        return failure(tr("The app's data is not open."));
    if (m_session->userId().isNull())
        return failure(tr("Sign in once before changing people."));
    try {
        QVariantMap answer = f();
        answer.insert(QStringLiteral("ok"), true);
        m_session->notifyLocalChange();
        return answer;
    } catch (const Error &e) {
        return failure(qs(e.what()));
    } catch (const std::exception &e) {
        return failure(tr("Something went wrong and nothing was recorded: %1").arg(qs(e.what())));
    }
}

QString OfficePeople::lockOut(const User &person) const
{
    if (person.id != m_session->userId())
        return {};
    if (!person.active)
        return tr("You cannot switch yourself off: another release manager can.");
    const auto me = m_session->store().user(person.id);
    if (me && me->role == Role::ReleaseManager && person.role != Role::ReleaseManager)
        return tr("You cannot give up your own role as release manager: another release manager can change it.");
    return {};
}

QVariantMap OfficePeople::add(const User &person, const std::vector<Id> &sites)
{
    return attempt([&]() -> QVariantMap {
        User u = person;
        u.id = {};
        u.active = true;
        const Id id = m_session->replica().addPerson(u, sites);
        return {{QStringLiteral("id"), qs(id)}};
    });
}

QVariantMap OfficePeople::update(const User &person, const std::vector<Id> &sites)
{
    if (m_session && m_session->ready()) {
        if (const QString why = lockOut(person); !why.isEmpty())
            return failure(why);
    }
    return attempt([&]() -> QVariantMap {
        m_session->replica().updatePerson(person, sites, m_session->userId(), AppSession::now());
        return {{QStringLiteral("id"), qs(person.id)}};
    });
}

QVariantMap OfficePeople::setActive(const QString &userId, bool active)
{
    if (!m_session || !m_session->ready())
        return failure(tr("The app's data is not open."));
    std::optional<User> person;
    std::vector<Id> sites;
    try {
        if (const auto id = optionalId(userId)) {
            person = m_session->store().user(*id);
            sites = m_session->store().userSites(*id);
        }
    } catch (const Error &e) {
        return failure(qs(e.what()));
    }
    if (!person)
        return failure(tr("This person is not on this computer."));
    person->active = active;
    return update(*person, sites);
}

void OfficePeople::setPassword(const QString &userId, const QString &password)
{
    if (m_settingPassword) {
        emit passwordFinished(false, tr("A password is being set already; wait for it to finish."));
        return;
    }
    if (!m_session || !m_session->ready() || !m_session->sync()) {
        emit passwordFinished(false, tr("The app's data is not open."));
        return;
    }
    std::optional<User> person;
    try {
        if (const auto id = optionalId(userId))
            person = m_session->store().user(*id);
    } catch (const Error &) {
    }
    if (!person) {
        emit passwordFinished(false, tr("This person is not on this computer."));
        return;
    }
    if (password.isEmpty()) {
        emit passwordFinished(false, tr("Type the new password."));
        return;
    }
    // Online only: a password is never queued for a later sync, nor kept here.
    if (!m_session->online()) {
        m_session->checkOnline(); // so that the bar (and the next try) knows as soon as it is back
        emit passwordFinished(false, tr("The password can be set once this computer is online: the server cannot "
                                        "be reached now. Nothing was sent."));
        return;
    }
    m_passwordUser = userId;
    m_password = password;
    m_passwordName = qs(person->displayName.empty() ? person->name : person->displayName);
    m_settingPassword = true;
    emit settingPasswordChanged();

    SyncClient *client = m_session->sync();
    if (m_session->pendingChanges() > 0 || client->busy()) {
        // A person added here reaches the server with the changes waiting: send them first.
        m_waiting = connect(client, &SyncClient::finished, this, [this](bool ok, const QString &summary) {
            disconnect(m_waiting);
            if (!ok) {
                finishPassword(false, tr("The password was not set: the changes waiting on this computer (%1 among "
                                         "them) could not be sent first. %2")
                                          .arg(m_passwordName, summary));
                return;
            }
            sendPassword();
        });
        client->sync(); // nothing when a sync is running already: its end is waited for
        return;
    }
    sendPassword();
}

void OfficePeople::sendPassword()
{
    SyncClient *client = m_session ? m_session->sync() : nullptr;
    if (!client) {
        finishPassword(false, tr("The app's data is not open."));
        return;
    }
    m_waiting = connect(client, &SyncClient::passwordSet, this, [this](bool ok, const QString &message) {
        disconnect(m_waiting);
        finishPassword(ok, ok ? tr("%1's new password is set. Their devices ask them to sign in again with it.")
                                    .arg(m_passwordName)
                              : message);
    });
    client->setPassword(m_passwordUser, m_password);
}

void OfficePeople::finishPassword(bool ok, const QString &message)
{
    m_password.fill(u'\0');
    m_password.clear();
    m_passwordUser.clear();
    m_settingPassword = false;
    emit settingPasswordChanged();
    emit passwordFinished(ok, message);
}

} // namespace rd::mobile
