#pragma once

#include "buildrecords.h"
#include "sessionmodel.h"

#include "store/buildviews.h"

#include <vector>

namespace rd::mobile {

/**
 * One service (the `service` record its page shows) and, as rows, its build procedure versions,
 * newest first: each with its status, who did what to it and when, its line count, and the reason
 * a returned draft was sent back.
 */
class BuildVersionsModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString serviceId READ serviceId WRITE setServiceId NOTIFY serviceIdChanged)
    Q_PROPERTY(rd::mobile::ServiceInfo service READ service NOTIFY countChanged)

public:
    enum Role {
        BuildIdRole = Qt::UserRole + 1,
        VersionRole,
        StatusRole,       ///< "draft", "submitted", "approved", "retired"
        StatusWordsRole,  ///< "Draft" ...
        LabelRole,        ///< "v2 · Approved", for a list to choose from
        WhatRole,         ///< "approved by", "returned by", "written by" ...
        WhoRole,
        WhenRole,
        ReturnedReasonRole, ///< why a release manager sent it back, while it waits to be submitted again
        LinesRole,
    };
    Q_ENUM(Role)

    explicit BuildVersionsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString serviceId() const { return m_serviceId; }
    void setServiceId(const QString &id);
    [[nodiscard]] ServiceInfo service() const { return m_service; }
    /** The row of version @p buildId, or -1. */
    Q_INVOKABLE int rowOf(const QString &buildId) const;
    /** The id of the version at @p row; empty outside the list. */
    Q_INVOKABLE QString buildIdAt(int row) const;

signals:
    void serviceIdChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    QString m_serviceId;
    ServiceInfo m_service;
    std::vector<BuildViews::VersionRow> m_rows;
};

} // namespace rd::mobile
