#include "libraryrecords.h"

#include "librarywords.h"

#include "app/appsession.h"
#include "app/officelibrary.h"
#include "app/qtconvert.h"

#include <QDate>

namespace rd::mobile {

std::string isoToday()
{
    return isoInDays(0);
}

std::string isoInDays(int days)
{
    return utf8(QDate::currentDate().addDays(days).toString(Qt::ISODate));
}

bool seesKeys(const AppSession *session)
{
    if (!session)
        return false;
    const auto role = tryParse<Role>(utf8(session->role()));
    return role && OfficeLibrary::seesKeys(*role);
}

DslItemInfo dslItemInfo(const LibraryViews::DslRow &row, Millis now)
{
    DslItemInfo d;
    d.loaded = true;
    d.dslItemId = qs(row.item.id);
    d.product = qs(row.item.product);
    d.version = qs(row.item.version);
    d.vendor = qs(row.item.vendor);
    d.mediaKind = mediaKindWords(row.item.mediaKind);
    d.mediaLocation = qs(row.item.mediaLocation);
    d.buildLocation = qs(row.item.buildLocation);
    d.checksum = qs(row.item.buildSha256);
    d.licenceType = licenceTypeWords(row.item.licenceType);
    d.takesSeats = takesSeats(row.item.licenceType);
    d.licences = qs(row.licences);
    if (row.out) {
        d.mediaOut = true;
        d.openLoanId = qs(row.out->id);
        d.outWith = qs(row.outWith);
        d.outSince = localTime(row.out->takenAt);
        if (row.out->expectedBack) {
            d.expectedBack = localTime(*row.out->expectedBack);
            d.overdue = *row.out->expectedBack < now;
        }
        d.purpose = qs(row.out->purpose);
    }
    return d;
}

LicenceInfo licenceInfo(const LibraryViews::LicenceRow &row, bool seesKeys)
{
    LicenceInfo l;
    l.loaded = true;
    l.licenceId = qs(row.licence.id);
    l.name = qs(row.licence.name);
    l.software = qs(row.software);
    l.dslItemId = row.licence.dslItemId ? qs(*row.licence.dslItemId) : QString();
    l.licenceType = row.type ? licenceTypeWords(*row.type) : QString();
    l.seats = row.licence.seats;
    l.used = row.used;
    l.full = row.used >= row.licence.seats;
    l.overUsed = row.used > row.licence.seats;
    l.expiresOn = qs(row.licence.expiresOn);
    if (!row.licence.expiresOn.empty()) {
        l.expired = row.licence.expiresOn < isoToday();
        l.expiringSoon = !l.expired && row.licence.expiresOn <= isoInDays(kExpiryWarningDays);
    }
    l.supplier = qs(row.licence.supplier);
    l.purchaseRef = qs(row.licence.purchaseRef);
    l.hasKey = seesKeys && !row.licence.entitlement.empty();
    return l;
}

} // namespace rd::mobile
