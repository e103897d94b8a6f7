#pragma once

#include "sessionmodel.h"

#include "store/report.h"

#include <QString>

#include <vector>

namespace rd::mobile {

/**
 * The records behind one count of the monthly report (measure: "builds_installed",
 * "services_to_document" ...), as a list reads them: what it is, where, who and when, and what a
 * tap opens (an asset's history, a service, a build procedure version). The same records, in the
 * same order, as the server's `syncserver report` lists.
 */
class ReportListModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString month READ month WRITE setMonth NOTIFY monthChanged)
    Q_PROPERTY(QString measure READ measure WRITE setMeasure NOTIFY measureChanged)
    Q_PROPERTY(QString title READ title NOTIFY measureChanged)
    Q_PROPERTY(QString rule READ rule NOTIFY measureChanged)
    Q_PROPERTY(QString monthName READ monthName NOTIFY monthChanged)

public:
    enum Role {
        TitleRole = Qt::UserRole + 1,
        SubtitleRole,
        DetailRole,
        WhenRole,
        OpensRole,    ///< "asset", "service", "build", or "" when a tap opens nothing
        TargetIdRole, ///< the id of what it opens
    };
    Q_ENUM(Role)

    /** A row as the list shows it. */
    struct Row {
        QString title;
        QString subtitle;
        QString detail;
        QString when;
        QString opens;
        QString targetId;
    };

    explicit ReportListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString month() const;
    void setMonth(const QString &month);
    [[nodiscard]] QString measure() const;
    void setMeasure(const QString &key);
    /** The measure's name: "Builds installed". */
    [[nodiscard]] QString title() const;
    /** Its rule in one sentence. */
    [[nodiscard]] QString rule() const;
    [[nodiscard]] QString monthName() const;

signals:
    void monthChanged();
    void measureChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }
    [[nodiscard]] bool canLoad() const override;

private:
    std::optional<ReportMonth> m_month;
    std::optional<Measure> m_measure;
    std::vector<Row> m_rows;
};

} // namespace rd::mobile
