#include "releaseplanform.h"

#include "app/appsession.h"
#include "app/officepeople.h"
#include "app/officereleases.h"
#include "app/qtconvert.h"

#include "domain/errors.h"
#include "domain/releaseplan.h"
#include "store/planchoices.h"
#include "store/store.h"

#include <QDate>

#include <algorithm>

namespace rd::mobile {

namespace {

const QString kId = QStringLiteral("id");
const QString kName = QStringLiteral("name");
const QString kChosen = QStringLiteral("chosen");
constexpr int kAssetMatches = 8;

int indexOf(const QVariantList &list, const QString &id)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).toMap().value(kId).toString() == id)
            return static_cast<int>(i);
    }
    return -1;
}

QString idAt(const QVariantList &list, int index)
{
    return index >= 0 && index < list.size() ? list.at(index).toMap().value(kId).toString() : QString();
}

bool contains(const std::vector<Id> &ids, const Id &id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

QVariantMap assetEntry(const PlanChoices::AssetChoice &a)
{
    QStringList detail{qs(a.model)};
    if (!a.room.empty())
        detail << qs(a.room);
    if (!a.assetTag.empty() && !a.serial.empty())
        detail << qs(a.serial);
    return {{kId, qs(a.id)},
            {QStringLiteral("label"), qs(a.assetTag.empty() ? a.serial : a.assetTag)},
            {QStringLiteral("detail"), detail.join(QStringLiteral(" · "))}};
}

/** The list with the entry @p id's "chosen" set to @p chosen; false when nothing changed. */
bool choose(QVariantList &list, const QString &id, bool chosen)
{
    const int at = indexOf(list, id);
    if (at < 0)
        return false;
    QVariantMap map = list.at(at).toMap();
    if (map.value(kChosen).toBool() == chosen)
        return false;
    map.insert(kChosen, chosen);
    list[at] = map;
    return true;
}

} // namespace

ReleasePlanForm::ReleasePlanForm(QObject *parent)
    : QObject(parent)
{}

ReleasePlanForm::~ReleasePlanForm() = default;

AppSession *ReleasePlanForm::session() const
{
    AppSession *s = m_releases ? m_releases->session() : nullptr;
    return s && s->ready() ? s : nullptr;
}

void ReleasePlanForm::setReleases(OfficeReleases *releases)
{
    if (m_releases == releases)
        return;
    m_releases = releases;
    emit releasesChanged();
    load();
}

void ReleasePlanForm::setReleaseId(const QString &releaseId)
{
    if (m_releaseId == releaseId)
        return;
    m_releaseId = releaseId;
    emit releaseIdChanged();
    load();
}

void ReleasePlanForm::load()
{
    AppSession *s = session();
    m_editing.reset();
    m_services.clear();
    m_sites.clear();
    m_targetAssets.clear();
    setError({});
    if (!s) {
        emit choicesChanged();
        return;
    }
    try {
        auto &store = s->store();
        PlanChoices choices(store);
        if (const auto id = optionalId(m_releaseId)) {
            m_editing = store.release(*id);
            if (!m_editing)
                throw NotFoundError("release", m_releaseId.toStdString());
        }
        if (m_editing) {
            // A plan keeps its service and site: those are the only ones to choose from.
            const Release &r = *m_editing;
            const auto build = store.buildProcedure(r.buildId);
            const auto service = build ? store.service(build->serviceId) : std::nullopt;
            if (!service)
                throw NotFoundError("build procedure", r.buildId.toString());
            m_services = {QVariantMap{{kId, qs(service->id)}, {kName, qs(service->name)}}};
            for (const auto &site : store.sites()) {
                if (site.id == r.siteId)
                    m_sites = {QVariantMap{{kId, qs(site.id)}, {kName, qs(site.name)}}};
            }
            emit choicesChanged();
            setNumber(qs(r.number));
            setKind(qs(toString(r.kind)));
            setUnits(r.units);
            setReleaseType(qs(toString(r.type)));
            setPlannedDate(qs(r.plannedDate));
            setPlannedEnd(qs(r.plannedEnd));
            setTrigger(qs(toString(r.trigger)));
            setTriggerRef(qs(r.triggerRef));
            setUserNotice(qs(r.userNotice));
            chooseService(qs(service->id), qs(r.buildId));
            // The store keeps a copy of the build's plan when the release had none of its own.
            const bool own = !r.backOutPlan.empty() && build && r.backOutPlan != build->backOutPlan;
            setBackOutPlan(own ? qs(r.backOutPlan) : QString());
            setUseBuildBackOut(!own);
            for (const auto &asset : r.targetAssets) {
                if (const auto a = choices.asset(asset))
                    m_targetAssets.push_back(assetEntry(*a));
            }
            m_siteId.clear();
            chooseSite(qs(r.siteId), r.installers, r.targetRooms);
        } else {
            setKind(QStringLiteral("single"));
            setReleaseType(QStringLiteral("minor"));
            setPlannedEnd({});
            setTrigger(QStringLiteral("none"));
            setTriggerRef({});
            setUseBuildBackOut(true);
            setBackOutPlan({});
            setUserNotice({});
            for (const auto &service : choices.releasableServices())
                m_services.push_back(QVariantMap{{kId, qs(service.id)}, {kName, qs(service.name)}});
            for (const auto &site : store.sites())
                m_sites.push_back(QVariantMap{{kId, qs(site.id)}, {kName, qs(site.name)}});
            emit choicesChanged();
            setNumber(qs(choices.nextReleaseNumber(QDate::currentDate().year())));
            setPlannedDate(QDate::currentDate().toString(Qt::ISODate));
            // One to choose from is chosen; of several, the release manager chooses.
            chooseService(m_services.size() == 1 ? idAt(m_services, 0) : QString(), {});
            m_siteId.clear();
            chooseSite(m_sites.size() == 1 ? idAt(m_sites, 0) : QString(), {}, {});
        }
    } catch (const Error &e) {
        setError(qs(e.what()));
    }
    emit targetsChanged();
    emit checksChanged();
}

// --- the service, its build version and the site ---

void ReleasePlanForm::chooseService(const QString &serviceId, const QString &buildId)
{
    m_serviceId = serviceId;
    m_builds.clear();
    if (AppSession *s = session(); s && !serviceId.isEmpty()) {
        try {
            PlanChoices choices(s->store());
            auto builds = choices.approvedBuilds(*optionalId(serviceId));
            // A plan being changed still shows its own version, retired since or not.
            if (m_editing && std::none_of(builds.begin(), builds.end(),
                                          [&](const auto &b) { return b.id == m_editing->buildId; })) {
                if (const auto own = s->store().buildProcedure(m_editing->buildId))
                    builds.push_back({own->id, own->version, own->hardwareModel, own->backOutPlan});
            }
            for (const auto &b : builds) {
                m_builds.push_back(QVariantMap{
                    {kId, qs(b.id)},
                    {QStringLiteral("version"), b.version},
                    {kName, b.hardwareModel.empty() ? tr("Version %1").arg(b.version)
                                                    : tr("Version %1 · %2").arg(b.version).arg(qs(b.hardwareModel))},
                    {QStringLiteral("hardwareModel"), qs(b.hardwareModel)},
                    {QStringLiteral("backOutPlan"), qs(b.backOutPlan)}});
            }
        } catch (const Error &e) {
            setError(qs(e.what()));
        }
    }
    emit serviceChanged();
    chooseBuild(indexOf(m_builds, buildId) >= 0 ? buildId : idAt(m_builds, 0));
}

void ReleasePlanForm::chooseBuild(const QString &buildId)
{
    m_buildId = buildId;
    emit buildChanged();
    emit checksChanged();
}

int ReleasePlanForm::serviceIndex() const
{
    return indexOf(m_services, m_serviceId);
}

void ReleasePlanForm::setServiceIndex(int index)
{
    const QString id = idAt(m_services, index);
    if (id.isEmpty() || id == m_serviceId)
        return;
    chooseService(id, {});
}

int ReleasePlanForm::buildIndex() const
{
    return indexOf(m_builds, m_buildId);
}

void ReleasePlanForm::setBuildIndex(int index)
{
    const QString id = idAt(m_builds, index);
    if (!id.isEmpty() && id != m_buildId)
        chooseBuild(id);
}

QString ReleasePlanForm::hardwareModel() const
{
    const int at = buildIndex();
    return at < 0 ? QString() : m_builds.at(at).toMap().value(QStringLiteral("hardwareModel")).toString();
}

QString ReleasePlanForm::buildBackOutPlan() const
{
    const int at = buildIndex();
    return at < 0 ? QString() : m_builds.at(at).toMap().value(QStringLiteral("backOutPlan")).toString();
}

int ReleasePlanForm::siteIndex() const
{
    return indexOf(m_sites, m_siteId);
}

void ReleasePlanForm::setSiteIndex(int index)
{
    const QString id = idAt(m_sites, index);
    if (id.isEmpty() || id == m_siteId)
        return;
    // Another site: its own rooms, assets and people; the ones named at the other site go.
    m_targetAssets.clear();
    chooseSite(id, {}, {});
}

void ReleasePlanForm::chooseSite(const QString &siteId, const std::vector<Id> &installers,
                                 const std::vector<Id> &rooms)
{
    m_siteId = siteId;
    m_rooms.clear();
    m_installers.clear();
    const auto site = optionalId(siteId);
    if (AppSession *s = session(); s && site) {
        try {
            auto &store = s->store();
            for (const auto &room : store.rooms(*site))
                m_rooms.push_back(
                    QVariantMap{{kId, qs(room.id)}, {kName, qs(room.name)}, {kChosen, contains(rooms, room.id)}});
            std::vector<Id> listed;
            for (const auto &p : PlanChoices(store).installersAt(*site)) {
                listed.push_back(p.id);
                m_installers.push_back(QVariantMap{{kId, qs(p.id)},
                                                   {kName, qs(p.displayName)},
                                                   {QStringLiteral("detail"), OfficePeople::roleWords(p.role)},
                                                   {kChosen, contains(installers, p.id)}});
            }
            // Installers of the plan who no longer work here (or are switched off) stay, to be let go.
            for (const auto &id : installers) {
                if (contains(listed, id))
                    continue;
                const auto person = store.user(id);
                m_installers.push_back(
                    QVariantMap{{kId, qs(id)},
                                {kName, person ? qs(person->displayName) : qs(id)},
                                {QStringLiteral("detail"), tr("no longer installs at this site")},
                                {kChosen, true}});
            }
        } catch (const Error &e) {
            setError(qs(e.what()));
        }
    }
    emit siteChanged();
    emit targetsChanged();
    emit installersChanged();
    findAssets();
    emit checksChanged();
}

// --- what is installed, and by whom ---

void ReleasePlanForm::setKind(const QString &kind)
{
    if (m_kind == kind || !tryParse<ReleaseKind>(utf8(kind)))
        return;
    m_kind = kind;
    emit kindChanged();
    if (m_kind == QLatin1String("single"))
        setUnits(1);
    emit checksChanged();
}

void ReleasePlanForm::setReleaseType(const QString &type)
{
    if (m_type == type || !tryParse<ReleaseType>(utf8(type)))
        return;
    m_type = type;
    emit releaseTypeChanged();
}

void ReleasePlanForm::setUnits(int units)
{
    if (m_units == units)
        return;
    m_units = units;
    emit unitsChanged();
    emit checksChanged();
}

void ReleasePlanForm::setRoomChosen(const QString &roomId, bool chosen)
{
    if (!choose(m_rooms, roomId, chosen))
        return;
    emit targetsChanged();
    emit checksChanged();
}

void ReleasePlanForm::setAssetSearch(const QString &text)
{
    if (m_assetSearch == text)
        return;
    m_assetSearch = text;
    findAssets();
}

void ReleasePlanForm::findAssets()
{
    m_assetMatches.clear();
    AppSession *s = session();
    const auto site = optionalId(m_siteId);
    if (s && site && !m_assetSearch.trimmed().isEmpty()) {
        try {
            const auto found = PlanChoices(s->store())
                                   .siteAssets(*site, utf8(m_assetSearch.trimmed()),
                                               kAssetMatches + static_cast<int>(m_targetAssets.size()));
            for (const auto &a : found) {
                if (m_assetMatches.size() < kAssetMatches && indexOf(m_targetAssets, qs(a.id)) < 0)
                    m_assetMatches.push_back(assetEntry(a));
            }
        } catch (const Error &) {
            // A search that cannot be one (bad characters) matches nothing.
        }
    }
    emit assetSearchChanged();
}

bool ReleasePlanForm::addTargetAsset(const QString &assetId)
{
    const int at = indexOf(m_assetMatches, assetId);
    if (at < 0)
        return false;
    m_targetAssets.push_back(m_assetMatches.at(at));
    emit targetsChanged();
    findAssets();
    emit checksChanged();
    return true;
}

void ReleasePlanForm::removeTargetAsset(const QString &assetId)
{
    const int at = indexOf(m_targetAssets, assetId);
    if (at < 0)
        return;
    m_targetAssets.removeAt(at);
    emit targetsChanged();
    findAssets();
    emit checksChanged();
}

void ReleasePlanForm::setInstallerChosen(const QString &userId, bool chosen)
{
    if (!choose(m_installers, userId, chosen))
        return;
    emit installersChanged();
    emit checksChanged();
}

// --- when, why, and if it goes wrong ---

void ReleasePlanForm::setNumber(const QString &number)
{
    if (m_number == number)
        return;
    m_number = number;
    emit numberChanged();
    emit checksChanged();
}

void ReleasePlanForm::setPlannedDate(const QString &date)
{
    if (m_plannedDate == date)
        return;
    m_plannedDate = date;
    emit datesChanged();
    emit checksChanged();
}

void ReleasePlanForm::setPlannedEnd(const QString &date)
{
    if (m_plannedEnd == date)
        return;
    m_plannedEnd = date;
    emit datesChanged();
    emit checksChanged();
}

void ReleasePlanForm::setTrigger(const QString &trigger)
{
    if (m_trigger == trigger || !tryParse<TriggerKind>(utf8(trigger)))
        return;
    m_trigger = trigger;
    emit triggerChanged();
    emit checksChanged();
}

void ReleasePlanForm::setTriggerRef(const QString &ref)
{
    if (m_triggerRef == ref)
        return;
    m_triggerRef = ref;
    emit triggerChanged();
    emit checksChanged();
}

void ReleasePlanForm::setUseBuildBackOut(bool use)
{
    if (m_useBuildBackOut == use)
        return;
    m_useBuildBackOut = use;
    emit backOutChanged();
    emit checksChanged();
}

void ReleasePlanForm::setBackOutPlan(const QString &plan)
{
    if (m_backOutPlan == plan)
        return;
    m_backOutPlan = plan;
    emit backOutChanged();
    emit checksChanged();
}

void ReleasePlanForm::setUserNotice(const QString &notice)
{
    if (m_userNotice == notice)
        return;
    m_userNotice = notice;
    emit userNoticeChanged();
    emit checksChanged();
}

// --- checks ---

std::vector<Id> ReleasePlanForm::chosen(const QVariantList &list)
{
    std::vector<Id> out;
    for (const auto &entry : list) {
        const QVariantMap map = entry.toMap();
        if (map.value(kChosen, true).toBool()) // target assets have no flag: all of them
            if (const auto id = optionalId(map.value(kId).toString()))
                out.push_back(*id);
    }
    return out;
}

Release ReleasePlanForm::release() const
{
    Release r = m_editing.value_or(Release{});
    r.number = utf8(m_number);
    r.kind = tryParse<ReleaseKind>(utf8(m_kind)).value_or(ReleaseKind::Single);
    r.units = m_units;
    r.type = tryParse<ReleaseType>(utf8(m_type)).value_or(ReleaseType::Minor);
    r.trigger = tryParse<TriggerKind>(utf8(m_trigger)).value_or(TriggerKind::None);
    r.triggerRef = utf8(m_triggerRef);
    r.buildId = optionalId(m_buildId).value_or(Id());
    r.siteId = optionalId(m_siteId).value_or(Id());
    r.plannedDate = utf8(m_plannedDate.trimmed());
    r.plannedEnd = utf8(m_plannedEnd.trimmed());
    r.backOutPlan = utf8(m_useBuildBackOut ? buildBackOutPlan() : m_backOutPlan);
    r.userNotice = utf8(m_userNotice);
    r.installers = chosen(m_installers);
    r.targetAssets = chosen(m_targetAssets);
    r.targetRooms = chosen(m_rooms);
    return r;
}

QString ReleasePlanForm::problem(const char *field) const
{
    for (const auto &p : releasePlanProblems(release())) {
        if (p.field == field) {
            QString words = qs(p.field + ": " + p.message);
            words[0] = words[0].toUpper();
            return words;
        }
    }
    return {};
}

QString ReleasePlanForm::numberError() const
{
    if (m_number.trimmed().isEmpty())
        return {};
    if (QString why = problem("release number"); !why.isEmpty())
        return why;
    // Said as it is typed; the store refuses it again (a number is unique).
    if (AppSession *s = session()) {
        try {
            const auto other = s->store().releaseByNumber(utf8(m_number.trimmed()));
            if (other && (!m_editing || other->id != m_editing->id))
                return tr("Release number %1 is already used: choose another.").arg(m_number.trimmed());
        } catch (const Error &) {
        }
    }
    return {};
}

QString ReleasePlanForm::unitsError() const
{
    return problem("units");
}

QString ReleasePlanForm::plannedDateError() const
{
    return m_plannedDate.trimmed().isEmpty() ? QString() : problem("planned date");
}

QString ReleasePlanForm::plannedEndError() const
{
    return problem("planned end");
}

QString ReleasePlanForm::triggerRefError() const
{
    return m_triggerRef.trimmed().isEmpty() ? QString() : problem("trigger reference");
}

QString ReleasePlanForm::backOutPlanError() const
{
    return m_useBuildBackOut ? QString() : problem("back-out plan");
}

QString ReleasePlanForm::userNoticeError() const
{
    return problem("what users are told");
}

QString ReleasePlanForm::missing() const
{
    if (isNew() && m_services.isEmpty() && session())
        return tr("No service can be released yet: a build developer writes its build procedure, and a release "
                  "manager approves it.");
    QStringList needed;
    if (m_serviceId.isEmpty())
        needed << tr("a service");
    else if (m_buildId.isEmpty())
        needed << tr("a build version");
    if (m_siteId.isEmpty())
        needed << tr("a site");
    if (m_number.trimmed().isEmpty())
        needed << tr("a release number");
    if (m_plannedDate.trimmed().isEmpty())
        needed << tr("a planned start date");
    if (m_trigger == QLatin1String("request") && m_triggerRef.trimmed().isEmpty())
        needed << tr("the request's reference");
    if (m_trigger == QLatin1String("rfc") && m_triggerRef.trimmed().isEmpty())
        needed << tr("the RFC's reference");
    if (chosen(m_installers).empty())
        needed << tr("someone to install it");
    if (!m_useBuildBackOut && m_backOutPlan.trimmed().isEmpty())
        needed << tr("the release's own back-out plan");
    if (needed.isEmpty())
        return {};
    const QString last = needed.takeLast();
    return tr("Still needed: %1.").arg(needed.isEmpty() ? last : needed.join(QStringLiteral(", ")) + tr(" and ") + last);
}

bool ReleasePlanForm::canSubmit() const
{
    return session() && missing().isEmpty() && releasePlanProblems(release()).empty() && numberError().isEmpty();
}

QVariantMap ReleasePlanForm::submit()
{
    QVariantMap answer;
    if (!session()) {
        answer = {{QStringLiteral("ok"), false}, {QStringLiteral("error"), tr("The app's data is not open.")}};
    } else if (!missing().isEmpty()) {
        answer = {{QStringLiteral("ok"), false}, {QStringLiteral("error"), missing()}};
    } else {
        // The store checks the plan again (and says the first problem) whatever the form made of it.
        answer = m_editing ? m_releases->update(release()) : m_releases->plan(release());
    }
    const bool ok = answer.value(QStringLiteral("ok")).toBool();
    setError(ok ? QString() : answer.value(QStringLiteral("error")).toString());
    if (ok) {
        const QString id = answer.value(QStringLiteral("id")).toString();
        emit saved(id);
    }
    return answer;
}

void ReleasePlanForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

} // namespace rd::mobile
