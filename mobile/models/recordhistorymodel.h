#pragma once

#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <vector>

namespace rd::mobile {

/**
 * The history of one record (a service, a release, a person, a DSL item, a licence, an asset):
 * every field change, newest first, with who and when, its values in words (names for rooms,
 * people, sites; a licence key never, only that it changed).
 */
class RecordHistoryModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString recordId READ recordId WRITE setRecordId NOTIFY recordIdChanged)

public:
    enum Role {
        AtRole = Qt::UserRole + 1,
        WhoRole,
        FieldRole, ///< in words: "Room", "Expires on"
        FromRole,  ///< in words
        ToRole,
        WhatRole,  ///< the change as a sentence: "Room changed from ICT Suite 1 to Library"
    };
    Q_ENUM(Role)

    explicit RecordHistoryModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString recordId() const { return m_recordId; }
    void setRecordId(const QString &id);

signals:
    void recordIdChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_recordId;
    std::vector<LibraryViews::ChangeRow> m_rows;
};

} // namespace rd::mobile
