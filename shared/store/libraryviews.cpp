// The Definitive Software Library, the licence log and the history of every change, as the
// screens show them.
#include "libraryviews.h"

#include "store.h"

#include "domain/errors.h"

#include <algorithm>

namespace rd {

namespace {

/** @p text for a LIKE pattern that finds it anywhere: its own % _ and \ escaped. */
std::string containsPattern(std::string_view text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

std::string trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

constexpr std::string_view kDslSelect = R"sql(
SELECT d.id, d.product, d.version, d.vendor, d.media_kind, d.media_location, d.build_sha256, d.licence_type,
       d.build_location,
       (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM licences l WHERE l.dsl_item_id = d.id ORDER BY l.name)),
       m.id, m.taken_by, m.taken_at, m.purpose, m.expected_back, coalesce(u.display_name, '')
  FROM dsl_items d
  LEFT JOIN media_loans m ON m.dsl_item_id = d.id AND m.returned_at IS NULL
  LEFT JOIN users u ON u.id = m.taken_by)sql";

LibraryViews::DslRow readDslRow(const sql::Statement &q)
{
    LibraryViews::DslRow r;
    r.item = DslItem{q.id(0),   q.text(1), q.text(2), q.text(3), parse<MediaKind>(q.textView(4)),
                     q.text(5), q.text(6), parse<LicenceType>(q.textView(7)), q.text(8)};
    r.licences = q.isNull(9) ? std::string() : q.text(9);
    if (!q.isNull(10)) {
        MediaLoan loan;
        loan.id = q.id(10);
        loan.dslItemId = r.item.id;
        loan.takenBy = q.id(11);
        loan.takenAt = q.int64(12);
        loan.purpose = q.text(13);
        loan.expectedBack = q.optInt64(14);
        r.out = loan;
        r.outWith = q.text(15);
    }
    return r;
}

constexpr std::string_view kLicenceSelect = R"sql(
SELECT l.id, l.dsl_item_id, l.name, l.entitlement, l.seats, l.expires_on, l.supplier, l.purchase_ref,
       (SELECT count(*) FROM licence_assignments a WHERE a.licence_id = l.id),
       CASE WHEN d.id IS NULL THEN '' ELSE d.product || ' ' || d.version END, d.licence_type
  FROM licences l LEFT JOIN dsl_items d ON d.id = l.dsl_item_id)sql";

LibraryViews::LicenceRow readLicenceRow(const sql::Statement &q)
{
    LibraryViews::LicenceRow r;
    r.licence = Licence{q.id(0),   q.optId(1), q.text(2), q.text(3), static_cast<int>(q.int64(4)),
                        q.text(5), q.text(6),  q.text(7)};
    r.used = static_cast<int>(q.int64(8));
    r.software = q.text(9);
    if (!q.isNull(10))
        r.type = parse<LicenceType>(q.textView(10));
    return r;
}

constexpr std::string_view kSeatSelect = R"sql(
SELECT s.id, s.licence_id, s.asset_id, s.assigned_by, s.assigned_at, s.override_reason, s.installation_id,
       l.name, coalesce(a.asset_tag, ''), coalesce(a.serial, ''), a.make || ' ' || a.model, coalesce(si.name, ''),
       coalesce(u.display_name, ''), coalesce(r.number, '')
  FROM licence_assignments s
  JOIN licences l ON l.id = s.licence_id
  JOIN assets a ON a.id = s.asset_id
  LEFT JOIN sites si ON si.id = a.site_id
  LEFT JOIN users u ON u.id = s.assigned_by
  LEFT JOIN installations i ON i.id = s.installation_id
  LEFT JOIN releases r ON r.id = i.release_id)sql";

LibraryViews::SeatRow readSeatRow(const sql::Statement &q)
{
    LibraryViews::SeatRow r;
    r.seat = LicenceAssignment{q.id(0), q.id(1), q.id(2), q.id(3), q.int64(4), q.optText(5), q.optId(6)};
    r.licence = q.text(7);
    r.assetTag = q.text(8);
    r.serial = q.text(9);
    r.model = q.text(10);
    r.site = q.text(11);
    r.assignedBy = q.text(12);
    r.release = q.text(13);
    return r;
}

} // namespace

// --- the library and its in/out book ---------------------------------------------------------

std::vector<LibraryViews::DslRow> LibraryViews::dslItems(std::string_view search)
{
    const std::string text = trimmed(search);
    std::vector<DslRow> out;
    auto q = m_store.database().query(
        std::string(kDslSelect) +
        (text.empty() ? std::string()
                      : " WHERE d.product LIKE ?1 ESCAPE '\\' OR d.version LIKE ?1 ESCAPE '\\' OR d.vendor LIKE ?1 "
                        "ESCAPE '\\' OR d.media_location LIKE ?1 ESCAPE '\\' OR d.build_location LIKE ?1 ESCAPE '\\'") +
        " ORDER BY d.product COLLATE NOCASE, d.version");
    if (!text.empty())
        q->bind(1, containsPattern(text));
    while (q->step())
        out.push_back(readDslRow(*q));
    return out;
}

std::optional<LibraryViews::DslRow> LibraryViews::dslRow(const Id &dslItemId)
{
    auto q = m_store.database().query(std::string(kDslSelect) + " WHERE d.id = ?1");
    q->bind(1, dslItemId);
    if (!q->step())
        return std::nullopt;
    return readDslRow(*q);
}

std::vector<LibraryViews::LoanRow> LibraryViews::mediaBook(const Id &dslItemId)
{
    std::vector<LoanRow> out;
    auto q = m_store.database().query(R"sql(
SELECT m.id, m.dsl_item_id, m.taken_by, m.taken_at, m.purpose, m.returned_at, m.expected_back, m.returned_by,
       coalesce(t.display_name, ''), coalesce(b.display_name, '')
  FROM media_loans m LEFT JOIN users t ON t.id = m.taken_by LEFT JOIN users b ON b.id = m.returned_by
 WHERE m.dsl_item_id = ?1 ORDER BY m.taken_at DESC, m.seq DESC)sql");
    q->bind(1, dslItemId);
    while (q->step())
        out.push_back({MediaLoan{q->id(0), q->id(1), q->id(2), q->int64(3), q->text(4), q->optInt64(5),
                                 q->optInt64(6), q->optId(7)},
                       q->text(8), q->text(9)});
    return out;
}

std::vector<LibraryViews::OverdueMedia> LibraryViews::overdueMedia(Millis now)
{
    std::vector<OverdueMedia> out;
    auto q = m_store.database().query(R"sql(
SELECT m.id, m.dsl_item_id, m.taken_by, m.taken_at, m.purpose, m.expected_back,
       d.product, d.version, d.media_location, coalesce(u.display_name, '')
  FROM media_loans m JOIN dsl_items d ON d.id = m.dsl_item_id LEFT JOIN users u ON u.id = m.taken_by
 WHERE m.returned_at IS NULL AND m.expected_back IS NOT NULL AND m.expected_back < ?1
 ORDER BY m.expected_back, d.product)sql");
    q->bind(1, now);
    while (q->step()) {
        OverdueMedia o;
        o.loan = MediaLoan{q->id(0), q->id(1), q->id(2), q->int64(3), q->text(4), std::nullopt, q->optInt64(5)};
        o.product = q->text(6);
        o.version = q->text(7);
        o.mediaLocation = q->text(8);
        o.takenBy = q->text(9);
        out.push_back(std::move(o));
    }
    return out;
}

// --- the licence log -------------------------------------------------------------------------

std::vector<LibraryViews::LicenceRow> LibraryViews::licences(std::string_view search)
{
    const std::string text = trimmed(search);
    std::vector<LicenceRow> out;
    auto q = m_store.database().query(
        std::string(kLicenceSelect) +
        (text.empty() ? std::string()
                      : " WHERE l.name LIKE ?1 ESCAPE '\\' OR l.supplier LIKE ?1 ESCAPE '\\' OR l.purchase_ref LIKE ?1 "
                        "ESCAPE '\\' OR d.product LIKE ?1 ESCAPE '\\'") +
        " ORDER BY l.name COLLATE NOCASE");
    if (!text.empty())
        q->bind(1, containsPattern(text));
    while (q->step())
        out.push_back(readLicenceRow(*q));
    return out;
}

std::optional<LibraryViews::LicenceRow> LibraryViews::licenceRow(const Id &licenceId)
{
    auto q = m_store.database().query(std::string(kLicenceSelect) + " WHERE l.id = ?1");
    q->bind(1, licenceId);
    if (!q->step())
        return std::nullopt;
    return readLicenceRow(*q);
}

std::vector<LibraryViews::LicenceRow> LibraryViews::licencesOf(const Id &dslItemId)
{
    std::vector<LicenceRow> out;
    auto q = m_store.database().query(std::string(kLicenceSelect) +
                                      " WHERE l.dsl_item_id = ?1 ORDER BY l.name COLLATE NOCASE");
    q->bind(1, dslItemId);
    while (q->step())
        out.push_back(readLicenceRow(*q));
    return out;
}

std::vector<LibraryViews::SeatRow> LibraryViews::seats(const Id &licenceId)
{
    std::vector<SeatRow> out;
    auto q = m_store.database().query(std::string(kSeatSelect) +
                                      " WHERE s.licence_id = ?1 ORDER BY s.assigned_at DESC, s.seq DESC");
    q->bind(1, licenceId);
    while (q->step())
        out.push_back(readSeatRow(*q));
    return out;
}

std::vector<LibraryViews::SeatRow> LibraryViews::assetSeats(const Id &assetId)
{
    std::vector<SeatRow> out;
    auto q = m_store.database().query(std::string(kSeatSelect) +
                                      " WHERE s.asset_id = ?1 ORDER BY s.assigned_at DESC, s.seq DESC");
    q->bind(1, assetId);
    while (q->step())
        out.push_back(readSeatRow(*q));
    return out;
}

std::vector<LibraryViews::LicenceAlert> LibraryViews::licenceAlerts(std::string_view today, std::string_view horizon)
{
    std::vector<LicenceAlert> out;
    auto q = m_store.database().query(
        std::string(kLicenceSelect) +
        " WHERE (SELECT count(*) FROM licence_assignments a WHERE a.licence_id = l.id) > l.seats"
        " OR (l.expires_on <> '' AND l.expires_on <= ?1)");
    q->bind(1, horizon);
    while (q->step()) {
        LicenceAlert a;
        a.row = readLicenceRow(*q);
        const auto &expires = a.row.licence.expiresOn;
        a.alert = a.row.used > a.row.licence.seats ? Alert::OverUsed
                  : (!expires.empty() && expires < today) ? Alert::Expired
                                                          : Alert::Expiring;
        out.push_back(std::move(a));
    }
    std::stable_sort(out.begin(), out.end(), [](const LicenceAlert &a, const LicenceAlert &b) {
        const bool aOver = a.alert == Alert::OverUsed;
        const bool bOver = b.alert == Alert::OverUsed;
        if (aOver != bOver)
            return aOver;
        const auto &ae = a.row.licence.expiresOn;
        const auto &be = b.row.licence.expiresOn;
        if (ae.empty() != be.empty())
            return be.empty(); // a licence that expires comes before one that does not
        if (ae != be)
            return ae < be;
        return a.row.licence.name < b.row.licence.name;
    });
    return out;
}

std::vector<LibraryViews::SeatNeeded> LibraryViews::seatsForSignOff(const Id &installationId)
{
    std::vector<SeatNeeded> out;
    auto q = m_store.database().query(Store::kSeatsForSignOffSql); // as the sign-off takes them
    q->bind(1, installationId);
    while (q->step())
        out.push_back({q->id(0), q->text(1), static_cast<int>(q->int64(2)), static_cast<int>(q->int64(3))});
    return out;
}

// --- the history of every change --------------------------------------------------------------

std::string LibraryViews::nameOf(std::string_view field, const Id &id)
{
    auto &db = m_store.database();
    auto first = [&](std::string_view sql) -> std::optional<std::string> {
        auto q = db.query(sql);
        q->bind(1, id);
        if (q->step() && !q->isNull(0))
            return q->text(0);
        return std::nullopt;
    };
    std::optional<std::string> name;
    if (field == "site_id" || field == "sites")
        name = first("SELECT name FROM sites WHERE id = ?1");
    else if (field == "room_id")
        name = first("SELECT name FROM rooms WHERE id = ?1");
    else if (field == "owner_id" || field == "installers")
        name = first("SELECT display_name FROM users WHERE id = ?1");
    else if (field == "build_id")
        name = first("SELECT s.name || ' v' || b.version FROM build_procedures b JOIN services s ON s.id = b.service_id "
                     "WHERE b.id = ?1");
    else if (field == "dsl_item_id")
        name = first("SELECT product || ' ' || version FROM dsl_items WHERE id = ?1");
    else if (field == "targets") {
        name = first("SELECT coalesce(asset_tag, serial) FROM assets WHERE id = ?1");
        if (!name)
            name = first("SELECT name FROM rooms WHERE id = ?1");
    }
    // Not on this device (another site's room, say): the id stays, better than nothing.
    return name.value_or(id.toString());
}

std::optional<std::string> LibraryViews::readable(const RecordChange &change, const std::optional<std::string> &value)
{
    if (!value)
        return value;
    const auto &f = change.field;
    const bool oneId = f == "site_id" || f == "room_id" || f == "owner_id" || f == "build_id" || f == "dsl_item_id";
    const bool idSet = f == "installers" || f == "targets" || f == "sites";
    if (!oneId && !idSet)
        return value;
    std::string out;
    std::string_view rest = *value;
    while (!rest.empty()) {
        const auto comma = idSet ? rest.find(',') : std::string_view::npos;
        const auto part = rest.substr(0, comma);
        std::string shown;
        try {
            shown = nameOf(f, Id::parse(part));
        } catch (const Error &) {
            shown = std::string(part);
        }
        out += (out.empty() ? "" : ", ") + shown;
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    return out;
}

std::vector<LibraryViews::ChangeRow> LibraryViews::recordHistory(const Id &recordId)
{
    std::vector<ChangeRow> out;
    auto q = m_store.database().query(R"sql(
SELECT c.id, c.table_name, c.record_id, c.field, c.old_value, c.new_value, c.changed_by, c.changed_at,
       coalesce(u.display_name, '')
  FROM record_changes c LEFT JOIN users u ON u.id = c.changed_by
 WHERE c.record_id = ?1 ORDER BY c.changed_at DESC, c.seq DESC, c.field)sql");
    q->bind(1, recordId);
    while (q->step()) {
        ChangeRow r;
        r.change = RecordChange{q->id(0),      q->text(1),     q->id(2), q->text(3), q->optText(4),
                                q->optText(5), q->id(6),       q->int64(7)};
        r.who = q->text(8);
        out.push_back(std::move(r));
    }
    for (auto &r : out) {
        r.from = readable(r.change, r.change.oldValue);
        r.to = readable(r.change, r.change.newValue);
    }
    return out;
}

} // namespace rd
