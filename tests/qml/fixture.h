#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace rd::mobile {
class AppSession;
}

/**
 * What a Qt Quick test file needs beyond the pages: tablets with the demo school on them (each in
 * a fresh folder), the ids of demo records, and a look into the store to check what a tap wrote.
 * Each test file declares one (`Fixture { id: fixture }`); its tablets go with it.
 *
 * Records and lists come back as QVariant, plain JS objects and arrays in QML: the tests read them
 * by name, and Qt 6.4's qmllint does not let QML read a QVariantMap's keys or a QStringList's
 * array methods.
 */
class Fixture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("app/appsession.h") // the QML type's methods give and take sessions

public:
    explicit Fixture(QObject *parent = nullptr);
    ~Fixture() override;

    /** A tablet with the demo school, @p userName signed in (offline). Its sync fails fast on a closed port. */
    Q_INVOKABLE rd::mobile::AppSession *demoTablet(const QString &userName = QStringLiteral("sam"));
    /** A tablet on its first run: nobody signed in, nothing synced. */
    Q_INVOKABLE rd::mobile::AppSession *newTablet();
    /** An address on this machine where nothing listens. */
    Q_INVOKABLE QString closedServer() const;

    Q_INVOKABLE QString releaseId(rd::mobile::AppSession *session, const QString &number) const;
    /** The in-progress installations of a release, failing ones first (a list of ids). */
    Q_INVOKABLE QVariant installations(rd::mobile::AppSession *session, const QString &releaseNumber) const;
    /** An asset of the release's site, in stock, with no installation yet. */
    Q_INVOKABLE QString freeAsset(rd::mobile::AppSession *session, const QString &releaseNumber) const;
    /** {assetId, assetTag, serial, make, model, room, roomId} */
    Q_INVOKABLE QVariant asset(rd::mobile::AppSession *session, const QString &assetId) const;
    Q_INVOKABLE QVariant assetByTag(rd::mobile::AppSession *session, const QString &tag) const;
    /** {status, results (step results recorded), latest: [outcome per line]} */
    Q_INVOKABLE QVariant installation(rd::mobile::AppSession *session, const QString &installationId) const;
    /** Starts an installation on a free asset and records every required line pass (the rest N/A). */
    Q_INVOKABLE QString completedChecklist(rd::mobile::AppSession *session, const QString &releaseNumber);
    /** Leaves a conflict on the asset's room, as a sync would. */
    Q_INVOKABLE QString roomConflict(rd::mobile::AppSession *session, const QString &assetTag);
    Q_INVOKABLE QString roomName(rd::mobile::AppSession *session, const QString &roomId) const;
    /** The asset tags of the assets a room audit expects in the room named @p roomName, by tag. */
    Q_INVOKABLE QVariant assetTagsInRoom(rd::mobile::AppSession *session, const QString &roomName) const;
    /** The tag of an in-use asset of the same site in another room than @p roomName. */
    Q_INVOKABLE QString tagElsewhere(rd::mobile::AppSession *session, const QString &roomName) const;
    /** Open releases that name the session's user as an installer, counted with SQL of its own. */
    Q_INVOKABLE int openReleasesNamingUser(rd::mobile::AppSession *session) const;
    Q_INVOKABLE int count(rd::mobile::AppSession *session, const QString &table) const;
    /** Makes the build step @p stepId ask for a photo as its evidence (the demo has none that does). */
    Q_INVOKABLE void askForPhoto(rd::mobile::AppSession *session, const QString &stepId);
    /** What the camera dialog gives: a 4000x3000 picture kept through session.photos; its evidence. */
    Q_INVOKABLE QString takePhoto(rd::mobile::AppSession *session);

private:
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
    std::vector<std::unique_ptr<rd::mobile::AppSession>> m_sessions;
};
