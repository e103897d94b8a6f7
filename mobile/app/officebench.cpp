#include "officebench.h"

#include "appsession.h"
#include "qtconvert.h"

#include "domain/errors.h"
#include "store/store.h"
#include "sync/kinds.h"
#include "sync/replica.h"

namespace rd::mobile {

namespace {

const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");

QVariantMap failure(const QString &why, const QString &field = {})
{
    QVariantMap answer{{kOk, false}, {kError, why}};
    if (!field.isEmpty())
        answer.insert(QStringLiteral("field"), field);
    return answer;
}

/** An id the page got from a model: a damaged one is the app's fault, said plainly. */
Id idOf(const QString &text, std::string_view what)
{
    return Id::parse(utf8(text), what);
}

} // namespace

OfficeBench::OfficeBench(QObject *parent)
    : QObject(parent)
{}

void OfficeBench::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &AppSession::accountChanged, this, &OfficeBench::rightsChanged);
    emit sessionChanged();
    emit rightsChanged();
}

bool OfficeBench::may(std::string_view kind) const
{
    return m_session && m_session->may(kind);
}

template <typename F>
QVariantMap OfficeBench::attempt(std::string_view kind, const QString &refusal, F &&write, const QObject *source)
{
    if (!m_session || !m_session->ready())
        return failure(tr("The app's data is not open."));
    if (m_session->userId().isNull())
        return failure(tr("Sign in once before changing anything."));
    if (!may(kind))
        return failure(refusal);
    try {
        QVariantMap answer = write();
        answer.insert(kOk, true);
        m_session->notifyLocalChange(source);
        return answer;
    } catch (const ValidationError &e) {
        return failure(qs(e.what()), qs(e.field()));
    } catch (const Error &e) {
        return failure(qs(e.what()));
    } catch (const std::exception &e) {
        return failure(tr("Something went wrong and nothing was changed: %1").arg(qs(e.what())));
    }
}

QVariantMap OfficeBench::saveService(const Service &service)
{
    const bool adding = service.id.isNull();
    return attempt(adding ? "addService" : "setServiceFields",
                   tr("Only release managers and build developers change the service catalogue."),
                   [&]() -> QVariantMap {
                       auto &replica = m_session->replica();
                       Service s = service;
                       Id id = s.id;
                       if (adding) {
                           s.id = Id::generate();
                           s.createdAt = AppSession::now();
                           try {
                               id = replica.addService(s);
                           } catch (const DuplicateError &e) {
                               throw ValidationError("service name", e.what()); // the name is to blame
                           }
                       } else {
                           try {
                               replica.updateService(s, m_session->userId(), AppSession::now());
                           } catch (const DuplicateError &e) {
                               throw ValidationError("service name", e.what());
                           }
                       }
                       return {{QStringLiteral("id"), qs(id)}};
                   });
}

QVariantMap OfficeBench::retireService(const QString &serviceId)
{
    return attempt("retireService", tr("Only a release manager retires a service."), [&]() -> QVariantMap {
        m_session->replica().retireService(idOf(serviceId, "service"), m_session->userId(), AppSession::now());
        return {};
    });
}

QVariantMap OfficeBench::draftBuild(const QString &serviceId, const QString &fromBuildId)
{
    return attempt("draftBuild", tr("Only a build developer writes build procedures."), [&]() -> QVariantMap {
        const std::optional<Id> from =
            fromBuildId.isEmpty() ? std::nullopt : std::optional<Id>(idOf(fromBuildId, "build procedure"));
        const Id id = m_session->replica().draftBuild(idOf(serviceId, "service"), from, m_session->userId(),
                                                      AppSession::now());
        return {{QStringLiteral("id"), qs(id)}};
    });
}

QVariantMap OfficeBench::saveBuildDraft(const BuildProcedure &draft, bool thenSubmit, const QObject *source)
{
    return attempt(
        "saveBuildDraft", tr("Only a build developer writes build procedures."),
        [&]() -> QVariantMap {
            auto &replica = m_session->replica();
            const Id by = m_session->userId();
            const Millis at = AppSession::now();
            // Saved and handed in together, or neither: a refused submit leaves the edits unsaved
            // in the form, not half-sent.
            sync::Replica::Group group(replica);
            replica.saveBuildDraft(draft, by, at);
            if (thenSubmit)
                replica.submitBuild(draft.id, by, at);
            group.commit();
            const auto saved = m_session->store().buildProcedure(draft.id);
            return {{QStringLiteral("revision"), saved ? saved->revision : draft.revision + 1}};
        },
        source);
}

QVariantMap OfficeBench::submitBuild(const QString &buildId)
{
    return attempt("submitBuild", tr("Only a build developer hands a build procedure in for approval."),
                   [&]() -> QVariantMap {
                       m_session->replica().submitBuild(idOf(buildId, "build procedure"), m_session->userId(),
                                                        AppSession::now());
                       return {};
                   });
}

QVariantMap OfficeBench::returnBuild(const QString &buildId, const QString &reason)
{
    return attempt("returnBuild", tr("Only a release manager returns a build procedure."), [&]() -> QVariantMap {
        m_session->replica().returnBuild(idOf(buildId, "build procedure"), utf8(reason), m_session->userId(),
                                         AppSession::now());
        return {};
    });
}

QVariantMap OfficeBench::approveBuild(const QString &buildId)
{
    return attempt("approveBuild", tr("Only a release manager approves a build procedure."), [&]() -> QVariantMap {
        m_session->replica().approveBuild(idOf(buildId, "build procedure"), m_session->userId(), AppSession::now());
        return {};
    });
}

QVariantMap OfficeBench::retireBuild(const QString &buildId)
{
    return attempt("retireBuild", tr("Only a release manager retires a build procedure."), [&]() -> QVariantMap {
        m_session->replica().retireBuild(idOf(buildId, "build procedure"), m_session->userId(), AppSession::now());
        return {};
    });
}

} // namespace rd::mobile
