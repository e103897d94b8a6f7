#include "officesites.h"

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

OfficeSites::OfficeSites(QObject *parent)
    : QObject(parent)
{}

void OfficeSites::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

template <typename F>
QVariantMap OfficeSites::attempt(F &&f)
{
    if (!m_session || !m_session->ready())
        return failure(tr("The app's data is not open."));
    if (m_session->role() != QLatin1String("release-manager"))
        return failure(tr("Only a release manager adds sites and rooms."));
    try {
        const Id id = f();
        m_session->notifyLocalChange();
        return {{QStringLiteral("ok"), true}, {QStringLiteral("id"), qs(id)}};
    } catch (const Error &e) {
        return failure(qs(e.what()));
    } catch (const std::exception &e) {
        return failure(tr("Something went wrong and nothing was recorded: %1").arg(qs(e.what())));
    }
}

QVariantMap OfficeSites::addSite(const QString &name, const QString &code, const QString &tagPattern)
{
    return attempt([&] {
        return m_session->replica().addSite(Site{{}, utf8(name), utf8(code), utf8(tagPattern)});
    });
}

QVariantMap OfficeSites::addRoom(const QString &siteId, const QString &name)
{
    return attempt([&] {
        return m_session->replica().addRoom(Room{{}, Id::parse(utf8(siteId), "site"), utf8(name)});
    });
}

} // namespace rd::mobile
