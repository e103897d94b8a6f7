#include "assetexport.h"

#include "csv.h"

#include "domain/text.h"
#include "store/store.h"

#include <ctime>
#include <ostream>

namespace rd::io {

namespace {

std::string utc(std::optional<Millis> at)
{
    if (!at)
        return {};
    const std::time_t t = *at / 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
    return buf;
}

Millis dayStart(std::string_view day)
{
    std::tm tm{};
    tm.tm_year = std::stoi(std::string(day.substr(0, 4))) - 1900;
    tm.tm_mon = std::stoi(std::string(day.substr(5, 2))) - 1;
    tm.tm_mday = std::stoi(std::string(day.substr(8, 2)));
    return static_cast<Millis>(timegm(&tm)) * 1000;
}

} // namespace

int writeInventoryCsv(Store &store, std::ostream &out)
{
    writeCsvRecord(out, {"Asset Tag", "Serial", "Make", "Model", "Category", "Site", "Room", "Status",
                         "Assigned User", "Purchase Date", "Notes"});
    auto q = store.database().query(
        "SELECT coalesce(a.asset_tag, ''), coalesce(a.serial, ''), a.make, a.model, a.category, s.name, "
        "coalesce(r.name, ''), a.status, a.assigned_user, a.purchase_date, a.notes "
        "FROM assets a JOIN sites s ON s.id = a.site_id LEFT JOIN rooms r ON r.id = a.room_id "
        "ORDER BY s.name, coalesce(r.name, ''), a.asset_tag IS NULL, a.asset_tag, a.serial_norm");
    int n = 0;
    std::vector<std::string> fields(11);
    while (q->step()) {
        for (int i = 0; i < 11; ++i)
            fields[static_cast<std::size_t>(i)] = q->text(i);
        writeCsvRecord(out, fields);
        ++n;
    }
    return n;
}

int writeInstallationsCsv(Store &store, Millis from, Millis to, std::ostream &out)
{
    writeCsvRecord(out, {"Installation", "Asset Tag", "Serial", "Make", "Model", "Site", "Release", "Service",
                         "Build Version", "Started By", "Started", "Ended", "Outcome", "Signed Off By",
                         "Back-out Reason"});
    auto q = store.database().query(
        "SELECT i.id, coalesce(a.asset_tag, ''), coalesce(a.serial, ''), a.make, a.model, s.name, r.number, "
        "coalesce(sv.name, ''), b.version, coalesce(nullif(u.display_name, ''), u.name), i.started_at, i.ended_at, "
        "i.status, coalesce(so.user_name, ''), coalesce(bo.reason, '') "
        "FROM installations i JOIN assets a ON a.id = i.asset_id JOIN releases r ON r.id = i.release_id "
        "JOIN sites s ON s.id = r.site_id LEFT JOIN build_procedures b ON b.id = i.build_id "
        "LEFT JOIN services sv ON sv.id = b.service_id LEFT JOIN users u ON u.id = i.started_by "
        "LEFT JOIN signoffs so ON so.installation_id = i.id LEFT JOIN backouts bo ON bo.installation_id = i.id "
        "WHERE i.started_at >= ?1 AND i.started_at < ?2 ORDER BY i.started_at, i.id");
    q->bindAll(from, to);
    int n = 0;
    while (q->step()) {
        writeCsvRecord(out, {q->id(0).toString(), q->text(1), q->text(2), q->text(3), q->text(4), q->text(5),
                             q->text(6), q->text(7), q->isNull(8) ? std::string() : std::to_string(q->int64(8)),
                             q->text(9), utc(q->int64(10)),
                             utc(q->isNull(11) ? std::nullopt : std::optional(q->int64(11))), q->text(12),
                             q->text(13), q->text(14)});
        ++n;
    }
    return n;
}

std::optional<std::pair<Millis, Millis>> dayRange(std::string_view fromDay, std::string_view toDay)
{
    if (!isIsoDate(fromDay) || !isIsoDate(toDay))
        return std::nullopt;
    const Millis from = dayStart(fromDay);
    const Millis to = dayStart(toDay) + 24LL * 60 * 60 * 1000;
    if (to <= from)
        return std::nullopt;
    return std::pair{from, to};
}

} // namespace rd::io
