#pragma once

#include "store/libraryviews.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

// The one record the software library's and the licence log's pages show above their lists (a DSL
// item above its in/out book, a licence above its seats), as typed QML value types, as records.h
// does for releases and assets. `loaded` is false until the model has read the record.

/** How many days ahead a licence's expiry is worth a warning on Today and in the licence log. */
inline constexpr int kExpiryWarningDays = 30;

/** A DSL item, above its in/out book (MediaBookModel::item). */
struct DslItemInfo {
    Q_GADGET
    QML_VALUE_TYPE(dslItemInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString dslItemId MEMBER dslItemId)
    Q_PROPERTY(QString product MEMBER product)
    Q_PROPERTY(QString version MEMBER version)
    Q_PROPERTY(QString vendor MEMBER vendor)
    Q_PROPERTY(QString mediaKind MEMBER mediaKind)
    Q_PROPERTY(QString mediaLocation MEMBER mediaLocation)
    Q_PROPERTY(QString buildLocation MEMBER buildLocation)
    Q_PROPERTY(QString checksum MEMBER checksum)
    Q_PROPERTY(QString licenceType MEMBER licenceType)
    Q_PROPERTY(bool takesSeats MEMBER takesSeats)
    Q_PROPERTY(QString licences MEMBER licences)
    Q_PROPERTY(bool mediaOut MEMBER mediaOut)
    Q_PROPERTY(QString openLoanId MEMBER openLoanId)
    Q_PROPERTY(QString outWith MEMBER outWith)
    Q_PROPERTY(QDateTime outSince MEMBER outSince)
    Q_PROPERTY(QDateTime expectedBack MEMBER expectedBack)
    Q_PROPERTY(bool overdue MEMBER overdue)
    Q_PROPERTY(QString purpose MEMBER purpose)

public:
    bool loaded = false;
    QString dslItemId;
    QString product;
    QString version;
    QString vendor;
    QString mediaKind;   // in words: "Disc", "USB drive"
    QString mediaLocation;
    QString buildLocation;
    QString checksum;    // SHA-256 of the build software, lower-case hex; empty when not recorded
    QString licenceType; // in words: "Per seat"
    bool takesSeats = false; // a sign-off of a build with it takes a seat of its licence
    QString licences;    // its licences' names, "A, B"
    bool mediaOut = false;
    QString openLoanId;  // the in/out book's open line while out
    QString outWith;
    QDateTime outSince;
    QDateTime expectedBack; // invalid when no day was given
    bool overdue = false;
    QString purpose;
};

/** A licence, above its seats (LicenceSeatsModel::licence). The key is never part of it. */
struct LicenceInfo {
    Q_GADGET
    QML_VALUE_TYPE(licenceInfo)
    Q_PROPERTY(bool loaded MEMBER loaded)
    Q_PROPERTY(QString licenceId MEMBER licenceId)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString software MEMBER software)
    Q_PROPERTY(QString dslItemId MEMBER dslItemId)
    Q_PROPERTY(QString licenceType MEMBER licenceType)
    Q_PROPERTY(int seats MEMBER seats)
    Q_PROPERTY(int used MEMBER used)
    Q_PROPERTY(bool full MEMBER full)
    Q_PROPERTY(bool overUsed MEMBER overUsed)
    Q_PROPERTY(QString expiresOn MEMBER expiresOn)
    Q_PROPERTY(bool expired MEMBER expired)
    Q_PROPERTY(bool expiringSoon MEMBER expiringSoon)
    Q_PROPERTY(QString supplier MEMBER supplier)
    Q_PROPERTY(QString purchaseRef MEMBER purchaseRef)
    Q_PROPERTY(bool hasKey MEMBER hasKey)

public:
    bool loaded = false;
    QString licenceId;
    QString name;
    QString software; // "SIMS .net 7.214"; empty when it names no DSL item
    QString dslItemId;
    QString licenceType; // its DSL item's, in words; empty when none
    int seats = 0;
    int used = 0;
    bool full = false;     // every seat given
    bool overUsed = false; // more seats given than bought
    QString expiresOn;     // YYYY-MM-DD, or empty
    bool expired = false;
    bool expiringSoon = false; // within kExpiryWarningDays, not yet expired
    QString supplier;
    QString purchaseRef;
    bool hasKey = false; // a key is recorded and this person may see it (the office)
};

/** Today, YYYY-MM-DD, where the device is. */
[[nodiscard]] std::string isoToday();
/** The day @p days from today, YYYY-MM-DD. */
[[nodiscard]] std::string isoInDays(int days);
/** Whether the session's person may see licence keys (the office roles; see OfficeLibrary::canSeeKeys). */
[[nodiscard]] bool seesKeys(const AppSession *session);
/** A DSL item as its page shows it, @p now (Unix ms) telling whether its media are overdue. */
[[nodiscard]] DslItemInfo dslItemInfo(const LibraryViews::DslRow &row, Millis now);
/** A licence as its page shows it; @p seesKeys: the person may see keys (then hasKey says whether one is recorded). */
[[nodiscard]] LicenceInfo licenceInfo(const LibraryViews::LicenceRow &row, bool seesKeys);

} // namespace rd::mobile
