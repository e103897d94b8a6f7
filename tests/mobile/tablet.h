#pragma once

#include "sync/syncclient.h"

#include "domain/entities.h"
#include "store/store.h"
#include "sync/replica.h"

#include "serverprocess.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

/** An id as QTest prints and compares it (rd::toString's overloads make QCOMPARE on ids ambiguous). */
inline QString idText(const rd::Id &id)
{
    return QString::fromStdString(id.toString());
}
inline QString idText(const std::optional<rd::Id> &id)
{
    return id ? idText(*id) : QStringLiteral("(none)");
}

/** Runs one sync of @p tablet in a test function and fails the test, with the client's words, unless it
 * completes. */
#define RD_VERIFY_SYNC(tablet)                                                                               \
    do {                                                                                                     \
        QString rdWhy_;                                                                                      \
        QVERIFY2((tablet).sync(&rdWhy_), qPrintable(rdWhy_));                                                \
    } while (false)

/** Signs @p tablet in as @p name at @p url in a test function; fails the test unless it works. */
#define RD_VERIFY_SIGN_IN(tablet, url, name)                                                                 \
    do {                                                                                                     \
        QString rdWhy_;                                                                                      \
        QVERIFY2((tablet).signIn((url), QStringLiteral(name), &rdWhy_), qPrintable(rdWhy_));                 \
    } while (false)

/**
 * A tablet in a test: its own database file in a directory, the Replica over it and a SyncClient,
 * wired as the app's main() wires them, plus the installer's actions the tests need. Retries are
 * quick so that tests against a stopped server end in seconds.
 */
class Tablet {
public:
    static constexpr int kSyncTimeoutMs = 180000;

    explicit Tablet(const QString &dir);
    ~Tablet();

    [[nodiscard]] rd::Store &store() noexcept { return *m_store; }
    [[nodiscard]] rd::sync::Replica &replica() noexcept { return *m_replica; }
    [[nodiscard]] rd::mobile::SyncClient &client() noexcept { return *m_client; }
    [[nodiscard]] QNetworkAccessManager &network() noexcept { return m_network; }
    [[nodiscard]] QString databasePath() const;

    /** Signs in as @p name with the demo password; false, with @p why, when it fails. */
    [[nodiscard]] bool signIn(const QUrl &server, const QString &name, QString *why = nullptr);
    /** One sync to its end (bounded): true when it completed. @p summary gets its words. */
    [[nodiscard]] bool sync(QString *summary = nullptr, int timeoutMs = kSyncTimeoutMs);

    // --- the signed-in installer's work, offline, through the Replica ---
    [[nodiscard]] rd::Id userId();
    [[nodiscard]] rd::Release release(const std::string &number);
    [[nodiscard]] std::vector<rd::BuildStep> steps(const rd::Id &buildId);
    /** In-stock units at @p siteId with no installation yet, by asset tag; @p skip first ones left out. */
    [[nodiscard]] std::vector<rd::Id> freeUnits(const rd::Id &siteId, const std::string &model, int count,
                                                int skip = 0);
    /** An asset in use in a room at @p siteId (the @p nth by tag). */
    [[nodiscard]] rd::Id assetInRoom(const rd::Id &siteId, int nth = 0);
    rd::Id addAsset(const rd::Id &siteId, const std::string &serial,
                    const std::string &model = "Latitude 3440");
    rd::Id startInstallation(const rd::Id &releaseId, const rd::Id &assetId);
    /** Records @p outcome for every checklist line of @p installationId; returns how many. */
    int recordChecklist(const rd::Id &installationId, const std::vector<rd::BuildStep> &steps,
                        rd::StepOutcome outcome = rd::StepOutcome::Pass);
    rd::Id recordStep(const rd::Id &installationId, const rd::Id &stepId, const std::string &note = {});
    rd::Id signOff(const rd::Id &installationId, const std::string &userName);

    [[nodiscard]] static rd::Millis now();

private:
    QString m_dir;
    std::unique_ptr<rd::Store> m_store;
    std::unique_ptr<rd::sync::Replica> m_replica;
    QNetworkAccessManager m_network;
    std::unique_ptr<rd::mobile::SyncClient> m_client;
};

/**
 * Where the sync tests start: the real syncserver with the demo school in a temporary directory,
 * and tablets signed in to it. A test class derives from QObject and from this.
 */
class DemoSchool {
protected:
    /** Starts the demo server in a fresh temporary directory; false, saying @p why, if it cannot. */
    [[nodiscard]] bool startDemoSchool(QString *why);
    /** A tablet in a directory of its own, signed in as @p name and synced once; null if not. */
    [[nodiscard]] std::unique_ptr<Tablet> demoTablet(const QString &name, QString *why);

    QTemporaryDir m_tmp;
    std::unique_ptr<ServerProcess> m_server;
};
