#include "officereleases.h"

#include "appsession.h"
#include "qtconvert.h"

#include "domain/errors.h"
#include "store/store.h"
#include "sync/replica.h"

#include <algorithm>

namespace rd::mobile {

namespace {

QVariantMap failure(const QString &why)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
}

/** The same people, in whatever order. */
bool sameSet(std::vector<Id> a, std::vector<Id> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

/** The release @p releaseId names; a damaged or unknown id is said in words. */
Release existing(Store &store, const QString &releaseId)
{
    const auto id = optionalId(releaseId);
    const auto release = id ? store.release(*id) : std::nullopt;
    if (!release)
        throw NotFoundError("release", utf8(releaseId));
    return *release;
}

} // namespace

OfficeReleases::OfficeReleases(QObject *parent)
    : QObject(parent)
{}

void OfficeReleases::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

template <typename F>
QVariantMap OfficeReleases::attempt(F &&f)
{
    if (!m_session || !m_session->ready())
        return failure(tr("The app's data is not open."));
    if (m_session->userId().isNull())
        return failure(tr("Sign in once before planning releases."));
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

QVariantMap OfficeReleases::plan(Release release)
{
    return attempt([&]() -> QVariantMap {
        release.id = {};
        release.status = ReleaseStatus::Planned;
        release.createdBy = m_session->userId();
        release.createdAt = AppSession::now();
        const Id id = m_session->replica().planRelease(std::move(release));
        return {{QStringLiteral("id"), qs(id)}};
    });
}

QVariantMap OfficeReleases::update(const Release &release)
{
    return attempt([&]() -> QVariantMap {
        auto &replica = m_session->replica();
        const Release before = existing(m_session->store(), qs(release.id));
        const Id by = m_session->userId();
        const Millis at = AppSession::now();
        sync::Replica::Group group(replica);
        replica.updateRelease(release, by, at);
        if (!sameSet(before.installers, release.installers))
            replica.setReleaseInstallers(release.id, release.installers, by, at);
        group.commit();
        return {{QStringLiteral("id"), qs(release.id)}};
    });
}

QVariantMap OfficeReleases::setStatus(const QString &releaseId, const QString &status)
{
    return attempt([&]() -> QVariantMap {
        const Release release = existing(m_session->store(), releaseId);
        m_session->replica().setReleaseStatus(release.id, parse<ReleaseStatus>(utf8(status)));
        return {};
    });
}

QVariantMap OfficeReleases::close(const QString &releaseId, const QString &reviewNote)
{
    return attempt([&]() -> QVariantMap {
        const Release release = existing(m_session->store(), releaseId);
        m_session->replica().closeRelease(release.id, utf8(reviewNote), m_session->userId(), AppSession::now());
        return {};
    });
}

} // namespace rd::mobile
