#pragma once

#include "sessionmodel.h"

#include "store/builddiff.h"

#include <QString>
#include <QVector>

namespace rd::mobile {

/**
 * What changed between two versions of a build procedure, line by line (the core's diffBuilds):
 * the design details (hardware model, notes, each DSL software item), each part's checklist lines
 * (added, removed, changed with what changed, moved), and the back-out plan. Only what differs,
 * unless showUnchanged; a summary in words above it.
 */
class BuildDiffModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString fromBuildId READ fromBuildId WRITE setFromBuildId NOTIFY fromBuildIdChanged)
    Q_PROPERTY(QString toBuildId READ toBuildId WRITE setToBuildId NOTIFY toBuildIdChanged)
    Q_PROPERTY(bool showUnchanged READ showUnchanged WRITE setShowUnchanged NOTIFY showUnchangedChanged)
    /** "2 lines added, 1 removed, 3 changed; 1 software item changed; the notes changed", or "No differences". */
    Q_PROPERTY(QString summary READ summary NOTIFY countChanged)
    Q_PROPERTY(bool same READ same NOTIFY countChanged)

public:
    enum Role {
        SectionRole = Qt::UserRole + 1, ///< "Design details", "Installation steps", ... "Back-out plan"
        KindRole,                       ///< "same", "added", "removed", "changed", "moved"
        KindWordsRole,                  ///< "Added" ...
        LabelRole,                      ///< "Hardware model", a software item's product, or a line's place "3 → 5"
        BeforeRole,                     ///< the older text (a line's words, an item's version)
        AfterRole,                      ///< the newer text
        BeforeDetailRole,               ///< a line's detail, older and newer, when it changed
        AfterDetailRole,
        WhatRole,                       ///< what changed, in words: "now optional; asks for a scan"
    };
    Q_ENUM(Role)

    explicit BuildDiffModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString fromBuildId() const { return m_from; }
    void setFromBuildId(const QString &id);
    [[nodiscard]] QString toBuildId() const { return m_to; }
    void setToBuildId(const QString &id);
    [[nodiscard]] bool showUnchanged() const { return m_showUnchanged; }
    void setShowUnchanged(bool show);
    [[nodiscard]] QString summary() const { return m_summary; }
    [[nodiscard]] bool same() const { return m_same; }

signals:
    void fromBuildIdChanged();
    void toBuildIdChanged();
    void showUnchangedChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    struct Row {
        QString section, kind, kindWords, label, before, after, beforeDetail, afterDetail, what;
    };
    QString m_from;
    QString m_to;
    bool m_showUnchanged = false;
    QString m_summary;
    bool m_same = false;
    QVector<Row> m_rows;
};

} // namespace rd::mobile
