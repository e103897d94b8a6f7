#pragma once

#include "domain/id.h"
#include "store/database.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

/** Fails the test function unless @p a and @p b hold the same synced rows within @p sites. */
#define RD_COMPARE_SYNCED(a, aName, b, bName, sites)                                                         \
    do {                                                                                                     \
        const QString rdDiff_ =                                                                              \
            SyncedData::compare((a), QStringLiteral(aName), (b), QStringLiteral(bName), (sites));            \
        QVERIFY2(rdDiff_.isEmpty(), qPrintable(QStringLiteral("synced tables differ:\n") + rdDiff_));        \
    } while (false)

/**
 * The row-by-row comparison the sync tests end with: every synced table, every column but `seq`
 * (and the server's password hashes), in the scope of a user's sites, between two databases.
 */
class SyncedData {
public:
    /** The tables a tablet holds a copy of. */
    [[nodiscard]] static const std::vector<std::string> &tables();
    /** Another process's database (the server's), opened for reading only. */
    [[nodiscard]] static std::unique_ptr<rd::sql::Database> openReadOnly(const QString &path);
    /** Each row of @p table within @p sites as text, sorted. */
    [[nodiscard]] static std::vector<std::string> rows(rd::sql::Database &db, const std::string &table,
                                                       const std::vector<rd::Id> &sites);
    /** Nothing when the two hold the same rows in every synced table; else what differs. */
    [[nodiscard]] static QString compare(rd::sql::Database &a, const QString &aName, rd::sql::Database &b,
                                         const QString &bName, const std::vector<rd::Id> &sites);
    /** The sites @p userName works at, read from @p db. */
    [[nodiscard]] static std::vector<rd::Id> sitesOf(rd::sql::Database &db, const std::string &userName);
    /** SELECT count(*) ... with @p sql returning one integer. */
    [[nodiscard]] static std::int64_t count(rd::sql::Database &db, const std::string &sql);
};
