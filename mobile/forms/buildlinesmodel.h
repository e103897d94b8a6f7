#pragma once

#include "domain/entities.h"

#include <QAbstractListModel>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace rd::mobile {

/**
 * The lines of one part of a build procedure being edited (installation steps, stability tests or
 * acceptance tests), in order: each with its words, detail, whether it is required, and what
 * evidence it asks for; with add, remove and move up or down. A BuildForm holds one per part and
 * keeps them until they are saved; each line's errors are the core's text rules, in words. Read-only
 * while the form is (an approved version, or a role that may not edit): every edit is refused then.
 */
class BuildLinesModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("A BuildForm holds the lines of each part.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /** "Installation steps" ... */
    Q_PROPERTY(QString title READ title CONSTANT)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY readOnlyChanged)
    /** Lines with something wrong (no words, too long). */
    Q_PROPERTY(int errorCount READ errorCount NOTIFY errorsChanged)
    /** What a line may ask for, as [{value, text}], in the order evidenceIndex counts. */
    Q_PROPERTY(QVariantList evidenceKinds READ evidenceKinds CONSTANT)

public:
    enum Role {
        LineIdRole = Qt::UserRole + 1,
        PositionRole, ///< from 1
        TitleRole,
        DetailRole,
        RequiredRole,
        EvidenceRole,      ///< "none", "scan", "note", "photo"
        EvidenceIndexRole, ///< its place in evidenceKinds
        EvidenceWordsRole, ///< "a scanned value" ...
        TitleErrorRole,
        DetailErrorRole,
    };
    Q_ENUM(Role)

    explicit BuildLinesModel(QObject *parent = nullptr);
    BuildLinesModel(StepPart part, QObject *parent);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return rowCount(); }
    [[nodiscard]] StepPart part() const { return m_part; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] bool readOnly() const { return m_readOnly; }
    void setReadOnly(bool readOnly);
    [[nodiscard]] int errorCount() const;
    [[nodiscard]] QVariantList evidenceKinds() const;

    /** A new, empty line after @p row (at the end for -1); answers its row, or -1 when read-only. */
    Q_INVOKABLE int add(int row = -1);
    Q_INVOKABLE bool remove(int row);
    Q_INVOKABLE bool moveUp(int row);
    Q_INVOKABLE bool moveDown(int row);
    Q_INVOKABLE bool setTitle(int row, const QString &title);
    Q_INVOKABLE bool setDetail(int row, const QString &detail);
    Q_INVOKABLE bool setRequired(int row, bool required);
    Q_INVOKABLE bool setEvidenceIndex(int row, int index);

    /** The lines as the form loaded them; not an edit. */
    void setLines(std::vector<BuildStep> lines);
    /** The lines as edited, numbered from 1 in their order. */
    [[nodiscard]] std::vector<BuildStep> lines() const;

signals:
    void countChanged();
    void readOnlyChanged();
    void errorsChanged();
    /** A person changed the lines (not a load). */
    void edited();

private:
    [[nodiscard]] bool editable(int row) const;
    void changed(int row, const QList<int> &roles);

    StepPart m_part = StepPart::Installation;
    bool m_readOnly = false;
    std::vector<BuildStep> m_lines;
};

} // namespace rd::mobile
