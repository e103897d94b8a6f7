#include "assetcommands.h"

#include "admincommands.h"

#include "domain/text.h"
#include "io/assetexport.h"
#include "io/assetimport.h"
#include "store/store.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>

namespace rd::server {

namespace {

/** The whole of @p path; nothing, with the reason on @p err, when it cannot be read. */
std::optional<std::string> readFile(const std::string &path, const std::string &command, std::ostream &err)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        err << "syncserver " << command << ": " << path << " is a directory, not a CSV file\n";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << "syncserver " << command << ": cannot open " << path << "\n";
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/** Who the import is recorded as: --as NAME (a release manager), else the first release manager. */
std::optional<User> importer(Store &store, const CommandLine &c, std::ostream &err)
{
    if (const auto name = c.value("as")) {
        auto u = store.userByName(*name);
        if (!u || u->role != Role::ReleaseManager) {
            err << "syncserver import-assets: --as must name a release manager; '" << printable(*name, 64) << "' "
                << (u ? "is not one" : "is not a user") << "\n";
            return std::nullopt;
        }
        return u;
    }
    auto q = store.database().query(
        "SELECT name FROM users WHERE role = 'release-manager' AND active = 1 ORDER BY id LIMIT 1");
    if (q->step())
        return store.userByName(q->text(0));
    err << "syncserver import-assets: the database has no release manager to record the import as: add one "
           "(syncserver user add NAME --role release-manager) or give --as NAME\n";
    return std::nullopt;
}

} // namespace

int importAssetsCommand(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    if (!c.value("data") || c.positional.size() != 1) {
        err << "syncserver import-assets: usage: syncserver import-assets --data DIR FILE [--dry-run] [--as NAME]\n";
        return 2;
    }
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    const auto &file = c.positional[0];
    const auto bytes = readFile(file, "import-assets", err);
    if (!bytes)
        return 2;
    Store store(*database);
    const bool dry = c.flag("dry-run");
    // A dry run writes nothing, so it needs nobody to record it as (but --as is still checked).
    std::optional<User> by;
    if (!dry || c.value("as")) {
        by = importer(store, c, err);
        if (!by)
            return 2;
    }
    const auto report = dry ? io::planAssetImport(store, *bytes) : io::importAssets(store, *bytes, by->id, nowMillis());
    if (report.error.empty() || !report.rows.empty()) {
        for (const auto &row : report.rows) {
            if (row.outcome == io::RowOutcome::Refused)
                out << "line " << row.line << ": refused: " << row.detail << "\n";
            else if (row.outcome == io::RowOutcome::SameSerial)
                out << "line " << row.line << ": left out: " << row.detail << "\n";
        }
    }
    if (!report.ok() && report.rows.empty()) {
        err << "syncserver import-assets: " << file << ": " << report.error << "\n";
        return 1;
    }
    const auto &n = report.counts;
    std::ostringstream how;
    how << report.format << " columns";
    if (report.readAsWindows1252)
        how << ", read as Windows-1252";
    if (!report.ignoredColumns.empty())
        how << ", " << report.ignoredColumns.size() << " other column" << (report.ignoredColumns.size() == 1 ? "" : "s")
            << " ignored";
    out << (dry ? "dry run of " : "import of ") << file << " (" << how.str() << "): " << report.rows.size()
        << " rows: " << n.added << " new, " << n.updated << " updated, " << n.unchanged << " unchanged, " << n.sameSerial
        << " same serial as an existing asset (left out), " << n.refused << " refused\n";
    if (!report.ok()) {
        err << "syncserver import-assets: " << report.error << "\n";
        return 1;
    }
    if (dry)
        out << "nothing was changed (a dry run); without --dry-run " << report.toWrite()
            << " assets would be added or updated\n";
    else if (report.applied)
        out << n.added << " assets added and " << n.updated << " updated, recorded as " << by->name
            << "; tablets receive them at their next sync\n";
    else
        out << "nothing to change: the inventory already holds what the file says\n";
    return n.added + n.updated + n.unchanged == 0 ? 1 : 0;
}

int exportAssetsCommand(const CommandLine &c, std::ostream &out, std::ostream &err)
{
    if (!c.value("data") || c.positional.size() > 1) {
        err << "syncserver export-assets: usage: syncserver export-assets --data DIR "
               "[--installations --from YYYY-MM-DD --to YYYY-MM-DD] [FILE]\n";
        return 2;
    }
    const bool installations = c.flag("installations");
    std::optional<std::pair<Millis, Millis>> range;
    if (installations) {
        const auto from = c.value("from").value_or("");
        const auto to = c.value("to").value_or("");
        range = io::dayRange(from, to);
        if (!range) {
            err << "syncserver export-assets: --installations needs --from YYYY-MM-DD and --to YYYY-MM-DD, two "
                   "days that exist, the first not after the second\n";
            return 2;
        }
    } else if (c.value("from") || c.value("to")) {
        err << "syncserver export-assets: --from and --to go with --installations\n";
        return 2;
    }
    const auto database = databaseLocation(c, err);
    if (!database)
        return 2;
    Store store(*database);
    std::ostringstream csv;
    const int n = installations ? io::writeInstallationsCsv(store, range->first, range->second, csv)
                                : io::writeInventoryCsv(store, csv);
    if (c.positional.empty()) {
        out << csv.str();
        return 0;
    }
    // Written beside the file and renamed, so that FILE is never half-written.
    const std::filesystem::path file = c.positional[0];
    const auto temp = file.string() + ".part";
    {
        std::ofstream f(temp, std::ios::binary | std::ios::trunc);
        f << csv.str();
        f.close();
        if (!f) {
            err << "syncserver export-assets: cannot write " << file.string() << "\n";
            std::filesystem::remove(temp);
            return 1;
        }
    }
    std::filesystem::rename(temp, file);
    out << n << (installations ? " installations" : " assets") << " written to " << file.string() << "\n";
    return 0;
}

} // namespace rd::server
