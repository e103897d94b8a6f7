#pragma once

#include "domain/entities.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace rd::mobile {

class AppSession;
class OfficeReleases;

/**
 * Planning a release, or changing a plan: the service and one of its approved build versions;
 * a single installation or a rollout, and the release type; the units (a count) and/or particular
 * assets or rooms of the site; its installers (people of the site who install); planned start and
 * end; what asked for it (a request or an RFC, with its reference); the back-out plan (the
 * build's, shown, or the release's own); what users are told. Each field's check with its error
 * in words (the core's rules: domain/releaseplan.h), what is still missing, and the saving
 * (OfficeReleases::plan, or update with the installers). The page binds to it; tests drive it
 * without QML.
 *
 * A plan keeps its service and its site once made (the store's rule): when editing, only the
 * build version of the same service changes.
 */
class ReleasePlanForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::OfficeReleases *releases READ releases WRITE setReleases NOTIFY releasesChanged)
    Q_PROPERTY(QString releaseId READ releaseId WRITE setReleaseId NOTIFY releaseIdChanged)
    Q_PROPERTY(bool isNew READ isNew NOTIFY releaseIdChanged)

    Q_PROPERTY(QString number READ number WRITE setNumber NOTIFY numberChanged)
    Q_PROPERTY(QVariantList services READ services NOTIFY choicesChanged)
    Q_PROPERTY(int serviceIndex READ serviceIndex WRITE setServiceIndex NOTIFY serviceChanged)
    Q_PROPERTY(QString serviceId READ serviceId NOTIFY serviceChanged)
    Q_PROPERTY(QVariantList builds READ builds NOTIFY serviceChanged)
    Q_PROPERTY(int buildIndex READ buildIndex WRITE setBuildIndex NOTIFY buildChanged)
    Q_PROPERTY(QString buildId READ buildId NOTIFY buildChanged)
    Q_PROPERTY(QString hardwareModel READ hardwareModel NOTIFY buildChanged)
    Q_PROPERTY(QVariantList sites READ sites NOTIFY choicesChanged)
    Q_PROPERTY(int siteIndex READ siteIndex WRITE setSiteIndex NOTIFY siteChanged)
    Q_PROPERTY(QString siteId READ siteId NOTIFY siteChanged)

    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY kindChanged)
    Q_PROPERTY(QString releaseType READ releaseType WRITE setReleaseType NOTIFY releaseTypeChanged)
    Q_PROPERTY(int units READ units WRITE setUnits NOTIFY unitsChanged)
    Q_PROPERTY(QVariantList rooms READ rooms NOTIFY targetsChanged)
    Q_PROPERTY(QVariantList targetAssets READ targetAssets NOTIFY targetsChanged)
    Q_PROPERTY(QString assetSearch READ assetSearch WRITE setAssetSearch NOTIFY assetSearchChanged)
    Q_PROPERTY(QVariantList assetMatches READ assetMatches NOTIFY assetSearchChanged)
    Q_PROPERTY(QVariantList installers READ installers NOTIFY installersChanged)

    Q_PROPERTY(QString plannedDate READ plannedDate WRITE setPlannedDate NOTIFY datesChanged)
    Q_PROPERTY(QString plannedEnd READ plannedEnd WRITE setPlannedEnd NOTIFY datesChanged)
    Q_PROPERTY(QString trigger READ trigger WRITE setTrigger NOTIFY triggerChanged)
    Q_PROPERTY(QString triggerRef READ triggerRef WRITE setTriggerRef NOTIFY triggerChanged)
    Q_PROPERTY(bool useBuildBackOut READ useBuildBackOut WRITE setUseBuildBackOut NOTIFY backOutChanged)
    Q_PROPERTY(QString buildBackOutPlan READ buildBackOutPlan NOTIFY buildChanged)
    Q_PROPERTY(QString backOutPlan READ backOutPlan WRITE setBackOutPlan NOTIFY backOutChanged)
    Q_PROPERTY(QString userNotice READ userNotice WRITE setUserNotice NOTIFY userNoticeChanged)

    Q_PROPERTY(QString numberError READ numberError NOTIFY checksChanged)
    Q_PROPERTY(QString unitsError READ unitsError NOTIFY checksChanged)
    Q_PROPERTY(QString plannedDateError READ plannedDateError NOTIFY checksChanged)
    Q_PROPERTY(QString plannedEndError READ plannedEndError NOTIFY checksChanged)
    Q_PROPERTY(QString triggerRefError READ triggerRefError NOTIFY checksChanged)
    Q_PROPERTY(QString backOutPlanError READ backOutPlanError NOTIFY checksChanged)
    Q_PROPERTY(QString userNoticeError READ userNoticeError NOTIFY checksChanged)
    Q_PROPERTY(QString missing READ missing NOTIFY checksChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY checksChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit ReleasePlanForm(QObject *parent = nullptr);
    ~ReleasePlanForm() override;

    [[nodiscard]] OfficeReleases *releases() const { return m_releases; }
    void setReleases(OfficeReleases *releases);
    /** The release whose plan is changed; empty for a new plan. Setting it reads the plan. */
    [[nodiscard]] QString releaseId() const { return m_releaseId; }
    void setReleaseId(const QString &releaseId);
    [[nodiscard]] bool isNew() const { return m_releaseId.isEmpty(); }

    /** The release number; a new plan suggests the year's next ("R-2026-050"). */
    [[nodiscard]] QString number() const { return m_number; }
    void setNumber(const QString &number);
    /** The services with an approved build version, as [{id, name}]; editing: the release's own only. */
    [[nodiscard]] QVariantList services() const { return m_services; }
    /** The chosen service as its place in services(); -1 for none yet. */
    [[nodiscard]] int serviceIndex() const;
    void setServiceIndex(int index);
    [[nodiscard]] QString serviceId() const { return m_serviceId; }
    /** The chosen service's approved versions, newest first, as [{id, version, name}]. */
    [[nodiscard]] QVariantList builds() const { return m_builds; }
    [[nodiscard]] int buildIndex() const;
    void setBuildIndex(int index);
    [[nodiscard]] QString buildId() const { return m_buildId; }
    [[nodiscard]] QString hardwareModel() const;
    /** The sites, as [{id, name}]; editing: the release's own only. */
    [[nodiscard]] QVariantList sites() const { return m_sites; }
    [[nodiscard]] int siteIndex() const;
    void setSiteIndex(int index);
    [[nodiscard]] QString siteId() const { return m_siteId; }

    /** "single" or "rollout"; a single installation has one unit. */
    [[nodiscard]] QString kind() const { return m_kind; }
    void setKind(const QString &kind);
    /** "major", "minor" or "emergency". */
    [[nodiscard]] QString releaseType() const { return m_type; }
    void setReleaseType(const QString &type);
    [[nodiscard]] int units() const { return m_units; }
    void setUnits(int units);

    /** The site's rooms, as [{id, name, chosen}]: chosen ones are the plan's rooms. */
    [[nodiscard]] QVariantList rooms() const { return m_rooms; }
    Q_INVOKABLE void setRoomChosen(const QString &roomId, bool chosen);
    /** The particular assets the plan names, as [{id, label, detail}]. */
    [[nodiscard]] QVariantList targetAssets() const { return m_targetAssets; }
    /** Finds the site's assets by asset tag or serial as it is typed: assetMatches. */
    [[nodiscard]] QString assetSearch() const { return m_assetSearch; }
    void setAssetSearch(const QString &text);
    /** The site's assets matching assetSearch and not named yet, as [{id, label, detail}]; at most 8. */
    [[nodiscard]] QVariantList assetMatches() const { return m_assetMatches; }
    Q_INVOKABLE bool addTargetAsset(const QString &assetId);
    Q_INVOKABLE void removeTargetAsset(const QString &assetId);
    /** Who may install it (people of the site who install), as [{id, name, detail, chosen}]. */
    [[nodiscard]] QVariantList installers() const { return m_installers; }
    Q_INVOKABLE void setInstallerChosen(const QString &userId, bool chosen);

    /** YYYY-MM-DD; a new plan starts today. */
    [[nodiscard]] QString plannedDate() const { return m_plannedDate; }
    void setPlannedDate(const QString &date);
    /** YYYY-MM-DD, or empty. */
    [[nodiscard]] QString plannedEnd() const { return m_plannedEnd; }
    void setPlannedEnd(const QString &date);
    /** "none", "request" (a user's request) or "rfc" (a Request for Change). */
    [[nodiscard]] QString trigger() const { return m_trigger; }
    void setTrigger(const QString &trigger);
    [[nodiscard]] QString triggerRef() const { return m_triggerRef; }
    void setTriggerRef(const QString &ref);
    /** The build's back-out plan applies (shown as buildBackOutPlan), not one of the release's own. */
    [[nodiscard]] bool useBuildBackOut() const { return m_useBuildBackOut; }
    void setUseBuildBackOut(bool use);
    [[nodiscard]] QString buildBackOutPlan() const;
    /** The release's own back-out plan, when useBuildBackOut is false. */
    [[nodiscard]] QString backOutPlan() const { return m_backOutPlan; }
    void setBackOutPlan(const QString &plan);
    [[nodiscard]] QString userNotice() const { return m_userNotice; }
    void setUserNotice(const QString &notice);

    /** What is wrong with a field, in words; empty when nothing is (or it is still empty). */
    [[nodiscard]] QString numberError() const;
    [[nodiscard]] QString unitsError() const;
    [[nodiscard]] QString plannedDateError() const;
    [[nodiscard]] QString plannedEndError() const;
    [[nodiscard]] QString triggerRefError() const;
    [[nodiscard]] QString backOutPlanError() const;
    [[nodiscard]] QString userNoticeError() const;
    /** What the plan still waits for (a service, a site, an installer...), in words; empty when nothing. */
    [[nodiscard]] QString missing() const;
    [[nodiscard]] bool canSubmit() const;
    /** Why the last submit() failed, in words; empty otherwise. */
    [[nodiscard]] QString error() const { return m_error; }

    /**
     * Plans the release, or saves the changed plan and installers: {ok, id} or {ok: false, error};
     * saved() on success. The store checks everything again.
     */
    Q_INVOKABLE QVariantMap submit();

signals:
    void releasesChanged();
    void releaseIdChanged();
    void choicesChanged();
    void numberChanged();
    void serviceChanged();
    void buildChanged();
    void siteChanged();
    void kindChanged();
    void releaseTypeChanged();
    void unitsChanged();
    void targetsChanged();
    void assetSearchChanged();
    void installersChanged();
    void datesChanged();
    void triggerChanged();
    void backOutChanged();
    void userNoticeChanged();
    void checksChanged();
    void errorChanged();
    void saved(const QString &releaseId);

private:
    [[nodiscard]] AppSession *session() const;
    /** The plan (or a new one's defaults) and every list to choose from, from the store. */
    void load();
    void chooseService(const QString &serviceId, const QString &buildId);
    void chooseBuild(const QString &buildId);
    void chooseSite(const QString &siteId, const std::vector<Id> &installers, const std::vector<Id> &rooms);
    void findAssets();
    /** The plan as the fields make it, for the core's checks and for submit(). */
    [[nodiscard]] Release release() const;
    /** The core's words on @p field of the plan, "Field: why"; empty when it is right. */
    [[nodiscard]] QString problem(const char *field) const;
    [[nodiscard]] static std::vector<Id> chosen(const QVariantList &list);
    void setError(const QString &error);

    QPointer<OfficeReleases> m_releases;
    QString m_releaseId;
    std::optional<Release> m_editing; // the plan as it was read, when changing one

    QString m_number;
    QVariantList m_services;
    QString m_serviceId;
    QVariantList m_builds; // with their hardware and back-out plans
    QString m_buildId;
    QVariantList m_sites;
    QString m_siteId;
    QString m_kind = QStringLiteral("single");
    QString m_type = QStringLiteral("minor");
    int m_units = 1;
    QVariantList m_rooms;
    QVariantList m_targetAssets;
    QString m_assetSearch;
    QVariantList m_assetMatches;
    QVariantList m_installers;
    QString m_plannedDate;
    QString m_plannedEnd;
    QString m_trigger = QStringLiteral("none");
    QString m_triggerRef;
    bool m_useBuildBackOut = true;
    QString m_backOutPlan;
    QString m_userNotice;
    QString m_error;
};

} // namespace rd::mobile
