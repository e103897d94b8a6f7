#pragma once

#include "records.h"
#include "sessionmodel.h"

#include "store/views.h"

#include <vector>

namespace rd::mobile {

/**
 * Inventory search over the local copy: assets whose serial or asset tag starts with `query`, or
 * in a room whose name does, as the installer types. Long results load a page at a time
 * (canFetchMore/fetchMore), so a search answers in milliseconds whatever it matches.
 */
class InventoryModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)

public:
    enum Role {
        AssetIdRole = Qt::UserRole + 1,
        AssetTagRole,
        SerialRole,
        MakeRole,
        ModelRole,
        CategoryRole,
        SiteRole,
        RoomRole,
        StatusRole,
        AssignedUserRole,
    };
    Q_ENUM(Role)

    static constexpr int kPage = 50;

    explicit InventoryModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] static QHash<int, QByteArray> assetRoleNames();
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString &query);

signals:
    void queryChanged();

protected:
    void load() override;
    void clear() override;

private:
    QString m_query;
    std::vector<Views::AssetRow> m_rows;
    bool m_more = false;     // the last page was full: there may be more
    bool m_fetching = false; // a page is being inserted
};

/**
 * An asset's history, newest first: every installation and every step recorded on it, sign-offs,
 * back-outs and scan overrides ("work"), every change of its room, status, user or site with who
 * and when ("change"), and the licence seats given to it ("licence"), in one time order.
 */
class HistoryModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString assetId READ assetId WRITE setAssetId NOTIFY assetIdChanged)
    Q_PROPERTY(rd::mobile::AssetInfo asset READ asset NOTIFY countChanged)

public:
    enum Role {
        AtRole = Qt::UserRole + 1,
        ReleaseRole,
        InstallationIdRole,
        WhatRole,
        WhoRole,
        DetailRole,
        KindRole, ///< "work", "change" or "licence"
        PhotoRole, ///< a checklist line's photo evidence ("photo:sha256:<hex>"), or ""
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString assetId() const { return m_assetId; }
    void setAssetId(const QString &id);
    /** The asset itself, as the inventory lists it. */
    [[nodiscard]] AssetInfo asset() const { return m_asset; }

signals:
    void assetIdChanged();

protected:
    void load() override;
    void clear() override;
    [[nodiscard]] bool canLoad() const override;

private:
    /** One line of the history, in words. */
    struct Entry {
        Millis at = 0;
        QString release;
        QString installationId;
        QString what;
        QString who;
        QString detail;
        QString kind;
        QString photo;
    };

    QString m_assetId;
    AssetInfo m_asset;
    std::vector<Entry> m_rows;
};

} // namespace rd::mobile
