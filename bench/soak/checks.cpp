#include "checks.h"

#include "device.h"
#include "synceddata.h"
#include "tablet.h"

#include "store/database.h"

#include <optional>
#include <regex>

namespace rd::soak {

namespace {

constexpr std::size_t kFindingsPerCheck = 12;

/** A refusal's reason with its ids and numbers taken out, so that like reasons count together. */
std::string reasonKind(const std::string &reason)
{
    static const std::regex id("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static const std::regex soakToken("soak:[A-Za-z0-9]+:[a-z]+:[0-9]+|SOAK-[A-Za-z0-9]+-[0-9]+");
    auto text = std::regex_replace(std::regex_replace(reason, id, "<id>"), soakToken, "<token>");
    return text.size() > 160 ? text.substr(0, 160) + "..." : text;
}

/** The "id" field of a mutation's data as the tablet keeps it (the record it creates or changes). */
std::optional<std::string> payloadId(const std::string &payload)
{
    static const std::regex idField("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    std::smatch m;
    if (!std::regex_search(payload, m, idField))
        return std::nullopt;
    return m[1].str();
}

/** Where the server holds a record: itself, the record it was merged into, or nowhere. */
enum class Held { Itself, Merged, Nowhere };

Held heldOnServer(sql::Database &server, const std::string &table, const Id &id)
{
    {
        auto q = server.query("SELECT 1 FROM " + table + " WHERE id = ?1");
        q->bindAll(id);
        if (q->step())
            return Held::Itself;
    }
    auto q = server.query("SELECT canonical_id FROM id_aliases WHERE alias_id = ?1 AND table_name = ?2");
    q->bindAll(id, table);
    if (!q->step())
        return Held::Nowhere;
    const Id kept = q->id(0);
    auto k = server.query("SELECT 1 FROM " + table + " WHERE id = ?1");
    k->bindAll(kept);
    return k->step() ? Held::Merged : Held::Nowhere;
}

/** Whether a change of @p id still waits in the tablet's outbox to be sent. */
/**
 * The record a change names now, when the tablet rewrote it: a merged record's id becomes the kept
 * one's in the outbox entries the tablet keeps (schema 4 keeps acknowledged ones), so what it sends
 * a restored server again names the kept record.
 */
std::optional<Id> renamedTo(Tablet &tablet, const Change &c)
{
    auto q = tablet.store().database().query("SELECT payload FROM outbox WHERE rowid = ?1");
    q->bind(1, c.rowid);
    if (!q->step())
        return std::nullopt;
    const auto id = payloadId(q->text(0));
    if (!id)
        return std::nullopt;
    const Id now = Id::parse(*id, "outbox record id");
    return now == c.recordId ? std::nullopt : std::optional(now);
}

bool inOutbox(Tablet &tablet, const Id &id)
{
    auto &db = tablet.store().database();
    // From schema version 4 the outbox keeps acknowledged changes (acked_at) for a restored server.
    const bool keepsAcknowledged = db.scalar("SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'acked_at'") > 0;
    auto q = db.query(std::string("SELECT 1 FROM outbox WHERE instr(payload, ?1) > 0") +
                      (keepsAcknowledged ? " AND acked_at IS NULL" : "") + " LIMIT 1");
    q->bindAll(id.toString());
    return q->step();
}

std::string describe(const Device &d, const Change &c)
{
    return "device " + std::to_string(d.index()) + " (" + d.user().name + ") seq " + std::to_string(c.seq) + " " +
           c.kind + " " + c.recordId.toString() + (c.token.empty() ? "" : " '" + c.token + "'");
}

void note(CheckReport &r, std::size_t &shown, std::string text)
{
    if (shown++ < kFindingsPerCheck)
        r.findings.push_back(std::move(text));
}

/** Records that reached the server more than once: by the text only one record carries, or by id twice. */
void checkDuplicates(sql::Database &server, CheckReport &r)
{
    struct Carrier {
        const char *table;
        const char *column;
        const char *pattern;
    };
    static constexpr Carrier kCarriers[] = {
        {"assets", "serial", "SOAK-%"},
        {"step_results", "note", "soak:%"},
        {"signoffs", "user_name", "Soak soak:%"},
        {"backouts", "reason", "soak:%"},
    };
    std::size_t shown = 0;
    for (const auto &c : kCarriers) {
        auto q = server.query(std::string("SELECT ") + c.column + ", count(*) FROM " + c.table + " WHERE " +
                              c.column + " LIKE ?1 GROUP BY " + c.column + " HAVING count(*) > 1");
        q->bindAll(std::string(c.pattern));
        while (q->step()) {
            r.duplicated += q->int64(1) - 1;
            note(r, shown,
                 "duplicated: " + std::string(c.table) + " holds '" + q->text(0) + "' " + std::to_string(q->int64(1)) +
                     " times");
        }
    }
    // A record kept under its own id and also as another record's alias is there twice.
    for (const char *table : {"assets", "installations", "step_results", "signoffs", "backouts"}) {
        auto q = server.query(std::string("SELECT count(*) FROM id_aliases a JOIN ") + table +
                              " t ON t.id = a.alias_id WHERE a.table_name = ?1");
        q->bindAll(std::string(table));
        if (q->step() && q->int64(0) > 0) {
            r.duplicated += q->int64(0);
            note(r, shown,
                 "duplicated: " + std::to_string(q->int64(0)) + " " + table +
                     " rows are also aliases of another record");
        }
    }
}

} // namespace

CheckReport checkSoak(sql::Database &server, const std::vector<Device *> &devices,
                      const std::map<std::string, Tablet *> &freshByUser, const std::vector<RestoreWindow> &restores)
{
    CheckReport r;
    // The losses a restore explains are many and alike; the others are listed first, each.
    std::size_t lostShown = 0, unexplainedShown = 0, stuckShown = 0, divergedShown = 0;
    for (Device *d : devices) {
        d->settle();
        auto &tablet = d->tablet();
        const int waiting = d->pending();
        r.stuck += waiting;
        if (waiting > 0)
            note(r, stuckShown,
                 "stuck: device " + std::to_string(d->index()) + " (" + d->user().name + ") still holds " +
                     std::to_string(waiting) + " unsent changes; its last sync said: " +
                     tablet.client().lastSummary().toStdString());
        // Refusals by record, as well as by sequence number: a client that renumbers its outbox
        // (after a seq_gap) still finds its reasons.
        std::map<std::string, std::string> refusedIds;
        {
            auto q = tablet.store().database().query("SELECT payload, reason FROM local_rejections");
            while (q->step()) {
                if (const auto id = payloadId(q->text(0)))
                    refusedIds.emplace(*id, q->text(1));
            }
        }
        for (const auto &c : d->changes()) {
            ++r.mutations;
            if (c.state == Change::State::Acknowledged)
                ++r.acknowledged;
            std::string reason = c.reason;
            if (c.state != Change::State::Refused && !c.table.empty())
                if (const auto it = refusedIds.find(c.recordId.toString()); it != refusedIds.end())
                    reason = it->second;
            if (c.state == Change::State::Refused || !reason.empty()) {
                ++r.refused;
                ++r.refusedByReason[c.kind + ": " + reasonKind(reason)];
                continue;
            }
            if (c.table.empty())
                continue; // a field change: its effect is checked by the fresh pull below
            ++r.records;
            auto held = heldOnServer(server, c.table, c.recordId);
            if (held == Held::Nowhere) {
                // Merged on the tablet's side: the server's alias may be gone with a restore, but
                // the tablet now names the kept record, which is what it sends again.
                if (const auto kept = renamedTo(tablet, c); kept && heldOnServer(server, c.table, *kept) != Held::Nowhere)
                    held = Held::Merged;
            }
            if (held == Held::Merged)
                ++r.merged;
            if (held != Held::Nowhere)
                continue;
            if (c.state == Change::State::Pending && inOutbox(tablet, c.recordId))
                continue; // not sent yet: counted as stuck above
            ++r.lost;
            ++r.lostByKind[c.kind];
            std::string why;
            bool explained = false;
            if (c.state == Change::State::Pending) {
                ++r.vanished;
                why = "never acknowledged, and no longer in the outbox";
            } else {
                why = "acknowledged at " + std::to_string(c.settledMs) + " ms";
                for (const auto &w : restores) {
                    if (c.settledMs > w.backupMs && c.settledMs <= w.restoredMs) {
                        ++r.lostAfterRestore;
                        explained = true;
                        why += ", after the backup of " + std::to_string(w.backupMs) +
                               " ms that was restored at " + std::to_string(w.restoredMs) + " ms";
                        break;
                    }
                }
            }
            if (explained)
                note(r, lostShown, "lost: " + describe(*d, c) + " is not on the server: " + why);
            else
                note(r, unexplainedShown, "lost (no restore explains it): " + describe(*d, c) + " is not on the server: " + why);
        }

        const auto fresh = freshByUser.find(d->user().name);
        if (fresh == freshByUser.end() || !fresh->second) {
            ++r.diverged;
            note(r, divergedShown, "diverged: no fresh tablet of " + d->user().name + " to compare device " +
                                       std::to_string(d->index()) + " with");
            continue;
        }
        const auto sites = SyncedData::sitesOf(server, d->user().name);
        const QString diff = SyncedData::compare(
            tablet.store().database(), QStringLiteral("device %1 (%2)").arg(d->index()).arg(QString::fromStdString(d->user().name)),
            fresh->second->store().database(), QStringLiteral("a fresh pull"), sites);
        if (!diff.isEmpty()) {
            ++r.diverged;
            // The tables that differ and their counts, with a few rows of the first.
            const auto lines = diff.trimmed().split(u'\n');
            QStringList shown;
            int rows = 0;
            for (const auto &line : lines) {
                if (!line.startsWith(u' '))
                    shown << line;
                else if (rows++ < 4)
                    shown << line.left(300);
            }
            note(r, divergedShown, "diverged: " + shown.join(u'\n').toStdString());
        }
    }
    checkDuplicates(server, r);
    return r;
}

} // namespace rd::soak
