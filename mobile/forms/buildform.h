#pragma once

#include "buildlinesmodel.h"
#include "buildsoftwaremodel.h"

#include "app/officebench.h"

#include "domain/entities.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class AppSession;

/**
 * The build editor's form: one version of a service's build procedure, whole, as it is being
 * edited. Its four parts: the design details (hardware model(s), the DSL software picked, notes),
 * the installation steps, stability tests and acceptance tests (a BuildLinesModel each), and the
 * back-out plan; each field's errors in the core's words; save (from the revision it was read at,
 * so a colleague's newer save is never written over in silence) and submit (OfficeBench).
 *
 * It keeps what is typed until it is saved or reverted: when the store changes under it (a sync
 * brings a colleague's save), an untouched form reads the version again, and an edited one keeps
 * the edits and says newerElsewhere. A version that cannot be edited (submitted, approved or
 * retired, or a role that does not write build procedures) is read-only: every edit is refused,
 * and save() answers the core's refusal, writing nothing.
 */
class BuildForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::OfficeBench *office READ office WRITE setOffice NOTIFY officeChanged)
    Q_PROPERTY(QString buildId READ buildId WRITE setBuildId NOTIFY buildIdChanged)

    // The version as stored.
    Q_PROPERTY(bool loaded READ loaded NOTIFY buildChanged)
    Q_PROPERTY(QString serviceId READ serviceId NOTIFY buildChanged)
    Q_PROPERTY(QString service READ service NOTIFY buildChanged)
    Q_PROPERTY(int version READ version NOTIFY buildChanged)
    Q_PROPERTY(QString status READ status NOTIFY buildChanged)
    Q_PROPERTY(QString statusWords READ statusWords NOTIFY buildChanged)
    Q_PROPERTY(int revision READ revision NOTIFY buildChanged)
    Q_PROPERTY(QString savedBy READ savedBy NOTIFY buildChanged)
    Q_PROPERTY(QDateTime savedAt READ savedAt NOTIFY buildChanged)
    /** Where it stands, and who put it there: "approved by Morgan Hale", "submitted by Devi Raman". */
    Q_PROPERTY(QString stateWords READ stateWords NOTIFY buildChanged)
    Q_PROPERTY(QDateTime stateAt READ stateAt NOTIFY buildChanged)
    /** Why a release manager sent it back, while the draft waits to be submitted again. */
    Q_PROPERTY(QString returnedReason READ returnedReason NOTIFY buildChanged)
    Q_PROPERTY(QString returnedBy READ returnedBy NOTIFY buildChanged)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY buildChanged)
    /** Why it cannot be edited, in words; empty when it can. */
    Q_PROPERTY(QString readOnlyReason READ readOnlyReason NOTIFY buildChanged)
    /** Someone else's save (or a decision) reached this tablet while it was being edited. */
    Q_PROPERTY(bool newerElsewhere READ newerElsewhere NOTIFY buildChanged)

    // The four parts, as edited.
    Q_PROPERTY(QString hardwareModel READ hardwareModel WRITE setHardwareModel NOTIFY hardwareModelChanged)
    Q_PROPERTY(QString designNotes READ designNotes WRITE setDesignNotes NOTIFY designNotesChanged)
    Q_PROPERTY(QString backOutPlan READ backOutPlan WRITE setBackOutPlan NOTIFY backOutPlanChanged)
    Q_PROPERTY(rd::mobile::BuildSoftwareModel *software READ software CONSTANT)
    Q_PROPERTY(rd::mobile::BuildLinesModel *installation READ installation CONSTANT)
    Q_PROPERTY(rd::mobile::BuildLinesModel *stability READ stability CONSTANT)
    Q_PROPERTY(rd::mobile::BuildLinesModel *acceptance READ acceptance CONSTANT)

    Q_PROPERTY(QString hardwareModelError READ hardwareModelError NOTIFY checksChanged)
    Q_PROPERTY(QString designNotesError READ designNotesError NOTIFY checksChanged)
    Q_PROPERTY(QString backOutPlanError READ backOutPlanError NOTIFY checksChanged)
    /** Lines in all three parts. */
    Q_PROPERTY(int lineCount READ lineCount NOTIFY checksChanged)
    /** Fields and lines with something wrong. */
    Q_PROPERTY(int errorCount READ errorCount NOTIFY checksChanged)
    /** Edited since it was read or saved. */
    Q_PROPERTY(bool dirty READ dirty NOTIFY dirtyChanged)
    Q_PROPERTY(bool canSave READ canSave NOTIFY checksChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY checksChanged)
    /** Why the last save or submit failed, in words; empty otherwise. */
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit BuildForm(QObject *parent = nullptr);
    ~BuildForm() override;

    [[nodiscard]] OfficeBench *office() const { return m_office; }
    void setOffice(OfficeBench *office);
    [[nodiscard]] QString buildId() const { return m_buildId; }
    void setBuildId(const QString &buildId);

    [[nodiscard]] bool loaded() const { return m_loaded; }
    [[nodiscard]] QString serviceId() const;
    [[nodiscard]] QString service() const { return m_service; }
    [[nodiscard]] int version() const { return m_stored.version; }
    [[nodiscard]] QString status() const;
    [[nodiscard]] QString statusWords() const;
    [[nodiscard]] int revision() const { return m_stored.revision; }
    [[nodiscard]] QString savedBy() const { return m_savedBy; }
    [[nodiscard]] QDateTime savedAt() const { return m_savedAt; }
    [[nodiscard]] QString stateWords() const { return m_stateWords; }
    [[nodiscard]] QDateTime stateAt() const { return m_stateAt; }
    [[nodiscard]] QString returnedReason() const;
    [[nodiscard]] QString returnedBy() const { return m_returnedBy; }
    [[nodiscard]] bool readOnly() const;
    [[nodiscard]] QString readOnlyReason() const;
    [[nodiscard]] bool newerElsewhere() const { return m_newerElsewhere; }

    [[nodiscard]] QString hardwareModel() const { return m_hardwareModel; }
    void setHardwareModel(const QString &text);
    [[nodiscard]] QString designNotes() const { return m_designNotes; }
    void setDesignNotes(const QString &text);
    [[nodiscard]] QString backOutPlan() const { return m_backOutPlan; }
    void setBackOutPlan(const QString &text);
    [[nodiscard]] BuildSoftwareModel *software() const { return m_software; }
    [[nodiscard]] BuildLinesModel *installation() const { return m_installation; }
    [[nodiscard]] BuildLinesModel *stability() const { return m_stability; }
    [[nodiscard]] BuildLinesModel *acceptance() const { return m_acceptance; }

    [[nodiscard]] QString hardwareModelError() const;
    [[nodiscard]] QString designNotesError() const;
    [[nodiscard]] QString backOutPlanError() const;
    [[nodiscard]] int lineCount() const;
    [[nodiscard]] int errorCount() const;
    [[nodiscard]] bool dirty() const { return m_dirty; }
    [[nodiscard]] bool canSave() const;
    [[nodiscard]] bool canSubmit() const;
    [[nodiscard]] QString error() const { return m_error; }

    /** The version as edited: what save() sends, from the revision it was read at. */
    [[nodiscard]] BuildProcedure draft() const;

    /**
     * Saves the edits (OfficeBench::saveBuildDraft). Answers {ok, revision} or {ok: false, error};
     * error() keeps the words, and saved() is said on success. An untouched draft is not saved again.
     */
    Q_INVOKABLE QVariantMap save();
    /** Saves what is edited and hands the draft in for approval, in one go; submitted() on success. */
    Q_INVOKABLE QVariantMap submit();
    /**
     * Saves the edits over a colleague's newer save that reached this tablet meanwhile (see
     * newerElsewhere), on the person's say-so: theirs is replaced, openly.
     */
    Q_INVOKABLE QVariantMap saveOverNewer();
    /** Drops the edits: the version as stored now. */
    Q_INVOKABLE void revert();

signals:
    void officeChanged();
    void buildIdChanged();
    void buildChanged();
    void hardwareModelChanged();
    void designNotesChanged();
    void backOutPlanChanged();
    void checksChanged();
    void dirtyChanged();
    void errorChanged();
    void saved();
    void submitted();

private:
    [[nodiscard]] AppSession *session() const;
    /** Reads the version as stored into the form; edits are dropped. */
    void load();
    /** The store changed: read again when untouched, else note a newer save. */
    void onLocalDataChanged();
    void edited();
    void setDirty(bool dirty);
    void setError(const QString &error);
    /** Applies a read-only state to the parts' models. */
    void applyReadOnly();
    QVariantMap send(bool thenSubmit);

    QPointer<OfficeBench> m_office;
    QPointer<AppSession> m_session;
    QString m_buildId;
    bool m_loaded = false;
    BuildProcedure m_stored; // as read: its status, revision and version
    QString m_service;
    QString m_savedBy;
    QDateTime m_savedAt;
    QString m_stateWords;
    QDateTime m_stateAt;
    QString m_returnedBy;
    bool m_newerElsewhere = false;
    QString m_hardwareModel;
    QString m_designNotes;
    QString m_backOutPlan;
    BuildSoftwareModel *m_software;
    BuildLinesModel *m_installation;
    BuildLinesModel *m_stability;
    BuildLinesModel *m_acceptance;
    bool m_dirty = false;
    QString m_error;
};

} // namespace rd::mobile
