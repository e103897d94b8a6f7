#include "snipeitsample.h"

#include "io/csv.h"
#include "store/store.h"

#include <algorithm>
#include <random>
#include <sstream>

namespace rd {

namespace {

/** 13 digits with a right GS1 check digit: an EAN-13 product code. */
std::string ean13(std::uint64_t n)
{
    std::string d = std::to_string(5000000000000ULL / 10 + n % 100000000000ULL).substr(0, 12);
    int sum = 0;
    for (std::size_t i = 0; i < 12; ++i)
        sum += (d[i] - '0') * (i % 2 ? 3 : 1);
    return d + static_cast<char>('0' + (10 - sum % 10) % 10);
}

} // namespace

SnipeItSample snipeItSample(Store &store, int rows, int badRows, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    const auto pick = [&](auto &items) -> const auto & { return items[rng() % items.size()]; };

    std::vector<std::string> locations;
    for (const auto &s : store.sites()) {
        locations.push_back(s.name);
        for (const auto &r : store.rooms(s.id)) {
            locations.push_back(s.name + " - " + r.name);
            locations.push_back(s.code + " - " + r.name);
        }
    }
    std::vector<std::string> usedTags; // tags of assets already in the store, one per bad row that uses one
    {
        auto q = store.database().query("SELECT asset_tag FROM assets WHERE asset_tag IS NOT NULL LIMIT 20");
        while (q->step())
            usedTags.push_back(q->text(0));
    }
    struct Model {
        const char *make, *model, *category;
    };
    const std::vector<Model> models{{"Dell", "Latitude 3440", "Laptop"},       {"HP", "EliteBook 840 G8", "Laptop"},
                                    {"Lenovo", "ThinkCentre M70q", "Desktop"}, {"Apple", "iPad (9th generation)", "Tablet"},
                                    {"Epson", "EB-695Wi", "Projector"},        {"Promethean", "ActivPanel 9", "Display"}};
    const std::vector<std::string> statuses{"Ready to Deploy", "Deployed", "Pending", "Archived", "Broken",
                                            "Out for Repair", "Lost/Stolen", "Ready to Deploy"};
    const std::vector<std::string> people{"", "", "Ms A. Patel", "Mr O'Brien", "Year 7 trolley", "J. Smith"};
    const std::vector<std::string> notes{"", "", "", "Charger, case and stylus", "Screen replaced \"under warranty\"",
                                         "Bought with the £1,200 grant", "Keyboard sticky;\nsee ticket 4411",
                                         "Lent to the library, returned"};

    SnipeItSample s;
    std::ostringstream out;
    io::writeCsvRecord(out, {"Asset Name", "Asset Tag", "Model", "Model No.", "Category", "Manufacturer", "Serial",
                             "Purchase Date", "Purchase Cost", "Location", "Status", "Checked Out To", "Notes"});
    const int every = badRows > 0 ? std::max(1, rows / badRows) : rows + 1;
    int badDone = 0;
    int line = 2; // the header is line 1
    std::vector<std::vector<std::string>> good; // for the duplicate rows
    for (int i = 0; i < rows; ++i) {
        const auto &m = models[static_cast<std::size_t>(i) % models.size()];
        char serial[32];
        std::snprintf(serial, sizeof serial, "%c%cX%07d%c", 'A' + static_cast<char>(i % 26),
                      'A' + static_cast<char>((i / 26) % 26), 1000000 + i, 'A' + static_cast<char>((i * 7) % 26));
        char tag[16];
        std::snprintf(tag, sizeof tag, "IMP-%05d", i + 1);
        const int day = 1 + static_cast<int>(rng() % 28);
        const int month = 1 + static_cast<int>(rng() % 12);
        char date[16];
        if (i % 2)
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2018 + i % 7, month, day);
        else
            std::snprintf(date, sizeof date, "%02d/%02d/%04d", day, month, 2018 + i % 7);
        std::vector<std::string> row{std::string(m.model) + " " + std::to_string(i), tag, m.model, "MN-" + std::to_string(i % 40),
                                     m.category, m.make, serial, (i % 9 == 0) ? "" : date, "499.00", pick(locations),
                                     pick(statuses), pick(people), pick(notes)};
        const bool bad = badDone < badRows && i % every == every / 2;
        std::string reason;
        if (bad) {
            switch (badDone % 13) {
            case 0: row[6] = ""; reason = "missing serial"; break;
            case 1: row[9] = "Narnia Campus"; reason = "unknown site"; break;
            case 2: row[7] = "31/02/2023"; reason = "no such day"; break;
            case 3: row[7] = "03/04/21"; reason = "two-digit year"; break;
            case 4: row[7] = "04/13/2023"; reason = "month first"; break;
            case 5: row[6] = ean13(static_cast<std::uint64_t>(i)); reason = "product code"; break;
            case 6: row[6] = "00:1A:2B:3C:4D:" + std::to_string(10 + i % 80); reason = "(MAC) address"; break;
            case 7:
                if (!good.empty()) {
                    row = good[rng() % good.size()];
                    reason = "duplicate row";
                } else {
                    row[6] = ""; reason = "missing serial";
                }
                break;
            case 8:
                if (!usedTags.empty()) {
                    row[1] = usedTags[static_cast<std::size_t>(badDone) % usedTags.size()];
                    reason = "already used by another asset";
                } else {
                    row[10] = "Misplaced"; reason = "unknown status";
                }
                break;
            case 9: row[10] = "Misplaced"; reason = "unknown status"; break;
            case 10: row[2] = ""; reason = "missing model"; break;
            case 11: row[9] = locations.front() + " - Narnia"; reason = "no room"; break;
            default: row.push_back("stray"); reason = "fields where the header has"; break;
            }
            s.bad.push_back({line, reason});
            ++badDone;
        } else {
            good.push_back(row);
            s.goodSerials.push_back(serial);
            ++s.goodRows;
        }
        io::writeCsvRecord(out, row);
        ++line;
        for (const auto &f : row)
            line += static_cast<int>(std::count(f.begin(), f.end(), '\n'));
    }
    s.csv = out.str();
    return s;
}

} // namespace rd
