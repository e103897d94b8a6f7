#include "demotablet.h"

#include "appsession.h"
#include "qtconvert.h"

#include "demo/demodata.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::mobile {

bool prepareDemoTablet(AppSession &session, const QString &userName, QString *why)
{
    auto fail = [why](const QString &message) {
        if (why)
            *why = message;
        return false;
    };
    if (!session.ready())
        return fail(session.openError());
    try {
        auto &store = session.store();
        seedDemo(store, AppSession::now());
        const auto user = store.userByName(utf8(userName));
        if (!user)
            return fail(QStringLiteral("the demo school has no user %1").arg(userName));
        QJsonArray sites;
        {
            auto q = store.database().query("SELECT site_id FROM user_sites WHERE user_id = ?1");
            q->bind(1, user->id);
            while (q->step())
                sites.append(qs(q->id(0)));
        }
        const QJsonObject answer{
            {QStringLiteral("access_token"), QStringLiteral("offline-demo")},
            {QStringLiteral("refresh_token"), QStringLiteral("offline-demo")},
            {QStringLiteral("access_expires_at"), 0},
            {QStringLiteral("refresh_expires_at"), 0},
            {QStringLiteral("user"),
             QJsonObject{{QStringLiteral("id"), qs(user->id)},
                         {QStringLiteral("name"), qs(user->name)},
                         {QStringLiteral("display_name"), qs(user->displayName)},
                         {QStringLiteral("role"), qs(toString(user->role))},
                         {QStringLiteral("sites"), sites}}}};
        SyncAccount account(store);
        if (!account.saveSignIn(answer, QUrl(QStringLiteral("http://127.0.0.1:8080"))))
            return fail(QStringLiteral("the demo sign-in could not be kept"));
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
    emit session.accountChanged();
    session.notifyLocalChange();
    return true;
}

} // namespace rd::mobile
