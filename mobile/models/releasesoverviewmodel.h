#pragma once

#include "sessionmodel.h"

#include "store/releaseviews.h"

#include <QVariantList>

#include <vector>

namespace rd::mobile {

/**
 * The release manager's overview: every release, open ones first (soonest first), then closed ones,
 * with its units done, under way and backed out; filtered by status and site, searched by number.
 * It loads a page at a time (canFetchMore/fetchMore), so it opens as fast with 2,000 releases as
 * with 20.
 */
class ReleasesOverviewModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY filterChanged)
    Q_PROPERTY(QString siteId READ siteId WRITE setSiteId NOTIFY filterChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY filterChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged)
    Q_PROPERTY(int open READ open NOTIFY countChanged)
    Q_PROPERTY(QVariantList sites READ sites NOTIFY sitesChanged)

public:
    enum Role {
        ReleaseIdRole = Qt::UserRole + 1,
        NumberRole,
        KindRole,
        TypeRole,
        StatusRole,
        ServiceRole,
        BuildVersionRole,
        SiteRole,
        UnitsRole,
        UnitsDoneRole,
        UnitsUnderWayRole,
        UnitsBackedOutRole,
        PlannedDateRole,
        PlannedEndRole,
        OverdueRole,
    };
    Q_ENUM(Role)

    static constexpr int kPage = 50;

    explicit ReleasesOverviewModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /** Only releases of this status ("planned", "closed" ...); empty: every status. */
    [[nodiscard]] QString status() const { return m_status; }
    void setStatus(const QString &status);
    /** Only releases at this site; empty: every site. */
    [[nodiscard]] QString siteId() const { return m_siteId; }
    void setSiteId(const QString &siteId);
    /** Only releases whose number holds this text. */
    [[nodiscard]] QString search() const { return m_search; }
    void setSearch(const QString &search);

    /** How many releases match, and how many of them are open (all of them, not only those loaded). */
    [[nodiscard]] int total() const { return m_count.releases; }
    [[nodiscard]] int open() const { return m_count.open; }
    /** The sites to filter by, as [{id, name}]: "Every site" (no id) first. */
    [[nodiscard]] QVariantList sites() const { return m_sites; }

signals:
    void filterChanged();
    /** Only when the sites themselves change: a list to choose from keeps its choice. */
    void sitesChanged();

protected:
    void load() override;
    void clear() override;

private:
    [[nodiscard]] ReleaseViews::Filter filter() const;

    QString m_status;
    QString m_siteId;
    QString m_search;
    std::vector<ReleaseViews::Row> m_rows;
    ReleaseViews::Count m_count;
    QVariantList m_sites;
    bool m_more = false;     // the last page was full: there may be more
    bool m_fetching = false; // a page is being inserted
};

} // namespace rd::mobile
