#pragma once

#include "domain/entities.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace rd::mobile {

class AppSession;

/**
 * The installer's actions, for the pages: start an installation from scanned or typed labels,
 * record a checklist line, back an installation out, take the user's acceptance sign-off, settle a
 * conflict. Each is one local transaction with its outbox entry (through the Replica), committed
 * before the call returns. Each answers a map: {"ok": true, "id": ...} or {"ok": false,
 * "error": "words a technician understands"}; nothing is half-written when it fails.
 */
class Workbench : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::AppSession *session READ session WRITE setSession NOTIFY sessionChanged)

public:
    explicit Workbench(QObject *parent = nullptr);

    [[nodiscard]] AppSession *session() const { return m_session; }
    void setSession(AppSession *session);

    /**
     * What the local inventory already holds under this serial (compared normalised: dashes and
     * spaces do not matter): a list of {assetId, assetTag, serial, make, model, site, room,
     * status}. The start page warns at once when it is not empty.
     */
    Q_INVOKABLE QVariantList assetsWithSerial(const QString &serial) const;
    /** The asset with this tag, as {found, assetId, serial, make, model, site, room, status}. */
    Q_INVOKABLE QVariantMap assetWithTag(const QString &assetTag) const;
    /** What a new asset for @p releaseId is, by default: {make, model, category, siteId}. */
    Q_INVOKABLE QVariantMap newAssetDefaults(const QString &releaseId) const;
    /** The release an installation belongs to; empty when there is no such installation. */
    Q_INVOKABLE QString releaseOfInstallation(const QString &installationId) const;
    /** The rooms of the release's site, as [{id, name}]. */
    Q_INVOKABLE QVariantList roomsForRelease(const QString &releaseId) const;

    /**
     * What the serial field makes of a scan or a typed value (the core's label rules: GS1, "S/N:"
     * prefixes; product codes, MAC addresses and part numbers refused): {accepted, value,
     * reason, canOverride}.
     */
    Q_INVOKABLE QVariantMap checkSerial(const QString &text) const;
    /** The same for the asset-tag field, against the tag format of the release's site. */
    Q_INVOKABLE QVariantMap checkAssetTag(const QString &text, const QString &releaseId) const;
    /** The asset-tag format (a regular expression) of the release's site; empty when it has none. */
    Q_INVOKABLE QString tagPatternForRelease(const QString &releaseId) const;

    /**
     * Starts (or resumes) the installation of @p releaseId on an asset: @p linkAssetId when the
     * installer chose an existing asset, else a new asset from the tag, serial, make and model,
     * which must pass checkSerial and checkAssetTag unless @p overrides gives the installer's
     * reason for a refused one ({"serial": reason, "assetTag": reason}); an override is recorded.
     * The asset is put in @p roomId (may be empty). A new asset is filed under @p category, or
     * when that is empty under the category other assets of its model have ("Hardware" if none).
     * Answers {"ok", "id": installation id, "assetId", "resumed": true when that asset's
     * installation was already under way}.
     */
    Q_INVOKABLE QVariantMap startInstallation(const QString &releaseId, const QString &linkAssetId,
                                              const QString &assetTag, const QString &serial, const QString &make,
                                              const QString &model, const QString &roomId,
                                              const QVariantMap &overrides = {}, const QString &category = {});
    /** Records pass, fail or not-applicable for one line, with an optional note and scanned evidence. */
    Q_INVOKABLE QVariantMap recordStep(const QString &installationId, const QString &stepId,
                                       const QString &outcome, const QString &note, const QString &evidence);
    /** Records that the installation was taken back out, following the back-out plan. */
    Q_INVOKABLE QVariantMap backOut(const QString &installationId, const QString &reason);
    /**
     * The licence seats the sign-off of @p installationId will take (a seat of each per-seat or
     * subscription licence of its build's software that its asset has not yet), by name:
     * [{licenceId, name, seats, used, full}]. A full one needs the installer's reason to go ahead.
     */
    Q_INVOKABLE QVariantList seatsForSignOff(const QString &installationId) const;
    /**
     * The user's acceptance: their name and signature strokes ("x,y x,y;x,y ..."). When a licence
     * of the build has no seat left (seatsForSignOff), @p seatOverrideReason says why it goes ahead
     * anyway, and is recorded with the sign-off and the seat; without it the sign-off is refused.
     */
    Q_INVOKABLE QVariantMap signOff(const QString &installationId, const QString &userName,
                                    const QString &strokes, const QString &seatOverrideReason = {});
    /** Settles a conflict by keeping @p value (one of the two, as the conflict holds it). */
    Q_INVOKABLE QVariantMap resolveConflict(const QString &conflictId, const QString &value);

signals:
    void sessionChanged();

private:
    template <typename F>
    QVariantMap attempt(F &&f);
    /** The release @p releaseId names, if it is on this tablet (nothing for a bad id). */
    [[nodiscard]] std::optional<Release> findRelease(const QString &releaseId) const;

    QPointer<AppSession> m_session;
};

} // namespace rd::mobile
