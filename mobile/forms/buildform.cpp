#include "buildform.h"

#include "fielderror.h"

#include "app/appsession.h"
#include "app/qtconvert.h"
#include "models/buildwords.h"

#include "store/buildviews.h"
#include "store/store.h"

namespace rd::mobile {

namespace {

const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");

QVariantMap failure(const QString &why)
{
    return {{kOk, false}, {kError, why}};
}

} // namespace

BuildForm::BuildForm(QObject *parent)
    : QObject(parent)
    , m_software(new BuildSoftwareModel(this))
    , m_installation(new BuildLinesModel(StepPart::Installation, this))
    , m_stability(new BuildLinesModel(StepPart::Stability, this))
    , m_acceptance(new BuildLinesModel(StepPart::Acceptance, this))
{
    connect(m_software, &BuildSoftwareModel::edited, this, &BuildForm::edited);
    for (auto *lines : {m_installation, m_stability, m_acceptance}) {
        connect(lines, &BuildLinesModel::edited, this, &BuildForm::edited);
        connect(lines, &BuildLinesModel::errorsChanged, this, &BuildForm::checksChanged);
        connect(lines, &BuildLinesModel::countChanged, this, &BuildForm::checksChanged);
    }
}

BuildForm::~BuildForm() = default;

AppSession *BuildForm::session() const
{
    return m_office ? m_office->session() : nullptr;
}

void BuildForm::setOffice(OfficeBench *office)
{
    if (m_office == office)
        return;
    if (m_office)
        disconnect(m_office, nullptr, this, nullptr);
    m_office = office;
    if (m_office) {
        connect(m_office, &OfficeBench::sessionChanged, this, &BuildForm::load);
        connect(m_office, &OfficeBench::rightsChanged, this, [this] {
            applyReadOnly();
            emit buildChanged();
            emit checksChanged();
        });
    }
    emit officeChanged();
    load();
}

void BuildForm::setBuildId(const QString &buildId)
{
    if (m_buildId == buildId)
        return;
    m_buildId = buildId;
    emit buildIdChanged();
    load();
}

QString BuildForm::serviceId() const
{
    return m_loaded ? qs(m_stored.serviceId) : QString();
}

QString BuildForm::status() const
{
    return m_loaded ? qs(toString(m_stored.status)) : QString();
}

QString BuildForm::statusWords() const
{
    return m_loaded ? buildStatusWords(m_stored.status) : QString();
}

QString BuildForm::returnedReason() const
{
    return m_loaded && m_stored.status == BuildStatus::Draft ? qs(m_stored.returnedReason) : QString();
}

bool BuildForm::readOnly() const
{
    return !readOnlyReason().isEmpty();
}

QString BuildForm::readOnlyReason() const
{
    if (!m_loaded)
        return tr("This build procedure version is not on this tablet.");
    switch (m_stored.status) {
    case BuildStatus::Approved:
        return tr("v%1 is approved, and an approved version never changes. To change it, draft a new version from it.")
            .arg(m_stored.version);
    case BuildStatus::Retired:
        return tr("v%1 is retired; it no longer changes.").arg(m_stored.version);
    case BuildStatus::Submitted:
        return tr("v%1 waits for a release manager's decision; it cannot be edited meanwhile.").arg(m_stored.version);
    case BuildStatus::Draft:
        break;
    }
    if (!m_office || !m_office->canWriteBuilds())
        return tr("Only a build developer edits a build procedure.");
    return {};
}

void BuildForm::applyReadOnly()
{
    const bool ro = readOnly();
    for (auto *lines : {m_installation, m_stability, m_acceptance})
        lines->setReadOnly(ro);
    m_software->setReadOnly(ro);
    m_software->setPickedOnly(ro);
}

void BuildForm::load()
{
    auto *s = session();
    if (s != m_session) {
        if (m_session)
            disconnect(m_session, nullptr, this, nullptr);
        m_session = s;
        if (m_session)
            connect(m_session, &AppSession::localDataChanged, this, &BuildForm::onLocalDataChanged);
    }
    m_loaded = false;
    m_stored = {};
    m_service.clear();
    m_savedBy.clear();
    m_savedAt = {};
    m_stateWords.clear();
    m_stateAt = {};
    m_returnedBy.clear();
    m_newerElsewhere = false;
    std::vector<BuildStep> steps;
    std::vector<DslItem> catalogue;
    if (s && s->ready()) {
        try {
            if (const auto id = optionalId(m_buildId)) {
                auto &store = s->store();
                if (auto b = store.buildProcedure(*id)) {
                    BuildViews views(store);
                    m_stored = std::move(*b);
                    m_loaded = true;
                    if (const auto service = store.service(m_stored.serviceId))
                        m_service = qs(service->name);
                    if (const auto v = views.buildVersion(*id)) {
                        m_savedBy = qs(v->changedBy.empty() ? v->createdBy : v->changedBy);
                        m_savedAt = localTime(v->changedAt.value_or(v->createdAt));
                        m_returnedBy = qs(v->returnedBy);
                        const QString who = versionWho(*v);
                        m_stateWords = who.isEmpty() ? versionWhat(*v) : versionWhat(*v) + QLatin1Char(' ') + who;
                        m_stateAt = localTime(versionWhen(*v));
                    }
                    catalogue = views.dslCatalogue();
                    steps = m_stored.steps;
                }
            }
        } catch (const Error &e) {
            m_loaded = false;
            setError(qs(e.what()));
        }
    }
    m_hardwareModel = qs(m_stored.hardwareModel);
    m_designNotes = qs(m_stored.designNotes);
    m_backOutPlan = qs(m_stored.backOutPlan);
    std::vector<BuildStep> parts[3];
    for (auto &step : steps)
        parts[static_cast<int>(step.part)].push_back(std::move(step));
    applyReadOnly();
    m_installation->setLines(std::move(parts[0]));
    m_stability->setLines(std::move(parts[1]));
    m_acceptance->setLines(std::move(parts[2]));
    m_software->setCatalogue(std::move(catalogue), m_stored.dslItemIds);
    setDirty(false);
    if (m_loaded)
        setError({});
    emit buildChanged();
    emit hardwareModelChanged();
    emit designNotesChanged();
    emit backOutPlanChanged();
    emit checksChanged();
}

void BuildForm::onLocalDataChanged()
{
    if (!m_session || m_session->changeOnlyFrom(this))
        return; // this form's own save: it holds what it saved
    if (!m_dirty) {
        load();
        return;
    }
    // Edited here and changed in the store too (a sync brought a colleague's save, or a decision):
    // the edits stay, and the page says so.
    try {
        const auto id = optionalId(m_buildId);
        const auto now = id ? m_session->store().buildProcedure(*id) : std::nullopt;
        const bool newer = !now || now->revision != m_stored.revision || now->status != m_stored.status;
        if (newer != m_newerElsewhere) {
            m_newerElsewhere = newer;
            emit buildChanged();
        }
    } catch (const Error &) {
    }
}

void BuildForm::edited()
{
    setDirty(true);
    emit checksChanged();
}

void BuildForm::setDirty(bool dirty)
{
    if (m_dirty == dirty)
        return;
    m_dirty = dirty;
    emit dirtyChanged();
}

void BuildForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

void BuildForm::setHardwareModel(const QString &text)
{
    if (m_hardwareModel == text || readOnly())
        return;
    m_hardwareModel = text;
    emit hardwareModelChanged();
    edited();
}

void BuildForm::setDesignNotes(const QString &text)
{
    if (m_designNotes == text || readOnly())
        return;
    m_designNotes = text;
    emit designNotesChanged();
    edited();
}

void BuildForm::setBackOutPlan(const QString &text)
{
    if (m_backOutPlan == text || readOnly())
        return;
    m_backOutPlan = text;
    emit backOutPlanChanged();
    edited();
}

QString BuildForm::hardwareModelError() const
{
    return fieldError(fields::hardwareModel, m_hardwareModel);
}

QString BuildForm::designNotesError() const
{
    return fieldError(fields::designNotes, m_designNotes);
}

QString BuildForm::backOutPlanError() const
{
    return fieldError(fields::backOutPlan, m_backOutPlan);
}

int BuildForm::lineCount() const
{
    return m_installation->count() + m_stability->count() + m_acceptance->count();
}

int BuildForm::errorCount() const
{
    int n = m_installation->errorCount() + m_stability->errorCount() + m_acceptance->errorCount();
    for (const QString &e : {hardwareModelError(), designNotesError(), backOutPlanError()})
        n += e.isEmpty() ? 0 : 1;
    return n;
}

bool BuildForm::canSave() const
{
    return !readOnly() && m_dirty && errorCount() == 0;
}

bool BuildForm::canSubmit() const
{
    return !readOnly() && errorCount() == 0;
}

BuildProcedure BuildForm::draft() const
{
    BuildProcedure b = m_stored;
    b.hardwareModel = utf8(m_hardwareModel);
    b.designNotes = utf8(m_designNotes);
    b.backOutPlan = utf8(m_backOutPlan);
    b.dslItemIds = m_software->picked();
    b.steps.clear();
    for (auto *lines : {m_installation, m_stability, m_acceptance}) {
        const auto part = lines->lines();
        b.steps.insert(b.steps.end(), part.begin(), part.end());
    }
    return b;
}

QVariantMap BuildForm::send(bool thenSubmit)
{
    if (!m_office) {
        const auto answer = failure(tr("The app's data is not open."));
        setError(answer.value(kError).toString());
        return answer;
    }
    if (!m_loaded) {
        const auto answer = failure(readOnlyReason());
        setError(answer.value(kError).toString());
        return answer;
    }
    // A version that cannot be edited is still sent: the core refuses it in its own words, and
    // nothing is written.
    const QVariantMap answer = thenSubmit && !m_dirty && !readOnly() ? m_office->submitBuild(m_buildId)
                                                                     : m_office->saveBuildDraft(draft(), thenSubmit, this);
    if (!answer.value(kOk).toBool()) {
        setError(answer.value(kError).toString());
        return answer;
    }
    setError({});
    return answer;
}

QVariantMap BuildForm::save()
{
    if (!readOnly() && m_loaded && !m_dirty) {
        setError({});
        return {{kOk, true}, {QStringLiteral("revision"), m_stored.revision}}; // nothing new to save
    }
    const QVariantMap answer = send(false);
    if (!answer.value(kOk).toBool())
        return answer;
    // Saved: the form is now what is stored, at the revision the save made.
    m_stored = draft();
    m_stored.revision = answer.value(QStringLiteral("revision")).toInt();
    m_savedBy = m_session ? m_session->displayName() : QString();
    m_savedAt = QDateTime::currentDateTime();
    m_newerElsewhere = false;
    setDirty(false);
    emit buildChanged();
    emit checksChanged();
    emit saved();
    return answer;
}

QVariantMap BuildForm::submit()
{
    const QVariantMap answer = send(true);
    if (!answer.value(kOk).toBool())
        return answer;
    load(); // submitted: read-only now, as stored
    emit submitted();
    return answer;
}

QVariantMap BuildForm::saveOverNewer()
{
    if (m_session && m_loaded) {
        try {
            if (const auto now = m_session->store().buildProcedure(m_stored.id)) {
                m_stored.revision = now->revision;
                m_stored.status = now->status;
            }
        } catch (const Error &) {
        }
    }
    return save();
}

void BuildForm::revert()
{
    load();
}

} // namespace rd::mobile
