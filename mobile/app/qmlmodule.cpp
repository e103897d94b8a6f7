#include "qmlmodule.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>
#include <QTranslator>

namespace rd::mobile {

void addAppImportPath(QQmlEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
}

void installTranslations(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("releasedesk"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        translator->load(QStringLiteral(":/i18n/releasedesk_en.qm")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace rd::mobile
