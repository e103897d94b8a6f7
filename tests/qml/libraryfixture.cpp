#include "libraryfixture.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/buildviews.h"
#include "store/libraryviews.h"
#include "store/store.h"

#include <QDate>

using namespace rd;
using namespace rd::mobile;

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;

std::optional<Id> dslItemNamed(Store &store, const QString &product)
{
    for (const auto &d : BuildViews(store).dslCatalogue()) {
        if (qs(d.product) == product)
            return d.id;
    }
    return std::nullopt;
}

std::optional<Licence> licenceNamed(Store &store, const QString &name)
{
    for (const auto &l : LibraryViews(store).licences()) {
        if (qs(l.licence.name) == name)
            return l.licence;
    }
    return std::nullopt;
}

} // namespace

QString LibraryFixture::dslItemId(AppSession *session, const QString &product) const
{
    const auto id = dslItemNamed(session->store(), product);
    return id ? qs(*id) : QString();
}

QString LibraryFixture::licenceId(AppSession *session, const QString &name) const
{
    const auto l = licenceNamed(session->store(), name);
    return l ? qs(l->id) : QString();
}

QVariant LibraryFixture::loans(AppSession *session, const QString &product) const
{
    QVariantList out;
    const auto id = dslItemNamed(session->store(), product);
    if (!id)
        return out;
    for (const auto &l : LibraryViews(session->store()).mediaBook(*id))
        out.push_back(QVariantMap{{QStringLiteral("takenBy"), qs(l.takenBy)},
                                  {QStringLiteral("purpose"), qs(l.loan.purpose)},
                                  {QStringLiteral("out"), !l.loan.returnedAt.has_value()},
                                  {QStringLiteral("returnedBy"), qs(l.returnedBy)},
                                  {QStringLiteral("expectedBack"),
                                   static_cast<double>(l.loan.expectedBack.value_or(0))}});
    return out;
}

QString LibraryFixture::mediaTakenOut(AppSession *session, const QString &product, const QString &userName,
                                      int daysAgo, int dueDaysAgo) const
{
    auto &store = session->store();
    const auto item = dslItemNamed(store, product);
    const auto user = store.userByName(utf8(userName));
    if (!item || !user)
        return {};
    const Millis now = AppSession::now();
    const Id id = store.takeOutMedia(
        {{}, *item, user->id, now - daysAgo * kDay, "Rebuilding the exam room PCs", std::nullopt, now - dueDaysAgo * kDay});
    session->notifyLocalChange();
    return qs(id);
}

QVariant LibraryFixture::licence(AppSession *session, const QString &name) const
{
    auto &store = session->store();
    const auto l = licenceNamed(store, name);
    if (!l)
        return {};
    QString software;
    if (l->dslItemId) {
        if (const auto d = store.dslItem(*l->dslItemId))
            software = qs(d->product);
    }
    return QVariantMap{{QStringLiteral("name"), qs(l->name)},
                       {QStringLiteral("key"), qs(l->entitlement)},
                       {QStringLiteral("seats"), l->seats},
                       {QStringLiteral("used"), store.seatsUsed(l->id)},
                       {QStringLiteral("expiresOn"), qs(l->expiresOn)},
                       {QStringLiteral("supplier"), qs(l->supplier)},
                       {QStringLiteral("purchaseRef"), qs(l->purchaseRef)},
                       {QStringLiteral("software"), software}};
}

void LibraryFixture::setLicence(AppSession *session, const QString &name, int seats, const QString &expiresOn) const
{
    auto &store = session->store();
    auto l = licenceNamed(store, name);
    if (!l)
        return;
    const auto morgan = store.userByName("morgan");
    if (l->entitlement.empty())
        l->entitlement = "(kept in the office)"; // an installer's tablet: the store wants a key to write the row
    l->seats = seats;
    l->expiresOn = utf8(expiresOn);
    store.updateLicence(*l, morgan->id, AppSession::now());
    session->notifyLocalChange();
}

void LibraryFixture::fillLicence(AppSession *session, const QString &name) const
{
    const auto l = licenceNamed(session->store(), name);
    if (!l)
        return;
    setLicence(session, name, session->store().seatsUsed(l->id), qs(l->expiresOn));
    if (l->entitlement.empty())
        dropKeys(session);
}

QString LibraryFixture::dayFromToday(int days) const
{
    return QDate::currentDate().addDays(days).toString(Qt::ISODate);
}

void LibraryFixture::dropKeys(AppSession *session) const
{
    session->store().database().exec("UPDATE licences SET entitlement = ''");
    session->notifyLocalChange();
}

QVariant LibraryFixture::signOff(AppSession *session, const QString &installationId) const
{
    auto &store = session->store();
    const auto id = optionalId(installationId);
    if (!id)
        return {};
    auto q = store.database().query("SELECT coalesce(seat_override_reason, '') FROM signoffs WHERE installation_id = ?1");
    q->bind(1, *id);
    if (!q->step())
        return {};
    const auto inst = store.installation(*id);
    return QVariantMap{{QStringLiteral("seatOverrideReason"), qs(q->text(0))},
                       {QStringLiteral("seats"), static_cast<int>(LibraryViews(store).assetSeats(inst->assetId).size())}};
}

QVariant LibraryFixture::seat(AppSession *session, const QString &name, const QString &assetTag) const
{
    auto &store = session->store();
    const auto a = store.findAssetByTag(utf8(assetTag));
    if (!a)
        return {};
    for (const auto &s : LibraryViews(store).assetSeats(a->id)) {
        if (qs(s.licence) == name)
            return QVariantMap{{QStringLiteral("overrideReason"), qs(s.seat.overrideReason)},
                               {QStringLiteral("assignedBy"), qs(s.assignedBy)}};
    }
    return {};
}

QString LibraryFixture::assetChanged(AppSession *session, const QString &assetTag, const QString &status,
                                     const QString &userName) const
{
    auto &store = session->store();
    const auto a = store.findAssetByTag(utf8(assetTag));
    const auto user = store.userByName(utf8(userName));
    if (!a || !user)
        return {};
    Room other;
    for (const auto &r : store.rooms(a->siteId)) {
        if (!a->roomId || r.id != *a->roomId) {
            other = r;
            break;
        }
    }
    // The office's changes arrive with their history rows, as the server keeps them.
    const Millis now = AppSession::now();
    Store::Batch batch(store);
    store.moveAsset(a->id, a->siteId, other.id);
    store.recordChange({{}, "assets", a->id, "room_id", a->roomId ? std::optional(a->roomId->toString()) : std::nullopt,
                        other.id.toString(), user->id, now - 2 * 60 * 60 * 1000});
    const auto to = parse<AssetStatus>(utf8(status));
    store.setAssetStatus(a->id, to);
    store.recordChange({{}, "assets", a->id, "status", std::string(toString(a->status)), std::string(toString(to)),
                        user->id, now - 60 * 60 * 1000});
    batch.commit();
    session->notifyLocalChange();
    return qs(other.name);
}

QString LibraryFixture::assetWithoutSeat(AppSession *session, const QString &name) const
{
    auto &store = session->store();
    const auto l = licenceNamed(store, name);
    if (!l)
        return {};
    auto q = store.database().query(
        "SELECT asset_tag FROM assets WHERE asset_tag IS NOT NULL AND id NOT IN "
        "(SELECT asset_id FROM licence_assignments WHERE licence_id = ?1) ORDER BY asset_tag LIMIT 1");
    q->bind(1, l->id);
    return q->step() ? qs(q->text(0)) : QString();
}
