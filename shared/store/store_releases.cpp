// Releases, installations, the build install checklist results, sign-offs and back-outs.
#include "writescope.h"

#include "domain/releaseplan.h"
#include "domain/rules.h"
#include "domain/fields.h"
#include "domain/text.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace rd {

namespace {

constexpr std::string_view kReleaseColumns =
    "id, number, kind, units, trigger_kind, trigger_ref, build_id, site_id, planned_date, status, "
    "back_out_plan, created_by, created_at, release_type, planned_end, user_notice, review_note";

constexpr const char *kInstallationSql =
    "SELECT id, release_id, asset_id, status, started_by, started_at, ended_at, build_id FROM installations WHERE id = ?1";

Installation readInstallation(const sql::Statement &q)
{
    return Installation{q.id(0),    q.id(1),       q.id(2), parse<InstallationStatus>(q.textView(3)), q.id(4),
                        q.int64(5), q.optInt64(6), q.id(7)};
}

/**
 * The plan's own rules (domain/releaseplan.h), checked before any row is read: the same for a new
 * release and a changed one.
 */
void checkReleasePlan(Release &r)
{
    if (const auto problems = releasePlanProblems(r); !problems.empty())
        throw ValidationError(problems.front().field, problems.front().message);
    r.number = checked(fields::releaseNumber, r.number);
    r.triggerRef = checked(fields::triggerRef, r.triggerRef);
    r.backOutPlan = checked(fields::backOutPlan, r.backOutPlan);
    r.userNotice = checked(fields::userNotice, r.userNotice);
}

/** Signature strokes: "x,y x,y;x,y ..." with numbers; anything else is refused. */
void checkStrokes(const std::string &strokes)
{
    if (strokes.empty())
        throw ValidationError("signature", "is empty: the user must sign");
    if (strokes.size() > fields::kMaxStrokesBytes)
        throw ValidationError("signature", "is too large (over 256 KiB)");
    if (strokes.find_first_not_of("0123456789.-, ;") != std::string::npos)
        throw ValidationError("signature", "is not a list of strokes (\"x,y x,y;x,y ...\")");
}

} // namespace

Id Store::addRelease(Release r)
{
    checkReleasePlan(r);
    if (r.status != ReleaseStatus::Planned)
        throw ValidationError("release status", "a new release starts as planned");
    if (r.id.isNull())
        r.id = Id::generate();

    Write w(*this);
    if (auto existing = releaseByNumber(r.number))
        throw DuplicateError("release number " + r.number + " is already used", existing->id.toString());
    const auto build = buildProcedure(r.buildId);
    if (!build)
        throw NotFoundError("build procedure", r.buildId.toString());
    if (build->status != BuildStatus::Approved)
        throw RuleError("only an approved build procedure can be released; version " +
                        std::to_string(build->version) + " is " + std::string(toString(build->status)));
    requireRow("sites", r.siteId, "site");
    requireRow("users", r.createdBy, "user");
    if (r.backOutPlan.empty())
        r.backOutPlan = build->backOutPlan;
    m_db.query("INSERT INTO releases(id, number, kind, units, trigger_kind, trigger_ref, build_id, site_id, "
               "planned_date, status, back_out_plan, created_by, created_at, release_type, planned_end, user_notice, "
               "seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'planned', ?10, ?11, ?12, ?13, ?14, ?15, ?16)")
        ->bindAll(r.id, r.number, toString(r.kind), r.units, toString(r.trigger), r.triggerRef, r.buildId,
                  r.siteId, r.plannedDate, r.backOutPlan, r.createdBy, r.createdAt, toString(r.type), r.plannedEnd,
                  r.userNotice, nextSeq())
        .run();
    for (const auto &installer : r.installers) {
        requireRow("users", installer, "installer");
        m_db.query("INSERT INTO release_installers(release_id, user_id, seq) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT DO NOTHING")
            ->bindAll(r.id, installer, nextSeq())
            .run();
    }
    writeReleaseTargets(r);
    w.commit();
    return r.id;
}

void Store::writeReleaseTargets(const Release &r)
{
    // The targets are replaced whole; the ones dropped are tombstoned for the sync.
    std::vector<Id> keep;
    for (const auto &asset : r.targetAssets) {
        auto q = m_db.query("SELECT site_id FROM assets WHERE id = ?1");
        q->bind(1, asset);
        if (!q->step())
            throw NotFoundError("asset", asset.toString());
        if (q->id(0) != r.siteId)
            throw RuleError("an asset named in the release is at another site than the release");
        keep.push_back(asset);
    }
    for (const auto &room : r.targetRooms) {
        auto q = m_db.query("SELECT site_id FROM rooms WHERE id = ?1");
        q->bind(1, room);
        if (!q->step())
            throw NotFoundError("room", room.toString());
        if (q->id(0) != r.siteId)
            throw RuleError("a room named in the release is at another site than the release");
        keep.push_back(room);
    }
    std::vector<Id> before;
    {
        auto q = m_db.query("SELECT target_id FROM release_targets WHERE release_id = ?1");
        q->bind(1, r.id);
        while (q->step())
            before.push_back(q->id(0));
    }
    for (const auto &t : before) {
        if (std::find(keep.begin(), keep.end(), t) != keep.end())
            continue;
        m_db.query("DELETE FROM release_targets WHERE release_id = ?1 AND target_id = ?2")->bindAll(r.id, t).run();
        tombstone("release_targets", r.id, t);
    }
    for (std::size_t i = 0; i < keep.size(); ++i) {
        if (std::find(before.begin(), before.end(), keep[i]) != before.end())
            continue;
        m_db.query("INSERT INTO release_targets(release_id, target_id, kind, seq) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT DO NOTHING")
            ->bindAll(r.id, keep[i], i < r.targetAssets.size() ? "asset" : "room", nextSeq())
            .run();
    }
}

void Store::updateRelease(Release r, const Id &by, Millis at)
{
    checkReleasePlan(r);
    Write w(*this);
    const auto before = release(r.id);
    if (!before)
        throw NotFoundError("release", r.id.toString());
    if (before->status == ReleaseStatus::Closed)
        throw RuleError("release " + before->number + " is closed; its plan no longer changes");
    if (r.number != before->number) {
        if (auto other = releaseByNumber(r.number))
            throw DuplicateError("release number " + r.number + " is already used", other->id.toString());
    }
    if (r.siteId != before->siteId)
        throw RuleError("a release stays at its site; plan another release for another site");
    if (r.buildId != before->buildId) {
        const auto now = existingBuild(before->buildId);
        const auto next = existingBuild(r.buildId);
        if (next.serviceId != now.serviceId)
            throw RuleError("a release keeps its service; plan another release for another service");
        if (next.status != BuildStatus::Approved)
            throw RuleError("only an approved build procedure can be released; version " +
                            std::to_string(next.version) + " is " + std::string(toString(next.status)));
    }
    {
        auto q = m_db.query("SELECT count(*) FROM installations WHERE release_id = ?1 AND status <> 'backed-out'");
        q->bind(1, r.id);
        q->step();
        if (q->int64(0) > r.units)
            throw RuleError("release " + before->number + " already has " + std::to_string(q->int64(0)) +
                            " units under way or done; it cannot plan fewer");
    }
    m_db.query("UPDATE releases SET number = ?2, kind = ?3, units = ?4, trigger_kind = ?5, trigger_ref = ?6, "
               "build_id = ?7, planned_date = ?8, back_out_plan = ?9, release_type = ?10, planned_end = ?11, "
               "user_notice = ?12, changed_by = ?13, changed_at = ?14, seq = ?15 WHERE id = ?1")
        ->bindAll(r.id, r.number, toString(r.kind), r.units, toString(r.trigger), r.triggerRef, r.buildId,
                  r.plannedDate, r.backOutPlan, toString(r.type), r.plannedEnd, r.userNotice, by, at, nextSeq())
        .run();
    writeReleaseTargets(r);
    w.commit();
}

void Store::setReleaseInstallers(const Id &releaseId, const std::vector<Id> &installers, const Id &by, Millis at)
{
    Write w(*this);
    const auto r = release(releaseId);
    if (!r)
        throw NotFoundError("release", releaseId.toString());
    if (r->status == ReleaseStatus::Closed)
        throw RuleError("release " + r->number + " is closed; its installers no longer change");
    for (const auto &u : r->installers) {
        if (std::find(installers.begin(), installers.end(), u) != installers.end())
            continue;
        m_db.query("DELETE FROM release_installers WHERE release_id = ?1 AND user_id = ?2")->bindAll(releaseId, u).run();
        tombstone("release_installers", releaseId, u);
    }
    for (const auto &u : installers) {
        if (std::find(r->installers.begin(), r->installers.end(), u) != r->installers.end())
            continue;
        const auto person = user(u);
        if (!person)
            throw NotFoundError("user", u.toString());
        if (person->role == Role::BuildDeveloper)
            throw RuleError(person->displayName + " is a build developer; installers and release managers install");
        m_db.query("INSERT INTO release_installers(release_id, user_id, seq) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
            ->bindAll(releaseId, u, nextSeq())
            .run();
    }
    m_db.query("UPDATE releases SET changed_by = ?2, changed_at = ?3, seq = ?4 WHERE id = ?1")
        ->bindAll(releaseId, by, at, nextSeq())
        .run();
    w.commit();
}

void Store::closeRelease(const Id &releaseId, std::string_view reviewNote, const Id &by, Millis at)
{
    const auto note = checked(fields::reviewNote, reviewNote);
    Write w(*this, Write::Rows::One);
    const auto r = release(releaseId);
    if (!r)
        throw NotFoundError("release", releaseId.toString());
    requireChange("release " + r->number, r->status, ReleaseStatus::Closed);
    {
        auto q = m_db.query("SELECT count(*) FROM installations WHERE release_id = ?1 AND status = 'in-progress'");
        q->bind(1, releaseId);
        q->step();
        if (q->int64(0) > 0)
            throw RuleError("release " + r->number + " still has " + std::to_string(q->int64(0)) +
                            " unit(s) in progress: sign them off or back them out first");
    }
    m_db.query("UPDATE releases SET status = 'closed', review_note = ?2, changed_by = ?3, changed_at = ?4, seq = ?5 "
               "WHERE id = ?1")
        ->bindAll(releaseId, note, by, at, nextSeq())
        .run();
    w.commit();
}

void Store::setReleaseStatus(const Id &releaseId, ReleaseStatus status)
{
    Write w(*this, Write::Rows::One);
    const auto r = release(releaseId);
    if (!r)
        throw NotFoundError("release", releaseId.toString());
    requireChange("release " + r->number, r->status, status);
    m_db.query("UPDATE releases SET status = ?2, seq = ?3 WHERE id = ?1")
        ->bindAll(releaseId, toString(status), nextSeq())
        .run();
    w.commit();
}

namespace {

Release readRelease(const sql::Statement &q)
{
    Release r;
    r.id = q.id(0);
    r.number = q.text(1);
    r.kind = parse<ReleaseKind>(q.text(2));
    r.units = static_cast<int>(q.int64(3));
    r.trigger = parse<TriggerKind>(q.text(4));
    r.triggerRef = q.text(5);
    r.buildId = q.id(6);
    r.siteId = q.id(7);
    r.plannedDate = q.text(8);
    r.status = parse<ReleaseStatus>(q.text(9));
    r.backOutPlan = q.text(10);
    r.createdBy = q.id(11);
    r.createdAt = q.int64(12);
    r.type = parse<ReleaseType>(q.text(13));
    r.plannedEnd = q.text(14);
    r.userNotice = q.text(15);
    r.reviewNote = q.text(16);
    return r;
}

/** A release's three reads (its row, installers and targets), sent together by send(). */
struct ReleaseReads {
    sql::Query row, installers, targets;

    explicit ReleaseReads(sql::Database &db)
        : row(db.query(releaseByIdSql()))
        , installers(db.query("SELECT user_id FROM release_installers WHERE release_id = ?1"))
        , targets(db.query("SELECT target_id, kind FROM release_targets WHERE release_id = ?1"))
    {}
    static const std::string &releaseByIdSql()
    {
        static const std::string sql = "SELECT " + std::string(kReleaseColumns) + " FROM releases WHERE id = ?1";
        return sql;
    }
    void send(const Id &releaseId)
    {
        for (const auto *q : {&row, &installers, &targets}) {
            (*q)->bind(1, releaseId);
            (*q)->sendAhead();
        }
    }
    std::optional<Release> read()
    {
        if (!row->step())
            return std::nullopt;
        auto r = readRelease(*row);
        while (installers->step())
            r.installers.push_back(installers->id(0));
        while (targets->step())
            (targets->textView(1) == "asset" ? r.targetAssets : r.targetRooms).push_back(targets->id(0));
        return r;
    }
};

/**
 * That a user exists, sent ahead with a rule's other reads, unless @p known (the user this batch
 * checked last) is that user already.
 */
class UserExists {
public:
    UserExists(sql::Database &db, const Id &user, const std::optional<Id> &known)
        : m_q(db.query("SELECT 1 FROM users WHERE id = ?1"))
        , m_user(user)
        , m_asked(known != user)
    {
        if (m_asked) {
            m_q->bind(1, user);
            m_q->sendAhead();
        }
    }
    /** Throws NotFoundError when the user is not there. */
    void require()
    {
        if (m_asked && !m_q->step())
            throw NotFoundError("user", m_user.toString());
    }

private:
    sql::Query m_q;
    Id m_user;
    bool m_asked;
};

} // namespace

std::optional<Release> Store::release(const Id &releaseId)
{
    ReleaseReads reads(m_db);
    reads.send(releaseId);
    return reads.read();
}

std::optional<Release> Store::releaseByNumber(std::string_view number)
{
    std::optional<Id> id;
    {
        auto q = m_db.query("SELECT id FROM releases WHERE number = ?1");
        q->bind(1, number);
        if (!q->step())
            return std::nullopt;
        id = q->id(0);
    }
    return release(*id);
}

int Store::unitsDone(const Id &releaseId)
{
    auto q = m_db.query("SELECT count(*) FROM installations WHERE release_id = ?1 AND status = 'accepted'");
    q->bind(1, releaseId);
    q->step();
    return static_cast<int>(q->int64(0));
}

Id Store::startInstallation(Installation inst)
{
    if (inst.status != InstallationStatus::InProgress)
        throw ValidationError("installation status", "a new installation starts in progress");
    if (inst.id.isNull())
        inst.id = Id::generate();
    // Outside a batch the write's own transaction opens first, so that every read below is in it;
    // inside one, the release read first says whether this write changes one row or two (two
    // only when this first installation also starts the release).
    const bool inBatch = m_depth > 0;
    std::optional<Write> w;
    if (!inBatch)
        w.emplace(*this);
    // PostgreSQL, where starts run beside each other (ConcurrentWrites): the release's row lock
    // first, so the reads below see every installation started in it before, and its count of
    // units and the asset's one installation hold until this commits.
    if (m_db.isPostgres()) {
        auto lock = m_db.query("SELECT 1 FROM releases WHERE id = ?1 FOR NO KEY UPDATE");
        lock->bindStatic(1, inst.releaseId);
        lock->sendAhead();
    }
    // Everything the rules below ask, sent together: one round trip on PostgreSQL.
    ReleaseReads releaseReads(m_db);
    releaseReads.send(inst.releaseId);
    auto asset = m_db.query("SELECT site_id, room_id FROM assets WHERE id = ?1");
    asset->bindStatic(1, inst.assetId);
    asset->sendAhead();
    UserExists user(m_db, inst.startedBy, m_checked.user);
    // A unit backed out may be installed again; one under way or done may not.
    auto started = m_db.query(
        "SELECT id FROM installations WHERE release_id = ?1 AND asset_id = ?2 AND status <> 'backed-out'");
    started->bindAll(inst.releaseId, inst.assetId);
    started->sendAhead();
    auto units = m_db.query("SELECT count(*) FROM installations WHERE release_id = ?1 AND status <> 'backed-out'");
    units->bind(1, inst.releaseId);
    units->sendAhead();

    const auto r = releaseReads.read();
    if (inBatch)
        w.emplace(*this, r && r->status == ReleaseStatus::Planned ? Write::Rows::Several : Write::Rows::One);
    if (!r)
        throw NotFoundError("release", inst.releaseId.toString());
    if (r->status != ReleaseStatus::Planned && r->status != ReleaseStatus::InProgress)
        throw RuleError("release " + r->number + " is " + std::string(toString(r->status)) +
                        "; installations can only start on a planned or in-progress release");
    if (!asset->step())
        throw NotFoundError("asset", inst.assetId.toString());
    if (asset->id(0) != r->siteId)
        throw RuleError("the asset is at another site than release " + r->number);
    const auto room = asset->optId(1);
    // A plan that names assets or rooms is installed on those only.
    if (!r->targetAssets.empty() || !r->targetRooms.empty()) {
        const bool named = std::find(r->targetAssets.begin(), r->targetAssets.end(), inst.assetId) !=
                               r->targetAssets.end() ||
                           (room && std::find(r->targetRooms.begin(), r->targetRooms.end(), *room) != r->targetRooms.end());
        if (!named)
            throw RuleError("release " + r->number + " is planned for particular assets and rooms, and this asset is "
                            "not one of them");
    }
    user.require();
    if (started->step())
        throw DuplicateError("this asset already has an installation in release " + r->number,
                             started->id(0).toString());
    units->step();
    if (units->int64(0) >= r->units)
        throw RuleError("release " + r->number + " already has all its " + std::to_string(r->units) + " unit(s)");
    // It follows the release's build version as it is now, for good.
    m_db.query("INSERT INTO installations(id, release_id, asset_id, status, started_by, started_at, build_id, seq) "
               "VALUES (?1, ?2, ?3, 'in-progress', ?4, ?5, ?6, ?7)")
        ->bindAll(inst.id, inst.releaseId, inst.assetId, inst.startedBy, inst.startedAt, r->buildId, nextSeq())
        .run();
    if (r->status == ReleaseStatus::Planned) {
        m_db.query("UPDATE releases SET status = 'in-progress', seq = ?2 WHERE id = ?1")
            ->bindAll(inst.releaseId, nextSeq())
            .run();
    }
    if (inBatch) {
        // The results that follow in the batch need not read back the installation just started.
        if (m_checked.build != r->buildId) {
            m_checked.build = r->buildId;
            m_checked.steps.clear();
        }
        m_checked.installation = inst.id;
        m_checked.user = inst.startedBy;
    }
    w->commit();
    return inst.id;
}

Id Store::recordStepResult(StepResult s)
{
    s.note = checked(fields::stepNote, s.note);
    s.evidence = checked(fields::evidence, s.evidence);
    if (s.id.isNull())
        s.id = Id::generate();

    Write w(*this, Write::Rows::One);
    if (m_checked.installation != s.installationId) {
        m_checked.installation.reset();
        // PostgreSQL: shared with the other results, so a sign-off (which locks it alone) waits
        // for this one to commit, or this one reads the installation accepted.
        auto q = m_db.query(m_db.isPostgres() ? "SELECT status, build_id FROM installations WHERE id = ?1 FOR SHARE"
                                              : "SELECT status, build_id FROM installations WHERE id = ?1");
        q->bind(1, s.installationId);
        if (!q->step())
            throw NotFoundError("installation", s.installationId.toString());
        const auto status = parse<InstallationStatus>(q->text(0));
        if (status != InstallationStatus::InProgress)
            throw RuleError("the installation is " + std::string(toString(status)) +
                            "; its results can no longer change");
        const Id build = q->id(1);
        if (build != m_checked.build) {
            m_checked.steps.clear();
            m_checked.build = build;
        }
        m_checked.installation = s.installationId;
    }
    if (m_checked.steps.empty()) {
        auto steps = m_db.query("SELECT id, required, title FROM build_steps WHERE build_id = ?1");
        steps->bind(1, m_checked.build);
        while (steps->step())
            m_checked.steps.push_back({steps->id(0), steps->int64(1) != 0, steps->text(2)});
    }
    const auto step = std::find_if(m_checked.steps.begin(), m_checked.steps.end(),
                                   [&](const CheckedRefs::Step &c) { return c.id == s.stepId; });
    if (step == m_checked.steps.end()) {
        auto q = m_db.query("SELECT title FROM build_steps WHERE id = ?1");
        q->bind(1, s.stepId);
        if (!q->step())
            throw NotFoundError("build step", s.stepId.toString());
        throw RuleError("step '" + q->text(0) + "' is not part of this installation's build procedure");
    }
    if (step->required && s.outcome == StepOutcome::NotApplicable)
        throw RuleError("step '" + step->title + "' is required: it cannot be not applicable");
    UserExists(m_db, s.recordedBy, m_checked.user).require();
    m_checked.user = s.recordedBy;
    // The largest table, written by the hundred thousand: bound without copies (s outlives the
    // statement's run, which resets it).
    m_db.query("INSERT INTO step_results(id, installation_id, step_id, outcome, note, evidence, recorded_by, "
               "recorded_at, seq) VALUES (?1, ?2, ?3, ?4, nullif(?5, ''), nullif(?6, ''), ?7, ?8, ?9)")
        ->bindStatic(1, s.id)
        .bindStatic(2, s.installationId)
        .bindStatic(3, s.stepId)
        .bindStatic(4, toString(s.outcome))
        .bindStatic(5, s.note)
        .bindStatic(6, s.evidence)
        .bindStatic(7, s.recordedBy)
        .bind(8, s.recordedAt)
        .bind(9, nextSeq())
        .run();
    w.commit();
    return s.id;
}

std::optional<Installation> Store::installation(const Id &installationId)
{
    auto q = m_db.query(kInstallationSql);
    q->bind(1, installationId);
    if (!q->step())
        return std::nullopt;
    return readInstallation(*q);
}

std::vector<ChecklistLine> Store::checklist(const Id &installationId)
{
    const auto inst = installation(installationId);
    if (!inst)
        throw NotFoundError("installation", installationId.toString());
    std::vector<ChecklistLine> lines;
    std::map<Id, std::size_t> index;
    for (auto &step : buildSteps(inst->buildId)) {
        index.emplace(step.id, lines.size());
        lines.push_back(ChecklistLine{std::move(step), std::nullopt, {}});
    }
    auto q = m_db.query("SELECT id, step_id, outcome, coalesce(note, ''), coalesce(evidence, ''), "
                        "recorded_by, recorded_at FROM step_results WHERE installation_id = ?1 "
                        "ORDER BY recorded_at, seq");
    q->bind(1, installationId);
    while (q->step()) {
        const auto it = index.find(q->id(1));
        if (it == index.end())
            continue;
        auto &line = lines[it->second];
        if (line.latest)
            line.earlier.push_back(std::move(*line.latest));
        line.latest =
            StepResult{q->id(0),   installationId, q->id(1), parse<StepOutcome>(q->text(2)),
                       q->text(3), q->text(4),     q->id(5), q->int64(6)};
    }
    return lines;
}

namespace {

/** The licences with seats that installation ?1's build uses. */
#define RD_LICENCES_OF_INSTALLATION                                                                        \
    "FROM installations i JOIN build_items b ON b.build_id = i.build_id "                                 \
    "JOIN licences l ON l.dsl_item_id = b.dsl_item_id JOIN dsl_items d ON d.id = l.dsl_item_id "           \
    "WHERE i.id = ?1 AND (d.licence_type = 'per-seat' OR d.licence_type = 'subscription') "

/** PostgreSQL: locks them, in one order (signOff). */
constexpr const char *kLicencesForSignOffLockSql =
    "SELECT l.id " RD_LICENCES_OF_INSTALLATION "ORDER BY l.id FOR NO KEY UPDATE OF l";

} // namespace

const char *const Store::kSeatsForSignOffSql =
    "SELECT l.id, l.name, l.seats, (SELECT count(*) FROM licence_assignments a WHERE a.licence_id = l.id) "
    RD_LICENCES_OF_INSTALLATION
    "AND NOT EXISTS (SELECT 1 FROM licence_assignments a WHERE a.licence_id = l.id AND a.asset_id = i.asset_id) "
    "ORDER BY l.name";

#undef RD_LICENCES_OF_INSTALLATION

Id Store::signOff(SignOff so)
{
    so.userName = checked(fields::signerName, so.userName);
    checkStrokes(so.strokes);
    if (so.id.isNull())
        so.id = Id::generate();
    // Every refusal below comes before the first write: a refused sign-off leaves nothing.
    Write w(*this, Write::Rows::SeveralAfterChecks);
    // The build's steps as recordStepResult checked them in this transaction, when it did so for
    // this installation (a push sends its results, then its sign-off); read from the build otherwise.
    std::vector<CheckedRefs::Step> read;
    const bool cached = m_checked.installation == so.installationId && !m_checked.steps.empty();
    const auto &steps = cached ? m_checked.steps : read;
    // The installation changes below; its build's steps do not (an approved build never changes),
    // so the next installation of the same build does not read them again.
    m_checked.installation.reset();
    // PostgreSQL, where sign-offs run beside other writes (ConcurrentWrites): the installation's
    // row lock, then its licences', before the reads below, so they see every result recorded for
    // it and every seat taken, and both hold until this commits. Licences in one order, always.
    if (m_db.isPostgres()) {
        auto lockInstallation = m_db.query("SELECT 1 FROM installations WHERE id = ?1 FOR NO KEY UPDATE");
        lockInstallation->bindStatic(1, so.installationId);
        lockInstallation->sendAhead();
        auto lockLicences = m_db.query(kLicencesForSignOffLockSql);
        lockLicences->bindStatic(1, so.installationId);
        lockLicences->sendAhead();
    }
    // Everything the rules below ask, sent together: one round trip on PostgreSQL.
    auto instQuery = m_db.query(kInstallationSql);
    instQuery->bindStatic(1, so.installationId);
    instQuery->sendAhead();
    UserExists user(m_db, so.recordedBy, m_checked.user);
    auto buildSteps = m_db.query("SELECT s.id, s.required, s.title FROM installations i "
                                 "JOIN build_steps s ON s.build_id = i.build_id WHERE i.id = ?1");
    if (!cached) {
        buildSteps->bindStatic(1, so.installationId);
        buildSteps->sendAhead();
    }
    auto results = m_db.query("SELECT step_id, outcome FROM step_results WHERE installation_id = ?1 "
                              "ORDER BY recorded_at, seq");
    results->bindStatic(1, so.installationId);
    results->sendAhead();
    auto seats = m_db.query(kSeatsForSignOffSql);
    seats->bindStatic(1, so.installationId);
    seats->sendAhead();
    auto assetStatus = m_db.query("SELECT a.status FROM installations i JOIN assets a ON a.id = i.asset_id "
                                  "WHERE i.id = ?1");
    assetStatus->bindStatic(1, so.installationId);
    assetStatus->sendAhead();

    if (!instQuery->step())
        throw NotFoundError("installation", so.installationId.toString());
    const auto inst = readInstallation(*instQuery);
    requireChange("installation", inst.status, InstallationStatus::Accepted);
    user.require();
    m_checked.user = so.recordedBy;
    if (!cached) {
        while (buildSteps->step())
            read.push_back({buildSteps->id(0), buildSteps->int64(1) != 0, buildSteps->text(2)});
    }
    // The latest outcome of each step, read from the covering index in time order: the last row
    // of a step wins. Indexed like `steps`; a result of a step not in the build counts for nothing.
    std::vector<std::optional<StepOutcome>> latest(steps.size());
    while (results->step()) {
        const auto id = results->blobView(0);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (id.size() == 16 && std::memcmp(id.data(), steps[i].id.bytes().data(), 16) == 0) {
                latest[i] = parse<StepOutcome>(results->textView(1));
                break;
            }
        }
    }
    bool accepted = true;
    for (std::size_t i = 0; i < steps.size() && accepted; ++i)
        accepted = !blocksSignOff(steps[i].required, latest[i]);
    if (!accepted) {
        // Refused: the message lists the failed and missing steps in checklist order.
        std::string failed, missing;
        auto q = m_db.query("SELECT id, title FROM build_steps WHERE build_id = ?1 AND required = 1 "
                            "ORDER BY CASE part WHEN 'installation' THEN 0 WHEN 'stability' THEN 1 ELSE 2 END, position");
        q->bind(1, inst.buildId);
        while (q->step()) {
            const Id stepId = q->id(0);
            const auto at = std::find_if(steps.begin(), steps.end(),
                                         [&](const CheckedRefs::Step &c) { return c.id == stepId; });
            const auto outcome = at == steps.end() ? std::nullopt : latest[static_cast<std::size_t>(at - steps.begin())];
            if (outcome == StepOutcome::Pass)
                continue;
            auto &list = outcome ? failed : missing;
            list += (list.empty() ? "'" : ", '") + q->text(1) + "'";
        }
        throw RuleError("the installation cannot be accepted yet:" +
                        (failed.empty() ? std::string() : " failed " + failed + ";") +
                        (missing.empty() ? std::string() : " no result for " + missing + ";"));
    }
    // Read before anything is written (sendAhead); the writes below do not change it.
    const bool install =
        assetStatus->step() && canChange(parse<AssetStatus>(assetStatus->textView(0)), AssetStatus::Installed);
    assignSeats(so, inst, *seats);
    m_db.query("INSERT INTO signoffs(id, installation_id, user_name, strokes, signed_at, recorded_by, "
               "seat_override_reason, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        ->bindAll(so.id, so.installationId, so.userName, so.strokes, so.signedAt, so.recordedBy,
                  so.seatOverrideReason, nextSeq())
        .run();
    m_db.query("UPDATE installations SET status = 'accepted', ended_at = ?2, seq = ?3 WHERE id = ?1")
        ->bindAll(so.installationId, so.signedAt, nextSeq())
        .run();
    // The configuration record follows the installation: the asset is now installed.
    if (install) {
        m_db.query("UPDATE assets SET status = 'installed', seq = ?2 WHERE id = ?1")
            ->bindAll(inst.assetId, nextSeq())
            .run();
    }
    w.commit();
    return so.id;
}

void Store::assignSeats(SignOff &so, const Installation &inst, sql::Statement &wanted)
{
    // The build's licensed software takes a seat of its licence for this asset, in the sign-off's
    // own transaction; a licence with no seat left needs the sign-off's reason for going past it.
    // Each seat's id follows from the licence and the asset (seatId), so the tablet that signed,
    // another that signed off the same asset in another release, and the server make one row.
    struct Seat {
        Id licence;
        std::string name;
        std::int64_t seats;
        std::int64_t used;
    };
    std::vector<Seat> seats;
    while (wanted.step())
        seats.push_back({wanted.id(0), wanted.text(1), wanted.int64(2), wanted.int64(3)});
    if (so.seatOverrideReason) {
        so.seatOverrideReason = checked(fields::seatOverrideReason, *so.seatOverrideReason);
        if (so.seatOverrideReason->empty())
            so.seatOverrideReason.reset();
    }
    // Every refusal before the first seat is written (Write::Rows::SeveralAfterChecks).
    bool overridden = false;
    for (const auto &seat : seats) {
        const bool full = seat.used >= seat.seats;
        if (full && !so.seatOverrideReason)
            throw RuleError("licence " + seat.name + " has all " + std::to_string(seat.seats) +
                            " seats assigned: signing this installation off needs a reason for going past them");
        overridden = overridden || full;
    }
    for (const auto &seat : seats) {
        const bool full = seat.used >= seat.seats;
        m_db.query("INSERT INTO licence_assignments(id, licence_id, asset_id, assigned_by, assigned_at, override_reason, "
                   "installation_id, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            ->bindAll(seatId(seat.licence, inst.assetId), seat.licence, inst.assetId, so.recordedBy,
                      so.signedAt, full ? so.seatOverrideReason : std::nullopt, inst.id, nextSeq())
            .run();
    }
    if (!overridden)
        so.seatOverrideReason.reset(); // only kept where it was needed
}

Id Store::recordBackOut(BackOut b)
{
    b.reason = checked(fields::backOutReason, b.reason);
    if (b.id.isNull())
        b.id = Id::generate();
    Write w(*this);
    forgetCheckedRefs();
    const auto inst = installation(b.installationId);
    if (!inst)
        throw NotFoundError("installation", b.installationId.toString());
    requireChange("installation", inst->status, InstallationStatus::BackedOut);
    requireRow("users", b.performedBy, "user");
    m_db.query("INSERT INTO backouts(id, installation_id, reason, performed_by, performed_at, seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        ->bindAll(b.id, b.installationId, b.reason, b.performedBy, b.performedAt, nextSeq())
        .run();
    m_db.query("UPDATE installations SET status = 'backed-out', ended_at = ?2, seq = ?3 WHERE id = ?1")
        ->bindAll(b.installationId, b.performedAt, nextSeq())
        .run();
    w.commit();
    return b.id;
}

} // namespace rd
