#pragma once

#include "photoevidence.h"
#include "sync/photouploader.h"
#include "sync/syncaccount.h"
#include "sync/syncclient.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace rd {
class Store;
class Views;
namespace sql {
class WalCheckpointer;
}
namespace sync {
class Replica;
}
} // namespace rd

class QNetworkReply;

namespace rd::mobile {

/**
 * One person's app on one device: the local store in its data directory, the Replica every change
 * goes through, the sync client, and what the always-visible sync bar shows (online or not,
 * changes waiting, last sync, conflicts). The pages and models reach the data through it; when
 * anything local changes it says so once (localDataChanged), and the models read again.
 *
 * It also remembers where the installer was (the installation and page open), in the store, so
 * that an app killed at any moment reopens at the same place.
 */
class AppSession : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app makes the one session and hands it to Main.qml.")
    Q_PROPERTY(bool ready READ ready CONSTANT)
    Q_PROPERTY(QString openError READ openError CONSTANT)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY accountChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY accountChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY accountChanged)
    Q_PROPERTY(QString role READ role NOTIFY accountChanged)
    Q_PROPERTY(bool officeRole READ officeRole NOTIFY accountChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY accountChanged)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(int pendingChanges READ pendingChanges NOTIFY localDataChanged)
    Q_PROPERTY(int openConflicts READ openConflicts NOTIFY localDataChanged)
    Q_PROPERTY(int refusedChanges READ refusedChanges NOTIFY localDataChanged)
    Q_PROPERTY(QDateTime lastSyncAt READ lastSyncAt NOTIFY localDataChanged)
    Q_PROPERTY(int revision READ revision NOTIFY localDataChanged)
    Q_PROPERTY(bool darkMode READ darkMode WRITE setDarkMode NOTIFY darkModeChanged)
    Q_PROPERTY(rd::mobile::SyncClient *sync READ sync CONSTANT)
    Q_PROPERTY(rd::mobile::PhotoEvidence *photos READ photos CONSTANT)
    Q_PROPERTY(rd::mobile::PhotoUploader *photoUploader READ photoUploader CONSTANT)

public:
    /** Opens (creating if needed) the store in @p dataDir; see ready() and openError(). */
    explicit AppSession(const QString &dataDir, QObject *parent = nullptr);
    ~AppSession() override;

    [[nodiscard]] bool ready() const noexcept { return m_store != nullptr; }
    [[nodiscard]] QString openError() const { return m_openError; }
    [[nodiscard]] QString dataDir() const { return m_dataDir; }

    [[nodiscard]] Store &store() { return *m_store; }
    [[nodiscard]] sync::Replica &replica() { return *m_replica; }
    [[nodiscard]] Views &views() { return *m_views; }
    [[nodiscard]] SyncClient *sync() const { return m_client.get(); }
    /** The photos kept as checklist evidence, in the data directory's photos/ (issue 12). */
    [[nodiscard]] PhotoEvidence *photos() const { return m_photos.get(); }
    /** Uploads them after each sync that completes. */
    [[nodiscard]] PhotoUploader *photoUploader() const { return m_uploader.get(); }

    [[nodiscard]] bool signedIn() const;
    [[nodiscard]] QString userName() const;
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] QString role() const;
    /** Whether the signed-in person's role may send @p kind at all (sync::roleHasGrant). */
    [[nodiscard]] bool may(std::string_view kind) const;
    [[nodiscard]] bool officeRole() const;
    [[nodiscard]] QString serverUrl() const;
    /** The signed-in user's id; null before the first sign-in. */
    [[nodiscard]] Id userId() const;
    /** The sites the user works at (the sync's scope). */
    [[nodiscard]] QStringList siteIds() const;

    [[nodiscard]] bool online() const noexcept { return m_online; }
    [[nodiscard]] int pendingChanges() const;
    [[nodiscard]] int openConflicts() const;
    [[nodiscard]] int refusedChanges() const;
    [[nodiscard]] QDateTime lastSyncAt() const;
    [[nodiscard]] int revision() const noexcept { return m_revision; }
    /** The dark theme, kept on the device. */
    [[nodiscard]] bool darkMode() const;
    void setDarkMode(bool dark);

    /** Signs in (first run, or again after the sign-in expired); the answer comes as sync->signInFinished. */
    Q_INVOKABLE void signIn(const QString &server, const QString &name, const QString &password);
    /** Asks the server whether it can be reached now (GET /healthz); onlineChanged tells. */
    Q_INVOKABLE void checkOnline();

    /** Where the installer was: the installation open on the checklist or sign-off page, if any. */
    Q_INVOKABLE QString resumeInstallation() const;
    Q_INVOKABLE QString resumePage() const;
    Q_INVOKABLE void setResumePoint(const QString &page, const QString &installationId);
    Q_INVOKABLE void clearResumePoint();

    /**
     * Something local changed: the models read again (once, however many changes in a row).
     * @p source is the model that made the change and is up to date already; it is told apart by
     * changeOnlyFrom() when localDataChanged comes.
     */
    void notifyLocalChange(const QObject *source = nullptr);
    /** While localDataChanged is being emitted: whether every change it announces came from @p model. */
    [[nodiscard]] bool changeOnlyFrom(const QObject *model) const;

    /** The clock every record's "when" comes from (Unix ms). */
    [[nodiscard]] static Millis now();

signals:
    void accountChanged();
    void onlineChanged();
    void darkModeChanged();
    void localDataChanged();

private:
    void onHealthReply(QNetworkReply *reply);

    QString m_dataDir;
    QString m_openError;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<sql::WalCheckpointer> m_checkpoints;
    std::unique_ptr<sync::Replica> m_replica;
    std::unique_ptr<Views> m_views;
    std::unique_ptr<SyncAccount> m_account;
    QNetworkAccessManager m_network;
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<PhotoEvidence> m_photos;
    std::unique_ptr<PhotoUploader> m_uploader;

    bool m_online = false;
    QPointer<QNetworkReply> m_health;
    QTimer m_healthTimer;
    QTimer m_changeTimer; // folds many local changes into one localDataChanged
    QSet<const QObject *> m_changeSources; // who made the changes about to be announced
    bool m_changeFromElsewhere = false;    // ... and whether anything else did
    QSet<const QObject *> m_announcedSources;
    bool m_announcedFromElsewhere = true;
    int m_revision = 0;
};

} // namespace rd::mobile
