#include "importscreenshots.h"

#include "appsession.h"
#include "demotablet.h"

#include "demo/snipeitsample.h"

#include <QDir>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QTemporaryDir>

#include <iostream>

namespace rd::mobile {

namespace {

QObject *currentPage(QQmlApplicationEngine &engine)
{
    auto *root = engine.rootObjects().isEmpty() ? nullptr : engine.rootObjects().constFirst();
    auto *stack = root ? root->property("stack").value<QObject *>() : nullptr;
    return stack ? stack->property("currentItem").value<QObject *>() : nullptr;
}

} // namespace

bool renderImportScreenshots(const ScreenshotKit &kit)
{
    QTemporaryDir data;
    AppSession morgan(data.path() + QStringLiteral("/tablet"));
    QString why;
    if (!prepareDemoTablet(morgan, QStringLiteral("morgan"), &why)) {
        std::cerr << "releasedesk: cannot prepare the release manager's demo tablet: " << why.toStdString() << "\n";
        return false;
    }
    // The school's Snipe-IT export, as it would come from the old system.
    const auto sample = snipeItSample(morgan.store(), 240, 8, 7);
    // Where a downloaded export would be (the page shows its path); removed at the end.
    const QString file = QDir::temp().filePath(QStringLiteral("snipe-it-assets.csv"));
    struct Remove {
        QString path;
        ~Remove() { QFile::remove(path); }
    } remove{file};
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(sample.csv.data(), static_cast<qint64>(sample.csv.size())) != static_cast<qint64>(sample.csv.size()))
            return false;
    }

    QQmlApplicationEngine engine;
    if (!kit.openWindow(engine, morgan, 1280, 800))
        return false;
    auto *root = engine.rootObjects().constFirst();
    QMetaObject::invokeMethod(root, "showPlace", Q_ARG(QVariant, QStringLiteral("transfer")));
    kit.shoot(engine, QStringLiteral("45-import-export"));

    QVariant opened;
    QMetaObject::invokeMethod(root, "openImport", Q_RETURN_ARG(QVariant, opened));
    auto *form = currentPage(engine) ? currentPage(engine)->property("form").value<QObject *>() : nullptr;
    if (!form)
        return false;
    form->setProperty("file", file);
    bool checked = false;
    QMetaObject::invokeMethod(form, "check", Q_RETURN_ARG(bool, checked));
    if (auto *outcomes = form->property("outcomes").value<QObject *>())
        outcomes->setProperty("kind", QStringLiteral("refused"));
    kit.shoot(engine, QStringLiteral("46-import-check"));

    QVariantMap answer;
    QMetaObject::invokeMethod(form, "submit", Q_RETURN_ARG(QVariantMap, answer));
    if (auto *outcomes = form->property("outcomes").value<QObject *>())
        outcomes->setProperty("kind", QStringLiteral("new"));
    kit.shoot(engine, QStringLiteral("47-import-done"));
    return checked && answer.value(QStringLiteral("ok")).toBool();
}

} // namespace rd::mobile
