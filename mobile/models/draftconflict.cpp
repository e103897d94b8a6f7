#include "draftconflict.h"

#include "app/qtconvert.h"

#include "store/buildviews.h"
#include "store/store.h"
#include "sync/records.h"

#include <QCoreApplication>
#include <QLocale>

namespace rd::mobile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DraftConflict", text);
}

QString when(Millis at)
{
    return QLocale().toString(localTime(at), QLocale::ShortFormat);
}

QString lines(std::size_t n)
{
    return n == 1 ? tr("1 line") : tr("%1 lines").arg(n);
}

} // namespace

bool isDraftConflict(const sync::Conflict &conflict)
{
    return conflict.table == "build_procedures" && conflict.field == "draft";
}

DraftConflict describeDraftConflict(Store &store, const sync::Conflict &conflict)
{
    DraftConflict d;
    d.field = tr("the draft, saved twice");
    d.keepText = tr("Keep theirs");
    d.takeText = tr("Keep mine");
    d.lostTitle = tr("Yours, not kept");
    // "" settles it with the draft as the server holds it; the lost draft, whole, puts it back.
    d.keptValue = QString();
    d.lostValue = qs(conflict.lostValue);

    const auto build = store.buildProcedure(conflict.recordId);
    const auto service = build ? store.service(build->serviceId) : std::nullopt;
    d.record = build && service ? tr("Build procedure %1 v%2").arg(qs(service->name)).arg(build->version)
                                : tr("Build procedure %1").arg(qs(conflict.recordId));
    if (build) {
        const auto version = BuildViews(store).buildVersion(build->id);
        const QString who = version && !version->changedBy.empty() ? qs(version->changedBy) : tr("a colleague");
        d.keptTitle = tr("Kept: %1's save").arg(who);
        d.keptLabel = tr("Revision %1: %2, saved %3")
                          .arg(build->revision)
                          .arg(lines(build->steps.size()),
                               when(version && version->changedAt ? *version->changedAt : build->createdAt));
    } else {
        d.keptTitle = tr("Kept");
        d.keptLabel = qs(conflict.keptValue);
    }
    try {
        const auto lost = sync::codec::fromJson<sync::BuildDraft>(sync::codec::parseObject(conflict.lostValue));
        d.lostLabel = tr("%1, saved %2 from revision %3").arg(lines(lost.steps.size()), when(lost.at)).arg(lost.revision);
    } catch (const Error &) {
        d.lostLabel = tr("A draft this app cannot read");
    }
    return d;
}

} // namespace rd::mobile
