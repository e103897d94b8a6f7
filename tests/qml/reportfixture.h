#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QStringList>
#include <QVariant>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {
class AppSession;
}

/**
 * What the Report page's Qt Quick tests need beside Fixture: the month's counts, series and lists
 * as the core makes them (to check the tiles, the chart and the lists against), and files to export to and read back, in a folder
 * gone with the test file (`ReportFixture { id: reports }`).
 */
class ReportFixture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")

public:
    explicit ReportFixture(QObject *parent = nullptr);

    /** {builds_installed: n, ...} for @p month ("2026-11"), as ReportViews counts them now. */
    Q_INVOKABLE QVariant counts(rd::mobile::AppSession *session, const QString &month) const;
    /** The 12 months ending with @p month of the measure @p key, oldest first, as ReportViews counts them. */
    Q_INVOKABLE QVariantList series(rd::mobile::AppSession *session, const QString &month, const QString &key) const;
    /**
     * The ids of what each record behind the count @p key opens (its asset, service or build
     * procedure version), in the core's order: the rows its list must show.
     */
    Q_INVOKABLE QStringList listIds(rd::mobile::AppSession *session, const QString &month, const QString &key) const;
    /** A path named @p name in this fixture's own folder (the file not made yet). */
    Q_INVOKABLE QString path(const QString &name) const;
    /** The first @p bytes of a file as Latin-1 text; empty when there is none. */
    Q_INVOKABLE QString head(const QString &path, int bytes) const;

private:
    QTemporaryDir m_dir;
};
