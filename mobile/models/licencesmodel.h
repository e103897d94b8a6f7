#pragma once

#include "sessionmodel.h"

#include "store/libraryviews.h"

#include <vector>

namespace rd::mobile {

/**
 * The licence log: each licence with its software, seats given of seats bought, expiry, supplier
 * and purchase reference, and whether it wants looking at (expired, expiring within 30 days, every
 * seat given, over-used). `query` narrows it by name, supplier, purchase reference or software.
 *
 * The key (`key`) is the office's only: for anyone but a release manager or a build developer it
 * is "" whatever the device holds (an installer's tablet holds "" anyway). The page keeps it masked
 * until asked.
 */
class LicencesModel : public rd::mobile::SessionModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    /** Of the licences listed, how many want looking at. */
    Q_PROPERTY(int needingAttention READ needingAttention NOTIFY countChanged)

public:
    enum Role {
        LicenceIdRole = Qt::UserRole + 1,
        NameRole,
        SoftwareRole,      ///< its DSL item, "SIMS .net 7.214"
        KeyRole,           ///< the key, office only; "" otherwise
        HasKeyRole,        ///< a key is recorded and this person may see it
        SeatsRole,
        UsedRole,
        FullRole,
        OverUsedRole,
        ExpiresOnRole,     ///< YYYY-MM-DD or ""
        ExpiredRole,
        ExpiringSoonRole,
        SupplierRole,
        PurchaseRefRole,
    };
    Q_ENUM(Role)

    explicit LicencesModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString &query);
    [[nodiscard]] int needingAttention() const;
    /** The row of the licence @p licenceId, or -1. */
    Q_INVOKABLE int rowOf(const QString &licenceId) const;

signals:
    void queryChanged();

protected:
    void load() override;
    void clear() override { m_rows.clear(); }

private:
    QString m_query;
    std::vector<LibraryViews::LicenceRow> m_rows;
    bool m_seesKeys = false;
    std::string m_today;   // YYYY-MM-DD when read
    std::string m_horizon; // the last day that counts as expiring soon
};

} // namespace rd::mobile
