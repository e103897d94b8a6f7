#pragma once

#include "domain/entities.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Store;

/**
 * What the Definitive Software Library, the licence log and the history screens show, read from a
 * Store (FITS step 2, issue 11): the library with where each item's media and build software are
 * and whether its original media are out, the in/out book, overdue media, the licence log with
 * seats used, a licence's seats, licences near expiry or over-used, the seats a sign-off would
 * take, and the history of every change of a record. Read-only, beside Views and BuildViews.
 *
 * Licence keys are read as the store holds them: an installer's tablet holds "" for every one.
 * Whether a screen may show a key is the app's decision (the role), not these queries'.
 */
class LibraryViews {
public:
    explicit LibraryViews(Store &store)
        : m_store(store)
    {}

    /** A DSL item as the library lists it. */
    struct DslRow {
        DslItem item;
        std::string licences;             ///< the names of its licences in the licence log, "A, B"; empty when none
        std::optional<MediaLoan> out;     ///< the in/out book's open line, while the original media are out
        std::string outWith;              ///< who has them (display name), while out
    };
    /**
     * The library by product and version; with @p search, the items whose product, version,
     * vendor, media location or build location contains it (case does not matter).
     */
    [[nodiscard]] std::vector<DslRow> dslItems(std::string_view search = {});
    [[nodiscard]] std::optional<DslRow> dslRow(const Id &dslItemId);

    /** One line of the in/out book, with who took the media and who booked them back in. */
    struct LoanRow {
        MediaLoan loan;
        std::string takenBy;
        std::string returnedBy; ///< empty while out, or when not known
    };
    /** The in/out book of an item's original media, newest first. */
    [[nodiscard]] std::vector<LoanRow> mediaBook(const Id &dslItemId);

    /** Original media out past the day they were expected back. */
    struct OverdueMedia {
        MediaLoan loan;
        std::string product;
        std::string version;
        std::string mediaLocation;
        std::string takenBy;
    };
    /** Media still out whose expected-back time is before @p now, the longest overdue first. */
    [[nodiscard]] std::vector<OverdueMedia> overdueMedia(Millis now);

    /** A licence as the licence log lists it. */
    struct LicenceRow {
        Licence licence;
        int used = 0;         ///< seats given to assets (on this device)
        std::string software; ///< its DSL item, "SIMS .net 7.214"; empty when none
        std::optional<LicenceType> type; ///< its DSL item's licence type
    };
    /** The licence log by name; with @p search, those whose name, supplier, purchase reference or software contains it. */
    [[nodiscard]] std::vector<LicenceRow> licences(std::string_view search = {});
    [[nodiscard]] std::optional<LicenceRow> licenceRow(const Id &licenceId);
    /** The licences of one DSL item, by name. */
    [[nodiscard]] std::vector<LicenceRow> licencesOf(const Id &dslItemId);

    /** One seat of a licence and the asset it is given to. */
    struct SeatRow {
        LicenceAssignment seat;
        std::string licence;    ///< the licence's name
        std::string assetTag;
        std::string serial;
        std::string model;      ///< make and model
        std::string site;
        std::string assignedBy; ///< display name
        std::string release;    ///< the release whose sign-off gave it; empty when given by hand
    };
    /** A licence's seats, newest first. */
    [[nodiscard]] std::vector<SeatRow> seats(const Id &licenceId);
    /** The seats given to an asset, of any licence, newest first. */
    [[nodiscard]] std::vector<SeatRow> assetSeats(const Id &assetId);

    /** Why a licence wants looking at. */
    enum class Alert { Expired, Expiring, OverUsed };
    struct LicenceAlert {
        LicenceRow row;
        Alert alert = Alert::Expiring;
    };
    /**
     * Licences that want looking at: expired (expiry before @p today), near expiry (on or before
     * @p horizon), or over-used (more seats given than bought). Both dates YYYY-MM-DD. Over-used
     * first, then by expiry; a licence is listed once, for its worst reason.
     */
    [[nodiscard]] std::vector<LicenceAlert> licenceAlerts(std::string_view today, std::string_view horizon);

    /** A seat a sign-off of an installation would take (its build's per-seat or subscription licences). */
    struct SeatNeeded {
        Id licenceId;
        std::string name;
        int seats = 0;
        int used = 0;
        /** Every seat is given: the sign-off needs the installer's reason for going past them. */
        [[nodiscard]] bool full() const { return used >= seats; }
    };
    /**
     * The seats the sign-off of @p installationId would take: one of each per-seat or subscription
     * licence of its build's DSL items that its asset has not yet, by name; the same choice as
     * Store::signOff makes, so that the page asks for a reason when, and only when, it is needed.
     */
    [[nodiscard]] std::vector<SeatNeeded> seatsForSignOff(const Id &installationId);

    /** One field change of a record, its values made readable: names for ids (a room, a person, a site...). */
    struct ChangeRow {
        RecordChange change;
        std::string who;                  ///< display name of who changed it
        std::optional<std::string> from;  ///< the value before, readable; enum values by their stored name
        std::optional<std::string> to;    ///< the value after, readable
    };
    /** A record's changes (any table), newest first. */
    [[nodiscard]] std::vector<ChangeRow> recordHistory(const Id &recordId);

private:
    [[nodiscard]] std::optional<std::string> readable(const RecordChange &change, const std::optional<std::string> &value);
    [[nodiscard]] std::string nameOf(std::string_view field, const Id &id);

    Store &m_store;
};

} // namespace rd
