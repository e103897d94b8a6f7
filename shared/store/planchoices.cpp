// What a release manager chooses from when planning a release.
#include "planchoices.h"

#include "store.h"

#include "domain/errors.h"
#include "domain/fields.h"
#include "domain/text.h"

#include <algorithm>
#include <cstdio>

namespace rd {

namespace {

/**
 * A text greater than every text starting with @p prefix in byte order (SQLite's BINARY,
 * PostgreSQL's "C"): the prefix and the highest code point, U+10FFFF, itself valid UTF-8.
 */
std::string prefixEnd(std::string prefix)
{
    return prefix + "\xF4\x8F\xBF\xBF";
}

std::string upperAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

constexpr std::string_view kAssetChoiceSelect =
    "SELECT a.id, coalesce(a.asset_tag, ''), coalesce(a.serial, ''), a.model, coalesce(ro.name, '') "
    "FROM assets a LEFT JOIN rooms ro ON ro.id = a.room_id";

PlanChoices::AssetChoice readAssetChoice(const sql::Statement &q)
{
    return {q.id(0), q.text(1), q.text(2), q.text(3), q.text(4)};
}

} // namespace

std::vector<PlanChoices::ServiceChoice> PlanChoices::releasableServices()
{
    std::vector<ServiceChoice> out;
    auto q = m_store.database().query(
        "SELECT s.id, s.name FROM services s WHERE s.retired_at IS NULL AND EXISTS "
        "(SELECT 1 FROM build_procedures b WHERE b.service_id = s.id AND b.status = 'approved') ORDER BY s.name");
    while (q->step())
        out.push_back({q->id(0), q->text(1)});
    return out;
}

std::vector<PlanChoices::BuildChoice> PlanChoices::approvedBuilds(const Id &serviceId)
{
    std::vector<BuildChoice> out;
    auto q = m_store.database().query("SELECT id, version, hardware_model, back_out_plan FROM build_procedures "
                                      "WHERE service_id = ?1 AND status = 'approved' ORDER BY version DESC");
    q->bind(1, serviceId);
    while (q->step())
        out.push_back({q->id(0), static_cast<int>(q->int64(1)), q->text(2), q->text(3)});
    return out;
}

std::vector<PlanChoices::PersonChoice> PlanChoices::installersAt(const Id &siteId)
{
    std::vector<PersonChoice> out;
    auto q = m_store.database().query(R"sql(
SELECT u.id, u.display_name, u.role FROM users u JOIN user_sites us ON us.user_id = u.id AND us.site_id = ?1
 WHERE u.active = 1 AND (u.role = 'installer' OR u.role = 'release-manager')
 ORDER BY u.role = 'release-manager', u.display_name)sql");
    q->bind(1, siteId);
    while (q->step())
        out.push_back({q->id(0), q->text(1), parse<Role>(q->textView(2))});
    return out;
}

std::vector<PlanChoices::AssetChoice> PlanChoices::siteAssets(const Id &siteId, std::string_view text, int limit)
{
    std::vector<AssetChoice> out;
    std::string typed;
    try {
        typed = checked(fields::search, text);
    } catch (const ValidationError &) {
        return out; // longer than any tag or serial: nothing matches
    }
    if (typed.empty() || limit <= 0)
        return out;
    // Each by its own index range (tag, serial), the site checked on the rows found.
    const std::string upper = upperAscii(typed);
    const std::string serial = normaliseSerial(typed);
    auto q = m_store.database().query(
        std::string(kAssetChoiceSelect) +
        " WHERE a.site_id = ?1 AND ((a.asset_tag >= ?2 AND a.asset_tag < ?3) OR (a.asset_tag >= ?4 AND a.asset_tag < ?5)"
        " OR (a.serial_norm >= ?6 AND a.serial_norm < ?7)) ORDER BY a.asset_tag, a.serial LIMIT ?8");
    q->bind(1, siteId).bind(2, typed).bind(3, prefixEnd(typed)).bind(4, upper).bind(5, prefixEnd(upper));
    if (serial.empty())
        q->bind(6, nullptr).bind(7, nullptr);
    else
        q->bind(6, serial).bind(7, prefixEnd(serial));
    q->bind(8, limit);
    while (q->step())
        out.push_back(readAssetChoice(*q));
    return out;
}

std::optional<PlanChoices::AssetChoice> PlanChoices::asset(const Id &assetId)
{
    auto q = m_store.database().query(std::string(kAssetChoiceSelect) + " WHERE a.id = ?1");
    q->bind(1, assetId);
    if (!q->step())
        return std::nullopt;
    return readAssetChoice(*q);
}

std::string PlanChoices::nextReleaseNumber(int year)
{
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "R-%04d-", year);
    const std::string start(prefix);
    long highest = 0;
    auto q = m_store.database().query("SELECT number FROM releases WHERE number >= ?1 AND number < ?2");
    q->bind(1, start).bind(2, prefixEnd(start));
    while (q->step()) {
        const std::string_view tail = q->textView(0).substr(start.size());
        if (tail.empty() || tail.size() > 6 || tail.find_first_not_of("0123456789") != std::string_view::npos)
            continue; // "R-2026-047a" is someone's own numbering: not counted
        highest = std::max(highest, std::stol(std::string(tail)));
    }
    char next[24];
    std::snprintf(next, sizeof next, "%s%03ld", prefix, highest + 1);
    return next;
}

} // namespace rd
