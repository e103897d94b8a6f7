#pragma once

#include "sessionmodel.h"

#include "store/report.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace rd::mobile {

/**
 * The monthly Release Management report as the Report page shows it: one row per measure (FITS's
 * five, then the ITIL measures), each with its count for the month, and the 12 months ending with
 * the month of the measure the chart shows (chartKey). The month steps back and forth, never past
 * this month. The rules are the core's (ReportViews, store/report.h), as on the server.
 */
class ReportModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString month READ month WRITE setMonth NOTIFY monthChanged)
    Q_PROPERTY(QString monthName READ monthName NOTIFY monthChanged)
    Q_PROPERTY(bool latest READ latest NOTIFY monthChanged)
    Q_PROPERTY(QString school READ school NOTIFY chartChanged)
    Q_PROPERTY(QString chartKey READ chartKey WRITE setChartKey NOTIFY chartChanged)
    Q_PROPERTY(QString chartTitle READ chartTitle NOTIFY chartChanged)
    Q_PROPERTY(QStringList chartLabels READ chartLabels NOTIFY chartChanged)
    Q_PROPERTY(QList<int> chartValues READ chartValues NOTIFY chartChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        TitleRole,
        RuleRole,
        FitsRole,
        ValueRole,
    };
    Q_ENUM(Role)

    explicit ReportModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /** "2026-11"; this month at first. Anything else than a month up to this one is ignored. */
    [[nodiscard]] QString month() const;
    void setMonth(const QString &month);
    [[nodiscard]] QString monthName() const;
    /** The month is this month: there is no next one yet. */
    [[nodiscard]] bool latest() const;
    [[nodiscard]] QString school() const { return m_school; }

    /** The measure whose 12 months the chart shows: builds_installed at first. */
    [[nodiscard]] QString chartKey() const;
    void setChartKey(const QString &key);
    /** "Builds installed, December 2025 to November 2026" */
    [[nodiscard]] QString chartTitle() const;
    /** The 12 months' short names, oldest first: "Dec", "Jan", ... */
    [[nodiscard]] QStringList chartLabels() const;
    [[nodiscard]] QList<int> chartValues() const;

    /** The count of @p key this month; -1 when there is no such measure. */
    Q_INVOKABLE int value(const QString &key) const;
    Q_INVOKABLE void previousMonth();
    Q_INVOKABLE void nextMonth();

signals:
    void monthChanged();
    void chartChanged();

protected:
    void load() override;
    void clear() override;

private:
    [[nodiscard]] ReportMonth thisMonth() const;
    /** The month's counts and series from the store (throws what the store throws). */
    void read();

    ReportMonth m_month;
    bool m_loaded = false;
    Measure m_chart = Measure::BuildsInstalled;
    QString m_school;
    ReportCounts m_counts;
    std::vector<ReportSeriesPoint> m_series;
};

} // namespace rd::mobile
