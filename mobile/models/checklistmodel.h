#pragma once

#include "records.h"
#include "sessionmodel.h"

#include "domain/entities.h"

#include <QElapsedTimer>
#include <QStringList>

#include <vector>

namespace rd::mobile {

/**
 * The build install checklist of one installation: installation steps, then stability tests, then
 * acceptance tests, each with its latest result. record() commits one line at once (one local
 * transaction with its outbox entry) and moves `currentIndex` to the next line without a result,
 * so the page always opens, also after the app was killed, at the first line still to do.
 */
class ChecklistModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString installationId READ installationId WRITE setInstallationId NOTIFY installationIdChanged)
    Q_PROPERTY(int currentIndex READ currentIndex NOTIFY progressChanged)
    Q_PROPERTY(int recordedCount READ recordedCount NOTIFY progressChanged)
    Q_PROPERTY(int doneCount READ doneCount NOTIFY progressChanged)
    Q_PROPERTY(int failedCount READ failedCount NOTIFY progressChanged)
    Q_PROPERTY(bool readyForSignOff READ readyForSignOff NOTIFY progressChanged)
    Q_PROPERTY(bool hasFailure READ hasFailure NOTIFY progressChanged)
    Q_PROPERTY(rd::mobile::InstallationInfo installation READ installation NOTIFY progressChanged)

public:
    enum Role {
        StepIdRole = Qt::UserRole + 1,
        PartRole,
        PartLabelRole,
        PositionRole,
        TitleRole,
        DetailRole,
        RequiredRole,
        OutcomeRole,
        NoteRole,
        EvidenceRole,
        RecordedByRole,
        RecordedAtRole,
        AsksForPhotoRole, ///< the line asks for a photo as its evidence (EvidenceKind::Photo)
        HasPhotoRole,     ///< its latest result's evidence is a photo ("photo:sha256:<hex>")
        EarlierRole, ///< the results recorded before the latest, oldest first, each in words
    };
    Q_ENUM(Role)

    explicit ChecklistModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /** Within this time the same tap on the same line is one tap (a double tap records once). */
    static constexpr int kDoubleTapMs = 800;

    [[nodiscard]] QString installationId() const { return m_installationId; }
    void setInstallationId(const QString &id);
    /** The first line with no result yet; the row count when every line has one. */
    [[nodiscard]] int currentIndex() const;
    /** Lines with a result of any kind. */
    [[nodiscard]] int recordedCount() const;
    /** Lines done: their latest result passed or is not applicable (the core's countsAsDone). */
    [[nodiscard]] int doneCount() const;
    /** Lines whose latest result is a fail: not done, shown apart. */
    [[nodiscard]] int failedCount() const;
    /** Every required line passed or not applicable, and the installation still in progress. */
    [[nodiscard]] bool readyForSignOff() const;
    [[nodiscard]] bool hasFailure() const;
    /** The installation, its release and asset, and the back-out plan that applies. */
    [[nodiscard]] InstallationInfo installation() const { return m_installation; }

    /**
     * Records @p outcome ("pass", "fail" or "not-applicable") for line @p row, committed before it
     * returns. False, with `error` saying why, when it is refused; nothing is recorded then.
     */
    Q_INVOKABLE bool record(int row, const QString &outcome, const QString &note = {},
                            const QString &evidence = {});

signals:
    void installationIdChanged();
    void progressChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_installationId;
    InstallationInfo m_installation;
    std::vector<ChecklistLine> m_lines;
    std::vector<QString> m_recordedBy; // display names, per line
    std::vector<QStringList> m_earlier; // each line's earlier results, in words
    QElapsedTimer m_lastTap;           // when the last result was recorded here
    int m_lastTapRow = -1;
};

} // namespace rd::mobile
