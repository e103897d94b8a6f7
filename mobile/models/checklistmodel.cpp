#include "checklistmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"
#include "domain/photoref.h"
#include "domain/rules.h"

#include "store/store.h"
#include "store/views.h"
#include "sync/replica.h"

#include <QLocale>

#include <algorithm>
#include <map>

namespace rd::mobile {

namespace {

QString partLabel(StepPart part)
{
    switch (part) {
    case StepPart::Installation:
        return QObject::tr("Installation steps");
    case StepPart::Stability:
        return QObject::tr("Stability tests");
    case StepPart::Acceptance:
        return QObject::tr("Acceptance tests");
    }
    return {};
}

QString outcomeWords(StepOutcome outcome)
{
    switch (outcome) {
    case StepOutcome::Pass:
        return QObject::tr("Passed");
    case StepOutcome::Fail:
        return QObject::tr("Failed");
    case StepOutcome::NotApplicable:
        return QObject::tr("Not applicable");
    }
    return {};
}

/** One earlier result in words: "Failed · Sam Jones, Tue 1 Dec 10:02 · the note". */
QString earlierWords(const StepResult &r, const QString &by)
{
    QString s = QObject::tr("%1 · %2, %3")
                    .arg(outcomeWords(r.outcome), by,
                         QLocale::c().toString(localTime(r.recordedAt), QStringLiteral("ddd d MMM hh:mm")));
    if (!r.note.empty())
        s += QStringLiteral(" · ") + qs(r.note);
    return s;
}

} // namespace

ChecklistModel::ChecklistModel(QObject *parent)
    : SessionModel(parent)
{
    connect(this, &QAbstractItemModel::modelReset, this, &ChecklistModel::progressChanged);
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const auto &line = m_lines[row];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return qs(line.step.title);
    case StepIdRole:
        return qs(line.step.id);
    case PartRole:
        return qs(toString(line.step.part));
    case PartLabelRole:
        return partLabel(line.step.part);
    case PositionRole:
        return line.step.position;
    case DetailRole:
        return qs(line.step.detail);
    case RequiredRole:
        return line.step.required;
    case OutcomeRole:
        return line.latest ? qs(toString(line.latest->outcome)) : QString();
    case NoteRole:
        return line.latest ? qs(line.latest->note) : QString();
    case EvidenceRole:
        return line.latest ? qs(line.latest->evidence) : QString();
    case RecordedByRole:
        return m_recordedBy[row];
    case RecordedAtRole:
        return line.latest ? localTime(line.latest->recordedAt) : QVariant();
    case AsksForPhotoRole:
        return line.step.evidence == EvidenceKind::Photo;
    case HasPhotoRole:
        return line.latest && photoSha256(line.latest->evidence).has_value();
    case EarlierRole:
        return m_earlier[row];
    default:
        return {};
    }
}

QHash<int, QByteArray> ChecklistModel::roleNames() const
{
    return {{StepIdRole, "stepId"},       {PartRole, "part"},         {PartLabelRole, "partLabel"},
            {PositionRole, "position"},   {TitleRole, "title"},       {DetailRole, "detail"},
            {RequiredRole, "required"},   {OutcomeRole, "outcome"},   {NoteRole, "note"},
            {EvidenceRole, "evidence"},   {RecordedByRole, "recordedBy"}, {RecordedAtRole, "recordedAt"},
            {AsksForPhotoRole, "asksForPhoto"}, {HasPhotoRole, "hasPhoto"}, {EarlierRole, "earlier"}};
}

void ChecklistModel::setInstallationId(const QString &id)
{
    if (m_installationId == id)
        return;
    m_installationId = id;
    emit installationIdChanged();
    reload();
}

bool ChecklistModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_installationId).has_value();
}

void ChecklistModel::clear()
{
    m_lines.clear();
    m_recordedBy.clear();
    m_earlier.clear();
    m_installation = {};
}

void ChecklistModel::load()
{
    auto &store = session()->store();
    auto &views = session()->views();
    const Id id = *optionalId(m_installationId);
    const auto inst = store.installation(id);
    if (!inst)
        throw NotFoundError("installation", id.toString());
    const auto release = store.release(inst->releaseId);
    const auto asset = views.assetRow(inst->assetId);
    m_lines = store.checklist(id);
    std::map<Id, QString> names;
    const auto nameOf = [&](const Id &user) -> const QString & {
        auto it = names.find(user);
        if (it == names.end())
            it = names.emplace(user, qs(views.userDisplayName(user))).first;
        return it->second;
    };
    m_recordedBy.clear();
    m_earlier.clear();
    for (const auto &line : m_lines) {
        m_recordedBy.push_back(line.latest ? nameOf(line.latest->recordedBy) : QString());
        QStringList earlier;
        for (const auto &r : line.earlier)
            earlier.push_back(earlierWords(r, nameOf(r.recordedBy)));
        m_earlier.push_back(std::move(earlier));
    }
    m_installation.loaded = true;
    m_installation.installationId = qs(id);
    m_installation.status = qs(toString(inst->status));
    m_installation.releaseId = qs(inst->releaseId);
    m_installation.releaseNumber = release ? qs(release->number) : QString();
    m_installation.assetId = qs(inst->assetId);
    m_installation.assetTag = asset ? qs(asset->asset.assetTag) : QString();
    m_installation.serial = asset ? qs(asset->asset.serial) : QString();
    m_installation.model = asset ? qs(asset->asset.model) : QString();
    m_installation.room = asset ? qs(asset->room) : QString();
    m_installation.backOutPlan = qs(views.backOutPlan(inst->releaseId));
}

int ChecklistModel::currentIndex() const
{
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (!m_lines[i].latest)
            return static_cast<int>(i);
    }
    return static_cast<int>(m_lines.size());
}

int ChecklistModel::recordedCount() const
{
    int n = 0;
    for (const auto &line : m_lines)
        n += line.latest ? 1 : 0;
    return n;
}

int ChecklistModel::doneCount() const
{
    return static_cast<int>(std::count_if(m_lines.begin(), m_lines.end(), [](const ChecklistLine &line) {
        return countsAsDone(line.latest ? std::optional(line.latest->outcome) : std::nullopt);
    }));
}

int ChecklistModel::failedCount() const
{
    return static_cast<int>(std::count_if(m_lines.begin(), m_lines.end(), [](const ChecklistLine &line) {
        return line.latest && line.latest->outcome == StepOutcome::Fail;
    }));
}

bool ChecklistModel::readyForSignOff() const
{
    if (m_lines.empty() || m_installation.status != QLatin1String("in-progress"))
        return false;
    // The store's own rule: what it refuses at sign-off, and only that, keeps the button off.
    return std::none_of(m_lines.begin(), m_lines.end(), [](const ChecklistLine &line) {
        return blocksSignOff(line.step.required,
                             line.latest ? std::optional(line.latest->outcome) : std::nullopt);
    });
}

bool ChecklistModel::hasFailure() const
{
    for (const auto &line : m_lines) {
        if (line.latest && line.latest->outcome == StepOutcome::Fail)
            return true;
    }
    return false;
}

bool ChecklistModel::record(int row, const QString &outcome, const QString &note, const QString &evidence)
{
    if (row < 0 || row >= rowCount() || !canLoad()) {
        setError(tr("There is no such line on this checklist."));
        return false;
    }
    const Id user = session()->userId();
    if (user.isNull()) {
        setError(tr("Sign in once before recording work."));
        return false;
    }
    auto &line = m_lines[static_cast<std::size_t>(row)];
    // A double tap (a glove, a bounce) is one tap: the same outcome on the same line within a
    // moment is not recorded twice. A retest later, or another outcome, is.
    if (line.latest && m_lastTap.isValid() && m_lastTap.elapsed() < kDoubleTapMs && m_lastTapRow == row &&
        qs(toString(line.latest->outcome)) == outcome && line.latest->note == utf8(note.trimmed()) &&
        line.latest->evidence == utf8(evidence.trimmed()))
        return true;
    try {
        StepResult r;
        r.installationId = *optionalId(m_installationId);
        r.stepId = line.step.id;
        r.outcome = parse<StepOutcome>(utf8(outcome));
        r.note = utf8(note);
        r.evidence = utf8(evidence);
        r.recordedBy = user;
        r.recordedAt = AppSession::now();
        r.id = session()->replica().recordStepResult(r);
        // The store trims what it keeps; show what it kept.
        r.note = utf8(note.trimmed());
        r.evidence = utf8(evidence.trimmed());
        if (line.latest) {
            // The result it replaces stays in the line's history (results are append-only).
            m_earlier[static_cast<std::size_t>(row)].push_back(
                earlierWords(*line.latest, m_recordedBy[static_cast<std::size_t>(row)]));
            line.earlier.push_back(std::move(*line.latest));
        }
        line.latest = r;
        m_recordedBy[static_cast<std::size_t>(row)] = session()->displayName();
    } catch (const std::exception &e) {
        setError(QString::fromUtf8(e.what()));
        return false;
    }
    setError({});
    m_lastTap.start();
    m_lastTapRow = row;
    const QModelIndex i = index(row);
    emit dataChanged(i, i);
    emit progressChanged();
    // The other lists (units done, changes waiting) read again once the tap is handled; this one
    // is up to date already, and reading it again would reset the page's list under the finger.
    session()->notifyLocalChange(this);
    return true;
}

} // namespace rd::mobile
