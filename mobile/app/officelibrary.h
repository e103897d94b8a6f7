#pragma once

#include "domain/entities.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <string_view>

namespace rd::mobile {

class AppSession;

/**
 * The Definitive Software Library's and the licence log's actions (FITS step 2), for the pages
 * and their forms: add and change a DSL item; take its original media out and book them back in
 * (the in/out book); add and change a licence; give an asset a seat of a licence and take it back.
 * Each is one local transaction with its outbox entry (through the Replica), committed before the
 * call returns, so it works offline and is sent once at the next sync. Each answers a map,
 * {"ok": true, ...} or {"ok": false, "error": "words", "field": the field's label when one field is
 * to blame}; nothing is written when it fails (a refusal by a rule is the core's own words: "the
 * original media are already out with Sam Okafor ...").
 *
 * Who may do what is the sync's description of each mutation kind (sync/kinds.cpp), as for
 * OfficeBench: DSL items, licences and seats are the release managers' and build developers';
 * anyone signed in takes media out and books them back in, as themselves. Licence keys are the
 * office's only (canSeeKeys): an installer's tablet holds "" for them, and nothing here gives one
 * to an installer's pages even where a store holds it.
 */
class OfficeLibrary : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)
    /** Add a DSL item and change one (release managers and build developers). */
    Q_PROPERTY(bool canEditLibrary READ canEditLibrary NOTIFY rightsChanged)
    /** Take original media out and book them back in (anyone signed in, as themselves). */
    Q_PROPERTY(bool canBorrowMedia READ canBorrowMedia NOTIFY rightsChanged)
    /** Add a licence and change one (release managers and build developers). */
    Q_PROPERTY(bool canEditLicences READ canEditLicences NOTIFY rightsChanged)
    /** Give an asset a seat and take it back (release managers and build developers). */
    Q_PROPERTY(bool canGiveSeats READ canGiveSeats NOTIFY rightsChanged)
    /** See licence keys (release managers and build developers: the sync sends keys to no one else). */
    Q_PROPERTY(bool canSeeKeys READ canSeeKeys NOTIFY rightsChanged)

public:
    explicit OfficeLibrary(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);

    [[nodiscard]] bool canEditLibrary() const { return may("addDslItem"); }
    [[nodiscard]] bool canBorrowMedia() const { return may("takeOutMedia"); }
    [[nodiscard]] bool canEditLicences() const { return may("addLicence"); }
    [[nodiscard]] bool canGiveSeats() const { return may("assignLicence"); }
    [[nodiscard]] bool canSeeKeys() const;
    /** Whether the signed-in person's role may send the mutation kind @p kind at all. */
    [[nodiscard]] bool may(std::string_view kind) const;
    /** Whether a person of @p role may see licence keys. */
    [[nodiscard]] static bool seesKeys(Role role) noexcept;

    /** Adds @p item (a null id) or changes it; answers {ok, id}. For DslItemForm. */
    QVariantMap saveDslItem(const DslItem &item);
    /** Adds @p licence (a null id) or changes it; answers {ok, id}. For LicenceForm. */
    QVariantMap saveLicence(const Licence &licence);

    /**
     * Takes an item's original media out, as the signed-in person, now, for @p purpose, expected
     * back by the end of @p expectedBack (YYYY-MM-DD, or empty for no day). Refused while they are
     * out with someone (the core's words say with whom). Answers {ok, id: the in/out book's line}.
     */
    Q_INVOKABLE QVariantMap takeOutMedia(const QString &dslItemId, const QString &purpose,
                                         const QString &expectedBack);
    /** Books the media of the in/out book's line @p loanId back in, as the signed-in person, now. */
    Q_INVOKABLE QVariantMap returnMedia(const QString &loanId);
    /**
     * Gives @p assetId a seat of @p licenceId, as the signed-in person. When every seat is given it
     * is refused unless @p overrideReason says why, which is then kept with the seat. Answers {ok, id}.
     */
    Q_INVOKABLE QVariantMap giveSeat(const QString &licenceId, const QString &assetId, const QString &overrideReason);
    /** Takes the seat @p seatId back from its asset. */
    Q_INVOKABLE QVariantMap takeBackSeat(const QString &seatId);
    /** A licence's key, for the office's "Show the key"; empty for anyone else, and when not on this device. */
    Q_INVOKABLE QString licenceKey(const QString &licenceId) const;
    /**
     * Assets to give a seat to, as the inventory search finds them from @p text (serial, asset
     * tag, room): [{assetId, assetTag, serial, model, site, hasSeat: already has one of @p licenceId}].
     */
    Q_INVOKABLE QVariantList findAssets(const QString &text, const QString &licenceId) const;

signals:
    void sessionChanged();
    void rightsChanged();

private:
    template <typename F>
    QVariantMap attempt(std::string_view kind, const QString &refusal, F &&write);

    QPointer<AppSession> m_session;
};

} // namespace rd::mobile
