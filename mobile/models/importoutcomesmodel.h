#pragma once

#include "io/assetimport.h"

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace rd::mobile {

/**
 * The rows of an import's dry run or import, each with its line, its outcome and why, for the
 * Import page's list; kind chooses which outcome it shows ("" for every row, "refused", "new",
 * "updated", "unchanged", "same-serial"). ImportForm fills it.
 */
class ImportOutcomesModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ImportForm makes its outcomes.")
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY kindChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        LineRole = Qt::UserRole + 1,
        KindRole,     ///< "new", "updated", "unchanged", "same-serial", "refused"
        KindWordsRole, ///< "New", "Updated", ... for the chip
        DetailRole,
        AssetTagRole,
        SerialRole,
        MakeModelRole,
        AssetRole, ///< tag, make and model, serial: what the file names, in one line
    };
    Q_ENUM(Role)

    explicit ImportOutcomesModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString kind() const { return m_kind; }
    void setKind(const QString &kind);
    [[nodiscard]] int count() const { return static_cast<int>(m_shown.size()); }

    /** The rows of @p report, all of them kept; those of kind() shown. */
    void setRows(std::vector<io::ImportRow> rows);
    /** An outcome in words: "New", "Updated", "Unchanged", "Same serial", "Refused". */
    [[nodiscard]] static QString kindWords(io::RowOutcome outcome);

signals:
    void kindChanged();
    void countChanged();

private:
    void filter();

    std::vector<io::ImportRow> m_rows;
    std::vector<std::size_t> m_shown; // indexes into m_rows
    QString m_kind;
};

} // namespace rd::mobile
