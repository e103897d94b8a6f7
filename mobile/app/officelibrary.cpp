#include "officelibrary.h"

#include "appsession.h"
#include "qtconvert.h"

#include "domain/errors.h"
#include "store/libraryviews.h"
#include "store/store.h"
#include "store/views.h"
#include "sync/kinds.h"
#include "sync/replica.h"

#include <QDate>

namespace rd::mobile {

namespace {

const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");
const QString kId = QStringLiteral("id");

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

OfficeLibrary::OfficeLibrary(QObject *parent)
    : QObject(parent)
{}

void OfficeLibrary::setSession(AppSession *session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &AppSession::accountChanged, this, &OfficeLibrary::rightsChanged);
    emit sessionChanged();
    emit rightsChanged();
}

bool OfficeLibrary::may(std::string_view kind) const
{
    return m_session && m_session->may(kind);
}

bool OfficeLibrary::seesKeys(Role role) noexcept
{
    // The sync sends licences' entitlement column (sync/tables.cpp, isOfficeColumn) to these roles only.
    return role == Role::ReleaseManager || role == Role::BuildDeveloper;
}

bool OfficeLibrary::canSeeKeys() const
{
    if (!m_session)
        return false;
    const auto role = tryParse<Role>(utf8(m_session->role()));
    return role && seesKeys(*role);
}

template <typename F>
QVariantMap OfficeLibrary::attempt(std::string_view kind, const QString &refusal, F &&write)
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
        m_session->notifyLocalChange();
        return answer;
    } catch (const ValidationError &e) {
        return failure(qs(e.what()), qs(e.field()));
    } catch (const Error &e) {
        return failure(qs(e.what()));
    } catch (const std::exception &e) {
        return failure(tr("Something went wrong and nothing was changed: %1").arg(qs(e.what())));
    }
}

QVariantMap OfficeLibrary::saveDslItem(const DslItem &item)
{
    const bool adding = item.id.isNull();
    return attempt(adding ? "addDslItem" : "setDslItemFields",
                   tr("Only release managers and build developers change the software library."),
                   [&]() -> QVariantMap {
                       auto &replica = m_session->replica();
                       DslItem d = item;
                       try {
                           if (adding) {
                               d.id = Id::generate();
                               replica.addDslItem(d);
                           } else {
                               replica.updateDslItem(d, m_session->userId(), AppSession::now());
                           }
                       } catch (const DuplicateError &e) {
                           throw ValidationError("version", e.what()); // product and version are to blame
                       }
                       return {{kId, qs(d.id)}};
                   });
}

QVariantMap OfficeLibrary::saveLicence(const Licence &licence)
{
    const bool adding = licence.id.isNull();
    return attempt(adding ? "addLicence" : "setLicenceFields",
                   tr("Only release managers and build developers change the licence log."),
                   [&]() -> QVariantMap {
                       auto &replica = m_session->replica();
                       Licence l = licence;
                       if (adding) {
                           l.id = Id::generate();
                           replica.addLicence(l);
                       } else {
                           replica.updateLicence(l, m_session->userId(), AppSession::now());
                       }
                       return {{kId, qs(l.id)}};
                   });
}

QVariantMap OfficeLibrary::takeOutMedia(const QString &dslItemId, const QString &purpose, const QString &expectedBack)
{
    return attempt("takeOutMedia", tr("Sign in to take media out."), [&]() -> QVariantMap {
        MediaLoan loan;
        loan.id = Id::generate();
        loan.dslItemId = idOf(dslItemId, "DSL item");
        loan.takenBy = m_session->userId();
        loan.takenAt = AppSession::now();
        loan.purpose = utf8(purpose);
        const QString day = expectedBack.trimmed();
        if (!day.isEmpty()) {
            const QDate date = QDate::fromString(day, Qt::ISODate);
            if (!date.isValid())
                throw ValidationError("expected back", "'" + utf8(day) + "' is not a date (YYYY-MM-DD)");
            // Back by the end of that day, where the tablet is.
            loan.expectedBack = date.endOfDay().toMSecsSinceEpoch();
        }
        const Id id = m_session->replica().takeOutMedia(loan);
        return {{kId, qs(id)}};
    });
}

QVariantMap OfficeLibrary::returnMedia(const QString &loanId)
{
    return attempt("returnMedia", tr("Sign in to book media back in."), [&]() -> QVariantMap {
        m_session->replica().returnMedia(idOf(loanId, "in/out book line"), m_session->userId(), AppSession::now());
        return {};
    });
}

QVariantMap OfficeLibrary::giveSeat(const QString &licenceId, const QString &assetId, const QString &overrideReason)
{
    return attempt("assignLicence", tr("Only release managers and build developers give licence seats."),
                   [&]() -> QVariantMap {
                       LicenceAssignment a;
                       a.licenceId = idOf(licenceId, "licence");
                       a.assetId = idOf(assetId, "asset");
                       a.assignedBy = m_session->userId();
                       a.assignedAt = AppSession::now();
                       if (!overrideReason.trimmed().isEmpty())
                           a.overrideReason = utf8(overrideReason);
                       const Id id = m_session->replica().assignLicence(a);
                       return {{kId, qs(id)}};
                   });
}

QVariantMap OfficeLibrary::takeBackSeat(const QString &seatId)
{
    return attempt("unassignLicence", tr("Only release managers and build developers take licence seats back."),
                   [&]() -> QVariantMap {
                       m_session->replica().unassignLicence(idOf(seatId, "licence seat"), m_session->userId(),
                                                            AppSession::now());
                       return {};
                   });
}

QString OfficeLibrary::licenceKey(const QString &licenceId) const
{
    if (!canSeeKeys() || !m_session->ready())
        return {};
    const auto id = optionalId(licenceId);
    if (!id)
        return {};
    try {
        const auto licence = m_session->store().licence(*id);
        return licence ? qs(licence->entitlement) : QString();
    } catch (const std::exception &) {
        return {};
    }
}

QVariantList OfficeLibrary::findAssets(const QString &text, const QString &licenceId) const
{
    QVariantList out;
    if (!m_session || !m_session->ready() || text.trimmed().isEmpty())
        return out;
    try {
        const auto licence = optionalId(licenceId);
        LibraryViews library(m_session->store());
        for (const auto &row : m_session->views().searchAssets(utf8(text.trimmed()), 20)) {
            bool hasSeat = false;
            if (licence) {
                for (const auto &seat : library.assetSeats(row.asset.id))
                    hasSeat = hasSeat || seat.seat.licenceId == *licence;
            }
            out.push_back(QVariantMap{{QStringLiteral("assetId"), qs(row.asset.id)},
                                      {QStringLiteral("assetTag"), qs(row.asset.assetTag)},
                                      {QStringLiteral("serial"), qs(row.asset.serial)},
                                      {QStringLiteral("model"), qs(row.asset.make + " " + row.asset.model)},
                                      {QStringLiteral("site"), qs(row.siteName)},
                                      {QStringLiteral("room"), qs(row.room)},
                                      {QStringLiteral("hasSeat"), hasSeat}});
        }
    } catch (const std::exception &) {
        out.clear();
    }
    return out;
}

} // namespace rd::mobile
