#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {
class AppSession;
}

/**
 * Files for the Qt Quick tests of the Import and Export pages, in a folder of its own that goes
 * with it: a generated Snipe-IT export for a tablet's sites, and any text as a file.
 */
class ImportFixture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h")

public:
    explicit ImportFixture(QObject *parent = nullptr);

    /** A Snipe-IT export of @p rows assets at @p session's sites, @p bad of them bad: {path, good, badLines}. */
    Q_INVOKABLE QVariant snipeItFile(rd::mobile::AppSession *session, int rows, int bad);
    /** @p text (UTF-8) as the file @p name; its path. */
    Q_INVOKABLE QString writeFile(const QString &name, const QString &text);
    /** A path in the folder, for a file to be written there. */
    Q_INVOKABLE QString pathOf(const QString &name) const;
    /** The first line of a file, or "" when there is none. */
    Q_INVOKABLE QString firstLine(const QString &path) const;

private:
    QTemporaryDir m_dir;
};
