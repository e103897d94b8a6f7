#pragma once

#include "scan/scancheck.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace rd::mobile {

class Workbench;

/**
 * The "Start an installation" form: the asset tag and serial (typed or scanned), the make, model
 * and category of a new asset, its room, the installer's overrides of refused labels, or an asset
 * of the inventory chosen instead; each field's checks (the core's label rules, what the inventory
 * already holds) with its error in words, whether the form can be sent, and the sending itself
 * (Workbench::startInstallation). The page binds to it; tests drive it without QML.
 *
 * An override holds for the value it was given for: any change of that field's text drops it.
 * submit() always asks the Workbench, which checks everything again: canSubmit is for the button.
 */
class StartInstallationForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::Workbench *workbench READ workbench WRITE setWorkbench NOTIFY workbenchChanged)
    Q_PROPERTY(QString releaseId READ releaseId WRITE setReleaseId NOTIFY releaseIdChanged)

    Q_PROPERTY(QString assetTag READ assetTag WRITE setAssetTag NOTIFY assetTagChanged)
    Q_PROPERTY(QString serial READ serial WRITE setSerial NOTIFY serialChanged)
    Q_PROPERTY(QString make READ make WRITE setMake NOTIFY makeChanged)
    Q_PROPERTY(QString model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(QString category READ category WRITE setCategory NOTIFY categoryChanged)
    Q_PROPERTY(QString roomId READ roomId WRITE setRoomId NOTIFY roomChanged)
    Q_PROPERTY(int roomIndex READ roomIndex WRITE setRoomIndex NOTIFY roomChanged)

    Q_PROPERTY(QVariantList rooms READ rooms NOTIFY releaseChanged)
    Q_PROPERTY(QString assetTagPattern READ assetTagPattern NOTIFY releaseChanged)

    Q_PROPERTY(bool assetTagRefused READ assetTagRefused NOTIFY checksChanged)
    Q_PROPERTY(bool serialRefused READ serialRefused NOTIFY checksChanged)
    Q_PROPERTY(QString assetTagOverride READ assetTagOverride NOTIFY checksChanged)
    Q_PROPERTY(QString serialOverride READ serialOverride NOTIFY checksChanged)
    Q_PROPERTY(bool overrideOffered READ overrideOffered NOTIFY checksChanged)
    Q_PROPERTY(QString assetTagError READ assetTagError NOTIFY checksChanged)
    Q_PROPERTY(QString serialError READ serialError NOTIFY checksChanged)
    Q_PROPERTY(QVariantList duplicates READ duplicates NOTIFY checksChanged)

    Q_PROPERTY(QString linkedAssetId READ linkedAssetId NOTIFY linkedAssetChanged)
    Q_PROPERTY(QVariantMap linkedAsset READ linkedAsset NOTIFY linkedAssetChanged)

    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY checksChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit StartInstallationForm(QObject *parent = nullptr);
    ~StartInstallationForm() override;

    [[nodiscard]] Workbench *workbench() const { return m_workbench; }
    void setWorkbench(Workbench *workbench);
    [[nodiscard]] QString releaseId() const { return m_releaseId; }
    /** Also fills make, model and category with the release's build's defaults, and empties the room. */
    void setReleaseId(const QString &releaseId);

    [[nodiscard]] QString assetTag() const { return m_assetTag; }
    void setAssetTag(const QString &text);
    [[nodiscard]] QString serial() const { return m_serial; }
    void setSerial(const QString &text);
    [[nodiscard]] QString make() const { return m_make; }
    void setMake(const QString &make);
    [[nodiscard]] QString model() const { return m_model; }
    void setModel(const QString &model);
    [[nodiscard]] QString category() const { return m_category; }
    void setCategory(const QString &category);
    /** The room the asset is put in, one of rooms(); empty: not yet known. */
    [[nodiscard]] QString roomId() const { return m_roomId; }
    void setRoomId(const QString &roomId);
    /** The same room as its place in rooms() (0: not yet known), for a list to choose from; -1 for none of them. */
    [[nodiscard]] int roomIndex() const;
    void setRoomIndex(int index);

    /** Where the asset may be put, as [{id, name}]: "not yet known" (no id), then the rooms of the release's site. */
    [[nodiscard]] QVariantList rooms() const { return m_rooms; }
    /** The release's site's asset-tag format, for the scan page. */
    [[nodiscard]] QString assetTagPattern() const { return m_tagPattern; }

    /** Whether the label rules refused the field's text (overridden or not). */
    [[nodiscard]] bool assetTagRefused() const;
    [[nodiscard]] bool serialRefused() const;
    /** The installer's reason for using a refused label anyway; empty without an override. */
    [[nodiscard]] QString assetTagOverride() const;
    [[nodiscard]] QString serialOverride() const;
    /** Whether a refused label waits for the installer's reason to be used anyway. */
    [[nodiscard]] bool overrideOffered() const;
    /** What is wrong with the field, in words; empty when nothing is. */
    [[nodiscard]] QString assetTagError() const;
    [[nodiscard]] QString serialError() const;
    /**
     * The inventory's assets that already have this serial or this tag, as
     * [{assetId, assetTag, serial, make, model, site, room, roomId, status}]: the installer uses
     * one of them (useAsset) rather than adding it twice. Empty while an asset is chosen.
     */
    [[nodiscard]] QVariantList duplicates() const;

    /** The inventory's asset the installation goes on, chosen with useAsset(); empty for a new asset. */
    [[nodiscard]] QString linkedAssetId() const;
    [[nodiscard]] QVariantMap linkedAsset() const { return m_linkedAsset; }

    /** Whether the start button may be pressed: an asset chosen, or a new one with nothing in the way. */
    [[nodiscard]] bool canSubmit() const;
    /** Why the last submit() failed, in words; empty otherwise. */
    [[nodiscard]] QString error() const { return m_error; }

    /** Chooses one of duplicates() (by its assetId) to install on, and its room when it has one. */
    Q_INVOKABLE bool useAsset(const QString &assetId);
    /** Back to adding a new asset. */
    Q_INVOKABLE void clearAsset();
    /**
     * Uses the refused labels anyway, on the installer's word: @p reason is recorded with the
     * asset. False, changing nothing, when nothing refused may be overridden or @p reason is blank.
     */
    Q_INVOKABLE bool overrideRefusals(const QString &reason);
    /** A finished scan into the tag field: the tag a GS1 label holds replaces the label's text. */
    Q_INVOKABLE void takeScannedAssetTag(const QString &scanned);
    /** A finished scan into the serial field: "S/N: 5CG..." or a GS1 label gives the serial itself. */
    Q_INVOKABLE void takeScannedSerial(const QString &scanned);
    /**
     * What the scan page read, both labels at once; @p overridden with @p overrideReason when the
     * installer took a refused one there on their word.
     */
    Q_INVOKABLE void takeScan(const QString &assetTag, const QString &serial, bool overridden,
                              const QString &overrideReason);

    /**
     * Starts (or resumes) the installation: Workbench::startInstallation with what the form holds.
     * Answers its {ok, id, assetId, resumed} or {ok: false, error}; error() keeps the words, and
     * started() is said on success.
     */
    Q_INVOKABLE QVariantMap submit();

signals:
    void workbenchChanged();
    void releaseIdChanged();
    void releaseChanged();
    void assetTagChanged();
    void serialChanged();
    void makeChanged();
    void modelChanged();
    void categoryChanged();
    void roomChanged();
    void checksChanged();
    void linkedAssetChanged();
    void errorChanged();
    void started(const QString &installationId);

private:
    /** The release's defaults, rooms and tag format, then the checks again. */
    void loadRelease();
    /** The label rules' verdict and the inventory's asset for what the tag field holds now. */
    void checkAssetTag();
    /** The same for the serial field: its verdict and the assets that already have it. */
    void checkSerial();
    void setError(const QString &error);
    [[nodiscard]] bool assetTagBlocked() const;
    [[nodiscard]] bool serialBlocked() const;

    QPointer<Workbench> m_workbench;
    QString m_releaseId;
    QString m_assetTag;
    QString m_serial;
    QString m_make;
    QString m_model;
    QString m_category;
    QString m_roomId;
    QVariantList m_rooms;
    QString m_tagPattern;
    // The label rules' verdicts on the fields' texts (none for an empty field), overrides included.
    std::optional<scan::ScanCheck> m_tagCheck;
    std::optional<scan::ScanCheck> m_serialCheck;
    QVariantList m_serialDuplicates;
    QVariantMap m_tagOwner; // the asset that already has this tag; empty when none has
    QVariantMap m_linkedAsset;
    QString m_error;
};

} // namespace rd::mobile
