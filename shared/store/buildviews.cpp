// What the office's services and build procedures screens show: read-only queries over the store.
#include "buildviews.h"

#include "store.h"

namespace rd {

namespace {

constexpr std::string_view kServiceRowSelect = R"sql(
SELECT s.id, s.name, s.description, s.created_at, s.user_benefit, s.owner_id, s.retired_at,
       coalesce(nullif(u.display_name, ''), u.name, ''),
       (SELECT max(b.version) FROM build_procedures b WHERE b.service_id = s.id AND b.status = 'approved'),
       (SELECT max(b.version) FROM build_procedures b WHERE b.service_id = s.id),
       (SELECT b.status FROM build_procedures b WHERE b.service_id = s.id ORDER BY b.version DESC LIMIT 1),
       (SELECT count(*) FROM build_procedures b WHERE b.service_id = s.id)
  FROM services s LEFT JOIN users u ON u.id = s.owner_id
)sql";

BuildViews::ServiceRow readServiceRow(const sql::Statement &q)
{
    BuildViews::ServiceRow r;
    r.service = Service{q.id(0), q.text(1), q.text(2), q.int64(3), q.text(4), q.optId(5), q.optInt64(6)};
    r.owner = q.text(7);
    if (const auto v = q.optInt64(8))
        r.approvedVersion = static_cast<int>(*v);
    if (const auto v = q.optInt64(9))
        r.latestVersion = static_cast<int>(*v);
    if (!q.isNull(10))
        r.latestStatus = parse<BuildStatus>(q.textView(10));
    r.versions = static_cast<int>(q.int64(11));
    return r;
}

constexpr std::string_view kVersionRowSelect = R"sql(
SELECT b.id, b.service_id, b.version, b.status, b.revision,
       (SELECT count(*) FROM build_steps st WHERE st.build_id = b.id),
       coalesce(nullif(cu.display_name, ''), cu.name, ''), b.created_at,
       coalesce(nullif(su.display_name, ''), su.name, ''), b.submitted_at,
       coalesce(nullif(au.display_name, ''), au.name, ''), b.approved_at, b.retired_at,
       b.returned_reason, coalesce(nullif(ru.display_name, ''), ru.name, ''), b.returned_at,
       coalesce(nullif(chu.display_name, ''), chu.name, ''), b.changed_at
  FROM build_procedures b
  LEFT JOIN users cu ON cu.id = b.created_by
  LEFT JOIN users su ON su.id = b.submitted_by
  LEFT JOIN users au ON au.id = b.approved_by
  LEFT JOIN users ru ON ru.id = b.returned_by
  LEFT JOIN users chu ON chu.id = b.changed_by
)sql";

BuildViews::VersionRow readVersionRow(const sql::Statement &q)
{
    BuildViews::VersionRow r;
    r.id = q.id(0);
    r.serviceId = q.id(1);
    r.version = static_cast<int>(q.int64(2));
    r.status = parse<BuildStatus>(q.textView(3));
    r.revision = static_cast<int>(q.int64(4));
    r.lines = static_cast<int>(q.int64(5));
    r.createdBy = q.text(6);
    r.createdAt = q.int64(7);
    r.submittedBy = q.text(8);
    r.submittedAt = q.optInt64(9);
    r.approvedBy = q.text(10);
    r.approvedAt = q.optInt64(11);
    r.retiredAt = q.optInt64(12);
    r.returnedReason = q.text(13);
    r.returnedBy = q.text(14);
    r.returnedAt = q.optInt64(15);
    r.changedBy = q.text(16);
    r.changedAt = q.optInt64(17);
    return r;
}

} // namespace

std::vector<BuildViews::ServiceRow> BuildViews::services(bool withRetired)
{
    auto q = m_store.database().query(std::string(kServiceRowSelect) +
                                      " WHERE ?1 <> 0 OR s.retired_at IS NULL ORDER BY s.name COLLATE NOCASE, s.name");
    q->bind(1, withRetired);
    std::vector<ServiceRow> out;
    while (q->step())
        out.push_back(readServiceRow(*q));
    return out;
}

std::optional<BuildViews::ServiceRow> BuildViews::serviceRow(const Id &serviceId)
{
    auto q = m_store.database().query(std::string(kServiceRowSelect) + " WHERE s.id = ?1");
    q->bind(1, serviceId);
    if (!q->step())
        return std::nullopt;
    return readServiceRow(*q);
}

std::optional<Id> BuildViews::serviceNamed(std::string_view name)
{
    auto q = m_store.database().query("SELECT id FROM services WHERE name = ?1");
    q->bind(1, name);
    if (!q->step())
        return std::nullopt;
    return q->id(0);
}

std::vector<BuildViews::VersionRow> BuildViews::buildVersions(const Id &serviceId)
{
    auto q = m_store.database().query(std::string(kVersionRowSelect) +
                                      " WHERE b.service_id = ?1 ORDER BY b.version DESC");
    q->bind(1, serviceId);
    std::vector<VersionRow> out;
    while (q->step())
        out.push_back(readVersionRow(*q));
    return out;
}

std::optional<BuildViews::VersionRow> BuildViews::buildVersion(const Id &buildId)
{
    auto q = m_store.database().query(std::string(kVersionRowSelect) + " WHERE b.id = ?1");
    q->bind(1, buildId);
    if (!q->step())
        return std::nullopt;
    return readVersionRow(*q);
}

std::vector<DslItem> BuildViews::dslCatalogue()
{
    auto q = m_store.database().query("SELECT id, product, version, vendor, media_kind, media_location, build_sha256, "
                                      "licence_type FROM dsl_items ORDER BY product COLLATE NOCASE, version");
    std::vector<DslItem> out;
    while (q->step()) {
        DslItem d;
        d.id = q->id(0);
        d.product = q->text(1);
        d.version = q->text(2);
        d.vendor = q->text(3);
        d.mediaKind = parse<MediaKind>(q->textView(4));
        d.mediaLocation = q->text(5);
        d.buildSha256 = q->text(6);
        d.licenceType = parse<LicenceType>(q->textView(7));
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<BuildViews::Person> BuildViews::activePeople()
{
    auto q = m_store.database().query(
        "SELECT id, coalesce(nullif(display_name, ''), name), role FROM users WHERE active = 1 "
        "ORDER BY coalesce(nullif(display_name, ''), name) COLLATE NOCASE, name");
    std::vector<Person> out;
    while (q->step())
        out.push_back({q->id(0), q->text(1), parse<Role>(q->textView(2))});
    return out;
}

} // namespace rd
