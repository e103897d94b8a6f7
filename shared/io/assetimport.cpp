#include "assetimport.h"

#include "csv.h"

#include "domain/errors.h"
#include "domain/fields.h"
#include "domain/rules.h"
#include "domain/text.h"
#include "scan/fieldcheck.h"
#include "store/store.h"
#include "sync/fieldchanges.h"
#include "sync/replica.h"

#include <array>
#include <cctype>
#include <map>

namespace rd::io {

namespace {

/** The columns the import reads. */
enum Column { AssetTag, Serial, Make, Model, Category, Location, SiteCol, RoomCol, Status, User, PurchaseDate, Notes,
              kColumns };

/** Each column's headers, as key() makes them: lower-case letters and digits only. */
const std::array<std::vector<std::string_view>, kColumns> kHeaders{{
    {"assettag", "tag"},
    {"serial", "serialnumber", "serialno"},
    {"manufacturer", "make"},
    {"model", "modelname"},
    {"category"},
    {"location"},
    {"site"},
    {"room"},
    {"status", "statuslabel"},
    {"checkedoutto", "assignedto", "assigneduser", "user"},
    {"purchasedate"},
    {"notes", "note"},
}};

/** Lower-case ASCII letters and digits of @p text, the rest dropped: "Asset Tag" -> "assettag". */
std::string key(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            out += static_cast<char>(std::tolower(u));
    }
    return out;
}

/** A name as compared: trimmed, inner white space one space, ASCII lower-cased. */
std::string fold(std::string_view text)
{
    std::string out;
    bool space = false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u)) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(u));
    }
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::string quoted(std::string_view text)
{
    return "'" + printable(text, 60) + "'";
}

/** The sites and rooms, read once per import, and a location's words resolved against them. */
class Places {
public:
    explicit Places(Store &store)
        : m_sites(store.sites())
    {
        for (const auto &s : m_sites)
            m_rooms[s.id] = store.rooms(s.id);
    }

    struct Place {
        std::optional<Id> site;
        std::optional<Id> room;
        std::string error;
    };

    /** A site by its name or code. */
    [[nodiscard]] const Site *site(std::string_view text) const
    {
        const auto f = fold(text);
        for (const auto &s : m_sites)
            if (fold(s.name) == f || fold(s.code) == f)
                return &s;
        return nullptr;
    }
    [[nodiscard]] const Room *room(const Id &site, std::string_view text) const
    {
        const auto f = fold(text);
        for (const auto &r : m_rooms.at(site))
            if (fold(r.name) == f)
                return &r;
        return nullptr;
    }

    /** Separate Site and Room cells (Release Desk's export). */
    [[nodiscard]] Place place(std::string_view siteText, std::string_view roomText) const
    {
        if (siteText.empty())
            return roomText.empty() ? Place{} : Place{{}, {}, "a room " + quoted(roomText) + " but no site"};
        const auto *s = site(siteText);
        if (!s)
            return {{}, {}, "unknown site " + quoted(siteText) + knownSites()};
        if (roomText.empty())
            return {s->id, {}, {}};
        const auto *r = room(s->id, roomText);
        if (!r)
            return {{}, {}, "no room " + quoted(roomText) + " at " + s->name};
        return {s->id, r->id, {}};
    }

    /**
     * Snipe-IT's Location: a site's name or code; a site and a room, "Upper School - Library" (also
     * with " / ", " > ", ": " or ", " between); or a room's name that only one site has.
     */
    [[nodiscard]] Place location(std::string_view text) const
    {
        if (text.empty())
            return {};
        if (const auto *s = site(text))
            return {s->id, {}, {}};
        std::string roomError;
        for (const std::string_view sep : {" - ", " / ", " > ", ": ", ", ", " – "}) {
            for (auto at = text.find(sep); at != std::string_view::npos; at = text.find(sep, at + 1)) {
                const auto *s = site(trim(text.substr(0, at)));
                if (!s)
                    continue;
                const auto roomText = trim(text.substr(at + sep.size()));
                if (const auto *r = room(s->id, roomText))
                    return {s->id, r->id, {}};
                if (roomError.empty())
                    roomError = "no room " + quoted(roomText) + " at " + s->name;
            }
        }
        if (!roomError.empty())
            return {{}, {}, roomError};
        const Room *only = nullptr;
        int found = 0;
        for (const auto &[siteId, rooms] : m_rooms)
            for (const auto &r : rooms)
                if (fold(r.name) == fold(text)) {
                    only = &r;
                    ++found;
                }
        if (found == 1)
            return {only->siteId, only->id, {}};
        if (found > 1)
            return {{}, {}, "location " + quoted(text) + " is a room at more than one site: write \"Site - Room\""};
        return {{}, {}, "unknown site " + quoted(text) + knownSites()};
    }

    [[nodiscard]] std::string siteName(const Id &id) const
    {
        for (const auto &s : m_sites)
            if (s.id == id)
                return s.name;
        return id.toString();
    }
    [[nodiscard]] std::string roomName(const std::optional<Id> &id) const
    {
        if (!id)
            return "no room";
        for (const auto &[siteId, rooms] : m_rooms)
            for (const auto &r : rooms)
                if (r.id == *id)
                    return r.name;
        return id->toString();
    }

private:
    [[nodiscard]] std::string knownSites() const
    {
        std::string out;
        for (const auto &s : m_sites)
            out += (out.empty() ? " (the sites are " : ", ") + s.name + " [" + s.code + "]";
        return out.empty() ? " (the inventory has no sites yet)" : out + ")";
    }

    std::vector<Site> m_sites;
    std::map<Id, std::vector<Room>> m_rooms;
};

/** A row refused: thrown inside the row's reading and caught for its outcome. */
struct Refusal {
    std::string reason;
};

/** The row's cells by column. */
class Cells {
public:
    Cells(const std::array<int, kColumns> &index, const CsvRecord &record)
        : m_index(index)
        , m_record(record)
    {}
    /** The cell trimmed, with a spreadsheet's formula guard (a ' before = + - @) taken off. */
    [[nodiscard]] std::string operator[](Column c) const
    {
        const int i = m_index[c];
        if (i < 0 || static_cast<std::size_t>(i) >= m_record.fields.size())
            return {};
        auto v = trim(m_record.fields[static_cast<std::size_t>(i)]);
        if (v.size() > 1 && v.front() == '\'' && (v[1] == '=' || v[1] == '+' || v[1] == '-' || v[1] == '@'))
            v.remove_prefix(1);
        return std::string(v);
    }

private:
    const std::array<int, kColumns> &m_index;
    const CsvRecord &m_record;
};

std::string describe(const Asset &a)
{
    std::string out = a.assetTag ? *a.assetTag + " (" : std::string("(");
    out += a.make + " " + a.model;
    if (a.serial)
        out += ", serial " + *a.serial;
    return out + ")";
}

/** What one import sees while it reads the file's rows. */
class Planner {
public:
    Planner(Store &store, const std::array<int, kColumns> &index)
        : m_store(store)
        , m_places(store)
        , m_index(index)
    {}

    ImportRow row(const CsvRecord &record, std::size_t headerFields)
    {
        ImportRow r;
        r.line = record.line;
        const Cells cell(m_index, record);
        r.assetTag = cell[AssetTag];
        r.serial = cell[Serial];
        r.make = cell[Make];
        r.model = cell[Model];
        try {
            if (record.fields.size() > headerFields) {
                for (auto i = headerFields; i < record.fields.size(); ++i)
                    if (!trim(record.fields[i]).empty())
                        throw Refusal{"it has " + std::to_string(record.fields.size()) + " fields where the header has " +
                                      std::to_string(headerFields) + " (a comma outside quotes?)"};
            }
            read(cell, r);
        } catch (const Refusal &e) {
            r.outcome = RowOutcome::Refused;
            r.detail = e.reason;
        } catch (const Error &e) {
            r.outcome = RowOutcome::Refused;
            r.detail = e.what();
        }
        return r;
    }

private:
    void read(const Cells &cell, ImportRow &r)
    {
        // What the asset is.
        const auto serialText = cell[Serial];
        if (serialText.empty())
            throw Refusal{"missing serial"};
        const auto check = scan::checkSerial(serialText);
        if (check.isRefused()) {
            // The check's first sentence; the rest is a hint for whoever holds the scanner.
            const auto &why = check.reason();
            const auto stop = why.find(". ");
            throw Refusal{"serial " + quoted(serialText) + ": " + (stop == std::string::npos ? why : why.substr(0, stop + 1))};
        }
        Asset a;
        a.serial = checked(fields::serial, check.value());
        a.make = cell[Make];
        a.model = cell[Model];
        a.category = cell[Category];
        if (a.make.empty())
            throw Refusal{"missing manufacturer"};
        if (a.model.empty())
            throw Refusal{"missing model"};
        if (a.category.empty())
            throw Refusal{"missing category"};
        a.make = checked(fields::make, a.make);
        a.model = checked(fields::model, a.model);
        a.category = checked(fields::category, a.category);
        a.assetTag = checkedOptional(fields::assetTag, cell[AssetTag]);

        // Where it is, its status, user and the rest.
        const auto place = m_index[SiteCol] >= 0 || m_index[RoomCol] >= 0 ? m_places.place(cell[SiteCol], cell[RoomCol])
                                                                           : m_places.location(cell[Location]);
        if (!place.error.empty())
            throw Refusal{place.error};
        std::optional<AssetStatus> status;
        if (const auto text = cell[Status]; !text.empty()) {
            status = importStatus(text);
            if (!status)
                throw Refusal{"unknown status " + quoted(text) +
                              " (known: Snipe-IT's Ready to Deploy, Deployed, Pending, Archived, Broken, Lost/Stolen, "
                              "Out for Repair; or on-order, in-stock, installed, in-use, spare, retired, disposed)"};
        }
        a.assignedUser = checked(fields::assignedUser, cell[User]);
        if (const auto text = cell[PurchaseDate]; !text.empty()) {
            std::string why;
            const auto date = importDate(text, why);
            if (!date)
                throw Refusal{"purchase date " + quoted(text) + ": " + why};
            a.purchaseDate = *date;
        }
        a.notes = checked(fields::assetNotes, cell[Notes]);

        // Twice in the file?
        const auto serialNorm = normaliseSerial(*a.serial);
        const auto makeKey = normaliseMake(a.make);
        if (const auto [it, fresh] = m_serials.try_emplace(makeKey + '\n' + serialNorm, r.line); !fresh)
            throw Refusal{"the same asset as line " + std::to_string(it->second) + " (" + a.make + ", serial " +
                          *a.serial + "): a duplicate row"};
        if (a.assetTag) {
            if (const auto [it, fresh] = m_tags.try_emplace(*a.assetTag, r.line); !fresh)
                throw Refusal{"asset tag " + *a.assetTag + " is on line " + std::to_string(it->second) + " too"};
        }

        // Already in the inventory?
        std::optional<Asset> same;
        std::optional<Asset> otherMake;
        for (auto &x : m_store.findAssetsBySerial(*a.serial)) {
            if (normaliseMake(x.make) == makeKey)
                same = std::move(x);
            else if (!otherMake)
                otherMake = std::move(x);
        }
        const auto byTag = a.assetTag ? m_store.findAssetByTag(*a.assetTag) : std::nullopt;
        if (byTag && (!same || byTag->id != same->id)) {
            if (!same && !byTag->serial)
                same = byTag; // matched by its tag: an asset in the inventory without a serial
            else if (!same && normaliseSerial(*byTag->serial) == serialNorm)
                otherMake = byTag; // the same tag and serial, the make written otherwise
            else
                throw Refusal{"asset tag " + *a.assetTag + " is already used by another asset " + describe(*byTag)};
        }
        if (!same && otherMake) {
            r.outcome = RowOutcome::SameSerial;
            r.detail = "same serial as an existing asset " + describe(*otherMake) + " of another make; not added: "
                       "if it is the same machine, write the make as the inventory has it";
            return;
        }
        if (!same) {
            if (!place.site)
                throw Refusal{m_index[Location] >= 0 || m_index[SiteCol] >= 0 ? "missing location (a new asset needs its site)"
                                                                             : "no site"};
            a.siteId = *place.site;
            a.roomId = place.room;
            a.status = status.value_or(AssetStatus::InStock);
            r.outcome = RowOutcome::New;
            r.detail = "a new asset at " + m_places.siteName(a.siteId) +
                       (a.roomId ? ", " + m_places.roomName(a.roomId) : std::string()) + ", " +
                       std::string(toString(a.status));
            r.asset = std::move(a);
            return;
        }
        matched(*same, a, place, status, r);
    }

    /** A row that names an asset already in the inventory: what it changes, and what it leaves. */
    void matched(const Asset &was, const Asset &file, const Places::Place &place, std::optional<AssetStatus> status,
                 ImportRow &r)
    {
        Asset now = was;
        std::vector<std::string> changes;
        if (place.site) {
            now.siteId = *place.site;
            // A location naming only the asset's own site leaves its room; another site has its rooms.
            if (place.room || *place.site != was.siteId)
                now.roomId = place.room;
        }
        if (now.siteId != was.siteId) {
            r.changedFields.push_back("site");
            changes.push_back("site " + m_places.siteName(was.siteId) + " -> " + m_places.siteName(now.siteId));
        }
        if (now.roomId != was.roomId) {
            r.changedFields.push_back("room");
            changes.push_back("room " + m_places.roomName(was.roomId) + " -> " + m_places.roomName(now.roomId));
        }
        if (status && *status != was.status) {
            if (!canChange(was.status, *status))
                throw Refusal{"its status cannot go from " + std::string(toString(was.status)) + " to " +
                              std::string(toString(*status)) + " (" + describe(was) + ")"};
            now.status = *status;
            r.changedFields.push_back("status");
            changes.push_back("status " + std::string(toString(was.status)) + " -> " + std::string(toString(*status)));
        }
        if (!file.assignedUser.empty() && file.assignedUser != was.assignedUser) {
            now.assignedUser = file.assignedUser;
            r.changedFields.push_back("user");
            changes.push_back("user " + (was.assignedUser.empty() ? std::string("nobody") : was.assignedUser) + " -> " +
                              file.assignedUser);
        }
        std::vector<std::string> kept;
        if (file.assetTag && file.assetTag != was.assetTag)
            kept.push_back("asset tag");
        if (file.model != was.model)
            kept.push_back("model");
        if (file.category != was.category)
            kept.push_back("category");
        if (!file.purchaseDate.empty() && file.purchaseDate != was.purchaseDate)
            kept.push_back("purchase date");
        if (!file.notes.empty() && file.notes != was.notes)
            kept.push_back("notes");

        const auto list = [](const std::vector<std::string> &items) {
            std::string out;
            for (std::size_t i = 0; i < items.size(); ++i)
                out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
            return out;
        };
        r.outcome = changes.empty() ? RowOutcome::Unchanged : RowOutcome::Updated;
        r.detail = (was.assetTag ? *was.assetTag : describe(was)) + (changes.empty() ? ": nothing to change" : ": ");
        for (std::size_t i = 0; i < changes.size(); ++i)
            r.detail += (i ? "; " : "") + changes[i];
        if (!kept.empty())
            r.detail += "; kept the inventory's " + list(kept) + " (an import changes an asset's site, room, status "
                        "and user only)";
        r.asset = std::move(now);
    }

    Store &m_store;
    Places m_places;
    const std::array<int, kColumns> &m_index;
    std::map<std::string, int> m_serials; // make and normalised serial -> the line that had them first
    std::map<std::string, int> m_tags;
};

constexpr std::string_view kKnownColumns =
    "Asset Tag, Serial, Manufacturer (or Make), Model, Category, Location (or Site and Room), Status, "
    "Checked Out To, Purchase Date, Notes";

/** The dry run and the import's first half: every row's outcome. */
ImportReport plan(Store &store, std::string_view bytes)
{
    ImportReport report;
    if (trim(bytes).empty() || trim(bytes) == "\xEF\xBB\xBF") {
        report.error = "The file is empty: there is nothing to import.";
        return report;
    }
    const auto table = readCsv(bytes);
    report.readAsWindows1252 = table.readAsWindows1252;
    report.hadByteOrderMark = table.hadByteOrderMark;
    if (!table.error.empty()) {
        report.error = table.error;
        return report;
    }
    if (table.records.empty()) {
        report.error = "The file is empty: there is nothing to import.";
        return report;
    }
    const auto &header = table.records.front().fields;
    std::array<int, kColumns> index;
    index.fill(-1);
    int known = 0;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto k = key(header[i]);
        bool used = false;
        for (int c = 0; c < kColumns && !used; ++c) {
            for (const auto h : kHeaders[static_cast<std::size_t>(c)]) {
                if (k == h && index[static_cast<std::size_t>(c)] < 0) {
                    index[static_cast<std::size_t>(c)] = static_cast<int>(i);
                    used = true;
                    ++known;
                    break;
                }
            }
        }
        if (!used && !trim(header[i]).empty())
            report.ignoredColumns.push_back(printable(trim(header[i]), 60));
    }
    if (known == 0) {
        report.error = "This file has no column the import knows, so it is not an inventory export (its first line "
                       "should name the columns: " + std::string(kKnownColumns) + ").";
        return report;
    }
    std::vector<std::string> missing;
    if (index[Serial] < 0)
        missing.push_back("Serial");
    if (index[Make] < 0)
        missing.push_back("Manufacturer");
    if (index[Model] < 0)
        missing.push_back("Model");
    if (index[Category] < 0)
        missing.push_back("Category");
    if (index[Location] < 0 && index[SiteCol] < 0)
        missing.push_back("Location");
    if (!missing.empty()) {
        std::string names;
        for (std::size_t i = 0; i < missing.size(); ++i)
            names += (i ? ", " : "") + missing[i];
        report.error = "This file has no " + names + " column" + (missing.size() > 1 ? "s" : "") +
                       ": every asset needs its serial, manufacturer, model, category and location. The columns "
                       "read are " + std::string(kKnownColumns) + ".";
        return report;
    }
    if (table.records.size() == 1) {
        report.error = "The file has its header line but no assets.";
        return report;
    }
    report.format = index[SiteCol] >= 0 || key(header[static_cast<std::size_t>(index[Make])]) == "make" ? "Release Desk"
                                                                                                       : "Snipe-IT";
    Planner planner(store, index);
    report.rows.reserve(table.records.size() - 1);
    for (std::size_t i = 1; i < table.records.size(); ++i) {
        auto row = planner.row(table.records[i], header.size());
        switch (row.outcome) {
        case RowOutcome::New:
            ++report.counts.added;
            break;
        case RowOutcome::Updated:
            ++report.counts.updated;
            break;
        case RowOutcome::Unchanged:
            ++report.counts.unchanged;
            break;
        case RowOutcome::SameSerial:
            ++report.counts.sameSerial;
            break;
        case RowOutcome::Refused:
            ++report.counts.refused;
            break;
        }
        report.rows.push_back(std::move(row));
    }
    return report;
}

/** Writes the plan's new and updated rows with @p add and @p update; on a failure names the line. */
template <typename Add, typename Update>
bool write(ImportReport &report, Add &&add, Update &&update)
{
    int line = 0;
    try {
        for (const auto &row : report.rows) {
            line = row.line;
            if (row.outcome == RowOutcome::New)
                add(row.asset);
            else if (row.outcome == RowOutcome::Updated)
                update(row);
        }
        return true;
    } catch (const std::exception &e) {
        report.error = "Nothing was imported: line " + std::to_string(line) + ": " + e.what();
        return false;
    }
}

} // namespace

std::string_view toString(RowOutcome outcome) noexcept
{
    switch (outcome) {
    case RowOutcome::New:
        return "new";
    case RowOutcome::Updated:
        return "updated";
    case RowOutcome::Unchanged:
        return "unchanged";
    case RowOutcome::SameSerial:
        return "same-serial";
    case RowOutcome::Refused:
        return "refused";
    }
    return "refused";
}

ImportReport planAssetImport(Store &store, std::string_view bytes)
{
    return plan(store, bytes);
}

ImportReport importAssets(Store &store, std::string_view bytes, const Id &by, Millis at)
{
    Store::Batch batch(store);
    auto report = plan(store, bytes);
    if (!report.ok() || report.toWrite() == 0)
        return report;
    const auto &fields = sync::assetFields();
    const bool ok = write(
        report, [&](const Asset &a) { store.addAsset(a); },
        [&](const ImportRow &row) {
            const auto &a = row.asset;
            const auto before = *fields.current(store, a.id);
            const auto was = *store.asset(a.id);
            if (a.siteId != was.siteId || a.roomId != was.roomId)
                store.moveAsset(a.id, a.siteId, a.roomId);
            if (a.status != was.status)
                store.setAssetStatus(a.id, a.status);
            if (a.assignedUser != was.assignedUser)
                store.setAssetUser(a.id, a.assignedUser);
            const auto changes = sync::changesBetween(fields, before, *fields.current(store, a.id));
            sync::recordChanges(store, fields, a.id, changes, by, at, Id::generate());
        });
    if (ok) {
        batch.commit();
        report.applied = true;
    }
    return report;
}

ImportReport importAssets(sync::Replica &replica, Store &store, std::string_view bytes, const Id &by, Millis at)
{
    sync::Replica::Group group(replica);
    auto report = plan(store, bytes);
    if (!report.ok() || report.toWrite() == 0)
        return report;
    const bool ok = write(
        report, [&](const Asset &a) { replica.addAsset(a); },
        [&](const ImportRow &row) {
            const auto &a = row.asset;
            const auto was = *store.asset(a.id);
            if (a.siteId != was.siteId || a.roomId != was.roomId)
                replica.moveAsset(a.id, a.siteId, a.roomId, by, at);
            if (a.status != was.status)
                replica.setAssetStatus(a.id, a.status, by, at);
            if (a.assignedUser != was.assignedUser)
                replica.setAssetUser(a.id, a.assignedUser, by, at);
        });
    if (ok) {
        group.commit();
        report.applied = true;
    }
    return report;
}

std::optional<std::string> importDate(std::string_view text, std::string &why)
{
    text = trim(text);
    const auto digits = [](std::string_view s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    const auto pad = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
    std::string iso;
    // YYYY-MM-DD, maybe with a time after it (Snipe-IT's "2024-09-01 00:00:00").
    if (text.size() >= 10 && digits(text.substr(0, 4)) && text[4] == '-' && text[7] == '-' &&
        (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
        iso = std::string(text.substr(0, 10));
    } else {
        std::vector<std::string_view> parts;
        const auto sep = text.find_first_of("/-.");
        if (sep != std::string_view::npos) {
            const char s = text[sep];
            std::size_t from = 0;
            for (auto at = text.find(s); ; at = text.find(s, from)) {
                parts.push_back(text.substr(from, at == std::string_view::npos ? at : at - from));
                if (at == std::string_view::npos)
                    break;
                from = at + 1;
            }
        }
        if (parts.size() != 3 || !digits(parts[0]) || !digits(parts[1]) || !digits(parts[2])) {
            why = "not a date (write YYYY-MM-DD or DD/MM/YYYY)";
            return std::nullopt;
        }
        if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
            iso = std::string(parts[0]) + "-" + pad(parts[1]) + "-" + pad(parts[2]); // YYYY/MM/DD
        } else if (parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 4) {
            if (std::stoi(std::string(parts[1])) > 12 && std::stoi(std::string(parts[0])) <= 12) {
                why = "written month first (US order)? Dates are read day first, DD/MM/YYYY; write YYYY-MM-DD";
                return std::nullopt;
            }
            iso = std::string(parts[2]) + "-" + pad(parts[1]) + "-" + pad(parts[0]);
        } else if (parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 2) {
            why = "a two-digit year is ambiguous: write the year in full (DD/MM/YYYY or YYYY-MM-DD)";
            return std::nullopt;
        } else {
            why = "not a date (write YYYY-MM-DD or DD/MM/YYYY)";
            return std::nullopt;
        }
    }
    if (!isIsoDate(iso)) {
        why = "no such day";
        return std::nullopt;
    }
    return iso;
}

std::optional<AssetStatus> importStatus(std::string_view label)
{
    using S = AssetStatus;
    static const std::map<std::string, S, std::less<>> kLabels{
        {"readytodeploy", S::InStock}, {"deployable", S::InStock},    {"available", S::InStock},
        {"instock", S::InStock},       {"stock", S::InStock},         {"deployed", S::InUse},
        {"checkedout", S::InUse},      {"inuse", S::InUse},           {"installed", S::Installed},
        {"pending", S::OnOrder},       {"onorder", S::OnOrder},       {"ordered", S::OnOrder},
        {"spare", S::Spare},           {"archived", S::Retired},      {"broken", S::Retired},
        {"outforrepair", S::Retired},  {"repair", S::Retired},        {"loststolen", S::Retired},
        {"lost", S::Retired},          {"stolen", S::Retired},        {"undeployable", S::Retired},
        {"outofservice", S::Retired},  {"retired", S::Retired},       {"disposed", S::Disposed},
        {"recycled", S::Disposed},     {"sold", S::Disposed},         {"writtenoff", S::Disposed},
        {"scrapped", S::Disposed},
    };
    // "Ready to Deploy (Deployed)": Snipe-IT's meta status in brackets says where it stands.
    if (const auto open = label.find('('); open != std::string_view::npos) {
        const auto close = label.find(')', open);
        const auto inner = key(label.substr(open + 1, close == std::string_view::npos ? close : close - open - 1));
        if (const auto it = kLabels.find(inner); it != kLabels.end())
            return it->second;
        label = label.substr(0, open);
    }
    if (const auto it = kLabels.find(key(label)); it != kLabels.end())
        return it->second;
    return std::nullopt;
}

} // namespace rd::io
