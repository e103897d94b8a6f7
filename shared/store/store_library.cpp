// Services, the Definitive Software Library, the licence log and build procedures.
#include "writescope.h"

#include "domain/rules.h"
#include "domain/fields.h"
#include "domain/text.h"

#include <algorithm>
#include <set>

namespace rd {

namespace {

void checkServiceFields(Service &s)
{
    s.name = checked(fields::serviceName, s.name);
    s.description = checked(fields::serviceDescription, s.description);
    s.userBenefit = checked(fields::userBenefit, s.userBenefit);
}

} // namespace

void Store::requireUniqueServiceName(const Service &s)
{
    auto q = m_db.query("SELECT id FROM services WHERE name = ?1 AND id <> ?2");
    q->bindAll(s.name, s.id);
    if (q->step())
        throw DuplicateError("a service named '" + s.name + "' already exists", q->id(0).toString());
}

Id Store::addService(Service s)
{
    checkServiceFields(s);
    if (s.id.isNull())
        s.id = Id::generate();
    Write w(*this, Write::Rows::One);
    requireUniqueServiceName(s);
    if (s.ownerId)
        requireRow("users", *s.ownerId, "owner");
    m_db.query("INSERT INTO services(id, name, description, created_at, user_benefit, owner_id, seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        ->bindAll(s.id, s.name, s.description, s.createdAt, s.userBenefit, s.ownerId, nextSeq())
        .run();
    w.commit();
    return s.id;
}

void Store::updateService(Service s, const Id &by, Millis at)
{
    checkServiceFields(s);
    Write w(*this, Write::Rows::One);
    const auto before = service(s.id);
    if (!before)
        throw NotFoundError("service", s.id.toString());
    if (before->retiredAt)
        throw RuleError("the service " + before->name + " is retired; it no longer changes");
    requireUniqueServiceName(s);
    if (s.ownerId)
        requireRow("users", *s.ownerId, "owner");
    m_db.query("UPDATE services SET name = ?2, description = ?3, user_benefit = ?4, owner_id = ?5, changed_by = ?6, "
               "changed_at = ?7, seq = ?8 WHERE id = ?1")
        ->bindAll(s.id, s.name, s.description, s.userBenefit, s.ownerId, by, at, nextSeq())
        .run();
    w.commit();
}

void Store::retireService(const Id &serviceId, const Id &by, Millis at)
{
    Write w(*this, Write::Rows::One);
    const auto s = service(serviceId);
    if (!s)
        throw NotFoundError("service", serviceId.toString());
    if (s->retiredAt)
        throw RuleError("the service " + s->name + " is already retired");
    {
        auto q = m_db.query("SELECT r.number FROM releases r JOIN build_procedures b ON b.id = r.build_id "
                            "WHERE b.service_id = ?1 AND r.status IN ('planned', 'in-progress', 'installed') LIMIT 1");
        q->bind(1, serviceId);
        if (q->step())
            throw RuleError("release " + q->text(0) + " of " + s->name +
                            " is still open; close it before retiring the service");
    }
    m_db.query("UPDATE services SET retired_at = ?2, changed_by = ?3, changed_at = ?2, seq = ?4 WHERE id = ?1")
        ->bindAll(serviceId, at, by, nextSeq())
        .run();
    w.commit();
}

std::optional<Service> Store::service(const Id &serviceId)
{
    auto q = m_db.query("SELECT id, name, description, created_at, user_benefit, owner_id, retired_at FROM services "
                        "WHERE id = ?1");
    q->bind(1, serviceId);
    if (!q->step())
        return std::nullopt;
    return Service{q->id(0), q->text(1), q->text(2), q->int64(3), q->text(4), q->optId(5), q->optInt64(6)};
}

namespace {

void checkDslFields(DslItem &d)
{
    d.product = checked(fields::product, d.product);
    d.version = checked(fields::version, d.version);
    d.vendor = checked(fields::vendor, d.vendor);
    d.mediaLocation = checked(fields::mediaLocation, d.mediaLocation);
    d.buildLocation = checked(fields::buildLocation, d.buildLocation);
    d.buildSha256 = checked(fields::buildSha256, d.buildSha256);
    std::transform(d.buildSha256.begin(), d.buildSha256.end(), d.buildSha256.begin(),
                   [](char c) { return (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c; });
    if (!d.buildSha256.empty() && (d.buildSha256.size() != 64 ||
                                   d.buildSha256.find_first_not_of("0123456789abcdef") != std::string::npos))
        throw ValidationError("build SHA-256", "must be 64 hexadecimal digits");
}

void checkLicenceFields(Licence &l)
{
    l.name = checked(fields::licenceName, l.name);
    l.entitlement = checked(fields::entitlement, l.entitlement);
    l.supplier = checked(fields::supplier, l.supplier);
    l.purchaseRef = checked(fields::purchaseRef, l.purchaseRef);
    if (l.seats < 0 || l.seats > 1000000)
        throw ValidationError("seats", "must be between 0 and 1000000");
    if (!l.expiresOn.empty() && !isIsoDate(l.expiresOn))
        throw ValidationError("expires on", "'" + printable(l.expiresOn, 20) + "' is not a date (YYYY-MM-DD)");
}

constexpr std::string_view kDslColumns =
    "id, product, version, vendor, media_kind, media_location, build_sha256, licence_type, build_location";
constexpr std::string_view kLicenceColumns =
    "id, dsl_item_id, name, entitlement, seats, expires_on, supplier, purchase_ref";

} // namespace

void Store::requireUniqueDslItem(const DslItem &d)
{
    auto q = m_db.query("SELECT id FROM dsl_items WHERE product = ?1 AND version = ?2 AND id <> ?3");
    q->bindAll(d.product, d.version, d.id);
    if (q->step())
        throw DuplicateError("the DSL already holds " + d.product + " " + d.version, q->id(0).toString());
}

Id Store::addDslItem(DslItem d)
{
    checkDslFields(d);
    if (d.id.isNull())
        d.id = Id::generate();
    Write w(*this, Write::Rows::One);
    requireUniqueDslItem(d);
    m_db.query("INSERT INTO dsl_items(id, product, version, vendor, media_kind, media_location, "
               "build_sha256, licence_type, build_location, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        ->bindAll(d.id, d.product, d.version, d.vendor, toString(d.mediaKind), d.mediaLocation, d.buildSha256,
                  toString(d.licenceType), d.buildLocation, nextSeq())
        .run();
    w.commit();
    return d.id;
}

void Store::updateDslItem(DslItem d, const Id &by, Millis at)
{
    checkDslFields(d);
    Write w(*this, Write::Rows::One);
    requireRow("dsl_items", d.id, "DSL item");
    requireUniqueDslItem(d);
    m_db.query("UPDATE dsl_items SET product = ?2, version = ?3, vendor = ?4, media_kind = ?5, media_location = ?6, "
               "build_sha256 = ?7, licence_type = ?8, build_location = ?9, changed_by = ?10, changed_at = ?11, "
               "seq = ?12 WHERE id = ?1")
        ->bindAll(d.id, d.product, d.version, d.vendor, toString(d.mediaKind), d.mediaLocation, d.buildSha256,
                  toString(d.licenceType), d.buildLocation, by, at, nextSeq())
        .run();
    w.commit();
}

std::optional<DslItem> Store::dslItem(const Id &id)
{
    auto q = m_db.query("SELECT " + std::string(kDslColumns) + " FROM dsl_items WHERE id = ?1");
    q->bind(1, id);
    if (!q->step())
        return std::nullopt;
    return DslItem{q->id(0),   q->text(1), q->text(2), q->text(3), parse<MediaKind>(q->text(4)),
                   q->text(5), q->text(6), parse<LicenceType>(q->text(7)), q->text(8)};
}

Id Store::takeOutMedia(MediaLoan l)
{
    l.purpose = checked(fields::loanPurpose, l.purpose);
    if (l.expectedBack && *l.expectedBack < l.takenAt)
        throw ValidationError("expected back", "is before the media are taken out");
    if (l.returnedAt)
        throw ValidationError("returned at", "a loan starts out; it is booked back in later");
    if (l.id.isNull())
        l.id = Id::generate();
    Write w(*this, Write::Rows::One);
    requireRow("dsl_items", l.dslItemId, "DSL item");
    requireRow("users", l.takenBy, "user");
    {
        auto q =
            m_db.query("SELECT m.id, u.display_name FROM media_loans m JOIN users u ON u.id = m.taken_by "
                       "WHERE m.dsl_item_id = ?1 AND m.returned_at IS NULL");
        q->bind(1, l.dslItemId);
        if (q->step())
            throw RuleError("the original media are already out with " + q->text(1) +
                            "; they must be booked back in first");
    }
    m_db.query("INSERT INTO media_loans(id, dsl_item_id, taken_by, taken_at, purpose, expected_back, seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        ->bindAll(l.id, l.dslItemId, l.takenBy, l.takenAt, l.purpose, l.expectedBack, nextSeq())
        .run();
    w.commit();
    return l.id;
}

void Store::returnMedia(const Id &loanId, Millis at, const std::optional<Id> &by)
{
    Write w(*this, Write::Rows::One);
    auto q = m_db.query("SELECT taken_at, returned_at FROM media_loans WHERE id = ?1");
    q->bind(1, loanId);
    if (!q->step())
        throw NotFoundError("media loan", loanId.toString());
    if (!q->isNull(1))
        throw RuleError("these media were already booked back in");
    if (at < q->int64(0))
        throw ValidationError("returned at", "is before the media were taken out");
    if (by)
        requireRow("users", *by, "user");
    m_db.query("UPDATE media_loans SET returned_at = ?2, returned_by = ?3, seq = ?4 WHERE id = ?1")
        ->bindAll(loanId, at, by, nextSeq())
        .run();
    w.commit();
}

std::vector<MediaLoan> Store::mediaBook(const Id &dslItemId)
{
    std::vector<MediaLoan> out;
    auto q = m_db.query("SELECT id, dsl_item_id, taken_by, taken_at, purpose, returned_at, expected_back, returned_by "
                        "FROM media_loans WHERE dsl_item_id = ?1 ORDER BY taken_at");
    q->bind(1, dslItemId);
    while (q->step())
        out.push_back(MediaLoan{q->id(0), q->id(1), q->id(2), q->int64(3), q->text(4), q->optInt64(5), q->optInt64(6),
                                q->optId(7)});
    return out;
}

Id Store::addLicence(Licence l)
{
    checkLicenceFields(l);
    if (l.id.isNull())
        l.id = Id::generate();
    Write w(*this, Write::Rows::One);
    if (l.dslItemId)
        requireRow("dsl_items", *l.dslItemId, "DSL item");
    m_db.query("INSERT INTO licences(id, dsl_item_id, name, entitlement, seats, expires_on, supplier, purchase_ref, "
               "seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        ->bindAll(l.id, l.dslItemId, l.name, l.entitlement, l.seats, l.expiresOn, l.supplier, l.purchaseRef, nextSeq())
        .run();
    w.commit();
    return l.id;
}

void Store::updateLicence(Licence l, const Id &by, Millis at)
{
    checkLicenceFields(l);
    Write w(*this, Write::Rows::One);
    requireRow("licences", l.id, "licence");
    if (l.dslItemId)
        requireRow("dsl_items", *l.dslItemId, "DSL item");
    m_db.query("UPDATE licences SET dsl_item_id = ?2, name = ?3, entitlement = ?4, seats = ?5, expires_on = ?6, "
               "supplier = ?7, purchase_ref = ?8, changed_by = ?9, changed_at = ?10, seq = ?11 WHERE id = ?1")
        ->bindAll(l.id, l.dslItemId, l.name, l.entitlement, l.seats, l.expiresOn, l.supplier, l.purchaseRef, by, at,
                  nextSeq())
        .run();
    w.commit();
}

std::optional<Licence> Store::licence(const Id &id)
{
    auto q = m_db.query("SELECT " + std::string(kLicenceColumns) + " FROM licences WHERE id = ?1");
    q->bind(1, id);
    if (!q->step())
        return std::nullopt;
    return Licence{q->id(0),
                   q->optId(1),
                   q->text(2),
                   q->text(3),
                   static_cast<int>(q->int64(4)),
                   q->text(5),
                   q->text(6),
                   q->text(7)};
}

int Store::seatsUsed(const Id &licenceId)
{
    auto q = m_db.query("SELECT count(*) FROM licence_assignments WHERE licence_id = ?1");
    q->bind(1, licenceId);
    q->step();
    return static_cast<int>(q->int64(0));
}

Id Store::seatId(const Id &licenceId, const Id &assetId)
{
    return Id::derived(assetId, "seat of licence " + licenceId.toString());
}

Id Store::assignLicence(LicenceAssignment a)
{
    a.id = seatId(a.licenceId, a.assetId);
    if (a.overrideReason) {
        a.overrideReason = checked(fields::seatOverrideReason, *a.overrideReason);
        if (a.overrideReason->empty())
            a.overrideReason.reset();
    }
    Write w(*this, Write::Rows::One);
    int seats = 0;
    std::string name;
    {
        auto q = m_db.query("SELECT seats, name FROM licences WHERE id = ?1");
        q->bind(1, a.licenceId);
        if (!q->step())
            throw NotFoundError("licence", a.licenceId.toString());
        seats = static_cast<int>(q->int64(0));
        name = q->text(1);
    }
    requireRow("assets", a.assetId, "asset");
    requireRow("users", a.assignedBy, "user");
    {
        auto q = m_db.query("SELECT id FROM licence_assignments WHERE licence_id = ?1 AND asset_id = ?2");
        q->bindAll(a.licenceId, a.assetId);
        if (q->step())
            throw DuplicateError("this asset already has a seat of " + name, q->id(0).toString());
    }
    const int used = seatsUsed(a.licenceId);
    if (used >= seats && !a.overrideReason)
        throw RuleError("licence " + name + " has all " + std::to_string(seats) +
                        " seats assigned; assigning another needs an override with a reason");
    if (used < seats)
        a.overrideReason.reset(); // a free seat needs no override; do not record one
    m_db.query("INSERT INTO licence_assignments(id, licence_id, asset_id, assigned_by, assigned_at, "
               "override_reason, installation_id, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        ->bindAll(a.id, a.licenceId, a.assetId, a.assignedBy, a.assignedAt, a.overrideReason, a.installationId,
                  nextSeq())
        .run();
    w.commit();
    return a.id;
}

void Store::unassignLicence(const Id &assignmentId)
{
    Write w(*this);
    requireRow("licence_assignments", assignmentId, "licence assignment");
    m_db.query("DELETE FROM licence_assignments WHERE id = ?1")->bindAll(assignmentId).run();
    tombstone("licence_assignments", assignmentId);
    w.commit();
}

// --- build procedures -----------------------------------------------------------------------

namespace {

void checkBuildFields(BuildProcedure &b)
{
    b.hardwareModel = checked(fields::hardwareModel, b.hardwareModel);
    b.designNotes = checked(fields::designNotes, b.designNotes);
    b.backOutPlan = checked(fields::backOutPlan, b.backOutPlan);
    std::set<std::pair<int, int>> positions;
    for (auto &s : b.steps) {
        s.title = checked(fields::stepTitle, s.title);
        s.detail = checked(fields::stepDetail, s.detail);
        if (s.position < 1)
            throw ValidationError("step position", "must be 1 or more");
        if (!positions.emplace(static_cast<int>(s.part), s.position).second)
            throw ValidationError("step position", "two " + std::string(toString(s.part)) +
                                                       " steps are both at position " +
                                                       std::to_string(s.position));
    }
}

} // namespace

void Store::writeBuildParts(const BuildProcedure &b)
{
    for (const auto &item : b.dslItemIds) {
        requireRow("dsl_items", item, "DSL item");
        m_db.query("INSERT INTO build_items(build_id, dsl_item_id, seq) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT DO NOTHING")
            ->bindAll(b.id, item, nextSeq())
            .run();
    }
    for (const auto &s : b.steps) {
        // A line's id is its own: one the build had before keeps it, a new line gets one.
        m_db.query("INSERT INTO build_steps(id, build_id, part, position, title, detail, required, evidence, seq) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            ->bindAll(s.id.isNull() ? Id::generate() : s.id, b.id, toString(s.part), s.position, s.title,
                      s.detail, s.required, toString(s.evidence), nextSeq())
            .run();
    }
}

Id Store::addBuildProcedure(BuildProcedure b)
{
    checkBuildFields(b);
    if (b.id.isNull())
        b.id = Id::generate();
    Write w(*this);
    requireRow("services", b.serviceId, "service");
    requireRow("users", b.createdBy, "user");
    b.version = static_cast<int>([&] {
        auto q =
            m_db.query("SELECT coalesce(max(version), 0) + 1 FROM build_procedures WHERE service_id = ?1");
        q->bind(1, b.serviceId);
        q->step();
        return q->int64(0);
    }());
    if (const auto s = service(b.serviceId); s && s->retiredAt)
        throw RuleError("the service " + s->name + " is retired; it gets no new build procedure");
    m_db.query("INSERT INTO build_procedures(id, service_id, version, status, hardware_model, design_notes, "
               "back_out_plan, created_by, created_at, seq) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6, ?7, ?8, "
               "?9)")
        ->bindAll(b.id, b.serviceId, b.version, b.hardwareModel, b.designNotes, b.backOutPlan, b.createdBy,
                  b.createdAt, nextSeq())
        .run();
    writeBuildParts(b);
    w.commit();
    return b.id;
}

void Store::requireDraft(const Id &buildId)
{
    auto q = m_db.query("SELECT b.status, b.version, s.name FROM build_procedures b "
                        "JOIN services s ON s.id = b.service_id WHERE b.id = ?1");
    q->bind(1, buildId);
    if (!q->step())
        throw NotFoundError("build procedure", buildId.toString());
    const auto status = parse<BuildStatus>(q->text(0));
    if (status != BuildStatus::Draft)
        throw RuleError("build procedure " + q->text(2) + " v" + std::to_string(q->int64(1)) + " is " +
                        std::string(toString(status)) +
                        " and cannot be edited; make a new version to change it");
}

void Store::updateDraft(const BuildProcedure &build, const std::optional<Id> &by, Millis at)
{
    BuildProcedure b = build;
    checkBuildFields(b);
    Write w(*this);
    forgetCheckedRefs();
    requireDraft(b.id);
    {
        auto q = m_db.query("SELECT revision FROM build_procedures WHERE id = ?1");
        q->bind(1, b.id);
        q->step();
        if (q->int64(0) != b.revision)
            throw RuleError("this draft was changed by someone else since revision " + std::to_string(b.revision) +
                            " was read (it is at revision " + std::to_string(q->int64(0)) + ")");
    }
    m_db.query("UPDATE build_procedures SET hardware_model = ?2, design_notes = ?3, back_out_plan = ?4, "
               "revision = revision + 1, changed_by = ?5, changed_at = ?6, seq = ?7 WHERE id = ?1")
        ->bindAll(b.id, b.hardwareModel, b.designNotes, b.backOutPlan, by,
                  by ? std::optional<Millis>(at) : std::nullopt, nextSeq())
        .run();
    // A draft's parts are replaced whole; the deletions are tombstoned for the sync.
    {
        std::vector<Id> old;
        auto q = m_db.query("SELECT id FROM build_steps WHERE build_id = ?1");
        q->bind(1, b.id);
        while (q->step())
            old.push_back(q->id(0));
        for (const auto &id : old) {
            if (std::none_of(b.steps.begin(), b.steps.end(), [&](const BuildStep &s) { return s.id == id; }))
                tombstone("build_steps", id);
        }
    }
    m_db.query("DELETE FROM build_steps WHERE build_id = ?1")->bindAll(b.id).run();
    {
        std::vector<Id> old;
        auto q = m_db.query("SELECT dsl_item_id FROM build_items WHERE build_id = ?1");
        q->bind(1, b.id);
        while (q->step())
            old.push_back(q->id(0));
        for (const auto &id : old) {
            if (std::find(b.dslItemIds.begin(), b.dslItemIds.end(), id) == b.dslItemIds.end())
                tombstone("build_items", b.id, id);
        }
    }
    m_db.query("DELETE FROM build_items WHERE build_id = ?1")->bindAll(b.id).run();
    writeBuildParts(b);
    w.commit();
}

namespace {

/** "build procedure Curriculum laptop v2", for messages. */
std::string buildName(Store &store, const BuildProcedure &b)
{
    const auto s = store.service(b.serviceId);
    return "build procedure " + (s ? s->name : std::string("?")) + " v" + std::to_string(b.version);
}

} // namespace

BuildProcedure Store::existingBuild(const Id &buildId)
{
    auto b = buildProcedure(buildId);
    if (!b)
        throw NotFoundError("build procedure", buildId.toString());
    return *b;
}

void Store::submitBuild(const Id &buildId, const Id &by, Millis at)
{
    Write w(*this, Write::Rows::One);
    const auto b = existingBuild(buildId);
    requireChange(buildName(*this, b), b.status, BuildStatus::Submitted);
    requireRow("users", by, "user");
    if (std::none_of(b.steps.begin(), b.steps.end(), [](const BuildStep &s) { return s.part == StepPart::Installation; }))
        throw RuleError("a build procedure needs at least one installation step before it is submitted");
    m_db.query("UPDATE build_procedures SET status = 'submitted', submitted_by = ?2, submitted_at = ?3, "
               "changed_by = ?2, changed_at = ?3, seq = ?4 WHERE id = ?1")
        ->bindAll(buildId, by, at, nextSeq())
        .run();
    w.commit();
}

void Store::returnBuild(const Id &buildId, std::string_view reason, const Id &by, Millis at)
{
    const auto why = checked(fields::returnReason, reason);
    Write w(*this, Write::Rows::One);
    const auto b = existingBuild(buildId);
    if (b.status != BuildStatus::Submitted)
        throw RuleError(buildName(*this, b) + " is " + std::string(toString(b.status)) +
                        "; only a submitted one can be returned");
    requireRow("users", by, "user");
    m_db.query("UPDATE build_procedures SET status = 'draft', returned_reason = ?2, returned_by = ?3, "
               "returned_at = ?4, changed_by = ?3, changed_at = ?4, seq = ?5 WHERE id = ?1")
        ->bindAll(buildId, why, by, at, nextSeq())
        .run();
    w.commit();
}

void Store::approveBuild(const Id &buildId, const Id &approvedBy, Millis at)
{
    Write w(*this);
    const auto b = existingBuild(buildId);
    requireChange(buildName(*this, b), b.status, BuildStatus::Approved);
    const auto approver = user(approvedBy);
    if (!approver)
        throw NotFoundError("user", approvedBy.toString());
    if (approver->role != Role::ReleaseManager)
        throw RuleError(approver->displayName + " is a " + std::string(toString(approver->role)) +
                        "; only a release manager approves a build procedure");
    if (std::none_of(b.steps.begin(), b.steps.end(), [](const BuildStep &s) { return s.part == StepPart::Installation; }))
        throw RuleError("a build procedure needs at least one installation step before approval");
    // The service's approved version gives way to this one: one approved version per service.
    {
        std::vector<Id> older;
        auto q = m_db.query("SELECT id FROM build_procedures WHERE service_id = ?1 AND status = 'approved'");
        q->bind(1, b.serviceId);
        while (q->step())
            older.push_back(q->id(0));
        for (const auto &id : older)
            m_db.query("UPDATE build_procedures SET status = 'retired', retired_at = ?2, seq = ?3 WHERE id = ?1")
                ->bindAll(id, at, nextSeq())
                .run();
    }
    m_db.query("UPDATE build_procedures SET status = 'approved', approved_by = ?2, approved_at = ?3, "
               "returned_reason = '', changed_by = ?2, changed_at = ?3, seq = ?4 WHERE id = ?1")
        ->bindAll(buildId, approvedBy, at, nextSeq())
        .run();
    w.commit();
}

void Store::retireBuild(const Id &buildId, Millis at, const std::optional<Id> &by)
{
    Write w(*this, Write::Rows::One);
    const auto b = existingBuild(buildId);
    requireChange(buildName(*this, b), b.status, BuildStatus::Retired);
    m_db.query("UPDATE build_procedures SET status = 'retired', retired_at = ?2, changed_by = coalesce(?3, changed_by), "
               "changed_at = CASE WHEN ?3 IS NULL THEN changed_at ELSE ?2 END, seq = ?4 WHERE id = ?1")
        ->bindAll(buildId, at, by, nextSeq())
        .run();
    w.commit();
}

Id Store::newBuildVersion(const Id &fromBuildId, const Id &createdBy, Millis at, const Id &id)
{
    BuildProcedure next = existingBuild(fromBuildId);
    next.id = id;
    next.createdBy = createdBy;
    next.createdAt = at;
    next.approvedBy.reset();
    next.approvedAt.reset();
    next.retiredAt.reset();
    next.submittedBy.reset();
    next.submittedAt.reset();
    next.returnedReason.clear();
    for (auto &s : next.steps)
        s.id = Id();
    return addBuildProcedure(std::move(next));
}

std::vector<BuildStep> Store::buildSteps(const Id &buildId)
{
    std::vector<BuildStep> out;
    auto q = m_db.query("SELECT id, part, position, title, detail, required, evidence FROM build_steps "
                        "WHERE build_id = ?1 ORDER BY CASE part WHEN 'installation' THEN 0 "
                        "WHEN 'stability' THEN 1 ELSE 2 END, position");
    q->bind(1, buildId);
    while (q->step())
        out.push_back(BuildStep{q->id(0), parse<StepPart>(q->text(1)), static_cast<int>(q->int64(2)), q->text(3),
                                q->text(4), q->int64(5) != 0, parse<EvidenceKind>(q->text(6))});
    return out;
}

std::optional<BuildProcedure> Store::buildProcedure(const Id &buildId)
{
    BuildProcedure b;
    {
        auto q = m_db.query("SELECT id, service_id, version, status, hardware_model, design_notes, "
                            "back_out_plan, created_by, created_at, approved_by, approved_at, retired_at, revision, "
                            "submitted_by, submitted_at, returned_reason, returned_by, returned_at "
                            "FROM build_procedures WHERE id = ?1");
        q->bind(1, buildId);
        if (!q->step())
            return std::nullopt;
        b.id = q->id(0);
        b.serviceId = q->id(1);
        b.version = static_cast<int>(q->int64(2));
        b.status = parse<BuildStatus>(q->text(3));
        b.hardwareModel = q->text(4);
        b.designNotes = q->text(5);
        b.backOutPlan = q->text(6);
        b.createdBy = q->id(7);
        b.createdAt = q->int64(8);
        b.approvedBy = q->optId(9);
        b.approvedAt = q->optInt64(10);
        b.retiredAt = q->optInt64(11);
        b.revision = static_cast<int>(q->int64(12));
        b.submittedBy = q->optId(13);
        b.submittedAt = q->optInt64(14);
        b.returnedReason = q->text(15);
        b.returnedBy = q->optId(16);
        b.returnedAt = q->optInt64(17);
    }
    {
        auto q =
            m_db.query("SELECT i.dsl_item_id FROM build_items i JOIN dsl_items d ON d.id = i.dsl_item_id "
                       "WHERE i.build_id = ?1 ORDER BY d.product, d.version");
        q->bind(1, buildId);
        while (q->step())
            b.dslItemIds.push_back(q->id(0));
    }
    b.steps = buildSteps(buildId);
    return b;
}

} // namespace rd
